using System;
using System.IO;

namespace SensitivePi.Tests.Meta;

/// <summary>Finds files of the repository from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SensitivePiAnalyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SensitivePiAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
