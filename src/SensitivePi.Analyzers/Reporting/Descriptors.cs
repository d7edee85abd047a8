using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers;

/// <summary>
/// Every diagnostic this package reports, one line per rule, each made by <see cref="DescriptorFactory"/>. Ids
/// and meanings are fixed by the rule catalogue; meta-tests keep the README table, the rule pages and the
/// release tracking in step with this list.
/// </summary>
public static class Descriptors
{
    /// <summary>The category shared by every rule, so one .editorconfig line can raise them all.</summary>
    public const string Category = "SensitivePersonalInfo";

    /// <summary>Where the rule pages live; the help link of rule SPInnn is <c>{HelpLinkBase}SPInnn.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/SensitivePiAnalyzers/SensitivePiAnalyzers/blob/main/docs/rules/";

    /// <summary>SPI001: sensitive data transmitted over an unencrypted channel.</summary>
    public static readonly DiagnosticDescriptor UnencryptedTransmission = DescriptorFactory.Create(
        id: "SPI001",
        title: "Sensitive data transmitted over an unencrypted channel",
        messageFormat: "{0} is sent in plaintext by '{1}'; GB/T §6.4 c requires at least channel encryption (TLS) for sensitive personal information",
        description: "Sensitive personal information must be transmitted over an encrypted channel (https, wss, SMTP or FTP with TLS, SslStream). GB/T §6.4 c; PIPL Art. 51.");

    /// <summary>SPI002: sensitive data written to a log without masking.</summary>
    public static readonly DiagnosticDescriptor UnmaskedLogging = DescriptorFactory.Create(
        id: "SPI002",
        title: "Sensitive data written to a log without masking",
        messageFormat: "{0} is written to the log by '{1}' without masking; GB/T §7.3 c, §7.4 c, §7.5 e and Appendix C require sensitive personal information to be de-identified when displayed",
        description: "Logs, traces and console output must show sensitive personal information only in de-identified form: pass it through a PiMask helper or a [MasksPersonalInfo] method first. GB/T §6.4 i, §7.3 c, §7.4 c, §7.5 e, Appendix C.");

    /// <summary>SPI003: sensitive data processed without a separate-consent check.</summary>
    public static readonly DiagnosticDescriptor MissingSeparateConsent = DescriptorFactory.Create(
        id: "SPI003",
        title: "Sensitive data processed without a separate-consent check",
        messageFormat: "'{0}' processes {1} without a separate-consent check covering {2}; GB/T §6.1 and §6.3.2 a and PIPL Article 29 require the individual's separate consent before processing",
        description: "Storing, transmitting or otherwise processing sensitive personal information needs the individual's separate consent, checked on every path before the operation, or the containing method must pass the duty to its callers with [RequiresSeparateConsent]. GB/T §6.1, §6.3.2 a/c; PIPL Art. 29; CAC face rules Art. 5.");

    /// <summary>SPI004: biometric data is the only means of identification.</summary>
    public static readonly DiagnosticDescriptor BiometricOnlyIdentification = DescriptorFactory.Create(
        id: "SPI004",
        title: "Biometric data is the only means of identification",
        messageFormat: "Identity verification for purpose '{0}' relies on biometrics only ('{1}'); GB/T §7.1 b and CAC face rules Article 14 require a reasonable non-biometric alternative",
        description: "Every identity-verification purpose that accepts biometrics must also accept a non-biometric way (password, one-time code, document check). GB/T §7.1 b; CAC face rules Art. 9 and Art. 14.",
        reportedAtCompilationEnd: true);

    /// <summary>SPI005: data of a child under 14 processed without guardian consent.</summary>
    public static readonly DiagnosticDescriptor MissingGuardianConsent = DescriptorFactory.Create(
        id: "SPI005",
        title: "Data of a child under 14 processed without guardian consent",
        messageFormat: "'{0}' processes {1} of a child under 14 without a guardian-consent check; GB/T §6.3.2 d, PIPL Article 31 and CAC face rules Article 13 require the guardian's consent",
        description: "Personal information of a child under fourteen may be processed only with the guardian's consent, checked by a [GuardianConsentCheck] method on every path before the operation. The child's own consent does not count. GB/T §6.3.2 d, §7.7.3; PIPL Art. 31; CAC face rules Art. 13.");

    /// <summary>SPI006: raw biometric sample persisted.</summary>
    public static readonly DiagnosticDescriptor RawBiometricPersisted = DescriptorFactory.Create(
        id: "SPI006",
        title: "Raw biometric sample persisted",
        messageFormat: "Raw biometric sample {0} is persisted by '{1}'; extract and store a template instead, keeping raw images needs separate consent (CAC face rules Article 17; GB/T §7.1 d)",
        description: "Raw face images, fingerprints and other biometric samples must not be kept: extract the features and store a template, unless the individual separately consented. CAC face rules Art. 17 and 18; GB/T §7.1 d, §7.5 d.");

    /// <summary>The help link of a rule id.</summary>
    /// <param name="id">A rule id such as <c>SPI002</c>.</param>
    /// <returns>The address of the rule's documentation page.</returns>
    public static string HelpLink(string id) => HelpLinkBase + id + ".md";
}
