using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Framework;

/// <summary>
/// The one walker for "is or inherits": a type, its base types and the interfaces it implements, compared
/// by symbol (original definitions, so <c>DbSet&lt;Patient&gt;</c> is a <c>DbSet`1</c>) or by metadata name
/// where no compilation is at hand; and the walk over every type of a namespace (<see cref="TypesIn"/>).
/// </summary>
internal static class TypeHierarchy
{
    /// <summary>The type, then its base types, then every interface it implements.</summary>
    public static IEnumerable<ITypeSymbol> SelfBaseTypesAndInterfaces(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            yield return @interface;
        }
    }

    /// <summary>
    /// Every type of a namespace and its namespaces, nested ones too, without recursion (stacks of what is left to read). A type's
    /// nested types are read with <c>GetTypeMembers</c>: <c>GetMembers()</c> would make the public list of all its members.
    /// </summary>
    public static IEnumerable<INamedTypeSymbol> TypesIn(INamespaceSymbol global)
    {
        var namespaces = new Stack<INamespaceSymbol>();
        var types = new Stack<INamedTypeSymbol>();
        namespaces.Push(global);
        while (namespaces.Count != 0)
        {
            foreach (var member in namespaces.Pop().GetMembers())
            {
                if (member is INamespaceSymbol inner)
                {
                    namespaces.Push(inner);
                }
                else if (member is INamedTypeSymbol type)
                {
                    types.Push(type);
                }
            }

            while (types.Count != 0)
            {
                var type = types.Pop();
                yield return type;
                foreach (var nested in type.GetTypeMembers())
                {
                    types.Push(nested);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="target"/>, derives from it or implements it.</summary>
    public static bool IsOrInherits(ITypeSymbol? type, ITypeSymbol target)
    {
        if (type is null)
        {
            return false;
        }

        // Base types first, without the iterator: this is asked for every sink and transfer row.
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
            {
                return true;
            }
        }

        if (target.TypeKind != TypeKind.Interface)
        {
            return false;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, target))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is or inherits any of <paramref name="targets"/>.</summary>
    public static bool IsOrInheritsAny(ITypeSymbol? type, IReadOnlyList<INamedTypeSymbol> targets)
    {
        for (var i = 0; i < targets.Count; i++)
        {
            if (IsOrInherits(type, targets[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first of <paramref name="metadataNames"/> that <paramref name="type"/> is or derives from, by name
    /// (<c>System.IO.Stream</c>), for code that holds no compilation; null when none.
    /// </summary>
    public static string? FirstBaseNamed(ITypeSymbol? type, params string[] metadataNames)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var name in metadataNames)
            {
                if (HasMetadataName(current, name))
                {
                    return name;
                }
            }
        }

        return null;
    }

    /// <summary>Whether a type's namespace-qualified metadata name is <paramref name="metadataName"/>, compared without building a string.</summary>
    public static bool HasMetadataName(ITypeSymbol type, string metadataName)
    {
        if (type.ContainingType is not null)
        {
            return false;
        }

        var end = metadataName.Length;
        var name = type.MetadataName;
        if (!EndsWithSegment(metadataName, end, name))
        {
            return false;
        }

        end -= name.Length;
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (end == 0 || metadataName[end - 1] != '.' || !EndsWithSegment(metadataName, end - 1, ns.Name))
            {
                return false;
            }

            end -= ns.Name.Length + 1;
        }

        return end == 0;
    }

    private static bool EndsWithSegment(string text, int end, string segment) =>
        end >= segment.Length && string.CompareOrdinal(text, end - segment.Length, segment, 0, segment.Length) == 0;
}
