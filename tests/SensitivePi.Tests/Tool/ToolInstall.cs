using System;
using System.IO;
using SensitivePi.Tests.Meta;
using SensitivePi.Tests.Package;

namespace SensitivePi.Tests.Tool;

/// <summary>
/// The command-line tool as a user gets it: <c>SensitivePiAnalyzers.Tool</c> packed (the solution is built) into the
/// package tests' feed, installed with <c>dotnet tool install --tool-path</c>, run through its command shim.
/// </summary>
public sealed class ToolInstall
{
    public const string PackageId = "SensitivePiAnalyzers.Tool";

    public ToolInstall(PackageFixture package)
    {
        Package = package;
        var project = RepositoryPaths.Combine("src", "SensitivePi.Tool", "SensitivePi.Tool.csproj");
        Pack = DotnetCli.Run(RepositoryPaths.Root, PackageFixture.CommandTimeout, "pack", project, "-c", package.Configuration, "--no-build", "-o", package.Feed, "-nologo");
        if (Pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"Packing the tool failed. {Pack}");
        }

        ToolPath = Path.Combine(package.WorkDirectory, "tools");
        Install = DotnetCli.Run(package.WorkDirectory, PackageFixture.CommandTimeout, "tool", "install", PackageId, "--version", package.Version, "--tool-path", ToolPath, "--add-source", package.Feed);
        if (Install.ExitCode != 0)
        {
            throw new InvalidOperationException($"Installing the tool failed. {Install}");
        }

        Command = Path.Combine(ToolPath, OperatingSystem.IsWindows() ? "sensitivepi.exe" : "sensitivepi");
    }

    public PackageFixture Package { get; }

    public DotnetResult Pack { get; }

    public DotnetResult Install { get; }

    public string ToolPath { get; }

    /// <summary>The installed command's shim.</summary>
    public string Command { get; }

    public DotnetResult Run(string workingDirectory, params string[] arguments) =>
        DotnetCli.RunProgram(Command, workingDirectory, PackageFixture.CommandTimeout, arguments);

    /// <summary>
    /// A copy of samples/CommunityClinic as a user's project: its C# files, the package instead of the repository's
    /// projects, the same framework and EF Core references, restored.
    /// </summary>
    public ConsumerProject CreateClinic(string name) => Package.CreateProject(
        name,
        RepositoryPaths.Combine("samples", "CommunityClinic"),
        "CommunityClinic",
        "<ImplicitUsings>enable</ImplicitUsings><RootNamespace>CommunityClinic</RootNamespace>",
        "<PackageReference Include=\"Microsoft.EntityFrameworkCore\" Version=\"10.0.15\" />");
}
