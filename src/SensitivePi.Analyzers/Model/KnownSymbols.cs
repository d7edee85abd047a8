using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// Our annotation types as this compilation sees them, resolved once per compilation by full metadata
/// name. Never stored in a static: it holds symbols of one compilation.
/// </summary>
internal sealed class KnownSymbols
{
    private readonly Compilation _compilation;

    // The other types are looked up when first asked for: each first lookup searches every referenced assembly, and a
    // compilation that classifies nothing stops at the shortcut (AnnotationUsage) having asked for few of them, if any.
    private Resolved? _masksPersonalInfoAttribute;
    private Resolved? _encryptsPersonalInfoAttribute;
    private Resolved? _requiresSeparateConsentAttribute;
    private Resolved? _separateConsentCheckAttribute;
    private Resolved? _guardianConsentCheckAttribute;
    private Resolved? _consentSubjectAttribute;
    private Resolved? _identityVerificationAttribute;
    private Resolved? _notPersonalInfoAttribute;
    private Resolved? _piMask;
    private Resolved? _separateConsentService;

    private KnownSymbols(Compilation compilation, INamedTypeSymbol sensitivePersonalInfoAttribute)
    {
        _compilation = compilation;
        SensitivePersonalInfoAttribute = sensitivePersonalInfoAttribute;
        AnnotationsAssembly = sensitivePersonalInfoAttribute.ContainingAssembly;
    }

    public INamedTypeSymbol SensitivePersonalInfoAttribute { get; }

    public INamedTypeSymbol? MasksPersonalInfoAttribute => Resolve(ref _masksPersonalInfoAttribute, "SensitivePi.MasksPersonalInfoAttribute");

    public INamedTypeSymbol? EncryptsPersonalInfoAttribute => Resolve(ref _encryptsPersonalInfoAttribute, "SensitivePi.EncryptsPersonalInfoAttribute");

    public INamedTypeSymbol? RequiresSeparateConsentAttribute => Resolve(ref _requiresSeparateConsentAttribute, "SensitivePi.RequiresSeparateConsentAttribute");

    public INamedTypeSymbol? SeparateConsentCheckAttribute => Resolve(ref _separateConsentCheckAttribute, "SensitivePi.SeparateConsentCheckAttribute");

    public INamedTypeSymbol? GuardianConsentCheckAttribute => Resolve(ref _guardianConsentCheckAttribute, "SensitivePi.GuardianConsentCheckAttribute");

    public INamedTypeSymbol? ConsentSubjectAttribute => Resolve(ref _consentSubjectAttribute, "SensitivePi.ConsentSubjectAttribute");

    public INamedTypeSymbol? IdentityVerificationAttribute => Resolve(ref _identityVerificationAttribute, "SensitivePi.IdentityVerificationAttribute");

    public INamedTypeSymbol? NotPersonalInfoAttribute => Resolve(ref _notPersonalInfoAttribute, "SensitivePi.NotPersonalInfoAttribute");

    public INamedTypeSymbol? PiMask => Resolve(ref _piMask, "SensitivePi.PiMask");

    public INamedTypeSymbol? SeparateConsentService => Resolve(ref _separateConsentService, "SensitivePi.ISeparateConsentService");

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

    // Two threads may both look a type up first: they find the same symbol, and either answer may stay.
    private INamedTypeSymbol? Resolve(ref Resolved? slot, string metadataName) =>
        (slot ??= new Resolved(_compilation.GetTypeByMetadataName(metadataName))).Symbol;

    // A lookup's answer, null included.
    private sealed class Resolved
    {
        public Resolved(INamedTypeSymbol? symbol) => Symbol = symbol;

        public INamedTypeSymbol? Symbol { get; }
    }
}
