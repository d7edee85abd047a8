using System.Collections.Generic;
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
    internal static Diagnostic Create(DiagnosticDescriptor descriptor, SyntaxNode node, ConsentViolation violation) =>
        Create(descriptor, node, additionalLocations: null, violation.Category, violation.Described, violation.Data);

    /// <summary>As above, for an operation named <paramref name="described"/> that <paramref name="data"/> of <paramref name="category"/> reaches.</summary>
    internal static Diagnostic Create(DiagnosticDescriptor descriptor, SyntaxNode node, IEnumerable<Location>? additionalLocations, PiCategory category, string described, string data)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(CategoryProperty, category.ToString());
        var location = node.GetLocation();
        return category == PiCategory.MinorUnder14
            ? Diagnostic.Create(descriptor, location, additionalLocations, properties, described, data, Citations.GuardianConsent)
            : Diagnostic.Create(descriptor, location, additionalLocations, properties, described, data, category.ToString(), Citations.SeparateConsent(category));
    }
}
