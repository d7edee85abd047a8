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

    // A helper of yours that stores what it is given (`archive.Save(path, capture.Photo)`): reported where the raw
    // sample enters it, unless consent is shown there or on the way (docs/rules/SPI006.md).
    public override SinkKinds AcrossSinks => SinkKinds.Storage;

    public override DiagnosticDescriptor AcrossDescriptor => CompilationEndDescriptors.RawBiometricPersisted;

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

    // A store the helper itself does not guard with the Biometric consent.
    public bool ReportsAt(ValueFlowBody body, SinkHit hit) =>
        hit.Sink.Kind == SinkKind.Storage && (body.ConsentAt(hit.Call) & ConsentCatalog.NeededBit(PiCategory.Biometric)) == 0;

    // At the caller's argument, when no call on the path (the caller's included) shows the Biometric consent.
    public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
    {
        var raw = finding.Data.Where(origin => origin.IsRawSample);
        if (raw.IsEmpty)
        {
            return;
        }

        foreach (var step in finding.Path)
        {
            if ((step.Consent & ConsentCatalog.NeededBit(PiCategory.Biometric)) != 0)
            {
                return;
            }
        }

        report(Diagnostic.Create(
            CompilationEndDescriptors.RawBiometricPersisted, finding.Node.GetLocation(), finding.StepLocations(), raw.Describe(), finding.SinkAndPath, Citations.RawSamples));
    }
}
