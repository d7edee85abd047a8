using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>The clients one registration configures: a typed client by its type, a named one by its name.</summary>
internal readonly struct HttpClientKey : IEquatable<HttpClientKey>
{
    public HttpClientKey(INamedTypeSymbol? type, string? name)
    {
        Type = type;
        Name = name;
    }

    public INamedTypeSymbol? Type { get; }

    public string? Name { get; }

    /// <summary>How messages name the registration: <c>AddHttpClient&lt;PatientSync&gt;</c>, <c>AddHttpClient("records")</c>.</summary>
    public string Display => Type is not null ? $"AddHttpClient<{Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}>" : $"AddHttpClient(\"{Name}\")";

    public bool Equals(HttpClientKey other) =>
        SymbolEqualityComparer.Default.Equals(Type, other.Type) && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is HttpClientKey other && Equals(other);

    public override int GetHashCode() => Type is not null ? SymbolEqualityComparer.Default.GetHashCode(Type) : StringComparer.Ordinal.GetHashCode(Name ?? "");
}

/// <summary>
/// The BaseAddress each <c>AddHttpClient</c> registration of the compilation gives its clients, gathered by the body
/// survey of every body (the registration sits in <c>Program.cs</c>, the send in the typed client) and read at
/// compilation end, when every body has been surveyed (docs/rules/SPI001.md, "Where the address comes from").
/// Nothing is guessed: a client whose registrations give no BaseAddress, several, one that cannot be read, or
/// one configured in a way this does not follow stays unknown.
/// </summary>
internal sealed class HttpClientRegistrations
{
    // A chain of builder calls is followed back to its registration through at most this many calls.
    private const int MaxChain = 8;

    // Per assignment (or unreadable configuration), keyed by its syntax so that a body surveyed twice counts once: the
    // client it configures and the BaseAddress it assigns (null: a configuration that cannot be read).
    private readonly ConcurrentDictionary<SyntaxNode, (HttpClientKey Key, ChannelVerdict? Address)> _addresses = new();
    private readonly ConcurrentDictionary<HttpClientKey, bool> _registered = new();

    // A typed client is also a named one: by its type's name, or by the name its registration gives
    // (`AddHttpClient<T>("records")`); configurations of either name reach it.
    private readonly ConcurrentDictionary<(INamedTypeSymbol Type, string Name), bool> _aliases = new(new AliasComparer());

    // A configuration that may set a BaseAddress on a client this cannot name (a registration by a name that is not
    // a constant or for a type parameter, a ConfigureHttpClient whose registration is not followed): any client may
    // be the one it configures, so no client's address is decided.
    private int _unattributed;

    /// <summary>Whether <paramref name="method"/> may be a registration or configuration (a name test: every call of every body asks).</summary>
    public static bool MayRegister(IMethodSymbol method) =>
        method.Name is "AddHttpClient" or "ConfigureHttpClient" && RowOf(method) is not null;

    /// <summary>Notes what a registration or configuration call gives its clients.</summary>
    public void Note(IInvocationOperation call)
    {
        switch (RowOf(call.TargetMethod)?.Role)
        {
            case ClientRegistrationRole.Registers:
                var configure = ConfigureArgument(call);
                if (KeyOf(call) is { } key)
                {
                    _registered[key] = true;
                    if (key.Type is { } type)
                    {
                        _aliases[(type, type.Name)] = true;
                        if (ArgumentNamed(call, "name")?.ConstantValue is { HasValue: true, Value: string name })
                        {
                            _aliases[(type, name)] = true;
                        }
                    }

                    NoteConfiguration(key, configure);
                }
                else if (MaySetBaseAddress(configure))
                {
                    Interlocked.Increment(ref _unattributed);
                }

                break;
            case ClientRegistrationRole.Configures:
                var configuration = ConfigureArgument(call);
                if (RegistrationOf(OperationTree.ArgumentFor(call, 0)) is { } registered)
                {
                    NoteConfiguration(registered, configuration);
                }
                else if (MaySetBaseAddress(configuration))
                {
                    Interlocked.Increment(ref _unattributed);
                }

                break;
        }
    }

    /// <summary>The channel the registrations give <paramref name="key"/>'s clients. Read at compilation end only.</summary>
    public ChannelVerdict Resolve(HttpClientKey key)
    {
        // The client under every name it has: a type with its names, a name with the types that bear it.
        var keys = new List<HttpClientKey> { key };
        foreach (var alias in _aliases.Keys)
        {
            if (key.Type is not null ? SymbolEqualityComparer.Default.Equals(alias.Type, key.Type) : alias.Name == key.Name)
            {
                keys.Add(key.Type is not null ? new HttpClientKey(null, alias.Name) : new HttpClientKey(alias.Type, null));
            }
        }

        if (Volatile.Read(ref _unattributed) > 0 || !keys.Exists(_registered.ContainsKey))
        {
            return ChannelVerdict.Unknown;
        }

        ChannelVerdict? only = null;
        var count = 0;
        foreach (var pair in _addresses)
        {
            var (seen, address) = pair.Value;
            if (!keys.Contains(seen))
            {
                continue;
            }

            if (address is null)
            {
                return ChannelVerdict.Unknown;
            }

            only = address;
            count++;
        }

        return count == 1 ? only!.Value : ChannelVerdict.Unknown;
    }

    /// <summary>
    /// The registered client a send's client is, when the code shows it comes from the factory: a constructor
    /// parameter of type HttpClient (a typed client), or <c>factory.CreateClient("name")</c> with a constant name.
    /// </summary>
    public static HttpClientKey? ClientOf(IOperation? value)
    {
        switch (value is null ? null : OperationTree.WithoutConversions(value))
        {
            case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType: { } type } } parameter }
                when TypeHierarchy.HasMetadataName(parameter.Type, "System.Net.Http.HttpClient"):
                return new HttpClientKey(type, null);
            case IInvocationOperation create when RowOf(create.TargetMethod)?.Role == ClientRegistrationRole.Creates
                && ArgumentNamed(create, "name")?.ConstantValue is { HasValue: true, Value: string name }:
                return new HttpClientKey(null, name);
            default:
                return null;
        }
    }

    private void NoteConfiguration(HttpClientKey key, IOperation? configure)
    {
        if (configure is null)
        {
            return;
        }

        if (OperationTree.WithoutConversions(configure) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
        {
            _addresses[configure.Syntax] = (key, null);
            return;
        }

        var resolver = new ChannelResolver(new ValueDefinitions(), type: null);
        foreach (var operation in lambda.Body.DescendantsAndSelf())
        {
            if (operation is IAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } } assignment)
            {
                _addresses[assignment.Syntax] = (key, assignment is ISimpleAssignmentOperation ? resolver.ResolveAddress(assignment.Value) : ChannelVerdict.Unknown);
            }
        }
    }

    // Whether a configuration could set a BaseAddress: one that cannot be read could.
    private static bool MaySetBaseAddress(IOperation? configure)
    {
        if (configure is null)
        {
            return false;
        }

        if (OperationTree.WithoutConversions(configure) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
        {
            return true;
        }

        foreach (var operation in lambda.Body.DescendantsAndSelf())
        {
            if (operation is IAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } })
            {
                return true;
            }
        }

        return false;
    }

    private sealed class AliasComparer : IEqualityComparer<(INamedTypeSymbol Type, string Name)>
    {
        public bool Equals((INamedTypeSymbol Type, string Name) x, (INamedTypeSymbol Type, string Name) y) =>
            SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && string.Equals(x.Name, y.Name, StringComparison.Ordinal);

        public int GetHashCode((INamedTypeSymbol Type, string Name) obj) => SymbolEqualityComparer.Default.GetHashCode(obj.Type) ^ StringComparer.Ordinal.GetHashCode(obj.Name);
    }

    // AddHttpClient<TClient>() and AddHttpClient<TClient, TImplementation>() register the client injected into the
    // last type argument; AddHttpClient("name") the named one.
    private static HttpClientKey? KeyOf(IInvocationOperation registration)
    {
        var arguments = registration.TargetMethod.TypeArguments;
        if (arguments.Length > 0)
        {
            return arguments[arguments.Length - 1] is INamedTypeSymbol { TypeKind: TypeKind.Class } type ? new HttpClientKey(type, null) : null;
        }

        return ArgumentNamed(registration, "name")?.ConstantValue is { HasValue: true, Value: string name } ? new HttpClientKey(null, name) : null;
    }

    // `services.AddHttpClient<T>().AddHttpMessageHandler(…).ConfigureHttpClient(…)`: back along the builder chain.
    private static HttpClientKey? RegistrationOf(IOperation? builder)
    {
        for (var hops = 0; hops < MaxChain && builder is not null; hops++)
        {
            if (OperationTree.WithoutConversions(builder) is not IInvocationOperation { TargetMethod.IsExtensionMethod: true } call)
            {
                return null;
            }

            if (RowOf(call.TargetMethod)?.Role == ClientRegistrationRole.Registers)
            {
                return KeyOf(call);
            }

            builder = OperationTree.ArgumentFor(call, 0);
        }

        return null;
    }

    private static IOperation? ConfigureArgument(IInvocationOperation call) => ArgumentNamed(call, "configureClient");

    private static IOperation? ArgumentNamed(IInvocationOperation call, string name)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Name == name && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static HttpClientRegistrationMethod? RowOf(IMethodSymbol method)
    {
        foreach (var row in HttpClientRegistrationMethods.Rows)
        {
            if (row.Name == method.Name && TypeHierarchy.HasMetadataName(method.ContainingType, row.ContainingType))
            {
                return row;
            }
        }

        return null;
    }
}
