using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// Whether a member of an assembly, or a member it overrides or implements, can carry one of some attributes. Those members
/// are declared in the assembly or in assemblies it references, and only the attributes' own assembly and the assemblies that
/// reference it (<see cref="KnownSymbols.MayCarry"/>) can carry them: the framework's methods, most callees, skip the search
/// of their hierarchy. Kept per assembly.
/// </summary>
internal sealed class AttributeReach
{
    private readonly INamedTypeSymbol?[] _attributes;
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _byAssembly = new(DefinitionIdentity<IAssemblySymbol>.Instance);

    public AttributeReach(params INamedTypeSymbol?[] attributes) => _attributes = attributes;

    /// <summary>Whether some member in the hierarchy of a member of <paramref name="assembly"/> may carry one of the attributes (true when unknown).</summary>
    public bool MayReach(IAssemblySymbol? assembly)
    {
        if (assembly is null)
        {
            return true;
        }

        if (_byAssembly.TryGetValue(assembly, out var known))
        {
            return known;
        }

        var may = MayCarry(assembly);
        foreach (var module in assembly.Modules)
        {
            foreach (var referenced in module.ReferencedAssemblySymbols)
            {
                may = may || MayCarry(referenced);
            }
        }

        return _byAssembly.GetOrAdd(assembly, may);
    }

    private bool MayCarry(IAssemblySymbol assembly)
    {
        foreach (var attribute in _attributes)
        {
            if (KnownSymbols.MayCarry(assembly, attribute))
            {
                return true;
            }
        }

        return false;
    }
}
