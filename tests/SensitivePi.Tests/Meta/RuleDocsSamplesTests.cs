using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SensitivePi.Analyzers;
using SensitivePi.CodeFixes;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Meta;

/// <summary>
/// The C# samples of docs/rules/SPI*.md compile against the annotations and the test reference set, and the
/// shipped analyzers report exactly what their comments claim. Conventions, all visible in the markdown:
/// <list type="bullet">
/// <item>A <c>```csharp</c> block is a whole file, unless the HTML comment on the line right above its fence
/// says otherwise: <c>&lt;!-- sample: body of Type.Method --&gt;</c> (statements that replace the body of
/// that method) or <c>&lt;!-- sample: members of Type --&gt;</c> (members added to that type, replacing its
/// members of the same names). The type is taken from the page's whole-file block that declares it (the
/// nearest above, else the first below); the sample's <c>using</c> lines go to the top of the file. Only
/// diagnostics inside the sample's own lines are checked. <c>&lt;!-- fragment --&gt;</c> marks an
/// intentionally partial block, which is not compiled; there are at most <see cref="MaxFragments"/> and none
/// in the sample sections.</item>
/// <item>A line whose trailing <c>//</c> comment starts with a rule id (<c>// SPI002</c>,
/// <c>// SPI005, and SPI003 (Biometric)</c>) claims a diagnostic of each id in the comment starting on that
/// line. Every SPI diagnostic must be claimed and every claim reported, for all six rules.</item>
/// <item>Blocks under "Noncompliant code" claim the page's rule at least once; blocks under "Compliant
/// code", "How to fix" and "How to suppress or change severity" claim none of it.</item>
/// <item>A block with a <c>// Before</c> line and a <c>// After</c> line is two samples (lines above
/// <c>// Before</c> belong to both): the Before half claims the page's rule, the After half does not, and
/// applying the rule's code fixes to the Before half gives the After half, token for token.</item>
/// </list>
/// </summary>
public class RuleDocsSamplesTests
{
    public const int MaxFragments = 2;
    private const int MaxFixSteps = 4;

    private static readonly string[] SampleSections =
    {
        "Noncompliant code",
        "Compliant code",
        "How to fix",
        "How to suppress or change severity",
    };

    private static readonly string[] KnownLanguages = { "csharp", "text", "ini", "xml" };

    private static readonly Regex DiagnosticId = new(@"^SPI\d{3}$", RegexOptions.Compiled);
    private static readonly Regex Claim = new(@"^SPI\d{3}\b", RegexOptions.Compiled);
    private static readonly Regex ClaimedId = new(@"SPI\d{3}", RegexOptions.Compiled);

    private static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    private static readonly ImmutableArray<CodeFixProvider> FixProviders = Shipped.CodeFixes();

    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> References = new(async () =>
        (await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).Add(TestReferences.Annotations));

    /// <summary>One case per compiled sample: page, section, and the block's number among the page's C# blocks (plus "before" or "after").</summary>
    public static TheoryData<string, string, string> Samples()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var page in RuleDocSamples.Pages())
        {
            foreach (var block in RuleDocSamples.CSharpBlocks(page))
            {
                IReadOnlyList<RuleDocSample> samples;
                try
                {
                    if (RuleDocSamples.Kind(block).Kind == SampleKind.Fragment)
                    {
                        continue;
                    }

                    samples = RuleDocSamples.Samples(block);
                }
                catch (InvalidOperationException)
                {
                    // Reported by the case itself, with the reason.
                    data.Add(page, block.Section, block.Index.ToString(CultureInfo.InvariantCulture));
                    continue;
                }

                foreach (var sample in samples)
                {
                    data.Add(page, block.Section, sample.Name);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Csharp_sample_compiles_and_reports_exactly_the_diagnostics_it_marks(string page, string section, string sample)
    {
        var block = RuleDocSamples.CSharpBlocks(page).Single(b => sample.Split(' ')[0] == b.Index.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(section, block.Section);
        var docSample = RuleDocSamples.Samples(block).Single(s => s.Name == sample);
        var composed = RuleDocSamples.Compose(docSample);

        var analysis = await AnalyzeAsync(composed);
        var problems = new List<string>();
        problems.AddRange(analysis.Errors.Select(e => "does not compile: " + Where(composed, e) + e.Id + ": " + e.GetMessage(CultureInfo.InvariantCulture)));
        problems.AddRange(analysis.Exceptions.Select(e => "an analyzer threw: " + e));

        var claimed = Claims(composed);
        var reported = new Dictionary<(string Id, int Line), string>();
        foreach (var diagnostic in analysis.Reported)
        {
            var line = composed.PageLine(diagnostic.Location.GetLineSpan().StartLinePosition.Line);
            if (line != 0)
            {
                reported[(diagnostic.Id, line)] = diagnostic.GetMessage(CultureInfo.InvariantCulture);
            }
        }

        if (analysis.Errors.IsEmpty)
        {
            foreach (var ((id, line), message) in reported.Where(r => !claimed.Contains(r.Key)).OrderBy(r => r.Key.Line))
            {
                problems.Add($"line {line}: {id} is reported but the line does not mark it with '// {id}': {message}");
            }

            foreach (var (id, line) in claimed.Where(c => !reported.ContainsKey(c)).OrderBy(c => c.Line))
            {
                problems.Add($"line {line}: marked '// {id}' but {id} is not reported there");
            }
        }

        var claimsRule = claimed.Any(c => c.Id == page);
        if (docSample.Part == RuleDocSample.Before && !claimsRule)
        {
            problems.Add($"the '// Before' half of a fix must mark at least one {page}");
        }
        else if (docSample.Part.Length == 0 && block.Section == "Noncompliant code" && !claimsRule)
        {
            problems.Add($"a noncompliant sample must mark at least one {page}");
        }
        else if (docSample.Part != RuleDocSample.Before && SampleSections.Skip(1).Contains(block.Section) && claimsRule)
        {
            problems.Add($"a sample under \"{block.Section}\" must not mark {page}");
        }

        if (docSample.Part == RuleDocSample.After && problems.Count == 0)
        {
            var fix = await ApplyFixesAsync(docSample);
            if (fix.Problem is not null)
            {
                problems.Add(fix.Problem);
            }
        }

        if (problems.Count > 0)
        {
            Assert.Fail(docSample.Describe() + ":" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems) +
                (analysis.Errors.IsEmpty ? "" : Environment.NewLine + "Compiled source (page line | code):" + Environment.NewLine + Numbered(composed)));
        }
    }

    [Fact]
    public void Fenced_blocks_have_a_known_language_and_csharp_directives_are_valid()
    {
        var problems = new List<string>();
        foreach (var page in RuleDocSamples.Pages())
        {
            foreach (var block in RuleDocSamples.Blocks(page))
            {
                if (!KnownLanguages.Contains(block.Language))
                {
                    problems.Add($"docs/rules/{page}.md line {block.FenceLine}: fence language '{block.Language}'; use one of {string.Join(", ", KnownLanguages)} (C# must be 'csharp' to be compiled)");
                }
                else if (block.Language != "csharp" && block.Directive is not null)
                {
                    problems.Add($"docs/rules/{page}.md line {block.FenceLine}: '<!-- {block.Directive} -->' above a {block.Language} block means nothing");
                }
                else if (block.Language == "csharp")
                {
                    try
                    {
                        if (RuleDocSamples.Kind(block).Kind != SampleKind.Fragment)
                        {
                            foreach (var sample in RuleDocSamples.Samples(block))
                            {
                                RuleDocSamples.Compose(sample);
                            }
                        }
                    }
                    catch (InvalidOperationException e)
                    {
                        problems.Add(e.Message);
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Intentional_fragments_are_few_and_never_a_sample_of_the_rule()
    {
        var fragments = RuleDocSamples.Pages()
            .SelectMany(RuleDocSamples.CSharpBlocks)
            .Where(b => b.Directive == "fragment")
            .ToList();

        Assert.True(fragments.Count <= MaxFragments, $"{fragments.Count} blocks are marked <!-- fragment -->, at most {MaxFragments} may be: " +
            string.Join("; ", fragments.Select(f => f.Describe())));
        Assert.All(fragments, f => Assert.False(SampleSections.Contains(f.Section), f.Describe() + " is a sample of the rule and must compile"));
    }

    [Fact]
    public async Task Every_page_has_compiled_noncompliant_and_compliant_samples_and_a_before_and_after_for_each_of_its_code_fixes()
    {
        var problems = new List<string>();
        foreach (var page in RuleDocSamples.Pages())
        {
            var compiled = RuleDocSamples.CSharpBlocks(page).Where(b => b.Directive != "fragment").ToList();
            foreach (var section in new[] { "Noncompliant code", "Compliant code" })
            {
                if (!compiled.Any(b => b.Section == section))
                {
                    problems.Add($"docs/rules/{page}.md: no compiled C# block under \"{section}\"");
                }
            }

            var shown = new HashSet<string>(StringComparer.Ordinal);
            foreach (var after in compiled.Where(b => b.Section == "How to fix").SelectMany(RuleDocSamples.Samples).Where(s => s.Part == RuleDocSample.After))
            {
                var fix = await ApplyFixesAsync(after);
                shown.UnionWith(fix.Providers);
            }

            foreach (var provider in FixProviders.Where(p => p.FixableDiagnosticIds.Contains(page)).Select(p => p.GetType().Name))
            {
                if (!shown.Contains(provider))
                {
                    problems.Add($"docs/rules/{page}.md: no '// Before' and '// After' block under \"How to fix\" is the result of {provider}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private sealed record Analysis(ImmutableArray<Diagnostic> Errors, ImmutableArray<Diagnostic> Reported, IReadOnlyList<string> Exceptions);

    private static async Task<Analysis> AnalyzeAsync(ComposedSample composed)
    {
        var tree = CSharpSyntaxTree.ParseText(composed.Source, RuleDocSamples.ParseOptions);
        var compilation = CSharpCompilation.Create("RuleDocSample", new[] { tree }, await References.Value, CompilationOptions);
        return await AnalyzeAsync(compilation);
    }

    private static async Task<Analysis> AnalyzeAsync(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        var (diagnostics, thrown) = await Shipped.AnalyzeAsync(compilation);
        var exceptions = thrown.Concat(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(CultureInfo.InvariantCulture)));

        var reported = diagnostics.Where(d => DiagnosticId.IsMatch(d.Id) && d.Location.IsInSource).ToImmutableArray();
        return new Analysis(errors, reported, exceptions.ToList());
    }

    /// <summary>The (id, page line) pairs claimed by trailing comments that start with a rule id.</summary>
    private static HashSet<(string Id, int Line)> Claims(ComposedSample composed)
    {
        var tree = CSharpSyntaxTree.ParseText(composed.Source, RuleDocSamples.ParseOptions);
        var text = tree.GetText();
        var claims = new HashSet<(string Id, int Line)>();
        foreach (var comment in tree.GetRoot().DescendantTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia)))
        {
            var position = comment.GetLocation().GetLineSpan().StartLinePosition;
            var pageLine = composed.PageLine(position.Line);
            var codeBefore = text.Lines[position.Line].ToString().Substring(0, position.Character);
            var words = comment.ToString().Substring(2).Trim();
            if (pageLine == 0 || string.IsNullOrWhiteSpace(codeBefore) || !Claim.IsMatch(words))
            {
                continue;
            }

            foreach (Match id in ClaimedId.Matches(words))
            {
                claims.Add((id.Value, pageLine));
            }
        }

        return claims;
    }

    private sealed record FixResult(string? Problem, IReadOnlyCollection<string> Providers);

    /// <summary>
    /// Applies the page rule's code fixes to the Before half, always to the first diagnostic of the rule inside
    /// the sample, trying every offered fix, until one sequence gives the After half token for token.
    /// </summary>
    private static async Task<FixResult> ApplyFixesAsync(RuleDocSample after)
    {
        var page = after.Block.Page;
        var before = RuleDocSamples.Compose(RuleDocSamples.Samples(after.Block).Single(s => s.Part == RuleDocSample.Before));
        var expected = Tokens(CSharpSyntaxTree.ParseText(RuleDocSamples.Compose(after).Source, RuleDocSamples.ParseOptions).GetRoot());
        var providers = FixProviders.Where(p => p.FixableDiagnosticIds.Contains(page)).ToList();

        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(projectId, "RuleDocSample", "RuleDocSample", LanguageNames.CSharp)
            .WithProjectCompilationOptions(projectId, CompilationOptions)
            .WithProjectParseOptions(projectId, RuleDocSamples.ParseOptions)
            .AddMetadataReferences(projectId, await References.Value)
            .AddDocument(documentId, "Sample.cs", SourceText.From(before.Source));

        var frontier = new List<(Document Document, ImmutableHashSet<string> Providers)> { (solution.GetDocument(documentId)!, ImmutableHashSet<string>.Empty) };
        var results = new List<string>();
        for (var step = 0; step <= MaxFixSteps && frontier.Count > 0; step++)
        {
            var next = new List<(Document, ImmutableHashSet<string>)>();
            foreach (var (document, used) in frontier)
            {
                var root = (await document.GetSyntaxRootAsync())!;
                if (Tokens(root).SequenceEqual(expected))
                {
                    return new FixResult(null, used);
                }

                var spans = before.SampleSpans(root);
                var analysis = await AnalyzeAsync((await document.Project.GetCompilationAsync())!);
                var first = analysis.Reported
                    .Where(d => d.Id == page && spans.Any(s => s.Contains(d.Location.SourceSpan)))
                    .OrderBy(d => d.Location.SourceSpan.Start)
                    .FirstOrDefault();
                if (first is null || step == MaxFixSteps)
                {
                    results.Add(string.Join(Environment.NewLine, spans.Select(s => root.GetText().ToString(s))));
                    continue;
                }

                foreach (var provider in providers)
                {
                    foreach (var (_, changed) in await OfferedFixes.ApplyEachAsync(provider, document, first))
                    {
                        next.Add((changed.GetDocument(document.Id)!, used.Add(provider.GetType().Name)));
                    }
                }

                if (next.Count == 0)
                {
                    results.Add($"(no code fix is offered for {page} at '{first.Location.SourceTree!.GetText().ToString(first.Location.SourceSpan)}')");
                }
            }

            frontier = next;
        }

        var problem = new StringBuilder($"applying the code fixes of {page} to the '// Before' half does not give the '// After' half. The fixes give:");
        foreach (var result in results.Distinct().Take(4))
        {
            problem.AppendLine().AppendLine("----").Append(result);
        }

        return new FixResult(problem.ToString(), Array.Empty<string>());
    }

    private static List<string> Tokens(SyntaxNode root) => root.DescendantTokens().Select(t => t.Text).ToList();

    private static string Where(ComposedSample composed, Diagnostic diagnostic)
    {
        var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
        var pageLine = composed.PageLine(line);
        if (pageLine != 0)
        {
            return $"line {pageLine}: ";
        }

        var code = line < 0 ? "" : composed.Source.Split('\n')[line].Trim();
        return $"in the host, C# block {composed.Host?.Index} (fence on line {composed.Host?.FenceLine}), at '{code}': ";
    }

    private static string Numbered(ComposedSample composed)
    {
        var lines = composed.Source.Split('\n');
        return string.Join(Environment.NewLine, lines.Select((l, i) =>
            (composed.PageLine(i) == 0 ? "host" : composed.PageLine(i).ToString(CultureInfo.InvariantCulture)).PadLeft(5) + " | " + l));
    }
}
