using SensitivePi.Analyzers.Analysis;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI005 (docs/rules/SPI005.md): data of a child under 14 kept or sent, or a member requiring consent for
/// MinorUnder14 called, where no guardian-consent check holds on every path.
/// </summary>
internal sealed class MissingGuardianConsent : ConsentObligationRule
{
    public MissingGuardianConsent()
        : base(ValueFlowRules.MissingGuardianConsent, Descriptors.MissingGuardianConsent, CompilationEndDescriptors.MissingGuardianConsent, DataClasses.Child, guardian: true)
    {
    }
}
