namespace SensitivePi.Analyzers.Knowledge;

/// <summary>
/// Logs, traces and console output. Besides these rows, <see cref="SinkCatalog"/> recognises
/// <c>[LoggerMessage]</c> methods and <c>LoggerMessage.Define</c> delegates by their shape.
/// </summary>
internal static class LoggingSinks
{
    private static readonly string[] SerilogLevels = { "Verbose", "Debug", "Information", "Warning", "Error", "Fatal", "Write", "ForContext" };

    private static readonly string[] NLogLevels = { "Trace", "Debug", "Info", "Warn", "Error", "Fatal", "Log", "WithProperty" };

    public static readonly SinkEntry[] Rows =
    {
        new(SinkKind.Logging, "Microsoft.Extensions.Logging.LoggerExtensions", new[] { "Log*", "BeginScope" }),
        new(SinkKind.Logging, WellKnownTypes.ILogger, new[] { "Log", "BeginScope" }),
        new(SinkKind.Logging, WellKnownTypes.Console, new[] { "Write", "WriteLine" }, rendersCollections: false),
        new(SinkKind.Logging, WellKnownTypes.TextWriter, new[] { "Write*", "WriteLine*" }, WellKnownTypes.Console, new[] { "Out", "Error" }, rendersCollections: false),
        new(SinkKind.Logging, "System.Diagnostics.Debug", new[] { "Write*", "Print", "Fail", "Assert" }, rendersCollections: false),
        new(SinkKind.Logging, "System.Diagnostics.Trace", new[] { "Write*", "Trace*", "Fail", "Assert" }, rendersCollections: false),
        new(SinkKind.Logging, "System.Diagnostics.TraceSource", new[] { "Trace*" }, rendersCollections: false),
        new(SinkKind.Logging, "System.Diagnostics.Activity", new[] { "SetTag", "AddTag", "AddBaggage", "SetBaggage" }),
        new(SinkKind.Logging, "Serilog.Log", SerilogLevels),
        new(SinkKind.Logging, "Serilog.ILogger", SerilogLevels),
        // Properties pushed on a context are written with every later event.
        new(SinkKind.Logging, "Serilog.Context.LogContext", new[] { "PushProperty" }),
        new(SinkKind.Logging, "NLog.ScopeContext", new[] { "PushProperty", "PushNestedState" }),
        new(SinkKind.Logging, "NLog.ILoggerBase", new[] { "Log" }),
        new(SinkKind.Logging, "NLog.ILogger", NLogLevels),
        new(SinkKind.Logging, "NLog.Logger", NLogLevels),
        new(SinkKind.Logging, "log4net.ILog", new[] { "Debug*", "Info*", "Warn*", "Error*", "Fatal*" }),
    };
}
