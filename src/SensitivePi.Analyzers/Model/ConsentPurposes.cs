using System.Collections.Concurrent;
using System.Threading;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// The consent bits of (category, purpose) pairs, one set per compilation: a check with a constant purpose grants
/// its pair's bit, and an operation declared for a purpose accepts only that bit (or a check for every purpose).
/// The first pairs the compilation's analyses meet, as many as there are bits above the categories', each get a
/// bit of their own; a pair keeps its bit for the whole compilation, so every analysis of every body, with or
/// without a graph, agrees. Pairs beyond that share bits by a stable hash: two of them can be taken for one (a
/// missed mismatch, never a false report; docs/rules/SPI003.md, "Known limits").
/// </summary>
internal sealed class ConsentPurposes
{
    private static readonly int Count = ConsentCatalog.LastPurposeShift - ConsentCatalog.FirstPurposeShift + 1;

    private readonly ConcurrentDictionary<(PiCategory Category, string Purpose), int> _bits = new();
    private int _assigned;

    public int BitOf(PiCategory category, string purpose)
    {
        var key = (category, Normalize(purpose));
        return _bits.TryGetValue(key, out var bit) ? bit : _bits.GetOrAdd(key, Assign);
    }

    // GetOrAdd may call this twice for one key under contention; the loser's slot is then left unused, which only
    // brings the shared bits nearer.
    private int Assign((PiCategory Category, string Purpose) key)
    {
        var slot = Interlocked.Increment(ref _assigned) - 1;
        return 1 << (ConsentCatalog.FirstPurposeShift + (slot < Count ? slot : (int)(StableHash(key.Category, key.Purpose) % (uint)Count)));
    }

    // FNV-1a over the category and the normalised purpose: string.GetHashCode differs between processes.
    private static uint StableHash(PiCategory category, string normalized)
    {
        var hash = 2166136261u;
        hash = (hash ^ (uint)category) * 16777619u;
        foreach (var character in normalized)
        {
            hash = (hash ^ character) * 16777619u;
        }

        return hash;
    }

    /// <summary>Purposes compare ordinally, ignoring case and surrounding white space.</summary>
    public static string Normalize(string purpose) => purpose.Trim().ToUpperInvariant();
}
