using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers.Engine;

namespace SensitivePi.Analyzers.Rules;

/// <summary>SPI002: a sensitive value or container reaches a logging sink without passing a mask on every path.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnmaskedLoggingAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// Diagnostic property: the <c>PiMask</c> helper for each additional location, comma-separated, in
    /// order. Absent when no mask can express the fix (a container, a parameter that takes no string).
    /// </summary>
    public const string MasksProperty = "Masks";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnmaskedLogging);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ValueFlowEngine.TryCreate(start.Compilation, start.CancellationToken) is not { } engine)
            {
                return;
            }

            start.RegisterOperationBlockAction(block => Report(block, engine));
        });
    }

    private static void Report(OperationBlockAnalysisContext context, ValueFlowEngine engine)
    {
        foreach (var hit in engine.Analyze(context, SinkKind.Logging))
        {
            var properties = ImmutableDictionary<string, string?>.Empty;
            var additionalLocations = Enumerable.Empty<Location>();
            if (!hit.WrapTargets.IsDefaultOrEmpty)
            {
                properties = properties.Add(MasksProperty, string.Join(",", hit.WrapTargets.Select(t => t.Mask.ToString())));
                additionalLocations = hit.WrapTargets.Select(t => t.Node.GetLocation());
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UnmaskedLogging,
                hit.Node.GetLocation(),
                additionalLocations,
                properties,
                hit.Taint.Describe(),
                hit.Sink.DisplayName));
        }
    }
}
