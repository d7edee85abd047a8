using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Suppression;

namespace SensitivePi.Tool;

/// <summary>
/// <c>sensitivepi baseline</c>: writes <c>SensitivePi.baseline.json</c> beside each project, in the format the analyzers
/// read (docs/baseline.md), accepting every warning and error the project has now. An entry of the existing file that
/// still accepts a finding is kept as written (its justification with it); one that accepts none is dropped (the
/// finding was fixed); each finding no kept entry accepts gets an entry naming its rule, member, data and sink.
/// </summary>
internal static class BaselineCommand
{
    // How messages name data ('Patient.IdNumber' (SpecificIdentity)) and the sink (by 'ILogger.LogInformation').
    private static readonly Regex DataPattern = new(@"'[^']+' \([A-Za-z0-9]+\)", RegexOptions.CultureInvariant);
    private static readonly Regex SinkPattern = new(@"(?<!held )\bby ('[^']+')", RegexOptions.CultureInvariant);

    public static int Run(IReadOnlyList<ProjectAnalysis> analyses)
    {
        var written = 0;
        foreach (var analysis in analyses)
        {
            if (!analysis.Analysed)
            {
                Console.Error.WriteLine($"sensitivepi: {analysis.Name}: not analysed: {analysis.Problem}");
                continue;
            }

            var path = Path.Combine(analysis.Directory, Baseline.FileName);
            var existing = ReadExisting(path);
            // A finding the baseline suppressed is still one to accept; one a #pragma or [SuppressMessage] suppressed is not the baseline's.
            var findings = analysis.Diagnostics
                .Where(d => d.Severity >= DiagnosticSeverity.Warning)
                .Select(d => (Diagnostic: d, Finding: new Finding(d.Id, analysis.MemberOf(d.Location), d.GetMessage(CultureInfo.InvariantCulture))))
                .Where(p => !p.Diagnostic.IsSuppressed || existing.Any(e => e.Entry.Matches(p.Finding.Rule, () => p.Finding.Member, p.Finding.Message)))
                .Select(p => p.Finding)
                .ToList();

            var kept = existing.Where(e => findings.Any(f => e.Entry.Matches(f.Rule, () => f.Member, f.Message))).ToList();
            var added = new List<Dictionary<string, string>>();
            foreach (var finding in findings)
            {
                if (kept.Any(e => e.Entry.Matches(finding.Rule, () => finding.Member, finding.Message)))
                {
                    continue;
                }

                var entry = EntryFor(finding);
                if (!added.Any(a => a.OrderBy(p => p.Key).SequenceEqual(entry.OrderBy(p => p.Key))))
                {
                    added.Add(entry);
                }
            }

            Write(path, kept.Select(k => k.Fields).Concat(added));
            Console.Out.WriteLine($"{Relative(path)}: {kept.Count + added.Count} finding(s) accepted ({added.Count} new, {kept.Count} kept, {existing.Count - kept.Count} no longer found)");
            written++;
        }

        if (written == 0)
        {
            throw new ToolError("no project could be analysed, so no baseline was written");
        }

        return Program.Clean;
    }

    private static Dictionary<string, string> EntryFor(Finding finding)
    {
        var entry = new Dictionary<string, string>(StringComparer.Ordinal) { ["rule"] = finding.Rule };
        if (finding.Member is { } member)
        {
            entry["member"] = member;
        }

        var data = DataPattern.Match(finding.Message);
        var sink = SinkPattern.Match(finding.Message);
        if (data.Success)
        {
            entry["data"] = data.Value;
        }

        if (sink.Success)
        {
            entry["sink"] = sink.Groups[1].Value;
        }

        if (!data.Success && !sink.Success)
        {
            entry["message"] = finding.Message;
        }

        return entry;
    }

    private static List<ExistingEntry> ReadExisting(string path)
    {
        var entries = new List<ExistingEntry>();
        if (!File.Exists(path))
        {
            return entries;
        }

        var text = SourceText.From(File.ReadAllText(path));
        if (JsonReader.Parse(text, out var error) is not JsonObject { } root || error is not null || root["findings"] is not JsonArray findings)
        {
            throw new ToolError($"{path}: the existing baseline cannot be read ({error?.Message ?? "no \"findings\" array"}); fix or delete it first");
        }

        var parsed = Baseline.Read(text).Entries;
        var index = 0;
        foreach (var item in findings.Items)
        {
            if (item is JsonObject finding && finding["rule"] is JsonString { Value.Length: > 0 } && index < parsed.Length)
            {
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var property in finding.Properties)
                {
                    if (property.Value is JsonString value)
                    {
                        fields[property.Name] = value.Value;
                    }
                }

                entries.Add(new ExistingEntry(parsed[index++], fields));
            }
        }

        return entries;
    }

    private static void Write(string path, IEnumerable<Dictionary<string, string>> entries)
    {
        string[] order = { "rule", "member", "data", "sink", "message", "justification" };
        var sorted = entries
            .OrderBy(e => e["rule"], StringComparer.Ordinal)
            .ThenBy(e => e.GetValueOrDefault("member") ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.GetValueOrDefault("data") ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.GetValueOrDefault("sink") ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.GetValueOrDefault("message") ?? string.Empty, StringComparer.Ordinal);
        using var stream = File.Create(path);
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartArray("findings");
            foreach (var entry in sorted)
            {
                json.WriteStartObject();
                foreach (var name in order.Where(entry.ContainsKey).Concat(entry.Keys.Where(k => !order.Contains(k)).OrderBy(k => k, StringComparer.Ordinal)))
                {
                    json.WriteString(name, entry[name]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);

    private sealed record Finding(string Rule, string? Member, string Message);

    private sealed record ExistingEntry(BaselineEntry Entry, Dictionary<string, string> Fields);
}
