namespace SensitivePi.Tests.Verifiers;

/// <summary>
/// The registration API of <c>Microsoft.Extensions.Http</c> the SPI001 registration tests need, as its real
/// namespaces and parameter names declare it (the test reference set has no Microsoft.Extensions packages).
/// </summary>
public static class HttpClientFactoryStubs
{
    public const string Source = """
        namespace Microsoft.Extensions.DependencyInjection
        {
            using System;
            using System.Net.Http;

            public interface IServiceCollection { }

            public interface IHttpClientBuilder { }

            public static class HttpClientFactoryServiceCollectionExtensions
            {
                public static IHttpClientBuilder AddHttpClient<TClient>(this IServiceCollection services) where TClient : class => null!;
                public static IHttpClientBuilder AddHttpClient<TClient>(this IServiceCollection services, Action<HttpClient> configureClient) where TClient : class => null!;
                public static IHttpClientBuilder AddHttpClient<TClient>(this IServiceCollection services, Action<IServiceProvider, HttpClient> configureClient) where TClient : class => null!;
                public static IHttpClientBuilder AddHttpClient<TClient, TImplementation>(this IServiceCollection services, Action<HttpClient> configureClient) where TClient : class where TImplementation : class, TClient => null!;
                public static IHttpClientBuilder AddHttpClient<TClient>(this IServiceCollection services, string name) where TClient : class => null!;
                public static IHttpClientBuilder AddHttpClient(this IServiceCollection services, string name) => null!;
                public static IHttpClientBuilder AddHttpClient(this IServiceCollection services, string name, Action<HttpClient> configureClient) => null!;
            }

            public static class HttpClientBuilderExtensions
            {
                public static IHttpClientBuilder ConfigureHttpClient(this IHttpClientBuilder builder, Action<HttpClient> configureClient) => builder;
                public static IHttpClientBuilder AddHttpMessageHandler(this IHttpClientBuilder builder, Func<DelegatingHandler> configureHandler) => builder;
            }
        }

        namespace System.Net.Http
        {
            public interface IHttpClientFactory
            {
                HttpClient CreateClient(string name);
            }
        }
        """;
}
