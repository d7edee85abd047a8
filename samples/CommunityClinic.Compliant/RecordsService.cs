using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SensitivePi;

namespace CommunityClinic;

/// <summary>The electronic health record: doctors' notes, home visits, insurance claims.</summary>
public sealed class RecordsService(
    ClinicDbContext db,
    ISeparateConsentService consent,
    ConsentGate gate,
    PartnerSyncClient partners,
    ILogger<RecordsService> logger)
{
    private const string HomeVisitPurpose = "home visit location";
    private const string InsuranceClaimPurpose = "insurance claim";

    public async Task AddNoteAsync(
        string patientId,
        DateOnly visitDate,
        [SensitivePersonalInfo(Category.MedicalHealth)] string text,
        CancellationToken cancellationToken)
    {
        if (!await gate.MayKeepHealthRecordAsync(patientId, cancellationToken))
        {
            throw new SeparateConsentRequiredException(Category.MedicalHealth, ConsentGate.HealthRecordPurpose);
        }

        db.MedicalNotes.Add(new MedicalNote { PatientId = patientId, VisitDate = visitDate, Text = text });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Added a {Length}-character note for patient {PatientId}", text.Length, patientId);
    }

    public async Task RecordHomeVisitAsync(
        Patient patient,
        string doctorId,
        [SensitivePersonalInfo(Category.LocationTrack)] double latitude,
        [SensitivePersonalInfo(Category.LocationTrack)] double longitude,
        CancellationToken cancellationToken)
    {
        if (!await consent.HasSeparateConsentAsync(patient.Id, Category.LocationTrack, HomeVisitPurpose, cancellationToken))
        {
            throw new SeparateConsentRequiredException(Category.LocationTrack, HomeVisitPurpose);
        }

        var visitedAt = DateTimeOffset.UtcNow;
        db.HomeVisits.Add(new HomeVisit
        {
            PatientId = patient.Id,
            DoctorId = doctorId,
            VisitedAt = visitedAt,
            Latitude = latitude,
            Longitude = longitude,
        });
        await db.SaveChangesAsync(cancellationToken);

        // Public-health reporting is a legal obligation: no consent needed, but the channel must be encrypted.
        await partners.ReportHomeVisitAsync(new HomeVisitReport(patient.ResidentIdNumber, visitedAt, doctorId), cancellationToken);
    }

    /// <summary>Sends the notes of one visit to the patient's commercial insurer, when the patient asked for it.</summary>
    public async Task SendClaimToInsurerAsync(string patientId, DateOnly visitDate, CancellationToken cancellationToken)
    {
        // SPI003 fixed: health data goes to the insurer only with the patient's separate consent for that purpose.
        if (!await consent.HasSeparateConsentAsync(patientId, Category.MedicalHealth, InsuranceClaimPurpose, cancellationToken))
        {
            throw new SeparateConsentRequiredException(Category.MedicalHealth, InsuranceClaimPurpose);
        }

        var notes = await db.MedicalNotes
            .Where(n => n.PatientId == patientId && n.VisitDate == visitDate)
            .Select(n => n.Text)
            .ToListAsync(cancellationToken);

        await partners.SendInsuranceClaimAsync(new InsuranceClaim(patientId, visitDate, notes), cancellationToken);
    }
}
