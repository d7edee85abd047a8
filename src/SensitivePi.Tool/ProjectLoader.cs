using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace SensitivePi.Tool;

/// <summary>The C# projects of one input, loaded, with what the workspace said went wrong.</summary>
internal sealed class LoadedInput : IDisposable
{
    public LoadedInput(string path, MSBuildWorkspace workspace, ImmutableArray<Project> projects, ImmutableArray<string> failures)
    {
        Path = path;
        Workspace = workspace;
        Projects = projects;
        Failures = failures;
    }

    /// <summary>The project or solution file.</summary>
    public string Path { get; }

    public MSBuildWorkspace Workspace { get; }

    /// <summary>The projects to analyse: the project itself, or every C# project of the solution (one per project file).</summary>
    public ImmutableArray<Project> Projects { get; }

    /// <summary>The workspace's failures (a project that does not load or was not restored), one line each.</summary>
    public ImmutableArray<string> Failures { get; }

    public void Dispose() => Workspace.Dispose();
}

/// <summary>Opens a project or solution with the MSBuild workspace of the SDK the locator finds.</summary>
internal static class ProjectLoader
{
    private static readonly string[] SolutionExtensions = { ".sln", ".slnx", ".slnf" };

    /// <summary>The project or solution a path names: the file, or the only one in a folder.</summary>
    public static string Resolve(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            var candidates = Directory.GetFiles(full).Where(f => IsSolution(f) || IsProject(f)).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            var solutions = candidates.Where(IsSolution).ToArray();
            return solutions.Length == 1 ? solutions[0]
                : solutions.Length == 0 && candidates.Length == 1 ? candidates[0]
                : throw new ToolError(candidates.Length == 0
                    ? $"{path}: the folder holds no C# project (.csproj) or solution (.sln, .slnx)"
                    : $"{path}: the folder holds several projects or solutions; name one");
        }

        if (!File.Exists(full))
        {
            throw new ToolError($"{path}: no such file or folder");
        }

        return IsSolution(full) || IsProject(full)
            ? full
            : throw new ToolError($"{path}: not a C# project (.csproj) or solution (.sln, .slnx, .slnf)");
    }

    public static async Task<LoadedInput> LoadAsync(string path, ConsoleProgress progress, CancellationToken cancellationToken)
    {
        if (!MSBuildLocator.IsRegistered)
        {
            if (!MSBuildLocator.QueryVisualStudioInstances().Any())
            {
                throw new ToolError("No .NET SDK was found to load projects with; install the .NET SDK");
            }

            MSBuildLocator.RegisterDefaults();
        }

        var workspace = MSBuildWorkspace.Create();
        var failures = new List<string>();
        workspace.RegisterWorkspaceFailedHandler(e =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                lock (failures)
                {
                    failures.Add(OneLine(e.Diagnostic.Message));
                }
            }
        });

        var loading = new Progress<ProjectLoadProgress>(p => progress.Report($"Loading {System.IO.Path.GetFileName(p.FilePath)} ({p.Operation})"));
        try
        {
            ImmutableArray<Project> projects;
            if (IsSolution(path))
            {
                var solution = await workspace.OpenSolutionAsync(path, loading, cancellationToken).ConfigureAwait(false);
                projects = solution.Projects.Where(p => p.Language == LanguageNames.CSharp).ToImmutableArray();
            }
            else
            {
                var project = await workspace.OpenProjectAsync(path, loading, cancellationToken).ConfigureAwait(false);
                projects = project.Language == LanguageNames.CSharp ? ImmutableArray.Create(project) : ImmutableArray<Project>.Empty;
            }

            // A multi-targeted project loads once per target framework: the first stands for it.
            projects = projects
                .GroupBy(p => p.FilePath ?? p.Name, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(p => p.FilePath ?? p.Name, StringComparer.Ordinal)
                .ToImmutableArray();
            lock (failures)
            {
                return new LoadedInput(path, workspace, projects, failures.Distinct(StringComparer.Ordinal).ToImmutableArray());
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or ArgumentException or FormatException or System.Xml.XmlException)
        {
            workspace.Dispose();
            throw new ToolError($"{path}: could not be loaded: {OneLine(e.Message)}");
        }
        finally
        {
            progress.Done();
        }
    }

    private static bool IsSolution(string path) => SolutionExtensions.Contains(System.IO.Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    private static bool IsProject(string path) => string.Equals(System.IO.Path.GetExtension(path), ".csproj", StringComparison.OrdinalIgnoreCase);

    private static string OneLine(string text) => string.Join(" ", text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
