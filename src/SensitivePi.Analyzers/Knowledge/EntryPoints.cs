namespace SensitivePi.Analyzers.Knowledge;

/// <summary>
/// Framework types whose methods the framework itself calls (controller actions, hosted services, route
/// handlers) and the results a web handler returns. Nobody calls an entry point from checked code, so a duty
/// declared on one is checked by no one.
/// </summary>
internal static class EntryPoints
{
    /// <summary>Base types whose public instance methods are controller actions.</summary>
    public static readonly string[] ControllerBaseTypes = { "Microsoft.AspNetCore.Mvc.ControllerBase" };

    /// <summary>Attributes that make a class a controller.</summary>
    public static readonly string[] ControllerAttributes = { "Microsoft.AspNetCore.Mvc.ApiControllerAttribute", "Microsoft.AspNetCore.Mvc.ControllerAttribute" };

    /// <summary>Marks a public controller method that is not an action.</summary>
    public const string NonActionAttribute = "Microsoft.AspNetCore.Mvc.NonActionAttribute";

    /// <summary>Hosted services: the methods the host calls, by the type that declares them.</summary>
    public static readonly (string Type, string Method)[] HostedMethods =
    {
        ("Microsoft.Extensions.Hosting.BackgroundService", "ExecuteAsync"),
        ("Microsoft.Extensions.Hosting.IHostedService", "StartAsync"),
        ("Microsoft.Extensions.Hosting.IHostedService", "StopAsync"),
    };

    /// <summary>Route mapping (<c>app.MapPost("/x", Handler)</c>): methods named so, in this namespace or below.</summary>
    public const string RouteMappingPrefix = "Map";

    public const string RouteMappingNamespace = "Microsoft.AspNetCore";

    /// <summary>Minimal-API results: a handler returning this type can answer <c>Results.Forbid()</c>.</summary>
    public const string HttpResult = "Microsoft.AspNetCore.Http.IResult";

    public const string HttpResults = "Microsoft.AspNetCore.Http.Results";

    /// <summary>MVC results: an action of a controller returning one of these can answer <c>Forbid()</c>.</summary>
    public static readonly string[] ActionResults = { "Microsoft.AspNetCore.Mvc.IActionResult", "Microsoft.AspNetCore.Mvc.ActionResult", "Microsoft.AspNetCore.Mvc.ActionResult`1" };
}
