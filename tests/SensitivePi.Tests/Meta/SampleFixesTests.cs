using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SensitivePi.Tests.Package;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Meta;

/// <summary>
/// Every code fix offered on the sample application's real diagnostics, applied one at a time, leaves the
/// application compiling against its real references (EF Core, logging, the .NET 10 reference pack).
/// It runs the dotnet CLI, so it shares the package tests' collection: nested builds never run side by side.
/// </summary>
[Collection(PackageCollection.Name)]
public class SampleFixesTests
{
    // What Microsoft.NET.Sdk's ImplicitUsings adds to a console project such as the sample.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    [Fact]
    public async Task Every_fix_offered_on_the_sample_leaves_it_compiling()
    {
        var solution = await LoadSampleAsync();
        var project = solution.Projects.Single();
        Assert.Empty(await ErrorsAsync(project));

        var analyzers = Shipped.Analyzers();
        var providers = Shipped.CodeFixes();
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.NotEmpty(diagnostics);

        var applied = new List<string>();
        var failures = new List<string>();
        foreach (var diagnostic in diagnostics)
        {
            var document = solution.GetDocument(diagnostic.Location.SourceTree)!;
            foreach (var provider in providers.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                foreach (var (action, changed) in await OfferedFixes.ApplyEachAsync(provider, document, diagnostic))
                {
                    var what = $"{diagnostic.Id} at {diagnostic.Location.GetLineSpan()}: '{action.Title}'";
                    var errors = await ErrorsAsync(changed.GetProject(project.Id)!);
                    if (errors.Count > 0)
                    {
                        failures.Add(what + Environment.NewLine + string.Join(Environment.NewLine, errors));
                    }

                    applied.Add(what);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));

        // The sample shows every rule that has a fix, so a fix for each of them must have been tried.
        var fixedRules = applied.Select(a => a.Substring(0, 6)).Distinct().OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(providers.SelectMany(p => p.FixableDiagnosticIds).Distinct().OrderBy(id => id, StringComparer.Ordinal), fixedRules);
    }

    private static async Task<List<string>> ErrorsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        return compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToList();
    }

    private static async Task<Solution> LoadSampleAsync()
    {
        var directory = RepositoryPaths.Combine("samples", "CommunityClinic");
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "CommunityClinic",
            "CommunityClinic",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: parseOptions,
            metadataReferences: await SampleReferencesAsync(directory)));
        foreach (var file in Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(file), SourceText.From(File.ReadAllText(file)), filePath: file);
        }

        return solution.AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.g.cs", SourceText.From(ImplicitUsings));
    }

    // The sample's own reference set, as MSBuild resolves it (the .NET 10 reference pack, EF Core, logging),
    // with the annotations this test run built in place of the sample's project reference.
    private static Task<IEnumerable<MetadataReference>> SampleReferencesAsync(string directory)
    {
        var resolve = DotnetCli.Run(
            directory,
            TimeSpan.FromMinutes(5),
            "msbuild", "CommunityClinic.csproj", "-restore", "-nologo", "-t:FindReferenceAssembliesForReferences",
            "-p:BuildProjectReferences=false", "-getItem:ReferencePathWithRefAssemblies");
        Assert.True(resolve.ExitCode == 0, "resolving the sample's references failed: " + resolve);

        // The JSON follows whatever restore printed first.
        using var json = JsonDocument.Parse(resolve.Output.Substring(resolve.Output.IndexOf('{')));
        IEnumerable<MetadataReference> references = json.RootElement.GetProperty("Items").GetProperty("ReferencePathWithRefAssemblies").EnumerateArray()
            .Select(item => item.GetProperty("FullPath").GetString()!)
            .Where(path => Path.GetFileNameWithoutExtension(path) != "SensitivePi.Annotations")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(TestReferences.Annotations)
            .ToList();
        return Task.FromResult(references);
    }
}
