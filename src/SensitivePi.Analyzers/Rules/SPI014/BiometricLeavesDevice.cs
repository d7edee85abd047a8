using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI014 (docs/rules/SPI014.md): Biometric data reaching a network sink, whatever the scheme and the data's
/// legal basis, where no separate-consent check covering Biometric holds (the consent guards of SPI003, and a
/// containing member's <c>[RequiresSeparateConsent(Category.Biometric)]</c>). Only a mask clears the data:
/// encrypted biometric data still leaves the device.
/// </summary>
internal sealed class BiometricLeavesDevice : ValueFlowRule
{
    public BiometricLeavesDevice()
        : base(ValueFlowRules.BiometricLeavesDevice, Descriptors.BiometricLeavesDevice, SinkKinds.Network, DataClasses.Biometric, SinkKinds.Network)
    {
    }

    // In a helper, a send is decided by the helper's call sites (Rules/Consent/HelperConsent), at compilation end.
    public override bool ReadsHelperCalls => true;

    // A helper of yours that sends what it is given (`_faces.Upload(capture.Photo)`): reported where the biometric data
    // enters it, unless consent is shown there, on the way or in the helper before the send (docs/rules/SPI014.md).
    public override SinkKinds AcrossSinks => SinkKinds.Network;

    // A wrapper check of another file counts for its callers, at compilation end (WaitingBodies).
    public override bool ReadsWrappersElsewhere => true;

    public override DiagnosticDescriptor AcrossDescriptor => CompilationEndDescriptors.BiometricLeavesDevice;

    public override IValueFlowCheck Start(ValueFlowEngine engine) => new Check(engine);

    private sealed class Check : IValueFlowCheck, IReportsAtCompilationEnd
    {
        private readonly ValueFlowEngine _engine;
        private readonly System.Collections.Concurrent.ConcurrentQueue<HeldConsentNeed> _held = new();

        // Bodies whose verdict depends on a wrapper check declared in another file, decided at compilation end.
        private readonly WaitingBodies _waiting = new();

        public Check(ValueFlowEngine engine) => _engine = engine;

        // A member that declares the requirement passes it to its callers: nothing inside it is reported.
        public bool CannotReport(ValueFlowBody body) => (body.EntryMask & ConsentCatalog.NeededBit(PiCategory.Biometric)) != 0;

        public void Report(ValueFlowBody body)
        {
            var unguarded = Unguarded(body);
            if (unguarded.Count == 0 || _waiting.Hold(_engine, body))
            {
                return;
            }

            Decide(body, unguarded, Descriptors.BiometricLeavesDevice, body.Report);
        }

        // The sends of Biometric data no guard covers.
        private static System.Collections.Generic.List<(SinkHit Hit, Taint Data)> Unguarded(ValueFlowBody body)
        {
            var needed = ConsentCatalog.NeededBit(PiCategory.Biometric);
            var unguarded = new System.Collections.Generic.List<(SinkHit, Taint)>();
            foreach (var hit in body.Taint.Hits)
            {
                if (hit.Sink.Kind != SinkKind.Network || Biometric(hit.Taint) is not { IsEmpty: false } data || !IsTransmission(body, hit))
                {
                    continue;
                }

                if ((body.Guards.MaskAt(hit.Call) & needed) == 0)
                {
                    unguarded.Add((hit, data));
                }
            }

            return unguarded;
        }

        // A helper's unguarded sends wait for its call sites; any other body's are reported.
        private void Decide(ValueFlowBody body, System.Collections.Generic.List<(SinkHit Hit, Taint Data)> unguarded, DiagnosticDescriptor descriptor, System.Action<Diagnostic> report)
        {
            var needed = ConsentCatalog.NeededBit(PiCategory.Biometric);
            var helper = HelperConsent.HelperOf(_engine, body.Owner);
            foreach (var (hit, data) in unguarded)
            {
                // The consent-guard fix reads the category, as for SPI003 (ConsentRuleDiagnostics).
                var described = hit.DescribeData(data);
                var sink = hit.Sink.DisplayName;
                if (helper is not null)
                {
                    _held.Enqueue(new HeldConsentNeed(helper, hit.Node, PiCategory.Biometric, needed, (node, path) => Diagnostic.Create(
                        CompilationEndDescriptors.BiometricLeavesDevice, node.GetLocation(), GuardFix, described, path.IsEmpty ? sink : sink + "' through '" + string.Join("', '", path), Citations.BiometricOnDevice)));
                }
                else
                {
                    report(Diagnostic.Create(descriptor, hit.Node.GetLocation(), GuardFix, described, sink, Citations.BiometricOnDevice));
                }
            }
        }

        // A send the helper itself does not guard with the Biometric consent.
        public bool ReportsAt(ValueFlowBody body, SinkHit hit) =>
            hit.Sink.Kind == SinkKind.Network && IsTransmission(body, hit) && (body.ConsentAt(hit.Call) & ConsentCatalog.NeededBit(PiCategory.Biometric)) == 0;

        // At the caller's argument, when no call on the path (the caller's included) shows the Biometric consent.
        public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
        {
            var data = Biometric(finding.Data);
            var needed = ConsentCatalog.NeededBit(PiCategory.Biometric);
            if (data.IsEmpty || (finding.Sink.Consent & needed) != 0)
            {
                return;
            }

            foreach (var step in finding.Path)
            {
                if ((step.Consent & needed) != 0)
                {
                    return;
                }
            }

            // In a helper, at its unguarded call sites (docs/rules/SPI003.md, "Helpers: consent across methods").
            var described = data.Describe();
            Diagnostic Create(SyntaxNode at, System.Collections.Immutable.ImmutableList<string> outer) => Diagnostic.Create(
                CompilationEndDescriptors.BiometricLeavesDevice, at.GetLocation(), finding.StepLocations(), GuardFix, described, ConsentObligations.Along(finding, outer),
                Citations.BiometricOnDevice);
            if (finding.Owner is { } owner && HelperConsent.HelperOf(_engine, owner) is { } helper)
            {
                HelperConsent.Decide(new[] { new HeldConsentNeed(helper, finding.Node, PiCategory.Biometric, needed, Create) }, _engine.HelperCalls, report);
            }
            else
            {
                report(Create(finding.Node, System.Collections.Immutable.ImmutableList<string>.Empty));
            }
        }

        // Every wrapper has been read now: the waiting bodies' guards are worked out again, then the helpers' call sites decide.
        public void ReportAtEnd(ValueFlowEngine engine, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            var failed = _waiting.DecideAll(
                (waiting, token) => waiting.AtCompilationEnd(token),
                again => Decide(again, Unguarded(again), CompilationEndDescriptors.BiometricLeavesDevice, report),
                cancellationToken);
            HelperConsent.Decide(_held, engine.HelperCalls, report);
            WaitingBodies.Rethrow(failed);
        }
    }

    private static readonly System.Collections.Immutable.ImmutableDictionary<string, string?> GuardFix =
        System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(ConsentRuleDiagnostics.CategoryProperty, nameof(PiCategory.Biometric));

    // A writer or stream is a transmission only when it is shown to go to the network.
    private static bool IsTransmission(ValueFlowBody body, SinkHit hit) =>
        !(hit.Sink.Entry?.Channel is NetworkChannel.Writer or NetworkChannel.FtpStream && body.Channel(hit.Call, hit.Sink).Security == ChannelSecurity.Unknown);

    private static Taint Biometric(Taint taint) => taint.Where(origin => origin.Category == PiCategory.Biometric && !origin.IsPlaceholder);
}
