using System;

namespace SensitivePi;

/// <summary>
/// Marks a method or constructor that processes sensitive data of <see cref="Category"/>. Callers must
/// check separate consent first, or carry the same attribute themselves so that the duty moves to
/// their callers (PIPL Art. 29; GB/T 45574 §5.4; for faces, Face Measures Art. 6).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, AllowMultiple = true, Inherited = true)]
public sealed class RequiresSeparateConsentAttribute : Attribute
{
    /// <summary>Declares that the member processes data of <paramref name="category"/>.</summary>
    /// <param name="category">The category whose separate consent callers must check.</param>
    public RequiresSeparateConsentAttribute(Category category)
    {
        Category = category;
    }

    /// <summary>The category whose separate consent callers must check.</summary>
    public Category Category { get; }

    /// <summary>The specific purpose of the processing (GB/T 45574 §5.4: consent per purpose), used in inserted consent checks.</summary>
    public string? Purpose { get; set; }
}

/// <summary>
/// Marks a method that checks separate consent. A <c>bool</c>, <c>Task&lt;bool&gt;</c> or
/// <c>ValueTask&lt;bool&gt;</c> return means "granted" when true; a <c>void</c>, <c>Task</c> or
/// <c>ValueTask</c> return throws when consent is not granted. With no categories, the check covers the
/// category passed to its <c>Category</c> parameter, or every category when it has none.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class SeparateConsentCheckAttribute : Attribute
{
    /// <summary>Declares a consent check covering <paramref name="categories"/> (or as described above when empty).</summary>
    /// <param name="categories">The categories the check covers.</param>
    public SeparateConsentCheckAttribute(params Category[] categories)
    {
        Categories = categories ?? Array.Empty<Category>();
    }

    /// <summary>The categories the check covers; empty means "the <c>Category</c> argument, else all".</summary>
    public Category[] Categories { get; }
}

/// <summary>
/// Marks a method that checks the consent of the guardian of a child under fourteen
/// (PIPL Art. 31; GB/T 45574 §6.7; for faces, Face Measures Art. 7). Same return shapes as <see cref="SeparateConsentCheckAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class GuardianConsentCheckAttribute : Attribute
{
}

/// <summary>
/// Marks the parameter, property or field that identifies the person the data belongs to. Code fixes
/// pass it to the consent checks they insert.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class ConsentSubjectAttribute : Attribute
{
}

/// <summary>
/// Marks a method that establishes who a person is (login, door access, payment confirmation). Methods
/// with the same <see cref="Purpose"/> are alternative ways to identify for that purpose; biometrics
/// must not be the only one (Face Measures Art. 10, Art. 12; GB/T 45574 §6.1).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class IdentityVerificationAttribute : Attribute
{
    /// <summary>Declares an identity-verification method for <paramref name="purpose"/>.</summary>
    /// <param name="purpose">What the identification is for, compared ordinally across the compilation.</param>
    public IdentityVerificationAttribute(string purpose)
    {
        Purpose = purpose;
    }

    /// <summary>What the identification is for.</summary>
    public string Purpose { get; }
}
