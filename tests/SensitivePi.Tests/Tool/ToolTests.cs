using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using SensitivePi.Tests.Meta;
using SensitivePi.Tests.Package;

namespace SensitivePi.Tests.Tool;

/// <summary>
/// The command-line tool end to end (docs/command-line-tool.md): packed, installed into a tool path, run on a copy of
/// samples/CommunityClinic that references the package as a user's project does.
/// </summary>
[Collection(PackageCollection.Name)]
public class ToolTests
{
    private static readonly string ExpectedInventory = RepositoryPaths.Combine("tests", "SensitivePi.Tests", "Tool", "CommunityClinic.inventory.json");

    private readonly PackageFixture _fixture;

    public ToolTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void Inventory_of_the_sample_is_the_checked_in_record_and_is_written_as_markdown_and_html()
    {
        var tool = _fixture.Tool;
        var clinic = tool.CreateClinic("inventory-clinic");
        var run = tool.Run(clinic.Directory, "inventory", clinic.ProjectPath, "--out", "out");
        Assert.True(run.ExitCode == 0, run.ToString());

        var actual = Normalize(File.ReadAllText(clinic.PathOf(Path.Combine("out", "inventory.json"))));
        var expected = Normalize(File.ReadAllText(ExpectedInventory));
        if (actual != expected)
        {
            var kept = Path.Combine(Path.GetTempPath(), "CommunityClinic.inventory.actual.json");
            File.WriteAllText(kept, actual);
            Assert.Fail($"inventory.json differs from {ExpectedInventory}; the actual file is {kept} (diff them; update the expected file only for an intended change).");
        }

        var markdown = File.ReadAllText(clinic.PathOf(Path.Combine("out", "inventory.md")));
        Assert.Contains("# Record of processing: CommunityClinic.csproj", markdown, StringComparison.Ordinal);
        Assert.Contains("| `Patient.ResidentIdNumber` | property | SpecificIdentity |", markdown, StringComparison.Ordinal);
        Assert.Contains("| pharmacy pickup (**biometric only**) |", markdown, StringComparison.Ordinal);

        var html = File.ReadAllText(clinic.PathOf(Path.Combine("out", "inventory.html")));
        Assert.Contains("<svg class=\"flows\"", html, StringComparison.Ordinal);
        Assert.Contains("<path class=\"edge none\"", html, StringComparison.Ordinal);
        Assert.Contains("<path class=\"edge masked\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal).Replace("http://phis.district-health.example.cn", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        // Stable: a second run writes the same bytes.
        var again = tool.Run(clinic.Directory, "inventory", clinic.ProjectPath, "--out", "again", "--format", "json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(File.ReadAllBytes(clinic.PathOf(Path.Combine("out", "inventory.json"))), File.ReadAllBytes(clinic.PathOf(Path.Combine("again", "inventory.json"))));
        Assert.False(File.Exists(clinic.PathOf(Path.Combine("again", "inventory.md"))));
    }

    [Fact]
    public void Check_prints_the_findings_writes_sarif_with_the_path_of_a_cross_method_finding_and_exits_1()
    {
        var tool = _fixture.Tool;
        var clinic = tool.CreateClinic("check-clinic");
        var run = tool.Run(clinic.Directory, "check", clinic.ProjectPath, "--sarif", "check.sarif");
        Assert.True(run.ExitCode == 1, run.ToString());

        var warnings = run.Output.Split('\n').Where(l => l.Contains(": warning SPI", StringComparison.Ordinal)).ToList();
        Assert.Contains(warnings, l => l.Contains("RegistrationService.cs(27,", StringComparison.Ordinal) && l.Contains("warning SPI002", StringComparison.Ordinal) && l.Contains("through 'ClinicAudit.Record(", StringComparison.Ordinal));
        Assert.Contains($"{warnings.Count} finding(s) in 1 project(s).", run.Output, StringComparison.Ordinal);

        using var sarif = JsonDocument.Parse(File.ReadAllText(clinic.PathOf("check.sarif")));
        var sarifRun = sarif.RootElement.GetProperty("runs")[0];
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var results = sarifRun.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(warnings.Count, results.Count(r => r.GetProperty("level").GetString() == "warning"));

        // The two audit helpers: a string handed to Record, the whole patient handed to Snapshot.
        var across = results.Where(r => r.TryGetProperty("codeFlows", out _)).ToList();
        Assert.All(across, r => Assert.Equal("SPI002", r.GetProperty("ruleId").GetString()));
        var steps = across.Select(r => r.GetProperty("codeFlows")[0].GetProperty("threadFlows")[0].GetProperty("locations").EnumerateArray()
                .Select(s => s.GetProperty("location").GetProperty("physicalLocation"))
                .Select(p => (File: Path.GetFileName(new Uri(p.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath), Line: p.GetProperty("region").GetProperty("startLine").GetInt32()))
                .ToList())
            .OrderBy(flow => flow[0].Line)
            .ToList();
        Assert.Equal(2, steps.Count);
        Assert.Equal(new[] { ("RegistrationService.cs", 27), ("ClinicAudit.cs", 9) }, steps[0]);
        Assert.Equal(new[] { ("RegistrationService.cs", 29), ("ClinicAudit.cs", 13) }, steps[1]);
        Assert.All(sarifRun.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(), rule =>
            Assert.StartsWith("https://", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Baseline_accepts_every_finding_so_that_the_build_and_check_report_none()
    {
        var tool = _fixture.Tool;
        var clinic = tool.CreateClinic("baseline-clinic");
        var before = clinic.Build();
        Assert.Contains(": warning SPI002", before.Result.Output, StringComparison.Ordinal);

        var run = tool.Run(clinic.Directory, "baseline", clinic.ProjectPath);
        Assert.True(run.ExitCode == 0, run.ToString());
        using (var baseline = JsonDocument.Parse(File.ReadAllText(clinic.PathOf("SensitivePi.baseline.json"))))
        {
            var findings = baseline.RootElement.GetProperty("findings").EnumerateArray().ToList();
            Assert.Contains(findings, f => f.GetProperty("rule").GetString() == "SPI002"
                && f.GetProperty("member").GetString() == "M:CommunityClinic.PaymentService.PayAsync(CommunityClinic.CardPayment,System.Threading.CancellationToken)"
                && f.GetProperty("data").GetString() == "'CardPayment.CardNumber' (FinancialAccount)"
                && f.GetProperty("sink").GetString() == "'ILogger.LogWarning'");
        }

        var after = clinic.BuildWithSarif();
        Assert.True(after.Result.ExitCode == 0, after.Result.ToString());
        Assert.DoesNotContain(": warning SPI", after.Result.Output, StringComparison.Ordinal);
        using (var sarif = JsonDocument.Parse(File.ReadAllText(after.SarifPath!)))
        {
            var suppressed = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("SPI0", StringComparison.Ordinal) && r.GetProperty("level").GetString() == "warning")
                .ToList();
            Assert.NotEmpty(suppressed);
            Assert.All(suppressed, r => Assert.True(r.TryGetProperty("suppressions", out _), r.ToString()));
        }

        var check = tool.Run(clinic.Directory, "check", clinic.ProjectPath, "--sarif", "accepted.sarif");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("0 finding(s), ", check.Output, StringComparison.Ordinal);
        using (var sarif = JsonDocument.Parse(File.ReadAllText(clinic.PathOf("accepted.sarif"))))
        {
            var warnings = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Where(r => r.GetProperty("level").GetString() == "warning").ToList();
            Assert.NotEmpty(warnings);
            Assert.All(warnings, r => Assert.Equal("external", r.GetProperty("suppressions")[0].GetProperty("kind").GetString()));
        }

        // Run again: every entry is kept, none added.
        var rerun = tool.Run(clinic.Directory, "baseline", clinic.ProjectPath);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("(0 new, ", rerun.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Installs_into_a_tool_manifest_and_runs_with_dotnet_tool_run()
    {
        var tool = _fixture.Tool;
        var folder = Path.Combine(_fixture.WorkDirectory, "manifest");
        Directory.CreateDirectory(folder);

        // The repository's way for a team: a manifest in source control; packages kept in the work folder, not the user's cache.
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <configuration>
              <packageSources><add key="package-under-test" value="{_fixture.Feed}" /></packageSources>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_fixture.WorkDirectory, "packages")}" /></config>
            </configuration>
            """);
        // The CLI caches where each local tool version lives under the user's home, across test runs: a home of its own.
        var home = new System.Collections.Generic.Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.Combine(folder, "home") };
        var manifest = DotnetCli.Run(folder, PackageFixture.CommandTimeout, home, "new", "tool-manifest");
        Assert.True(manifest.ExitCode == 0, manifest.ToString());
        var install = DotnetCli.Run(folder, PackageFixture.CommandTimeout, home, "tool", "install", ToolInstall.PackageId, "--version", _fixture.Version);
        Assert.True(install.ExitCode == 0, install.ToString());

        var help = DotnetCli.Run(folder, PackageFixture.CommandTimeout, home, "tool", "run", "sensitivepi", "help");
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("sensitivepi inventory <project-or-solution> [--out DIR] [--format json,md,html]", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_gets_one_line_and_exit_code_2_never_a_stack_trace()
    {
        var tool = _fixture.Tool;
        var work = Path.Combine(_fixture.WorkDirectory, "bad-input");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "notes.txt"), "not a project");
        var plain = Path.Combine(work, "plain");
        Directory.CreateDirectory(plain);
        File.WriteAllText(Path.Combine(plain, "Plain.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n");
        File.WriteAllText(Path.Combine(plain, "A.cs"), "class A { string Name = \"\"; }\n");

        (string[] Arguments, string Message)[] cases =
        {
            (new[] { "check", "missing.csproj" }, "missing.csproj: no such file or folder"),
            (new[] { "inventory", "notes.txt" }, "notes.txt: not a C# project (.csproj) or solution"),
            (new[] { "check", "plain/Plain.csproj" }, "Plain: not analysed: the project is not restored and does not see the SensitivePi annotations"),
            (new[] { "frobnicate", "plain" }, "unknown command 'frobnicate'"),
            (new[] { "inventory", "plain", "--format", "pdf" }, "unknown format 'pdf'"),
            (new[] { "check" }, "'check' needs a project or solution"),
        };
        foreach (var (arguments, message) in cases)
        {
            var run = tool.Run(work, arguments);
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("sensitivepi: " + message, run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        }

        // Restored, but without the package: an empty inventory that says why, and exit code 2 (nothing analysed).
        var restore = DotnetCli.Run(plain, PackageFixture.CommandTimeout, "restore", "Plain.csproj", "-nologo");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        var inventory = tool.Run(work, "inventory", "plain/Plain.csproj", "--out", "plain-out", "--format", "json");
        Assert.True(inventory.ExitCode == 2, inventory.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "plain-out", "inventory.json")));
        var project = json.RootElement.GetProperty("projects")[0];
        Assert.Equal("the project does not reference SensitivePiAnalyzers (the SensitivePi annotations), so nothing in it is classified", project.GetProperty("note").GetString());
        Assert.Equal(0, project.GetProperty("members").GetArrayLength());
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
