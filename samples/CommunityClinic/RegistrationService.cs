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
            // The answer to the recovery question goes into the patients table as typed.
            RecoveryAnswer = form.SecurityAnswer, // expect: SPI008
        };
        (patient.PasswordSalt, patient.PasswordHash) = PasswordHasher.Hash(form.Password);
        db.Patients.Add(patient);
        await db.SaveChangesAsync(cancellationToken);

        logger.LogInformation("Registered patient {PatientId}, mobile {Phone}", patient.Id, PiMask.PhoneNumber(patient.MobilePhone));
        // Left over from debugging the ID-number validation: every resident's full ID number ends up in the log files.
        logger.LogDebug("Resident ID accepted: {IdNumber}", form.ResidentIdNumber); // expect: SPI002
        // The audit helper logs whatever subject it is given: here the resident ID number instead of the patient's ID.
        ClinicAudit.Record(logger, "registered", form.ResidentIdNumber); // expect: SPI002
        // The snapshot destructures whatever it is given: the whole patient, ID number and mobile phone included.
        ClinicAudit.Snapshot(logger, "registered", patient); // expect: SPI002

        // "Convenience": whoever was photographed at the desk is enrolled in face check-in, without being asked.
        if (form.DeskPhoto is { Length: > 0 } photo)
        {
            await checkIn.EnrolFaceAsync(patient.Id, photo, cancellationToken); // expect: SPI003
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

    /// <summary>Rejects a form whose resident ID number cannot be valid.</summary>
    public static void Validate(RegistrationForm form)
    {
        if (form.ResidentIdNumber.Length != 18)
        {
            // The message goes to the error page and the telemetry, with the full number in it.
            throw new ArgumentException($"Invalid resident ID number {form.ResidentIdNumber}", nameof(form)); // expect: SPI011
        }
    }
}
