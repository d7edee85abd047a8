using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Rules;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

/// <summary>
/// The questions SPI002 and SPI001 answer from the shape of each sink call, before any graph: a logging call given
/// only constants and facts, a send whose channel is not plaintext. Each shape is also run through the graph and the
/// taint analysis: a call accepted without the graph must never be one the analysis would report.
/// </summary>
public class GraphFreeAnswersTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using SensitivePi;

        public enum Faith { None, Other }

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            [SensitivePersonalInfo(Category.ReligiousBelief)] public Faith Faith { get; set; }
            public string City { get; set; } = "";
        }

        public record Visit([property: SensitivePersonalInfo(Category.MedicalHealth)] string Diagnosis)
        {
            public static Visit Current { get; } = new("");
        }

        [SensitivePersonalInfo(Category.MedicalHealth)]
        public class MedicalRecord
        {
            public static MedicalRecord Current { get; } = new();

            public string Hospital { get; set; } = "";

            public void MemberThroughThis(ILogger logger) => logger.LogInformation("{Hospital}", Hospital);

            public void CastOfThis(ILogger logger) => logger.LogInformation("{Record}", (object)this);

            public void FactThroughThis(ILogger logger) => logger.LogInformation("{Length}", Hospital.Length);
        }

        [SensitivePersonalInfo(Category.SpecificIdentity)]
        public readonly struct IdCard
        {
            public static implicit operator IdCard(string number) => default;
        }

        public class Logs
        {
            private static readonly Action<ILogger, IdCard, Exception?> s_issued = LoggerMessage.Define<IdCard>(LogLevel.Information, new EventId(1), "{Card}");

            public void StaticOfAnnotatedType(ILogger logger) => logger.LogInformation("{Hospital}", MedicalRecord.Current.Hospital);

            public void ConversionIntoAnnotatedParameter(ILogger logger) => s_issued(logger, "110101199003070011", null);

            private string _note = "";
            private static string s_last = "";

            public void ConstantsAndFacts(ILogger logger, Patient p, HttpResponseMessage response) =>
                logger.LogInformation("Sent {Status} {Length} {Kind}", response.StatusCode, p.IdNumber.Length, nameof(Patient));

            public void LiteralToConsole() => Console.WriteLine(true);

            public void AnnotatedEnumMember(ILogger logger, Patient p) => logger.LogInformation("{Faith}", p.Faith);

            public void InstanceField(ILogger logger, Patient p)
            {
                _note = p.IdNumber;
                logger.LogInformation("{Note}", _note);
            }

            public void StaticField(ILogger logger, Patient p)
            {
                s_last = p.IdNumber;
                logger.LogInformation("{Last}", s_last);
            }

            public void Local(ILogger logger, Patient p)
            {
                var id = p.IdNumber;
                logger.LogInformation("{Id}", id);
            }

            public void StaticContainer(ILogger logger) => logger.LogInformation("{Visit}", Visit.Current);

            public void UnclassifiedMemberOfParameter(ILogger logger, Patient p) => logger.LogInformation("{City}", p.City);

            public void InLambda(ILogger logger, List<Patient> patients) => patients.ForEach(p => logger.LogInformation("{Id}", p.IdNumber));

            public void FactInLambda(ILogger logger, List<Patient> patients) => patients.ForEach(p => logger.LogInformation("{Length}", p.IdNumber.Length));

            public void Interpolated(ILogger logger, Patient p) => logger.LogInformation($"{p.IdNumber}");
        }

        public class Throws
        {
            public void ConstantsOnly(Patient p)
            {
                if (p.IdNumber.Length == 0)
                {
                    throw new ArgumentException("Empty", nameof(p));
                }
            }

            public void DataInMessage(Patient p) => throw new ArgumentException(p.IdNumber);

            public void CreatedNotThrown(Patient p)
            {
                var error = new InvalidOperationException(p.Diagnosis);
                Console.WriteLine(error.Message.Length);
            }

            public void IntoData(Patient p)
            {
                var error = new InvalidOperationException("Lookup failed");
                error.Data["id"] = p.IdNumber;
                throw error;
            }
        }

        public record Address(string City);

        public class Envelope
        {
            public object? Data { get; set; }
        }

        [SensitivePersonalInfo(Category.MedicalHealth)]
        public record Referral(string Hospital, string Note);

        public class Quiet
        {
            public void NoData(ILogger logger, string name) => logger.LogInformation("{Name}", name);

            public void NoDataInLambda(ILogger logger, List<string> names) => names.ForEach(n => logger.LogInformation("{Name}", n));

            public void CreationShowingNothing(ILogger logger, string city) => logger.LogInformation("{@Address}", new Address(city));

            public void ThrowsWithText(string name) => throw new InvalidOperationException(name);

            public void ContainerParameter(ILogger logger, Patient p) => logger.LogInformation("{@Patient}", p);

            public void CreatedWithoutClassifiedMembers(ILogger logger, string city) => logger.LogInformation("{@Patient}", new Patient { City = city });

            public void KeptInDictionary(Patient p)
            {
                var byCity = new Dictionary<string, Patient>();
                byCity[p.City] = p;
            }

            public void PrintedIntoExceptionData(Visit visit)
            {
                var error = new InvalidOperationException("Lookup failed");
                error.Data["visit"] = visit;
                throw error;
            }

            public void LoopVariableOfAnotherType(ILogger logger, List<MedicalRecord> records)
            {
                foreach (object record in records)
                {
                    logger.LogInformation("Exported {Record}", record);
                }
            }

            public void PositionalPattern(ILogger logger, object entry)
            {
                if (entry is Referral(var hospital, _))
                {
                    logger.LogInformation("Referred to {Hospital}", hospital);
                }
            }

            public void ConditionalReceiver(Visit visit)
            {
                var error = new InvalidOperationException("Lookup failed");
                error.Data?.Add("visit", visit);
                throw error;
            }

            public void IndexedInInitializer(Visit visit) =>
                throw new InvalidOperationException("Lookup failed") { Data = { ["visit"] = visit } };

            // A collection initializer's Add takes its arguments implicitly: the sink check reads no data value there, with a graph or
            // without (a limit of the check, not of the skip).
            public void AddedInInitializer(Visit visit) =>
                throw new InvalidOperationException("Lookup failed") { Data = { { "visit", visit } } };

            public void PrintedIntoDictionary(Visit visit)
            {
                var byId = new Dictionary<string, Visit>();
                byId["visit"] = visit;
            }

            public void ContainerInLooseMember(ILogger logger, Patient p) => logger.LogInformation("{@Envelope}", new Envelope { Data = p });

            public void SerialisedThenLogged(ILogger logger, Patient p)
            {
                var json = JsonSerializer.Serialize(new Envelope { Data = p });
                logger.LogInformation("{Json}", json);
            }
        }

        public class Sends
        {
            private const string Secure = "https://partner.example.cn/api";
            private readonly HttpClient _http = new();
            private readonly string _endpoint;

            public Sends(bool test) => _endpoint = "http://partner.example.cn/api";

            public Task HttpsLiteral(HttpClient http, Patient p) => http.PostAsync("https://partner.example.cn/api", new StringContent(p.Diagnosis));

            public Task HttpsConstant(Patient p) => _http.PostAsync(Secure, new StringContent(p.Diagnosis));

            public Task HttpLiteral(HttpClient http, Patient p) => http.PostAsync("http://partner.example.cn/api", new StringContent(p.Diagnosis));

            public Task UrlFromCaller(HttpClient http, string url, Patient p) => http.PostAsync(url, new StringContent(p.Diagnosis));

            public Task RelativeToPlainBase(Patient p)
            {
                var http = new HttpClient { BaseAddress = new Uri("http://partner.example.cn/") };
                return http.PostAsync("api", new StringContent(p.Diagnosis));
            }

            public Task FieldAssignedElsewhere(Patient p) => _http.PostAsync(_endpoint, new StringContent(p.Diagnosis));

            public async Task SecureThenPlainInLambda(Patient p)
            {
                await _http.PostAsync(Secure, new StringContent(p.Diagnosis));
                Func<Task> later = () => _http.PostAsync("http://partner.example.cn/api", new StringContent(p.Diagnosis));
                await later();
            }
        }
        """;

    // Accepted without a graph → no hit; refused → the graph decides (and finds one where the shape carries data).
    [Theory]
    [InlineData("ConstantsAndFacts", true, false)]
    [InlineData("LiteralToConsole", true, false)]
    [InlineData("AnnotatedEnumMember", false, true)]
    [InlineData("InstanceField", false, true)]
    [InlineData("StaticField", false, true)]
    [InlineData("Local", false, true)]
    [InlineData("StaticContainer", false, true)]
    [InlineData("UnclassifiedMemberOfParameter", false, false)]
    [InlineData("InLambda", false, true)]
    [InlineData("FactInLambda", true, false)]
    [InlineData("Interpolated", false, true)]
    [InlineData("MemberThroughThis", false, true)]
    [InlineData("CastOfThis", false, true)]
    [InlineData("FactThroughThis", true, false)]
    [InlineData("StaticOfAnnotatedType", false, true)]
    [InlineData("ConversionIntoAnnotatedParameter", false, true)]
    public async Task Logging_calls_given_only_constants_and_facts_need_no_graph(string method, bool withoutGraph, bool graphFindsData)
    {
        var (engine, root, graph, symbol) = await BodyAsync(method);

        var accepted = engine.GraphFree.EverySinkCall(root, SinkKind.Logging, engine.GraphFree.TakesNoData);
        var hits = MethodAnalysis.Run(engine, graph, symbol, SinkKind.Logging);

        Assert.Equal(withoutGraph, accepted);
        Assert.Equal(graphFindsData, hits.Count > 0);
    }

    // Accepted without a graph → no send the taint analysis finds goes out in plaintext.
    [Theory]
    [InlineData("HttpsLiteral", true, false)]
    [InlineData("HttpsConstant", true, false)]
    [InlineData("UrlFromCaller", true, false)]
    [InlineData("HttpLiteral", false, true)]
    [InlineData("RelativeToPlainBase", false, true)]
    [InlineData("FieldAssignedElsewhere", false, true)]
    [InlineData("SecureThenPlainInLambda", false, true)]
    public async Task Sends_whose_channel_is_not_plaintext_need_no_graph(string method, bool withoutGraph, bool graphFindsPlaintext)
    {
        var (engine, root, graph, symbol) = await BodyAsync(method);
        var body = ValueDefinitions.Of(root);
        var type = TypeFacts.Of(symbol.ContainingType, root, CancellationToken.None);
        var resolver = new ChannelResolver(body, type);

        var accepted = engine.GraphFree.EverySinkCall(root, SinkKind.Network, (call, sink) => resolver.Resolve(call, sink, root).Security != ChannelSecurity.Plaintext);
        var hits = MethodAnalysis.Run(engine, graph, symbol, SinkKind.Network);

        Assert.Equal(withoutGraph, accepted);
        Assert.NotEmpty(hits);
        Assert.Equal(graphFindsPlaintext, hits.Any(hit => resolver.Resolve(hit).Security == ChannelSecurity.Plaintext));
    }

    // SPI011's check: exceptions given only constants and facts, or not thrown, settle the body without a graph; an exception
    // created beside a data write into another's Data does not.
    [Theory]
    [InlineData("ConstantsOnly", true, false)]
    [InlineData("DataInMessage", false, true)]
    [InlineData("CreatedNotThrown", true, true)]
    [InlineData("IntoData", false, true)]
    public async Task Exceptions_given_only_constants_or_never_thrown_need_no_graph(string method, bool withoutGraph, bool graphFindsData)
    {
        var (engine, root, graph, symbol) = await BodyAsync(method);
        var rule = RuleRegistry.ValueFlowRules.Single(r => r.Id == ValueFlowRules.SensitiveDataInException);
        var survey = engine.Surveyor.Survey(root, rule.Sinks, askRequiredCalls: false, _ => rule.Data);

        var accepted = rule.Start(engine).CannotReport(new ValueFlowBody(symbol, root, engine, survey, CancellationToken.None));
        var hits = MethodAnalysis.Run(engine, graph, symbol, SinkKind.Exception);

        Assert.True(rule.Asks(survey));
        Assert.Equal(withoutGraph, accepted);
        Assert.Equal(graphFindsData, hits.Any(hit => !hit.Taint.IsEmpty));
    }

    // A body that reads no data itself: only a container handed to a sink, or a serialiser's text of what a created object is given,
    // could be found, so a body with neither gets no taint analysis (Rules/ValueFlowBody.Taint). Logging and exceptions are asked
    // (a serialiser's overloads that write to a stream are storage sinks themselves).
    [Theory]
    [InlineData("NoData", true, false)]
    [InlineData("NoDataInLambda", true, false)]
    [InlineData("CreationShowingNothing", true, false)]
    [InlineData("ThrowsWithText", true, false)]
    [InlineData("ContainerParameter", false, true)]
    [InlineData("CreatedWithoutClassifiedMembers", true, false)]
    [InlineData("KeptInDictionary", true, false)]
    [InlineData("PrintedIntoExceptionData", false, true)]
    [InlineData("PrintedIntoDictionary", true, false)]
    [InlineData("LoopVariableOfAnotherType", false, true)]
    [InlineData("PositionalPattern", false, true)]
    [InlineData("ConditionalReceiver", false, true)]
    [InlineData("IndexedInInitializer", false, true)]
    [InlineData("AddedInInitializer", true, false)]
    [InlineData("ContainerInLooseMember", false, true)]
    [InlineData("SerialisedThenLogged", false, true)]
    public async Task Bodies_that_read_no_data_need_no_graph_unless_a_sink_may_show_a_container(string method, bool withoutGraph, bool graphFindsData)
    {
        var (engine, root, graph, symbol) = await BodyAsync(method);

        var kinds = SinkKinds.Logging | SinkKinds.Exception;
        var accepted = engine.GraphFree.ShowsNoContainer(root, kinds);
        var hits = MethodAnalysis.Analyze(engine, graph, symbol, kinds).Hits;

        Assert.False(engine.Surveyor.ReadsData(root));
        Assert.Equal(withoutGraph, accepted);
        Assert.Equal(graphFindsData, hits.Any(hit => !hit.Taint.IsEmpty));
    }

    private static async Task<(ValueFlowEngine Engine, IOperation Root, ControlFlowGraph Graph, ISymbol Symbol)> BodyAsync(string method)
    {
        var compilation = await TestCompilation.CreateAsync(Source);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == method);
        var root = model.GetOperation(declaration)!;
        return (ValueFlowEngine.TryCreate(compilation)!, root, ControlFlowGraph.Create(declaration, model)!, model.GetDeclaredSymbol(declaration)!);
    }
}
