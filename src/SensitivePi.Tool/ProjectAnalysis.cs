using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Inventory;
using SensitivePi.Analyzers.Rules;
using SensitivePi.Analyzers.Suppression;

namespace SensitivePi.Tool;

/// <summary>
/// One project analysed by the package's own analyzers, exactly as a build runs them (the project's options,
/// .editorconfig, additional files and baseline), plus the record of processing the engine kept on the way.
/// </summary>
internal sealed class ProjectAnalysis
{
    private ProjectAnalysis(Project project, Compilation? compilation, ImmutableArray<Diagnostic> diagnostics, ProcessingRecorder recorder, string? problem, ImmutableArray<string> analyzerFailures, bool analysed = false)
    {
        Analysed = analysed;
        Project = project;
        Compilation = compilation;
        Diagnostics = diagnostics;
        Recorder = recorder;
        Problem = problem;
        AnalyzerFailures = analyzerFailures;
    }

    public Project Project { get; }

    /// <summary>Whether the analyzers ran (the project is restored and references the annotations), whatever they found.</summary>
    public bool Analysed { get; }

    public string Name => Project.Name;

    public string Directory => System.IO.Path.GetDirectoryName(Project.FilePath) ?? System.Environment.CurrentDirectory;

    public Compilation? Compilation { get; }

    /// <summary>The package's diagnostics, suppressed ones (the baseline's, #pragma) included and marked.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public ProcessingRecorder Recorder { get; }

    /// <summary>Why nothing could be analysed (no annotations referenced, not restored), or null.</summary>
    public string? Problem { get; }

    /// <summary>Analyzer exceptions (AD0001 in a build), one line each: a bug of ours, reported, never hidden.</summary>
    public ImmutableArray<string> AnalyzerFailures { get; }

    /// <summary>Whether the project's baseline (the one the analyzers read) accepts this finding, rather than a #pragma or [SuppressMessage].</summary>
    public bool AcceptedByBaseline(Diagnostic diagnostic)
    {
        _baseline ??= Project.AdditionalDocuments
            .Where(d => d.FilePath is { } path && Baseline.IsBaseline(path))
            .Select(d => d.GetTextAsync().GetAwaiter().GetResult())
            .Select(text => Baseline.Read(text).Entries)
            .FirstOrDefault(ImmutableArray<BaselineEntry>.Empty);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        return _baseline.Value.Any(e => e.Matches(diagnostic.Id, () => MemberOf(diagnostic.Location), message));
    }

    private ImmutableArray<BaselineEntry>? _baseline;

    /// <summary>The documentation-comment ID of the member a location is in (what a baseline entry's "member" names).</summary>
    public string? MemberOf(Location location) =>
        Compilation is null ? null : Baseline.MemberOf(location, tree => Compilation.GetSemanticModel(tree), CancellationToken.None);

    public static async Task<ProjectAnalysis> RunAsync(Project project, ConsoleProgress progress, CancellationToken cancellationToken)
    {
        var recorder = new ProcessingRecorder();
        progress.Report($"Compiling {project.Name} ({project.DocumentIds.Count} documents)");
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null)
        {
            return new ProjectAnalysis(project, null, ImmutableArray<Diagnostic>.Empty, recorder, "the project has no C# compilation", ImmutableArray<string>.Empty);
        }

        if (compilation.GetSpecialType(SpecialType.System_Object).TypeKind == TypeKind.Error)
        {
            return new ProjectAnalysis(project, compilation, ImmutableArray<Diagnostic>.Empty, recorder,
                "the project references no framework assemblies: restore it first (dotnet restore)", ImmutableArray<string>.Empty);
        }

        if (compilation.GetTypeByMetadataName("SensitivePi.SensitivePersonalInfoAttribute") is null)
        {
            return new ProjectAnalysis(project, compilation, ImmutableArray<Diagnostic>.Empty, recorder,
                IsRestored(project)
                    ? "the project does not reference SensitivePiAnalyzers (the SensitivePi annotations), so nothing in it is classified"
                    : "the project is not restored and does not see the SensitivePi annotations: run dotnet restore first",
                ImmutableArray<string>.Empty);
        }

        var failures = new ConcurrentBag<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        progress.Report($"Analysing {project.Name} ({compilation.SyntaxTrees.Count()} documents)");
        var withAnalyzers = compilation.WithAnalyzers(Analyzers(recorder), options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        progress.Done();
        var ours = diagnostics
            .Where(d => d.Id.StartsWith("SPI", StringComparison.Ordinal) && d.Severity != DiagnosticSeverity.Hidden)
            .OrderBy(d => d.Location.SourceTree?.FilePath ?? d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ThenBy(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal)
            .ToImmutableArray();
        var problem = recorder.EngineRan ? null : "nothing in the project is classified ([SensitivePersonalInfo], an annotation file or a third-party classification attribute)";
        return new ProjectAnalysis(project, compilation, ours, recorder, problem, failures.OrderBy(f => f, StringComparer.Ordinal).ToImmutableArray(), analysed: true);
    }

    // NuGet's restore output, in obj/ or under an artifacts folder (UseArtifactsOutput): without it, packages are missing.
    private static bool IsRestored(Project project)
    {
        if (project.FilePath is not { } file || System.IO.Path.GetDirectoryName(file) is not { } directory)
        {
            return true;
        }

        if (System.IO.File.Exists(System.IO.Path.Combine(directory, "obj", "project.assets.json")))
        {
            return true;
        }

        var name = System.IO.Path.GetFileNameWithoutExtension(file);
        for (var folder = new System.IO.DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(folder.FullName, "artifacts", "obj", name, "project.assets.json")))
            {
                return true;
            }
        }

        return false;
    }

    // The package's analyzers and its suppressor, as the compiler would load them from the package; the two that keep the
    // record of processing are made with the recorder.
    private static ImmutableArray<DiagnosticAnalyzer> Analyzers(ProcessingRecorder recorder)
    {
        var builder = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        builder.Add(new SensitiveDataFlowAnalyzer(recorder));
        builder.Add(new BiometricOnlyIdentificationAnalyzer(recorder));
        foreach (var type in typeof(SensitiveDataFlowAnalyzer).Assembly.GetTypes())
        {
            if (!type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null
                && type != typeof(SensitiveDataFlowAnalyzer) && type != typeof(BiometricOnlyIdentificationAnalyzer) && type.GetConstructor(Type.EmptyTypes) is { } constructor)
            {
                builder.Add((DiagnosticAnalyzer)constructor.Invoke(null));
            }
        }

        return builder.ToImmutable();
    }
}
