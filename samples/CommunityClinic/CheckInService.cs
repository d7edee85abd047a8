using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SensitivePi;

namespace CommunityClinic;

/// <summary>Face check-in at the waiting-room kiosk, and prescription pickup at the pharmacy locker.</summary>
public sealed class CheckInService(
    ClinicDbContext db,
    IFaceEngine faceEngine,
    IOneTimeCodeService oneTimeCodes,
    ISeparateConsentService consent,
    ILogger<CheckInService> logger)
{
    private const string CheckInPurpose = "kiosk check-in";
    private const string PickupPurpose = "pharmacy pickup";
    private static readonly string PhotoArchiveDirectory = Path.Combine(AppContext.BaseDirectory, "kiosk-photos");

    /// <summary>Asks for face check-in; enrols the patient only if they gave separate consent on the kiosk screen.</summary>
    public async Task<bool> OfferFaceCheckInAsync(
        string patientId,
        [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)] byte[] photo,
        CancellationToken cancellationToken)
    {
        if (!await consent.HasSeparateConsentAsync(patientId, Category.Biometric, CheckInPurpose, cancellationToken))
        {
            return false;
        }

        await EnrolFaceAsync(patientId, photo, cancellationToken);
        return true;
    }

    /// <summary>Stores the face template only; the photo it came from never leaves memory.</summary>
    [RequiresSeparateConsent(Category.Biometric, Purpose = CheckInPurpose)]
    public async Task EnrolFaceAsync(
        string patientId,
        [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)] byte[] photo,
        CancellationToken cancellationToken)
    {
        var template = faceEngine.ExtractTemplate(photo);
        db.FaceEnrolments.Add(new FaceEnrolment { PatientId = patientId, Template = template });
        await db.SaveChangesAsync(cancellationToken);
    }

    // Two ways to check in for the same purpose: face, or a one-time code sent by SMS.
    [IdentityVerification("clinic check-in")]
    public async Task<bool> CheckInByFaceAsync(FaceCapture capture, CancellationToken cancellationToken)
    {
        if (!await consent.HasSeparateConsentAsync(capture.PatientId, Category.Biometric, CheckInPurpose, cancellationToken))
        {
            return false;
        }

        var matched = await MatchesEnrolledFaceAsync(capture.PatientId, capture.Photo, cancellationToken);
        await ArchiveKioskPhotoAsync(capture, cancellationToken);
        logger.LogInformation("Face check-in of patient {PatientId} at kiosk {KioskId}: {Matched}", capture.PatientId, capture.KioskId, matched);
        return matched;
    }

    [IdentityVerification("clinic check-in")]
    public async Task<bool> CheckInWithCodeAsync(
        string patientId,
        [SensitivePersonalInfo(Category.AuthenticationCredential)] string oneTimeCode,
        CancellationToken cancellationToken)
    {
        var matched = await oneTimeCodes.VerifyAsync(patientId, oneTimeCode, cancellationToken);
        logger.LogInformation("Code check-in of patient {PatientId}: {Matched}", patientId, matched);
        return matched;
    }

    // The pickup locker opens for a face only: an elderly patient who will not (or cannot) use face
    // recognition has no way to collect their medicine. The code check-in above is for another purpose.
    [IdentityVerification("pharmacy pickup")]
    public async Task<bool> VerifyPickupByFaceAsync(FaceCapture capture, CancellationToken cancellationToken) // expect: SPI004
    {
        if (!await consent.HasSeparateConsentAsync(capture.PatientId, Category.Biometric, PickupPurpose, cancellationToken))
        {
            return false;
        }

        return await MatchesEnrolledFaceAsync(capture.PatientId, capture.Photo, cancellationToken);
    }

    private async Task<bool> MatchesEnrolledFaceAsync(string patientId, byte[] photo, CancellationToken cancellationToken)
    {
        var enrolment = await db.FaceEnrolments.SingleOrDefaultAsync(e => e.PatientId == patientId, cancellationToken);
        return enrolment is not null && faceEngine.Matches(enrolment.Template, photo);
    }

    // Keeps every kiosk photo "in case a patient disputes a check-in": raw face images. Its call in
    // CheckInByFaceAsync comes after the separate-consent check, so that call is guarded; keeping the raw
    // image at all is still wrong.
    private static async Task ArchiveKioskPhotoAsync(FaceCapture capture, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(PhotoArchiveDirectory);
        await File.WriteAllBytesAsync(
            Path.Combine(PhotoArchiveDirectory, $"{capture.KioskId}-{capture.PatientId}-{DateTime.UtcNow:yyyyMMddHHmmss}.jpg"),
            capture.Photo, // expect: SPI006
            cancellationToken);
    }

    // The kiosk's retry path archives the capture again through the same helper, without the consent check
    // the check-in path makes first.
    public Task RetryArchiveAsync(FaceCapture capture, CancellationToken cancellationToken) =>
        ArchiveKioskPhotoAsync(capture, cancellationToken); // expect: SPI003
}
