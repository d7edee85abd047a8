using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Rules;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

// docs/design/value-flow-engine.md, "Summaries on demand": bodies that waited for data are summarised together at compilation
// end, in one action; a bug in one body's summary must cost that body's findings only, and still show as AD0001.
public class WaitingBodyFailureTests
{
    private const string Source = """
        using Microsoft.Extensions.Logging;
        using SensitivePi;

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
        }

        public class Audit
        {
            public string Relay(string s) => s.Trim();
            public string Broken(string s) => s.Trim();
        }

        public class C
        {
            void M(ILogger logger, Audit audit, Patient p)
            {
                logger.LogInformation("{A}", audit.Relay(p.IdNumber));
                logger.LogInformation("{B}", audit.Broken(p.IdNumber));
            }
        }
        """;

    [Fact]
    public async Task A_waiting_body_whose_summary_throws_costs_only_its_own_findings_and_still_shows()
    {
        var compilation = await TestCompilation.CreateAsync(Source);
        var (diagnostics, exceptions) = await AnalyzerRun.WithExceptionsAsync(compilation, new FailingOn("Broken"));

        // The line of the one report is the call through Relay; Broken's result, which the failed summary would have given, is lost.
        var only = Assert.Single(diagnostics, d => d.Id == "SPI002");
        Assert.Contains("'Patient.IdNumber' (SpecificIdentity)", only.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var text = only.Location.SourceTree!.GetText();
        Assert.Contains("audit.Relay(p.IdNumber)", text.Lines.GetLineFromPosition(only.Location.SourceSpan.Start).ToString(), StringComparison.Ordinal);
        var thrown = Assert.Single(exceptions);
        Assert.Equal("summary failed", thrown.Message);

        // The same code with no failure reports both.
        var (clean, none) = await AnalyzerRun.WithExceptionsAsync(compilation, new FailingOn("Nothing"));
        Assert.Equal(2, clean.Count(d => d.Id == "SPI002"));
        Assert.Empty(none);
    }

    private sealed class FailingOn : SensitiveDataFlowAnalyzer
    {
        private readonly string _method;

        public FailingOn(string method)
            : base(ValueFlowRules.UnmaskedLogging) => _method = method;

        private protected override MethodFacts? SummarizeWaiting(PendingBody pending, ValueFlowEngine engine, IValueFlowCheck[] checks, CancellationToken cancellationToken) =>
            pending.Owner.Name == _method ? throw new InvalidOperationException("summary failed") : base.SummarizeWaiting(pending, engine, checks, cancellationToken);
    }
}
