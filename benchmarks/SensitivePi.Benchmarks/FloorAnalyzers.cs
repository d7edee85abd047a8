using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SensitivePi.Benchmarks;

/// <summary>
/// Reference points measured beside ours on the same input: what any operation-block analyzer pays before
/// doing anything, and what a single walk over every operation costs. They report nothing.
/// </summary>
internal static class FloorAnalyzers
{
#pragma warning disable RS2008 // never shipped: a benchmark reference point
    private static readonly DiagnosticDescriptor Unused = new DiagnosticDescriptor(
        "FLOOR001", "unused", "unused", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
#pragma warning restore RS2008

    public static string WalkerName => nameof(WalkingBlockAnalyzer);

    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyBlockAnalyzer(), new WalkingBlockAnalyzer());

    // The benchmark is a console program, not an analyzer project; these analyzers only run in-process here.
#pragma warning disable RS1036
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyBlockAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationBlockAction(_ => { });
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class WalkingBlockAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationBlockAction(block =>
            {
                var count = 0;
                foreach (var operation in block.OperationBlocks.SelectMany(b => b.DescendantsAndSelf()))
                {
                    count += operation.Type is null ? 0 : 1;
                }

                if (count < 0)
                {
                    block.ReportDiagnostic(Diagnostic.Create(Unused, Location.None));
                }
            });
        }
    }
#pragma warning restore RS1036
}
