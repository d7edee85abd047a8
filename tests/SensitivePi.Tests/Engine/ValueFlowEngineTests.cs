using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

/// <summary>The pre-scan that keeps bodies without sensitive data or without sinks away from control-flow graphs.</summary>
public class ValueFlowEngineTests
{
    private const string Source = """
        using System.Collections.Generic;
        using Microsoft.Extensions.Logging;
        using SensitivePi;

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            public string City { get; set; } = "";
        }

        public record Visit([property: SensitivePersonalInfo(Category.MedicalHealth)] string Diagnosis);

        public static class Scanner
        {
            public static bool TryCapture([SensitivePersonalInfo(Category.Biometric)] out string template)
            {
                template = "";
                return true;
            }
        }

        public class C
        {
            public void OutParameter(ILogger logger)
            {
                Scanner.TryCapture(out var template);
                logger.LogInformation(template);
            }

            public void SinkAndSensitive(ILogger logger, Patient p) => logger.LogInformation("{Id}", p.IdNumber);
            public void SinkWithoutSensitive(ILogger logger, Patient p) => logger.LogInformation("{City}", p.City);
            public string SensitiveWithoutSink(Patient p) => p.IdNumber.Trim();
            public void ContainerOnly(ILogger logger, Visit visit) => logger.LogInformation("{Visit}", visit);
            public void AnnotatedParameter(ILogger logger, [SensitivePersonalInfo(Category.Other)] string note) => logger.LogInformation(note);
            public void Nothing(List<int> values) => values.Add(1);
            public void MaskedWhereRead(ILogger logger, Patient p) => logger.LogInformation("{Id}", PiMask.IdCardNumber(p.IdNumber));
            public void MaskedAfterACopy(ILogger logger, Patient p)
            {
                var id = p.IdNumber;
                logger.LogInformation("{Id}", PiMask.IdCardNumber(id));
            }

            public void MaskedOnceReadTwice(ILogger logger, Patient p) => logger.LogInformation("{Id} {Raw}", PiMask.IdCardNumber(p.IdNumber), p.IdNumber);
            public void CopiedWhileMasked(ILogger logger, Patient p)
            {
                string id;
                logger.LogInformation("{Id}", PiMask.IdCardNumber(id = p.IdNumber));
                logger.LogInformation("{Raw}", id);
            }

            public void MaskedThroughAConversion(ILogger logger, Patient p) => logger.LogInformation("{Id}", PiMask.IdCardNumber((string?)p.IdNumber));
            public void ContainerHandedToAPlainCall(ILogger logger, Visit visit)
            {
                Keep(visit);
                KeepAll(visit, visit);
                logger.LogInformation("kept");
            }

            public void ContainerSerialisedThenLogged(ILogger logger, Visit visit)
            {
                var text = System.Text.Json.JsonSerializer.Serialize(visit);
                logger.LogInformation(text);
            }

            public void ContainerSerialisedToBytesThenLogged(ILogger logger, Visit visit)
            {
                var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(visit);
                logger.LogInformation(System.Convert.ToBase64String(bytes));
            }

            public void ContainerFormattedThenLogged(ILogger logger, Visit visit)
            {
                var text = string.Format("{0} {1} {2} {3}", "a", "b", "c", visit);
                logger.LogInformation(text);
            }

            public void ContainersQueriedThenCounted(ILogger logger, List<Visit> visits)
            {
                var count = System.Linq.Enumerable.Count(System.Linq.Enumerable.Where(visits, visit => visit != null));
                logger.LogInformation("{Count}", count);
            }

            public void ContainersJoinedThenLogged(ILogger logger, List<Visit> visits)
            {
                var text = string.Join(", ", visits);
                logger.LogInformation(text);
            }

            public void ContainerHandedToALocalFunction(ILogger logger, Visit visit)
            {
                Show(visit);
                void Show(object shown) => logger.LogInformation("{Shown}", shown);
            }

            private static void Keep(Visit visit) { }
            private static void KeepAll(params object[] visits) { }
        }
        """;

    [Theory]
    [InlineData("SinkAndSensitive", true)]
    [InlineData("SinkWithoutSensitive", false)]
    [InlineData("SensitiveWithoutSink", false)]
    [InlineData("ContainerOnly", true)]
    [InlineData("AnnotatedParameter", true)]
    [InlineData("Nothing", false)]
    [InlineData("OutParameter", true)]
    [InlineData("MaskedWhereRead", false)]
    [InlineData("MaskedAfterACopy", true)]
    [InlineData("MaskedOnceReadTwice", true)]
    [InlineData("CopiedWhileMasked", true)]
    [InlineData("MaskedThroughAConversion", false)]
    [InlineData("ContainerHandedToAPlainCall", false)]
    [InlineData("ContainerSerialisedThenLogged", true)]
    [InlineData("ContainerSerialisedToBytesThenLogged", true)]
    [InlineData("ContainerFormattedThenLogged", true)]
    [InlineData("ContainerHandedToALocalFunction", true)]
    [InlineData("ContainersQueriedThenCounted", false)]
    [InlineData("ContainersJoinedThenLogged", true)]
    public async Task Only_bodies_with_both_a_sink_and_sensitive_data_get_a_control_flow_graph(string method, bool expected)
    {
        var compilation = await TestCompilation.CreateAsync(Source);
        var tree = compilation.SyntaxTrees.Single();
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == method);
        var body = compilation.GetSemanticModel(tree).GetOperation(declaration)!;
        var engine = ValueFlowEngine.TryCreate(compilation)!;

        Assert.Equal(expected, engine.Surveyor.MayReachSink(body, SinkKind.Logging));
    }

    [Theory]
    [InlineData("SinkAndSensitive", "SpecificIdentity", true)]
    [InlineData("SinkAndSensitive", "MedicalHealth", false)]
    [InlineData("ContainerOnly", "MedicalHealth", true)]
    [InlineData("ContainerOnly", "Biometric", false)]
    public async Task A_rule_that_reports_one_category_skips_bodies_touching_only_others(string method, string category, bool expected)
    {
        var compilation = await TestCompilation.CreateAsync(Source);
        var tree = compilation.SyntaxTrees.Single();
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == method);
        var body = compilation.GetSemanticModel(tree).GetOperation(declaration)!;
        var engine = ValueFlowEngine.TryCreate(compilation)!;

        Assert.Equal(expected, engine.Surveyor.MayReachSink(body, SinkKind.Logging, origin => origin.Category == System.Enum.Parse<PiCategory>(category)));
    }

    [Fact]
    public async Task A_compilation_without_the_annotations_gets_no_engine()
    {
        var compilation = await TestCompilation.CreateAsync("public class C { }", withAnnotations: false);

        Assert.Null(ValueFlowEngine.TryCreate(compilation));
    }

    [Fact]
    public void Template_holes_are_read_in_order_with_escapes_skipped()
    {
        Assert.Equal(new[] { false, true, false }, MessageTemplate.ParseDestructuring("{{literal}} {Id} {@Visit} {$Text} {{@no}}"));
        Assert.Empty(MessageTemplate.ParseDestructuring("no holes {"));
    }
}
