using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Framework;

/// <summary>
/// Starting sizes for the per-compilation caches that the survey asks at nearly every operation. Grown from the default size to
/// tens of thousands of symbols, such a cache copies every entry at each doubling: on grandnode2 the additions to the member
/// cache alone cost about 60 ms, and about 10 ms when it starts at its final size (docs/design/value-flow-engine.md, "Cost").
/// The size is the compilation's files times the entries per file measured on real code.
/// </summary>
internal static class CacheCapacity
{
    // ConcurrentDictionary's own starting size (also what a cache given no entries per file gets), and a ceiling that keeps a
    // huge compilation from reserving what it may not use: 2 MB of buckets at most.
    private const int Smallest = 31;
    private const int Largest = 1 << 18;

    // Lock stripes, taken only by additions (lookups take no lock): the driver runs bodies on a few threads at once. A fixed
    // number, since .NET Framework hosts accept no default.
    private const int Stripes = 4;

    public static ConcurrentDictionary<TKey, TValue> Create<TKey, TValue>(Compilation compilation, int perFile, IEqualityComparer<TKey> comparer)
        where TKey : notnull =>
        new(Stripes, (int)Math.Min(Largest, Math.Max(Smallest, (long)compilation.SyntaxTrees.Count() * perFile)), comparer);
}
