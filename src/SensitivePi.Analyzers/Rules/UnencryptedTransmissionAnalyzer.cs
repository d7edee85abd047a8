using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers.Engine;

namespace SensitivePi.Analyzers.Rules;

/// <summary>SPI001: a sensitive value or container is sent over a channel the code shows to be plaintext.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnencryptedTransmissionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: present when the first additional location is the literal whose scheme the fix rewrites.</summary>
    public const string SchemeLiteralProperty = "SchemeLiteral";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnencryptedTransmission);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ValueFlowEngine.TryCreate(start.Compilation) is not { } engine)
            {
                return;
            }

            start.RegisterOperationBlockAction(block => Report(block, engine));
        });
    }

    private static void Report(OperationBlockAnalysisContext context, ValueFlowEngine engine)
    {
        foreach (var hit in engine.Analyze(context, SinkKind.Network))
        {
            var verdict = ChannelResolver.Resolve(hit);
            if (verdict.Security != ChannelSecurity.Plaintext)
            {
                continue;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            var additionalLocations = ImmutableArray<Location>.Empty;
            if (verdict.SchemeLiteral is { } literal)
            {
                properties = properties.Add(SchemeLiteralProperty, "true");
                additionalLocations = ImmutableArray.Create(literal.GetLocation());
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UnencryptedTransmission,
                hit.Node.GetLocation(),
                additionalLocations,
                properties,
                hit.Taint.Describe(),
                hit.Sink.DisplayName));
        }
    }
}
