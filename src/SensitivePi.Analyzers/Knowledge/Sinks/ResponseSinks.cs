namespace SensitivePi.Analyzers.Knowledge;

/// <summary>
/// Calls that hand data to a web application's client: MVC and minimal-API results (serialised whole), response
/// writes, headers, cookies and SignalR messages. Redirects are navigation, not responses (Sinks/NavigationSinks).
/// </summary>
internal static class ResponseSinks
{
    // The result helpers whose arguments become the response body (or, for Created*/Accepted*, its Location too).
    private static readonly string[] MvcResults =
    {
        "Ok", "Content", "File", "PhysicalFile", "Created", "CreatedAtAction", "CreatedAtRoute", "Accepted", "AcceptedAtAction",
        "AcceptedAtRoute", "BadRequest", "NotFound", "Conflict", "UnprocessableEntity", "StatusCode", "ValidationProblem",
    };

    private static readonly string[] HttpResults =
    {
        "Ok", "Json", "Content", "Text", "File", "Bytes", "Stream", "Created", "CreatedAtRoute", "Accepted", "AcceptedAtRoute",
        "BadRequest", "NotFound", "Conflict", "UnprocessableEntity", "Problem", "ValidationProblem", "InternalServerError",
    };

    public static readonly SinkEntry[] Rows =
    {
        new(SinkKind.Response, "Microsoft.AspNetCore.Mvc.ControllerBase", MvcResults, serializes: true),
        new(SinkKind.Response, "Microsoft.AspNetCore.Mvc.Controller", new[] { "Json" }, serializes: true),
        new(SinkKind.Response, "Microsoft.AspNetCore.Http.Results", HttpResults, serializes: true),
        new(SinkKind.Response, "Microsoft.AspNetCore.Http.TypedResults", HttpResults, serializes: true),
        new(SinkKind.Response, "Microsoft.AspNetCore.Http.HttpResponseWritingExtensions", new[] { "WriteAsync" }),
        new(SinkKind.Response, "Microsoft.AspNetCore.Http.HttpResponseJsonExtensions", new[] { "WriteAsJsonAsync" }, serializes: true),
        new(SinkKind.Response, "Microsoft.AspNetCore.Http.IHeaderDictionary", new[] { "set_Item", "Add", "Append", "TryAdd" }),
        new(SinkKind.Response, "Microsoft.AspNetCore.Http.HeaderDictionaryExtensions", new[] { "Append", "AppendCommaSeparatedValues" }),
        new(SinkKind.Response, "Microsoft.AspNetCore.Http.IResponseCookies", new[] { "Append" }),
        new(SinkKind.Response, "Microsoft.AspNetCore.SignalR.ClientProxyExtensions", new[] { "SendAsync" }, serializes: true),
        new(SinkKind.Response, "Microsoft.AspNetCore.SignalR.IClientProxy", new[] { "SendCoreAsync" }, serializes: true),
        // Route handlers (`app.MapGet("/p/{id}", (…) => …)`): what the handler returns is the response. The delegate
        // carries no data itself; the response rule reads the handler's returns.
        new(SinkKind.Response, "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions", new[] { "Map*" }),
        new(SinkKind.Response, "System.Web.HttpResponse", new[] { "Write", "BinaryWrite" }),
        new(SinkKind.Response, "System.Web.HttpResponseBase", new[] { "Write", "BinaryWrite" }),
        // A System.Web cookie is made to be sent: its value given when it is created, set, or put among its values.
        new(SinkKind.Response, "System.Web.HttpCookie", new[] { ".ctor", "set_Value", "set_Item" }),
        new(SinkKind.Response, "System.Collections.Specialized.NameValueCollection", new[] { "Add", "Set", "set_Item" }, "System.Web.HttpCookie", new[] { "Values" }),
    };
}
