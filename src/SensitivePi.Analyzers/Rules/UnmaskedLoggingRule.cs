using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Engine;

namespace SensitivePi.Analyzers.Rules;

/// <summary>SPI002: a sensitive value or container reaches a logging sink without passing a mask on every path.</summary>
public static class UnmaskedLoggingRule
{
    /// <summary>
    /// Diagnostic property: the <c>PiMask</c> helper for each additional location, comma-separated, in
    /// order. Absent when no mask can express the fix (a container, a parameter that takes no string).
    /// </summary>
    public const string MasksProperty = "Masks";

    internal static Diagnostic Create(SinkHit hit)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        var additionalLocations = Enumerable.Empty<Location>();
        if (!hit.WrapTargets.IsDefaultOrEmpty)
        {
            properties = properties.Add(MasksProperty, string.Join(",", hit.WrapTargets.Select(t => t.Mask.ToString())));
            additionalLocations = hit.WrapTargets.Select(t => t.Node.GetLocation());
        }

        return Diagnostic.Create(
            Descriptors.UnmaskedLogging,
            hit.Node.GetLocation(),
            additionalLocations,
            properties,
            hit.Taint.Describe(),
            hit.Sink.DisplayName);
    }
}
