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
    public const string MasksProperty = MaskFix.MasksProperty;

    internal static Diagnostic Create(SinkHit hit, Taint readable, ImmutableArray<(SyntaxNode Node, PiMaskKind Mask)> maskTargets)
    {
        var (properties, additionalLocations) = MaskFix.For(maskTargets);

        return Diagnostic.Create(
            Descriptors.UnmaskedLogging,
            hit.Node.GetLocation(),
            additionalLocations,
            properties,
            hit.DescribeData(readable),
            hit.Sink.DisplayName,
            Citations.Display(readable.Categories()));
    }

    /// <summary>
    /// Data entering a path to a log in another method (or a log given a callee's result): reported where it
    /// enters, naming the path; the mask fix applies there when a masked string could take the argument's place.
    /// </summary>
    internal static Diagnostic CreateAcross(CrossMethodFinding finding, Taint readable)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        var additionalLocations = finding.StepLocations().ToList();
        if (finding.AcceptsString)
        {
            // The fix reads as many additional locations as there are masks: the first is the argument itself.
            properties = properties.Add(MasksProperty, readable.CommonMask.ToString());
            additionalLocations.Insert(0, finding.Node.GetLocation());
        }

        return Diagnostic.Create(
            CompilationEndDescriptors.UnmaskedLogging,
            finding.Node.GetLocation(),
            additionalLocations,
            properties,
            readable.Describe(),
            finding.SinkAndPath,
            Citations.Display(readable.Categories()));
    }
}
