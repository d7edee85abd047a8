namespace SensitivePi.Tests.Verifiers;

/// <summary>
/// The few ASP.NET Core and hosting types the entry-point tests need, as their real namespaces declare them (the
/// test reference set has no ASP.NET Core shared framework).
/// </summary>
public static class AspNetCoreStubs
{
    public const string Source = """
        namespace Microsoft.AspNetCore.Http
        {
            public interface IResult { }

            public static class Results
            {
                public static IResult Ok() => null!;
                public static IResult Forbid() => null!;
                public static IResult Redirect(string url, bool permanent = false, bool preserveMethod = false) => null!;
            }
        }

        namespace Microsoft.AspNetCore.Routing
        {
            public interface IEndpointRouteBuilder { }
        }

        namespace Microsoft.AspNetCore.Builder
        {
            public static class EndpointRouteBuilderExtensions
            {
                public static object MapPost(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => endpoints;
            }
        }

        namespace Microsoft.AspNetCore.Mvc
        {
            public interface IActionResult { }

            public abstract class ActionResult : IActionResult { }

            public sealed class OkResult : ActionResult { }

            public sealed class ForbidResult : ActionResult { }

            public abstract class ControllerBase
            {
                public OkResult Ok() => new();
                public ForbidResult Forbid() => new();
                public ActionResult Redirect(string url) => null!;
                public ActionResult RedirectToAction(string actionName, object routeValues) => null!;
            }
        }

        namespace Microsoft.AspNetCore.Components
        {
            public abstract class NavigationManager
            {
                public void NavigateTo(string uri, bool forceLoad = false) { }
            }
        }

        namespace Microsoft.Extensions.Hosting
        {
            public abstract class BackgroundService
            {
                protected abstract System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken);
            }
        }
        """;
}
