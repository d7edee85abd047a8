using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace SensitivePi.Tests.Verifiers;

/// <summary>
/// What test sources compile against. The feed lacks Microsoft.NETCore.App.Ref 8.0.0 (the testing
/// library's default for net8.0), so the reference set is pinned to versions it has; every package here
/// is also a PackageDownload of the test project so that restore fetches it.
/// </summary>
public static class TestReferences
{
    public static ReferenceAssemblies Net80 { get; } = new ReferenceAssemblies(
            "net8.0",
            new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.28"),
            Path.Combine("ref", "net8.0"))
        .AddPackages(ImmutableArray.Create(
            Package("Microsoft.Extensions.Logging.Abstractions", "8.0.0"),
            Package("Microsoft.Extensions.DependencyInjection.Abstractions", "8.0.2"),
            Package("Microsoft.Extensions.Caching.Abstractions", "8.0.0"),
            Package("Microsoft.Extensions.Primitives", "8.0.0"),
            Package("Serilog", "4.0.0"),
            Package("NLog", "5.5.1"),
            Package("log4net", "3.5.0"),
            Package("Dapper", "2.1.66")));

    /// <summary>The real annotations assembly, as users reference it through the package.</summary>
    public static MetadataReference Annotations { get; } =
        MetadataReference.CreateFromFile(typeof(SensitivePersonalInfoAttribute).Assembly.Location);

    private static PackageIdentity Package(string id, string version) => new(id, version);
}
