using System;

namespace SensitivePi;

/// <summary>Thrown when sensitive data would be processed without the separate consent it needs.</summary>
public class SeparateConsentRequiredException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="category"/> and <paramref name="purpose"/>.</summary>
    /// <param name="category">The category that lacks consent.</param>
    /// <param name="purpose">The purpose that lacks consent, when known.</param>
    public SeparateConsentRequiredException(Category category, string? purpose = null)
        : base(BuildMessage(category, purpose))
    {
        Category = category;
        Purpose = purpose;
    }

    /// <summary>The category that lacks consent.</summary>
    public Category Category { get; }

    /// <summary>The purpose that lacks consent, when known.</summary>
    public string? Purpose { get; }

    private static string BuildMessage(Category category, string? purpose) =>
        purpose is null
            ? $"Separate consent for {category} data has not been granted."
            : $"Separate consent for {category} data for the purpose '{purpose}' has not been granted.";
}
