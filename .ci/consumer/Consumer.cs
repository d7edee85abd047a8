// Compiled by tests/SensitivePi.Tests/Package in a fresh project that references only the SensitivePiAnalyzers package:
// every public type of the annotations API must be usable as a user writes it.
using System;
using System.Threading;
using System.Threading.Tasks;
using SensitivePi;

namespace Consumer;

public class Customer
{
    [SensitivePersonalInfo(Category.Biometric)]
    public byte[] Face { get; set; } = Array.Empty<byte>();

    [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber, LegalBasis = LegalBasis.ContractNecessity)]
    public string IdNumber { get; set; } = "";

    [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.Template)]
    public byte[] FaceTemplate { get; set; } = Array.Empty<byte>();

    [ConsentSubject]
    public string CustomerId { get; set; } = "";
}

[SensitivePersonalInfo(Category.MinorUnder14)]
public sealed class ChildRecord
{
}

public sealed class Service
{
    private readonly ISeparateConsentService _consent;

    public Service(ISeparateConsentService consent) => _consent = consent;

    [RequiresSeparateConsent(Category.Biometric, Purpose = "door access")]
    public void Enrol(Customer customer) => _ = customer.FaceTemplate.Length;

    [SeparateConsentCheck(Category.MedicalHealth, Category.Biometric)]
    public bool Check(string subjectId) => subjectId.Length > 0;

    [GuardianConsentCheck]
    public Task EnsureGuardianAsync(string child) =>
        _consent.HasGuardianConsent(child, "enrolment") ? Task.CompletedTask : throw new SeparateConsentRequiredException(Category.MinorUnder14, "enrolment");

    [IdentityVerification("door access")]
    public bool VerifyByPassword([SensitivePersonalInfo(Category.AuthenticationCredential)] string password) => password.Length > 8;

    [MasksPersonalInfo]
    public static string MaskMine(string value) => PiMask.Mask(value, MaskKind.Full);

    [EncryptsPersonalInfo]
    public static byte[] Encrypt(byte[] value) => (byte[])value.Clone();

    [return: SensitivePersonalInfo(Category.LocationTrack)]
    public string Where() => "";

    public async Task<string> DescribeAsync(Customer customer, CancellationToken cancellationToken)
    {
        bool granted = await _consent.HasSeparateConsentAsync(customer.CustomerId, Category.SpecificIdentity, "audit", cancellationToken);
        bool guardian = await _consent.HasGuardianConsentAsync(customer.CustomerId, "audit", cancellationToken);
        if (!granted || !_consent.HasSeparateConsent(customer.CustomerId, Category.SpecificIdentity, "audit") || !guardian)
        {
            var error = new SeparateConsentRequiredException(Category.SpecificIdentity, "audit");
            throw new InvalidOperationException(error.Category + error.Purpose, error);
        }

        char mask = PiMask.MaskChar;
        return string.Join(
            mask.ToString(),
            PiMask.IdCardNumber(customer.IdNumber), PiMask.Passport(null), PiMask.Name("张三"), PiMask.PhoneNumber("13812341111"),
            PiMask.Email("a@b.c"), PiMask.Address("北京市朝阳区"), PiMask.Date("2020-01-01"), PiMask.BankCardNumber("6217000012341234"),
            PiMask.FundAccount("1234"), PiMask.InsuranceAccount("1"), PiMask.HousingFundAccount("123456789"),
            PiMask.SocialSecurityNumber("1"), PiMask.PassbookNumber("1"), PiMask.Full("x"), PiMask.Remove("x"));
    }

    public static object[] Attributes() => new object[]
    {
        new SensitivePersonalInfoAttribute(Category.Other).Category,
        new RequiresSeparateConsentAttribute(Category.Other).Purpose ?? "",
        new SeparateConsentCheckAttribute().Categories,
        new IdentityVerificationAttribute("p").Purpose,
        new GuardianConsentCheckAttribute(), new ConsentSubjectAttribute(), new MasksPersonalInfoAttribute(), new EncryptsPersonalInfoAttribute(),
        Category.ReligiousBelief, Category.MedicalHealth, Category.FinancialAccount, Category.LocationTrack,
        MaskKind.Auto, MaskKind.Remove, LegalBasis.Consent, LegalBasis.LegalObligation, LegalBasis.VitalInterests,
        LegalBasis.PublicInterest, LegalBasis.PubliclyDisclosed, BiometricForm.RawSample, BiometricForm.Unspecified,
    };
}

public static class Program
{
    public static void Main() => System.Console.WriteLine(PiMask.PhoneNumber("13812341111"));
}
