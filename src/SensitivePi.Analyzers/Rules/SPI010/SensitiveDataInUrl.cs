using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI010 (docs/rules/SPI010.md): sensitive data in the address of a request, a redirect or a navigation, whatever
/// the scheme. A request over a channel the code shows to be plaintext is SPI001's (one diagnostic per problem).
/// </summary>
internal sealed class SensitiveDataInUrl : ValueFlowRule
{
    public SensitiveDataInUrl()
        : base(ValueFlowRules.SensitiveDataInUrl, Descriptors.SensitiveDataInUrl, SinkKinds.Network | SinkKinds.Navigation, DataClasses.Any, SinkKinds.Network | SinkKinds.Navigation)
    {
    }

    // A helper that puts what it is given into an address (`Task Find(string id) => http.GetAsync($"…?id={id}")`):
    // reported where the data enters it, as are sends that wait for a registration (docs/rules/SPI001.md).
    public override SinkKinds AcrossSinks => SinkKinds.Network | SinkKinds.Navigation;

    public override DiagnosticDescriptor AcrossDescriptor => CompilationEndDescriptors.SensitiveDataInUrl;

    public override IValueFlowCheck Start(ValueFlowEngine engine) => new Check();

    /// <summary>The parameters of network sinks that take the request's address.</summary>
    internal static bool IsAddressParameter(IParameterSymbol? parameter) =>
        parameter is { Name: "requestUri" or "address" or "uri" or "url" };

    private sealed class Check : IValueFlowCheck, IReportsAtCompilationEnd
    {
        private readonly ConcurrentBag<(HttpClientKey Client, Diagnostic Diagnostic)> _waiting = new();

        // Only sends whose address is not a constant, and navigation, can put data in a URL.
        public bool CannotReport(ValueFlowBody body) =>
            !body.Survey.Sinks.Contains(SinkKind.Navigation)
            && body.Engine.GraphFree.EverySinkCall(body.Root, SinkKind.Network, (call, _) => AddressIsConstant(call, body.Engine));

        public void Report(ValueFlowBody body)
        {
            foreach (var hit in body.Taint.Hits)
            {
                if (hit.Taint.Unprotected() is not { IsEmpty: false } readable)
                {
                    continue;
                }

                if (hit.Sink.Kind == SinkKind.Navigation)
                {
                    body.Report(Create(Descriptors.SensitiveDataInUrl, hit, readable));
                }
                else if (hit.Sink.Kind == SinkKind.Network && RequestAddress(body, hit) is { } address)
                {
                    // `new HttpRequestMessage(method, url)` sent here: the data is in the request's address when the
                    // address argument carries it (content set later is not), reported where it was put there.
                    if (body.Taint.RecordedTaint(address.Syntax).Unprotected() is { IsEmpty: false } inAddress
                        && body.Channel(hit.Call, hit.Sink).Security != ChannelSecurity.Plaintext)
                    {
                        body.Report(Diagnostic.Create(Descriptors.SensitiveDataInUrl, address.Syntax.GetLocation(), inAddress.Describe(), hit.Sink.DisplayName, Citations.Url(inAddress.Categories())));
                    }
                }
                else if (hit.Sink.Kind == SinkKind.Network && IsAddressArgument(hit))
                {
                    // Over a channel shown to be plaintext the send is SPI001's; one whose channel a registration
                    // decides waits for it.
                    var verdict = body.Channel(hit.Call, hit.Sink);
                    if (verdict.Security == ChannelSecurity.Plaintext)
                    {
                        continue;
                    }

                    if (verdict.Security == ChannelSecurity.Unknown && verdict.Registration is { } client && body.Engine.CrossMethod.Enabled)
                    {
                        _waiting.Add((client, Create(CompilationEndDescriptors.SensitiveDataInUrl, hit, readable)));
                    }
                    else
                    {
                        body.Report(Create(Descriptors.SensitiveDataInUrl, hit, readable));
                    }
                }
            }
        }

        public void ReportAtEnd(ValueFlowEngine engine, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var (client, diagnostic) in _waiting.OrderBy(w => w.Diagnostic.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
                .ThenBy(w => w.Diagnostic.Location.SourceSpan.Start))
            {
                if (engine.HttpClients.Resolve(client).Security != ChannelSecurity.Plaintext)
                {
                    report(diagnostic);
                }
            }
        }

        // Navigation always; an address over a channel the body shows is not plaintext (that is SPI001's) and not
        // left to a registration (followed only within the body so far).
        public bool ReportsAt(ValueFlowBody body, SinkHit hit) =>
            hit.Sink.Kind == SinkKind.Navigation
            || (hit.Sink.Kind == SinkKind.Network && IsAddressArgument(hit) && body.Channel(hit.Call, hit.Sink) is var verdict
                && verdict.Security != ChannelSecurity.Plaintext && verdict.Registration is null);

        public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
        {
            if (finding.Data.Unprotected() is { IsEmpty: false } readable)
            {
                report(Diagnostic.Create(
                    CompilationEndDescriptors.SensitiveDataInUrl,
                    finding.Node.GetLocation(),
                    finding.StepLocations(),
                    readable.Describe(),
                    finding.SinkAndPath,
                    Citations.Url(readable.Categories())));
            }
        }

        private static Diagnostic Create(DiagnosticDescriptor descriptor, SinkHit hit, Taint readable) =>
            Diagnostic.Create(descriptor, hit.Node.GetLocation(), hit.DescribeData(readable), hit.Sink.DisplayName, Citations.Url(readable.Categories()));

        // The hit entered through the address parameter (not the content).
        private static bool IsAddressArgument(SinkHit hit)
        {
            if (hit.Call is not IInvocationOperation call)
            {
                return false;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Syntax == hit.Node || argument.Value.Syntax == hit.Node)
                {
                    return IsAddressParameter(argument.Parameter);
                }
            }

            return false;
        }

        // The address of the request a send's `request` argument is, when the hit is that argument.
        private static IOperation? RequestAddress(ValueFlowBody body, SinkHit hit)
        {
            if (hit.Call is not IInvocationOperation call)
            {
                return null;
            }

            foreach (var argument in call.Arguments)
            {
                if ((argument.Syntax == hit.Node || argument.Value.Syntax == hit.Node) && argument.Parameter?.Name == "request")
                {
                    return body.RequestAddress(argument.Value);
                }
            }

            return null;
        }

        // A constant address made of no classified member (review: an annotated const is data too).
        private static bool AddressIsConstant(IInvocationOperation call, ValueFlowEngine engine)
        {
            foreach (var argument in call.Arguments)
            {
                // A request message carries its own address.
                if (argument.Parameter?.Name == "request")
                {
                    return false;
                }

                if (IsAddressParameter(argument.Parameter) && !argument.IsImplicit
                    && (argument.Value.ConstantValue is not { HasValue: true } || argument.Value.DescendantsAndSelf().Any(o =>
                        o is IMemberReferenceOperation member && engine.Model.GetMemberOrigin(member.Member) is not null)))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
