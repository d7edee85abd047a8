using SensitivePi;

namespace CommunityClinic;

// The clinic's data, classified once here. The analyzers follow these annotations into every service.

/// <summary>A resident registered with the community clinic.</summary>
public sealed class Patient
{
    [ConsentSubject]
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    public string DisplayName { get; set; } = "";

    // Real-name registration is required for medical services: a legal obligation, not consent.
    [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber, LegalBasis = LegalBasis.LegalObligation)]
    public string ResidentIdNumber { get; set; } = "";

    // Ordinary personal information under GB/T 45574; the clinic classifies it so that it is masked when shown.
    [SensitivePersonalInfo(Category.Other, Mask = MaskKind.PhoneNumber, LegalBasis = LegalBasis.ContractNecessity)]
    public string MobilePhone { get; set; } = "";

    public byte[] PasswordSalt { get; set; } = [];

    public byte[] PasswordHash { get; set; } = [];

    // The patient portal's "forgot password" question: what the column holds is the code's to decide.
    public string RecoveryAnswer { get; set; } = "";
}

/// <summary>What the registration desk (or the mini-program) submits.</summary>
public sealed class RegistrationForm
{
    public required string DisplayName { get; init; }

    [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber, LegalBasis = LegalBasis.LegalObligation)]
    public required string ResidentIdNumber { get; init; }

    [SensitivePersonalInfo(Category.Other, Mask = MaskKind.PhoneNumber, LegalBasis = LegalBasis.ContractNecessity)]
    public required string MobilePhone { get; init; }

    [SensitivePersonalInfo(Category.AuthenticationCredential, LegalBasis = LegalBasis.ContractNecessity)]
    public required string Password { get; init; }

    // A security answer unlocks the account as the password does: a credential too.
    [SensitivePersonalInfo(Category.AuthenticationCredential, LegalBasis = LegalBasis.ContractNecessity)]
    public required string SecurityAnswer { get; init; }

    /// <summary>Photo taken by the desk camera for kiosk check-in, when the patient stood in front of it.</summary>
    [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)]
    public byte[]? DeskPhoto { get; init; }
}

/// <summary>A doctor's note in the patient's electronic health record (kept with separate consent).</summary>
public sealed class MedicalNote
{
    public int Id { get; set; }

    [ConsentSubject]
    public string PatientId { get; set; } = "";

    public DateOnly VisitDate { get; set; }

    [SensitivePersonalInfo(Category.MedicalHealth)]
    public string Text { get; set; } = "";
}

/// <summary>A family-doctor home visit, with the GPS fix the doctor's tablet took at the patient's home.</summary>
public sealed class HomeVisit
{
    public int Id { get; set; }

    [ConsentSubject]
    public string PatientId { get; set; } = "";

    public string DoctorId { get; set; } = "";

    public DateTimeOffset VisitedAt { get; set; }

    [SensitivePersonalInfo(Category.LocationTrack)]
    public double Latitude { get; set; }

    [SensitivePersonalInfo(Category.LocationTrack)]
    public double Longitude { get; set; }
}

/// <summary>A card payment at the cashier or in the mini-program.</summary>
public sealed class CardPayment
{
    [ConsentSubject]
    public required string PatientId { get; init; }

    [SensitivePersonalInfo(Category.FinancialAccount, Mask = MaskKind.BankCardNumber, LegalBasis = LegalBasis.ContractNecessity)]
    public required string CardNumber { get; init; }

    public required decimal Amount { get; init; }
}

/// <summary>One camera frame from a check-in kiosk or a pharmacy pickup locker.</summary>
public sealed class FaceCapture
{
    /// <summary>The patient the person at the kiosk claims to be (from the scanned clinic card).</summary>
    [ConsentSubject]
    public required string PatientId { get; init; }

    public required string KioskId { get; init; }

    [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)]
    public required byte[] Photo { get; init; }
}

/// <summary>The face template of a patient who enrolled in kiosk check-in. The raw photo is not kept.</summary>
public sealed class FaceEnrolment
{
    public int Id { get; set; }

    [ConsentSubject]
    public string PatientId { get; set; } = "";

    [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.Template)]
    public byte[] Template { get; set; } = [];
}

/// <summary>A dose given to a child. Everything about a child under 14 is sensitive.</summary>
[SensitivePersonalInfo(Category.MinorUnder14)]
public sealed class VaccinationRecord
{
    public int Id { get; set; }

    [ConsentSubject]
    public string ChildId { get; set; } = "";

    public string Vaccine { get; set; } = "";

    public int DoseNumber { get; set; }

    public DateOnly GivenOn { get; set; }
}

/// <summary>The notes of one visit, sent to the patient's commercial health insurer.</summary>
public sealed record InsuranceClaim(
    [ConsentSubject] string PatientId,
    DateOnly VisitDate,
    [SensitivePersonalInfo(Category.MedicalHealth)] IReadOnlyList<string> Notes);

/// <summary>What the district's basic public-health platform must be told about a home visit.</summary>
public sealed record HomeVisitReport(
    [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber, LegalBasis = LegalBasis.LegalObligation)] string ResidentIdNumber,
    DateTimeOffset VisitedAt,
    string DoctorId);

/// <summary>Books a vaccination appointment; the resident ID number matches the child to the immunisation register.</summary>
public sealed record BookVaccination(
    [ConsentSubject] string ChildId,
    DateOnly Day,
    [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber, LegalBasis = LegalBasis.LegalObligation)] string ResidentIdNumber)
    : IRequest<bool>;
