namespace SensitivePi;

/// <summary>
/// Why sensitive data may be processed (PIPL Art. 13). Only <see cref="Consent"/> requires a
/// separate-consent check before the data is stored or transmitted.
/// </summary>
public enum LegalBasis
{
    /// <summary>The individual's separate consent (PIPL Art. 13(1), Art. 29).</summary>
    Consent,

    /// <summary>Necessary to conclude or perform a contract with the individual (PIPL Art. 13(2)).</summary>
    ContractNecessity,

    /// <summary>Necessary to fulfil a statutory duty or obligation (PIPL Art. 13(3)).</summary>
    LegalObligation,

    /// <summary>Necessary to protect life, health or property in an emergency (PIPL Art. 13(4)).</summary>
    VitalInterests,

    /// <summary>News reporting or public-opinion supervision in the public interest (PIPL Art. 13(5)).</summary>
    PublicInterest,

    /// <summary>Information the individual disclosed or that was lawfully disclosed (PIPL Art. 13(6)).</summary>
    PubliclyDisclosed,
}
