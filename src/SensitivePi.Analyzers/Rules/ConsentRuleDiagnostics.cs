using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Engine;

namespace SensitivePi.Analyzers.Rules;

/// <summary>SPI003 (separate consent) and SPI005 (guardian consent, MinorUnder14 data): the diagnostics of a consent violation.</summary>
public static class ConsentRuleDiagnostics
{
    /// <summary>Diagnostic property: the category (a <c>Category</c> member name) the fixes guard or declare.</summary>
    public const string CategoryProperty = "Category";

    internal static Diagnostic Create(ConsentViolation violation)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(CategoryProperty, violation.Category.ToString());
        var location = violation.Operation.Syntax.GetLocation();
        return violation.Category == PiCategory.MinorUnder14
            ? Diagnostic.Create(Descriptors.MissingGuardianConsent, location, properties, violation.OperationName, violation.Data)
            : Diagnostic.Create(Descriptors.MissingSeparateConsent, location, properties, violation.OperationName, violation.Data, violation.Category.ToString());
    }
}
