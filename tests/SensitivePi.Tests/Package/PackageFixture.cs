using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using SensitivePi.Tests.Meta;

namespace SensitivePi.Tests.Package;

/// <summary>The package tests share one packed package and one default consumer build; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Package";
}

/// <summary>
/// Packs the package project of the configuration this test assembly was built in (the test run has built
/// the whole solution, so <c>--no-build</c>) into a feed in a temporary folder outside the repository, and
/// makes consumer projects there that reference only that package, as a user's project would.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public const string PackageId = "SensitivePiAnalyzers";

    /// <summary>Each command is far quicker than this; the limit only stops a hung build from hanging the test run.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly Lazy<ConsumerBuild> _defaultBuild;

    public PackageFixture()
    {
        Configuration = typeof(PackageFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
            ?? throw new InvalidOperationException("The test assembly carries no AssemblyConfigurationAttribute to tell Debug from Release.");
        WorkDirectory = Path.Combine(Path.GetTempPath(), "spi-package-tests-" + Guid.NewGuid().ToString("N"));
        if (IsUnder(WorkDirectory, RepositoryPaths.Root))
        {
            throw new InvalidOperationException($"The temporary folder {WorkDirectory} lies inside the repository; the consumer must not see its build files.");
        }

        Feed = Path.Combine(WorkDirectory, "feed");
        Directory.CreateDirectory(Feed);
        try
        {
            var project = RepositoryPaths.Combine("src", "SensitivePiAnalyzers.Package", "SensitivePiAnalyzers.Package.csproj");
            Pack = DotnetCli.Run(RepositoryPaths.Root, CommandTimeout, "pack", project, "-c", Configuration, "--no-build", "-o", Feed, "-nologo");
            if (Pack.ExitCode != 0)
            {
                throw new InvalidOperationException($"Packing failed (the package tests need the solution built in {Configuration} first). {Pack}");
            }

            var packages = Directory.GetFiles(Feed, PackageId + ".*.nupkg");
            PackagePath = packages.Length == 1
                ? packages[0]
                : throw new InvalidOperationException($"Expected one {PackageId}.*.nupkg in {Feed}, found {packages.Length}. {Pack}");
            Nuspec = ReadNuspec(PackagePath);
            Version = Nuspec.Descendants().Single(e => e.Name.LocalName == "version").Value;
            SymbolsPackagePath = Path.Combine(Feed, $"{PackageId}.{Version}.snupkg");
        }
        catch
        {
            Dispose();
            throw;
        }

        _defaultBuild = new Lazy<ConsumerBuild>(() => CreateConsumer("default").BuildWithSarif());
        _tool = new Lazy<Tool.ToolInstall>(() => new Tool.ToolInstall(this));
    }

    private readonly Lazy<Tool.ToolInstall> _tool;

    /// <summary>The command-line tool packed into the same feed and installed into a tool path of the work folder, once.</summary>
    public Tool.ToolInstall Tool => _tool.Value;

    /// <summary>Debug or Release: what the running test assembly was built as, and so what is packed.</summary>
    public string Configuration { get; }

    public string WorkDirectory { get; }

    public string Feed { get; }

    public DotnetResult Pack { get; }

    public string PackagePath { get; }

    public string SymbolsPackagePath { get; }

    public XDocument Nuspec { get; }

    public string Version { get; }

    /// <summary>The consumer as checked in, built once in Release with a SARIF log; shared by the facts that only read it.</summary>
    public ConsumerBuild DefaultBuild => _defaultBuild.Value;

    /// <summary>
    /// A new consumer project in its own folder: the files of <c>.ci/consumer</c>, a project that references
    /// only the package, a nuget.config that adds the feed to the machine's sources (which serve the
    /// package's dependencies) and keeps packages in the work folder, restored.
    /// </summary>
    public ConsumerProject CreateConsumer(string name) => CreateProject(name, RepositoryPaths.Combine(".ci", "consumer"), "Consumer", string.Empty, string.Empty);

    /// <summary>
    /// A user's project in its own folder: the C# files of <paramref name="sourceFolder"/>, a project that references the
    /// package (and <paramref name="extraItems"/>), a nuget.config that adds the feed, restored.
    /// </summary>
    public ConsumerProject CreateProject(string name, string sourceFolder, string projectName, string extraProperties, string extraItems)
    {
        var directory = Path.Combine(WorkDirectory, name);
        Directory.CreateDirectory(directory);
        foreach (var source in Directory.GetFiles(sourceFolder, "*.cs"))
        {
            File.Copy(source, Path.Combine(directory, Path.GetFileName(source)));
        }

        new XDocument(
            new XElement(
                "configuration",
                new XElement("packageSources", new XElement("add", new XAttribute("key", "package-under-test"), new XAttribute("value", Feed))),
                new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", Path.Combine(WorkDirectory, "packages"))))))
            .Save(Path.Combine(directory, "nuget.config"));

        // A user's project, nothing inherited from folders above the temporary one except the SDK the
        // repository pins, so that a newer SDK's new warnings cannot change what -warnaserror finds.
        File.Copy(RepositoryPaths.Combine("global.json"), Path.Combine(directory, "global.json"));
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
        var projectPath = Path.Combine(directory, projectName + ".csproj");
        File.WriteAllText(projectPath, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <OutputType>Exe</OutputType>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageId}" Version="{Version}" />
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                {extraItems}
              </ItemGroup>
            </Project>
            """);

        var restore = DotnetCli.Run(directory, CommandTimeout, "restore", projectPath, "-nologo");
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"Restoring the consumer against {Feed} failed. {restore}");
        }

        return new ConsumerProject(directory, projectPath);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the folder is in the temporary directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static XDocument ReadNuspec(string packagePath)
    {
        using var archive = ZipFile.OpenRead(packagePath);
        var entry = archive.Entries.Single(e => e.FullName == PackageId + ".nuspec");
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    private static bool IsUnder(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path);
        return !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}

/// <summary>A restored consumer project in its own folder.</summary>
public sealed record ConsumerProject(string Directory, string ProjectPath)
{
    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    /// <summary><c>dotnet build -c Release</c> with extra arguments; a failing build is a result, not an exception.</summary>
    public ConsumerBuild Build(params string[] extraArguments) => Run(null, extraArguments);

    /// <summary>The same, with the compiler's SARIF 2.1 error log (what code-scanning services read).</summary>
    public ConsumerBuild BuildWithSarif() => Run(PathOf("consumer.sarif"), Array.Empty<string>());

    private ConsumerBuild Run(string? sarifPath, string[] extraArguments)
    {
        var arguments = new[] { "build", ProjectPath, "-c", "Release", "--no-restore", "-nologo", "-tl:off" }
            .Concat(sarifPath is null ? Array.Empty<string>() : new[] { $"-p:ErrorLog={sarifPath}%2Cversion=2.1" })
            .Concat(extraArguments)
            .ToArray();
        return new ConsumerBuild(this, DotnetCli.Run(Directory, PackageFixture.CommandTimeout, arguments), sarifPath);
    }
}

/// <summary>One build of a consumer project and what it left behind.</summary>
public sealed record ConsumerBuild(ConsumerProject Project, DotnetResult Result, string? SarifPath);
