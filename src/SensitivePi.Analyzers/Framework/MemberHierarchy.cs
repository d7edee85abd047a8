using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Framework;

/// <summary>
/// A method and the members whose promises it inherits: the methods it overrides and the interface
/// methods it implements. Users put our attributes on interfaces (ISeparateConsentService) and base
/// classes; calls reach the implementations.
/// </summary>
internal static class MemberHierarchy
{
    /// <summary>
    /// Whether <paramref name="method"/> can implement an interface member without naming it: a method of a type, not static, not a
    /// constructor, and no explicit implementation.
    /// </summary>
    public static bool MayImplementImplicitly(IMethodSymbol method) =>
        method.ContainingType is not null && !method.IsStatic && method.ExplicitInterfaceImplementations.IsEmpty
        && method.MethodKind != MethodKind.Constructor;

    public static IEnumerable<IMethodSymbol> SelfOverriddenAndImplemented(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        for (var current = method; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
        {
            yield return current;
        }

        foreach (var implemented in method.ExplicitInterfaceImplementations)
        {
            yield return implemented.OriginalDefinition;
        }

        if (!MayImplementImplicitly(method))
        {
            yield break;
        }

        var type = method.ContainingType;
        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var candidate in @interface.GetMembers(method.Name))
            {
                if (candidate is IMethodSymbol interfaceMethod
                    && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod)?.OriginalDefinition, method))
                {
                    yield return interfaceMethod.OriginalDefinition;
                }
            }
        }
    }
}
