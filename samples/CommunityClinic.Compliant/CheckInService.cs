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

        // SPI003/SPI006 fixed: the kiosk photo is no longer archived. The log line below (who, where, the
        // outcome) is what a disputed check-in needs; the photo itself is dropped after matching.
        var matched = await MatchesEnrolledFaceAsync(capture.PatientId, capture.Photo, cancellationToken);
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

    // SPI004 fixed: the pickup locker opens for a face or for the pickup code printed on the prescription,
    // so nobody has to use face recognition to collect their medicine.
    [IdentityVerification("pharmacy pickup")]
    public async Task<bool> VerifyPickupByFaceAsync(FaceCapture capture, CancellationToken cancellationToken)
    {
        if (!await consent.HasSeparateConsentAsync(capture.PatientId, Category.Biometric, PickupPurpose, cancellationToken))
        {
            return false;
        }

        return await MatchesEnrolledFaceAsync(capture.PatientId, capture.Photo, cancellationToken);
    }

    [IdentityVerification("pharmacy pickup")]
    public async Task<bool> VerifyPickupWithCodeAsync(
        string patientId,
        [SensitivePersonalInfo(Category.AuthenticationCredential)] string pickupCode,
        CancellationToken cancellationToken)
    {
        var matched = await oneTimeCodes.VerifyAsync(patientId, pickupCode, cancellationToken);
        logger.LogInformation("Code pickup for patient {PatientId}: {Matched}", patientId, matched);
        return matched;
    }

    private async Task<bool> MatchesEnrolledFaceAsync(string patientId, byte[] photo, CancellationToken cancellationToken)
    {
        var enrolment = await db.FaceEnrolments.SingleOrDefaultAsync(e => e.PatientId == patientId, cancellationToken);
        return enrolment is not null && faceEngine.Matches(enrolment.Template, photo);
    }
}
