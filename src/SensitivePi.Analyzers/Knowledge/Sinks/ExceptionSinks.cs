namespace SensitivePi.Analyzers.Knowledge;

/// <summary>
/// The constructors of exceptions: every argument but the control types ends up in the exception (its message,
/// its inner exception, the properties a custom exception formats into its message), and the exception in logs,
/// error pages and telemetry. A constructor is a sink row like a method, named <c>.ctor</c>.
/// </summary>
internal static class ExceptionSinks
{
    public static readonly SinkEntry[] Rows =
    {
        new(SinkKind.Exception, "System.Exception", new[] { ".ctor" }),

        // `exception.Data["id"] = …`, `exception.Data.Add(…)`: loggers and telemetry write an exception's Data with it.
        new(SinkKind.Exception, "System.Collections.IDictionary", new[] { "Add", "set_Item" }, "System.Exception", new[] { "Data" }),
    };
}
