using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Rules;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

// docs/design/value-flow-engine.md, "Consent across methods": the bodies whose consent verdict waits for a wrapper of another
// file are decided together in one compilation-end action; a bug in one body's run must cost that body's reports only, and
// still show as AD0001.
public class ConsentAtEndFailureTests
{
    private const string Gate = """
        using SensitivePi;

        public static class Gate
        {
            public static bool IsBlank(string id) => string.IsNullOrEmpty(id);
        }

        public class Patient
        {
            [ConsentSubject] public string Id { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
        }
        """;

    // Both call a method of another file shaped like a wrapper (known to be none only at compilation end), and both keep health
    // data unguarded.
    private const string Records = """
        using System.IO;

        public class Records
        {
            public void Broken(Patient p)
            {
                if (!Gate.IsBlank(p.Id)) File.WriteAllText("a.txt", p.Diagnosis);
            }

            public void Kept(Patient p)
            {
                if (!Gate.IsBlank(p.Id)) File.WriteAllText("b.txt", p.Diagnosis);
            }
        }
        """;

    [Fact]
    public async Task A_waiting_body_whose_run_throws_costs_only_its_own_reports_and_still_shows()
    {
        var compilation = (await TestCompilation.CreateAsync(Gate))
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(Records, new CSharpParseOptions(LanguageVersion.Latest), "Records.cs"));
        var (diagnostics, exceptions) = await AnalyzerRun.WithExceptionsAsync(compilation, new FailingOn("Broken"));

        var only = Assert.Single(diagnostics, d => d.Id == "SPI003");
        Assert.Equal("b.txt", Written(only));
        Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, only.Descriptor.CustomTags);
        var thrown = Assert.Single(exceptions);
        Assert.Equal("run failed", thrown.Message);

        // The same code with no failure reports both.
        var (clean, none) = await AnalyzerRun.WithExceptionsAsync(compilation, new FailingOn("Nothing"));
        Assert.Equal(new[] { "a.txt", "b.txt" }, clean.Where(d => d.Id == "SPI003").Select(Written).OrderBy(w => w, StringComparer.Ordinal));
        Assert.Empty(none);
    }

    private static string Written(Diagnostic diagnostic)
    {
        var text = diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
        return text.Contains("a.txt", StringComparison.Ordinal) ? "a.txt" : text.Contains("b.txt", StringComparison.Ordinal) ? "b.txt" : text;
    }

    private sealed class FailingOn : SensitiveDataFlowAnalyzer
    {
        public FailingOn(string method)
            : base(ImmutableArray.Create<ValueFlowRule>(new FailingRule(method)))
        {
        }
    }

    private sealed class FailingRule : ConsentObligationRule
    {
        private readonly string _method;

        public FailingRule(string method)
            : base(ValueFlowRules.MissingSeparateConsent, Descriptors.MissingSeparateConsent, CompilationEndDescriptors.MissingSeparateConsent, DataClasses.ConsentBased, guardian: false) =>
            _method = method;

        private protected override ValueFlowBody AtCompilationEnd(ValueFlowBody waiting, CancellationToken cancellationToken) =>
            waiting.Owner.Name == _method ? throw new InvalidOperationException("run failed") : base.AtCompilationEnd(waiting, cancellationToken);
    }
}
