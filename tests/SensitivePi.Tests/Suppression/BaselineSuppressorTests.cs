using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Rules;
using SensitivePi.Analyzers.Suppression;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Suppression;

/// <summary>
/// The baseline (docs/baseline.md): findings listed in SensitivePi.baseline.json are reported as suppressed, by rule,
/// member, data and sink, wherever their line moves; others are reported as usual; a file that cannot be read is SPI013.
/// </summary>
public class BaselineSuppressorTests
{
    private const string Source = """
        using Microsoft.Extensions.Logging;
        using SensitivePi;

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
        }

        namespace Clinic
        {
            public class Registration
            {
                public void Register(ILogger logger, Patient p)
                {
                    logger.LogInformation("{Id}", {|#0:p.IdNumber|});
                    logger.LogInformation("{Diagnosis}", {|#1:p.Diagnosis|});
                }

                public void Audit(ILogger logger, Patient p) => logger.LogWarning("{Id}", {|#2:p.IdNumber|});
            }
        }
        """;

    private const string Baseline = """
        {
          "version": 1,
          "findings": [
            {
              "rule": "SPI002",
              "member": "M:Clinic.Registration.Register(Microsoft.Extensions.Logging.ILogger,Patient)",
              "data": "'Patient.IdNumber'",
              "sink": "'ILogger.LogInformation'",
              "justification": "Accepted until the audit log moves to the masked formatter (ticket 142)."
            }
          ]
        }
        """;

    [Fact]
    public async Task A_listed_finding_is_suppressed_and_the_others_are_reported()
    {
        var test = new Test { TestCode = Source };
        test.TestState.AdditionalFiles.Add((global::SensitivePi.Analyzers.Suppression.Baseline.FileName, Baseline));
        test.ExpectedDiagnostics.Add(Logged(0, "'Patient.IdNumber' (SpecificIdentity)", "ILogger.LogInformation").WithIsSuppressed(true));
        test.ExpectedDiagnostics.Add(Logged(1, "'Patient.Diagnosis' (MedicalHealth)", "ILogger.LogInformation"));
        test.ExpectedDiagnostics.Add(Logged(2, "'Patient.IdNumber' (SpecificIdentity)", "ILogger.LogWarning"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_finding_stays_suppressed_when_its_line_moves_and_the_method_changes_elsewhere()
    {
        var moved = Source.Replace(
            "        public void Register(ILogger logger, Patient p)\n        {\n",
            "        // Moved down by a comment and a new statement.\n        public void Register(ILogger logger, Patient p)\n        {\n            var started = System.DateTime.UtcNow;\n");
        Assert.NotEqual(Source, moved);
        var test = new Test { TestCode = moved };
        test.TestState.AdditionalFiles.Add((global::SensitivePi.Analyzers.Suppression.Baseline.FileName, Baseline));
        test.ExpectedDiagnostics.Add(Logged(0, "'Patient.IdNumber' (SpecificIdentity)", "ILogger.LogInformation").WithIsSuppressed(true));
        test.ExpectedDiagnostics.Add(Logged(1, "'Patient.Diagnosis' (MedicalHealth)", "ILogger.LogInformation"));
        test.ExpectedDiagnostics.Add(Logged(2, "'Patient.IdNumber' (SpecificIdentity)", "ILogger.LogWarning"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Without_a_baseline_nothing_is_suppressed()
    {
        var test = new Test { TestCode = Source };
        test.ExpectedDiagnostics.Add(Logged(0, "'Patient.IdNumber' (SpecificIdentity)", "ILogger.LogInformation"));
        test.ExpectedDiagnostics.Add(Logged(1, "'Patient.Diagnosis' (MedicalHealth)", "ILogger.LogInformation"));
        test.ExpectedDiagnostics.Add(Logged(2, "'Patient.IdNumber' (SpecificIdentity)", "ILogger.LogWarning"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_baseline_that_cannot_be_read_is_reported_in_the_file()
    {
        var test = new AnalyzerVerifier<AnnotationMisuseAnalyzer>.Test { TestCode = "public class Empty { }" };
        test.TestState.AdditionalFiles.Add((global::SensitivePi.Analyzers.Suppression.Baseline.FileName, """
            {
              "findings": [
                { "member": "M:Clinic.Registration.Register" },
                { "rule": "SPI002", "data": 7 }
              ]
            }
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.AnnotationMisuse).WithSpan(global::SensitivePi.Analyzers.Suppression.Baseline.FileName, 3, 5, 3, 51)
            .WithArguments("SensitivePi.baseline.json: A finding needs a \"rule\" (a rule id such as \"SPI002\")"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.AnnotationMisuse).WithSpan(global::SensitivePi.Analyzers.Suppression.Baseline.FileName, 4, 33, 4, 34)
            .WithArguments("SensitivePi.baseline.json: \"data\" is a string"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Malformed_JSON_is_reported_where_it_breaks()
    {
        var test = new AnalyzerVerifier<AnnotationMisuseAnalyzer>.Test { TestCode = "public class Empty { }" };
        test.TestState.AdditionalFiles.Add((global::SensitivePi.Analyzers.Suppression.Baseline.FileName, "{ \"findings\": [ { \"rule\": \"SPI002\" } }"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.AnnotationMisuse).WithSpan(global::SensitivePi.Analyzers.Suppression.Baseline.FileName, 1, 38, 1, 39)
            .WithArguments("SensitivePi.baseline.json: ',' or ']' was expected"));
        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Logged(int markup, string data, string sink) =>
        new DiagnosticResult(Descriptors.UnmaskedLogging).WithLocation(markup).WithArguments(data, sink, ExpectedCitations.Display(data)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    // The suppressor with the logging rule whose findings it suppresses, as a build runs them.
    private sealed class Test : CSharpAnalyzerTest<BaselineSuppressor, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Net80;
            TestState.AdditionalReferences.Add(TestReferences.Annotations);
        }

        protected override System.Collections.Generic.IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            ImmutableArray.Create<DiagnosticAnalyzer>(new BaselineSuppressor(), new SingleRule.UnmaskedLogging());
    }
}
