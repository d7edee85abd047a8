using Microsoft.Extensions.Logging;

namespace CommunityClinic;

/// <summary>The clinic's audit trail: one log line per action on a patient's file.</summary>
public static class ClinicAudit
{
    public static void Record(ILogger logger, string action, string subject) =>
        logger.LogInformation("Audit: {Action} on {Subject}", action, subject);

    /// <summary>Writes the whole object, every public property, as structured data.</summary>
    public static void Snapshot(ILogger logger, string action, object entry) =>
        logger.LogInformation("Audit: {Action} {@Entry}", action, entry);
}
