using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.CodeFixes;

/// <summary>
/// Methods and lambdas the framework calls: controller actions, a hosted service's ExecuteAsync/StartAsync/StopAsync,
/// handlers handed to <c>Map*</c> (docs/rules/SPI003.md, "How to fix"). Declaring a consent duty on one moves it to
/// no caller that checks.
/// </summary>
internal static class FrameworkEntryPoints
{
    /// <summary>Whether the code at <paramref name="node"/> runs as a framework entry point, or inside a lambda handed to <c>Map*</c>.</summary>
    public static async Task<bool> ContainsAsync(Document document, SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        foreach (var lambda in node.AncestorsAndSelf().OfType<AnonymousFunctionExpressionSyntax>())
        {
            if (IsMappedArgument(model, lambda, cancellationToken))
            {
                return true;
            }
        }

        if (node.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>() is not { } declaration
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method)
        {
            return false;
        }

        return IsControllerAction(method) || IsHostedMethod(method) || await IsMappedAnywhereAsync(document.Project.Solution, method, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The type an action's or handler's <c>return</c> produces, awaited when it is a task.</summary>
    public static ITypeSymbol? ResultType(IMethodSymbol function) => EntryPoints.ResultType(function);

    public static bool IsControllerAction(IMethodSymbol method) => EntryPoints.IsControllerAction(method);

    private static bool IsHostedMethod(IMethodSymbol method)
    {
        foreach (var holder in MemberHierarchy.SelfOverriddenAndImplemented(method))
        {
            foreach (var (type, name) in EntryPoints.HostedMethods)
            {
                if (holder.Name == name && holder.ContainingType is { } declaring && TypeHierarchy.HasMetadataName(declaring, type))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // A method group handed to Map* anywhere in the solution.
    private static async Task<bool> IsMappedAnywhereAsync(Solution solution, IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false))
        {
            foreach (var location in reference.Locations)
            {
                if (location.Location.SourceTree is not { } tree
                    || await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
                {
                    continue;
                }

                var node = (await tree.GetRootAsync(cancellationToken).ConfigureAwait(false)).FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
                var group = node.Parent is MemberAccessExpressionSyntax access && access.Name == node ? access : node;
                if (group is ExpressionSyntax expression && IsMappedArgument(model, expression, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // `app.MapPost("/x", <expression>)`: an argument of a Map* method of the web framework.
    private static bool IsMappedArgument(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken) =>
        expression.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }
        && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol target
        && target.Name.StartsWith(EntryPoints.RouteMappingPrefix, System.StringComparison.Ordinal)
        && (target.ReducedFrom ?? target).ContainingNamespace?.ToDisplayString() is { } ns
        && (ns == EntryPoints.RouteMappingNamespace || ns.StartsWith(EntryPoints.RouteMappingNamespace + ".", System.StringComparison.Ordinal));
}
