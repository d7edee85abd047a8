using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Knowledge;

/// <summary>
/// The transfer tables (sanitizers, serialisers, propagators; docs/design/value-flow-engine.md, "What a call
/// carries") resolved against one compilation. Answers are cached per method and per type.
/// </summary>
internal sealed class TransferCatalog
{
    private readonly ImmutableArray<(INamedTypeSymbol Type, TransferEntry Entry)> _entries;
    private readonly KnownSymbols _symbols;
    private readonly AttributeReach _sanitizerReach;
    private readonly INamedTypeSymbol? _interpolatedStringHandlerAttribute;
    private readonly ImmutableArray<INamedTypeSymbol> _filledTypes;
    private readonly ConcurrentDictionary<IMethodSymbol, CallEffect> _methodCache;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _carrierCache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, TypeRows> _rowsByType = new(DefinitionIdentity<INamedTypeSymbol>.Instance);
    private readonly ImmutableDictionary<IMethodSymbol, CallEffect> _declared;

    public TransferCatalog(Compilation compilation, KnownSymbols symbols)
        : this(compilation, symbols, KnowledgeTables.BuiltIn)
    {
    }

    /// <param name="compilation">The compilation the rows resolve against.</param>
    /// <param name="symbols">Our attributes, for <c>[MasksPersonalInfo]</c> and <c>[EncryptsPersonalInfo]</c>.</param>
    /// <param name="tables">The rows.</param>
    /// <param name="declared">Methods declared to mask or encrypt outside their code (annotation files), as the attributes would.</param>
    /// <param name="source">What the compilation's texts name (null: not read, so any of its methods may carry the attributes).</param>
    public TransferCatalog(Compilation compilation, KnownSymbols symbols, KnowledgeTables tables, ImmutableDictionary<IMethodSymbol, CallEffect>? declared = null, SourceMentions? source = null)
    {
        _symbols = symbols;

        // Three callees per file on grandnode2 (Framework/CacheCapacity.cs).
        _methodCache = CacheCapacity.Create<IMethodSymbol, CallEffect>(compilation, perFile: 3, DefinitionIdentity<IMethodSymbol>.Instance);
        _sanitizerReach = new AttributeReach(source, TextMentions.Sanitizer, symbols.MasksPersonalInfoAttribute, symbols.EncryptsPersonalInfoAttribute);
        _declared = declared ?? ImmutableDictionary<IMethodSymbol, CallEffect>.Empty;
        var entries = ImmutableArray.CreateBuilder<(INamedTypeSymbol, TransferEntry)>();
        foreach (var entry in tables.Transfers)
        {
            if (compilation.GetTypeByMetadataName(entry.TypeName) is { } type)
            {
                entries.Add((type, entry));
            }
        }

        _entries = entries.ToImmutable();
        var filled = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in Propagators.FilledTypes)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                filled.Add(type);
            }
        }

        _filledTypes = filled.ToImmutable();
        _interpolatedStringHandlerAttribute = compilation.GetTypeByMetadataName(WellKnownTypes.InterpolatedStringHandlerAttribute);
    }

    /// <summary>The effect of calling <paramref name="method"/> on the sensitivity of its result.</summary>
    public CallEffect GetEffect(IMethodSymbol method)
    {
        var key = method.ReducedFrom ?? method.OriginalDefinition;
        return _methodCache.TryGetValue(key, out var cached) ? cached : _methodCache.GetOrAdd(key, Compute(key));
    }

    /// <summary>
    /// Whether a value of <paramref name="type"/> keeps what calls put into it, so that a method handed one can fill it for
    /// its caller: a builder or stream of <see cref="Propagators.FilledTypes"/> (or derived), a collection with an <c>Add</c>
    /// (<c>ICollection&lt;T&gt;</c>) or a stack or queue. Not a sequence that is only read (<c>IEnumerable&lt;T&gt;</c>).
    /// </summary>
    public bool KeepsWhatIsPutIn(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Interface } named && RowsFor(named).KeepsWhatIsPutIn;

    /// <summary>A member that reports a fact about a value (its length, a position, a comparison) rather than its content.</summary>
    public static bool IsFact(ISymbol member, ITypeSymbol? resultType) =>
        NamePattern.MatchesAny(Propagators.FactMembers, member.Name) || IsFactType(resultType);

    /// <summary>bool and enums: yes/no and kinds, never the data.</summary>
    public static bool IsFactType(ITypeSymbol? type) =>
        type is not null && (type.SpecialType == SpecialType.System_Boolean || type.TypeKind == TypeKind.Enum);

    /// <summary>
    /// Whether reading a field or property of a value of this type yields part of the value: strings,
    /// builders, spans, tuples, anonymous objects, collections and their enumerators.
    /// </summary>
    public bool CarriesItsParts(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        var key = type is INamedTypeSymbol named ? (ITypeSymbol)named.OriginalDefinition : type;
        return _carrierCache.TryGetValue(key, out var cached) ? cached : _carrierCache.GetOrAdd(key, ComputeCarrier(key));
    }

    private bool ComputeCarrier(ITypeSymbol type)
    {
        if (type.IsAnonymousType || type.IsTupleType || type.TypeKind == TypeKind.Array
            || type.SpecialType is SpecialType.System_String or SpecialType.System_Nullable_T or SpecialType.System_DateTime
            || InCollectionNamespace(type) || type.Name is "KeyValuePair" or "CharEnumerator" or "DateOnly" or "DateTimeOffset")
        {
            return true;
        }

        // Enumerators and other helpers nested in a carrier (Span<T>.Enumerator, List<T>.Enumerator).
        if (type.ContainingType is { } outer && CarriesItsParts(outer))
        {
            return true;
        }

        foreach (var (entryType, entry) in _entries)
        {
            // A type every member of which propagates (`System.Uri`); one row naming some members (`MemoryStream.ToArray`,
            // `IFormFile.OpenReadStream`) leaves its other members (`Position`, `FileName`) to say nothing of the data.
            if (entry.Effect == CallEffect.Propagates && System.Array.IndexOf(entry.Members, "*") >= 0 && SymbolEqualityComparer.Default.Equals(entryType, type))
            {
                return true;
            }
        }

        return false;
    }

    private CallEffect Compute(IMethodSymbol method)
    {
        if (SanitizerAttributeEffect(method) is { } declared)
        {
            return declared;
        }

        if (!_declared.IsEmpty && _declared.TryGetValue(method, out var fromFile))
        {
            return fromFile;
        }

        var type = method.ContainingType;
        if (type is null)
        {
            return CallEffect.None;
        }

        var rows = RowsFor(type);
        foreach (var entry in rows.Rows)
        {
            if (NamePattern.MatchesAny(entry.Members, method.Name))
            {
                return entry.Effect;
            }
        }

        if (rows.IsInterpolatedStringHandler)
        {
            return method.Name.StartsWith("Append", System.StringComparison.Ordinal) ? CallEffect.PropagatesIntoReceiver : CallEffect.Propagates;
        }

        if (rows.IsCollection)
        {
            return NamePattern.MatchesAny(Propagators.CollectionMutators, method.Name) ? CallEffect.PropagatesIntoReceiver : CallEffect.Propagates;
        }

        // ToString() of a sensitive value is sensitive, whatever declares it.
        return method.Name == "ToString" && !method.IsStatic ? CallEffect.Propagates : CallEffect.None;
    }

    // The rows whose type is the method's type or, for a row that includes derived types, one it inherits, in table order, and what
    // else the type says of its methods. Kept per type: most methods of the compilation belong to types that inherit no row's type,
    // and asking each row (and the type's attributes) for each method cost most of the time spent on the compilation's own methods.
    private TypeRows RowsFor(INamedTypeSymbol type)
    {
        var key = type.OriginalDefinition;
        if (_rowsByType.TryGetValue(key, out var rows))
        {
            return rows;
        }

        var applying = ImmutableArray.CreateBuilder<TransferEntry>();
        foreach (var (entryType, entry) in _entries)
        {
            if (entry.IncludeDerived ? TypeHierarchy.IsOrInherits(key, entryType) : SymbolEqualityComparer.Default.Equals(key, entryType))
            {
                applying.Add(entry);
            }
        }

        var isCollection = InCollectionNamespace(key) || (key.ContainingType is { } outer && InCollectionNamespace(outer));
        return _rowsByType.GetOrAdd(key, new TypeRows(
            applying.Count == 0 ? ImmutableArray<TransferEntry>.Empty : applying.ToImmutable(),
            IsInterpolatedStringHandler(key),
            isCollection,
            (isCollection && IsFillableCollection(key)) || IsFilledType(key)));
    }

    private bool IsFilledType(INamedTypeSymbol type)
    {
        foreach (var filled in _filledTypes)
        {
            if (TypeHierarchy.IsOrInherits(type, filled))
            {
                return true;
            }
        }

        return false;
    }

    // `ICollection<T>` (lists, sets, dictionaries) or a type of its own with a mutator (`Stack<T>.Push`, `Queue<T>.Enqueue`); not
    // an immutable collection, whose `Add` returns another.
    private static bool IsFillableCollection(INamedTypeSymbol type)
    {
        if (type.ContainingNamespace?.ToDisplayString() == "System.Collections.Immutable")
        {
            return false;
        }

        if (type.SpecialType == SpecialType.System_Collections_Generic_ICollection_T)
        {
            return true;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (@interface.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_ICollection_T)
            {
                return true;
            }
        }

        if (type.TypeKind != TypeKind.Class)
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } method
                && NamePattern.MatchesAny(Propagators.CollectionMutators, method.Name) && method.Name != "CopyTo")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What a type says of its methods' effects: the rows that apply to it, and what it is.</summary>
    private sealed class TypeRows
    {
        public TypeRows(ImmutableArray<TransferEntry> rows, bool isInterpolatedStringHandler, bool isCollection, bool keepsWhatIsPutIn)
        {
            Rows = rows;
            IsInterpolatedStringHandler = isInterpolatedStringHandler;
            IsCollection = isCollection;
            KeepsWhatIsPutIn = keepsWhatIsPutIn;
        }

        /// <summary>See <see cref="TransferCatalog.KeepsWhatIsPutIn"/>.</summary>
        public bool KeepsWhatIsPutIn { get; }

        public ImmutableArray<TransferEntry> Rows { get; }

        /// <summary>An interpolated string handler: its <c>Append…</c> methods write into it.</summary>
        public bool IsInterpolatedStringHandler { get; }

        /// <summary>A type of System.Collections or System.Linq, or one nested in such a type (an enumerator).</summary>
        public bool IsCollection { get; }
    }

    // Users may mark an interface or base method; implementations and overrides inherit the promise.
    private CallEffect? SanitizerAttributeEffect(IMethodSymbol method)
    {
        if ((_symbols.MasksPersonalInfoAttribute is null && _symbols.EncryptsPersonalInfoAttribute is null)
            || !_sanitizerReach.MayReach(method.ContainingAssembly))
        {
            return null;
        }

        foreach (var holder in MemberHierarchy.SelfOverriddenAndImplemented(method))
        {
            foreach (var attribute in holder.OriginalDefinition.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.MasksPersonalInfoAttribute))
                {
                    return CallEffect.Sanitizes;
                }

                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.EncryptsPersonalInfoAttribute))
                {
                    return CallEffect.Protects;
                }
            }
        }

        return null;
    }

    private bool IsInterpolatedStringHandler(INamedTypeSymbol type)
    {
        if (_interpolatedStringHandlerAttribute is null)
        {
            return false;
        }

        foreach (var attribute in type.OriginalDefinition.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _interpolatedStringHandlerAttribute))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InCollectionNamespace(ITypeSymbol type)
    {
        // Climb to the second level (System.Collections.Generic → System.Collections) and compare that.
        var ns = type.ContainingNamespace;
        while (ns?.ContainingNamespace is { IsGlobalNamespace: false } parent && !parent.ContainingNamespace.IsGlobalNamespace)
        {
            ns = parent;
        }

        return ns is { ContainingNamespace: { Name: "System" } system } && system.ContainingNamespace.IsGlobalNamespace
            && (ns.Name == "Collections" || ns.Name == "Linq");
    }
}
