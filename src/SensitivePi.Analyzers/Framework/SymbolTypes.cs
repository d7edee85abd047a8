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
