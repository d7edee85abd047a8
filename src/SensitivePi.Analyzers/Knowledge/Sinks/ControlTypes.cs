namespace SensitivePi.Analyzers.Knowledge;

/// <summary>
/// Parameter types of sink methods that steer the call rather than carry data (a level, an option, a token).
/// Exceptions are data: one built from sensitive data carries it into the log.
/// </summary>
internal static class ControlTypes
{
    public static readonly string[] Names =
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
        WellKnownTypes.ILogger,
        "Microsoft.Extensions.Logging.LogLevel",
        "Microsoft.Extensions.Logging.EventId",
        "System.IFormatProvider",
        "System.Threading.CancellationToken",
        "System.Diagnostics.TraceEventType",
        "Serilog.Events.LogEventLevel",
        "NLog.LogLevel",
    };
}
