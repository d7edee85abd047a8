namespace SensitivePi.Analyzers.Knowledge;

/// <summary>
/// Calls that make data safe: masking and redaction (<see cref="CallEffect.Sanitizes"/>), and cryptographic hashes,
/// HMACs, key derivation and encryption (<see cref="CallEffect.Protects"/>: still the person's data). Methods marked
/// <c>[MasksPersonalInfo]</c> or <c>[EncryptsPersonalInfo]</c> are the one or the other (<see cref="TransferCatalog"/>).
/// </summary>
internal static class Sanitizers
{
    private static readonly string[] Any = { "*" };
    private static readonly string[] HashData = { "HashData*", "TryHashData" };

    public static readonly TransferEntry[] Rows =
    {
        new(CallEffect.Sanitizes, WellKnownTypes.PiMask, Any),
        new(CallEffect.Sanitizes, "Microsoft.Extensions.Compliance.Redaction.Redactor", new[] { "Redact", "TryRedact" }, includeDerived: true),
        new(CallEffect.Protects, "System.Security.Cryptography.HashAlgorithm", new[] { "ComputeHash*", "TryComputeHash" }, includeDerived: true),
        new(CallEffect.Protects, "System.Security.Cryptography.MD5", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.SHA1", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.SHA256", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.SHA384", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.SHA512", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.SHA3_256", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.SHA3_384", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.SHA3_512", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.HMACMD5", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.HMACSHA1", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.HMACSHA256", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.HMACSHA384", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.HMACSHA512", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.HMACSHA3_256", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.HMACSHA3_384", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.HMACSHA3_512", HashData),
        new(CallEffect.Protects, "System.Security.Cryptography.IncrementalHash", new[] { "GetHashAndReset", "GetCurrentHash", "TryGetHashAndReset", "TryGetCurrentHash" }),
        new(CallEffect.Protects, "System.Security.Cryptography.Rfc2898DeriveBytes", new[] { "Pbkdf2", "GetBytes" }),
        new(CallEffect.Protects, "System.Security.Cryptography.HKDF", new[] { "DeriveKey", "Extract", "Expand" }),
        new(CallEffect.Protects, "System.Security.Cryptography.SymmetricAlgorithm", new[] { "Encrypt*" }, includeDerived: true),
        new(CallEffect.Protects, "System.Security.Cryptography.ICryptoTransform", new[] { "TransformFinalBlock" }, includeDerived: true),
        new(CallEffect.Protects, "System.Security.Cryptography.RSA", new[] { "Encrypt" }, includeDerived: true),
        new(CallEffect.Protects, "System.Security.Cryptography.ProtectedData", new[] { "Protect" }),
        new(CallEffect.Protects, "Microsoft.AspNetCore.Identity.IPasswordHasher`1", new[] { "HashPassword" }, includeDerived: true),
        new(CallEffect.Protects, "BCrypt.Net.BCrypt", new[] { "HashPassword", "EnhancedHashPassword" }),
        new(CallEffect.Protects, "Microsoft.AspNetCore.DataProtection.IDataProtector", new[] { "Protect" }, includeDerived: true),
        new(CallEffect.Protects, "Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions", new[] { "Protect" }),
    };
}
