using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// Our annotation types as this compilation sees them, resolved once per compilation by full metadata
/// name. Never stored in a static: it holds symbols of one compilation.
/// </summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol sensitivePersonalInfoAttribute)
    {
        SensitivePersonalInfoAttribute = sensitivePersonalInfoAttribute;
        MasksPersonalInfoAttribute = compilation.GetTypeByMetadataName("SensitivePi.MasksPersonalInfoAttribute");
        EncryptsPersonalInfoAttribute = compilation.GetTypeByMetadataName("SensitivePi.EncryptsPersonalInfoAttribute");
        RequiresSeparateConsentAttribute = compilation.GetTypeByMetadataName("SensitivePi.RequiresSeparateConsentAttribute");
        SeparateConsentCheckAttribute = compilation.GetTypeByMetadataName("SensitivePi.SeparateConsentCheckAttribute");
        GuardianConsentCheckAttribute = compilation.GetTypeByMetadataName("SensitivePi.GuardianConsentCheckAttribute");
        ConsentSubjectAttribute = compilation.GetTypeByMetadataName("SensitivePi.ConsentSubjectAttribute");
        IdentityVerificationAttribute = compilation.GetTypeByMetadataName("SensitivePi.IdentityVerificationAttribute");
        NotPersonalInfoAttribute = compilation.GetTypeByMetadataName("SensitivePi.NotPersonalInfoAttribute");
        PiMask = compilation.GetTypeByMetadataName("SensitivePi.PiMask");
        SeparateConsentService = compilation.GetTypeByMetadataName("SensitivePi.ISeparateConsentService");
        AnnotationsAssembly = sensitivePersonalInfoAttribute.ContainingAssembly;
    }

    public INamedTypeSymbol SensitivePersonalInfoAttribute { get; }

    public INamedTypeSymbol? MasksPersonalInfoAttribute { get; }

    public INamedTypeSymbol? EncryptsPersonalInfoAttribute { get; }

    public INamedTypeSymbol? RequiresSeparateConsentAttribute { get; }

    public INamedTypeSymbol? SeparateConsentCheckAttribute { get; }

    public INamedTypeSymbol? GuardianConsentCheckAttribute { get; }

    public INamedTypeSymbol? ConsentSubjectAttribute { get; }

    public INamedTypeSymbol? IdentityVerificationAttribute { get; }

    public INamedTypeSymbol? NotPersonalInfoAttribute { get; }

    public INamedTypeSymbol? PiMask { get; }

    public INamedTypeSymbol? SeparateConsentService { get; }

    /// <summary>The assembly that defines the attributes (ours, or a source copy of them).</summary>
    public IAssemblySymbol AnnotationsAssembly { get; }

    /// <summary>
    /// Whether <paramref name="assembly"/> can carry <paramref name="attribute"/>: it is the attribute's own assembly or
    /// references it (<see cref="AnnotationUsage.References"/>).
    /// </summary>
    public static bool MayCarry(IAssemblySymbol assembly, INamedTypeSymbol? attribute) =>
        attribute?.ContainingAssembly is { } own
        && (SymbolEqualityComparer.Default.Equals(assembly, own) || AnnotationUsage.References(assembly, own));

    /// <summary>Resolves the annotations; <see langword="null"/> when the compilation does not reference them.</summary>
    public static KnownSymbols? TryCreate(Compilation compilation)
    {
        var attribute = compilation.GetTypeByMetadataName("SensitivePi.SensitivePersonalInfoAttribute");
        return attribute is null || attribute.TypeKind == TypeKind.Error ? null : new KnownSymbols(compilation, attribute);
    }
}
