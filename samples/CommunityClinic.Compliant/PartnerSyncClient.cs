using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using SensitivePi;

namespace CommunityClinic;

/// <summary>Everything the clinic sends to other organisations' systems.</summary>
public sealed class PartnerSyncClient(HttpClient http, ILogger<PartnerSyncClient> logger)
{
    // SPI001 fixed: the platform's TLS endpoint.
    private const string DistrictHealthPlatformUrl = "https://phis.district-health.example.cn/api/home-visits";
    private const string InsurerClaimsUrl = "https://claims.example-insurer.cn/v2/claims";
    private const string SmsGatewayUrl = "https://sms.example-carrier.cn/v1/messages";
    private const string InsurerCoverageUrl = "https://claims.example-insurer.cn/v2/coverage";
    private const string DistrictIdentityUrl = "https://identity.district-health.example.cn/v1/confirm";

    public async Task ReportHomeVisitAsync(HomeVisitReport report, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(DistrictHealthPlatformUrl, report, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Callers must hold the patient's separate consent to share health data with the insurer.</summary>
    [RequiresSeparateConsent(Category.MedicalHealth, Purpose = "insurance claim")]
    public async Task SendInsuranceClaimAsync(InsuranceClaim claim, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(InsurerClaimsUrl, claim, cancellationToken);
        response.EnsureSuccessStatusCode();
        logger.LogInformation("Claim for patient {PatientId} ({Count} notes) sent to the insurer", claim.PatientId, claim.Notes.Count);
    }

    public async Task SendAppointmentReminderAsync(Patient patient, DateTimeOffset appointment, CancellationToken cancellationToken)
    {
        var message = new { to = patient.MobilePhone, text = $"Reminder: your appointment at the community clinic is at {appointment:MM-dd HH:mm}." };
        using var response = await http.PostAsJsonAsync(SmsGatewayUrl, message, cancellationToken);
        logger.LogInformation("Reminder sent to {Phone}: {Status}", PiMask.PhoneNumber(patient.MobilePhone), response.StatusCode);
    }

    /// <summary>Asks the insurer whether the patient is covered: the ID number travels in the body, not the URL.</summary>
    public async Task<bool> IsInsuredAsync(Patient patient, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(InsurerCoverageUrl, new { id = patient.ResidentIdNumber }, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken) == "covered";
    }

    /// <summary>Tells the district's identity service the kiosk's own verdict: the photo never leaves the kiosk.</summary>
    public async Task ConfirmWithDistrictAsync(FaceCapture capture, bool matchedOnKiosk, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(DistrictIdentityUrl, new { capture.PatientId, capture.KioskId, matchedOnKiosk }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
