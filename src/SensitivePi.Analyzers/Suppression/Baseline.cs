using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Suppression;

/// <summary>
/// One accepted finding of <c>SensitivePi.baseline.json</c> (docs/baseline.md): the rule, and optionally the member it is
/// reported in (documentation-comment ID), text the message contains (the data, the sink) or the whole message. Line
/// numbers are not part of it: a finding stays accepted when lines move or the method changes elsewhere.
/// </summary>
internal sealed class BaselineEntry
{
    public BaselineEntry(string rule, string? member, string? data, string? sink, string? message)
    {
        Rule = rule;
        Member = member;
        Data = data;
        Sink = sink;
        Message = message;
    }

    public string Rule { get; }

    public string? Member { get; }

    public string? Data { get; }

    public string? Sink { get; }

    public string? Message { get; }

    public bool Matches(string rule, Func<string?> member, string message) =>
        string.Equals(rule, Rule, StringComparison.OrdinalIgnoreCase)
        && (Message is null || string.Equals(Message, message, StringComparison.Ordinal))
        && (Data is null || message.IndexOf(Data, StringComparison.Ordinal) >= 0)
        && (Sink is null || message.IndexOf(Sink, StringComparison.Ordinal) >= 0)
        && (Member is null || string.Equals(Member, member(), StringComparison.Ordinal));
}

/// <summary>A problem of the baseline file, and where in it.</summary>
internal readonly struct BaselineProblem
{
    public BaselineProblem(string message, TextSpan span)
    {
        Message = message;
        Span = span;
    }

    public string Message { get; }

    public TextSpan Span { get; }
}

/// <summary>The accepted findings of a baseline file, and what in the file could not be read (reported as SPI013 there).</summary>
internal sealed class Baseline
{
    /// <summary>The file name the package picks up from the project folder (as an <c>AdditionalFiles</c> item).</summary>
    public const string FileName = "SensitivePi.baseline.json";

    private Baseline(ImmutableArray<BaselineEntry> entries, ImmutableArray<BaselineProblem> problems)
    {
        Entries = entries;
        Problems = problems;
    }

    public ImmutableArray<BaselineEntry> Entries { get; }

    public ImmutableArray<BaselineProblem> Problems { get; }

    /// <summary>
    /// The documentation-comment ID of the member a finding at <paramref name="location"/> is reported in (a lambda's
    /// or local function's is its member's; a finding on a type's declaration or a record parameter, the type's): what
    /// an entry's "member" matches. The suppressor and the command-line tool's <c>baseline</c> both ask this.
    /// </summary>
    public static string? MemberOf(Location location, Func<SyntaxTree, SemanticModel> models, System.Threading.CancellationToken cancellationToken)
    {
        if (location.SourceTree is not { } tree)
        {
            return null;
        }

        var node = tree.GetRoot(cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        var model = models(tree);
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            var declared = ancestor switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.BaseFieldDeclarationSyntax { Declaration.Variables.Count: > 0 } field => model.GetDeclaredSymbol(field.Declaration.Variables[0], cancellationToken),
                Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax member => model.GetDeclaredSymbol(member, cancellationToken),
                _ => null,
            };

            if (declared?.GetDocumentationCommentId() is { } id)
            {
                return id;
            }
        }

        return null;
    }

    public static bool IsBaseline(string path) =>
        string.Equals(System.IO.Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a baseline; never throws. Entries that cannot be read are left out, each with a problem.</summary>
    public static Baseline Read(SourceText text)
    {
        var entries = ImmutableArray.CreateBuilder<BaselineEntry>();
        var problems = ImmutableArray.CreateBuilder<BaselineProblem>();
        var root = JsonReader.Parse(text, out var error);
        if (error is { } parse)
        {
            problems.Add(new BaselineProblem(parse.Message, parse.Span));
        }
        else if (root is not JsonObject file || file["findings"] is not JsonArray findings)
        {
            problems.Add(new BaselineProblem("A baseline is an object with a \"findings\" array", root?.Span ?? new TextSpan(0, 0)));
        }
        else
        {
            foreach (var item in findings.Items)
            {
                if (item is not JsonObject finding)
                {
                    problems.Add(new BaselineProblem("A finding is an object with at least a \"rule\"", item.Span));
                    continue;
                }

                if (finding["rule"] is not JsonString { Value.Length: > 0 } rule)
                {
                    problems.Add(new BaselineProblem("A finding needs a \"rule\" (a rule id such as \"SPI002\")", finding.Span));
                    continue;
                }

                entries.Add(new BaselineEntry(rule.Value, Text(finding, "member", problems), Text(finding, "data", problems), Text(finding, "sink", problems), Text(finding, "message", problems)));
            }
        }

        return new Baseline(entries.ToImmutable(), problems.ToImmutable());
    }

    private static string? Text(JsonObject finding, string name, ImmutableArray<BaselineProblem>.Builder problems)
    {
        switch (finding[name])
        {
            case null:
                return null;
            case JsonString value:
                return value.Value;
            case var other:
                problems.Add(new BaselineProblem($"\"{name}\" is a string", other.Span));
                return null;
        }
    }
}
