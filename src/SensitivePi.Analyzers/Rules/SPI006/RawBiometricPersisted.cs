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
internal sealed class RawBiometricPersisted : ValueFlowRule
{
    public RawBiometricPersisted()
        : base(ValueFlowRules.RawBiometricPersisted, Descriptors.RawBiometricPersisted, SinkKinds.Storage, DataClasses.RawSample, SinkKinds.Storage)
    {
    }

    // A helper of yours that stores what it is given (`archive.Save(path, capture.Photo)`): reported where the raw
    // sample enters it, unless consent is shown there or on the way (docs/rules/SPI006.md).
    public override SinkKinds AcrossSinks => SinkKinds.Storage;

    public override DiagnosticDescriptor AcrossDescriptor => CompilationEndDescriptors.RawBiometricPersisted;

    // A wrapper check of another file counts for its callers, at compilation end (WaitingBodies).
    public override bool ReadsWrappersElsewhere => true;

    public override IValueFlowCheck Start(ValueFlowEngine engine) => new Check(this, engine);

    private sealed class Check : IValueFlowCheck, IReportsAtCompilationEnd
    {
        private readonly RawBiometricPersisted _rule;
        private readonly ValueFlowEngine _engine;

        // Bodies whose verdict depends on a wrapper check declared in another file, decided at compilation end.
        private readonly WaitingBodies _waiting = new();

        public Check(RawBiometricPersisted rule, ValueFlowEngine engine)
        {
            _rule = rule;
            _engine = engine;
        }

        // A guard at the top of the body granting the Biometric consent covers every store after it.
        public bool CannotReport(ValueFlowBody body) => body.ConsentShownThroughout;

        public void Report(ValueFlowBody body)
        {
            var unguarded = Unguarded(body);
            if (unguarded.Count == 0 || _waiting.Hold(_engine, body))
            {
                return;
            }

            Decide(unguarded, _rule.Descriptor, body.Report);
        }

        public bool ReportsAt(ValueFlowBody body, SinkHit hit) => _rule.ReportsAt(body, hit);

        public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report) => _rule.ReportAcross(finding, report);

        // Every wrapper has been read now: the waiting bodies' guards are worked out again.
        public void ReportAtEnd(ValueFlowEngine engine, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken) =>
            WaitingBodies.Rethrow(_waiting.DecideAll(
                (waiting, token) => waiting.AtCompilationEnd(token),
                again => Decide(Unguarded(again), CompilationEndDescriptors.RawBiometricPersisted, report),
                cancellationToken));

        private static void Decide(System.Collections.Generic.List<(SinkHit Hit, Taint Raw)> unguarded, DiagnosticDescriptor descriptor, System.Action<Diagnostic> report)
        {
            foreach (var (hit, raw) in unguarded)
            {
                report(Diagnostic.Create(descriptor, hit.Node.GetLocation(), hit.DescribeData(raw), hit.Sink.DisplayName, Citations.RawSamples));
            }
        }

        // The stores of raw samples no guard covers.
        private static System.Collections.Generic.List<(SinkHit Hit, Taint Raw)> Unguarded(ValueFlowBody body)
        {
            var unguarded = new System.Collections.Generic.List<(SinkHit, Taint)>();
            foreach (var hit in body.Taint.Hits)
            {
                if (hit.Sink.Kind != SinkKind.Storage)
                {
                    continue;
                }

                var raw = hit.Taint.Where(origin => origin.IsRawSample);
                if (!raw.IsEmpty && (body.Guards.MaskAt(hit.Call) & ConsentCatalog.NeededBit(PiCategory.Biometric)) == 0)
                {
                    unguarded.Add((hit, raw));
                }
            }

            return unguarded;
        }
    }

    // A store the helper itself does not guard with the Biometric consent.
    private bool ReportsAt(ValueFlowBody body, SinkHit hit) =>
        hit.Sink.Kind == SinkKind.Storage && (body.ConsentAt(hit.Call) & ConsentCatalog.NeededBit(PiCategory.Biometric)) == 0;

    // At the caller's argument, when no call on the path (the caller's included) shows the Biometric consent.
    private void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
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
