using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;
using SensitivePi.Analyzers.Rules;
using SensitivePi.Tests.Verifiers;
using Xunit;

namespace SensitivePi.Tests.Meta;

/// <summary>The layout's promises (docs/design/architecture.md): bounds derived from enums, one registry, layers that know no rule.</summary>
public class StructureTests
{
    [Fact]
    public void Every_sink_kind_has_its_own_flag_and_the_catalog_answers_for_it()
    {
        var flags = SinkKindSet.All.Select(SinkKindSet.Of).ToList();

        Assert.Equal(Enum.GetValues(typeof(SinkKind)).Length, flags.Count);
        Assert.Equal(flags.Count, flags.Distinct().Count());
        Assert.All(flags, flag => Assert.True(Enum.IsDefined(typeof(SinkKinds), flag), flag + " is not a SinkKinds member"));
    }

    [Fact]
    public void Consent_bits_of_categories_the_guardian_and_a_negated_result_never_collide()
    {
        var categoryBits = PiEnumRanges.Categories.Select(ConsentCatalog.Bit).ToList();

        Assert.Equal(categoryBits.Count, categoryBits.Distinct().Count());
        Assert.All(categoryBits, bit => Assert.True(bit < ConsentCatalog.GuardianBit));
        Assert.Equal(ConsentCatalog.AllCategories, categoryBits.Aggregate(0, (all, bit) => all | bit));
        Assert.Equal(0, GuardState.Negated & ConsentCatalog.Everything);
        var somePurpose = PiEnumRanges.Categories.Select(ConsentCatalog.SomePurposeBit).ToList();
        Assert.Equal(somePurpose.Count, somePurpose.Distinct().Count());
        Assert.All(somePurpose, bit => Assert.True(bit > ConsentCatalog.GuardianBit && bit < 1 << ConsentCatalog.FirstPurposeShift));
        Assert.True(ConsentCatalog.FirstPurposeShift <= ConsentCatalog.LastPurposeShift, "no bit is left for single purposes");
    }

    [Fact]
    public void Registered_value_flow_rules_have_distinct_flags_and_descriptors_and_the_analyzer_reports_them()
    {
        var rules = RuleRegistry.ValueFlowRules;
        var analyzer = new SensitivePi.Analyzers.SensitiveDataFlowAnalyzer();

        Assert.Equal(rules.Length, rules.Select(r => r.Id).Distinct().Count());
        Assert.All(rules, r => Assert.Equal(1, System.Numerics.BitOperations.PopCount((uint)r.Id)));
        Assert.Equal(rules.Length, rules.Select(r => r.Descriptor.Id).Distinct().Count());
        Assert.Equal(
            rules.Select(r => r.Descriptor).Concat(rules.Select(r => r.AcrossDescriptor).OfType<Microsoft.CodeAnalysis.DiagnosticDescriptor>()),
            analyzer.SupportedDiagnostics);
    }

    [Fact]
    public void A_rule_that_reports_across_methods_has_a_compilation_end_twin_of_its_descriptor()
    {
        // A rule may have a twin without reporting across methods: its compilation-end reports then wait for
        // registrations (SPI010, docs/design/architecture.md, "Rules").
        Assert.All(RuleRegistry.ValueFlowRules, rule =>
        {
            Assert.True(rule.AcrossSinks == SensitivePi.Analyzers.Knowledge.SinkKinds.None || rule.AcrossDescriptor is not null);
            if (rule.AcrossDescriptor is { } twin)
            {
                Assert.Equal(rule.Descriptor.Id, twin.Id);
                Assert.Equal(rule.Descriptor.Title, twin.Title);
                Assert.Equal(rule.Descriptor.MessageFormat, twin.MessageFormat);
                Assert.Equal(rule.Descriptor.HelpLinkUri, twin.HelpLinkUri);
                Assert.Contains(Microsoft.CodeAnalysis.WellKnownDiagnosticTags.CompilationEnd, twin.CustomTags);
                Assert.DoesNotContain(Microsoft.CodeAnalysis.WellKnownDiagnosticTags.CompilationEnd, rule.Descriptor.CustomTags);
            }
        });
    }

    [Fact]
    public void No_file_under_Framework_or_Knowledge_mentions_a_rule_id()
    {
        var offenders = new[] { "Framework", "Knowledge" }
            .SelectMany(folder => Directory.GetFiles(RepositoryPaths.Combine("src", "SensitivePi.Analyzers", folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => Regex.IsMatch(File.ReadAllText(file), "SPI[0-9]{3}"))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Source_comments_cite_only_files_of_this_repository()
    {
        var offenders = Directory.GetFiles(RepositoryPaths.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(file => Regex.IsMatch(File.ReadAllText(file), @"(?<![/\w])(rules|api|regulations)\.md|shared/spec"))
            .ToList();

        Assert.Empty(offenders);
    }
}
