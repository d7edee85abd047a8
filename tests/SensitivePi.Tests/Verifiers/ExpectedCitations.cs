using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SensitivePi.Tests.Verifiers;

/// <summary>
/// The clauses a message is expected to cite, worked out here from the data the message names (its
/// "(Category)" parts) and the final texts' sections per category, independently of the analyzer's own table.
/// </summary>
public static class ExpectedCitations
{
    private static readonly Dictionary<string, string> OwnSection = new()
    {
        ["Biometric"] = "§6.1",
        ["ReligiousBelief"] = "§6.2",
        ["SpecificIdentity"] = "§6.3",
        ["MedicalHealth"] = "§6.4",
        ["FinancialAccount"] = "§6.5",
        ["LocationTrack"] = "§6.6",
        ["MinorUnder14"] = "§6.7",
        ["Other"] = "§6.8",
    };

    /// <summary>SPI001's clauses for the data <paramref name="data"/> names.</summary>
    public static string Transmission(string data) =>
        "PIPL Art. 51 requires it to be protected by encryption, and " + Gbt(Categories(data), "§5.5") + " at least channel encryption (TLS) in transit";

    /// <summary>SPI002's clauses for the data <paramref name="data"/> names.</summary>
    public static string Display(string data) =>
        "PIPL Art. 51 requires de-identification, and " + Gbt(Categories(data), "§5.5") + " that sensitive personal information is de-identified when displayed";

    /// <summary>SPI010's clauses for the data <paramref name="data"/> names.</summary>
    public static string Url(string data) =>
        "PIPL Art. 51 requires measures against its disclosure, and " + Gbt(Categories(data), "§5.5") + " that sensitive personal information is protected in transit and de-identified when displayed";

    /// <summary>SPI007's clause.</summary>
    public const string NeverStore =
        "GB/T 45574 §6.5 specifies that card track data, CVN2, expiry dates, card PINs and payment passwords are never stored";

    /// <summary>SPI008's clauses for the data <paramref name="data"/> names.</summary>
    public static string AtRest(string data) =>
        "PIPL Art. 51 requires it to be protected by encryption"
        + (Categories(data).Contains("Biometric") ? " (for faces, Face Measures Art. 14 too)" : string.Empty)
        + ", and " + Gbt(Categories(data), "§5.5") + " that sensitive personal information is stored encrypted";

    /// <summary>SPI003's clauses for a category.</summary>
    public static string SeparateConsent(string category) =>
        "PIPL Art. 29 requires the individual's separate consent before processing"
        + (category == "Biometric" ? " (for faces, Face Measures Art. 6 too)" : string.Empty)
        + ", and " + Gbt(new[] { category }, "§5.4") + " consent per purpose";

    /// <summary>SPI004's clauses.</summary>
    public const string BiometricAlternative =
        "Face Measures Art. 10 and Art. 12 require a reasonable non-biometric alternative, and GB/T 45574 §6.1 specifies one for every biometric";

    /// <summary>SPI014's clauses.</summary>
    public const string BiometricOnDevice =
        "Face Measures Art. 8 requires face information to stay on the recognition device unless the individual gives separate consent, and GB/T 45574 §6.1 specifies the same care for every biometric";

    /// <summary>SPI005's clauses.</summary>
    public const string GuardianConsent = "PIPL Art. 31 requires the guardian's consent, and GB/T 45574 §6.7 specifies it";

    /// <summary>SPI006's clauses.</summary>
    public const string RawSamples =
        "GB/T 45574 §6.1 specifies templates rather than raw samples, and keeping raw samples needs separate consent (for faces, Face Measures Art. 8)";

    private static IEnumerable<string> Categories(string data) =>
        Regex.Matches(data, @"\((\w+)\)").Select(match => match.Groups[1].Value);

    private static string Gbt(IEnumerable<string> categories, string general)
    {
        var sections = new SortedSet<string>(System.StringComparer.Ordinal) { general };
        foreach (var category in categories)
        {
            if (OwnSection.TryGetValue(category, out var section))
            {
                sections.Add(section);
            }
        }

        var list = sections.ToList();
        var joined = list.Count == 1 ? list[0] : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
        return "GB/T 45574 " + joined + (list.Count == 1 ? " specifies" : " specify");
    }
}
