using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Model;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Meta;

/// <summary>Keeps descriptors, help links, rule pages, release tracking and the README in step.</summary>
public class DescriptorConsistencyTests
{
    private static readonly DiagnosticDescriptor[] AllDescriptors = Catalogue.Descriptors;

    public static TheoryData<string> DescriptorIds() => Catalogue.Ids();

    // The list of rules is the descriptors: every other list (README, pages, release tracking, analyzers) is
    // checked against them, so a new rule is declared once.
    [Fact]
    public void Descriptor_ids_are_distinct_SPI_numbers()
    {
        Assert.NotEmpty(AllDescriptors);
        Assert.All(AllDescriptors, d => Assert.Matches("^SPI[0-9]{3}$", d.Id));
        Assert.Equal(AllDescriptors.Length, AllDescriptors.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Readme_rule_table_has_one_row_per_descriptor_with_its_title_and_severity()
    {
        var rows = File.ReadLines(RepositoryPaths.Combine("README.md"))
            .Select(line => Regex.Match(line, @"^\| \[(SPI[0-9]{3})\]\(docs/rules/\1\.md\) \| ([^|]+) \| ([^|]+) \|"))
            .Where(match => match.Success)
            .Select(match => (Id: match.Groups[1].Value, Title: match.Groups[2].Value.Trim(), Severity: match.Groups[3].Value.Trim()))
            .ToList();

        Assert.Equal(AllDescriptors.Select(d => d.Id), rows.Select(r => r.Id));
        foreach (var (id, title, severity) in rows)
        {
            var descriptor = Find(id);
            Assert.Equal(descriptor.Title.ToString(), title);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), severity);
        }
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_has_category_severity_and_help_link_to_its_page(string id)
    {
        var descriptor = Find(id);

        Assert.Equal("SensitivePersonalInfo", descriptor.Category);
        Assert.True(descriptor.IsEnabledByDefault);
        // rules.md: every rule is a Warning but SPI012, a suggestion (Info: shown in the editor, silent in builds).
        Assert.Equal(id == "SPI012" ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
        Assert.Equal(Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.EndsWith("/docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.True(File.Exists(RepositoryPaths.Combine("docs", "rules", id + ".md")), "docs/rules/" + id + ".md is missing");
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Rule_page_is_titled_with_id_and_title(string id)
    {
        var descriptor = Find(id);
        var firstLine = File.ReadLines(RepositoryPaths.Combine("docs", "rules", id + ".md")).First();

        Assert.Equal("# " + id + ": " + descriptor.Title, firstLine);
    }

    [Fact]
    public void Every_rule_page_belongs_to_a_descriptor()
    {
        var pages = Directory.GetFiles(RepositoryPaths.Combine("docs", "rules"), "SPI*.md").Select(Path.GetFileNameWithoutExtension);

        Assert.All(pages, page => Assert.Contains(AllDescriptors, d => d.Id == page));
    }

    [Fact]
    public void Release_tracking_lists_every_descriptor_once_with_its_category_and_severity()
    {
        var rows = ReleaseRows("AnalyzerReleases.Shipped.md").Concat(ReleaseRows("AnalyzerReleases.Unshipped.md")).ToList();

        Assert.Equal(AllDescriptors.Select(d => d.Id), rows.Select(r => r.Id).OrderBy(i => i, StringComparer.Ordinal));
        foreach (var (id, category, severity) in rows)
        {
            var descriptor = Find(id);
            Assert.Equal(descriptor.Category, category);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), severity);
        }
    }

    [Fact]
    public void Readme_rule_table_links_every_rule_page()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));

        Assert.All(AllDescriptors, d => Assert.Contains("[" + d.Id + "](docs/rules/" + d.Id + ".md)", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_shipped_analyzer_reports_only_catalogue_descriptors_and_every_descriptor_has_an_analyzer()
    {
        var analyzers = Shipped.Analyzers();
        var reported = analyzers.SelectMany(a => a.SupportedDiagnostics).ToList();

        // A descriptor tagged CompilationEnd may twin a catalogue descriptor (cross-method reports, same id and message).
        Assert.All(reported, d => Assert.Contains(AllDescriptors, c => c.Equals(d)
            || (c.Id == d.Id && c.MessageFormat.Equals(d.MessageFormat) && d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd))));
        Assert.All(AllDescriptors, d => Assert.Contains(d, reported));
        Assert.All(analyzers, a => Assert.NotNull(a.GetType().GetCustomAttribute<DiagnosticAnalyzerAttribute>()));
    }

    private static readonly string[] RulePageSections =
    {
        "## What it flags",
        "## What it does not flag",
        "### Known limits",
        "## Why",
        "## Noncompliant code",
        "## Compliant code",
        "## How to fix",
        "## How to suppress or change severity",
        "## Related rules",
    };

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Rule_page_has_every_section_in_order_and_no_placeholder_left(string id)
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("docs", "rules", id + ".md"));
        var headings = lines.Where(l => RulePageSections.Contains(l.TrimEnd())).Select(l => l.TrimEnd()).ToList();

        Assert.Equal(RulePageSections, headings);
        Assert.DoesNotContain(lines, l => l.Contains("its analyzer is being built", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("```csharp", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_code_fix_serves_catalogue_rules_and_every_rule_but_SPI004_has_one()
    {
        var fixable = Shipped.CodeFixes()
            .SelectMany(provider => provider.FixableDiagnosticIds)
            .Distinct()
            .OrderBy(i => i, StringComparer.Ordinal)
            .ToArray();

        // SPI004's remedy is a product decision (a second way to identify people), SPI006's a design decision
        // (what to store instead), SPI008's the team's encryption scheme, SPI010's an API change (the value moves to
        // the body) and SPI013's the author's intent; their pages show the compliant shapes.
        Assert.Equal(new[] { "SPI001", "SPI002", "SPI003", "SPI005", "SPI007", "SPI009", "SPI011", "SPI012", "SPI014" }, fixable);
    }

    [Theory]
    [InlineData(typeof(Category), typeof(PiCategory))]
    [InlineData(typeof(MaskKind), typeof(PiMaskKind))]
    [InlineData(typeof(LegalBasis), typeof(PiLegalBasis))]
    [InlineData(typeof(BiometricForm), typeof(PiBiometricForm))]
    [InlineData(typeof(AtRest), typeof(PiAtRest))]
    public void Analyzer_enum_mirrors_match_the_annotation_enums(Type annotation, Type mirror)
    {
        Assert.Equal(Enum.GetNames(annotation), Enum.GetNames(mirror));
        Assert.Equal(
            Enum.GetValues(annotation).Cast<object>().Select(Convert.ToInt32),
            Enum.GetValues(mirror).Cast<object>().Select(Convert.ToInt32));
    }

    private static DiagnosticDescriptor Find(string id) => AllDescriptors.Single(d => d.Id == id);

    private static IEnumerable<(string Id, string Category, string Severity)> ReleaseRows(string file)
    {
        var path = RepositoryPaths.Combine("src", "SensitivePi.Analyzers", file);
        foreach (var line in File.ReadLines(path))
        {
            var match = Regex.Match(line, @"^(SPI\d{3})\s*\|\s*(\w+)\s*\|\s*(\w+)\s*\|");
            if (match.Success)
            {
                yield return (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
            }
        }
    }
}
