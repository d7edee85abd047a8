using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;

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

    /// <summary>The type an action's or handler's <c>return</c> produces, awaited when it is a task.</summary>
    public static ITypeSymbol? ResultType(IMethodSymbol function) =>
        function.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task ? task.TypeArguments[0] : function.ReturnType;

    /// <summary>A public instance method of a controller (a <see cref="ControllerBaseTypes"/> subclass or a type marked as one), not [NonAction].</summary>
    public static bool IsControllerAction(IMethodSymbol method) => IsControllerAction(method, IsControllerType);

    /// <summary>A type whose public instance methods are actions: a <see cref="ControllerBaseTypes"/> subclass or a type marked as one.</summary>
    public static bool IsControllerType(INamedTypeSymbol type) =>
        TypeHierarchy.FirstBaseNamed(type, ControllerBaseTypes) is not null || HasAny(type, ControllerAttributes);

    private static bool IsControllerAction(IMethodSymbol method, System.Func<INamedTypeSymbol, bool> isControllerType) =>
        method is { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public } && method.ContainingType is { } type
        && isControllerType(type) && !HasAny(method, NonActionAttribute);

    /// <summary>
    /// A controller action whose <c>return</c> the framework writes to the client, serialised or as text: not <c>void</c>, a bare
    /// task or a result object (<see cref="IsResultType"/>, whose own calls are the sinks). <c>ActionResult&lt;T&gt;</c> returns a T.
    /// </summary>
    public static bool ReturnsToClient(IMethodSymbol method) => ReturnsToClient(method, IsControllerType);

    /// <summary>As <see cref="ReturnsToClient(IMethodSymbol)"/>, with <paramref name="isControllerType"/> deciding whether a type is a controller (a caller that keeps the answer per type).</summary>
    public static bool ReturnsToClient(IMethodSymbol method, System.Func<INamedTypeSymbol, bool> isControllerType)
    {
        if (!IsControllerAction(method, isControllerType) || ResultType(method) is not { } result
            || result.SpecialType == SpecialType.System_Void || result is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 0 })
        {
            return false;
        }

        return !IsResultType(WrittenType(result));
    }

    /// <summary>What an action declared to return <paramref name="result"/> writes: the T of <c>ActionResult&lt;T&gt;</c>, else the type itself.</summary>
    public static ITypeSymbol WrittenType(ITypeSymbol result) =>
        result is INamedTypeSymbol { TypeArguments.Length: 1 } generic && TypeHierarchy.HasMetadataName(generic.OriginalDefinition, "Microsoft.AspNetCore.Mvc.ActionResult`1")
            ? generic.TypeArguments[0]
            : result;

    /// <summary><see cref="ActionResults"/>, <see cref="HttpResult"/> and what derives from or implements them: objects the framework executes.</summary>
    public static bool IsResultType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var candidate in TypeHierarchy.SelfBaseTypesAndInterfaces(type))
        {
            if (TypeHierarchy.HasMetadataName(candidate.OriginalDefinition, HttpResult))
            {
                return true;
            }

            foreach (var name in ActionResults)
            {
                if (TypeHierarchy.HasMetadataName(candidate.OriginalDefinition, name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasAny(ISymbol symbol, params string[] attributeNames)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } type)
            {
                foreach (var name in attributeNames)
                {
                    if (TypeHierarchy.HasMetadataName(type, name))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
