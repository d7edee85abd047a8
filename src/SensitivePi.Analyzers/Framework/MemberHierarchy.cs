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

        if (method.ContainingType is not { } type || method.IsStatic || !method.ExplicitInterfaceImplementations.IsEmpty
            || method.MethodKind == MethodKind.Constructor)
        {
            yield break;
        }

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
