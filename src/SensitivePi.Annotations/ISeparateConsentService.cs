using System.Threading;
using System.Threading.Tasks;

namespace SensitivePi;

/// <summary>
/// The consent service the code fixes insert calls to. Implement it over your consent records; answer
/// at the time of processing so that withdrawn consent takes effect (Face Measures Art. 6; GB/T 45574 §5.4).
/// </summary>
public interface ISeparateConsentService
{
    /// <summary>Whether <paramref name="subjectId"/> gave separate consent for <paramref name="category"/> and <paramref name="purpose"/>.</summary>
    /// <param name="subjectId">Who the data belongs to.</param>
    /// <param name="category">The category processed.</param>
    /// <param name="purpose">The specific purpose.</param>
    /// <returns><see langword="true"/> when consent is granted.</returns>
    [SeparateConsentCheck]
    bool HasSeparateConsent(string subjectId, Category category, string purpose);

    /// <summary>Asynchronous form of <see cref="HasSeparateConsent"/>.</summary>
    /// <param name="subjectId">Who the data belongs to.</param>
    /// <param name="category">The category processed.</param>
    /// <param name="purpose">The specific purpose.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns><see langword="true"/> when consent is granted.</returns>
    [SeparateConsentCheck]
    ValueTask<bool> HasSeparateConsentAsync(string subjectId, Category category, string purpose, CancellationToken cancellationToken = default);

    /// <summary>Whether the guardian of the child <paramref name="childSubjectId"/> consented to <paramref name="purpose"/>.</summary>
    /// <param name="childSubjectId">The child under fourteen the data belongs to.</param>
    /// <param name="purpose">The specific purpose.</param>
    /// <returns><see langword="true"/> when the guardian's consent is granted.</returns>
    [GuardianConsentCheck]
    bool HasGuardianConsent(string childSubjectId, string purpose);

    /// <summary>Asynchronous form of <see cref="HasGuardianConsent"/>.</summary>
    /// <param name="childSubjectId">The child under fourteen the data belongs to.</param>
    /// <param name="purpose">The specific purpose.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns><see langword="true"/> when the guardian's consent is granted.</returns>
    [GuardianConsentCheck]
    ValueTask<bool> HasGuardianConsentAsync(string childSubjectId, string purpose, CancellationToken cancellationToken = default);
}
