using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Meta;

/// <summary>
/// Messages and rule pages cite the final texts (GB/T 45574—2025 by section, the Face Measures and PIPL by
/// article), and a message cites the section of the data's own category; the 2023 drafts appear only in each
/// page's one "Draft clause" line.
/// </summary>
public class CitationTests
{
    // The drafts' ways of citing: the CAC provisions, GB/T without its number, item letters, the draft's §7, its Appendix C.
    private static readonly Regex DraftCitation = new(@"\bCAC\b|face rules|GB/T(?! 45574)|§\d+(\.\d+)+ [a-z]\b|§7\.|GB/T 45574 Appendix|Article \d", RegexOptions.CultureInvariant);

    // rules.md gives these no clause: they check the annotations, not the processing.
    private static readonly string[] RulesWithoutClauses = { "SPI012", "SPI013" };

    public static TheoryData<string> DescriptorIds() => Catalogue.Ids();

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_cites_the_final_texts_only(string id)
    {
        var descriptor = Catalogue.Find(id);
        var texts = new[] { descriptor.Title.ToString(CultureInfo.InvariantCulture), descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), descriptor.Description.ToString(CultureInfo.InvariantCulture) };

        Assert.All(texts, text => Assert.DoesNotMatch(DraftCitation, text));
        if (!RulesWithoutClauses.Contains(id))
        {
            Assert.Matches(@"GB/T 45574 §\d|PIPL Art\. \d|Face Measures Art\. \d", descriptor.Description.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Rule_page_cites_the_final_texts_and_names_the_draft_clause_on_one_line(string id)
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("docs", "rules", id + ".md"));
        var draftLines = lines.Where(line => line.StartsWith("| Draft clause |", StringComparison.Ordinal)).ToList();

        Assert.Single(draftLines);
        Assert.All(lines.Except(draftLines).Select((line, index) => (line, index)), entry =>
            Assert.False(DraftCitation.IsMatch(entry.line), id + ".md cites a draft clause outside its \"Draft clause\" line: " + entry.line));
        Assert.Contains(lines, line => line.StartsWith("| Clauses |", StringComparison.Ordinal)
            && (RulesWithoutClauses.Contains(id) || Regex.IsMatch(line, @"GB/T 45574 §|PIPL Art\.|Face Measures Art\.")));
    }

    [Theory]
    [InlineData("LocationTrack", "§6.6")]
    [InlineData("MinorUnder14", "§6.7")]
    [InlineData("Other", "§6.8")]
    [InlineData("MedicalHealth", "§6.4")]
    [InlineData("FinancialAccount", "§6.5")]
    [InlineData("Biometric", "§6.1")]
    [InlineData("AuthenticationCredential", null)]
    public async Task Logging_and_sending_messages_cite_the_section_of_the_data_category(string category, string? section)
    {
        var source = $$"""
            using System.Net.Http;
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            public class Person
            {
                [SensitivePersonalInfo(Category.{{category}}, LegalBasis = LegalBasis.ContractNecessity)] public string Value { get; set; } = "";
            }

            public class Service
            {
                public void Log(ILogger logger, Person p) => logger.LogInformation("{V}", p.Value);

                public void Send(HttpClient client, Person p) => client.PostAsync("http://example.com/x", new StringContent(p.Value));
            }
            """;
        var (diagnostics, exceptions) = await Shipped.AnalyzeAsync(await TestCompilation.CreateAsync(source));

        Assert.Empty(exceptions);
        var messages = diagnostics.Where(d => d.Id is "SPI001" or "SPI002").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, messages.Count);
        foreach (var message in messages)
        {
            Assert.Contains("PIPL Art. 51", message, StringComparison.Ordinal);
            Assert.Contains("GB/T 45574 §5.5" + (section is null ? " specifies" : " and " + section + " specify"), message, StringComparison.Ordinal);
            Assert.DoesNotMatch(DraftCitation, message);
        }
    }

    [Theory]
    [InlineData("Biometric", "PIPL Art. 29 requires the individual's separate consent before processing (for faces, Face Measures Art. 6 too)", "§5.4 and §6.1")]
    [InlineData("LocationTrack", "PIPL Art. 29 requires", "§5.4 and §6.6")]
    [InlineData("AuthenticationCredential", "PIPL Art. 29 requires", "§5.4 specifies")]
    public async Task Consent_message_cites_the_section_of_the_data_category(string category, string binding, string sections)
    {
        var source = $$"""
            using System.IO;
            using SensitivePi;

            public class Person
            {
                [SensitivePersonalInfo(Category.{{category}})] public string Value { get; set; } = "";
            }

            public class Service
            {
                public void Keep(Person p) => File.WriteAllText("p.txt", p.Value);
            }
            """;
        var (diagnostics, exceptions) = await Shipped.AnalyzeAsync(await TestCompilation.CreateAsync(source));

        Assert.Empty(exceptions);
        var message = Assert.Single(diagnostics, d => d.Id == "SPI003").GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains(binding, message, StringComparison.Ordinal);
        Assert.Contains("GB/T 45574 " + sections, message, StringComparison.Ordinal);
    }
}
