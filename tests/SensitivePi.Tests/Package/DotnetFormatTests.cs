using System.IO;
using System.Linq;
using SensitivePi.Tests.Meta;

namespace SensitivePi.Tests.Package;

/// <summary>
/// The code fixes work outside the IDE: <c>dotnet format analyzers</c> loads them from the package a
/// consumer references and rewrites the planted violations, leaving the suppressed ones alone. Each fact
/// works on its own copy of the consumer.
/// </summary>
/// <remarks>
/// The consumer must be restored first: without project.assets.json the package's analyzers are not part
/// of the project, and <c>dotnet format analyzers --no-restore</c> then finds nothing to fix and exits 0.
/// </remarks>
[Collection(PackageCollection.Name)]
public class DotnetFormatTests
{
    private readonly PackageFixture _fixture;

    public DotnetFormatTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void Format_masks_the_logged_id_number_with_the_helper_its_annotation_names()
    {
        // Customer.IdNumber is [SensitivePersonalInfo(..., Mask = MaskKind.IdCardNumber)].
        AssertOnlyLineRewritten(
            "SPI002",
            line: 25,
            "        System.Console.WriteLine(PiMask.IdCardNumber(customer.IdNumber)); // SPI002 line 25");
    }

    [Fact]
    public void Format_switches_the_plaintext_literal_to_https()
    {
        AssertOnlyLineRewritten(
            "SPI001",
            line: 29,
            "        await http.PostAsync(\"https://partner.example.cn/api\", new StringContent(Diagnosis)); // SPI001 + SPI003 line 29");
    }

    private void AssertOnlyLineRewritten(string id, int line, string expected)
    {
        var consumer = _fixture.CreateConsumer("format-" + id);
        var format = DotnetCli.Run(
            consumer.Directory,
            PackageFixture.CommandTimeout,
            "format", "analyzers", consumer.ProjectPath, "--diagnostics", id, "--severity", "info", "--no-restore", "--verbosity", "normal");
        Assert.True(format.ExitCode == 0, format.ToString());

        var before = File.ReadAllLines(RepositoryPaths.Combine(".ci", "consumer", "Violation.cs"));
        var after = File.ReadAllLines(consumer.PathOf("Violation.cs"));
        var changed = Enumerable.Range(0, before.Length).Where(i => i >= after.Length || before[i] != after[i]).Select(i => i + 1);

        Assert.True(before.Length == after.Length, format.ToString());
        Assert.Equal(new[] { line }, changed);
        Assert.Equal(expected, after[line - 1]);
        // The suppressed SPI002 occurrences keep their unmasked argument; the other file is untouched.
        Assert.Contains("WriteLine(customer.IdNumber)", after[ConsumerExpectations.PragmaSuppressedLine - 1], System.StringComparison.Ordinal);
        Assert.Contains("WriteLine(customer.IdNumber)", after[ConsumerExpectations.AttributeSuppressedLine - 1], System.StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(RepositoryPaths.Combine(".ci", "consumer", "Consumer.cs")), File.ReadAllText(consumer.PathOf("Consumer.cs")));
    }
}
