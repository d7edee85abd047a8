using SensitivePi;

namespace CommunityClinic;

/// <summary>
/// The clinic's consent questions, asked in one place. A method that only returns a check's result is itself a check
/// (docs/rules/SPI003.md), also for callers in other files: their operations are decided once the whole project is analysed.
/// </summary>
public sealed class ConsentGate(ISeparateConsentService consent)
{
    public const string HealthRecordPurpose = "electronic health record";

    public ValueTask<bool> MayKeepHealthRecordAsync(string patientId, CancellationToken cancellationToken) =>
        consent.HasSeparateConsentAsync(patientId, Category.MedicalHealth, HealthRecordPurpose, cancellationToken);
}
