using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

// docs/design/value-flow-engine.md, "Consent across methods": a consent verdict that depends on a wrapper check of another file waits
// for compilation end; every other verdict is still made as the body is analysed, which is what the IDE shows while typing.
public class WrapperElsewhereTests
{
    private const string Gate = """
        using System.IO;
        using SensitivePi;

        public static class Gate
        {
            public static bool CanKeepHealth(Consent consent, string id) => consent.HealthConsent(id);
            public static bool IsBlank(string id) => string.IsNullOrEmpty(id);
            public static bool NotACheck(string id) => id.Length > 0;
            public static string PathFor(string id) => Path.Combine("data", id);
            public static void Note(string id) => System.Console.WriteLine(id.Length);
        }

        public class Patient
        {
            [ConsentSubject] public string Id { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
        }

        public class Consent
        {
            [SeparateConsentCheck(Category.MedicalHealth)] public bool HealthConsent(string subject) => true;
        }
        """;

    private const string Records = """
        using System.IO;

        public class Records
        {
            private readonly Consent _consent = new();

            public void Guarded(Patient p)
            {
                if (Gate.CanKeepHealth(_consent, p.Id)) File.WriteAllText("a.txt", p.Diagnosis);
            }

            // Shaped like a wrapper (one call returning bool), though no check: known only once its body has been read.
            public void Waits(Patient p)
            {
                if (!Gate.IsBlank(p.Id)) File.WriteAllText("b.txt", p.Diagnosis);
            }

            // Methods of another file that return text or nothing, or do more than call: none can be a wrapper counted there.
            public void Live(Patient p)
            {
                Gate.Note(Gate.PathFor(p.Id));
                if (Gate.NotACheck(p.Id)) File.WriteAllText("c.txt", p.Diagnosis);
            }

            // Shaped like a wrapper, but in generated code, whose bodies the driver does not hand the analyzer: never read, so no wait.
            public void Generated(Patient p)
            {
                if (!GeneratedGate.IsEmpty(p.Id)) File.WriteAllText("d.txt", p.Diagnosis);
            }
        }
        """;

    private const string GeneratedGateSource = """
        public static class GeneratedGate
        {
            public static bool IsEmpty(string id) => string.IsNullOrEmpty(id);
        }
        """;

    [Fact]
    public async Task Only_verdicts_that_depend_on_another_files_wrapper_wait_for_compilation_end()
    {
        var compilation = await TestCompilation.CreateAsync(Gate);
        var records = CSharpSyntaxTree.ParseText(Records, new CSharpParseOptions(LanguageVersion.Latest), "Records.cs");
        compilation = compilation.AddSyntaxTrees(records, CSharpSyntaxTree.ParseText(GeneratedGateSource, new CSharpParseOptions(LanguageVersion.Latest), "GeneratedGate.g.cs"));
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new SensitiveDataFlowAnalyzer()),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));

        // One file's analysis, as the IDE runs it while typing: no compilation-end action.
        var live = (await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(records), null, CancellationToken.None))
            .Where(d => d.Id == "SPI003").ToList();
        Assert.Equal(new[] { "c.txt", "d.txt" }, live.Select(Written));

        var all = (await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None)).Where(d => d.Id == "SPI003").ToList();
        Assert.Equal(new[] { "b.txt", "c.txt", "d.txt" }, all.Select(Written).OrderBy(s => s));
        Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, all.Single(d => Written(d) == "b.txt").Descriptor.CustomTags);
        Assert.DoesNotContain(WellKnownDiagnosticTags.CompilationEnd, all.Single(d => Written(d) == "c.txt").Descriptor.CustomTags);
        Assert.DoesNotContain(WellKnownDiagnosticTags.CompilationEnd, all.Single(d => Written(d) == "d.txt").Descriptor.CustomTags);
    }

    // The file name written on the diagnostic's line.
    private static string Written(Diagnostic diagnostic)
    {
        var line = diagnostic.Location.SourceTree!.GetText().Lines.GetLineFromPosition(diagnostic.Location.SourceSpan.Start).ToString();
        var start = line.IndexOf('"', System.StringComparison.Ordinal) + 1;
        return line.Substring(start, line.IndexOf('"', start) - start);
    }
}
