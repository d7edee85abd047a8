using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Model;

/// <summary>A problem of an annotation file (reported as SPI013 in the file), and where.</summary>
internal readonly struct AnnotationFileProblem
{
    public AnnotationFileProblem(string path, SourceText text, string message, TextSpan span)
    {
        Path = path;
        Text = text;
        Message = message;
        Span = span;
    }

    public string Path { get; }

    public SourceText Text { get; }

    public string Message { get; }

    public TextSpan Span { get; }

    public Location Location => Location.Create(Path, Span, Text.Lines.GetLinePositionSpan(Span));
}

/// <summary>
/// The <c>*.sensitivepi.json</c> files of a compilation (docs/annotation-files.md): classifications of symbols the team
/// cannot annotate, by documentation-comment ID, resolved once per compilation against its symbols and references.
/// Entries that cannot be read or name no symbol are problems, never exceptions.
/// </summary>
internal sealed class AnnotationFiles
{
    /// <summary>How an annotation file's name ends.</summary>
    public const string Extension = ".sensitivepi.json";

    // The sink kinds a file may declare (the sink families' names).
    private static readonly string[] SinkKindNames = { "Logging", "Network", "Storage", "Response" };

    public static readonly AnnotationFiles None = new(
        ImmutableDictionary<ISymbol, SensitiveOrigin>.Empty.WithComparers(SymbolEqualityComparer.Default),
        ImmutableDictionary<INamedTypeSymbol, AttributeMapping>.Empty.WithComparers(SymbolEqualityComparer.Default),
        ImmutableDictionary<IMethodSymbol, bool>.Empty.WithComparers(SymbolEqualityComparer.Default),
        ImmutableDictionary<IMethodSymbol, DeclaredSinkEntry>.Empty.WithComparers(SymbolEqualityComparer.Default),
        ImmutableDictionary<IMethodSymbol, DeclaredCheck>.Empty.WithComparers(SymbolEqualityComparer.Default),
        ImmutableDictionary<IMethodSymbol, DeclaredRequirement>.Empty.WithComparers(SymbolEqualityComparer.Default),
        ImmutableDictionary<(string Taxonomy, string Value), AttributeMapping>.Empty,
        ImmutableArray<AnnotationFileProblem>.Empty);

    private AnnotationFiles(
        ImmutableDictionary<ISymbol, SensitiveOrigin> origins,
        ImmutableDictionary<INamedTypeSymbol, AttributeMapping> attributes,
        ImmutableDictionary<IMethodSymbol, bool> sanitizers,
        ImmutableDictionary<IMethodSymbol, DeclaredSinkEntry> sinks,
        ImmutableDictionary<IMethodSymbol, DeclaredCheck> checks,
        ImmutableDictionary<IMethodSymbol, DeclaredRequirement> requirements,
        ImmutableDictionary<(string Taxonomy, string Value), AttributeMapping> taxonomies,
        ImmutableArray<AnnotationFileProblem> problems)
    {
        Taxonomies = taxonomies;
        Origins = origins;
        Attributes = attributes;
        Sanitizers = sanitizers;
        Sinks = sinks;
        Checks = checks;
        Requirements = requirements;
        Problems = problems;
    }

    /// <summary>Methods declared to check consent, as <c>[SeparateConsentCheck]</c> or <c>[GuardianConsentCheck]</c> would.</summary>
    public ImmutableDictionary<IMethodSymbol, DeclaredCheck> Checks { get; }

    /// <summary>Data classifications (taxonomy and value) mapped to a classification: for the attribute subclasses that pass them.</summary>
    public ImmutableDictionary<(string Taxonomy, string Value), AttributeMapping> Taxonomies { get; }

    /// <summary>Methods declared to need consent, as <c>[RequiresSeparateConsent]</c> would.</summary>
    public ImmutableDictionary<IMethodSymbol, DeclaredRequirement> Requirements { get; }

    /// <summary>Methods declared to be sinks: of which family, through which parameters, over which channel.</summary>
    public ImmutableDictionary<IMethodSymbol, DeclaredSinkEntry> Sinks { get; }

    /// <summary>Methods declared to mask (true) or encrypt (false), as <c>[MasksPersonalInfo]</c> and <c>[EncryptsPersonalInfo]</c> would.</summary>
    public ImmutableDictionary<IMethodSymbol, bool> Sanitizers { get; }

    /// <summary>Third-party classification attributes mapped to a classification (<c>classifications</c> entries by attribute type).</summary>
    public ImmutableDictionary<INamedTypeSymbol, AttributeMapping> Attributes { get; }

    /// <summary>Classified symbols (members, parameters, types; a method for its return value).</summary>
    public ImmutableDictionary<ISymbol, SensitiveOrigin> Origins { get; }

    public ImmutableArray<AnnotationFileProblem> Problems { get; }

    public static bool IsAnnotationFile(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>The annotation files among a compilation's additional files, read and resolved.</summary>
    public static AnnotationFiles Read(AnalyzerOptions? options, Compilation compilation, AtRestDefaults atRest, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            return None;
        }

        AnnotationFiles? result = null;
        foreach (var file in options.AdditionalFiles)
        {
            if (IsAnnotationFile(file.Path) && file.GetText(cancellationToken) is { } text)
            {
                result = (result ?? None).Add(Read(file.Path, text, compilation, atRest));
            }
        }

        return result ?? None;
    }

    /// <summary>One file, read and resolved against <paramref name="compilation"/>.</summary>
    public static AnnotationFiles Read(string path, SourceText text, Compilation compilation, AtRestDefaults atRest)
    {
        var origins = ImmutableDictionary.CreateBuilder<ISymbol, SensitiveOrigin>(SymbolEqualityComparer.Default);
        var attributes = ImmutableDictionary.CreateBuilder<INamedTypeSymbol, AttributeMapping>(SymbolEqualityComparer.Default);
        var sanitizers = ImmutableDictionary.CreateBuilder<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        var sinks = ImmutableDictionary.CreateBuilder<IMethodSymbol, DeclaredSinkEntry>(SymbolEqualityComparer.Default);
        var checks = ImmutableDictionary.CreateBuilder<IMethodSymbol, DeclaredCheck>(SymbolEqualityComparer.Default);
        var requirements = ImmutableDictionary.CreateBuilder<IMethodSymbol, DeclaredRequirement>(SymbolEqualityComparer.Default);
        var taxonomies = ImmutableDictionary.CreateBuilder<(string Taxonomy, string Value), AttributeMapping>();
        var problems = ImmutableArray.CreateBuilder<AnnotationFileProblem>();
        void Problem(string message, TextSpan span) => problems.Add(new AnnotationFileProblem(path, text, message, span));

        var root = JsonReader.Parse(text, out var error);
        if (error is { } parse)
        {
            Problem(parse.Message, parse.Span);
        }
        else if (root is not JsonObject file)
        {
            Problem("An annotation file is an object with a \"members\" array", root?.Span ?? new TextSpan(0, 0));
        }
        else
        {
            if (file["members"] is JsonArray members)
            {
                foreach (var item in members.Items)
                {
                    ReadMember(item, compilation, atRest, origins, Problem);
                }
            }
            else if (file["members"] is { } other)
            {
                Problem("\"members\" is an array", other.Span);
            }

            if (file["classifications"] is JsonArray classifications)
            {
                foreach (var item in classifications.Items)
                {
                    ReadClassification(item, compilation, attributes, taxonomies, Problem);
                }
            }
            else if (file["classifications"] is { } notArray)
            {
                Problem("\"classifications\" is an array", notArray.Span);
            }

            if (file["sanitizers"] is JsonArray declaredSanitizers)
            {
                foreach (var item in declaredSanitizers.Items)
                {
                    ReadSanitizer(item, compilation, sanitizers, Problem);
                }
            }
            else if (file["sanitizers"] is { } notList)
            {
                Problem("\"sanitizers\" is an array", notList.Span);
            }

            if (file["sinks"] is JsonArray declaredSinks)
            {
                foreach (var item in declaredSinks.Items)
                {
                    ReadSink(item, compilation, sinks, Problem);
                }
            }
            else if (file["sinks"] is { } notSinks)
            {
                Problem("\"sinks\" is an array", notSinks.Span);
            }

            foreach (var item in Items(file, "consentChecks", Problem))
            {
                if (ReadConsentMethod(item, compilation, Problem) is var (method, entry))
                {
                    var guardian = entry["guardian"] is JsonLiteral { Value: true };
                    var categories = Categories(entry, Problem);
                    checks[method] = new DeclaredCheck(categories, guardian);
                }
            }

            foreach (var item in Items(file, "requiresConsent", Problem))
            {
                if (ReadConsentMethod(item, compilation, Problem) is var (method, entry) && Read<PiCategory>(entry, "category", Problem, required: true) is { } category)
                {
                    var purpose = entry["purpose"] is JsonString { Value.Length: > 0 } purposeText ? purposeText.Value : null;
                    requirements[method] = requirements.TryGetValue(method, out var earlier)
                        ? new DeclaredRequirement(earlier.Categories | (1 << (int)category), earlier.Purpose ?? purpose)
                        : new DeclaredRequirement(1 << (int)category, purpose);
                }
            }
        }

        return new AnnotationFiles(origins.ToImmutable(), attributes.ToImmutable(), sanitizers.ToImmutable(), sinks.ToImmutable(), checks.ToImmutable(), requirements.ToImmutable(), taxonomies.ToImmutable(), problems.ToImmutable());
    }

    // The first file (in the project's order) that declares a symbol decides.
    private AnnotationFiles Add(AnnotationFiles other) =>
        new(
            FirstWins(Origins, other.Origins),
            FirstWins(Attributes, other.Attributes),
            FirstWins(Sanitizers, other.Sanitizers),
            FirstWins(Sinks, other.Sinks),
            FirstWins(Checks, other.Checks),
            FirstWins(Requirements, other.Requirements),
            FirstWins(Taxonomies, other.Taxonomies),
            Problems.AddRange(other.Problems));

    private static ImmutableDictionary<TKey, TValue> FirstWins<TKey, TValue>(ImmutableDictionary<TKey, TValue> first, ImmutableDictionary<TKey, TValue> then)
        where TKey : notnull
    {
        foreach (var pair in then)
        {
            if (!first.ContainsKey(pair.Key))
            {
                first = first.Add(pair.Key, pair.Value);
            }
        }

        return first;
    }

    private static void ReadMember(JsonValue item, Compilation compilation, AtRestDefaults atRest, ImmutableDictionary<ISymbol, SensitiveOrigin>.Builder origins, Action<string, TextSpan> problem)
    {
        if (item is not JsonObject entry)
        {
            problem("A member entry is an object with a \"symbol\"", item.Span);
            return;
        }

        if (entry["symbol"] is not JsonString { Value.Length: > 2 } id)
        {
            problem("A member entry needs a \"symbol\": a documentation-comment ID such as \"P:Vendor.Crm.Customer.IdNumber\"", entry.Span);
            return;
        }

        var symbol = DocumentationCommentId.GetFirstSymbolForDeclarationId(id.Value, compilation);
        if (symbol is null)
        {
            problem($"'{id.Value}' names no symbol of the compilation or its references", id.Span);
            return;
        }

        // A method is classified through its return value or one of its parameters.
        var classification = entry;
        if (symbol is IMethodSymbol method)
        {
            if (entry["return"] is JsonObject returned)
            {
                classification = returned;
            }
            else if (entry["parameter"] is JsonNumber { Value: >= 0 } index && index.Value % 1 == 0)
            {
                if ((int)index.Value >= method.Parameters.Length)
                {
                    problem($"'{id.Value}' has {method.Parameters.Length} parameter(s): \"parameter\" counts from 0", index.Span);
                    return;
                }

                symbol = method.Parameters[(int)index.Value];
            }
            else
            {
                problem("A method entry classifies its \"return\" value (an object) or a \"parameter\" (its index, from 0)", entry.Span);
                return;
            }
        }
        else if (symbol is not (IFieldSymbol or IPropertySymbol or INamedTypeSymbol))
        {
            problem($"'{id.Value}' is not a field, property, method or type", id.Span);
            return;
        }

        if (Read<PiCategory>(classification, "category", problem, required: true) is not { } category)
        {
            return;
        }

        var mask = Read<PiMaskKind>(classification, "mask", problem) ?? PiMaskKind.Auto;
        var legalBasis = Read<PiLegalBasis>(classification, "legalBasis", problem) ?? PiLegalBasis.Consent;
        var form = Read<PiBiometricForm>(classification, "form", problem) ?? PiBiometricForm.Unspecified;
        var declared = Read<PiAtRest>(classification, "atRest", problem) ?? PiAtRest.Unspecified;
        var key = symbol is IParameterSymbol ? symbol : symbol.OriginalDefinition;
        if (!origins.ContainsKey(key))
        {
            origins.Add(key, new SensitiveOrigin(key, category, mask, legalBasis, form, atRest.Resolve(declared, category)));
        }
    }

    // `{ "attribute": "T:Contoso.PiiAttribute", "category": "MedicalHealth" }`: a third-party classification attribute (a
    // DataClassificationAttribute subclass, Identity's [PersonalData]) mapped to a category; no legalBasis means a contract's necessity.
    private static void ReadClassification(
        JsonValue item,
        Compilation compilation,
        ImmutableDictionary<INamedTypeSymbol, AttributeMapping>.Builder attributes,
        ImmutableDictionary<(string Taxonomy, string Value), AttributeMapping>.Builder taxonomies,
        Action<string, TextSpan> problem)
    {
        if (item is not JsonObject entry)
        {
            problem("A classification entry is an object with an \"attribute\" (or a \"taxonomy\" and a \"value\") and a \"category\"", item.Span);
            return;
        }

        if (entry["attribute"] is not JsonString id)
        {
            if (entry["taxonomy"] is JsonString taxonomy && entry["value"] is JsonString value)
            {
                if (Mapping(entry, problem) is { } byValue && !taxonomies.ContainsKey((taxonomy.Value, value.Value)))
                {
                    taxonomies.Add((taxonomy.Value, value.Value), byValue);
                }

                return;
            }

            problem("A classification entry needs an \"attribute\" (\"T:Contoso.PiiAttribute\"), or a \"taxonomy\" and a \"value\"", entry.Span);
            return;
        }

        if (DocumentationCommentId.GetFirstSymbolForDeclarationId(id.Value, compilation) is not INamedTypeSymbol type
            || !TypeHierarchy.IsOrInherits(type, compilation.GetTypeByMetadataName("System.Attribute") ?? type))
        {
            problem($"'{id.Value}' names no attribute type of the compilation or its references", id.Span);
            return;
        }

        if (Mapping(entry, problem) is { } mapping && !attributes.ContainsKey(type.OriginalDefinition))
        {
            attributes.Add(type.OriginalDefinition, mapping);
        }
    }

    private static AttributeMapping? Mapping(JsonObject entry, Action<string, TextSpan> problem) =>
        Read<PiCategory>(entry, "category", problem, required: true) is { } category
            ? new AttributeMapping(
                category,
                Read<PiMaskKind>(entry, "mask", problem) ?? PiMaskKind.Auto,
                Read<PiLegalBasis>(entry, "legalBasis", problem) ?? PiLegalBasis.ContractNecessity,
                Read<PiAtRest>(entry, "atRest", problem) ?? PiAtRest.Unspecified)
            : null;

    // `{ "symbol": "M:Vendor.Security.Tokenizer.Tokenize(System.String)", "kind": "Masks" }` (or "Encrypts").
    private static void ReadSanitizer(JsonValue item, Compilation compilation, ImmutableDictionary<IMethodSymbol, bool>.Builder sanitizers, Action<string, TextSpan> problem)
    {
        if (item is not JsonObject entry || entry["symbol"] is not JsonString id)
        {
            problem("A sanitizer entry needs a \"symbol\" (\"M:…\") and a \"kind\" (\"Masks\" or \"Encrypts\")", item.Span);
            return;
        }

        if (DocumentationCommentId.GetFirstSymbolForDeclarationId(id.Value, compilation) is not IMethodSymbol method)
        {
            problem($"'{id.Value}' names no method of the compilation or its references", id.Span);
            return;
        }

        switch (entry["kind"])
        {
            case JsonString { Value: var kind } when string.Equals(kind, "Masks", StringComparison.OrdinalIgnoreCase):
                sanitizers[method.OriginalDefinition] = true;
                break;
            case JsonString { Value: var kind } when string.Equals(kind, "Encrypts", StringComparison.OrdinalIgnoreCase):
                sanitizers[method.OriginalDefinition] = false;
                break;
            case { } other:
                problem("\"kind\" is \"Masks\" or \"Encrypts\"", other.Span);
                break;
            default:
                problem("A sanitizer entry needs a \"kind\": \"Masks\" or \"Encrypts\"", entry.Span);
                break;
        }
    }

    private static System.Collections.Generic.IEnumerable<JsonValue> Items(JsonObject file, string name, Action<string, TextSpan> problem)
    {
        switch (file[name])
        {
            case JsonArray array:
                return array.Items;
            case { } other:
                problem($"\"{name}\" is an array", other.Span);
                return Array.Empty<JsonValue>();
            default:
                return Array.Empty<JsonValue>();
        }
    }

    // A consent check or a method that needs consent: `{ "symbol": "M:…", … }`, the method resolved.
    private static (IMethodSymbol Method, JsonObject Entry)? ReadConsentMethod(JsonValue item, Compilation compilation, Action<string, TextSpan> problem)
    {
        if (item is not JsonObject entry || entry["symbol"] is not JsonString id)
        {
            problem("A consent entry needs a \"symbol\" (\"M:…\")", item.Span);
            return null;
        }

        if (DocumentationCommentId.GetFirstSymbolForDeclarationId(id.Value, compilation) is not IMethodSymbol method)
        {
            problem($"'{id.Value}' names no method of the compilation or its references", id.Span);
            return null;
        }

        return (method.OriginalDefinition, entry);
    }

    // `"categories": ["Biometric"]`: their bits (none: the check's Category argument, or every category).
    private static int Categories(JsonObject entry, Action<string, TextSpan> problem)
    {
        var bits = 0;
        if (entry["categories"] is JsonArray list)
        {
            foreach (var item in list.Items)
            {
                if (item is JsonString { Value: var name } value)
                {
                    var found = false;
                    foreach (PiCategory category in Enum.GetValues(typeof(PiCategory)))
                    {
                        if (string.Equals(category.ToString(), name, StringComparison.OrdinalIgnoreCase))
                        {
                            bits |= 1 << (int)category;
                            found = true;
                        }
                    }

                    if (!found)
                    {
                        problem($"'{name}' is not a category (one of {string.Join(", ", Enum.GetNames(typeof(PiCategory)))})", value.Span);
                    }
                }
                else
                {
                    problem("\"categories\" lists category names", item.Span);
                }
            }
        }
        else if (entry["categories"] is { } other)
        {
            problem("\"categories\" is an array of category names", other.Span);
        }

        return bits;
    }

    // `{ "symbol": "M:Vendor.Sms.SmsClient.Send(System.String,System.String)", "kind": "Network", "parameters": [1], "encrypted": true }`.
    private static void ReadSink(JsonValue item, Compilation compilation, ImmutableDictionary<IMethodSymbol, DeclaredSinkEntry>.Builder sinks, Action<string, TextSpan> problem)
    {
        if (item is not JsonObject entry || entry["symbol"] is not JsonString id)
        {
            problem("A sink entry needs a \"symbol\" (\"M:…\") and a \"kind\"", item.Span);
            return;
        }

        if (DocumentationCommentId.GetFirstSymbolForDeclarationId(id.Value, compilation) is not IMethodSymbol method)
        {
            problem($"'{id.Value}' names no method of the compilation or its references", id.Span);
            return;
        }

        var kind = entry["kind"] is JsonString { Value: var name } ? Array.Find(SinkKindNames, k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) : null;
        if (kind is null)
        {
            problem($"\"kind\" is one of {string.Join(", ", SinkKindNames)}", entry["kind"]?.Span ?? entry.Span);
            return;
        }

        var parameters = default(ImmutableArray<int>);
        if (entry["parameters"] is JsonArray indices)
        {
            var builder = ImmutableArray.CreateBuilder<int>();
            foreach (var index in indices.Items)
            {
                if (index is JsonNumber { Value: >= 0 } number && number.Value % 1 == 0 && number.Value < method.Parameters.Length)
                {
                    builder.Add((int)number.Value);
                }
                else
                {
                    problem($"'{id.Value}' has {method.Parameters.Length} parameter(s): \"parameters\" lists their indexes, from 0", index.Span);
                    return;
                }
            }

            parameters = builder.ToImmutable();
        }

        bool? encrypted = entry["encrypted"] switch
        {
            JsonLiteral { Value: true } => true,
            JsonLiteral { Value: false } => false,
            _ => null,
        };
        sinks[method.OriginalDefinition] = new DeclaredSinkEntry(kind, parameters, encrypted);
    }

    // An enum value by its name in the annotations (case-insensitive); a wrong name is a problem, not a default.
    private static T? Read<T>(JsonObject entry, string name, Action<string, TextSpan> problem, bool required = false)
        where T : struct, Enum
    {
        switch (entry[name])
        {
            case null when required:
                problem($"The entry needs a \"{name}\"", entry.Span);
                return null;
            case null:
                return null;
            case JsonString { Value: var text } value:
                foreach (T candidate in Enum.GetValues(typeof(T)))
                {
                    if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
                    {
                        return candidate;
                    }
                }

                problem($"'{text}' is not a {name} (one of {string.Join(", ", Enum.GetNames(typeof(T)))})", value.Span);
                return null;
            case var other:
                problem($"\"{name}\" is a string", other.Span);
                return null;
        }
    }
}

/// <summary>A sink an annotation file declares: its family's name, its data parameters (default: all), whether its channel is encrypted.</summary>
internal readonly struct DeclaredSinkEntry
{
    public DeclaredSinkEntry(string kind, ImmutableArray<int> parameters, bool? encrypted)
    {
        Kind = kind;
        Parameters = parameters;
        Encrypted = encrypted;
    }

    public string Kind { get; }

    public ImmutableArray<int> Parameters { get; }

    public bool? Encrypted { get; }
}

/// <summary>A consent check an annotation file declares: the categories it covers (category bits; none: all), or the guardian's.</summary>
internal readonly struct DeclaredCheck
{
    public DeclaredCheck(int categories, bool guardian)
    {
        Categories = categories;
        Guardian = guardian;
    }

    public int Categories { get; }

    public bool Guardian { get; }
}

/// <summary>A method an annotation file declares to need separate consent: the categories (bits) and the purpose.</summary>
internal readonly struct DeclaredRequirement
{
    public DeclaredRequirement(int categories, string? purpose)
    {
        Categories = categories;
        Purpose = purpose;
    }

    public int Categories { get; }

    public string? Purpose { get; }
}

/// <summary>What a mapped third-party classification attribute means.</summary>
internal readonly struct AttributeMapping
{
    public AttributeMapping(PiCategory category, PiMaskKind mask, PiLegalBasis legalBasis, PiAtRest atRest)
    {
        Category = category;
        Mask = mask;
        LegalBasis = legalBasis;
        AtRest = atRest;
    }

    public PiCategory Category { get; }

    public PiMaskKind Mask { get; }

    public PiLegalBasis LegalBasis { get; }

    public PiAtRest AtRest { get; }
}

/// <summary>Classifications from the compilation's annotation files (<see cref="AnnotationFiles"/>), as a source.</summary>
internal sealed class FileOrigins : IOriginSource
{
    public string Name => "annotation file";

    private readonly AnnotationFiles _files;
    private readonly HashSet<IAssemblySymbol> _assemblies = new(SymbolEqualityComparer.Default);

    public FileOrigins(AnnotationFiles files)
    {
        _files = files;
        foreach (var symbol in files.Origins.Keys)
        {
            if (symbol.ContainingAssembly is { } assembly)
            {
                _assemblies.Add(assembly);
            }
        }
    }

    public bool MayClassifyIn(IAssemblySymbol assembly) => _assemblies.Contains(assembly);

    public bool MayClassify(ISymbol member) => _files.Origins.ContainsKey(Key(member));

    public SensitiveOrigin? OwnMemberOrigin(ISymbol member) => _files.Origins.TryGetValue(Key(member), out var origin) ? origin : null;

    public SensitiveOrigin? OwnTypeOrigin(INamedTypeSymbol type) => _files.Origins.TryGetValue(type.OriginalDefinition, out var origin) ? origin : null;

    public bool MayClassifySomeType()
    {
        foreach (var symbol in _files.Origins.Keys)
        {
            if (symbol.Kind == SymbolKind.NamedType)
            {
                return true;
            }
        }

        return false;
    }

    // A file's parameter entries are few: any of them makes every parameter worth asking about.
    public ImmutableHashSet<string>? ParameterOwners()
    {
        foreach (var symbol in _files.Origins.Keys)
        {
            if (symbol.Kind == SymbolKind.Parameter)
            {
                return null;
            }
        }

        return ImmutableHashSet<string>.Empty;
    }

    private static ISymbol Key(ISymbol member) => member is IParameterSymbol ? member : member.OriginalDefinition;
}
