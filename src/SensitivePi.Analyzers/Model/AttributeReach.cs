using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// Whether a member of an assembly, or a member it overrides or implements, can carry one of some attributes. Those members
/// are declared in the assembly or in the assemblies its references reach (an override of an override names only the nearer
/// base's assembly, so the references are followed to their end), and only the attributes' own assembly and the assemblies
/// that reference it (<see cref="KnownSymbols.MayCarry"/>) can carry them: the framework's methods, most callees, skip the
/// search of their hierarchy. The compilation's own code carries them only where its texts name one (<see cref="SourceMentions"/>),
/// and the attributes' own assembly only those it applies itself (<see cref="AnnotationUsage.AppliedWithin"/>: our shipped
/// annotations apply only their consent checks'): an application that never names the other attributes skips the search for its own methods too. Kept per assembly.
/// </summary>
internal sealed class AttributeReach
{
    private readonly INamedTypeSymbol?[] _attributes;
    private readonly SourceMentions? _source;
    private readonly TextMentions _names;
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _byAssembly = new(DefinitionIdentity<IAssemblySymbol>.Instance);

    /// <param name="source">The compilation's texts, or null when they are not read (its code may then carry any attribute).</param>
    /// <param name="names">The mentions that name one of <paramref name="attributes"/>.</param>
    /// <param name="attributes">The attributes.</param>
    public AttributeReach(SourceMentions? source, TextMentions names, params INamedTypeSymbol?[] attributes)
    {
        _source = source;
        _names = names;
        _attributes = attributes;
    }

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

        // Each reachable assembly once, without recursion; one already answered "no" answers for everything it reaches.
        var may = false;
        var seen = new HashSet<IAssemblySymbol>(DefinitionIdentity<IAssemblySymbol>.Instance) { assembly };
        var next = new Stack<IAssemblySymbol>();
        next.Push(assembly);
        while (!may && next.Count > 0)
        {
            var current = next.Pop();
            if (!ReferenceEquals(current, assembly) && _byAssembly.TryGetValue(current, out var answered))
            {
                may = answered;
                continue;
            }

            may = MayCarry(current);
            foreach (var module in current.Modules)
            {
                foreach (var referenced in module.ReferencedAssemblySymbols)
                {
                    if (seen.Add(referenced))
                    {
                        next.Push(referenced);
                    }
                }
            }
        }

        return _byAssembly.GetOrAdd(assembly, may);
    }

    private bool MayCarry(IAssemblySymbol assembly)
    {
        if (_source is not null && SymbolEqualityComparer.Default.Equals(assembly, _source.Assembly))
        {
            return _source.MayName(_names);
        }

        // The attributes' own assembly carries one only where it applies it itself (read once per assembly: ours is small).
        System.Collections.Immutable.ImmutableHashSet<string>? applied = null;
        foreach (var attribute in _attributes)
        {
            if (attribute?.ContainingAssembly is { } own && SymbolEqualityComparer.Default.Equals(assembly, own)
                && (applied ??= AnnotationUsage.AppliedWithin(own)) is { } appliedHere && !appliedHere.Contains(attribute.ToDisplayString()))
            {
                continue;
            }

            if (KnownSymbols.MayCarry(assembly, attribute))
            {
                return true;
            }
        }

        return false;
    }
}
