namespace SensitivePi;

/// <summary>
/// How a sensitive value is de-identified when it is displayed or logged (PIPL Art. 51; GB/T 45574 §5.5), in the
/// 2023 draft's Appendix C formats.
/// Each member names the <see cref="PiMask"/> helper that applies it.
/// </summary>
public enum MaskKind
{
    /// <summary><see cref="Remove"/> for <see cref="Category.Biometric"/> data, <see cref="Full"/> for every other category.</summary>
    Auto,

    /// <summary>Every character masked, length kept (<see cref="PiMask.Full"/>).</summary>
    Full,

    /// <summary>The value is removed entirely (<see cref="PiMask.Remove"/>).</summary>
    Remove,

    /// <summary>Resident ID number: first 4 kept (<see cref="PiMask.IdCardNumber"/>).</summary>
    IdCardNumber,

    /// <summary>Chinese passport: first and last character kept (<see cref="PiMask.Passport"/>).</summary>
    Passport,

    /// <summary>Personal name: the surname kept (<see cref="PiMask.Name"/>).</summary>
    Name,

    /// <summary>Mobile phone: the middle four masked (<see cref="PiMask.PhoneNumber"/>).</summary>
    PhoneNumber,

    /// <summary>E-mail address: first character of the local part and the domain kept (<see cref="PiMask.Email"/>).</summary>
    Email,

    /// <summary>Address: kept down to the district or county (<see cref="PiMask.Address"/>).</summary>
    Address,

    /// <summary>Date: generalised to the year (<see cref="PiMask.Date"/>).</summary>
    Date,

    /// <summary>Bank card or account: first 4 and last 4 kept (<see cref="PiMask.BankCardNumber"/>).</summary>
    BankCardNumber,

    /// <summary>Fund account: last 4 kept (<see cref="PiMask.FundAccount"/>).</summary>
    FundAccount,

    /// <summary>Insurance account: first 4 and last 4 kept (<see cref="PiMask.InsuranceAccount"/>).</summary>
    InsuranceAccount,

    /// <summary>Housing provident fund account (<see cref="PiMask.HousingFundAccount"/>).</summary>
    HousingFundAccount,

    /// <summary>Social security number: first 2 and last 2 kept (<see cref="PiMask.SocialSecurityNumber"/>).</summary>
    SocialSecurityNumber,

    /// <summary>Passbook number: first 4 and last 4 kept (<see cref="PiMask.PassbookNumber"/>).</summary>
    PassbookNumber,
}
