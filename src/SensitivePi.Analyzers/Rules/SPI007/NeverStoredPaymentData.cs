using System.Collections.Immutable;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI007 (docs/rules/SPI007.md): data marked <c>AtRest.NeverStore</c> (card track data, CVN2, expiry, card PIN,
/// payment password) reaching a store, encrypted, hashed or not: at the call for files, caches and SQL, once on
/// the member's declaration for an entity member the EF Core model stores (never at each <c>Add</c>), and at the value
/// set to an unannotated member the model stores.
/// </summary>
internal sealed class NeverStoredPaymentData : AtRestRule
{
    // The [NotMapped] fix applies to the reports on entity members only.
    private static readonly ImmutableDictionary<string, string?> EntityMember =
        ImmutableDictionary<string, string?>.Empty.Add(NeverStoredPaymentDataRule.EntityMemberProperty, "true");

    public NeverStoredPaymentData()
        : base(ValueFlowRules.NeverStoredPaymentData, Descriptors.NeverStoredPaymentData, CompilationEndDescriptors.NeverStoredPaymentData, DataClasses.NeverStored)
    {
    }

    protected override ImmutableDictionary<string, string?> MemberProperties => EntityMember;

    // A hash or ciphertext of a CVN2 is still a kept CVN2: every origin counts, protected or not.
    protected override Taint Select(Taint data) => data.Where(origin => origin.AtRest == PiAtRest.NeverStore);

    protected override bool ReportsMember(StoredMember stored) => stored.Origin.AtRest == PiAtRest.NeverStore;

    protected override string Clauses(Taint data) => Citations.NeverStore;
}
