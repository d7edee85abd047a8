using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SensitivePi.Analyzers.Rules;

/// <summary>SPI005: MinorUnder14 data processed without a guardian-consent check on every path.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingGuardianConsentAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.MissingGuardianConsent);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ConsentRuleRegistration.Register(context, Descriptors.MissingGuardianConsent, guardian: true);
    }
}
