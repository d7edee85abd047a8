using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI004 (docs/rules/SPI004.md): no [IdentityVerification] method of a purpose verifies anyone without a biometric
/// check. Each method's verdict (<see cref="BiometricChecks"/>) is worked out in an operation-block action; the
/// purposes are decided at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BiometricOnlyIdentificationAnalyzer : DiagnosticAnalyzer
{
    private readonly Inventory.ProcessingRecorder? _recorder;

    public BiometricOnlyIdentificationAnalyzer()
    {
    }

    /// <summary>The rule, and each method's verdict for the record of processing (docs/command-line-tool.md).</summary>
    internal BiometricOnlyIdentificationAnalyzer(Inventory.ProcessingRecorder recorder) => _recorder = recorder;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BiometricOnlyIdentification);

    public override void Initialize(AnalysisContext context)
    {
        // The driver still skips generated declarations; it no longer walks every token of each file reported in to
        // check each report (docs/design/architecture.md, "Generated code").
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.TryCreate(start.Compilation) is not { IdentityVerificationAttribute: { } attribute } symbols
                || !AnnotationUsage.MayClassify(start.Compilation, symbols, start.CancellationToken, AnnotationUsage.MentionsOf(start.TryGetValue)))
            {
                return;
            }

            var atRest = AtRestDefaults.Read(start.Options);
            var files = AnnotationFiles.Read(start.Options, start.Compilation, atRest, start.CancellationToken);
            var model = new SensitivityModel(start.Compilation, symbols, OriginSources.Of(start.Compilation, symbols, atRest, files));
            var methods = new ConcurrentDictionary<IMethodSymbol, VerificationFacts>(SymbolEqualityComparer.Default);
            var generatedCode = GeneratedCode.AttributeIn(start.Compilation);
            var mayCarry = new ConcurrentDictionary<IAssemblySymbol, bool>(SymbolEqualityComparer.Default);
            start.RegisterOperationBlockAction(block =>
            {
                if (block.OwningSymbol is IMethodSymbol method && !GeneratedCode.IsMarkedAccessor(method, generatedCode) && Purpose(method, attribute, mayCarry) is { } purpose)
                {
                    methods[method] = Gather(block, method, purpose, model);
                }
            });
            start.RegisterCompilationEndAction(end => Decide(end, methods));
        });
    }

    private void Decide(CompilationAnalysisContext context, ConcurrentDictionary<IMethodSymbol, VerificationFacts> methods)
    {
        // A partial method's other part may be generated: reports at compilation end skip generated code themselves.
        var generated = new GeneratedCode(context.Options);
        foreach (var facts in methods.Values)
        {
            _recorder?.RecordVerification(facts.Purpose, facts.Method, facts.Verdict switch
            {
                Verdict.RequiresBiometrics => "requires biometrics",
                Verdict.Alternative => "alternative without biometrics",
                _ => "never verifies",
            });
        }

        foreach (var purpose in methods.Values.GroupBy(m => m.Purpose, StringComparer.Ordinal))
        {
            // An alternative for the purpose: some method verifies on some path without a biometric check.
            var all = purpose.ToList();
            if (all.Any(f => f.Verdict == Verdict.Alternative))
            {
                continue;
            }

            foreach (var facts in all.Where(f => f.Verdict == Verdict.RequiresBiometrics).OrderBy(f => f.Method.Name, StringComparer.Ordinal))
            {
                foreach (var location in facts.Method.Locations)
                {
                    if (location.IsInSource && !generated.Contains(location, context.CancellationToken))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.BiometricOnlyIdentification, location, facts.Purpose, facts.Method.Name, Citations.BiometricAlternative));
                    }
                }
            }
        }
    }

    // Face Measures Art. 10: a method requires biometrics when every path on which it verifies successfully passes
    // a biometric check, whatever else it checks (a face and a password is still a face); a method with a
    // successful path that needs no biometric check is an alternative; one that never succeeds (always throws)
    // is neither.
    private static VerificationFacts Gather(OperationBlockAnalysisContext context, IMethodSymbol method, string purpose, SensitivityModel model)
    {
        var facts = new VerificationFacts(method, purpose);
        foreach (var block in context.OperationBlocks)
        {
            if (block.Kind != OperationKind.MethodBody && block.Kind != OperationKind.Block)
            {
                continue;
            }

            // A body that reads no biometric data needs no graph unless it may throw: it verifies without a check
            // wherever it verifies at all.
            facts.Verdict = BiometricChecks.VerdictWithoutGraph(model, method, block)
                ?? new BiometricChecks(model, method, context.GetControlFlowGraph(block)).Verdict();
            break;
        }

        return facts;
    }

    // The method's own attribute, else one on a method it overrides or an interface method it implements: the
    // implementation is what verifies for the interface's purpose (docs/rules/SPI004.md, "What it flags").
    // Only assemblies that reference the annotations can carry the attribute: the framework's methods are not read.
    private static string? Purpose(IMethodSymbol method, INamedTypeSymbol attribute, ConcurrentDictionary<IAssemblySymbol, bool> mayCarry)
    {
        // An override implements what the method it overrides implements (`class FaceDesk : Desk` where only Desk names the
        // interface): each method of the chain brings its interfaces.
        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (PurposeOf(current, attribute, mayCarry) is { } purpose)
            {
                return purpose;
            }
        }

        return null;
    }

    private static string? PurposeOf(IMethodSymbol method, INamedTypeSymbol attribute, ConcurrentDictionary<IAssemblySymbol, bool> mayCarry)
    {
        foreach (var holder in MemberHierarchy.SelfOverriddenAndImplemented(method))
        {
            if (holder.ContainingAssembly is not { } assembly
                || !(mayCarry.TryGetValue(assembly, out var may) ? may : mayCarry.GetOrAdd(assembly, KnownSymbols.MayCarry(assembly, attribute))))
            {
                continue;
            }

            foreach (var data in holder.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute)
                    && data.ConstructorArguments.Length == 1 && data.ConstructorArguments[0].Kind == TypedConstantKind.Primitive
                    && data.ConstructorArguments[0].Value is string purpose)
                {
                    return purpose;
                }
            }
        }

        return null;
    }

    private sealed class VerificationFacts
    {
        public VerificationFacts(IMethodSymbol method, string purpose)
        {
            Method = method;
            Purpose = purpose;
        }

        public IMethodSymbol Method { get; }

        public string Purpose { get; }

        public Verdict Verdict { get; set; } = Verdict.NoAlternative;
    }
}
