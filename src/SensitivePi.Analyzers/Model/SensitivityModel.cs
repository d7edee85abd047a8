using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// Answers, for one compilation, "is this symbol sensitive, and how?" and "does this type hold sensitive
/// members?". Thread-safe; every answer is cached. Lives in a compilation-start closure, never in a static.
/// </summary>
internal sealed class SensitivityModel
{
    private readonly KnownSymbols _symbols;
    private readonly Compilation _compilation;
    private readonly ImmutableArray<IOriginSource> _sources;
    private readonly ConcurrentDictionary<ISymbol, SensitiveOrigin?> _memberOrigins;
    private readonly ConcurrentDictionary<ITypeSymbol, SensitiveOrigin?> _typeOrigins = new(DefinitionIdentity<ITypeSymbol>.Instance);
    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<SensitiveOrigin>> _containedOrigins = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<SensitiveOrigin>> _destructuredOrigins = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<SensitiveOrigin>> _ownOrigins = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<SensitiveOrigin>> _printedOrigins = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _reachesNothing = new(SymbolEqualityComparer.Default);

    // The element type of each declared (not constructed) type the containment questions meet, most of them member types asked again
    // and again: the public symbol hands out a new list of interfaces at each call (ElementTypeOf).
    private readonly ConcurrentDictionary<ITypeSymbol, ITypeSymbol?> _elementTypes = new(DefinitionIdentity<ITypeSymbol>.Instance);
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _assemblyCanBeAnnotated = new(DefinitionIdentity<IAssemblySymbol>.Instance);
    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<INamedTypeSymbol>> _standIns = new(SymbolEqualityComparer.Default);

    // The members each containment question reads of a type, read once per type as used (a generic DTO's Holder<Patient> apart
    // from Holder<Plain>: their members' types differ).
    private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<ShownMember>> _shownMembers = new(SymbolEqualityComparer.Default);
    private readonly StandInTypes _standInTypes;

    // Whether some source classifies a type at all: 0 not asked yet, 1 yes, 2 no (MayClassifyTypes).
    private int _typesClassified;

    // The owners whose parameters some source may classify (IOriginSource.ParameterOwners): read once, by one thread, the others
    // waiting (it reads texts and libraries).
    private readonly Lazy<ParameterOwnerSet> _parameterOwners;

    public SensitivityModel(Compilation compilation, KnownSymbols symbols)
        : this(compilation, symbols, ImmutableArray.Create<IOriginSource>(new AttributeOrigins(compilation, symbols)))
    {
    }

    /// <param name="sources">Where classifications come from; for one symbol, the first source that classifies it decides.</param>
    /// <param name="membersPerFile">
    /// The member cache's starting size per file of the compilation (Framework/CacheCapacity.cs): the value-flow engine, whose
    /// survey asks about every member a body reads, gives it; a model asked about declarations only starts small.
    /// </param>
    public SensitivityModel(Compilation compilation, KnownSymbols symbols, ImmutableArray<IOriginSource> sources, int membersPerFile = 0)
    {
        _compilation = compilation;
        _memberOrigins = CacheCapacity.Create<ISymbol, SensitiveOrigin?>(compilation, membersPerFile, DefinitionIdentity<ISymbol>.Instance);
        _symbols = symbols;
        _sources = sources;
        _standInTypes = new StandInTypes(compilation);
        _parameterOwners = new Lazy<ParameterOwnerSet>(ReadParameterOwners, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public KnownSymbols Symbols => _symbols;

    /// <summary>
    /// The name of the source whose own classification of <paramref name="symbol"/> decides (<see cref="IOriginSource.Name"/>),
    /// or null when no source classifies the symbol itself (it inherits, or nothing classifies it).
    /// </summary>
    public string? ClassifiedBy(ISymbol symbol)
    {
        foreach (var source in _sources)
        {
            var own = symbol is INamedTypeSymbol type ? source.OwnTypeOrigin(type) : source.MayClassify(symbol) ? source.OwnMemberOrigin(symbol) : null;
            if (own is not null)
            {
                return source.Name;
            }
        }

        return null;
    }

    /// <summary>
    /// The classification of a field, property, parameter or method return value: its own attribute, else
    /// the attribute of the member it overrides or implements, else (records) of its positional parameter.
    /// </summary>
    public SensitiveOrigin? GetMemberOrigin(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return null;
        }

        // Most compilations classify few parameters, or none: the others are answered at once (docs/design/value-flow-engine.md, "Sources").
        if (symbol.Kind == SymbolKind.Parameter && !MayClassifyParameterOf(symbol.ContainingSymbol))
        {
            return null;
        }

        var key = symbol.OriginalDefinition;
        if (_memberOrigins.TryGetValue(key, out var cached))
        {
            return cached;
        }

        // Every answer is kept: a framework member's, since reaching a metadata symbol's assembly walks up its namespaces; a
        // member of the compilation's, since it is read four times on average and a lookup by reference costs less than
        // asking its attributes and what it may inherit again (a lambda's parameter bound again is a new entry, kept for this
        // compilation only).
        if (!CanBeAnnotated(symbol))
        {
            return _memberOrigins.GetOrAdd(key, (SensitiveOrigin?)null);
        }

        return _memberOrigins.GetOrAdd(key, IsPlainlyUnclassified(key) ? null : ComputeMemberOrigin(key, depth: 0));
    }

    /// <summary>The classification of a type annotated itself or through a base type; <c>T?</c> is unwrapped.</summary>
    public SensitiveOrigin? GetTypeOrigin(ITypeSymbol? type)
    {
        // Most compilations classify members only: then every value's type is asked about for nothing (docs/design/value-flow-engine.md,
        // "Sources"). Asked first: the survey asks of every operation, and unwrapping a nullable costs more than this answer.
        if (type is null || !MayClassifyTypes())
        {
            return null;
        }

        type = UnwrapNullable(type);

        // string, int and the other special types are the framework's: asked for nearly every operation.
        if (type is not INamedTypeSymbol { SpecialType: SpecialType.None } named)
        {
            return null;
        }

        var key = (ITypeSymbol)named.OriginalDefinition;
        if (_typeOrigins.TryGetValue(key, out var cached))
        {
            return cached;
        }

        // An unresolved type is a new object at each reference, so it never hits the cache (a half-restored solution has
        // thousands: nine tenths of grandnode2's first answers here, benchmarks/results.md); with no base type, its answer
        // asks only itself.
        var origin = CanBeAnnotated(named) ? ComputeTypeOrigin(named) : null;
        return named.TypeKind == TypeKind.Error ? origin : _typeOrigins.GetOrAdd(key, origin);
    }

    /// <summary>
    /// Every sensitive origin a value of <paramref name="type"/> carries inside it, transitively through
    /// its instance fields and properties, arrays and collections. Empty when none. Cycle-safe.
    /// </summary>
    public ImmutableArray<SensitiveOrigin> GetContainedOrigins(ITypeSymbol? type) => GetContainedOrigins(type, destructuredByLogger: false);

    /// <summary>
    /// As <see cref="GetContainedOrigins(ITypeSymbol?)"/>; when <paramref name="destructuredByLogger"/>, members a
    /// logging destructurer skips (Destructurama's <c>[NotLogged]</c>, <c>[LogMasked]</c>) hold nothing.
    /// </summary>
    public ImmutableArray<SensitiveOrigin> GetContainedOrigins(ITypeSymbol? type, bool destructuredByLogger)
    {
        type = UnwrapNullable(type);
        if (type is null)
        {
            return ImmutableArray<SensitiveOrigin>.Empty;
        }

        // Keyed by the type as used: List<Patient> and List<Plain> hold different things.
        var key = type;
        var cache = destructuredByLogger ? _destructuredOrigins : _containedOrigins;
        if (cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var standIns = GetStandIns(type, destructuredByLogger);
        if (standIns.IsEmpty && ReachesNothingClassified(type))
        {
            return cache.GetOrAdd(key, ImmutableArray<SensitiveOrigin>.Empty);
        }

        // The closure is computed from scratch for each top-level type, so a cycle can never leave a
        // partial answer in the cache.
        var found = new List<SensitiveOrigin>();
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        CollectMemberOrigins(type, found, visited, printedOnly: false, destructuredByLogger, depth: 0);

        // An interface or constrained type parameter handed whole holds what the types standing for it hold.
        foreach (var standIn in standIns)
        {
            foreach (var origin in GetContainedOrigins(standIn, destructuredByLogger))
            {
                AddDistinct(found, origin);
            }
        }

        return cache.GetOrAdd(key, found.Count == 0 ? ImmutableArray<SensitiveOrigin>.Empty : found.ToImmutableArray());
    }

    /// <summary>
    /// What an object-relational mapper keeps of an entity (or of each entity of a collection) handed to it: the type's
    /// own classification and its own public members', not those of the objects its members refer to (navigations are
    /// rows of other entities, kept by their own adds).
    /// </summary>
    public ImmutableArray<SensitiveOrigin> GetOwnOrigins(ITypeSymbol? type)
    {
        type = UnwrapNullable(type);
        if (type is null)
        {
            return ImmutableArray<SensitiveOrigin>.Empty;
        }

        if (_ownOrigins.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var found = new List<SensitiveOrigin>();
        CollectMemberOrigins(type, found, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), printedOnly: false, destructuredByLogger: false, depth: 0, ownOnly: true);
        return _ownOrigins.GetOrAdd(type, found.Count == 0 ? ImmutableArray<SensitiveOrigin>.Empty : found.ToImmutableArray());
    }

    /// <summary>
    /// For a value typed as an interface or a type parameter constrained by one of the application's types, the
    /// concrete types of this compilation that can stand for it and hold sensitive members (<see cref="StandInTypes"/>),
    /// in name order; empty for every other type.
    /// </summary>
    public ImmutableArray<INamedTypeSymbol> GetStandIns(ITypeSymbol? type, bool destructuredByLogger)
    {
        type = UnwrapNullable(type);
        if (!StandInTypes.IsOpen(type))
        {
            return ImmutableArray<INamedTypeSymbol>.Empty;
        }

        var key = type is INamedTypeSymbol named ? (ITypeSymbol)named.OriginalDefinition : type!;
        if (!_standIns.TryGetValue(key, out var candidates))
        {
            candidates = _standIns.GetOrAdd(key, _standInTypes.Of(key));
        }

        if (candidates.IsEmpty)
        {
            return candidates;
        }

        var holding = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var candidate in candidates)
        {
            if (!GetContainedOrigins(candidate, destructuredByLogger).IsEmpty)
            {
                holding.Add(candidate);
            }
        }

        return holding.ToImmutable();
    }

    /// <summary>
    /// The sensitive origins a record's or anonymous object's compiler-written <c>ToString()</c> prints: its
    /// public members, and those of record or anonymous members (other types print their type name).
    /// </summary>
    public ImmutableArray<SensitiveOrigin> GetPrintedOrigins(ITypeSymbol? type)
    {
        // Types from assemblies built without the annotations print nothing classified; asking whether they
        // are records would load their member names.
        type = UnwrapNullable(type);
        if (type is not INamedTypeSymbol named || !CanBeAnnotated(named) || !PrintsMembers(named))
        {
            return ImmutableArray<SensitiveOrigin>.Empty;
        }

        var key = (ITypeSymbol)named; // a generic record prints what its type arguments hold
        if (_printedOrigins.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var found = new List<SensitiveOrigin>();
        CollectMemberOrigins(type, found, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), printedOnly: true, destructuredByLogger: false, depth: 0);
        return _printedOrigins.GetOrAdd(key, found.Count == 0 ? ImmutableArray<SensitiveOrigin>.Empty : found.ToImmutableArray());
    }

    /// <summary>
    /// Whether a member of an annotated type is declared to carry no personal information
    /// (<c>[NotPersonalInfo]</c>, on it or on the member it overrides).
    /// </summary>
    public bool IsDeclaredNotPersonal(ISymbol member)
    {
        if (_symbols.NotPersonalInfoAttribute is not { } attribute || !CanBeAnnotated(member))
        {
            return false;
        }

        for (var current = member; current is not null; current = (current as IPropertySymbol)?.OverriddenProperty)
        {
            foreach (var data in current.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Records and anonymous types: their synthesised <c>ToString()</c> prints every public member.</summary>
    public static bool PrintsMembers(ITypeSymbol? type) =>
        type is not null && (type.IsAnonymousType || (type.IsRecord && !WritesOwnText(type)));

    // A record whose author wrote ToString or PrintMembers decides what it prints; no evidence either way.
    private static bool WritesOwnText(ITypeSymbol record)
    {
        for (var current = record; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IMethodSymbol { IsImplicitlyDeclared: false, Name: "ToString" or "PrintMembers" })
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The element type of an array or of a generic collection (<c>IEnumerable&lt;T&gt;</c>).</summary>
    public static ITypeSymbol? GetElementType(ITypeSymbol? type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return array.ElementType;
            case INamedTypeSymbol named when named.SpecialType == SpecialType.None:
                if (named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return named.TypeArguments[0];
                }

                foreach (var @interface in named.AllInterfaces)
                {
                    if (@interface.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                    {
                        return @interface.TypeArguments[0];
                    }
                }

                return null;
            default:
                return null;
        }
    }

    // GetElementType, kept for declared types; a constructed one (`List<Visit>`) is answered afresh.
    private ITypeSymbol? ElementTypeOf(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { SpecialType: SpecialType.None, IsDefinition: true })
        {
            return GetElementType(type);
        }

        return _elementTypes.TryGetValue(type, out var known) ? known : _elementTypes.GetOrAdd(type, GetElementType(type));
    }

    // Most members carry no classification and can inherit none: they are answered without the search of what they inherit.
    private bool IsPlainlyUnclassified(ISymbol symbol) => symbol switch
    {
        IFieldSymbol field => !MayBeClassified(field),
        IParameterSymbol parameter => !MayBeClassified(parameter) && !MayInherit(parameter.ContainingSymbol as IMethodSymbol),
        IPropertySymbol property => !MayBeClassified(property)
            && !MayInherit(property, property.IsOverride, property.ExplicitInterfaceImplementations),
        IMethodSymbol method => method.AssociatedSymbol is null && !MayBeClassified(method) && !MayInherit(method),
        _ => true,
    };

    private bool MayBeClassified(ISymbol member)
    {
        foreach (var source in _sources)
        {
            if (source.MayClassify(member))
            {
                return true;
            }
        }

        return false;
    }

    private SensitiveOrigin? OwnOrigin(ISymbol member)
    {
        foreach (var source in _sources)
        {
            if (source.OwnMemberOrigin(member) is { } origin)
            {
                return origin;
            }
        }

        return null;
    }

    // Whether a member overrides or may implement an interface member (its type implements one).
    private static bool MayInherit<TMember>(ISymbol member, bool isOverride, ImmutableArray<TMember> explicitImplementations)
        where TMember : ISymbol =>
        isOverride || !explicitImplementations.IsEmpty || (!member.IsStatic && member.ContainingType is { AllInterfaces.IsEmpty: false });

    // Lambdas and local functions inherit nothing.
    private static bool MayInherit(IMethodSymbol? method) =>
        method is not null && method.MethodKind is not (MethodKind.AnonymousFunction or MethodKind.LocalFunction)
        && MayInherit(method, method.IsOverride, method.ExplicitInterfaceImplementations);

    private SensitiveOrigin? ComputeMemberOrigin(ISymbol symbol, int depth)
    {
        // Inheritance chains are short; the bound only protects against pathological erroneous code.
        if (depth > StackGuard.MaxInheritanceDepth)
        {
            return null;
        }

        switch (symbol)
        {
            case IFieldSymbol field:
                return OwnOrigin(field);

            case IPropertySymbol property:
                return OwnOrigin(property)
                    ?? Inherited(property.OverriddenProperty, depth)
                    ?? FromInterfaces(property, property.ExplicitInterfaceImplementations, depth);

            case IParameterSymbol parameter:
                return OwnOrigin(parameter) ?? InheritedParameter(parameter, depth);

            case IMethodSymbol method:
                if (method.AssociatedSymbol is IPropertySymbol accessorOf)
                {
                    return GetMemberOrigin(accessorOf);
                }

                return OwnOrigin(method)
                    ?? Inherited(method.OverriddenMethod, depth)
                    ?? FromInterfaces(method, method.ExplicitInterfaceImplementations, depth);

            default:
                return null;
        }
    }

    private SensitiveOrigin? Inherited(ISymbol? baseMember, int depth) =>
        baseMember is null ? null : ComputeMemberOrigin(baseMember.OriginalDefinition, depth + 1);

    private SensitiveOrigin? InheritedParameter(IParameterSymbol parameter, int depth)
    {
        // Lambdas, local functions and members that override and implement nothing inherit nothing: most
        // parameters, so they skip the interface search.
        if (parameter.ContainingSymbol is not IMethodSymbol method || !MayInherit(method))
        {
            return null;
        }

        var baseMethod = method.OverriddenMethod;
        if (baseMethod is not null && parameter.Ordinal < baseMethod.Parameters.Length)
        {
            var fromBase = ComputeMemberOrigin(baseMethod.OriginalDefinition.Parameters[parameter.Ordinal], depth + 1);
            if (fromBase is not null)
            {
                return fromBase;
            }
        }

        foreach (var implemented in ImplementedInterfaceMembers(method, method.ExplicitInterfaceImplementations))
        {
            if (implemented is IMethodSymbol interfaceMethod && parameter.Ordinal < interfaceMethod.Parameters.Length)
            {
                var fromInterface = ComputeMemberOrigin(interfaceMethod.OriginalDefinition.Parameters[parameter.Ordinal], depth + 1);
                if (fromInterface is not null)
                {
                    return fromInterface;
                }
            }
        }

        return null;
    }

    private SensitiveOrigin? FromInterfaces<TMember>(ISymbol member, ImmutableArray<TMember> explicitImplementations, int depth)
        where TMember : ISymbol
    {
        // A member of a type that implements no interface inherits nothing from one: most members, so they
        // skip the search.
        if (!MayInherit(member, isOverride: false, explicitImplementations))
        {
            return null;
        }

        foreach (var implemented in ImplementedInterfaceMembers(member, explicitImplementations))
        {
            var origin = ComputeMemberOrigin(implemented.OriginalDefinition, depth + 1);
            if (origin is not null)
            {
                return origin;
            }
        }

        return null;
    }

    private IEnumerable<ISymbol> ImplementedInterfaceMembers<TMember>(ISymbol member, ImmutableArray<TMember> explicitImplementations)
        where TMember : ISymbol
    {
        foreach (var explicitMember in explicitImplementations)
        {
            yield return explicitMember;
        }

        var type = member.ContainingType;
        if (type is null || member.IsStatic || !explicitImplementations.IsDefaultOrEmpty)
        {
            yield break;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (!CanBeAnnotated(@interface))
            {
                continue;
            }

            foreach (var candidate in @interface.GetMembers(member.Name))
            {
                var implementation = type.FindImplementationForInterfaceMember(candidate);
                if (implementation is not null && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, member))
                {
                    yield return candidate;
                }
            }
        }
    }

    private SensitiveOrigin? ComputeTypeOrigin(INamedTypeSymbol type)
    {
        // [SensitivePersonalInfo] is Inherited = true: a subclass of an annotated class is sensitive too.
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.SpecialType == SpecialType.System_Object)
            {
                break;
            }

            foreach (var source in _sources)
            {
                if (source.OwnTypeOrigin(current.OriginalDefinition) is { } origin)
                {
                    return origin;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether no type a value of <paramref name="type"/> reaches through its shown members (as <see cref="CollectMemberOrigins"/>
    /// follows them, stand-ins aside) is classified or has a classified member: then it contains nothing, in the order-free sense
    /// that needs no closure built. Every type of a search that finds nothing is kept, so the compilation's types are read once
    /// for all the questions that find nothing (most of them), not once per question; a search that finds something stops there
    /// and leaves the answer to the closure.
    /// </summary>
    private bool ReachesNothingClassified(ITypeSymbol type)
    {
        var start = ContainmentNode(type);
        if (start is null || _reachesNothing.ContainsKey(start))
        {
            return true;
        }

        // Types as used, not definitions: a reach that finds nothing must have read every type the closure could read.
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default) { start };
        var next = new Stack<INamedTypeSymbol>();
        next.Push(start);
        while (next.Count > 0)
        {
            var node = next.Pop();
            if (GetTypeOrigin(node) is not null)
            {
                return false;
            }

            for (INamedTypeSymbol? current = node; current is not null && CanBeAnnotated(current); current = current.BaseType)
            {
                foreach (var member in ShownMembers(current))
                {
                    if (member.Origin is not null)
                    {
                        return false;
                    }

                    if (ContainmentNode(member.Type) is { } reached && !_reachesNothing.ContainsKey(reached) && seen.Add(reached))
                    {
                        next.Push(reached);
                    }
                }
            }
        }

        foreach (var node in seen)
        {
            _reachesNothing.TryAdd(node, true);
        }

        return true;
    }

    // The type whose members a containment question reads for a value of `type`: a collection's element type, `T?` unwrapped; null
    // when its members cannot be classified.
    private INamedTypeSymbol? ContainmentNode(ITypeSymbol type)
    {
        type = UnwrapNullable(type) ?? type;
        if (ElementTypeOf(type) is { } element)
        {
            type = UnwrapNullable(element) ?? element;
        }

        return type is INamedTypeSymbol named && CanBeAnnotated(named) ? named : null;
    }

    private void CollectMemberOrigins(ITypeSymbol type, List<SensitiveOrigin> found, HashSet<ITypeSymbol> visited, bool printedOnly, bool destructuredByLogger, int depth, bool ownOnly = false)
    {
        // Each type is visited once, but a chain of distinct member types nests the recursion.
        if (!StackGuard.MayDescend(depth))
        {
            return;
        }

        type = UnwrapNullable(type) ?? type;
        if (printedOnly && !PrintsMembers(type))
        {
            return;
        }

        var element = printedOnly ? null : ElementTypeOf(type);
        if (element is not null)
        {
            type = UnwrapNullable(element) ?? element;
        }

        if (type is not INamedTypeSymbol named || !CanBeAnnotated(named) || !visited.Add(named.OriginalDefinition))
        {
            return;
        }

        var typeOrigin = GetTypeOrigin(named);
        if (typeOrigin is not null)
        {
            AddDistinct(found, typeOrigin);
        }

        for (INamedTypeSymbol? current = named; current is not null && CanBeAnnotated(current); current = current.BaseType)
        {
            foreach (var member in ShownMembers(current))
            {
                // What each rendering skips (docs/design/value-flow-engine.md, "Containers"): a logger's destructuring honours
                // Destructurama's attributes, a serialiser its own; a record's printing and a mapper's store skip neither.
                if (destructuredByLogger ? member.SkippedByLogDestructuring : !printedOnly && !ownOnly && member.SkippedBySerializers)
                {
                    continue;
                }

                if (member.Origin is not null)
                {
                    AddDistinct(found, member.Origin);
                }

                if (!ownOnly)
                {
                    CollectMemberOrigins(member.Type, found, visited, printedOnly, destructuredByLogger, depth + 1);
                }
            }
        }
    }

    // Serialisers, destructuring and record printing all see public instance fields and properties only (not indexers); which
    // of them a rendering skips is marked (CollectMemberOrigins). Asked for every type each containment question reaches, so
    // kept per type.
    private ImmutableArray<ShownMember> ShownMembers(INamedTypeSymbol type)
    {
        if (_shownMembers.TryGetValue(type, out var known))
        {
            return known;
        }

        var shown = ImmutableArray.CreateBuilder<ShownMember>();
        foreach (var member in type.GetMembers())
        {
            if (member.IsStatic || (member.IsImplicitlyDeclared && !type.IsAnonymousType) || member.DeclaredAccessibility != Accessibility.Public)
            {
                continue;
            }

            var memberType = member switch
            {
                IFieldSymbol field => field.Type,
                IPropertySymbol { IsIndexer: false } property => property.Type,
                _ => null,
            };
            if (memberType is not null)
            {
                shown.Add(new ShownMember(memberType, GetMemberOrigin(member), IsIgnoredByLogDestructuring(member), IsIgnoredBySerializers(member)));
            }
        }

        return _shownMembers.GetOrAdd(type, shown.ToImmutable());
    }

    private readonly struct ShownMember
    {
        public ShownMember(ITypeSymbol type, SensitiveOrigin? origin, bool skippedByLogDestructuring, bool skippedBySerializers)
        {
            Type = type;
            Origin = origin;
            SkippedByLogDestructuring = skippedByLogDestructuring;
            SkippedBySerializers = skippedBySerializers;
        }

        public ITypeSymbol Type { get; }

        public SensitiveOrigin? Origin { get; }

        public bool SkippedByLogDestructuring { get; }

        /// <summary><c>[JsonIgnore]</c>, <c>[IgnoreDataMember]</c>, <c>[XmlIgnore]</c>: a serialiser leaves the member out.</summary>
        public bool SkippedBySerializers { get; }
    }

    internal static bool IsIgnoredBySerializers(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            // `[JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]` still writes every value that is set: only Always
            // (the default) leaves the member out.
            if (attribute.AttributeClass is { Name: "JsonIgnoreAttribute" or "IgnoreDataMemberAttribute" or "XmlIgnoreAttribute" } ignore
                && !(ignore.Name == "JsonIgnoreAttribute" && IsConditional(attribute)))
            {
                return true;
            }
        }

        return false;
    }

    // Destructurama.Attributed: [NotLogged] leaves the member out, [LogMasked] writes it masked.
    // System.Text.Json's JsonIgnoreCondition.Always is 1; Never, WhenWritingDefault and WhenWritingNull write the member.
    private static bool IsConditional(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Condition" && argument.Value.Value is int condition && condition != 1)
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsIgnoredByLogDestructuring(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "NotLoggedAttribute" or "LogMaskedAttribute" })
            {
                return true;
            }
        }

        return false;
    }

    private static void AddDistinct(List<SensitiveOrigin> list, SensitiveOrigin origin)
    {
        if (!list.Contains(origin))
        {
            list.Add(origin);
        }
    }

    private bool CanBeAnnotated(ISymbol symbol)
    {
        var assembly = symbol.ContainingAssembly;
        if (assembly is null)
        {
            // Parameters of lambdas and local functions sit in the compilation's own assembly; only
            // symbols with no assembly at all (errors) land here.
            return symbol.Kind == SymbolKind.Parameter;
        }

        // The compilation's own symbols, the most asked about, skip the lookup.
        if (ReferenceEquals(assembly, _compilation.Assembly))
        {
            return true;
        }

        return _assemblyCanBeAnnotated.TryGetValue(assembly, out var known)
            ? known
            : _assemblyCanBeAnnotated.GetOrAdd(assembly, ComputeCanBeAnnotated(assembly));
    }

    // Asked once: the sources read what they may classify (AttributeOrigins reads the types of the compilation and of the libraries
    // that see the attribute). A race only asks twice, with the same answer.
    private bool MayClassifyTypes()
    {
        var known = Volatile.Read(ref _typesClassified);
        if (known == 0)
        {
            known = 2;
            foreach (var source in _sources)
            {
                if (source.MayClassifySomeType())
                {
                    known = 1;
                    break;
                }
            }

            Volatile.Write(ref _typesClassified, known);
        }

        return known == 1;
    }

    /// <summary>
    /// Whether some source may classify a parameter of <paramref name="owner"/> (a method, constructor or accessor): false
    /// answers every question about its parameters at once.
    /// </summary>
    /// <remarks>
    /// A parameter may be classified where some source names its owner (a method or constructor of that name, or, in C#, an override
    /// or implementation of one) or where one may classify any. Another language's override or implementation may have another name
    /// (VB's `Sub Register(record) Implements IClinic.Admit`): overrides and explicit implementations are asked about as before.
    /// </remarks>
    internal bool MayClassifyParameterOf(ISymbol owner) =>
        _parameterOwners.Value.Names is not { } some
        || (some.Count != 0
            && ((AttributeOrigins.ParameterOwner(owner) is { } name && some.Contains(name))
                || owner is IMethodSymbol { IsOverride: true } or IMethodSymbol { ExplicitInterfaceImplementations.IsEmpty: false }));

    private ParameterOwnerSet ReadParameterOwners()
    {
        var names = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);
        foreach (var source in _sources)
        {
            if (source.ParameterOwners() is not { } owners)
            {
                return new ParameterOwnerSet(null);
            }

            names = names.Union(owners);
        }

        return new ParameterOwnerSet(new HashSet<string>(names, StringComparer.Ordinal));
    }

    private sealed class ParameterOwnerSet
    {
        public ParameterOwnerSet(HashSet<string>? names) => Names = names;

        /// <summary>
        /// Null: any parameter may be classified. Read-only once made, and asked for every parameter a body reads or passes: a hash
        /// set answers in a fraction of an immutable set's tree walk (benchmarks/results.md, session 52).
        /// </summary>
        public HashSet<string>? Names { get; }
    }

    // Only assemblies some source can classify are searched; skipping the rest keeps the model from walking
    // the framework's types.
    private bool ComputeCanBeAnnotated(IAssemblySymbol assembly)
    {
        foreach (var source in _sources)
        {
            if (source.MayClassifyIn(assembly))
            {
                return true;
            }
        }

        return false;
    }

    private static ITypeSymbol? UnwrapNullable(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : type;
}
