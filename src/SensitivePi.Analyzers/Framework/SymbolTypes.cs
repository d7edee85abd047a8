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
}
