using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>SPI003 (separate consent) and SPI005 (guardian consent, MinorUnder14 data): the diagnostics of a consent violation.</summary>
public static class ConsentRuleDiagnostics
{
    /// <summary>Diagnostic property: the category (a <c>Category</c> member name) the fixes guard or declare.</summary>
    public const string CategoryProperty = "Category";

    /// <summary>The diagnostic of <paramref name="violation"/>: the operation, the data and (for a separate consent) its category and clauses.</summary>
    internal static Diagnostic Create(DiagnosticDescriptor descriptor, SyntaxNode node, ConsentViolation violation)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(CategoryProperty, violation.Category.ToString());
        var location = node.GetLocation();
        return violation.Category == PiCategory.MinorUnder14
            ? Diagnostic.Create(descriptor, location, properties, violation.Described, violation.Data, Citations.GuardianConsent)
            : Diagnostic.Create(descriptor, location, properties, violation.Described, violation.Data, violation.Category.ToString(), Citations.SeparateConsent(violation.Category));
    }
}
