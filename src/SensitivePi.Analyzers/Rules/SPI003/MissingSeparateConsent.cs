using SensitivePi.Analyzers.Analysis;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI003 (docs/rules/SPI003.md): Consent-based sensitive data kept or sent, or a member marked
/// [RequiresSeparateConsent] called, where no separate-consent check covers its category on every path.
/// </summary>
internal sealed class MissingSeparateConsent : ConsentObligationRule
{
    public MissingSeparateConsent()
        : base(ValueFlowRules.MissingSeparateConsent, Descriptors.MissingSeparateConsent, CompilationEndDescriptors.MissingSeparateConsent, DataClasses.ConsentBased, guardian: false)
    {
    }
}
