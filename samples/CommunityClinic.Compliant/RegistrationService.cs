using Microsoft.Extensions.Logging;
using SensitivePi;

namespace CommunityClinic;

/// <summary>Registers residents and signs them in to the patient portal.</summary>
public sealed class RegistrationService(ClinicDbContext db, CheckInService checkIn, ILogger<RegistrationService> logger)
{
    public async Task<Patient> RegisterAsync(RegistrationForm form, CancellationToken cancellationToken)
    {
        var patient = new Patient
        {
            DisplayName = form.DisplayName,
            ResidentIdNumber = form.ResidentIdNumber,
            MobilePhone = form.MobilePhone,
            // SPI008 fixed: the recovery answer is kept as a salted hash, as the password is.
            RecoveryAnswer = PasswordHasher.HashAsText(form.SecurityAnswer),
        };
        (patient.PasswordSalt, patient.PasswordHash) = PasswordHasher.Hash(form.Password);
        db.Patients.Add(patient);
        await db.SaveChangesAsync(cancellationToken);

        logger.LogInformation("Registered patient {PatientId}, mobile {Phone}", patient.Id, PiMask.PhoneNumber(patient.MobilePhone));
        // SPI002 fixed: the ID number is logged masked, 1101**************.
        logger.LogDebug("Resident ID accepted: {IdNumber}", PiMask.IdCardNumber(form.ResidentIdNumber));
        // SPI002 fixed: the audit trail names the patient by the clinic's own ID.
        ClinicAudit.Record(logger, "registered", patient.Id);
        // SPI002 fixed: the snapshot gets only what the audit needs, not the whole patient.
        ClinicAudit.Snapshot(logger, "registered", new { patient.Id, patient.DisplayName });

        // SPI003 fixed: the desk photo enrols the patient only if they gave separate consent to face check-in.
        if (form.DeskPhoto is { Length: > 0 } photo)
        {
            await checkIn.OfferFaceCheckInAsync(patient.Id, photo, cancellationToken);
        }

        return patient;
    }

    [IdentityVerification("patient portal sign-in")]
    public async Task<bool> SignInAsync(
        string patientId,
        [SensitivePersonalInfo(Category.AuthenticationCredential, LegalBasis = LegalBasis.ContractNecessity)] string password,
        CancellationToken cancellationToken)
    {
        var patient = await db.Patients.FindAsync([patientId], cancellationToken);
        var ok = patient is not null && PasswordHasher.Verify(password, patient.PasswordSalt, patient.PasswordHash);
        if (!ok)
        {
            logger.LogWarning("Failed sign-in for patient {PatientId}", patientId);
        }

        return ok;
    }

    /// <summary>Rejects a form whose resident ID number cannot be valid: the message says why, not what the number is.</summary>
    public static void Validate(RegistrationForm form)
    {
        if (form.ResidentIdNumber.Length != 18)
        {
            throw new ArgumentException($"A resident ID number has 18 characters, not {form.ResidentIdNumber.Length}", nameof(form));
        }
    }
}
