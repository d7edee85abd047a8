using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using SensitivePi;

namespace CommunityClinic;

/// <summary>Everything the clinic sends to other organisations' systems.</summary>
public sealed class PartnerSyncClient(HttpClient http, ILogger<PartnerSyncClient> logger)
{
    // Copied from the platform's 2015 integration guide, which still shows plain HTTP.
    private const string DistrictHealthPlatformUrl = "http://phis.district-health.example.cn/api/home-visits";
    private const string InsurerClaimsUrl = "https://claims.example-insurer.cn/v2/claims";
    private const string SmsGatewayUrl = "https://sms.example-carrier.cn/v1/messages";
    private const string InsurerCoverageUrl = "https://claims.example-insurer.cn/v2/coverage";
    private const string DistrictIdentityUrl = "https://identity.district-health.example.cn/v1/confirm";

    public async Task ReportHomeVisitAsync(HomeVisitReport report, CancellationToken cancellationToken)
    {
        // Resident ID numbers cross the Internet in plaintext.
        using var response = await http.PostAsJsonAsync(DistrictHealthPlatformUrl, report, cancellationToken); // expect: SPI001
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

    /// <summary>Asks the insurer whether the patient is covered.</summary>
    public async Task<bool> IsInsuredAsync(Patient patient, CancellationToken cancellationToken)
    {
        // HTTPS, but the resident ID number sits in the query string: every proxy and access log on the way keeps it.
        var status = await http.GetStringAsync($"{InsurerCoverageUrl}?id={patient.ResidentIdNumber}", cancellationToken); // expect: SPI010
        return status == "covered";
    }

    /// <summary>Has the district's identity service confirm who stood at the kiosk.</summary>
    public async Task ConfirmWithDistrictAsync(FaceCapture capture, ISeparateConsentService consent, CancellationToken cancellationToken)
    {
        // The kiosk photo leaves the device for a third party; the consent service is right there, and nobody asks it.
        using var response = await http.PostAsync(DistrictIdentityUrl, new ByteArrayContent(capture.Photo), cancellationToken); // expect: SPI014
        response.EnsureSuccessStatusCode();
    }
}
