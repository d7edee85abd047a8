using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Rules;

/// <summary>SPI001 (docs/rules/SPI001.md): sensitive data sent over a channel the code shows to be plaintext.</summary>
internal sealed class UnencryptedTransmission : ValueFlowRule
{
    public UnencryptedTransmission()
        : base(ValueFlowRules.UnencryptedTransmission, Descriptors.UnencryptedTransmission, SinkKinds.Network, DataClasses.Any, SinkKinds.Network)
    {
    }

    public override SinkKinds AcrossSinks => SinkKinds.Network;

    public override DiagnosticDescriptor AcrossDescriptor => CompilationEndDescriptors.UnencryptedTransmission;

    public override IValueFlowCheck Start(ValueFlowEngine engine) => new Check(engine);

    private sealed class Check : IValueFlowCheck, IReportsAtCompilationEnd
    {
        // Sends to a relative URI on a client from the HTTP client factory: its registration, read once every body is
        // surveyed, decides (docs/rules/SPI001.md, "Where the address comes from").
        private readonly ConcurrentBag<RegisteredSend> _waiting = new();

        // The same for sends that callers' or callees' data reaches (the cross-method pass): by sink argument.
        private readonly ConcurrentDictionary<SyntaxNode, HttpClientKey> _waitingSinks = new();

        private readonly ValueFlowEngine _engine;

        public Check(ValueFlowEngine engine) => _engine = engine;

        // Sends whose channel is not plaintext (nor left to a registration) cannot be reported, whatever flows where.
        public bool CannotReport(ValueFlowBody body) =>
            body.Engine.GraphFree.EverySinkCall(body.Root, SinkKind.Network, (call, sink) => Channel(body, call, sink) is var verdict
                && verdict.Security != ChannelSecurity.Plaintext && !WaitsForRegistration(body, verdict));

        public void Report(ValueFlowBody body)
        {
            foreach (var hit in body.Taint.Hits)
            {
                // Data encrypted before it is sent is not exposed by a plaintext channel.
                if (hit.Sink.Kind != SinkKind.Network || hit.Taint.Unprotected() is not { IsEmpty: false } readable)
                {
                    continue;
                }

                var verdict = Channel(body, hit.Call, hit.Sink);
                if (verdict.Security == ChannelSecurity.Plaintext)
                {
                    body.Report(UnencryptedTransmissionRule.Create(hit, readable, verdict));
                }
                else if (WaitsForRegistration(body, verdict))
                {
                    _waiting.Add(new RegisteredSend(verdict.Registration!.Value, hit, readable));
                }
            }
        }

        public void ReportAtEnd(ValueFlowEngine engine, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var send in _waiting.OrderBy(s => s.Location.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(s => s.Location.SourceSpan.Start))
            {
                if (engine.HttpClients.Resolve(send.Client) is { Security: ChannelSecurity.Plaintext } verdict)
                {
                    report(UnencryptedTransmissionRule.CreateRegistered(send, verdict));
                }
            }
        }

        // Registrations are gathered by the survey the cross-method pass runs; without it they are not read.
        private static bool WaitsForRegistration(ValueFlowBody body, ChannelVerdict verdict) =>
            verdict.Security == ChannelSecurity.Unknown && verdict.Registration is not null && body.Engine.CrossMethod.Enabled;

        // A send the body shows to be plaintext exposes whatever data callers or callees bring to it.
        public bool ReportsAt(ValueFlowBody body, SinkHit hit)
        {
            if (hit.Sink.Kind != SinkKind.Network)
            {
                return false;
            }

            var verdict = Channel(body, hit.Call, hit.Sink);
            if (WaitsForRegistration(body, verdict))
            {
                _waitingSinks[hit.Node] = verdict.Registration!.Value;
                return true;
            }

            return verdict.Security == ChannelSecurity.Plaintext;
        }

        public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
        {
            if (finding.Data.Unprotected() is not { IsEmpty: false } readable)
            {
                return;
            }

            if (!_waitingSinks.TryGetValue(finding.Sink.Node, out var client))
            {
                report(UnencryptedTransmissionRule.CreateAcross(finding, readable));
            }
            else if (_engine.HttpClients.Resolve(client).Security == ChannelSecurity.Plaintext)
            {
                report(UnencryptedTransmissionRule.CreateAcross(finding, readable, client));
            }
        }

        private static ChannelVerdict Channel(ValueFlowBody body, IOperation call, SinkMatch sink) => body.Channel(call, sink);
    }
}
