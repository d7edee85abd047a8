namespace SensitivePi.Analyzers.Engine;

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
