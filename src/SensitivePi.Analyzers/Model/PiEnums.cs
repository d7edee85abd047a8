namespace SensitivePi.Analyzers.Model;

// Mirrors of the annotation enums. The analyzer reads attribute arguments as integers and must not load
// the annotations assembly into the compiler's context; a meta-test keeps names and values in step.

internal enum PiCategory
{
    Biometric,
    ReligiousBelief,
    SpecificIdentity,
    MedicalHealth,
    FinancialAccount,
    LocationTrack,
    AuthenticationCredential,
    MinorUnder14,
    Other,
}

internal enum PiMaskKind
{
    Auto,
    Full,
    Remove,
    IdCardNumber,
    Passport,
    Name,
    PhoneNumber,
    Email,
    Address,
    Date,
    BankCardNumber,
    FundAccount,
    InsuranceAccount,
    HousingFundAccount,
    SocialSecurityNumber,
    PassbookNumber,
}

internal enum PiLegalBasis
{
    Consent,
    ContractNecessity,
    LegalObligation,
    VitalInterests,
    PublicInterest,
    PubliclyDisclosed,
}

internal enum PiBiometricForm
{
    Unspecified,
    RawSample,
    Template,
}

internal enum PiAtRest
{
    Unspecified,
    Encrypted,
    NeverStore,
}

/// <summary>
/// Bounds of the mirrored enums, derived from the enums themselves: a value added to an annotation enum
/// (and mirrored here) is in range everywhere without further edits. Values are 0…n-1 (a meta-test keeps
/// them equal to the annotations').
/// </summary>
internal static class PiEnumRanges
{
    /// <summary>Every category, in order.</summary>
    public static readonly PiCategory[] Categories = (PiCategory[])System.Enum.GetValues(typeof(PiCategory));

    private static readonly int MaskCount = System.Enum.GetValues(typeof(PiMaskKind)).Length;
    private static readonly int LegalBasisCount = System.Enum.GetValues(typeof(PiLegalBasis)).Length;
    private static readonly int FormCount = System.Enum.GetValues(typeof(PiBiometricForm)).Length;
    private static readonly int AtRestCount = System.Enum.GetValues(typeof(PiAtRest)).Length;

    public static bool IsCategory(int value) => value >= 0 && value < Categories.Length;

    public static bool IsMask(int value) => value >= 0 && value < MaskCount;

    public static bool IsLegalBasis(int value) => value >= 0 && value < LegalBasisCount;

    public static bool IsForm(int value) => value >= 0 && value < FormCount;

    public static bool IsAtRest(int value) => value >= 0 && value < AtRestCount;
}
