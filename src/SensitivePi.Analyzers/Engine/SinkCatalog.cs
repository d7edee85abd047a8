using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Engine;

internal enum SinkKind
{
    Logging,
    Network,
    Storage,
}

/// <summary>How a network sink's channel is decided (SPI001).</summary>
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
        string[]? excludedReceiverTypes = null)
    {
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

    public SinkKind Kind { get; }

    public string TypeName { get; }

    public string[] Members { get; }

    /// <summary>Receivers of these types (or derived) are not sinks: in-memory streams and writers store nothing.</summary>
    public string[] ExcludedReceiverTypes { get; }

    /// <summary>Inverts <see cref="ReceiverType"/>: the call is a sink on any receiver but those static members.</summary>
    public bool ReceiverExcluded { get; }

    /// <summary>When set, the call is a sink only on a receiver read from these static members (<c>Console.Out</c>).</summary>
    public string? ReceiverType { get; }

    public string[] ReceiverMembers { get; }

    public bool MatchesName(string name) => NamePattern.MatchesAny(Members, name);
}

/// <summary>What a call to a sink method is, and which of its parameters carry logged or sent data.</summary>
internal sealed class SinkMatch
{
    public SinkMatch(SinkKind kind, string displayName, SinkEntry? entry, ImmutableArray<IParameterSymbol> dataParameters)
    {
        Kind = kind;
        DisplayName = displayName;
        Entry = entry;
        DataParameters = dataParameters;
    }

    public SinkKind Kind { get; }

    /// <summary>How messages name the sink: <c>ILogger.LogInformation</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The table row, or <see langword="null"/> for sinks recognised by shape ([LoggerMessage], logging delegates).</summary>
    public SinkEntry? Entry { get; }

    public ImmutableArray<IParameterSymbol> DataParameters { get; }

    // By ordinal: the argument's parameter may belong to a constructed generic or delegate method.
    public bool IsDataParameter(IParameterSymbol? parameter)
    {
        if (parameter is null)
        {
            return false;
        }

        foreach (var data in DataParameters)
        {
            if (data.Ordinal == parameter.Ordinal)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The sink tables resolved against one compilation; answers are cached per method.</summary>
internal sealed class SinkCatalog
{
    // Logging sinks of SPI002 (rules.md). Arguments of the types in LoggingControlTypes are not data.
    private static readonly SinkEntry[] LoggingTable =
    {
        new(SinkKind.Logging, "Microsoft.Extensions.Logging.LoggerExtensions", new[] { "Log*", "BeginScope" }),
        new(SinkKind.Logging, "Microsoft.Extensions.Logging.ILogger", new[] { "Log", "BeginScope" }),
        new(SinkKind.Logging, "System.Console", new[] { "Write", "WriteLine" }, rendersCollections: false),
        new(SinkKind.Logging, "System.IO.TextWriter", new[] { "Write*", "WriteLine*" }, "System.Console", new[] { "Out", "Error" }, rendersCollections: false),
        new(SinkKind.Logging, "System.Diagnostics.Debug", new[] { "Write*", "Print", "Fail", "Assert" }, rendersCollections: false),
        new(SinkKind.Logging, "System.Diagnostics.Trace", new[] { "Write*", "Trace*", "Fail", "Assert" }, rendersCollections: false),
        new(SinkKind.Logging, "System.Diagnostics.TraceSource", new[] { "Trace*" }, rendersCollections: false),
        new(SinkKind.Logging, "System.Diagnostics.Activity", new[] { "SetTag", "AddTag", "AddBaggage", "SetBaggage" }),
        new(SinkKind.Logging, "Serilog.Log", new[] { "Verbose", "Debug", "Information", "Warning", "Error", "Fatal", "Write", "ForContext" }),
        new(SinkKind.Logging, "Serilog.ILogger", new[] { "Verbose", "Debug", "Information", "Warning", "Error", "Fatal", "Write", "ForContext" }),
        new(SinkKind.Logging, "NLog.ILoggerBase", new[] { "Log" }),
        new(SinkKind.Logging, "NLog.ILogger", new[] { "Trace", "Debug", "Info", "Warn", "Error", "Fatal", "Log" }),
        new(SinkKind.Logging, "NLog.Logger", new[] { "Trace", "Debug", "Info", "Warn", "Error", "Fatal", "Log" }),
        new(SinkKind.Logging, "log4net.ILog", new[] { "Debug*", "Info*", "Warn*", "Error*", "Fatal*" }),
    };

    private static readonly string[] HttpVerbs = { "Get*", "Post*", "Put*", "Patch*", "Delete*", "Send*" };

    // Network sinks of SPI001 (rules.md); the channel column says how encryption is decided.
    private static readonly SinkEntry[] NetworkTable =
    {
        new(SinkKind.Network, "System.Net.Http.Json.HttpClientJsonExtensions", HttpVerbs, channel: NetworkChannel.Http, serializes: true),
        new(SinkKind.Network, "System.Net.Http.HttpClient", HttpVerbs, channel: NetworkChannel.Http),
        new(SinkKind.Network, "System.Net.WebClient", new[] { "Upload*" }, channel: NetworkChannel.Http),
        new(SinkKind.Network, "System.Net.WebSockets.WebSocket", new[] { "SendAsync" }, channel: NetworkChannel.WebSocket),
        new(SinkKind.Network, "System.Net.Mail.SmtpClient", new[] { "Send", "SendAsync", "SendMailAsync" }, channel: NetworkChannel.Smtp),
        new(SinkKind.Network, "System.Net.Sockets.Socket", new[] { "Send*" }, channel: NetworkChannel.Raw),
        new(SinkKind.Network, "System.Net.Sockets.UdpClient", new[] { "Send*" }, channel: NetworkChannel.Raw),
        new(SinkKind.Network, "System.Net.Sockets.NetworkStream", new[] { "Write*" }, channel: NetworkChannel.Raw),
        new(SinkKind.Network, "System.IO.TextWriter", new[] { "Write*", "WriteLine*" }, channel: NetworkChannel.Writer),
        new(SinkKind.Network, "System.IO.BinaryWriter", new[] { "Write*" }, channel: NetworkChannel.Writer),
        new(SinkKind.Network, "System.IO.Stream", new[] { "Write*" }, channel: NetworkChannel.FtpStream),
    };

    private static readonly string[] InMemoryStreams = { "System.IO.MemoryStream", "System.IO.UnmanagedMemoryStream", "System.Security.Cryptography.CryptoStream" };

    private static readonly string[] InMemoryWriters = { "System.IO.StringWriter" };

    private static readonly string[] EntityAdds = { "Add", "AddAsync", "AddRange", "AddRangeAsync", "Update", "UpdateRange", "Attach", "AttachRange" };

    // Storage sinks of SPI003, SPI005 and SPI006 (rules.md). Property setters are named set_*.
    private static readonly SinkEntry[] StorageTable =
    {
        new(SinkKind.Storage, "Microsoft.EntityFrameworkCore.DbSet`1", EntityAdds, serializes: true),
        new(SinkKind.Storage, "Microsoft.EntityFrameworkCore.DbContext", EntityAdds, serializes: true),
        new(SinkKind.Storage, "System.IO.File", new[] { "Write*", "Append*" }),
        new(SinkKind.Storage, "System.IO.Stream", new[] { "Write*" }, excludedReceiverTypes: InMemoryStreams),
        new(SinkKind.Storage, "System.IO.TextWriter", new[] { "Write*", "WriteLine*" }, "System.Console", new[] { "Out", "Error" }, receiverExcluded: true, excludedReceiverTypes: InMemoryWriters),
        new(SinkKind.Storage, "System.IO.BinaryWriter", new[] { "Write*" }),
        new(SinkKind.Storage, "Dapper.SqlMapper", new[] { "Execute*", "Query*" }, serializes: true),
        new(SinkKind.Storage, "System.Data.Common.DbParameter", new[] { "set_Value" }),
        new(SinkKind.Storage, "System.Data.IDataParameter", new[] { "set_Value" }),
        new(SinkKind.Storage, "System.Data.Common.DbParameterCollection", new[] { "AddWithValue", "Add" }),
        new(SinkKind.Storage, "Microsoft.Extensions.Caching.Distributed.IDistributedCache", new[] { "Set", "SetAsync" }),
        new(SinkKind.Storage, "Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions", new[] { "Set*" }),
    };

    private static readonly string[] ControlTypes =
    {
        "System.Net.Http.HttpClient",
        "System.Net.Http.HttpMethod",
        "System.Net.Http.HttpCompletionOption",
        "System.Text.Json.JsonSerializerOptions",
        "System.Text.Json.Serialization.Metadata.JsonTypeInfo",
        "System.Net.Sockets.SocketFlags",
        "System.Net.EndPoint",
        "System.Net.WebSockets.WebSocketMessageType",
        "System.Data.IDbConnection",
        "System.Data.IDbTransaction",
        "System.Data.CommandType",
        "System.Text.Encoding",
        "Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions",
        "Microsoft.Extensions.Logging.ILogger",
        "Microsoft.Extensions.Logging.LogLevel",
        "Microsoft.Extensions.Logging.EventId",
        "System.Exception",
        "System.IFormatProvider",
        "System.Threading.CancellationToken",
        "System.Diagnostics.TraceEventType",
        "Serilog.Events.LogEventLevel",
        "NLog.LogLevel",
    };

    private readonly ImmutableArray<(INamedTypeSymbol Type, SinkEntry Entry)> _entries;
    private readonly ImmutableHashSet<ITypeSymbol> _controlTypes;
    private readonly INamedTypeSymbol? _iLogger;
    private readonly INamedTypeSymbol? _loggerMessageAttribute;
    private readonly ConcurrentDictionary<IMethodSymbol, SinkMatch?> _cache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, SinkMatch?> _networkCache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, SinkMatch?> _storageCache = new(SymbolEqualityComparer.Default);

    public SinkCatalog(Compilation compilation)
    {
        var entries = ImmutableArray.CreateBuilder<(INamedTypeSymbol, SinkEntry)>();
        foreach (var entry in LoggingTable.Concat(NetworkTable).Concat(StorageTable))
        {
            var type = compilation.GetTypeByMetadataName(entry.TypeName);
            if (type is not null)
            {
                entries.Add((type, entry));
            }
        }

        _entries = entries.ToImmutable();
        var controlTypes = ImmutableHashSet.CreateBuilder<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in ControlTypes)
        {
            var type = compilation.GetTypeByMetadataName(name);
            if (type is not null)
            {
                controlTypes.Add(type);
            }
        }

        _controlTypes = controlTypes.ToImmutable();
        _iLogger = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger");
        _loggerMessageAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerMessageAttribute");
    }

    /// <summary>The logging sink <paramref name="method"/> is, or <see langword="null"/>.</summary>
    public SinkMatch? Match(IMethodSymbol? method) => Match(method, SinkKind.Logging);

    /// <summary>
    /// The sink of <paramref name="kind"/> that <paramref name="method"/> is, or <see langword="null"/>. One
    /// method can be a sink of two kinds (TextWriter.Write: Console.Out, or a writer over a socket); receiver
    /// and channel conditions are the caller's to check.
    /// </summary>
    public SinkMatch? Match(IMethodSymbol? method, SinkKind kind)
    {
        if (method is null)
        {
            return null;
        }

        // Delegate invokes keep their type arguments: Action<ILogger, T> is recognised by them.
        var key = method.MethodKind == MethodKind.DelegateInvoke ? method : method.ReducedFrom ?? method.OriginalDefinition;
        var cache = kind switch
        {
            SinkKind.Logging => _cache,
            SinkKind.Network => _networkCache,
            _ => _storageCache,
        };
        return cache.TryGetValue(key, out var cached) ? cached : cache.GetOrAdd(key, Compute(key, kind));
    }

    private SinkMatch? Compute(IMethodSymbol method, SinkKind kind)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return null;
        }

        foreach (var (sinkType, entry) in _entries)
        {
            if (entry.Kind == kind && entry.MatchesName(method.Name) && IsOrInherits(type, sinkType))
            {
                return new SinkMatch(entry.Kind, DisplayName(method), entry, DataParameters(method));
            }
        }

        if (kind != SinkKind.Logging)
        {
            return null;
        }

        // [LoggerMessage] partial methods: the generated body logs every argument but the logger.
        if (_loggerMessageAttribute is not null)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _loggerMessageAttribute))
                {
                    return new SinkMatch(SinkKind.Logging, DisplayName(method), null, DataParameters(method));
                }
            }
        }

        // LoggerMessage.Define returns Action<ILogger, T1, …, Exception?>; invoking one logs T1…Tn.
        if (_iLogger is not null && method.MethodKind == MethodKind.DelegateInvoke
            && type.TypeArguments.Length > 1
            && SymbolEqualityComparer.Default.Equals(type.TypeArguments[0], _iLogger)
            && type.OriginalDefinition.ContainingNamespace?.ToDisplayString() == "System"
            && type.Name == "Action")
        {
            return new SinkMatch(SinkKind.Logging, "LoggerMessage.Define delegate", null, DataParameters(method));
        }

        return null;
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
        foreach (var candidate in SelfBaseTypesAndInterfaces(type))
        {
            if (_controlTypes.Contains(candidate.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOrInherits(ITypeSymbol type, INamedTypeSymbol sinkType)
    {
        foreach (var candidate in SelfBaseTypesAndInterfaces(type))
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, sinkType))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<ITypeSymbol> SelfBaseTypesAndInterfaces(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            yield return @interface;
        }
    }

    // Extension methods read as the user wrote them: ILogger.LogInformation, not LoggerExtensions.LogInformation.
    private static string DisplayName(IMethodSymbol method)
    {
        var owner = method.IsExtensionMethod && method.Parameters.Length > 0
            ? method.Parameters[0].Type.Name
            : method.ContainingType.Name;
        return owner + "." + (method.AssociatedSymbol is IPropertySymbol property ? property.Name : method.Name);
    }

    /// <summary>The logging entries, for tests and docs.</summary>
    internal static IReadOnlyList<SinkEntry> LoggingEntries => LoggingTable;

    /// <summary>The storage entries, for tests and docs.</summary>
    internal static IReadOnlyList<SinkEntry> StorageEntries => StorageTable;

    /// <summary>The network entries, for tests and docs.</summary>
    internal static IReadOnlyList<SinkEntry> NetworkEntries => NetworkTable;
}
