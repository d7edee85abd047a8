using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SensitivePi;

namespace CommunityClinic;

public sealed class ClinicDbContext(DbContextOptions<ClinicDbContext> options) : DbContext(options)
{
    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<MedicalNote> MedicalNotes => Set<MedicalNote>();

    public DbSet<HomeVisit> HomeVisits => Set<HomeVisit>();

    public DbSet<FaceEnrolment> FaceEnrolments => Set<FaceEnrolment>();

    public DbSet<VaccinationRecord> Vaccinations => Set<VaccinationRecord>();
}

/// <summary>The vendor's face-recognition SDK, behind an interface.</summary>
public interface IFaceEngine
{
    [return: SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.Template)]
    byte[] ExtractTemplate(byte[] photo);

    bool Matches(byte[] template, byte[] photo);
}

/// <summary>SMS one-time codes, sent to the patient's registered phone.</summary>
public interface IOneTimeCodeService
{
    ValueTask<bool> VerifyAsync(string patientId, string code, CancellationToken cancellationToken = default);
}

public static class PasswordHasher
{
    public static (byte[] Salt, byte[] Hash) Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return (salt, Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32));
    }

    /// <summary>A salted hash in one text column: the salt and the hash, Base64, separated by a colon.</summary>
    public static string HashAsText(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return Convert.ToBase64String(salt) + ":" + Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(secret, salt, 600_000, HashAlgorithmName.SHA256, 32));
    }

    public static bool Verify(string password, byte[] salt, byte[] hash) =>
        CryptographicOperations.FixedTimeEquals(Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32), hash);
}

/// <summary>
/// Separate consents as the patient (or a child's guardian) gave them in the consent screens. Checked at
/// the moment of processing, so that a withdrawal takes effect at once (Face Measures Art. 6; GB/T 45574 §5.4).
/// </summary>
public sealed class ConsentLedger : ISeparateConsentService
{
    private readonly ConcurrentDictionary<(string Subject, Category Category, string Purpose), bool> _separate = new();
    private readonly ConcurrentDictionary<(string Child, string Purpose), bool> _guardian = new();

    public void Grant(string subjectId, Category category, string purpose) => _separate[(subjectId, category, purpose)] = true;

    public void Withdraw(string subjectId, Category category, string purpose) => _separate.TryRemove((subjectId, category, purpose), out _);

    public void GrantAsGuardian(string childSubjectId, string purpose) => _guardian[(childSubjectId, purpose)] = true;

    public bool HasSeparateConsent(string subjectId, Category category, string purpose) =>
        _separate.ContainsKey((subjectId, category, purpose));

    public ValueTask<bool> HasSeparateConsentAsync(string subjectId, Category category, string purpose, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(HasSeparateConsent(subjectId, category, purpose));

    public bool HasGuardianConsent(string childSubjectId, string purpose) => _guardian.ContainsKey((childSubjectId, purpose));

    public ValueTask<bool> HasGuardianConsentAsync(string childSubjectId, string purpose, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(HasGuardianConsent(childSubjectId, purpose));
}

/// <summary>A request of the clinic's MediatR-style pipeline, answered with a <typeparamref name="TResponse"/>.</summary>
public interface IRequest<TResponse>
{
}
