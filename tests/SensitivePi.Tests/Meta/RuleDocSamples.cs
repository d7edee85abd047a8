using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SensitivePi.Tests.Meta;

/// <summary>A line of a rule page, with its 1-based line number.</summary>
public readonly record struct DocLine(int PageLine, string Text);

/// <summary>
/// A fenced code block of a rule page. <see cref="Index"/> numbers the <c>csharp</c> blocks of the page
/// from 1 (0 for other languages); <see cref="Directive"/> is the HTML comment on the line right before
/// the fence, if any.
/// </summary>
public sealed record RuleDocBlock(
    string Page,
    string Section,
    int Index,
    string Language,
    string? Directive,
    int FenceLine,
    IReadOnlyList<DocLine> Lines)
{
    public string Describe() =>
        $"docs/rules/{Page}.md, section \"{Section}\", C# block {Index} (fence on line {FenceLine})";
}

/// <summary>How a C# block is compiled, from its directive.</summary>
public enum SampleKind
{
    /// <summary>No directive: the block is a whole file.</summary>
    Complete,

    /// <summary><c>&lt;!-- sample: body of Type.Method --&gt;</c>: statements that replace that method's body.</summary>
    Body,

    /// <summary><c>&lt;!-- sample: members of Type --&gt;</c>: members added to that type, replacing its members of the same names.</summary>
    Members,

    /// <summary><c>&lt;!-- fragment --&gt;</c>: intentionally partial; not compiled.</summary>
    Fragment,
}

/// <summary>
/// One compiled case: a whole block, or the <c>// Before</c> or <c>// After</c> half of a block that shows
/// a code fix. Lines above <c>// Before</c> belong to both halves.
/// </summary>
public sealed record RuleDocSample(RuleDocBlock Block, string Part, IReadOnlyList<DocLine> Lines)
{
    public const string Before = "before";
    public const string After = "after";

    public string Name => Part.Length == 0 ? Block.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : Block.Index + " " + Part;

    public string Describe() => Block.Describe() + (Part.Length == 0 ? "" : ", the '// " + char.ToUpperInvariant(Part[0]) + Part.Substring(1) + "' half");
}

/// <summary>A sample turned into a whole C# file, and where its lines came from.</summary>
public sealed class ComposedSample
{
    public ComposedSample(string source, int[] pageLineOfSourceLine, Func<SyntaxNode, IReadOnlyList<TextSpan>> sampleSpans, RuleDocBlock? host)
    {
        Source = source;
        PageLineOfSourceLine = pageLineOfSourceLine;
        SampleSpans = sampleSpans;
        Host = host;
    }

    /// <summary>The whole-file block the sample was spliced into; null for a whole-file sample.</summary>
    public RuleDocBlock? Host { get; }

    public string Source { get; }

    /// <summary>For each 0-based line of <see cref="Source"/>, the page line it came from; 0 for lines of the host block.</summary>
    public int[] PageLineOfSourceLine { get; }

    /// <summary>The sample's declarations in a (possibly code-fixed) tree of the source: where fixes may apply.</summary>
    public Func<SyntaxNode, IReadOnlyList<TextSpan>> SampleSpans { get; }

    public int PageLine(int sourceLine) =>
        sourceLine >= 0 && sourceLine < PageLineOfSourceLine.Length ? PageLineOfSourceLine[sourceLine] : 0;
}

/// <summary>
/// Reads the fenced blocks of docs/rules/SPI*.md and turns each C# sample into a compilable file.
/// The conventions are described on <see cref="RuleDocsSamplesTests"/>.
/// </summary>
public static class RuleDocSamples
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Regex Fence = new(@"^\s*```(?<info>.*)$", RegexOptions.Compiled);
    private static readonly Regex HtmlComment = new(@"^\s*<!--\s*(?<text>.*?)\s*-->\s*$", RegexOptions.Compiled);
    private static readonly Regex BodyDirective = new(@"^sample:\s*body of\s+(?<type>\w+)\.(?<method>\w+)$", RegexOptions.Compiled);
    private static readonly Regex MembersDirective = new(@"^sample:\s*members of\s+(?<type>\w+)$", RegexOptions.Compiled);
    private static readonly Regex UsingDirective = new(@"^\s*using\s+(static\s+)?(\w+\s*=\s*)?[\w.]+\s*;\s*$", RegexOptions.Compiled);

    public static IReadOnlyList<string> Pages() =>
        Directory.GetFiles(RepositoryPaths.Combine("docs", "rules"), "SPI*.md")
            .Select(f => Path.GetFileNameWithoutExtension(f)!)
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every fenced block of the page, in order. Throws on a fence that is never closed.</summary>
    public static IReadOnlyList<RuleDocBlock> Blocks(string page)
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("docs", "rules", page + ".md"));
        var blocks = new List<RuleDocBlock>();
        var section = "(before the first section)";
        var csharpIndex = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                section = lines[i].Substring(3).Trim();
                continue;
            }

            var open = Fence.Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var language = open.Groups["info"].Value.Trim();
            var directive = i > 0 && HtmlComment.Match(lines[i - 1]) is { Success: true } comment ? comment.Groups["text"].Value : null;
            var fenceLine = i + 1;
            var body = new List<DocLine>();
            for (i++; ; i++)
            {
                if (i == lines.Length)
                {
                    throw new InvalidOperationException($"docs/rules/{page}.md: the fence on line {fenceLine} is never closed");
                }

                if (lines[i].Trim() == "```")
                {
                    break;
                }

                body.Add(new DocLine(i + 1, lines[i]));
            }

            var index = language == "csharp" ? ++csharpIndex : 0;
            blocks.Add(new RuleDocBlock(page, section, index, language, directive, fenceLine, body));
        }

        return blocks;
    }

    public static IEnumerable<RuleDocBlock> CSharpBlocks(string page) => Blocks(page).Where(b => b.Language == "csharp");

    /// <summary>The kind of a block, and for splices the type and method it goes into. Throws on an unknown directive.</summary>
    public static (SampleKind Kind, string? Type, string? Method) Kind(RuleDocBlock block)
    {
        if (block.Directive is null)
        {
            return (SampleKind.Complete, null, null);
        }

        if (block.Directive == "fragment")
        {
            return (SampleKind.Fragment, null, null);
        }

        if (BodyDirective.Match(block.Directive) is { Success: true } body)
        {
            return (SampleKind.Body, body.Groups["type"].Value, body.Groups["method"].Value);
        }

        if (MembersDirective.Match(block.Directive) is { Success: true } members)
        {
            return (SampleKind.Members, members.Groups["type"].Value, null);
        }

        throw new InvalidOperationException(
            $"{block.Describe()}: unknown directive '<!-- {block.Directive} -->'; use '<!-- fragment -->', " +
            "'<!-- sample: body of Type.Method -->' or '<!-- sample: members of Type -->'");
    }

    /// <summary>The compiled cases of a block: the whole block, or its Before and After halves.</summary>
    public static IReadOnlyList<RuleDocSample> Samples(RuleDocBlock block)
    {
        var before = IndexOfMarker(block.Lines, "// Before");
        var after = IndexOfMarker(block.Lines, "// After");
        if (before < 0 && after < 0)
        {
            return new[] { new RuleDocSample(block, "", block.Lines) };
        }

        if (before < 0 || after < before)
        {
            throw new InvalidOperationException($"{block.Describe()}: a '// After' line needs a '// Before' line above it, and the other way round");
        }

        var prefix = block.Lines.Take(before).ToList();
        return new[]
        {
            new RuleDocSample(block, RuleDocSample.Before, prefix.Concat(block.Lines.Skip(before + 1).Take(after - before - 1)).ToList()),
            new RuleDocSample(block, RuleDocSample.After, prefix.Concat(block.Lines.Skip(after + 1)).ToList()),
        };
    }

    /// <summary>Turns a sample into a whole file: as it is, or spliced into the page's complete block that declares the host type.</summary>
    public static ComposedSample Compose(RuleDocSample sample)
    {
        var (kind, type, method) = Kind(sample.Block);
        switch (kind)
        {
            case SampleKind.Complete:
                return new ComposedSample(
                    string.Join("\n", sample.Lines.Select(l => l.Text)),
                    sample.Lines.Select(l => l.PageLine).ToArray(),
                    root => new[] { root.FullSpan },
                    null);
            case SampleKind.Body:
            case SampleKind.Members:
                return Splice(sample, kind, type!, method);
            default:
                throw new InvalidOperationException($"{sample.Describe()}: a fragment is not compiled");
        }
    }

    private static ComposedSample Splice(RuleDocSample sample, SampleKind kind, string typeName, string? methodName)
    {
        var host = FindHost(sample.Block, typeName, methodName);
        var hostText = string.Join("\n", host.Lines.Select(l => l.Text));
        var hostRoot = CSharpSyntaxTree.ParseText(hostText, ParseOptions).GetRoot();
        var type = SingleType(hostRoot, typeName)!;

        // Using directives of the sample go to the top of the file.
        var usings = sample.Lines.Where(l => UsingDirective.IsMatch(l.Text)).ToList();
        var code = sample.Lines.Where(l => !UsingDirective.IsMatch(l.Text)).ToList();
        var codeText = string.Join("\n", code.Select(l => l.Text));

        var changes = new List<TextChange>();
        int insertAt;
        string prefix;
        Func<SyntaxNode, IReadOnlyList<TextSpan>> spans;
        if (kind == SampleKind.Body)
        {
            var target = SingleMethod(type, methodName!)!;
            var start = target.Body?.Span.Start ?? target.ExpressionBody!.Span.Start;
            var end = target.Body?.Span.End ?? target.SemicolonToken.Span.End;
            changes.Add(new TextChange(TextSpan.FromBounds(start, end), "{\n" + codeText + "\n}"));
            insertAt = start;
            prefix = "{\n";
            spans = root => SingleType(root, typeName) is { } t && SingleMethod(t, methodName!) is { } m ? new[] { m.Span } : Array.Empty<TextSpan>();
        }
        else
        {
            var names = MemberNames(CSharpSyntaxTree.ParseText("class __Sample__\n{\n" + codeText + "\n}", ParseOptions)
                .GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First().Members);
            foreach (var member in type.Members.Where(m => MemberNames(new[] { m }).Any(names.Contains)))
            {
                changes.Add(new TextChange(member.FullSpan, ""));
            }

            insertAt = type.CloseBraceToken.SpanStart - changes.Sum(c => c.Span.Length);
            changes.Add(new TextChange(new TextSpan(type.CloseBraceToken.SpanStart, 0), "\n" + codeText + "\n"));
            prefix = "\n";
            spans = root => SingleType(root, typeName) is { } t
                ? t.Members.Where(m => MemberNames(new[] { m }).Any(names.Contains)).Select(m => m.Span).ToList()
                : Array.Empty<TextSpan>();
        }

        var spliced = SourceText.From(hostText).WithChanges(changes).ToString();
        var firstSampleLine = CountLines(spliced.Substring(0, insertAt) + prefix) - 1;
        var source = new StringBuilder();
        foreach (var line in usings)
        {
            source.Append(line.Text.Trim()).Append('\n');
        }

        source.Append(spliced);
        var pageLines = new int[usings.Count + CountLines(spliced)];
        for (var i = 0; i < usings.Count; i++)
        {
            pageLines[i] = usings[i].PageLine;
        }

        for (var i = 0; i < code.Count; i++)
        {
            pageLines[usings.Count + firstSampleLine + i] = code[i].PageLine;
        }

        return new ComposedSample(source.ToString(), pageLines, spans, host);
    }

    /// <summary>The complete block of the page that declares the host: the nearest one above the sample, else the first one below.</summary>
    private static RuleDocBlock FindHost(RuleDocBlock block, string typeName, string? methodName)
    {
        bool Declares(RuleDocBlock candidate)
        {
            if (Kind(candidate).Kind != SampleKind.Complete)
            {
                return false;
            }

            var root = CSharpSyntaxTree.ParseText(string.Join("\n", candidate.Lines.Select(l => l.Text)), ParseOptions).GetRoot();
            var type = SingleType(root, typeName);
            return type is not null && (methodName is null || SingleMethod(type, methodName) is not null);
        }

        var blocks = CSharpBlocks(block.Page).ToList();
        var host = blocks.Where(b => b.Index < block.Index).Reverse().FirstOrDefault(Declares)
            ?? blocks.Where(b => b.Index > block.Index).FirstOrDefault(Declares);
        return host ?? throw new InvalidOperationException(
            $"{block.Describe()}: no complete C# block of the page declares exactly one type '{typeName}'" +
            (methodName is null ? "" : $" with exactly one method '{methodName}'"));
    }

    private static TypeDeclarationSyntax? SingleType(SyntaxNode root, string name)
    {
        var types = root.DescendantNodes().OfType<TypeDeclarationSyntax>().Where(t => t.Identifier.ValueText == name).ToList();
        return types.Count == 1 ? types[0] : null;
    }

    private static MethodDeclarationSyntax? SingleMethod(TypeDeclarationSyntax type, string name)
    {
        var methods = type.Members.OfType<MethodDeclarationSyntax>().Where(m => m.Identifier.ValueText == name).ToList();
        return methods.Count == 1 ? methods[0] : null;
    }

    private static HashSet<string> MemberNames(IEnumerable<MemberDeclarationSyntax> members)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            switch (member)
            {
                case MethodDeclarationSyntax m:
                    names.Add(m.Identifier.ValueText);
                    break;
                case PropertyDeclarationSyntax p:
                    names.Add(p.Identifier.ValueText);
                    break;
                case EventDeclarationSyntax e:
                    names.Add(e.Identifier.ValueText);
                    break;
                case BaseFieldDeclarationSyntax f:
                    names.UnionWith(f.Declaration.Variables.Select(v => v.Identifier.ValueText));
                    break;
                case BaseTypeDeclarationSyntax t:
                    names.Add(t.Identifier.ValueText);
                    break;
                case DelegateDeclarationSyntax d:
                    names.Add(d.Identifier.ValueText);
                    break;
            }
        }

        return names;
    }

    private static int IndexOfMarker(IReadOnlyList<DocLine> lines, string marker)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Text.Trim();
            if (text == marker || text.StartsWith(marker + ":", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static int CountLines(string text) => text.Count(c => c == '\n') + 1;
}
