using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// Classifications written with attributes the team may already use (README.md, "Data in third-party types you do not
/// own"): ASP.NET Core Identity's <c>[ProtectedPersonalData]</c> (Other, a contract's necessity, encrypted at rest: Identity
/// protects it), and <c>Microsoft.Extensions.Compliance</c>'s <c>DataClassificationAttribute</c> and its subclasses (Other,
/// a contract's necessity, until an annotation file maps them). <c>[PersonalData]</c> marks personal, not necessarily
/// sensitive, data: it is no source without a mapping. A <c>bool</c> or enum member is never data.
/// </summary>
internal sealed class ThirdPartyAttributeOrigins : IOriginSource
{
    public string Name => "third-party attribute";

    /// <summary>ASP.NET Core Identity's attribute for personal data it encrypts at rest when asked to.</summary>
    public const string ProtectedPersonalDataAttribute = "Microsoft.AspNetCore.Identity.ProtectedPersonalDataAttribute";

    /// <summary>The base of every data classification attribute of <c>Microsoft.Extensions.Compliance</c>.</summary>
    public const string DataClassificationAttribute = "Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute";

    private readonly INamedTypeSymbol? _protected;
    private readonly INamedTypeSymbol? _classification;
    private readonly AtRestDefaults _atRest;
    private readonly ImmutableDictionary<INamedTypeSymbol, AttributeMapping> _mapped;
    private readonly ImmutableDictionary<(string Taxonomy, string Value), AttributeMapping> _taxonomies;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, AttributeMapping?> _byConstructor = new(SymbolEqualityComparer.Default);

    private ThirdPartyAttributeOrigins(
        INamedTypeSymbol? protectedData,
        INamedTypeSymbol? classification,
        AtRestDefaults atRest,
        ImmutableDictionary<INamedTypeSymbol, AttributeMapping> mapped,
        ImmutableDictionary<(string Taxonomy, string Value), AttributeMapping> taxonomies)
    {
        _taxonomies = taxonomies;
        _protected = protectedData;
        _classification = classification;
        _atRest = atRest;
        _mapped = mapped;
    }

    /// <summary>The source, or null when the compilation references neither attribute and the files map none.</summary>
    public static ThirdPartyAttributeOrigins? TryCreate(Compilation compilation, AtRestDefaults atRest, AnnotationFiles? files = null)
    {
        var protectedData = compilation.GetTypeByMetadataName(ProtectedPersonalDataAttribute);
        var classification = compilation.GetTypeByMetadataName(DataClassificationAttribute);
        var mapped = files?.Attributes ?? AnnotationFiles.None.Attributes;
        return protectedData is null && classification is null && mapped.IsEmpty
            ? null
            : new ThirdPartyAttributeOrigins(protectedData, classification, atRest, mapped, files?.Taxonomies ?? AnnotationFiles.None.Taxonomies);
    }

    // The attributes' own assemblies (Identity's user type is declared beside its attribute) and the assemblies built
    // against them: the framework's other assemblies cannot apply them.
    public bool MayClassifyIn(IAssemblySymbol assembly) =>
        Defines(assembly, _protected) || Defines(assembly, _classification) || MayApplyMapped(assembly)
        || (_protected?.ContainingAssembly is { } identity && AnnotationUsage.References(assembly, identity))
        || (_classification?.ContainingAssembly is { } compliance && AnnotationUsage.References(assembly, compliance));

    private bool MayApplyMapped(IAssemblySymbol assembly)
    {
        foreach (var mapped in _mapped.Keys)
        {
            if (Defines(assembly, mapped) || (mapped.ContainingAssembly is { } home && AnnotationUsage.References(assembly, home)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Defines(IAssemblySymbol assembly, INamedTypeSymbol? attribute) =>
        attribute is not null && SymbolEqualityComparer.Default.Equals(attribute.ContainingAssembly, assembly);

    public bool MayClassify(ISymbol member) => member switch
    {
        IMethodSymbol method => !method.GetReturnTypeAttributes().IsEmpty,
        _ => !member.GetAttributes().IsEmpty,
    };

    public SensitiveOrigin? OwnMemberOrigin(ISymbol member)
    {
        if (member is not (IFieldSymbol or IPropertySymbol or IParameterSymbol or IMethodSymbol) || TypeFacts(member))
        {
            return null;
        }

        var attributes = member is IMethodSymbol method ? method.GetReturnTypeAttributes() : member.GetAttributes();
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is not { } type)
            {
                continue;
            }

            // A mapping by attribute type covers its subclasses, unless one has a mapping of its own: the nearest wins.
            for (var mappedType = type; mappedType is not null; mappedType = mappedType.BaseType)
            {
                if (_mapped.TryGetValue(mappedType.OriginalDefinition, out var mapping))
                {
                    return new SensitiveOrigin(member, mapping.Category, mapping.Mask, mapping.LegalBasis, PiBiometricForm.Unspecified, _atRest.Resolve(mapping.AtRest, mapping.Category, member));
                }

                if (SymbolEqualityComparer.Default.Equals(mappedType, _protected))
                {
                    break;
                }
            }

            if (_protected is not null && SymbolEqualityComparer.Default.Equals(type, _protected))
            {
                return new SensitiveOrigin(member, PiCategory.Other, PiMaskKind.Auto, PiLegalBasis.ContractNecessity, PiBiometricForm.Unspecified, PiAtRest.Encrypted);
            }

            if (_classification is not null && TypeHierarchy.IsOrInherits(type, _classification))
            {
                if (!_taxonomies.IsEmpty && _byConstructor.GetOrAdd(type.OriginalDefinition, MappingByValue) is { } byValue)
                {
                    return new SensitiveOrigin(member, byValue.Category, byValue.Mask, byValue.LegalBasis, PiBiometricForm.Unspecified, _atRest.Resolve(byValue.AtRest, byValue.Category, member));
                }

                return new SensitiveOrigin(member, PiCategory.Other, PiMaskKind.Auto, PiLegalBasis.ContractNecessity, PiBiometricForm.Unspecified, _atRest.Resolve(PiAtRest.Unspecified, PiCategory.Other, member));
            }
        }

        return null;
    }

    public SensitiveOrigin? OwnTypeOrigin(INamedTypeSymbol type) => null;

    public bool MayClassifySomeType() => false;

    // Identity's attributes are declared for properties (every ASP.NET Core application can resolve them): where they are the only
    // ones, no parameter carries one. A data classification or a mapped attribute may sit on any parameter; they are not read ahead.
    public ImmutableHashSet<string>? ParameterOwners() =>
        _classification is null && _mapped.IsEmpty && (_protected is null || !MayApplyToParameters(_protected)) ? ImmutableHashSet<string>.Empty : null;

    // What `[AttributeUsage]` the attribute or its nearest base declares says; without one, an attribute applies anywhere.
    private static bool MayApplyToParameters(INamedTypeSymbol attribute)
    {
        var depth = 0;
        for (var type = attribute; type is not null && depth++ <= StackGuard.MaxInheritanceDepth; type = type.BaseType)
        {
            foreach (var data in type.GetAttributes())
            {
                if (data.AttributeClass is { Name: "AttributeUsageAttribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
                {
                    return data.ConstructorArguments.Length != 1 || data.ConstructorArguments[0].Value is not int targets || (targets & (int)System.AttributeTargets.Parameter) != 0;
                }
            }
        }

        return true;
    }

    // A subclass declared here whose constructor passes constants to its base:
    // `public HealthAttribute() : base(new DataClassification("Contoso", "HealthData")) { }`.
    private AttributeMapping? MappingByValue(INamedTypeSymbol attribute)
    {
        foreach (var constructor in attribute.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is ConstructorDeclarationSyntax { Initializer.ArgumentList.Arguments: { Count: 1 } arguments }
                    && arguments[0].Expression is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } values }
                    && values[0].Expression is LiteralExpressionSyntax taxonomy && taxonomy.Token.Value is string taxonomyName
                    && values[1].Expression is LiteralExpressionSyntax value && value.Token.Value is string valueName
                    && _taxonomies.TryGetValue((taxonomyName, valueName), out var mapping))
                {
                    return mapping;
                }
            }
        }

        return null;
    }

    // Flags and kinds carry no one's data, whatever marks them.
    private static bool TypeFacts(ISymbol member) =>
        SymbolTypes.TypeOf(member) is { } type && (type.SpecialType == SpecialType.System_Boolean || type.TypeKind == TypeKind.Enum
            || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                && (nullable.TypeArguments[0].SpecialType == SpecialType.System_Boolean || nullable.TypeArguments[0].TypeKind == TypeKind.Enum));
}
