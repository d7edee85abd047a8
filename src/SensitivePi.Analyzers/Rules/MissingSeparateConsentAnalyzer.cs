using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers.Engine;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI003: a call of a [RequiresSeparateConsent] member, or a store or transmission of Consent-based
/// sensitive data, that is not preceded on every path by a separate-consent check covering the category.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingSeparateConsentAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the category (a <c>Category</c> member name) the fixes guard or declare.</summary>
    public const string CategoryProperty = "Category";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.MissingSeparateConsent);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ConsentRuleRegistration.Register(context, Descriptors.MissingSeparateConsent, guardian: false);
    }
}
