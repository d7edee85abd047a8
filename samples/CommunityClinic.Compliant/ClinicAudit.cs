using Microsoft.Extensions.Logging;

namespace CommunityClinic;

/// <summary>The clinic's audit trail: one log line per action on a patient's file.</summary>
public static class ClinicAudit
{
    public static void Record(ILogger logger, string action, string subject) =>
        logger.LogInformation("Audit: {Action} on {Subject}", action, subject);
}
