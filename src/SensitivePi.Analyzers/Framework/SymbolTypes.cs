using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Framework;

internal static class SymbolTypes
{
    /// <summary>The type a symbol holds or returns: a local's, field's, property's or parameter's type, a method's return type, a type itself.</summary>
    public static ITypeSymbol? TypeOf(ISymbol symbol) =>
        symbol switch
        {
            ILocalSymbol local => local.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            IParameterSymbol parameter => parameter.Type,
            IMethodSymbol method => method.ReturnType,
            ITypeSymbol type => type,
            _ => null,
        };

    /// <summary>
    /// Whether the compiler gave <paramref name="property"/> a backing field (an auto-property), found by the name the compiler gives
    /// it: a lookup by name, where <see cref="BackedProperties"/> reads every member of the type.
    /// </summary>
    public static bool HasBackingField(IPropertySymbol property)
    {
        foreach (var member in property.ContainingType.GetMembers("<" + property.Name + ">k__BackingField"))
        {
            if (member is IFieldSymbol { AssociatedSymbol: IPropertySymbol associated } && SymbolEqualityComparer.Default.Equals(associated, property))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The auto-properties of <paramref name="type"/>: those the compiler gave a backing field.</summary>
    public static IEnumerable<IPropertySymbol> BackedProperties(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { AssociatedSymbol: IPropertySymbol associated })
            {
                yield return associated;
            }
        }
    }
}
