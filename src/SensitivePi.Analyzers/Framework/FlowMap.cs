using System.Collections.Generic;
using System.Collections.Immutable;

namespace SensitivePi.Analyzers.Framework;

/// <summary>
/// The working copy of a flow state's map (taints or remembered check results) while one block is
/// transferred: reads go to the block's input until the first write makes a builder. An analysis keeps one
/// and resets it per block; most blocks write nothing, so most allocate nothing.
/// </summary>
internal sealed class FlowMap<TValue>
{
    private ImmutableDictionary<object, TValue> _input = ImmutableDictionary<object, TValue>.Empty;
    private ImmutableDictionary<object, TValue>.Builder? _builder;

    /// <summary>
    /// Whether the map may hold an <see cref="IPartOfLocation"/>: its input may (as <see cref="Reset"/> was told), or one was
    /// written since. False only when none is.
    /// </summary>
    public bool HasParts { get; private set; }

    public void Reset(ImmutableDictionary<object, TValue> input, bool inputHasParts = true)
    {
        _input = input;
        _builder = null;
        HasParts = inputHasParts;
    }

    public bool TryGetValue(object location, out TValue value) =>
        _builder is not null ? _builder.TryGetValue(location, out value!) : _input.TryGetValue(location, out value!);

    public bool ContainsKey(object location) => _builder?.ContainsKey(location) ?? _input.ContainsKey(location);

    public void Set(object location, TValue value)
    {
        (_builder ??= _input.ToBuilder())[location] = value;
        HasParts |= location is IPartOfLocation;
    }

    public void Remove(object location)
    {
        if (ContainsKey(location))
        {
            (_builder ??= _input.ToBuilder()).Remove(location);
        }
    }

    /// <summary>The map now: the input itself when nothing changed it.</summary>
    public ImmutableDictionary<object, TValue> ToImmutable() => _builder?.ToImmutable() ?? _input;
}

/// <summary>Comparisons of the maps flow states keep.</summary>
internal static class FlowMaps
{
    /// <summary>Whether two maps hold the same keys with equal values.</summary>
    public static bool SameEntries<TKey, TValue>(ImmutableDictionary<TKey, TValue> left, ImmutableDictionary<TKey, TValue> right)
        where TKey : notnull
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<TValue>.Default;
        foreach (var pair in left)
        {
            if (!right.TryGetValue(pair.Key, out var theirs) || !comparer.Equals(theirs, pair.Value))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// A location that is part of another (an element of a tuple held in a local): a join must read it together with its holder,
/// so flow maps and states note whether they hold one, and the joins of the many states that hold none skip that work.
/// </summary>
internal interface IPartOfLocation
{
    object Holder { get; }
}
