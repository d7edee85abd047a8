using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// The methods a call to which may run a body: the method itself and what it overrides or implements
/// (<see cref="MemberHierarchy.SelfOverriddenAndImplemented"/>), worked out once per method at compilation end. The demand, the
/// waiting bodies' index and the composition all ask, and an interface walk costs (docs/design/value-flow-engine.md, "Summaries
/// on demand"). Used by one thread, in the compilation-end action.
/// </summary>
internal sealed class Promises
{
    private readonly Dictionary<IMethodSymbol, IMethodSymbol[]> _known = new(SymbolEqualityComparer.Default);

    public IReadOnlyList<IMethodSymbol> Of(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        if (!_known.TryGetValue(method, out var promised))
        {
            _known[method] = promised = MemberHierarchy.SelfOverriddenAndImplemented(method).ToArray();
        }

        return promised;
    }
}
