using System;

namespace SensitivePi;

/// <summary>
/// Classifies a field, property, parameter, return value or type as sensitive personal information.
/// On a class or struct, every instance of the type is sensitive data of that category.
/// </summary>
/// <example><code>[SensitivePersonalInfo(Category.Biometric)] public byte[] FacePhoto { get; set; }</code></example>
[AttributeUsage(
    AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.ReturnValue |
    AttributeTargets.Class | AttributeTargets.Struct,
    AllowMultiple = false,
    Inherited = true)]
public sealed class SensitivePersonalInfoAttribute : Attribute
{
    /// <summary>Classifies the annotated element as sensitive data of <paramref name="category"/>.</summary>
    /// <param name="category">The category of the data (GB/T 45574 §4; PIPL Art. 28).</param>
    public SensitivePersonalInfoAttribute(Category category)
    {
        Category = category;
    }

    /// <summary>The category of the data (GB/T 45574 §4; PIPL Art. 28).</summary>
    public Category Category { get; }

    /// <summary>How the value is de-identified for display and logs. Default <see cref="MaskKind.Auto"/>.</summary>
    public MaskKind Mask { get; set; } = MaskKind.Auto;

    /// <summary>Why the data may be processed. Default <see cref="SensitivePi.LegalBasis.Consent"/>.</summary>
    public LegalBasis LegalBasis { get; set; } = LegalBasis.Consent;

    /// <summary>For biometric data: raw sample or extracted template. Default <see cref="BiometricForm.Unspecified"/>.</summary>
    public BiometricForm Form { get; set; } = BiometricForm.Unspecified;

    /// <summary>
    /// How the value may be kept in storage. Default <see cref="SensitivePi.AtRest.Unspecified"/>: the category's default
    /// (encrypted for authentication credentials, and for the categories <c>sensitivepi.encrypt_at_rest</c> lists).
    /// </summary>
    public AtRest AtRest { get; set; } = AtRest.Unspecified;
}
