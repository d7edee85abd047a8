using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Knowledge;

/// <summary>How a network sink's channel is decided.</summary>
internal enum NetworkChannel
{
    None,

    /// <summary>By the request URI's scheme, or the client's BaseAddress for a relative URI.</summary>
    Http,

    /// <summary>By the scheme of the URI given to ConnectAsync on the same socket.</summary>
    WebSocket,

    /// <summary>By EnableSsl on the client.</summary>
    Smtp,

    /// <summary>Raw sockets and network streams: plaintext unless wrapped in SslStream.</summary>
    Raw,

    /// <summary>A StreamWriter or BinaryWriter: plaintext when created over a NetworkStream, encrypted over an SslStream.</summary>
    Writer,

    /// <summary>A stream from FtpWebRequest.GetRequestStream: plaintext unless EnableSsl is set on the request.</summary>
    FtpStream,

    /// <summary>Declared encrypted by the team (an annotation file's sink with <c>"encrypted": true</c>).</summary>
    DeclaredEncrypted,
}

/// <summary>
/// One row of a sink table: methods of <see cref="TypeName"/> (or of types deriving from or implementing
/// it) whose name is in <see cref="Members"/> (a trailing <c>*</c> is a prefix). Only strings here: the
/// tables are static, the symbols they resolve to live per compilation in <see cref="SinkCatalog"/>.
/// </summary>
internal sealed class SinkEntry
{
    public SinkEntry(
        SinkKind kind,
        string typeName,
        string[] members,
        string? receiverType = null,
        string[]? receiverMembers = null,
        bool rendersCollections = true,
        NetworkChannel channel = NetworkChannel.None,
        bool serializes = false,
        bool receiverExcluded = false,
        string[]? excludedReceiverTypes = null,
        bool storesEntities = false,
        string[]? excludedReceiverMembers = null,
        string[]? targetTypes = null,
        bool receiverIsData = false,
        string[]? wrapperTypes = null,
        string[]? wrappedTypes = null,
        string[]? encryptingTypes = null,
        bool copiesByName = false,
        bool ownSetters = false,
        string? requiredType = null)
    {
        OwnSetters = ownSetters;
        RequiredType = requiredType;
        CopiesByName = copiesByName;
        EncryptingTypes = encryptingTypes ?? Array.Empty<string>();
        WrapperTypes = wrapperTypes ?? Array.Empty<string>();
        WrappedTypes = wrappedTypes ?? Array.Empty<string>();
        TargetTypes = targetTypes ?? Array.Empty<string>();
        ReceiverIsData = receiverIsData;
        ExcludedReceiverMembers = excludedReceiverMembers ?? Array.Empty<string>();
        StoresEntities = storesEntities;
        ExcludedReceiverTypes = excludedReceiverTypes ?? Array.Empty<string>();
        ReceiverExcluded = receiverExcluded;
        Channel = channel;
        Serializes = serializes;
        Kind = kind;
        TypeName = typeName;
        Members = members;
        ReceiverType = receiverType;
        ReceiverMembers = receiverMembers ?? Array.Empty<string>();
        RendersCollections = rendersCollections;
    }

    /// <summary>
    /// Whether an array or collection argument is written element by element (structured loggers) rather
    /// than through <c>ToString()</c>, which prints only its type name (Console, Debug, Trace).
    /// </summary>
    public bool RendersCollections { get; }

    public NetworkChannel Channel { get; }

    /// <summary>The data arguments are serialised (JSON content): every public member of an object is sent.</summary>
    public bool Serializes { get; }

    /// <summary>
    /// An object-relational mapper's store of whole entities: which members it keeps, and how, is its model's to say
    /// (mapped, ignored, converted), so what a member may hold at rest is read from the model, not from each call.
    /// </summary>
    public bool StoresEntities { get; }

    public SinkKind Kind { get; }

    /// <summary>
    /// The row matches only setters this compilation declares (of instance properties holding a value as it is, on classes), not
    /// <see cref="TypeName"/>'s: where such a value is kept is the EF Core model's to say (<see cref="SinkKind.EntityMember"/>).
    /// </summary>
    public bool OwnSetters { get; }

    /// <summary>When set, the row is a sink only in a compilation that has this type (the EF Core model's <c>DbContext</c>).</summary>
    public string? RequiredType { get; }

    public string TypeName { get; }

    public string[] Members { get; }

    /// <summary>Receivers of these types (or derived) are not sinks: in-memory streams and writers store nothing.</summary>
    public string[] ExcludedReceiverTypes { get; }

    /// <summary>
    /// Receivers read from these properties (<c>Namespace.Type.Property</c>, the type's own or inherited) are not sinks of
    /// this row: a view's writer is the response, not a file.
    /// </summary>
    public string[] ExcludedReceiverMembers { get; }

    /// <summary>Inverts <see cref="ReceiverType"/>: the call is a sink on any receiver but those static members.</summary>
    public bool ReceiverExcluded { get; }

    /// <summary>When set, the call is a sink only on a receiver read from these members of that type (<c>Console.Out</c>, an exception's <c>Data</c>).</summary>
    public string? ReceiverType { get; }

    public string[] ReceiverMembers { get; }

    /// <summary>
    /// When set, the call is a sink only when it writes into one of these types: an argument of a parameter these types can
    /// be passed to (a <c>Stream</c>) whose value has one of them (a <c>FileStream</c>). That argument is where the data goes,
    /// not data: <c>JsonSerializer.Serialize(file, value)</c> stores, into a memory stream or the response it does not.
    /// </summary>
    public string[] TargetTypes { get; }

    /// <summary>The instance is the data written (<c>IFormFile.CopyToAsync(target)</c>), beside the data parameters.</summary>
    public bool ReceiverIsData { get; }

    /// <summary>
    /// Receivers of these types write into the stream they were created over (<c>new CryptoStream(file, …)</c>): they are
    /// sinks of this row only when that is one of <see cref="WrappedTypes"/>, seen where the receiver was created.
    /// </summary>
    public string[] WrapperTypes { get; }

    /// <summary>What a <see cref="WrapperTypes"/> receiver must have been created over to be a sink (a <c>FileStream</c>).</summary>
    public string[] WrappedTypes { get; }

    /// <summary>
    /// Streams that encrypt what is written through them (a <c>CryptoStream</c>): the receiver, or the stream a writer
    /// receiver was created over (<c>new StreamWriter(crypto)</c>).
    /// </summary>
    public string[] EncryptingTypes { get; }

    /// <summary>
    /// The data argument's members are copied by name into the entity whose change-tracker values the receiver is
    /// (<c>db.Entry(card).CurrentValues.SetValues(form)</c>): what it stores of the argument is its classified members that have
    /// a mapped member of the same name there (docs/design/value-flow-engine.md, "The entity model").
    /// </summary>
    public bool CopiesByName { get; }

    public bool MatchesName(string name) => NamePattern.MatchesAny(Members, name);
}

/// <summary>A sink row resolved against one compilation: its type, and the receiver types its conditions name.</summary>
internal sealed class ResolvedSinkEntry
{
    public ResolvedSinkEntry(SinkEntry entry, INamedTypeSymbol type, INamedTypeSymbol? receiverType, ImmutableArray<INamedTypeSymbol> excludedReceiverTypes,
        ImmutableArray<(INamedTypeSymbol Type, string Member)> excludedReceiverMembers = default, ImmutableArray<INamedTypeSymbol> targetTypes = default,
        ImmutableArray<INamedTypeSymbol> wrapperTypes = default, ImmutableArray<INamedTypeSymbol> wrappedTypes = default,
        ImmutableArray<INamedTypeSymbol> encryptingTypes = default)
    {
        EncryptingTypes = encryptingTypes.IsDefault ? ImmutableArray<INamedTypeSymbol>.Empty : encryptingTypes;
        WrapperTypes = wrapperTypes.IsDefault ? ImmutableArray<INamedTypeSymbol>.Empty : wrapperTypes;
        WrappedTypes = wrappedTypes.IsDefault ? ImmutableArray<INamedTypeSymbol>.Empty : wrappedTypes;
        TargetTypes = targetTypes.IsDefault ? ImmutableArray<INamedTypeSymbol>.Empty : targetTypes;
        ExcludedReceiverMembers = excludedReceiverMembers.IsDefault ? ImmutableArray<(INamedTypeSymbol, string)>.Empty : excludedReceiverMembers;
        Entry = entry;
        Type = type;
        ReceiverType = receiverType;
        ExcludedReceiverTypes = excludedReceiverTypes;
    }

    public SinkEntry Entry { get; }

    public INamedTypeSymbol Type { get; }

    public INamedTypeSymbol? ReceiverType { get; }

    public ImmutableArray<INamedTypeSymbol> ExcludedReceiverTypes { get; }

    /// <summary>The types of <see cref="SinkEntry.WrapperTypes"/> this compilation has.</summary>
    public ImmutableArray<INamedTypeSymbol> WrapperTypes { get; }

    /// <summary>The types of <see cref="SinkEntry.WrappedTypes"/> this compilation has.</summary>
    public ImmutableArray<INamedTypeSymbol> WrappedTypes { get; }

    /// <summary>The types of <see cref="SinkEntry.EncryptingTypes"/> this compilation has.</summary>
    public ImmutableArray<INamedTypeSymbol> EncryptingTypes { get; }

    /// <summary>The types of <see cref="SinkEntry.TargetTypes"/> this compilation has (none: the row was dropped).</summary>
    public ImmutableArray<INamedTypeSymbol> TargetTypes { get; }

    /// <summary>The properties of <see cref="SinkEntry.ExcludedReceiverMembers"/> whose types this compilation has.</summary>
    public ImmutableArray<(INamedTypeSymbol Type, string Member)> ExcludedReceiverMembers { get; }
}

/// <summary>What a call to a sink method is, and which of its parameters carry logged or sent data.</summary>
internal sealed class SinkMatch
{
    private readonly ResolvedSinkEntry? _resolved;

    public SinkMatch(SinkKind kind, string displayName, ResolvedSinkEntry? resolved, ImmutableArray<IParameterSymbol> dataParameters,
        ImmutableArray<IParameterSymbol> targetParameters = default)
    {
        TargetParameters = targetParameters.IsDefault ? ImmutableArray<IParameterSymbol>.Empty : targetParameters;
        Kind = kind;
        DisplayName = displayName;
        _resolved = resolved;
        DataParameters = dataParameters;
    }

    public SinkKind Kind { get; }

    /// <summary>How messages name the sink: <c>ILogger.LogInformation</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The table row, or <see langword="null"/> for sinks recognised by shape ([LoggerMessage], logging delegates).</summary>
    public SinkEntry? Entry => _resolved?.Entry;

    public ImmutableArray<IParameterSymbol> DataParameters { get; }

    /// <summary>The parameters that say where a row with <see cref="SinkEntry.TargetTypes"/> writes (none are data).</summary>
    public ImmutableArray<IParameterSymbol> TargetParameters { get; }

    /// <summary>Whether the call's instance is data it writes (<see cref="SinkEntry.ReceiverIsData"/>).</summary>
    public bool ReceiverIsData => _resolved?.Entry.ReceiverIsData == true;

    /// <summary>
    /// Whether the call writes where its row says it must to be a sink (<see cref="SinkEntry.TargetTypes"/>): some target
    /// argument's value, seen through its conversions, has one of those types. Rows without target types accept every call.
    /// A graph spills an argument into a flow capture when a later one branches or builds (`new { p.Diagnosis }`), and a
    /// local typed <c>Stream</c> may hold a file: <paramref name="definedValue"/> gives what a capture or such a local holds.
    /// </summary>
    public bool AcceptsTarget(ImmutableArray<IArgumentOperation> arguments, Func<IOperation?, IOperation?>? definedValue = null)
    {
        if (_resolved is null || _resolved.Entry.TargetTypes.Length == 0)
        {
            return true;
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && IsTargetParameter(parameter)
                && (TypeHierarchy.IsOrInheritsAny(OperationTree.WithoutConversions(argument.Value).Type, _resolved.TargetTypes)
                    || (definedValue?.Invoke(argument.Value) is { } value && TypeHierarchy.IsOrInheritsAny(OperationTree.WithoutConversions(value).Type, _resolved.TargetTypes))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a receiver that wraps another stream (<see cref="SinkEntry.WrapperTypes"/>) writes into one this row keeps:
    /// <paramref name="definedValue"/> gives what the receiver holds (its creation, through a local given one value), and
    /// one of that creation's arguments must have one of <see cref="SinkEntry.WrappedTypes"/>. Other receivers are accepted.
    /// </summary>
    public bool AcceptsWrapped(IOperation? receiver, Func<IOperation?, IOperation?> definedValue)
    {
        if (!IsWrapper(receiver))
        {
            return true;
        }

        return CreatedOver(receiver, definedValue, _resolved!.WrappedTypes);
    }

    /// <summary>
    /// Whether what this call writes through <paramref name="receiver"/> is encrypted on its way (<see cref="SinkEntry.EncryptingTypes"/>):
    /// the receiver is such a stream, or was created over one (<paramref name="definedValue"/> gives what a local holds).
    /// </summary>
    public bool WritesEncrypted(IOperation? receiver, Func<IOperation?, IOperation?> definedValue)
    {
        if (_resolved is not { EncryptingTypes.IsEmpty: false } resolved || receiver is null)
        {
            return false;
        }

        if (TypeHierarchy.IsOrInheritsAny(OperationTree.WithoutConversions(receiver).Type, resolved.EncryptingTypes))
        {
            return true;
        }

        return CreatedOver(receiver, definedValue, resolved.EncryptingTypes);
    }

    // Whether the receiver holds a creation (`new CryptoStream(file, …)`, `new StreamWriter(crypto)`) given a stream of one of
    // the types, directly or through a local given one value.
    private static bool CreatedOver(IOperation? receiver, Func<IOperation?, IOperation?> definedValue, ImmutableArray<INamedTypeSymbol> types)
    {
        if (definedValue(receiver) is not IObjectCreationOperation creation)
        {
            return false;
        }

        foreach (var argument in creation.Arguments)
        {
            var value = definedValue(argument.Value) ?? OperationTree.WithoutConversions(argument.Value);
            if (TypeHierarchy.IsOrInheritsAny(OperationTree.WithoutConversions(value).Type, types))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsWrapper(IOperation? receiver) =>
        _resolved is { WrapperTypes.IsEmpty: false } && receiver is not null
        && TypeHierarchy.IsOrInheritsAny(OperationTree.WithoutConversions(receiver).Type, _resolved.WrapperTypes);

    private bool IsTargetParameter(IParameterSymbol parameter) => HasOrdinal(TargetParameters, parameter);

    // By ordinal: the argument's parameter may belong to a constructed generic or delegate method.
    public bool IsDataParameter(IParameterSymbol? parameter) => parameter is not null && HasOrdinal(DataParameters, parameter);

    private static bool HasOrdinal(ImmutableArray<IParameterSymbol> parameters, IParameterSymbol parameter)
    {
        foreach (var candidate in parameters)
        {
            if (candidate.Ordinal == parameter.Ordinal)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the row's receiver conditions hold for <paramref name="receiver"/> (the call's instance, and
    /// <paramref name="receiverValue"/>, what a flow capture of it stands for): <c>Console.Out.WriteLine</c> is a
    /// logging sink, another TextWriter's is not; a MemoryStream stores nothing. Compared by symbol.
    /// </summary>
    public bool AcceptsReceiver(IOperation? receiver, IOperation? receiverValue)
    {
        if (_resolved is null)
        {
            return true;
        }

        if (!_resolved.ExcludedReceiverTypes.IsEmpty && receiver is not null
            && TypeHierarchy.IsOrInheritsAny(OperationTree.WithoutConversions(receiver).Type, _resolved.ExcludedReceiverTypes))
        {
            return false;
        }

        if (!_resolved.ExcludedReceiverMembers.IsEmpty && (receiverValue ?? receiver) is { } written && OperationTree.WithoutConversions(written) is IPropertyReferenceOperation { Property: var read })
        {
            foreach (var (type, member) in _resolved.ExcludedReceiverMembers)
            {
                if (read.Name == member && TypeHierarchy.IsOrInherits(read.ContainingType, type))
                {
                    return false;
                }
            }
        }

        if (_resolved.Entry.ReceiverType is null)
        {
            return true;
        }

        var isNamedReceiver = receiverValue is not null && _resolved.ReceiverType is { } receiverType
            && OperationTree.WithoutConversions(receiverValue) is IPropertyReferenceOperation property
            && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType?.OriginalDefinition, receiverType)
            && NamePattern.MatchesAny(_resolved.Entry.ReceiverMembers, property.Property.Name);
        return isNamedReceiver != _resolved.Entry.ReceiverExcluded;
    }
}
