using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Meta;

/// <summary>
/// The analyzers see code while it is typed and code compiled with half its references missing. Here the
/// files of the samples and of the package test's consumer are cut at many token boundaries and have
/// tokens deleted, and compiled without the samples' packages (no EF Core): no analyzer may throw, and
/// every diagnostic must point inside a tree of the compilation.
/// </summary>
public class TypingSimulationTests
{
    private const int CutsPerFile = 12;
    private const int DeletionsPerFile = 6;

    // Both samples (the compliant one links the model and infrastructure files of the other), and the
    // sources the package test builds against the packed analyzers.
    private static readonly string[] SourceFolders = { "samples/CommunityClinic", "samples/CommunityClinic.Compliant", ".ci/consumer" };

    public static IEnumerable<object[]> SampleFiles() =>
        SourceFolders.SelectMany(folder => Directory.GetFiles(RepositoryPaths.Combine(folder.Split('/')), "*.cs")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { folder, Path.GetFileName(f) }));

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public async Task Truncated_and_damaged_versions_of_each_sample_file_never_make_an_analyzer_throw(string folder, string fileName)
    {
        var directory = RepositoryPaths.Combine(folder.Split('/'));
        var shared = RepositoryPaths.Combine("samples", "CommunityClinic");
        var linked = folder.StartsWith("samples/", StringComparison.Ordinal)
            ? new[] { Path.Combine(shared, "Model.cs"), Path.Combine(shared, "Infrastructure.cs") }
            : Array.Empty<string>();
        var others = Directory.GetFiles(directory, "*.cs")
            .Concat(linked)
            .Distinct(StringComparer.Ordinal)
            .Where(f => f != Path.Combine(directory, fileName))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), Options, path: f)).ToList();
        var text = File.ReadAllText(Path.Combine(directory, fileName));
        var tokens = CSharpSyntaxTree.ParseText(text, Options).GetRoot().DescendantTokens().ToList();
        var references = (await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).Add(TestReferences.Annotations);
        var analyzers = Shipped.Analyzers();

        // Deterministic: the same cuts and deletions on every run.
        var random = new Random(fileName.Length * 7919);
        var variants = new List<string>();
        for (var i = 1; i <= CutsPerFile; i++)
        {
            variants.Add(text.Substring(0, tokens[tokens.Count * i / (CutsPerFile + 1)].Span.End));
        }

        for (var i = 0; i < DeletionsPerFile; i++)
        {
            var token = tokens[random.Next(tokens.Count)];
            variants.Add(text.Remove(token.Span.Start, token.Span.Length));
        }

        foreach (var variant in variants)
        {
            var tree = CSharpSyntaxTree.ParseText(variant, Options, path: fileName);
            var compilation = CSharpCompilation.Create(
                "Typing",
                others.Append(tree),
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var (diagnostics, exceptions) = await Shipped.AnalyzeAsync(compilation, concurrent: true, analyzers);

            Assert.Empty(exceptions);
            foreach (var diagnostic in diagnostics)
            {
                Assert.NotEqual("AD0001", diagnostic.Id);
                var location = diagnostic.Location;
                Assert.True(location.IsInSource && compilation.SyntaxTrees.Contains(location.SourceTree), diagnostic.ToString());
                Assert.True(location.SourceSpan.End <= location.SourceTree!.Length, diagnostic.ToString());
            }
        }
    }

    private static CSharpParseOptions Options { get; } = new(LanguageVersion.Latest);
}
