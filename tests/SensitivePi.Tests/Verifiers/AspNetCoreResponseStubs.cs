namespace SensitivePi.Tests.Verifiers;

/// <summary>
/// The ASP.NET Core and SignalR types through which a web application answers its client, as their real namespaces
/// declare them (the test reference set has no ASP.NET Core shared framework). Used by the SPI009 tests alone.
/// </summary>
public static class AspNetCoreResponseStubs
{
    public const string Source = """
        namespace Microsoft.AspNetCore.Http
        {
            using System.Threading;
            using System.Threading.Tasks;

            public interface IResult { }

            public static class Results
            {
                public static IResult Ok(object? value = null) => null!;
                public static IResult Text(string? content, string? contentType = null) => null!;
                public static IResult Redirect(string url, bool permanent = false, bool preserveMethod = false) => null!;
            }

            public interface IHeaderDictionary
            {
                string this[string key] { get; set; }
                void Append(string key, string value);
            }

            public interface IResponseCookies
            {
                void Append(string key, string value);
            }

            public abstract class HttpResponse
            {
                public abstract IHeaderDictionary Headers { get; }
                public abstract IResponseCookies Cookies { get; }
            }

            public static class HttpResponseWritingExtensions
            {
                public static Task WriteAsync(this HttpResponse response, string text, CancellationToken cancellationToken = default) => Task.CompletedTask;
            }

            public static class HttpResponseJsonExtensions
            {
                public static Task WriteAsJsonAsync<TValue>(this HttpResponse response, TValue value, CancellationToken cancellationToken = default) => Task.CompletedTask;
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
                public static object MapGet(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => endpoints;
            }
        }

        namespace Microsoft.AspNetCore.Mvc
        {
            using Microsoft.AspNetCore.Http;

            public interface IActionResult { }

            public abstract class ActionResult : IActionResult { }

            public sealed class ActionResult<TValue>
            {
                public static implicit operator ActionResult<TValue>(TValue value) => new();
                public static implicit operator ActionResult<TValue>(ActionResult result) => new();
            }

            public class OkObjectResult : ActionResult { public object? Value { get; set; } }

            public sealed class ApiControllerAttribute : System.Attribute { }

            public sealed class NonActionAttribute : System.Attribute { }

            public abstract class ControllerBase
            {
                public HttpResponse Response => null!;
                public OkObjectResult Ok(object? value) => new() { Value = value };
                public ActionResult Content(string content) => null!;
                public ActionResult Redirect(string url) => null!;
            }
        }

        namespace Microsoft.AspNetCore.SignalR
        {
            using System.Threading;
            using System.Threading.Tasks;

            public interface IClientProxy
            {
                Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default);
            }

            public static class ClientProxyExtensions
            {
                public static Task SendAsync(this IClientProxy clientProxy, string method, object? arg1, CancellationToken cancellationToken = default) => Task.CompletedTask;
            }
        }
        """;
}
