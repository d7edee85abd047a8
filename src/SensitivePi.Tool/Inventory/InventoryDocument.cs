using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SensitivePi.Analyzers.Inventory;

namespace SensitivePi.Tool.Inventory;

/// <summary>
/// The record of processing of one input (docs/command-line-tool.md, "The inventory"), in a stable order and with
/// paths relative to each project's folder, so that two runs over the same code write the same bytes.
/// </summary>
internal sealed class InventoryDocument
{
    public InventoryDocument(string input, ImmutableArray<ProjectRecord> projects)
    {
        Input = input;
        Projects = projects;
    }

    /// <summary>The project or solution file name.</summary>
    public string Input { get; }

    public ImmutableArray<ProjectRecord> Projects { get; }

    public static InventoryDocument From(string inputPath, IReadOnlyList<ProjectAnalysis> analyses)
    {
        var inputDirectory = Path.GetDirectoryName(inputPath)!;
        var projects = analyses.Select(a => ProjectRecord.From(a, inputDirectory)).OrderBy(p => p.Path, StringComparer.Ordinal).ToImmutableArray();
        return new InventoryDocument(Path.GetFileName(inputPath), projects);
    }
}

internal sealed class ProjectRecord
{
    private ProjectRecord(string name, string path, string? note, ImmutableArray<InventoryMember> members, ImmutableArray<FlowRecord> flows, ImmutableArray<PurposeRecord> purposes, ImmutableArray<FindingRecord> findings)
    {
        Name = name;
        Path = path;
        Note = note;
        Members = members;
        Flows = flows;
        Purposes = purposes;
        Findings = findings;
    }

    public string Name { get; }

    /// <summary>The project file, relative to the input's folder.</summary>
    public string Path { get; }

    /// <summary>Why the inventory of the project is empty, or null.</summary>
    public string? Note { get; }

    public ImmutableArray<InventoryMember> Members { get; }

    public ImmutableArray<FlowRecord> Flows { get; }

    public ImmutableArray<PurposeRecord> Purposes { get; }

    public ImmutableArray<FindingRecord> Findings { get; }

    public static ProjectRecord From(ProjectAnalysis analysis, string inputDirectory)
    {
        var directory = analysis.Directory;
        string Place(SourcePlace? place) => place is null ? string.Empty : Relative(place.Path, directory) + ":" + place.Line.ToString(CultureInfo.InvariantCulture);

        var findings = analysis.Diagnostics
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                var at = span.Path.Length == 0 ? string.Empty : Relative(span.Path, directory) + ":" + (span.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
                return new FindingRecord(d.Id, d.GetMessage(CultureInfo.InvariantCulture), at, span.StartLinePosition.Character + 1, d.IsSuppressed);
            })
            .Distinct()
            .OrderBy(f => f.At, PlaceComparer.Instance).ThenBy(f => f.Column).ThenBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToImmutableArray();

        var members = analysis.Recorder.Members
            .Select(m => new InventoryMember(m.Symbol, m.Name, m.Kind, m.Category, m.LegalBasis, m.Mask, m.AtRest, m.Form, m.ClassifiedBy,
                m.DeclaredAt is null ? null : new SourcePlace(Relative(m.DeclaredAt.Path, directory), m.DeclaredAt.Line, m.DeclaredAt.Column)))
            .GroupBy(m => m.Symbol, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(m => m.Symbol, StringComparer.Ordinal)
            .ToImmutableArray();

        var flows = analysis.Recorder.Flows
            .Select(f =>
            {
                var at = Place(f.At);
                var member = f.Member ?? (f.At is null ? null : analysis.MemberOf(LocationOf(analysis.Compilation, f.At)));
                var rules = findings.Where(d => !d.Accepted && d.At == at && d.Column == (f.At?.Column ?? 0) && d.Message.Contains("'" + f.DataName + "'", StringComparison.Ordinal))
                    .Select(d => d.Rule).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToImmutableArray();
                return new FlowRecord(f.Data, f.DataName, f.Category, f.SinkKind, f.Sink, f.Target, f.Protection, f.Consent.IsDefault ? null : f.Consent, member ?? string.Empty, at, f.At?.Column ?? 0, f.Through, rules);
            })
            .Distinct()
            .OrderBy(f => f.At, PlaceComparer.Instance).ThenBy(f => f.Column).ThenBy(f => f.DataName, StringComparer.Ordinal)
            .ThenBy(f => f.SinkKind, StringComparer.Ordinal).ThenBy(f => f.Sink, StringComparer.Ordinal).ThenBy(f => f.Protection, StringComparer.Ordinal)
            .ThenBy(f => string.Join("|", f.Through), StringComparer.Ordinal)
            .ToImmutableArray();

        var purposes = analysis.Recorder.Verifications
            .GroupBy(v => v.Purpose, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PurposeRecord(
                g.Key,
                g.Select(v => new VerificationRecord(v.Method, v.Name, v.Verdict, Place(v.At))).OrderBy(v => v.Method, StringComparer.Ordinal).ToImmutableArray()))
            .ToImmutableArray();

        var note = analysis.Problem;
        return new ProjectRecord(analysis.Name, Relative(analysis.Project.FilePath ?? analysis.Name, inputDirectory), note, members, flows, purposes, findings);
    }

    private static Location LocationOf(Compilation? compilation, SourcePlace place)
    {
        var tree = compilation?.SyntaxTrees.FirstOrDefault(t => string.Equals(t.FilePath, place.Path, StringComparison.Ordinal));
        if (tree is null)
        {
            return Location.None;
        }

        var lines = tree.GetText().Lines;
        if (place.Line - 1 >= lines.Count)
        {
            return Location.None;
        }

        var position = Math.Min(lines[place.Line - 1].Start + place.Column - 1, lines[place.Line - 1].End);
        return Location.Create(tree, new TextSpan(position, 0));
    }

    /// <summary>A path relative to <paramref name="directory"/>, with forward slashes on every system.</summary>
    public static string Relative(string path, string directory) =>
        System.IO.Path.IsPathRooted(path) ? System.IO.Path.GetRelativePath(directory, path).Replace('\\', '/') : path.Replace('\\', '/');
}

internal sealed record FlowRecord(
    string Data, string DataName, string Category, string SinkKind, string Sink, string? Target, string Protection, ImmutableArray<string>? Consent,
    string Member, string At, int Column, ImmutableArray<string> Through, ImmutableArray<string> Findings)
{
    public bool Equals(FlowRecord? other) => other is not null && Key == other.Key;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    private string Key => string.Join("\u0001", Data, SinkKind, Sink, Target, Protection, Consent is { } c ? string.Join(",", c) : "?", Member, At, Column, string.Join(",", Through), string.Join(",", Findings));
}

internal sealed record PurposeRecord(string Purpose, ImmutableArray<VerificationRecord> Methods)
{
    /// <summary>Every method that verifies anyone needs biometrics: what SPI004 reports.</summary>
    public bool BiometricOnly => Methods.Any(m => m.Verdict == "requires biometrics") && Methods.All(m => m.Verdict != "alternative without biometrics");
}

internal sealed record VerificationRecord(string Method, string Name, string Verdict, string At);

internal sealed record FindingRecord(string Rule, string Message, string At, int Column, bool Accepted);

/// <summary>Orders <c>path:line</c> by path, then line as a number.</summary>
internal sealed class PlaceComparer : IComparer<string>
{
    public static readonly PlaceComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var (px, lx) = Split(x ?? string.Empty);
        var (py, ly) = Split(y ?? string.Empty);
        var byPath = string.CompareOrdinal(px, py);
        return byPath != 0 ? byPath : lx.CompareTo(ly);
    }

    private static (string Path, int Line) Split(string place)
    {
        var colon = place.LastIndexOf(':');
        return colon > 0 && int.TryParse(place.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? (place.Substring(0, colon), line) : (place, 0);
    }
}
