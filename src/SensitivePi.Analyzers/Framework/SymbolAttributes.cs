using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Framework;

/// <summary>Whether a symbol carries an attribute of a given class (resolved once per compilation by the caller).</summary>
internal static class SymbolAttributes
{
    public static bool Has(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }
}
