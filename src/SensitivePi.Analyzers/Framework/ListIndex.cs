using System.Collections.Generic;

namespace SensitivePi.Analyzers.Framework;

/// <summary>Indexes that list values under keys, filled from walks whose uses repeat.</summary>
internal static class ListIndex
{
    /// <summary>
    /// Lists <paramref name="value"/> under <paramref name="key"/> unless it is the last value listed there: a body's uses of one
    /// key come one after another (one per call or read), so each body is listed once, after its first.
    /// </summary>
    public static void AddAfterLast<TKey, TValue>(Dictionary<TKey, List<TValue>> index, TKey key, TValue value)
        where TKey : notnull
        where TValue : class
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = new List<TValue>();
        }

        if (list.Count == 0 || !ReferenceEquals(list[list.Count - 1], value))
        {
            list.Add(value);
        }
    }
}
