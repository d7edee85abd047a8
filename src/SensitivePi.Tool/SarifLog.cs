using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers;

namespace SensitivePi.Tool;

/// <summary>
/// SARIF 2.1.0 of a check: one run, the rules from the package's descriptors, each finding with its location, its
/// suppression when a baseline or <c>#pragma</c> accepted it, and for a finding across methods (its message names the
/// path, "… through 'Helper.Write(string)'") a code flow from where the data enters to the sink in the callee.
/// </summary>
internal static class SarifLog
{
    public static void Write(string path, IReadOnlyList<ProjectAnalysis> analyses)
    {
        var rules = typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>()
            .GroupBy(d => d.Id, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((d, i) => (d.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "SensitivePiAnalyzers");
        json.WriteString("semanticVersion", ToolVersion.Value);
        json.WriteString("informationUri", "https://github.com/SensitivePiAnalyzers/SensitivePiAnalyzers");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Description.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
            if (rule.HelpLinkUri is { Length: > 0 } help)
            {
                json.WriteString("helpUri", help);
            }

            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("category", rule.Category);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("results");
        foreach (var analysis in analyses)
        {
            foreach (var diagnostic in analysis.Diagnostics)
            {
                WriteResult(json, diagnostic, ruleIndex, diagnostic.IsSuppressed && analysis.AcceptedByBaseline(diagnostic));
            }
        }

        json.WriteEndArray();
        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Diagnostic diagnostic, Dictionary<string, int> ruleIndex, bool byBaseline)
    {
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteString("ruleId", diagnostic.Id);
        if (ruleIndex.TryGetValue(diagnostic.Id, out var index))
        {
            json.WriteNumber("ruleIndex", index);
        }

        json.WriteString("level", Level(diagnostic.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        WriteLocation(json, diagnostic.Location, message: null);
        json.WriteEndArray();

        // The path of a finding across methods: where the data enters, each further call, the sink in the last callee.
        if (message.Contains("' through '", StringComparison.Ordinal) && diagnostic.AdditionalLocations.Count > 0)
        {
            var steps = new List<Location> { diagnostic.Location };
            steps.AddRange(diagnostic.AdditionalLocations.Where(l => l != diagnostic.Location && l.IsInSource));
            json.WriteStartArray("codeFlows");
            json.WriteStartObject();
            json.WriteStartArray("threadFlows");
            json.WriteStartObject();
            json.WriteStartArray("locations");
            for (var i = 0; i < steps.Count; i++)
            {
                json.WriteStartObject();
                var text = i == 0 ? "The data enters the path here" : i == steps.Count - 1 ? "It reaches the sink here" : "It passes through this call";
                WriteLocation(json, steps[i], text, property: "location");
                json.WriteNumber("nestingLevel", i == 0 ? 0 : 1);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (diagnostic.IsSuppressed)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            // SARIF's kinds: the baseline is a file beside the code ("external"); #pragma and [SuppressMessage] are "inSource".
            json.WriteString("kind", byBaseline ? "external" : "inSource");
            json.WriteString("justification", byBaseline ? "Accepted in SensitivePi.baseline.json" : "Suppressed in source");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, Location location, string? message, string? property = null)
    {
        if (property is not null)
        {
            json.WriteStartObject(property);
        }
        else
        {
            json.WriteStartObject();
        }

        var span = location.GetLineSpan();
        if (span.Path.Length > 0)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", new Uri(Path.GetFullPath(span.Path)).AbsoluteUri);
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", span.StartLinePosition.Line + 1);
            json.WriteNumber("startColumn", span.StartLinePosition.Character + 1);
            json.WriteNumber("endLine", span.EndLinePosition.Line + 1);
            json.WriteNumber("endColumn", span.EndLinePosition.Character + 1);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        if (message is not null)
        {
            json.WriteStartObject("message");
            json.WriteString("text", message);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };
}

/// <summary>The tool's version, as packed (informational version without the source revision).</summary>
internal static class ToolVersion
{
    public static readonly string Value =
        (typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
