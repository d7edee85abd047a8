using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Analysis;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// The shape SPI003 and SPI005 share: they ask where data of their class is kept or sent, or a call requires
/// consent; a guard at the top of the body can clear them without a graph; they report the operations
/// <see cref="ConsentObligations"/> finds unguarded for the consent that counts for them.
/// </summary>
internal abstract class ConsentObligationRule : ValueFlowRule, IValueFlowCheck
{
    private readonly bool _guardian;

    /// <param name="guardian">Whether the guardian's consent for MinorUnder14 counts (SPI005), or a separate consent for the other categories (SPI003).</param>
    protected ConsentObligationRule(ValueFlowRules id, DiagnosticDescriptor descriptor, DataClasses data, bool guardian)
        : base(id, descriptor, ConsentObligations.SinksNeedingConsent, data, ConsentObligations.SinksNeedingConsent)
    {
        _guardian = guardian;
    }

    public sealed override bool AsksOnRequiredCalls => true;

    public sealed override IValueFlowCheck Start(ValueFlowEngine engine) => this;

    public bool CannotReport(ValueFlowBody body) => body.ConsentShownThroughout;

    public void Report(ValueFlowBody body)
    {
        foreach (var violation in ConsentObligations.Violations(body, separate: !_guardian, guardian: _guardian))
        {
            body.Report(ConsentRuleDiagnostics.Create(Descriptor, violation));
        }
    }

    // Only what one body shows (only value rules report across methods so far).
    public bool ReportsAt(ValueFlowBody body, SinkHit hit) => false;

    public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
    {
    }
}
