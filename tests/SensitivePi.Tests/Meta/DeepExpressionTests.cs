using System;
using System.Linq;
using System.Threading.Tasks;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Meta;

/// <summary>
/// The survey, the taint analysis and the guard analysis recurse through expressions, each to a bounded
/// depth. Generated or machine-written code can hold very long concatenations: they must neither overflow
/// the stack nor, within the taint analysis's depth, lose the sensitive term.
/// </summary>
public class DeepExpressionTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(10_000)]
    public async Task A_long_concatenation_is_analysed_without_an_analyzer_throwing(int terms)
    {
        // The only sensitive term is the last one: the deepest operand of the left-leaning tree is the first.
        var parts = string.Join(" + ", Enumerable.Range(0, terms).Select(i => i == terms - 1 ? "p.Diagnosis" : "\"x\""));
        var source = $$"""
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            public class Patient
            {
                [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            }

            public class Clinic
            {
                public void Log(ILogger logger, Patient p) => logger.LogInformation({{parts}});
            }
            """;
        var compilation = await TestCompilation.CreateAsync(source);
        var (diagnostics, exceptions) = await Shipped.AnalyzeAsync(compilation, concurrent: true);

        Assert.Empty(exceptions);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("SPI002", diagnostic.Id);
        Assert.StartsWith("'Patient.Diagnosis' (MedicalHealth)", diagnostic.GetMessage(), StringComparison.Ordinal);
    }
}
