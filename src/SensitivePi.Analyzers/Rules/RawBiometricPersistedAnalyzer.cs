using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers.Engine;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI006: a raw biometric sample (Form = RawSample, or a Biometric byte[]/stream/memory/image of
/// unspecified form) reaches a storage sink without a separate-consent check covering Biometric.
/// Masked or encrypted samples are not raw any more (the engine's sanitizers).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RawBiometricPersistedAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RawBiometricPersisted);

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
        var guardsByRoot = new System.Collections.Generic.Dictionary<IOperation, ConsentGuards>();
        foreach (var hit in engine.Analyze(context, SinkKind.Storage, IsRawSample))
        {
            var raw = Taint.Empty;
            foreach (var origin in hit.Taint.Origins)
            {
                if (IsRawSample(origin))
                {
                    raw = raw.Union(Taint.Of(origin));
                }
            }

            if (raw.IsEmpty)
            {
                continue;
            }

            // Keeping raw samples is allowed with the individual's separate consent for biometrics.
            if (!guardsByRoot.TryGetValue(hit.Root, out var guards))
            {
                guards = ConsentGuardAnalysis.Analyze(hit.RootGraph, engine.Consent, EntryMask(context, engine));
                guardsByRoot.Add(hit.Root, guards);
            }

            if ((guards.MaskAt(hit.Call) & ConsentCatalog.Bit(PiCategory.Biometric)) != 0)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RawBiometricPersisted, hit.Node.GetLocation(), raw.Describe(), hit.Sink.DisplayName));
        }
    }

    private static bool IsRawSample(SensitiveOrigin origin) =>
        origin.Category == PiCategory.Biometric
        && (origin.Form == PiBiometricForm.RawSample || (origin.Form == PiBiometricForm.Unspecified && LooksLikeSample(SymbolTypes.TypeOf(origin.Symbol))));

    // Unspecified form: bytes, streams, memory and images hold samples; strings and numbers are identifiers.
    private static bool LooksLikeSample(ITypeSymbol? type)
    {
        switch (type)
        {
            case IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }:
                return true;
            case INamedTypeSymbol { Name: "Memory" or "ReadOnlyMemory", TypeArguments.Length: 1 } memory:
                return memory.TypeArguments[0].SpecialType == SpecialType.System_Byte;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == "System.IO.Stream" || current.Name.EndsWith("Image", System.StringComparison.Ordinal)
                || current.Name == "Bitmap")
            {
                return true;
            }
        }

        return false;
    }

    private static int EntryMask(OperationBlockAnalysisContext context, ValueFlowEngine engine) =>
        context.OwningSymbol is IMethodSymbol method ? engine.Consent.GetRequirement(method) : 0;
}
