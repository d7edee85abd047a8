using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Knowledge;

/// <summary>The sink tables resolved against one compilation; answers are cached per method and kind.</summary>
internal sealed class SinkCatalog
{
    private readonly ImmutableArray<ResolvedSinkEntry> _entries;
    private readonly ImmutableHashSet<ITypeSymbol> _controlTypes;
    private readonly INamedTypeSymbol? _iLogger;
    private readonly INamedTypeSymbol? _loggerMessageAttribute;
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _mayCarryLoggerMessage = new(DefinitionIdentity<IAssemblySymbol>.Instance);

    // One cache per kind, indexed by the kind: a kind added to the enum gets its own.
    private readonly ConcurrentDictionary<IMethodSymbol, SinkMatch?>[] _caches;

    // Every kind a method is a sink of, asked first for every call of every surveyed body: most methods are no sink, and
    // the rows a method could match are found by its name (docs/design/architecture.md, "Knowledge").
    private readonly ConcurrentDictionary<IMethodSymbol, SinkKinds> _kinds;
    private readonly Dictionary<string, ImmutableArray<ResolvedSinkEntry>> _byName;
    private readonly ImmutableArray<(string Prefix, ResolvedSinkEntry Entry)> _byPrefix;

    // The compilation whose own setters an OwnSetters row matches.
    private readonly IAssemblySymbol _assembly;

    // Sinks declared for one compilation by method (annotation files), before any row.
    private readonly ImmutableDictionary<IMethodSymbol, DeclaredSink> _declared;

    public SinkCatalog(Compilation compilation)
        : this(compilation, KnowledgeTables.BuiltIn)
    {
    }

    public SinkCatalog(Compilation compilation, KnowledgeTables tables, ImmutableDictionary<IMethodSymbol, DeclaredSink>? declared = null)
    {
        _declared = declared ?? ImmutableDictionary<IMethodSymbol, DeclaredSink>.Empty;

        // Five callees per file on grandnode2 (Framework/CacheCapacity.cs).
        _kinds = CacheCapacity.Create<IMethodSymbol, SinkKinds>(compilation, perFile: 5, DefinitionIdentity<IMethodSymbol>.Instance);
        var entries = ImmutableArray.CreateBuilder<ResolvedSinkEntry>();
        _assembly = compilation.Assembly;
        foreach (var entry in tables.Sinks)
        {
            if (compilation.GetTypeByMetadataName(entry.TypeName) is not { } type
                || (entry.RequiredType is not null && compilation.GetTypeByMetadataName(entry.RequiredType) is null))
            {
                continue;
            }

            var receiverType = entry.ReceiverType is null ? null : compilation.GetTypeByMetadataName(entry.ReceiverType);

            // A sink only on receivers read from a type this compilation lacks (a System.Web cookie's values) is no sink here.
            if (entry.ReceiverType is not null && receiverType is null && !entry.ReceiverExcluded)
            {
                continue;
            }
            var excluded = Resolve(compilation, entry.ExcludedReceiverTypes);

            var excludedMembers = ImmutableArray.CreateBuilder<(INamedTypeSymbol, string)>();
            foreach (var qualified in entry.ExcludedReceiverMembers)
            {
                var dot = qualified.LastIndexOf('.');
                if (dot > 0 && compilation.GetTypeByMetadataName(qualified.Substring(0, dot)) is { } owner)
                {
                    excludedMembers.Add((owner, qualified.Substring(dot + 1)));
                }
            }

            var targets = Resolve(compilation, entry.TargetTypes);

            // A row that must write into types this compilation does not have writes nowhere it could see.
            if (entry.TargetTypes.Length > 0 && targets.IsEmpty)
            {
                continue;
            }

            entries.Add(new ResolvedSinkEntry(entry, type, receiverType, excluded, excludedMembers.ToImmutable(), targets,
                Resolve(compilation, entry.WrapperTypes), Resolve(compilation, entry.WrappedTypes), Resolve(compilation, entry.EncryptingTypes)));
        }

        _entries = entries.ToImmutable();
        (_byName, _byPrefix) = IndexByName(_entries);
        var controlTypes = ImmutableHashSet.CreateBuilder<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in ControlTypes.Names)
        {
            var type = compilation.GetTypeByMetadataName(name);
            if (type is not null)
            {
                controlTypes.Add(type);
            }
        }

        _controlTypes = controlTypes.ToImmutable();
        _iLogger = compilation.GetTypeByMetadataName(WellKnownTypes.ILogger);
        _loggerMessageAttribute = compilation.GetTypeByMetadataName(WellKnownTypes.LoggerMessageAttribute);
        _caches = new ConcurrentDictionary<IMethodSymbol, SinkMatch?>[SinkKindSet.All.Length];
        for (var i = 0; i < _caches.Length; i++)
        {
            _caches[i] = new ConcurrentDictionary<IMethodSymbol, SinkMatch?>(DefinitionIdentity<IMethodSymbol>.Instance);
        }
    }

    /// <summary>The logging sink <paramref name="method"/> is, or <see langword="null"/>.</summary>
    public SinkMatch? Match(IMethodSymbol? method) => Match(method, SinkKind.Logging);

    /// <summary>
    /// The sink of <paramref name="kind"/> that <paramref name="method"/> is, or <see langword="null"/>. One
    /// method can be a sink of two kinds (TextWriter.Write: Console.Out, or a writer over a socket); receiver
    /// and channel conditions are the caller's to check (<see cref="SinkMatch.AcceptsReceiver"/>).
    /// </summary>
    public SinkMatch? Match(IMethodSymbol? method, SinkKind kind)
    {
        if (method is null)
        {
            return null;
        }

        var key = Key(method);
        if (!KindsOfKey(key).Contains(kind))
        {
            return null;
        }

        var cache = _caches[(int)kind];
        return cache.TryGetValue(key, out var cached) ? cached : cache.GetOrAdd(key, Compute(key, kind));
    }

    /// <summary>Every kind of sink <paramref name="method"/> is (as <see cref="Match(IMethodSymbol?, SinkKind)"/> answers kind by kind).</summary>
    public SinkKinds KindsOf(IMethodSymbol method) => KindsOfKey(Key(method));

    private SinkKinds KindsOfKey(IMethodSymbol key) =>
        _kinds.TryGetValue(key, out var kinds) ? kinds : _kinds.GetOrAdd(key, ComputeKinds(key));

    private SinkKinds ComputeKinds(IMethodSymbol method)
    {
        if (method.ContainingType is not { } type)
        {
            return SinkKinds.None;
        }

        // A sink declared for the method (an annotation file) is of its kind only, as Compute answers.
        if (!_declared.IsEmpty && _declared.TryGetValue(method, out var declared))
        {
            return SinkKindSet.Of(declared.Kind);
        }

        var kinds = SinkKinds.None;
        if (_byName.TryGetValue(method.Name, out var named))
        {
            foreach (var resolved in named)
            {
                if (!kinds.Contains(resolved.Entry.Kind) && Applies(resolved, method, type))
                {
                    kinds |= SinkKindSet.Of(resolved.Entry.Kind);
                }
            }
        }

        foreach (var (prefix, resolved) in _byPrefix)
        {
            if (!kinds.Contains(resolved.Entry.Kind) && NamePattern.Matches(prefix, method.Name) && Applies(resolved, method, type))
            {
                kinds |= SinkKindSet.Of(resolved.Entry.Kind);
            }
        }

        return kinds.Contains(SinkKind.Logging) || !IsLoggingBeyondRows(method, type) ? kinds : kinds | SinkKindSet.Of(SinkKind.Logging);
    }

    // Each row under every name it matches: an exact name in the dictionary, a prefix (`Log*`) in the list asked for every method.
    private static (Dictionary<string, ImmutableArray<ResolvedSinkEntry>>, ImmutableArray<(string, ResolvedSinkEntry)>) IndexByName(ImmutableArray<ResolvedSinkEntry> entries)
    {
        var byName = new Dictionary<string, ImmutableArray<ResolvedSinkEntry>>(System.StringComparer.Ordinal);
        var byPrefix = ImmutableArray.CreateBuilder<(string, ResolvedSinkEntry)>();
        foreach (var resolved in entries)
        {
            foreach (var pattern in resolved.Entry.Members)
            {
                if (pattern.Length > 0 && pattern[pattern.Length - 1] == '*')
                {
                    byPrefix.Add((pattern, resolved));
                }
                else
                {
                    byName[pattern] = byName.TryGetValue(pattern, out var listed) ? listed.Add(resolved) : ImmutableArray.Create(resolved);
                }
            }
        }

        return (byName, byPrefix.ToImmutable());
    }

    /// <summary>The method a sink answer is cached for: delegate invokes keep their type arguments (Action&lt;ILogger, T&gt; is recognised by them).</summary>
    public static IMethodSymbol Key(IMethodSymbol method) =>
        method.MethodKind == MethodKind.DelegateInvoke ? method : method.ReducedFrom ?? method.OriginalDefinition;

    private SinkMatch? Compute(IMethodSymbol method, SinkKind kind)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return null;
        }

        if (!_declared.IsEmpty && _declared.TryGetValue(method, out var declared))
        {
            if (declared.Kind != kind)
            {
                return null;
            }

            var row = new SinkEntry(kind, type.MetadataName, new[] { method.Name }, channel: declared.Channel);
            var parameters = declared.Parameters.IsDefault
                ? DataParameters(method)
                : method.Parameters.Where(p => declared.Parameters.Contains(p.Ordinal)).ToImmutableArray();
            return new SinkMatch(kind, DisplayName(method), new ResolvedSinkEntry(row, type, null, ImmutableArray<INamedTypeSymbol>.Empty), parameters);
        }

        foreach (var resolved in _entries)
        {
            if (resolved.Entry.Kind == kind && resolved.Entry.MatchesName(method.Name) && Applies(resolved, method, type))
            {
                if (resolved.TargetTypes.IsEmpty)
                {
                    return new SinkMatch(kind, DisplayName(method), resolved, DataParameters(method));
                }

                // The overloads with a parameter a target can be passed to write there; the others (`Serialize(value)` returning
                // text) are no sink of this row.
                var targets = TargetParameters(method, resolved.TargetTypes);
                if (!targets.IsEmpty)
                {
                    return new SinkMatch(kind, DisplayName(method), resolved, DataParameters(method).RemoveAll(p => targets.Any(t => t.Ordinal == p.Ordinal)), targets);
                }
            }
        }

        if (kind != SinkKind.Logging)
        {
            return null;
        }

        // [LoggerMessage] partial methods: the generated body logs every argument but the logger.
        if (HasLoggerMessageAttribute(method))
        {
            return new SinkMatch(SinkKind.Logging, DisplayName(method), null, DataParameters(method));
        }

        // LoggerMessage.Define returns Action<ILogger, T1, …, Exception?>; invoking one logs T1…Tn.
        if (IsLoggerMessageDelegate(method, type))
        {
            return new SinkMatch(SinkKind.Logging, "LoggerMessage.Define delegate", null, DataParameters(method));
        }

        return null;
    }

    // A row's type, or, for a row of the compilation's own setters, such a setter (SinkEntry.OwnSetters).
    private bool Applies(ResolvedSinkEntry resolved, IMethodSymbol method, INamedTypeSymbol type) =>
        resolved.Entry.OwnSetters ? IsOwnSetter(method, type) : TypeHierarchy.IsOrInherits(type, resolved.Type);

    // What an EF Core entity can map as a column: an instance auto-property of a class of this compilation holding a value as it is
    // (text, bytes, numbers, dates, nullable or not; not another entity or a collection, which are stored as their own rows). A
    // property with a body of its own may store something else than it is given (a setter that encrypts into its field).
    private bool IsOwnSetter(IMethodSymbol method, INamedTypeSymbol type) =>
        method.MethodKind == MethodKind.PropertySet && type.TypeKind == TypeKind.Class
        && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _assembly)
        && method.AssociatedSymbol is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property
        && HoldsColumnValue(property.Type) && IsAutoProperty(property);

    private static bool HoldsColumnValue(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments: { Length: 1 } arguments })
        {
            type = arguments[0];
        }

        return type.SpecialType is not (SpecialType.None or SpecialType.System_Object or SpecialType.System_Boolean)
            || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }
            || type is INamedTypeSymbol { Name: "DateTimeOffset" or "DateOnly" or "TimeOnly", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
    }

    // Asked once per setter (the answers are cached by method); the cross-method pass keeps its own per-type record.
    private static bool IsAutoProperty(IPropertySymbol property) => SymbolTypes.HasBackingField(property);

    private bool IsLoggingBeyondRows(IMethodSymbol method, INamedTypeSymbol type) =>
        HasLoggerMessageAttribute(method) || IsLoggerMessageDelegate(method, type);

    private bool HasLoggerMessageAttribute(IMethodSymbol method)
    {
        // Only the attribute's assembly and those built against it can carry it: the framework's methods, most callees, keep their
        // attributes unread (decoding them costs).
        if (_loggerMessageAttribute is not null && method.ContainingAssembly is { } assembly
            && (_mayCarryLoggerMessage.TryGetValue(assembly, out var may) ? may : _mayCarryLoggerMessage.GetOrAdd(assembly, Model.KnownSymbols.MayCarry(assembly, _loggerMessageAttribute))))
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _loggerMessageAttribute))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool IsLoggerMessageDelegate(IMethodSymbol method, INamedTypeSymbol type) =>
        _iLogger is not null && method.MethodKind == MethodKind.DelegateInvoke
        && type.TypeArguments.Length > 1
        && SymbolEqualityComparer.Default.Equals(type.TypeArguments[0], _iLogger)
        && type.OriginalDefinition.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }
        && type.Name == "Action";

    private static ImmutableArray<INamedTypeSymbol> Resolve(Compilation compilation, string[] names)
    {
        var types = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in names)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                types.Add(type);
            }
        }

        return types.ToImmutable();
    }

    private static ImmutableArray<IParameterSymbol> TargetParameters(IMethodSymbol method, ImmutableArray<INamedTypeSymbol> targetTypes)
    {
        var builder = ImmutableArray.CreateBuilder<IParameterSymbol>();
        foreach (var parameter in method.Parameters)
        {
            // A stream parameter, not `object`, which a FileStream could be passed to as well as the value written.
            if (parameter.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None })
            {
                continue;
            }

            foreach (var target in targetTypes)
            {
                if (TypeHierarchy.IsOrInherits(target, parameter.Type))
                {
                    builder.Add(parameter);
                    break;
                }
            }
        }

        return builder.ToImmutable();
    }

    private ImmutableArray<IParameterSymbol> DataParameters(IMethodSymbol method)
    {
        var builder = ImmutableArray.CreateBuilder<IParameterSymbol>();
        foreach (var parameter in method.Parameters)
        {
            if (!IsControlType(parameter.Type))
            {
                builder.Add(parameter);
            }
        }

        return builder.ToImmutable();
    }

    private bool IsControlType(ITypeSymbol type)
    {
        foreach (var candidate in TypeHierarchy.SelfBaseTypesAndInterfaces(type))
        {
            if (_controlTypes.Contains(candidate.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    // Extension methods read as the user wrote them: ILogger.LogInformation, not LoggerExtensions.LogInformation;
    // constructors as `new InvalidOperationException`.
    private static string DisplayName(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.Constructor)
        {
            return "new " + method.ContainingType.Name;
        }

        var owner = method.IsExtensionMethod && method.Parameters.Length > 0
            ? method.Parameters[0].Type.Name
            : method.ContainingType.Name;
        return owner + "." + (method.AssociatedSymbol is IPropertySymbol property ? property.Name : method.Name);
    }
}

/// <summary>A sink declared for one method (an annotation file): its kind, the parameters that carry data (default: as for a row), its channel.</summary>
internal readonly struct DeclaredSink
{
    public DeclaredSink(SinkKind kind, ImmutableArray<int> parameters, NetworkChannel channel)
    {
        Kind = kind;
        Parameters = parameters;
        Channel = channel;
    }

    public SinkKind Kind { get; }

    /// <summary>Ordinals of the data parameters; default when the entry names none.</summary>
    public ImmutableArray<int> Parameters { get; }

    public NetworkChannel Channel { get; }
}
