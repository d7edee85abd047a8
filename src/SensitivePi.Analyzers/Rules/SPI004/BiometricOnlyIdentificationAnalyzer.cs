using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI004: every [IdentityVerification] method of a purpose reads biometric data and none offers
/// another way (credentials, or a same-purpose method without biometrics). Facts are gathered per method
/// in operation-block actions and decided at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BiometricOnlyIdentificationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BiometricOnlyIdentification);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.TryCreate(start.Compilation) is not { IdentityVerificationAttribute: { } attribute } symbols
                || !AnnotationUsage.MayClassify(start.Compilation, symbols, start.CancellationToken))
            {
                return;
            }

            var model = new SensitivityModel(start.Compilation, symbols, OriginSources.Of(start.Compilation, symbols));
            var methods = new ConcurrentDictionary<IMethodSymbol, VerificationFacts>(SymbolEqualityComparer.Default);
            start.RegisterOperationBlockAction(block =>
            {
                if (block.OwningSymbol is IMethodSymbol method && Purpose(method, attribute) is { } purpose)
                {
                    methods[method] = Gather(block, method, purpose, model, attribute);
                }
            });
            start.RegisterCompilationEndAction(end => Decide(end, methods));
        });
    }

    private static void Decide(CompilationAnalysisContext context, ConcurrentDictionary<IMethodSymbol, VerificationFacts> methods)
    {
        foreach (var purpose in methods.Values.GroupBy(m => m.Purpose, StringComparer.Ordinal))
        {
            var all = purpose.ToList();
            var byMethod = all.ToDictionary(f => f.Method, f => f, SymbolEqualityComparer.Default);
            var biometricOnly = all.All(f => f.UsesBiometrics && !f.ReadsCredentials
                && !f.SamePurposeCallees.Any(callee => byMethod.TryGetValue(callee, out var other) && !other.UsesBiometrics));
            if (!biometricOnly)
            {
                continue;
            }

            foreach (var facts in all)
            {
                foreach (var location in facts.Method.Locations)
                {
                    if (location.IsInSource)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.BiometricOnlyIdentification, location, facts.Purpose, facts.Method.Name, Citations.BiometricAlternative));
                    }
                }
            }
        }
    }

    private static VerificationFacts Gather(OperationBlockAnalysisContext context, IMethodSymbol method, string purpose, SensitivityModel model, INamedTypeSymbol attribute)
    {
        var facts = new VerificationFacts(method, purpose);
        foreach (var parameter in method.Parameters)
        {
            Note(facts, model.GetMemberOrigin(parameter));
            Note(facts, model.GetTypeOrigin(parameter.Type));
        }

        foreach (var block in context.OperationBlocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IMemberReferenceOperation member:
                        Note(facts, model.GetMemberOrigin(member.Member));
                        break;
                    case IParameterReferenceOperation parameter:
                        Note(facts, model.GetMemberOrigin(parameter.Parameter));
                        break;
                    case IInvocationOperation invocation:
                        Note(facts, model.GetMemberOrigin(invocation.TargetMethod));
                        if (Purpose(invocation.TargetMethod, attribute) == purpose)
                        {
                            facts.SamePurposeCallees.Add(invocation.TargetMethod.OriginalDefinition);
                        }

                        break;
                }

                if (operation.Type is { } type)
                {
                    Note(facts, model.GetTypeOrigin(type));
                }
            }
        }

        return facts;
    }

    private static void Note(VerificationFacts facts, SensitiveOrigin? origin)
    {
        switch (origin?.Category)
        {
            case PiCategory.Biometric:
                facts.UsesBiometrics = true;
                break;
            case PiCategory.AuthenticationCredential:
                facts.ReadsCredentials = true;
                break;
        }
    }

    private static string? Purpose(IMethodSymbol method, INamedTypeSymbol attribute)
    {
        foreach (var data in method.OriginalDefinition.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute)
                && data.ConstructorArguments.Length == 1 && data.ConstructorArguments[0].Kind == TypedConstantKind.Primitive
                && data.ConstructorArguments[0].Value is string purpose)
            {
                return purpose;
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

        public bool UsesBiometrics { get; set; }

        public bool ReadsCredentials { get; set; }

        public HashSet<IMethodSymbol> SamePurposeCallees { get; } = new(SymbolEqualityComparer.Default);
    }
}
