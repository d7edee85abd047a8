namespace SensitivePi.Analyzers.Rules;

/// <summary>The contract between SPI007 and its code fix (src/SensitivePi.CodeFixes/NotMappedCodeFixProvider.cs).</summary>
public static class NeverStoredPaymentDataRule
{
    /// <summary>Set on a report at an entity member's declaration, the one the "Add [NotMapped]" fix applies to.</summary>
    public const string EntityMemberProperty = "EntityMember";
}
