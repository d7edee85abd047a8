using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Engine;

/// <summary>What a call does to the sensitivity of the values passing through it.</summary>
internal enum CallEffect
{
    /// <summary>The result is not sensitive: no guessing about calls the tables do not know.</summary>
    None,

    /// <summary>Masks, redacts, hashes or encrypts: the result is safe whatever went in.</summary>
    Sanitizes,

    /// <summary>The result carries the receiver's and the arguments' data (string, Convert, LINQ…).</summary>
    Propagates,

    /// <summary>As <see cref="Propagates"/>, and the arguments' data is added to the receiver (<c>sb.Append(x)</c>, <c>list.Add(x)</c>).</summary>
    PropagatesIntoReceiver,

    /// <summary>Serialises its arguments' members: a container's sensitive members end up in the result.</summary>
    Renders,
}

/// <summary>One row of a transfer table: methods of a type (optionally of types deriving from it) by name pattern.</summary>
internal sealed class TransferEntry
{
    public TransferEntry(CallEffect effect, string typeName, string[] members, bool includeDerived = false)
    {
        Effect = effect;
        TypeName = typeName;
        Members = members;
        IncludeDerived = includeDerived;
    }

    public CallEffect Effect { get; }

    public string TypeName { get; }

    public string[] Members { get; }

    public bool IncludeDerived { get; }
}

/// <summary>
/// The sanitizer and propagation tables of rules.md ("What counts as sensitive data"), resolved against
/// one compilation. Answers are cached per method and per type.
/// </summary>
internal sealed class TransferCatalog
{
    private static readonly string[] Any = { "*" };
    private static readonly string[] HashData = { "HashData*", "TryHashData" };

    // Order matters: the first row that matches decides.
    private static readonly TransferEntry[] Table =
    {
        // Sanitizers: masking, redaction, cryptographic hashes and HMACs, encryption.
        new(CallEffect.Sanitizes, "SensitivePi.PiMask", Any),
        new(CallEffect.Sanitizes, "Microsoft.Extensions.Compliance.Redaction.Redactor", new[] { "Redact", "TryRedact" }, includeDerived: true),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.HashAlgorithm", new[] { "ComputeHash*", "TryComputeHash" }, includeDerived: true),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.MD5", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.SHA1", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.SHA256", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.SHA384", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.SHA512", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.SHA3_256", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.SHA3_384", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.SHA3_512", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.HMACMD5", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.HMACSHA1", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.HMACSHA256", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.HMACSHA384", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.HMACSHA512", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.HMACSHA3_256", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.HMACSHA3_384", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.HMACSHA3_512", HashData),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.IncrementalHash", new[] { "GetHashAndReset", "GetCurrentHash", "TryGetHashAndReset", "TryGetCurrentHash" }),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.Rfc2898DeriveBytes", new[] { "Pbkdf2", "GetBytes" }),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.HKDF", new[] { "DeriveKey", "Extract", "Expand" }),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.SymmetricAlgorithm", new[] { "Encrypt*" }, includeDerived: true),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.ICryptoTransform", new[] { "TransformFinalBlock" }, includeDerived: true),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.RSA", new[] { "Encrypt" }, includeDerived: true),
        new(CallEffect.Sanitizes, "System.Security.Cryptography.ProtectedData", new[] { "Protect" }),
        new(CallEffect.Sanitizes, "Microsoft.AspNetCore.DataProtection.IDataProtector", new[] { "Protect" }, includeDerived: true),
        new(CallEffect.Sanitizes, "Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions", new[] { "Protect" }),

        // Serialisers render every member of what they are given.
        new(CallEffect.Renders, "System.Text.Json.JsonSerializer", new[] { "Serialize*" }),
        new(CallEffect.Renders, "Newtonsoft.Json.JsonConvert", new[] { "SerializeObject*" }),
        new(CallEffect.Renders, "System.Xml.Serialization.XmlSerializer", new[] { "Serialize" }),
        new(CallEffect.Renders, "System.Runtime.Serialization.XmlObjectSerializer", new[] { "WriteObject" }, includeDerived: true),
        new(CallEffect.Renders, "System.Net.Http.Json.JsonContent", new[] { "Create" }),

        // Builders that take the data into themselves and return themselves.
        new(CallEffect.PropagatesIntoReceiver, "System.Text.StringBuilder", new[] { "Append*", "Insert", "Replace" }),

        // Text, bytes and elements of a value carry its data.
        new(CallEffect.Propagates, "System.String", Any),
        new(CallEffect.Propagates, "System.Text.StringBuilder", Any),
        new(CallEffect.Propagates, "System.MemoryExtensions", Any),
        new(CallEffect.Propagates, "System.Span`1", Any),
        new(CallEffect.Propagates, "System.ReadOnlySpan`1", Any),
        new(CallEffect.Propagates, "System.Memory`1", Any),
        new(CallEffect.Propagates, "System.ReadOnlyMemory`1", Any),
        new(CallEffect.Propagates, "System.Convert", Any),
        new(CallEffect.Propagates, "System.Text.Encoding", Any, includeDerived: true),
        new(CallEffect.Propagates, "System.BitConverter", Any),
        new(CallEffect.Propagates, "System.Uri", Any),
        new(CallEffect.Propagates, "System.Net.WebUtility", Any),
        new(CallEffect.Propagates, "System.Web.HttpUtility", Any),
        new(CallEffect.Propagates, "System.Text.Encodings.Web.TextEncoder", Any, includeDerived: true),
        new(CallEffect.Propagates, "System.Array", Any),
        new(CallEffect.Propagates, "System.IO.MemoryStream", new[] { "ToArray", "GetBuffer", "TryGetBuffer" }),
        new(CallEffect.Propagates, "System.Tuple", Any),
        new(CallEffect.Propagates, "System.ValueTuple", Any),
        new(CallEffect.Propagates, "System.Linq.Enumerable", Any),
        new(CallEffect.Propagates, "System.Linq.Queryable", Any),
    };

    private static readonly string[] CollectionMutators = { "Add*", "Insert*", "Push*", "Enqueue*", "TryAdd", "AddOrUpdate", "GetOrAdd", "UnionWith", "CopyTo" };

    // Facts about a value, not the value: lengths, counts, positions, comparisons.
    private static readonly string[] FactMembers =
    {
        "Length", "LongLength", "Count", "LongCount", "Capacity", "MaxCapacity", "IndexOf*", "LastIndexOf*",
        "Compare*", "GetHashCode", "GetType", "Get*Count", "GetMax*Count", "Rank", "GetLength", "GetLongLength",
    };

    private readonly ImmutableArray<(INamedTypeSymbol Type, TransferEntry Entry)> _entries;
    private readonly KnownSymbols _symbols;
    private readonly INamedTypeSymbol? _interpolatedStringHandlerAttribute;
    private readonly ConcurrentDictionary<IMethodSymbol, CallEffect> _methodCache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _carrierCache = new(SymbolEqualityComparer.Default);

    public TransferCatalog(Compilation compilation, KnownSymbols symbols)
    {
        _symbols = symbols;
        var entries = ImmutableArray.CreateBuilder<(INamedTypeSymbol, TransferEntry)>();
        foreach (var entry in Table)
        {
            if (compilation.GetTypeByMetadataName(entry.TypeName) is { } type)
            {
                entries.Add((type, entry));
            }
        }

        _entries = entries.ToImmutable();
        _interpolatedStringHandlerAttribute = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.InterpolatedStringHandlerAttribute");
    }

    /// <summary>The effect of calling <paramref name="method"/> on the sensitivity of its result.</summary>
    public CallEffect GetEffect(IMethodSymbol method)
    {
        var key = method.ReducedFrom ?? method.OriginalDefinition;
        return _methodCache.TryGetValue(key, out var cached) ? cached : _methodCache.GetOrAdd(key, Compute(key));
    }

    /// <summary>A member that reports a fact about a value (its length, a position, a comparison) rather than its content.</summary>
    public static bool IsFact(ISymbol member, ITypeSymbol? resultType) =>
        NamePattern.MatchesAny(FactMembers, member.Name) || IsFactType(resultType);

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
            if (entry.Effect == CallEffect.Propagates && SymbolEqualityComparer.Default.Equals(entryType, type))
            {
                return true;
            }
        }

        return false;
    }

    private CallEffect Compute(IMethodSymbol method)
    {
        if (HasSanitizerAttribute(method))
        {
            return CallEffect.Sanitizes;
        }

        var type = method.ContainingType;
        if (type is null)
        {
            return CallEffect.None;
        }

        foreach (var (entryType, entry) in _entries)
        {
            if (NamePattern.MatchesAny(entry.Members, method.Name)
                && (entry.IncludeDerived ? IsOrDerives(type, entryType) : SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, entryType)))
            {
                return entry.Effect;
            }
        }

        if (IsInterpolatedStringHandler(type))
        {
            return method.Name.StartsWith("Append", System.StringComparison.Ordinal) ? CallEffect.PropagatesIntoReceiver : CallEffect.Propagates;
        }

        if (InCollectionNamespace(type) || (type.ContainingType is { } outer && InCollectionNamespace(outer)))
        {
            return NamePattern.MatchesAny(CollectionMutators, method.Name) ? CallEffect.PropagatesIntoReceiver : CallEffect.Propagates;
        }

        // rules.md: ToString() of a sensitive value is sensitive, whatever declares it.
        return method.Name == "ToString" && !method.IsStatic ? CallEffect.Propagates : CallEffect.None;
    }

    // Users may mark an interface or base method; implementations and overrides inherit the promise.
    private bool HasSanitizerAttribute(IMethodSymbol method)
    {
        foreach (var holder in MemberHierarchy.SelfOverriddenAndImplemented(method))
        {
            if (HasOwnSanitizerAttribute(holder))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasOwnSanitizerAttribute(IMethodSymbol method)
    {
        if (_symbols.MasksPersonalInfoAttribute is null && _symbols.EncryptsPersonalInfoAttribute is null)
        {
            return false;
        }

        foreach (var attribute in method.OriginalDefinition.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.MasksPersonalInfoAttribute)
                || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.EncryptsPersonalInfoAttribute))
            {
                return true;
            }
        }

        return false;
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

    private static bool IsOrDerives(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The table, for tests and docs.</summary>
    internal static IReadOnlyList<TransferEntry> Entries => Table;
}
