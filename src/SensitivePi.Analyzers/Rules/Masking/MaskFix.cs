using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// How a diagnostic tells the mask code fix what to wrap: the <see cref="MasksProperty"/> property lists the
/// <c>PiMask</c> helper for each additional location, in order. Shared by the rules whose remedy is
/// de-identified display (docs/rules/SPI002.md, "How to fix").
/// </summary>
public static class MaskFix
{
    /// <summary>
    /// Diagnostic property: the <c>PiMask</c> helper for each additional location, comma-separated, in
    /// order. Absent when no mask can express the fix (a container, a parameter that takes no string).
    /// </summary>
    public const string MasksProperty = "Masks";

    internal static (ImmutableDictionary<string, string?> Properties, IEnumerable<Location> Locations) For(ImmutableArray<(SyntaxNode Node, PiMaskKind Mask)> targets) =>
        targets.IsDefaultOrEmpty
            ? (ImmutableDictionary<string, string?>.Empty, Enumerable.Empty<Location>())
            : (ImmutableDictionary<string, string?>.Empty.Add(MasksProperty, string.Join(",", targets.Select(t => t.Mask.ToString()))),
                targets.Select(t => t.Node.GetLocation()));
}
