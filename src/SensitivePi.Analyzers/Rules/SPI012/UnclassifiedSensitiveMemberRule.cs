namespace SensitivePi.Analyzers.Rules;

/// <summary>The contract between SPI012 and its code fix (src/SensitivePi.CodeFixes/AnnotateMemberCodeFixProvider.cs).</summary>
public static class UnclassifiedSensitiveMemberRule
{
    /// <summary>The suggested <c>Category</c> member name.</summary>
    public const string CategoryProperty = "Category";

    /// <summary>The suggested <c>MaskKind</c> member name; absent when the category's default (Auto) fits.</summary>
    public const string MaskProperty = "Mask";

    /// <summary>The suggested <c>AtRest</c> member name; absent when none is suggested.</summary>
    public const string AtRestProperty = "AtRest";
}
