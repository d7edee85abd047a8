using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// One annotated symbol a sensitive value comes from, with the classification its attribute states.
/// Instances are cached per symbol by <see cref="SensitivityModel"/>, so reference equality is identity.
/// </summary>
internal sealed class SensitiveOrigin : System.IEquatable<SensitiveOrigin>
{
    private int _isRawSample; // 0: not worked out yet, 1: raw sample, 2: not
    private string? _displayName;
    private SensitiveOrigin? _protected;

    public SensitiveOrigin(ISymbol symbol, PiCategory category, PiMaskKind mask, PiLegalBasis legalBasis, PiBiometricForm form, PiAtRest atRest = PiAtRest.Unspecified)
    {
        Symbol = symbol;
        Category = category;
        Mask = mask;
        LegalBasis = legalBasis;
        Form = form;
        AtRest = atRest;
    }

    /// <summary>
    /// The data after encryption or hashing: unreadable in a log or on the wire, still the person's data for the
    /// consent rules. A twin of its plain origin, made once.
    /// </summary>
    public bool IsProtected { get; private set; }

    /// <summary>This origin's protected twin (itself when already protected).</summary>
    public SensitiveOrigin AsProtected()
    {
        if (IsProtected)
        {
            return this;
        }

        // A race only makes two equal twins.
        return _protected ??= new SensitiveOrigin(Symbol, Category, Mask, LegalBasis, Form, AtRest) { IsProtected = true, _displayName = _displayName, Kind = Kind, Site = Site, Part = Part };
    }

    /// <summary>
    /// What this origin stands for: declared data, or (only while a body is summarised for the cross-method pass)
    /// a placeholder for what a parameter or a call's result will turn out to hold.
    /// </summary>
    public OriginKind Kind { get; private set; }

    /// <summary>For <see cref="OriginKind.CallResult"/> and <see cref="OriginKind.OutArgument"/>: the call (its syntax), one placeholder per call site.</summary>
    public SyntaxNode? Site { get; private set; }

    /// <summary>A placeholder of the cross-method pass, not data.</summary>
    public bool IsPlaceholder => Kind != OriginKind.Declared;

    /// <summary>The placeholder for whatever a caller passes to <paramref name="parameter"/>.</summary>
    public static SensitiveOrigin ParameterPlaceholder(IParameterSymbol parameter) =>
        new(parameter, PiCategory.Other, PiMaskKind.Auto, PiLegalBasis.Consent, PiBiometricForm.Unspecified) { Kind = OriginKind.Parameter };

    /// <summary>
    /// The placeholder for what a caller passes as one element of <paramref name="parameter"/>, a tuple: <paramref name="part"/>
    /// is the element's ordinal among the method's summarised inputs, after its parameters.
    /// </summary>
    public static SensitiveOrigin ParameterPartPlaceholder(IParameterSymbol parameter, int part) =>
        new(parameter, PiCategory.Other, PiMaskKind.Auto, PiLegalBasis.Consent, PiBiometricForm.Unspecified) { Kind = OriginKind.Parameter, Part = part };

    /// <summary>For a parameter placeholder of one tuple element: the element's input ordinal (<see cref="ParameterPartPlaceholder"/>); otherwise -1.</summary>
    public int Part { get; private set; } = -1;

    /// <summary>The placeholder for what the call at <paramref name="site"/> to <paramref name="callee"/> returns.</summary>
    public static SensitiveOrigin CallResultPlaceholder(IMethodSymbol callee, SyntaxNode site) =>
        new(callee, PiCategory.Other, PiMaskKind.Auto, PiLegalBasis.Consent, PiBiometricForm.Unspecified) { Kind = OriginKind.CallResult, Site = site };

    /// <summary>The placeholder for what the call at <paramref name="site"/> leaves in the argument of <paramref name="parameter"/>, an <c>out</c> or <c>ref</c> parameter.</summary>
    public static SensitiveOrigin OutArgumentPlaceholder(IParameterSymbol parameter, SyntaxNode site) =>
        new(parameter, PiCategory.Other, PiMaskKind.Auto, PiLegalBasis.Consent, PiBiometricForm.Unspecified) { Kind = OriginKind.OutArgument, Site = site };

    /// <summary>The placeholder for whatever <paramref name="member"/>, a field or auto-property, is assigned anywhere in the compilation.</summary>
    public static SensitiveOrigin FieldPlaceholder(ISymbol member) =>
        new(member, PiCategory.Other, PiMaskKind.Auto, PiLegalBasis.Consent, PiBiometricForm.Unspecified) { Kind = OriginKind.Field };

    /// <summary>The annotated field, property, parameter, method (return value) or type.</summary>
    public ISymbol Symbol { get; }

    public PiCategory Category { get; }

    public PiMaskKind Mask { get; }

    public PiLegalBasis LegalBasis { get; }

    public PiBiometricForm Form { get; }

    /// <summary>
    /// The at-rest policy: the annotation's, or the category's default (<see cref="AtRestDefaults"/>);
    /// <see cref="PiAtRest.Unspecified"/> when neither sets one.
    /// </summary>
    public PiAtRest AtRest { get; }

    /// <summary><c>Type.Member</c>, as messages show it.</summary>
    public string DisplayName => _displayName ??= BuildDisplayName(Symbol); // only messages need it

    /// <summary>The mask to apply: <see cref="PiMaskKind.Auto"/> resolved per category.</summary>
    public PiMaskKind EffectiveMask =>
        Mask != PiMaskKind.Auto ? Mask : Category == PiCategory.Biometric ? PiMaskKind.Remove : PiMaskKind.Full;

    /// <summary>
    /// A raw biometric sample (SPI006): Form = RawSample, or a Biometric byte[], stream, memory or image of
    /// unspecified form (strings and numbers of unspecified form are identifiers, not samples).
    /// </summary>
    public bool IsRawSample
    {
        get
        {
            // Asked for every surveyed body: worked out once (a race only computes the same answer twice).
            if (_isRawSample == 0)
            {
                var raw = Category == PiCategory.Biometric
                    && (Form == PiBiometricForm.RawSample || (Form == PiBiometricForm.Unspecified && LooksLikeSample(SymbolTypes.TypeOf(Symbol))));
                _isRawSample = raw ? 1 : 2;
            }

            return _isRawSample == 1;
        }
    }

    /// <summary>How messages name the data: <c>'Customer.IdNumber' (SpecificIdentity)</c>.</summary>
    public string Describe() => "'" + DisplayName + "' (" + Category + ")";

    public override string ToString() => Describe();

    // A subclass of an annotated type yields an origin of its own with the base type's symbol: equal.
    public bool Equals(SensitiveOrigin? other) =>
        other is not null && (ReferenceEquals(this, other)
            || (IsProtected == other.IsProtected && Kind == other.Kind && Part == other.Part
                && (ReferenceEquals(Symbol, other.Symbol) || SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol)) && Site == other.Site));

    public override bool Equals(object? obj) => Equals(obj as SensitiveOrigin);

    public override int GetHashCode() => SymbolEqualityComparer.Default.GetHashCode(Symbol);

    private static bool LooksLikeSample(ITypeSymbol? type)
    {
        switch (type)
        {
            case IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }:
                return true;
            case INamedTypeSymbol { Name: "Memory" or "ReadOnlyMemory", TypeArguments.Length: 1 } memory:
                return memory.TypeArguments[0].SpecialType == SpecialType.System_Byte;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (TypeHierarchy.HasMetadataName(current, "System.IO.Stream") || current.Name.EndsWith("Image", System.StringComparison.Ordinal)
                || current.Name == "Bitmap")
            {
                return true;
            }
        }

        // An uploaded file is the capture as it came; so is each of several (an IFormFileCollection, a List<IFormFile>).
        return IsUpload(type) || (SensitivityModel.GetElementType(type) is { } element && !SymbolEqualityComparer.Default.Equals(element, type) && IsUpload(element));
    }

    // ASP.NET Core's IFormFile, or a type implementing it (FormFile).
    private static bool IsUpload(ITypeSymbol? type)
    {
        const string FormFile = "Microsoft.AspNetCore.Http.IFormFile";
        if (type is null)
        {
            return false;
        }

        if (TypeHierarchy.HasMetadataName(type, FormFile))
        {
            return true;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (TypeHierarchy.HasMetadataName(@interface, FormFile))
            {
                return true;
            }
        }

        return false;
    }

    private static string BuildDisplayName(ISymbol symbol)
    {
        switch (symbol)
        {
            case ITypeSymbol type:
                return type.Name;
            case IParameterSymbol parameter:
                return parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor
                    ? ctor.ContainingType.Name + "(" + parameter.Name + ")"
                    : parameter.Name;
            case IMethodSymbol method:
                return (method.ContainingType is null ? string.Empty : method.ContainingType.Name + ".") + method.Name + "()";
            default:
                return (symbol.ContainingType is null ? string.Empty : symbol.ContainingType.Name + ".") + symbol.Name;
        }
    }
}

/// <summary>What a <see cref="SensitiveOrigin"/> stands for.</summary>
internal enum OriginKind : byte
{
    /// <summary>Data classified by an annotation (or another source of classifications).</summary>
    Declared,

    /// <summary>Whatever callers pass to a parameter (cross-method placeholder).</summary>
    Parameter,

    /// <summary>Whatever one call returns (cross-method placeholder).</summary>
    CallResult,

    /// <summary>Whatever an unannotated field or auto-property of the compilation is assigned anywhere (cross-method placeholder).</summary>
    Field,

    /// <summary>Whatever one call leaves in an <c>out</c> or <c>ref</c> argument (cross-method placeholder).</summary>
    OutArgument,
}
