using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Framework;

/// <summary>
/// Reference identity for the caches keyed by a symbol's definition (<c>OriginalDefinition</c>, <c>ReducedFrom</c>), asked
/// at nearly every operation of every body: the compiler hands out one object per declared definition, so identity finds
/// what symbol equality would, without its virtual calls. An equal symbol met as another object (an anonymous type made by
/// each <c>new { … }</c>, a lambda or local function bound again, an error type, a constructed delegate's <c>Invoke</c>)
/// only costs the same answer computed again (docs/design/architecture.md, "Framework").
/// </summary>
internal sealed class DefinitionIdentity<TSymbol> : IEqualityComparer<TSymbol>
    where TSymbol : class, ISymbol
{
    public static readonly DefinitionIdentity<TSymbol> Instance = new();

    private DefinitionIdentity()
    {
    }

    public bool Equals(TSymbol? x, TSymbol? y) => ReferenceEquals(x, y);

    public int GetHashCode(TSymbol obj) => RuntimeHelpers.GetHashCode(obj);
}
