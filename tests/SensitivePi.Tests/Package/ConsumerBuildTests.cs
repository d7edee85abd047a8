using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using static SensitivePi.Tests.Package.ConsumerExpectations;

namespace SensitivePi.Tests.Package;

/// <summary>
/// A project outside the repository that references only the package (files of <c>.ci/consumer</c>) builds
/// with the analyzers loaded from the package: each rule on the line Violation.cs plants it, in the build log
/// and in SARIF; suppressions, .editorconfig, <c>-warnaserror</c> and the one-switch gate behave as documented.
/// </summary>
[Collection(PackageCollection.Name)]
public class ConsumerBuildTests
{
    private readonly PackageFixture _fixture;

    public ConsumerBuildTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void Every_rule_is_reported_as_a_warning_on_its_line_and_nothing_else()
    {
        var build = _fixture.DefaultBuild;
        Assert.True(build.Result.ExitCode == 0, build.Result.ToString());

        var reported = SpiDiagnostics(build.Result.Output);
        Assert.True(reported.All(d => d.File == "Violation.cs" && d.Severity == "warning"), build.Result.ToString());
        Assert.Equal(Sorted(Violations), Sorted(reported.Select(d => (d.Id, d.Line))));
    }

    [Fact]
    public void Sarif_log_describes_each_rule_with_its_help_link_and_reports_each_violation()
    {
        var build = _fixture.DefaultBuild;
        var sarif = ReadSarif(build.SarifPath!);

        Assert.Equal(RuleIds, sarif.HelpUris.Keys.Where(k => k.StartsWith("SPI", StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal));
        foreach (var id in RuleIds)
        {
            Assert.Equal(HelpUri(id), sarif.HelpUris[id]);
        }

        var unsuppressed = sarif.Results.Where(r => r.RuleId.StartsWith("SPI", StringComparison.Ordinal) && r.Suppressions.Count == 0).ToList();
        Assert.True(unsuppressed.All(r => r.File == "Violation.cs" && r.Level == "warning"));
        Assert.Equal(Sorted(Violations), Sorted(unsuppressed.Select(r => (r.RuleId, r.Line))));
    }

    [Fact]
    public void Pragma_and_SuppressMessage_silence_the_occurrences_they_cover()
    {
        var build = _fixture.DefaultBuild;

        // The analyzer did find them (the SARIF log keeps suppressed results, marked as such) ...
        var suppressed = ReadSarif(build.SarifPath!).Results
            .Where(r => r.RuleId == "SPI002" && r.Suppressions.Count > 0)
            .OrderBy(r => r.Line)
            .ToList();
        Assert.Equal(new[] { PragmaSuppressedLine, AttributeSuppressedLine }, suppressed.Select(r => r.Line));
        var pragma = Assert.Single(suppressed[0].Suppressions);
        Assert.Equal(("inSource", "Pragma Directive"), (pragma.Kind, pragma.SuppressionType));
        var attribute = Assert.Single(suppressed[1].Suppressions);
        Assert.Equal(("inSource", "SuppressMessageAttribute", "Masked by the terminal driver."), (attribute.Kind, attribute.SuppressionType, attribute.Justification));

        // ... and the build does not report them.
        Assert.DoesNotContain(SpiDiagnostics(build.Result.Output), d => d.Line == PragmaSuppressedLine || d.Line == AttributeSuppressedLine);
    }

    [Fact]
    public void A_baseline_in_the_project_folder_suppresses_the_findings_it_lists_and_only_those()
    {
        var consumer = _fixture.CreateConsumer("baseline");
        File.WriteAllText(consumer.PathOf("SensitivePi.baseline.json"), """
            {
              "version": 1,
              "findings": [
                { "rule": "SPI002", "member": "M:Consumer.Kiosk.Print(Consumer.Customer)", "data": "'Customer.IdNumber'", "justification": "Kiosk debugging aid, removed in 2.0." },
                { "rule": "SPI011", "member": "M:Consumer.Kiosk.Check(Consumer.Customer)" }
              ]
            }
            """);

        var build = consumer.BuildWithSarif();

        // The listed findings are reported as suppressed (in SARIF, with the others), and the build does not show them.
        Assert.True(build.Result.ExitCode == 0, build.Result.ToString());
        var accepted = new[] { ("SPI002", 25), ("SPI011", 55) };
        Assert.Equal(Sorted(Violations.Except(accepted)), Sorted(SpiDiagnostics(build.Result.Output).Select(d => (d.Id, d.Line))));
        var suppressed = ReadSarif(build.SarifPath!).Results
            .Where(r => r.Suppressions.Count > 0 && r.File == "Violation.cs" && r.Line != PragmaSuppressedLine && r.Line != AttributeSuppressedLine)
            .Select(r => (r.RuleId, r.Line));
        Assert.Equal(Sorted(accepted), Sorted(suppressed));
    }

    [Fact]
    public void An_annotation_file_and_a_third_party_attribute_classify_what_the_code_does_not_annotate()
    {
        var consumer = _fixture.CreateConsumer("annotation-file");
        File.WriteAllText(consumer.PathOf("Legacy.cs"), """
            namespace Consumer.Legacy;

            public class LegacyCustomer
            {
                public string NationalId { get; set; } = "";
                [Microsoft.AspNetCore.Identity.ProtectedPersonalData] public string Email { get; set; } = "";
            }

            public static class LegacyReport
            {
                public static void Print(LegacyCustomer customer) => System.Console.WriteLine(customer.NationalId);
                public static void Mail(LegacyCustomer customer) => System.Console.WriteLine(customer.Email);
            }
            """);
        Directory.CreateDirectory(consumer.PathOf("classification"));
        File.WriteAllText(Path.Combine(consumer.PathOf("classification"), "legacy.sensitivepi.json"), """
            { "members": [ { "symbol": "P:Consumer.Legacy.LegacyCustomer.NationalId", "category": "SpecificIdentity", "mask": "IdCardNumber" } ] }
            """);

        var build = consumer.Build();

        // The package picked the file up from a subfolder; the rules follow both members as if annotated.
        Assert.True(build.Result.ExitCode == 0, build.Result.ToString());
        var legacy = SpiDiagnostics(build.Result.Output).Where(d => d.File == "Legacy.cs").Select(d => (d.Id, d.Line));
        Assert.Equal(new[] { ("SPI002", 11), ("SPI002", 12) }, Sorted(legacy));
        Assert.Equal(Sorted(Violations), Sorted(SpiDiagnostics(build.Result.Output).Where(d => d.File == "Violation.cs").Select(d => (d.Id, d.Line))));
    }

    [Fact]
    public void Annotations_assembly_reaches_the_output_and_the_analyzers_do_not()
    {
        var build = _fixture.DefaultBuild;
        var output = Path.Combine(build.Project.Directory, "bin", "Release", "net10.0");

        var copied = Path.Combine(output, "SensitivePi.Annotations.dll");
        Assert.True(File.Exists(copied), $"{copied} is missing; {build.Result}");
        using var package = System.IO.Compression.ZipFile.OpenRead(_fixture.PackagePath);
        using var packed = package.GetEntry("lib/netstandard2.0/SensitivePi.Annotations.dll")!.Open();
        Assert.Equal(Convert.ToHexString(SHA256.HashData(packed)), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(copied))));
        Assert.False(File.Exists(Path.Combine(output, "SensitivePi.Analyzers.dll")));
        Assert.False(File.Exists(Path.Combine(output, "SensitivePi.CodeFixes.dll")));
    }

    [Fact]
    public void Editorconfig_severity_none_silences_that_rule_only()
    {
        var consumer = _fixture.CreateConsumer("editorconfig-none");
        File.WriteAllText(consumer.PathOf(".editorconfig"), "[*.cs]\ndotnet_diagnostic.SPI002.severity = none\n");

        var build = consumer.Build();

        Assert.True(build.Result.ExitCode == 0, build.Result.ToString());
        Assert.Equal(Sorted(Violations.Where(v => v.Id != "SPI002")), Sorted(SpiDiagnostics(build.Result.Output).Select(d => (d.Id, d.Line))));
    }

    [Fact]
    public void Warnaserror_fails_the_build_with_every_violation_as_an_error()
    {
        var build = _fixture.CreateConsumer("warnaserror").Build("-warnaserror");

        Assert.True(build.Result.ExitCode != 0, "-warnaserror did not fail the build: " + build.Result);
        var reported = SpiDiagnostics(build.Result.Output);
        Assert.True(reported.All(d => d.Severity == "error"), build.Result.ToString());
        Assert.Equal(Sorted(Violations), Sorted(reported.Select(d => (d.Id, d.Line))));
    }

    [Fact]
    public void SensitivePiTreatViolationsAsErrors_fails_the_build_with_every_violation_as_an_error()
    {
        var build = _fixture.CreateConsumer("violations-as-errors").Build("-p:SensitivePiTreatViolationsAsErrors=true");

        Assert.True(build.Result.ExitCode != 0, "SensitivePiTreatViolationsAsErrors=true did not fail the build: " + build.Result);
        var reported = SpiDiagnostics(build.Result.Output);
        Assert.True(reported.All(d => d.Severity == "error"), build.Result.ToString());
        Assert.Equal(Sorted(Violations), Sorted(reported.Select(d => (d.Id, d.Line))));
    }
}
