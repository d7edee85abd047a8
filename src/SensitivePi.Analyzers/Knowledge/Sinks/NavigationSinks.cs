namespace SensitivePi.Analyzers.Knowledge;

/// <summary>
/// Calls that send a browser or client to a URL they build from their arguments (redirects, route values,
/// navigation): whatever they are given ends up in the address, and so in server, proxy and browser logs.
/// </summary>
internal static class NavigationSinks
{
    private static readonly string[] Redirects = { "Redirect*", "LocalRedirect*" };

    public static readonly SinkEntry[] Rows =
    {
        new(SinkKind.Navigation, "Microsoft.AspNetCore.Mvc.ControllerBase", Redirects),
        new(SinkKind.Navigation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel", Redirects),
        new(SinkKind.Navigation, "Microsoft.AspNetCore.Http.Results", Redirects),
        new(SinkKind.Navigation, "Microsoft.AspNetCore.Http.TypedResults", Redirects),
        new(SinkKind.Navigation, "Microsoft.AspNetCore.Http.HttpResponse", new[] { "Redirect" }),
        new(SinkKind.Navigation, "Microsoft.AspNetCore.Components.NavigationManager", new[] { "NavigateTo" }),
        new(SinkKind.Navigation, "System.Web.HttpResponse", new[] { "Redirect*" }),
    };
}
