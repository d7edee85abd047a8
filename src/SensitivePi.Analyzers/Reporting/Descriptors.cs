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
        messageFormat: "{0} is sent in plaintext by '{1}'; {2}",
        description: "Sensitive personal information must be transmitted over an encrypted channel (https, wss, SMTP or FTP with TLS, SslStream). PIPL Art. 51; GB/T 45574 §5.5 and the section of the data's category.");

    /// <summary>SPI002: sensitive data written to a log without masking.</summary>
    public static readonly DiagnosticDescriptor UnmaskedLogging = DescriptorFactory.Create(
        id: "SPI002",
        title: "Sensitive data written to a log without masking",
        messageFormat: "{0} is written to the log by '{1}' without masking; {2}",
        description: "Logs, traces and console output must show sensitive personal information only in de-identified form: pass it through a PiMask helper or a [MasksPersonalInfo] method first. PIPL Art. 51; GB/T 45574 §5.5 and the section of the data's category.");

    /// <summary>SPI003: sensitive data processed without a separate-consent check.</summary>
    public static readonly DiagnosticDescriptor MissingSeparateConsent = DescriptorFactory.Create(
        id: "SPI003",
        title: "Sensitive data processed without a separate-consent check",
        messageFormat: "'{0}' processes {1} without a separate-consent check covering {2}; {3}",
        description: "Storing, transmitting or otherwise processing sensitive personal information needs the individual's separate consent, checked on every path before the operation, or the containing method must pass the duty to its callers with [RequiresSeparateConsent]. PIPL Art. 29; GB/T 45574 §5.4; Face Measures Art. 6 for faces.");

    /// <summary>SPI004: biometric data is the only means of identification.</summary>
    public static readonly DiagnosticDescriptor BiometricOnlyIdentification = DescriptorFactory.Create(
        id: "SPI004",
        title: "Biometric data is the only means of identification",
        messageFormat: "Identity verification for purpose '{0}' relies on biometrics only ('{1}'); {2}",
        description: "Every identity-verification purpose that accepts biometrics must also accept a non-biometric way (password, one-time code, document check). Face Measures Art. 10 and Art. 12; GB/T 45574 §6.1.",
        reportedAtCompilationEnd: true);

    /// <summary>SPI005: data of a child under 14 processed without guardian consent.</summary>
    public static readonly DiagnosticDescriptor MissingGuardianConsent = DescriptorFactory.Create(
        id: "SPI005",
        title: "Data of a child under 14 processed without guardian consent",
        messageFormat: "'{0}' processes {1} of a child under 14 without a guardian-consent check; {2}",
        description: "Personal information of a child under fourteen may be processed only with the guardian's consent, checked by a [GuardianConsentCheck] method on every path before the operation. The child's own consent does not count. PIPL Art. 31; GB/T 45574 §6.7; Face Measures Art. 7 for faces.");

    /// <summary>SPI006: raw biometric sample persisted.</summary>
    public static readonly DiagnosticDescriptor RawBiometricPersisted = DescriptorFactory.Create(
        id: "SPI006",
        title: "Raw biometric sample persisted",
        messageFormat: "Raw biometric sample {0} is persisted by '{1}'; extract and store a template instead: {2}",
        description: "Raw face images, fingerprints and other biometric samples must not be kept: extract the features and store a template, unless the individual separately consented. GB/T 45574 §6.1; Face Measures Art. 8 for faces.");

    /// <summary>SPI007: payment data that must never be stored.</summary>
    public static readonly DiagnosticDescriptor NeverStoredPaymentData = DescriptorFactory.Create(
        id: "SPI007",
        title: "Payment data that must never be stored",
        messageFormat: "{0} is kept by {1}, but it must never be stored, encrypted, hashed or not; {2}",
        description: "Card track data, CVN/CVN2, expiry dates, card PINs and payment passwords are used for the transaction and then discarded: never written to a database, file or cache, not even encrypted or hashed (a hash of a three-digit CVN2 is reversed by trying all thousand). GB/T 45574 §6.5.");

    /// <summary>SPI008: sensitive data stored without encryption.</summary>
    public static readonly DiagnosticDescriptor UnencryptedStorage = DescriptorFactory.Create(
        id: "SPI008",
        title: "Sensitive data stored without encryption",
        messageFormat: "{0} is stored without encryption by {1}; {2}",
        description: "Sensitive personal information whose at-rest policy is Encrypted (passwords and other credentials by default, members marked AtRest.Encrypted, the categories listed in sensitivepi.encrypt_at_rest) is stored only encrypted or hashed: through an [EncryptsPersonalInfo] method, IDataProtector.Protect, a hash, or an encrypting value converter. PIPL Art. 51; GB/T 45574 §5.5; Face Measures Art. 14 for faces.");

    /// <summary>SPI009: sensitive data displayed unmasked in a response or UI.</summary>
    public static readonly DiagnosticDescriptor UnmaskedResponse = DescriptorFactory.Create(
        id: "SPI009",
        title: "Sensitive data displayed unmasked in a response or UI",
        messageFormat: "{0} is returned to the client by '{1}' without masking; {2}",
        description: "API responses, headers, cookies and hub messages show sensitive personal information only in de-identified form: pass it through a PiMask helper or a [MasksPersonalInfo] method first, or leave the member out of what is serialised. PIPL Art. 51; GB/T 45574 §5.5 and the section of the data's category.");

    /// <summary>SPI010: sensitive data in a URL.</summary>
    public static readonly DiagnosticDescriptor SensitiveDataInUrl = DescriptorFactory.Create(
        id: "SPI010",
        title: "Sensitive data in a URL",
        messageFormat: "{0} is placed in the URL given to '{1}', which server, proxy and browser logs keep; {2}",
        description: "Whatever the scheme, a URL's path and query are written to web server and proxy logs, browser histories and referrers: sensitive personal information belongs in the body or a header. PIPL Art. 51; GB/T 45574 §5.5 and the section of the data's category.");

    /// <summary>SPI011: sensitive data in an exception message.</summary>
    public static readonly DiagnosticDescriptor SensitiveDataInException = DescriptorFactory.Create(
        id: "SPI011",
        title: "Sensitive data in an exception message",
        messageFormat: "{0} is put into the exception created by '{1}', which logs, error pages and telemetry show; {2}",
        description: "An exception's message and arguments travel to logs, error pages, problem details and telemetry, usually unmasked: mask sensitive personal information before it goes into an exception. PIPL Art. 51; GB/T 45574 §5.5 and the section of the data's category.");

    /// <summary>SPI012: likely sensitive member not annotated (a suggestion).</summary>
    public static readonly DiagnosticDescriptor UnclassifiedSensitiveMember = DescriptorFactory.Create(
        id: "SPI012",
        title: "Likely sensitive member not annotated",
        messageFormat: "'{0}' is named like {1} data but carries no classification: annotate it so that the rules follow it, or suppress this where it holds none",
        description: "A suggestion from the member's name (English and pinyin): a field, property or record parameter that may hold sensitive personal information is not classified, so no rule follows it. Classify it with [SensitivePersonalInfo] (the fix adds the suggested category and mask), or suppress where the name misleads. Names are never evidence for the other rules.",
        defaultSeverity: DiagnosticSeverity.Info);

    /// <summary>SPI013: annotation misuse.</summary>
    public static readonly DiagnosticDescriptor AnnotationMisuse = DescriptorFactory.Create(
        id: "SPI013",
        title: "Annotation misuse",
        messageFormat: "{0}",
        description: "An annotation that cannot mean what it says: a mask that cannot format the annotated value, a biometric form on other data, a consent check with a shape the rules cannot read, an identity verification without a purpose, two consent subjects in one type, a masking or encrypting method that returns its input unchanged. The rules would read it wrongly or not at all.");

    /// <summary>SPI014: biometric data leaves the device without separate consent.</summary>
    public static readonly DiagnosticDescriptor BiometricLeavesDevice = DescriptorFactory.Create(
        id: "SPI014",
        title: "Biometric data leaves the device without separate consent",
        messageFormat: "Biometric data {0} leaves the device through '{1}' without a separate-consent check covering Biometric; {2}",
        description: "Face and other biometric information stays on the device that captures and recognises it; sending it over a network needs the individual's separate consent, checked on every path before the send, whatever the channel and the data's legal basis. Face Measures Art. 8; GB/T 45574 §6.1.");

    /// <summary>The help link of a rule id.</summary>
    /// <param name="id">A rule id such as <c>SPI002</c>.</param>
    /// <returns>The address of the rule's documentation page.</returns>
    public static string HelpLink(string id) => HelpLinkBase + id + ".md";
}
