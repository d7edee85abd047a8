namespace SensitivePi.Analyzers.Knowledge;

/// <summary>What a call of an <c>IHttpClientFactory</c> method does to the clients it hands out.</summary>
internal enum ClientRegistrationRole
{
    /// <summary>Registers a typed client (its last type argument) or a named one (a constant name), optionally configured.</summary>
    Registers,

    /// <summary>Configures the client registered by the builder it is called on.</summary>
    Configures,

    /// <summary>Hands out the named client (a constant name) registered for it.</summary>
    Creates,
}

/// <summary>A method of the HTTP client factory whose calls tell the channel resolver a client's BaseAddress.</summary>
internal readonly struct HttpClientRegistrationMethod
{
    public HttpClientRegistrationMethod(string containingType, string name, ClientRegistrationRole role)
    {
        ContainingType = containingType;
        Name = name;
        Role = role;
    }

    /// <summary>The containing type's namespace-qualified metadata name.</summary>
    public string ContainingType { get; }

    public string Name { get; }

    public ClientRegistrationRole Role { get; }
}

/// <summary>
/// The registrations of <c>Microsoft.Extensions.Http</c> that set a client's BaseAddress in another method than the
/// one that sends (Analysis/HttpClientRegistrations reads them).
/// </summary>
internal static class HttpClientRegistrationMethods
{
    public static readonly HttpClientRegistrationMethod[] Rows =
    {
        new("Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions", "AddHttpClient", ClientRegistrationRole.Registers),
        new("Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions", "ConfigureHttpClient", ClientRegistrationRole.Configures),
        new("System.Net.Http.IHttpClientFactory", "CreateClient", ClientRegistrationRole.Creates),
    };
}
