using System.Collections.Generic;
using System.Text;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers;

/// <summary>
/// The clauses a message cites, from the final texts: GB/T 45574—2025 by section (it specifies), the Face
/// Measures and PIPL by article (they require). Where the data's category has a section of its own, the
/// message cites it beside the general one (a location track: §6.6; a child's data: §6.7). Each rule page's
/// "Why" explains its clauses.
/// </summary>
internal static class Citations
{
    /// <summary>SPI001's obligation: encryption in transit.</summary>
    public static string Transmission(IEnumerable<PiCategory> categories) =>
        "PIPL Art. 51 requires it to be protected by encryption, and " + Gbt(categories, "§5.5") + " at least channel encryption (TLS) in transit";

    /// <summary>SPI002's obligation: de-identified display.</summary>
    public static string Display(IEnumerable<PiCategory> categories) =>
        "PIPL Art. 51 requires de-identification, and " + Gbt(categories, "§5.5") + " that sensitive personal information is de-identified when displayed";

    /// <summary>SPI010's obligation: kept out of what is logged and shown (URLs are both).</summary>
    public static string Url(IEnumerable<PiCategory> categories) =>
        "PIPL Art. 51 requires measures against its disclosure, and " + Gbt(categories, "§5.5") + " that sensitive personal information is protected in transit and de-identified when displayed";

    /// <summary>SPI007's obligation: payment data used for the transaction and never kept.</summary>
    public const string NeverStore =
        "GB/T 45574 §6.5 specifies that card track data, CVN2, expiry dates, card PINs and payment passwords are never stored";

    /// <summary>SPI008's obligation: encryption at rest (faces: the Face Measures too).</summary>
    public static string AtRest(IEnumerable<PiCategory> categories)
    {
        var faces = false;
        foreach (var category in categories)
        {
            faces |= category == PiCategory.Biometric;
        }

        // The Face Measures govern face information only, and a category does not say which biometric the data is:
        // the clause is cited for faces, not asserted for a fingerprint (docs/rules/SPI008.md, "Why").
        return "PIPL Art. 51 requires it to be protected by encryption" + (faces ? " (for faces, Face Measures Art. 14 too)" : string.Empty) + ", and "
            + Gbt(categories, "§5.5") + " that sensitive personal information is stored encrypted";
    }

    /// <summary>SPI003's obligation: separate consent before processing, per purpose (for faces, the Face Measures too).</summary>
    public static string SeparateConsent(PiCategory category) =>
        "PIPL Art. 29 requires the individual's separate consent before processing"
        + (category == PiCategory.Biometric ? " (for faces, Face Measures Art. 6 too)" : string.Empty)
        + ", and " + Gbt(new[] { category }, "§5.4") + " consent per purpose";

    /// <summary>SPI004's obligation: a reasonable alternative to biometric verification.</summary>
    public const string BiometricAlternative =
        "Face Measures Art. 10 and Art. 12 require a reasonable non-biometric alternative, and GB/T 45574 §6.1 specifies one for every biometric";

    /// <summary>SPI014's obligation: biometric data stays on the device unless the person separately consents.</summary>
    public const string BiometricOnDevice =
        "Face Measures Art. 8 requires face information to stay on the recognition device unless the individual gives separate consent, and GB/T 45574 §6.1 specifies the same care for every biometric";

    /// <summary>SPI005's obligation: the guardian's consent for a child under 14.</summary>
    public const string GuardianConsent = "PIPL Art. 31 requires the guardian's consent, and GB/T 45574 §6.7 specifies it";

    /// <summary>SPI006's obligation: templates rather than raw samples.</summary>
    public const string RawSamples =
        "GB/T 45574 §6.1 specifies templates rather than raw samples, and keeping raw samples needs separate consent (for faces, Face Measures Art. 8)";

    /// <summary>
    /// "GB/T 45574 §5.5 and §6.6 specify": the general sections, then each category's own section, each once, in
    /// section order.
    /// </summary>
    public static string Gbt(IEnumerable<PiCategory> categories, params string[] general)
    {
        var sections = new List<string>(general);
        foreach (var category in categories)
        {
            if (OwnSection(category) is { } section && !sections.Contains(section))
            {
                sections.Add(section);
            }
        }

        sections.Sort(CompareSections);
        var text = new StringBuilder("GB/T 45574 ");
        for (var i = 0; i < sections.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : i == sections.Count - 1 ? " and " : ", ").Append(sections[i]);
        }

        return text.Append(sections.Count == 1 ? " specifies" : " specify").ToString();
    }

    /// <summary>
    /// The GB/T 45574 section with a category's own requirements (its §4 and Appendix A list the categories);
    /// authentication credentials have none: the general §5.5 covers them.
    /// </summary>
    public static string? OwnSection(PiCategory category) =>
        category switch
        {
            PiCategory.Biometric => "§6.1",
            PiCategory.ReligiousBelief => "§6.2",
            PiCategory.SpecificIdentity => "§6.3",
            PiCategory.MedicalHealth => "§6.4",
            PiCategory.FinancialAccount => "§6.5",
            PiCategory.LocationTrack => "§6.6",
            PiCategory.MinorUnder14 => "§6.7",
            PiCategory.Other => "§6.8",
            _ => null,
        };

    private static int CompareSections(string left, string right) => string.CompareOrdinal(left, right);
}
