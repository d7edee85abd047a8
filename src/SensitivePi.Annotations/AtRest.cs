namespace SensitivePi;

/// <summary>
/// How a value may be kept in storage (GB/T 45574 §5.5 and §6.5; PIPL Art. 51). The analyzers check it where
/// data is stored: values that must never be kept, and values kept only encrypted or hashed.
/// </summary>
public enum AtRest
{
    /// <summary>
    /// The category's default: <see cref="Encrypted"/> for <see cref="Category.AuthenticationCredential"/>, and for the
    /// categories the <c>sensitivepi.encrypt_at_rest</c> option lists; otherwise no at-rest policy.
    /// </summary>
    Unspecified,

    /// <summary>Stored only encrypted or hashed.</summary>
    Encrypted,

    /// <summary>Never persisted at all: card track data, CVN2, expiry date, card PIN, payment password (GB/T 45574 §6.5).</summary>
    NeverStore,
}
