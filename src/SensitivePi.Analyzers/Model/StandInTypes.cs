using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// The types of this compilation that can stand for a value whose static type says little: an interface, or a
/// type parameter with a constraint of the application's own (<c>where TRequest : IRequest&lt;TResponse&gt;</c>).
/// A logger that destructures such a value, or a serialiser, writes the members of whatever object arrives, so
/// the rules read it as a container of what those types hold (docs/design/value-flow-engine.md, "Containers").
/// Framework interfaces (<c>System.*</c>: <c>IDisposable</c>, <c>IEquatable&lt;T&gt;</c>) say nothing about the
/// data and stand for nothing; an unconstrained type parameter or <c>object</c> stands for nothing either.
/// </summary>
internal sealed class StandInTypes
{
    private readonly Compilation _compilation;
    private readonly object _building = new();
    private Dictionary<ISymbol, List<INamedTypeSymbol>>? _index;

    public StandInTypes(Compilation compilation) => _compilation = compilation;

    /// <summary>Whether values of <paramref name="type"/> may be objects of more specific types this index knows.</summary>
    public static bool IsOpen(ITypeSymbol? type) => type switch
    {
        ITypeParameterSymbol parameter => !OwnConstraints(parameter).IsEmpty,
        INamedTypeSymbol { TypeKind: TypeKind.Interface } named => !IsFrameworkType(named),
        _ => false,
    };

    /// <summary>The concrete classes and structs declared in this compilation that can stand for <paramref name="type"/>, in name order.</summary>
    public ImmutableArray<INamedTypeSymbol> Of(ITypeSymbol type)
    {
        var constraints = type switch
        {
            ITypeParameterSymbol parameter => OwnConstraints(parameter),
            INamedTypeSymbol { TypeKind: TypeKind.Interface } named when !IsFrameworkType(named) => ImmutableArray.Create<ITypeSymbol>(named),
            _ => ImmutableArray<ITypeSymbol>.Empty,
        };

        if (constraints.IsEmpty)
        {
            return ImmutableArray<INamedTypeSymbol>.Empty;
        }

        // Candidates from the index for the first constraint, checked against the others: every constraint is
        // met through the type itself, a base type or an interface, all of which the index lists.
        var found = new List<INamedTypeSymbol>();
        if (Index().TryGetValue(constraints[0].OriginalDefinition, out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (SatisfiesAll(candidate, constraints))
                {
                    found.Add(candidate);
                }
            }
        }

        return InNameOrder(found);
    }

    // Name order, each name made once, and only for the types found: a display string per comparison, or per type of
    // the compilation, cost more than the rest of the index.
    private static ImmutableArray<INamedTypeSymbol> InNameOrder(List<INamedTypeSymbol> types)
    {
        if (types.Count < 2)
        {
            return types.ToImmutableArray();
        }

        var names = new string[types.Count];
        var order = new int[types.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = types[i].ToDisplayString();
            order[i] = i;
        }

        System.Array.Sort(order, (left, right) => string.CompareOrdinal(names[left], names[right]));
        var sorted = ImmutableArray.CreateBuilder<INamedTypeSymbol>(types.Count);
        foreach (var position in order)
        {
            sorted.Add(types[position]);
        }

        return sorted.MoveToImmutable();
    }

    // The constraint types that belong to the application (or a library it uses), not to the framework.
    private static ImmutableArray<ITypeSymbol> OwnConstraints(ITypeParameterSymbol parameter)
    {
        var builder = ImmutableArray.CreateBuilder<ITypeSymbol>();
        foreach (var constraint in parameter.ConstraintTypes)
        {
            if (constraint is INamedTypeSymbol named && !IsFrameworkType(named) && named.SpecialType == SpecialType.None)
            {
                builder.Add(named);
            }
        }

        return builder.ToImmutable();
    }

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: false, Name: "System" or "Microsoft" };
    }

    // A constraint written with the type's own parameters (`IRequest<TResponse>`) is met by any construction of
    // its generic definition: the index does not solve for type arguments.
    private static bool SatisfiesAll(INamedTypeSymbol candidate, ImmutableArray<ITypeSymbol> constraints)
    {
        foreach (var constraint in constraints)
        {
            var definition = constraint.OriginalDefinition;
            var met = false;
            if (constraint.TypeKind == TypeKind.Interface)
            {
                foreach (var implemented in candidate.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, definition))
                    {
                        met = true;
                        break;
                    }
                }
            }
            else
            {
                for (INamedTypeSymbol? current = candidate; current is not null && !met; current = current.BaseType)
                {
                    met = SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, definition);
                }
            }

            if (!met)
            {
                return false;
            }
        }

        return true;
    }

    // Every concrete class, record and struct of the compilation's own source, collected once on first need, by
    // each generic definition it is, derives from or implements: asking for an interface is then one lookup, not a
    // scan of every type (large code bases have hundreds of interfaces).
    private Dictionary<ISymbol, List<INamedTypeSymbol>> Index()
    {
        if (Volatile.Read(ref _index) is { } built)
        {
            return built;
        }

        // Built by one thread: the bodies that ask first all wait for the same index rather than each building one.
        lock (_building)
        {
            if (_index is not null)
            {
                return _index;
            }

            // Nested types read without each type's whole public member list (`TypesIn`), the index's largest cost when it read
            // `GetMembers()` (benchmarks/results.md, session 52).
            var types = new List<INamedTypeSymbol>();
            foreach (var type in TypeHierarchy.TypesIn(_compilation.Assembly.GlobalNamespace))
            {
                if (type.TypeKind is TypeKind.Class or TypeKind.Struct && !type.IsAbstract && !type.IsStatic && !type.IsImplicitlyDeclared)
                {
                    types.Add(type);
                }
            }

            var index = new Dictionary<ISymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            foreach (var type in types)
            {
                // `object` and `ValueType` are never an application's constraint.
                for (INamedTypeSymbol? current = type; current is { SpecialType: SpecialType.None }; current = current.BaseType)
                {
                    Add(index, current.OriginalDefinition, type);
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    Add(index, implemented.OriginalDefinition, type);
                }
            }

            Volatile.Write(ref _index, index);
            return index;
        }
    }

    private static void Add(Dictionary<ISymbol, List<INamedTypeSymbol>> index, ISymbol key, INamedTypeSymbol type)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = new List<INamedTypeSymbol>();
        }

        // An interface implemented twice over (IRequest<A> and IRequest<B>) lists the type once.
        if (list.Count == 0 || !ReferenceEquals(list[list.Count - 1], type))
        {
            list.Add(type);
        }
    }
}
