using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI006 (docs/rules/SPI006.md): a raw biometric sample stored. Keeping raw samples is allowed with the
/// individual's separate consent for biometrics; masked or encrypted samples are not raw any more (the
/// engine's sanitizers).
/// </summary>
internal sealed class RawBiometricPersisted : ValueFlowRule, IValueFlowCheck
{
    public RawBiometricPersisted()
        : base(ValueFlowRules.RawBiometricPersisted, Descriptors.RawBiometricPersisted, SinkKinds.Storage, DataClasses.RawSample, SinkKinds.Storage)
    {
    }

    public override IValueFlowCheck Start(ValueFlowEngine engine) => this;

    // A guard at the top of the body granting the Biometric consent covers every store after it.
    public bool CannotReport(ValueFlowBody body) => body.ConsentShownThroughout;

    public void Report(ValueFlowBody body)
    {
        foreach (var hit in body.Taint.Hits)
        {
            if (hit.Sink.Kind != SinkKind.Storage)
            {
                continue;
            }

            var raw = hit.Taint.Where(origin => origin.IsRawSample);
            if (!raw.IsEmpty && (body.Guards.MaskAt(hit.Call) & ConsentCatalog.NeededBit(PiCategory.Biometric)) == 0)
            {
                body.Report(Diagnostic.Create(Descriptor, hit.Node.GetLocation(), hit.DescribeData(raw), hit.Sink.DisplayName, Citations.RawSamples));
            }
        }
    }

    // Only what one body shows (only value rules report across methods so far).
    public bool ReportsAt(ValueFlowBody body, SinkHit hit) => false;

    public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
    {
    }
}
