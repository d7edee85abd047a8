using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace SensitivePi.Tests.Package;

/// <summary>The packed SensitivePiAnalyzers.&lt;version&gt;.nupkg and its .snupkg, read as NuGet reads them.</summary>
[Collection(PackageCollection.Name)]
public class PackageLayoutTests
{
    private static readonly string[] Assemblies =
    {
        "lib/netstandard2.0/SensitivePi.Annotations.dll",
        "analyzers/dotnet/cs/SensitivePi.Analyzers.dll",
        "analyzers/dotnet/cs/SensitivePi.CodeFixes.dll",
    };

    private readonly PackageFixture _fixture;

    public PackageLayoutTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void Package_holds_the_annotations_the_analyzers_the_readme_and_the_switch_for_direct_and_transitive_consumers()
    {
        var entries = Entries(_fixture.PackagePath);
        var required = Assemblies.Concat(new[]
        {
            "lib/netstandard2.0/SensitivePi.Annotations.xml",
            "README.md",
            "build/SensitivePiAnalyzers.targets",
            "build/SensitivePiViolationsAsErrors.globalconfig",
            "buildTransitive/SensitivePiAnalyzers.targets",
            "buildTransitive/SensitivePiViolationsAsErrors.globalconfig",
        });

        Assert.Subset(entries, required.ToHashSet(StringComparer.Ordinal));

        // The package project's own (empty) assembly must not ride along now that build output is on for symbols.
        Assert.Equal(
            new[] { "lib/netstandard2.0/SensitivePi.Annotations.dll", "lib/netstandard2.0/SensitivePi.Annotations.xml" },
            entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).OrderBy(e => e, StringComparer.Ordinal));
        Assert.Equal($"{PackageFixture.PackageId}.{_fixture.Version}.nupkg", Path.GetFileName(_fixture.PackagePath));
    }

    [Fact]
    public void Roslyn_is_not_shipped_under_analyzers_and_symbols_are_not_shipped_at_all()
    {
        var entries = Entries(_fixture.PackagePath);

        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) && e.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Nuspec_has_MIT_license_expression_readme_ValueTask_dependency_and_is_not_a_development_dependency()
    {
        var metadata = _fixture.Nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        var license = Single(metadata, "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", Single(metadata, "readme").Value);
        Assert.Contains(
            metadata.Descendants().Where(e => e.Name.LocalName == "dependency"),
            d => d.Attribute("id")?.Value == "System.Threading.Tasks.Extensions");
        // Absent or false: the annotations are a runtime dependency and must flow to the consumer's output.
        Assert.NotEqual("true", metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "developmentDependency")?.Value);
    }

    [Fact]
    public void Packed_assemblies_are_the_ones_this_test_run_built()
    {
        using var archive = ZipFile.OpenRead(_fixture.PackagePath);
        foreach (var path in Assemblies)
        {
            // The test project references the three projects, so this configuration's build of each sits next to it.
            var built = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, Path.GetFileName(path)));
            Assert.True(built.AsSpan().SequenceEqual(Read(archive, path)), $"{path} in the package differs from the {_fixture.Configuration} build the tests ran against");
        }
    }

    [Fact]
    public void Symbols_package_holds_a_pdb_at_the_path_of_each_packed_assembly()
    {
        Assert.True(File.Exists(_fixture.SymbolsPackagePath), $"no {Path.GetFileName(_fixture.SymbolsPackagePath)} in the feed: {string.Join(", ", Directory.GetFiles(_fixture.Feed).Select(Path.GetFileName))}");
        var pdbs = Entries(_fixture.SymbolsPackagePath).Where(e => e.EndsWith(".pdb", StringComparison.Ordinal)).OrderBy(e => e, StringComparer.Ordinal);
        Assert.Equal(Assemblies.Select(a => Path.ChangeExtension(a, ".pdb")).OrderBy(e => e, StringComparer.Ordinal), pdbs);

        var nuspec = PackageFixture.ReadNuspec(_fixture.SymbolsPackagePath);
        Assert.Equal(_fixture.Version, nuspec.Descendants().Single(e => e.Name.LocalName == "version").Value);
        Assert.Equal("SymbolsPackage", nuspec.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value);
    }

    [Fact]
    public void Each_pdb_is_portable_and_matches_its_deterministic_assembly()
    {
        using var package = ZipFile.OpenRead(_fixture.PackagePath);
        using var symbols = ZipFile.OpenRead(_fixture.SymbolsPackagePath);
        foreach (var path in Assemblies)
        {
            using var pe = new PEReader(new MemoryStream(Read(package, path)));
            var debugDirectory = pe.ReadDebugDirectory();
            Assert.Contains(debugDirectory, e => e.Type == DebugDirectoryEntryType.Reproducible);
            var codeView = Assert.Single(debugDirectory, e => e.Type == DebugDirectoryEntryType.CodeView);
            var codeViewData = pe.ReadCodeViewDebugDirectoryData(codeView);
            Assert.Equal(Path.GetFileNameWithoutExtension(path) + ".pdb", Path.GetFileName(codeViewData.Path.Replace('\\', '/')));

            // Throws BadImageFormatException unless it is a portable pdb.
            using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(Read(symbols, Path.ChangeExtension(path, ".pdb"))));
            var pdbId = new BlobContentId(provider.GetMetadataReader().DebugMetadataHeader!.Id);
            Assert.Equal(codeViewData.Guid, pdbId.Guid);
            Assert.Equal(codeView.Stamp, pdbId.Stamp);
        }
    }

    private static HashSet<string> Entries(string packagePath)
    {
        using var archive = ZipFile.OpenRead(packagePath);
        return archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
    }

    private static byte[] Read(ZipArchive archive, string path)
    {
        var entry = archive.GetEntry(path) ?? throw new InvalidOperationException(path + " is not in the package");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static XElement Single(XElement metadata, string localName) =>
        Assert.Single(metadata.Elements(), e => e.Name.LocalName == localName);
}
