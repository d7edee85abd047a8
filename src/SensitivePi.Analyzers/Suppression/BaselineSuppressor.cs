using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SensitivePi.Analyzers.Suppression;

/// <summary>
/// Suppresses the findings a team accepted in <c>SensitivePi.baseline.json</c> (docs/baseline.md): as suppressions, so
/// SARIF shows them as suppressed and every new finding fails the build as before.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BaselineSuppressor : DiagnosticSuppressor
{
    /// <summary>The suppression id for a rule id: <c>SPI002</c> → <c>SPIB002</c>.</summary>
    public static string SuppressionId(string ruleId) => "SPIB" + ruleId.Substring(3);

    // One suppression per rule of the catalogue; the descriptors are the list of rules.
    private static readonly ImmutableDictionary<string, SuppressionDescriptor> ByRule = typeof(Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => field.GetValue(null))
        .OfType<DiagnosticDescriptor>()
        .Select(descriptor => descriptor.Id)
        .Distinct(StringComparer.Ordinal)
        .ToImmutableDictionary(id => id, id => new SuppressionDescriptor(SuppressionId(id), id, "Accepted in " + Baseline.FileName), StringComparer.Ordinal);

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ByRule.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        var file = context.Options.AdditionalFiles.FirstOrDefault(f => Baseline.IsBaseline(f.Path));
        if (file?.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        var baseline = Baseline.Read(text);
        if (baseline.Entries.IsEmpty)
        {
            return;
        }

        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            if (!ByRule.TryGetValue(diagnostic.Id, out var suppression))
            {
                continue;
            }

            var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
            string? member = null;
            var memberRead = false;
            string? Member()
            {
                if (!memberRead)
                {
                    memberRead = true;
                    member = MemberOf(diagnostic, context);
                }

                return member;
            }

            foreach (var entry in baseline.Entries)
            {
                if (entry.Matches(diagnostic.Id, Member, message))
                {
                    context.ReportSuppression(Microsoft.CodeAnalysis.Diagnostics.Suppression.Create(suppression, diagnostic));
                    break;
                }
            }
        }
    }

    private static string? MemberOf(Diagnostic diagnostic, SuppressionAnalysisContext context) =>
        Baseline.MemberOf(diagnostic.Location, context.GetSemanticModel, context.CancellationToken);
}
