using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// What the taint analysis knows at a program point: the taint held by each location (a local, a
/// parameter, a field of <c>this</c>, or a flow capture of the control-flow graph). A missing location
/// holds nothing sensitive; an explicit empty taint records a kill (a parameter masked in place).
/// </summary>
internal sealed class TaintState
{
    public static readonly TaintState Empty = new(ImmutableDictionary.Create<object, Taint>(LocationComparer.Instance));

    public TaintState(ImmutableDictionary<object, Taint> locations)
        : this(locations, HoldsPart(locations))
    {
    }

    /// <summary>A state whose caller knows whether it holds a tuple part (<see cref="HasParts"/>; true may over-approximate).</summary>
    public TaintState(ImmutableDictionary<object, Taint> locations, bool hasParts)
    {
        Locations = locations;
        HasParts = hasParts;
    }

    public ImmutableDictionary<object, Taint> Locations { get; }

    /// <summary>Whether a location may be a <see cref="PartLocation"/>: false only when none is.</summary>
    public bool HasParts { get; }

    public TaintState Join(TaintState other)
    {
        if (ReferenceEquals(this, other) || other.Locations.IsEmpty)
        {
            return this;
        }

        if (Locations.IsEmpty)
        {
            return other;
        }

        // Only what changes is written, into a builder made at the first change: most joins add nothing to most locations, and
        // an unchanged state is returned as itself, which the fixpoint's comparison then settles by reference.
        ImmutableDictionary<object, Taint>.Builder? builder = null;
        foreach (var pair in other.Locations)
        {
            if (Locations.TryGetValue(pair.Key, out var mine))
            {
                var joined = mine.Union(pair.Value);
                if (!ReferenceEquals(joined, mine))
                {
                    (builder ??= Locations.ToBuilder())[pair.Key] = joined;
                }
            }
            else
            {
                (builder ??= Locations.ToBuilder())[pair.Key] = pair.Key is PartLocation part ? pair.Value.Union(Get(Locations, part.Holder)) : pair.Value;
            }
        }

        // A part of a tuple one side does not track (a parameter, a value not built in place) is all of its holder there:
        // `if (m) row = ("***", row.City);` leaves `row.Item1` as the parameter on the other path, not empty.
        if (HasParts)
        {
            foreach (var pair in Locations)
            {
                if (pair.Key is PartLocation part && !other.Locations.ContainsKey(part))
                {
                    var joined = pair.Value.Union(Get(other.Locations, part.Holder));
                    if (!ReferenceEquals(joined, pair.Value))
                    {
                        (builder ??= Locations.ToBuilder())[part] = joined;
                    }
                }
            }
        }

        if (builder is null)
        {
            return this;
        }

        var locations = builder.ToImmutable();
        return ReferenceEquals(locations, Locations) ? this : new TaintState(locations, HasParts || other.HasParts);
    }

    private static bool HoldsPart(ImmutableDictionary<object, Taint> locations)
    {
        foreach (var pair in locations)
        {
            if (pair.Key is PartLocation)
            {
                return true;
            }
        }

        return false;
    }

    public bool IsSameAs(TaintState other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        foreach (var pair in Locations)
        {
            if (!Get(other.Locations, pair.Key).Equals(pair.Value))
            {
                return false;
            }
        }

        foreach (var pair in other.Locations)
        {
            if (!Get(Locations, pair.Key).Equals(pair.Value))
            {
                return false;
            }
        }

        return true;
    }

    public static Taint Get(IReadOnlyDictionary<object, Taint> locations, object location) =>
        locations.TryGetValue(location, out var taint) ? taint : Taint.Empty;

    public static Taint Get(FlowMap<Taint> locations, object location) =>
        locations.TryGetValue(location, out var taint) ? taint : Taint.Empty;
}

/// <summary>Locations of the flow analyses: symbols compare by symbol identity, capture ids by value.</summary>
internal sealed class LocationComparer : IEqualityComparer<object>
{
    public static readonly LocationComparer Instance = new();

    public new bool Equals(object? x, object? y) =>
        x is ISymbol left && y is ISymbol right ? SymbolEqualityComparer.Default.Equals(left, right) : object.Equals(x, y);

    public int GetHashCode(object obj) =>
        obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
}
