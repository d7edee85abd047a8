using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SensitivePi;

namespace CommunityClinic;

/// <summary>Childhood vaccinations. The children are under 14: their guardian decides, not they.</summary>
public sealed class VaccinationService(
    ClinicDbContext db,
    HttpClient http,
    ISeparateConsentService consent,
    ILogger<VaccinationService> logger)
{
    private const string RecordPurpose = "vaccination record";
    private const string ReminderAppPurpose = "vaccination reminders";
    private static readonly Uri ReminderAppImportUrl = new("https://api.healthy-kids.example.cn/v1/vaccinations");

    public async Task RecordDoseAsync(string childId, string vaccine, int doseNumber, CancellationToken cancellationToken)
    {
        if (!await consent.HasGuardianConsentAsync(childId, RecordPurpose, cancellationToken))
        {
            throw new SeparateConsentRequiredException(Category.MinorUnder14, RecordPurpose);
        }

        db.Vaccinations.Add(new VaccinationRecord
        {
            ChildId = childId,
            Vaccine = vaccine,
            DoseNumber = doseNumber,
            GivenOn = DateOnly.FromDateTime(DateTime.Today),
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Recorded dose {DoseNumber} for child {ChildId}", doseNumber, childId);
    }

    /// <summary>Copies a child's vaccination history into the "Healthy Kids" reminder app.</summary>
    public async Task ShareWithReminderAppAsync(string childId, CancellationToken cancellationToken)
    {
        // SPI005 fixed: the guardian decides, not the child who ticked "I agree" in the app.
        if (!await consent.HasGuardianConsentAsync(childId, ReminderAppPurpose, cancellationToken))
        {
            return;
        }

        var history = await db.Vaccinations.Where(v => v.ChildId == childId).ToListAsync(cancellationToken);
        foreach (var dose in history)
        {
            using var response = await http.PostAsJsonAsync(ReminderAppImportUrl, dose, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }
}
