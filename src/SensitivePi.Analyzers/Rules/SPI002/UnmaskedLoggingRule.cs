using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>The diagnostics of SPI002 (docs/rules/SPI002.md), with the properties its code fix reads.</summary>
public static class UnmaskedLoggingRule
{
    /// <summary>
    /// Diagnostic property: the <c>PiMask</c> helper for each additional location, comma-separated, in
    /// order. Absent when no mask can express the fix (a container, a parameter that takes no string).
    /// </summary>
    public const string MasksProperty = "Masks";

    internal static Diagnostic Create(SinkHit hit, Taint readable, ImmutableArray<(SyntaxNode Node, PiMaskKind Mask)> maskTargets)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        var additionalLocations = Enumerable.Empty<Location>();
        if (!maskTargets.IsDefaultOrEmpty)
        {
            properties = properties.Add(MasksProperty, string.Join(",", maskTargets.Select(t => t.Mask.ToString())));
            additionalLocations = maskTargets.Select(t => t.Node.GetLocation());
        }

        return Diagnostic.Create(
            Descriptors.UnmaskedLogging,
            hit.Node.GetLocation(),
            additionalLocations,
            properties,
            hit.DescribeData(readable),
            hit.Sink.DisplayName,
            Citations.Display(readable.Categories()));
    }
}
