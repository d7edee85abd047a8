namespace SensitivePi;

/// <summary>
/// The categories of sensitive personal information (GB/T 45574—2025 §4 and Appendix A; PIPL Art. 28).
/// Every category but <see cref="AuthenticationCredential"/> has a section of its own in GB/T 45574 §6, which
/// diagnostics cite beside the general clause.
/// </summary>
public enum Category
{
    /// <summary>Genes, fingerprints, voiceprints, palm prints, eye prints, auricle, iris, facial features, gait (GB/T 45574 §6.1). Faces are also governed by the Face Measures.</summary>
    Biometric,

    /// <summary>Faith, religious organisation, office held, activities, special customs (GB/T 45574 §6.2).</summary>
    ReligiousBelief,

    /// <summary>
    /// Disability status, occupational identities unsuitable to disclose such as military or police (GB/T 45574 §6.3).
    /// The final Appendix A no longer lists resident ID numbers, as the 2023 draft did: keep classifying them, as
    /// <see cref="SpecificIdentity"/> or <see cref="Other"/> by your own policy, and mask them with
    /// <see cref="MaskKind.IdCardNumber"/> either way.
    /// </summary>
    SpecificIdentity,

    /// <summary>Symptoms, admissions, prescriptions, test reports, surgery, medication, fertility, family and infectious-disease history (GB/T 45574 §6.4); height, weight or blood type only when tied to a condition.</summary>
    MedicalHealth,

    /// <summary>Bank, securities, fund, insurance and housing-fund account numbers and passwords, payment accounts, card track data, payment tokens (GB/T 45574 §6.5).</summary>
    FinancialAccount,

    /// <summary>Precise or continuous location, GPS tracks, travel tickets, lodging records (GB/T 45574 §6.6); a coarse location such as a city is not listed.</summary>
    LocationTrack,

    /// <summary>Login and payment passwords, one-time codes, security answers. No section of its own: GB/T 45574 §5.5 covers it.</summary>
    AuthenticationCredential,

    /// <summary>Any personal information of a child under fourteen (GB/T 45574 §6.7; PIPL Art. 31).</summary>
    MinorUnder14,

    /// <summary>Other sensitive information: ID-card photos, credit records, criminal records, browsing history, sexual orientation, communications content (GB/T 45574 §6.8).</summary>
    Other,
}
