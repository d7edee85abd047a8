using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SensitivePi.Tests.Package;

/// <summary>What <c>.ci/consumer/Violation.cs</c> plants, and readers for what a consumer build reports.</summary>
public static class ConsumerExpectations
{
    /// <summary>One violation per rule, on the line its comment in Violation.cs names.</summary>
    public static readonly IReadOnlyList<(string Id, int Line)> Violations = new[]
    {
        ("SPI002", 25), ("SPI001", 29), ("SPI003", 29), ("SPI003", 31), ("SPI006", 31), ("SPI005", 33), ("SPI004", 36), ("SPI010", 51), ("SPI011", 55), ("SPI014", 59), ("SPI013", 61), ("SPI007", 67), ("SPI008", 72), ("SPI009", 75),
    };

    /// <summary>SPI002 under <c>#pragma warning disable</c>.</summary>
    public const int PragmaSuppressedLine = 41;

    /// <summary>SPI002 in a method with <c>[SuppressMessage]</c>.</summary>
    public const int AttributeSuppressedLine = 46;

    public static readonly string[] RuleIds = { "SPI001", "SPI002", "SPI003", "SPI004", "SPI005", "SPI006", "SPI007", "SPI008", "SPI009", "SPI010", "SPI011", "SPI012", "SPI013", "SPI014" };

    public static string HelpUri(string id) => $"https://github.com/SensitivePiAnalyzers/SensitivePiAnalyzers/blob/main/docs/rules/{id}.md";

    // MSBuild's canonical form: path(line,column): warning|error ID: message
    private static readonly Regex Canonical = new(
        @"(?<path>[^\s()]+)\((?<line>\d+),(?<column>\d+)\): (?<severity>warning|error) (?<id>SPI\d{3}):",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(10));

    /// <summary>The SPI diagnostics of a build log, each once (the console logger repeats them in its summary).</summary>
    public static IReadOnlyList<LoggedDiagnostic> SpiDiagnostics(string log) =>
        Canonical.Matches(log)
            .Select(m => new LoggedDiagnostic(
                Path.GetFileName(m.Groups["path"].Value),
                int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                m.Groups["severity"].Value,
                m.Groups["id"].Value))
            .Distinct()
            .OrderBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>(id, line) pairs by line, then id: the form expected and reported lists are compared in.</summary>
    public static List<(string Id, int Line)> Sorted(IEnumerable<(string Id, int Line)> pairs) =>
        pairs.OrderBy(p => p.Line).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();

    public static SarifLog ReadSarif(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());
        var run = Assert.Single(document.RootElement.GetProperty("runs").EnumerateArray());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .ToDictionary(
                r => r.GetProperty("id").GetString()!,
                r => r.TryGetProperty("helpUri", out var uri) ? uri.GetString() : null,
                StringComparer.Ordinal);
        var results = run.GetProperty("results").EnumerateArray()
            .Select(r =>
            {
                var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
                var suppressions = r.TryGetProperty("suppressions", out var s)
                    ? s.EnumerateArray().Select(x => new SarifSuppression(
                        x.GetProperty("kind").GetString()!,
                        x.TryGetProperty("properties", out var p) && p.TryGetProperty("suppressionType", out var t) ? t.GetString() : null,
                        x.TryGetProperty("justification", out var j) ? j.GetString() : null)).ToList()
                    : new List<SarifSuppression>();
                return new SarifResult(
                    r.GetProperty("ruleId").GetString()!,
                    r.GetProperty("level").GetString()!,
                    Path.GetFileName(new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath),
                    location.GetProperty("region").GetProperty("startLine").GetInt32(),
                    suppressions);
            })
            .ToList();
        return new SarifLog(rules, results);
    }
}

public sealed record LoggedDiagnostic(string File, int Line, int Column, string Severity, string Id);

public sealed record SarifLog(IReadOnlyDictionary<string, string?> HelpUris, IReadOnlyList<SarifResult> Results);

public sealed record SarifResult(string RuleId, string Level, string File, int Line, IReadOnlyList<SarifSuppression> Suppressions);

public sealed record SarifSuppression(string Kind, string? SuppressionType, string? Justification);
