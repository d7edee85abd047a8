using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI008 (docs/rules/SPI008.md): data whose at-rest policy is Encrypted (declared, a credential, or a category
/// <c>sensitivepi.encrypt_at_rest</c> lists) reaching a store without passing, on every path, through an encryptor or
/// a hash: at the call for files, caches and SQL, and once on the member's declaration for an entity member the EF
/// Core model stores without an encrypting value converter, and at the value set to an unannotated member it so stores.
/// </summary>
internal sealed class UnencryptedStorage : AtRestRule
{
    public UnencryptedStorage()
        : base(ValueFlowRules.UnencryptedStorage, Descriptors.UnencryptedStorage, CompilationEndDescriptors.UnencryptedStorage, DataClasses.StoredEncrypted)
    {
    }

    // Protected twins are what passed through an encryptor or a hash; a path that skipped it leaves the plain origin.
    protected override Taint Select(Taint data) => data.Unprotected().Where(origin => origin.AtRest == PiAtRest.Encrypted);

    // A converter this cannot read may encrypt: nothing is guessed.
    protected override bool ReportsMember(StoredMember stored) => stored.Origin.AtRest == PiAtRest.Encrypted && ReportsStorage(stored.Storage);

    // A value written through the change tracker into a member whose converter encrypts is encrypted on its way to the table.
    protected override bool DependsOnStorage => true;

    protected override bool ReportsStorage(EntityStorage storage) => storage is EntityStorage.AsHeld or EntityStorage.Converted;

    // A CryptoStream encrypts what it writes into the file (docs/rules/SPI008.md).
    protected override bool ClearedByEncryptingStreams => true;

    protected override string Clauses(Taint data) => Citations.AtRest(data.Categories());
}
