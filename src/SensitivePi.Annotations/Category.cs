namespace SensitivePi;

/// <summary>
/// The categories of sensitive personal information defined by GB/T (draft) §5.2 and Appendix A.
/// </summary>
public enum Category
{
    /// <summary>Genes, fingerprints, voiceprints, palm prints, eye prints, auricle, iris, facial features, gait (GB/T §5.2 a).</summary>
    Biometric,

    /// <summary>Faith, religious organisation, office held, activities, special customs (GB/T §5.2 b).</summary>
    ReligiousBelief,

    /// <summary>Ethnicity, race, criminal record, disability, special occupations, ID document numbers (GB/T §5.2 c, §3.6).</summary>
    SpecificIdentity,

    /// <summary>Symptoms, admission records, prescriptions, test reports, medication, family history (GB/T §5.2 d).</summary>
    MedicalHealth,

    /// <summary>Bank, securities, fund, insurance and housing-fund accounts, payment accounts, card track data (GB/T §5.2 e).</summary>
    FinancialAccount,

    /// <summary>Real-time precise location, GPS tracks, travel tickets, lodging records (GB/T §5.2 f).</summary>
    LocationTrack,

    /// <summary>Login, payment, query and transaction passwords, one-time codes, security answers (GB/T §5.2 g).</summary>
    AuthenticationCredential,

    /// <summary>Any personal information of a child under fourteen (GB/T §5.2 h; PIPL Art. 31).</summary>
    MinorUnder14,

    /// <summary>Other sensitive information: browsing history, marital history, sexual orientation, credit records (GB/T §5.2 i).</summary>
    Other,
}
