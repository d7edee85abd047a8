namespace SensitivePi.Analyzers.Knowledge;

/// <summary>
/// Calls whose result carries the data of their receiver and arguments (text, bytes, elements), builders that
/// take the data into themselves, and the members that report facts about a value instead of its content.
/// </summary>
internal static class Propagators
{
    private static readonly string[] Any = { "*" };

    /// <summary>Methods of collection types that add their arguments to the collection.</summary>
    public static readonly string[] CollectionMutators = { "Add*", "Insert*", "Push*", "Enqueue*", "TryAdd", "AddOrUpdate", "GetOrAdd", "UnionWith", "CopyTo" };

    /// <summary>
    /// Types a value is put into by the rows and kept in (besides collections with an <c>Add</c>): builders that append
    /// (<c>PropagatesIntoReceiver</c>), and streams, which copies and serialisers write into. A method handed one can fill it
    /// for its caller (docs/design/value-flow-engine.md, "Across methods").
    /// </summary>
    public static readonly string[] FilledTypes = { WellKnownTypes.StringBuilder, WellKnownTypes.Stream };

    /// <summary>Facts about a value, not the value: lengths, counts, positions, comparisons.</summary>
    public static readonly string[] FactMembers =
    {
        "Length", "LongLength", "Count", "LongCount", "Capacity", "MaxCapacity", "IndexOf*", "LastIndexOf*",
        "Compare*", "GetHashCode", "GetType", "Get*Count", "GetMax*Count", "Rank", "GetLength", "GetLongLength",
    };

    public static readonly TransferEntry[] Rows =
    {
        // Builders that take the data into themselves and return themselves.
        new(CallEffect.PropagatesIntoReceiver, WellKnownTypes.StringBuilder, new[] { "Append*", "Insert", "Replace" }),

        // Projections carry what their selector returns (rows before the catch-all rows of their type).
        new(CallEffect.Projects, "System.Linq.Enumerable", new[] { "Select", "SelectMany" }),

        // A sum or an average given a selector carries what the selector returns (`Sum(p => p.Age)`; `ids.Sum(id => id.Length)`
        // counts characters); without one it is made of the elements (the evaluation propagates them). Min and Max return an
        // element, so they stay propagators.
        new(CallEffect.Projects, "System.Linq.Enumerable", new[] { "Sum", "Average" }),

        // Text, bytes and elements of a value carry its data.
        new(CallEffect.Propagates, "System.String", Any),
        new(CallEffect.Propagates, WellKnownTypes.StringBuilder, Any),
        new(CallEffect.Propagates, "System.MemoryExtensions", Any),
        new(CallEffect.Propagates, "System.Span`1", Any),
        new(CallEffect.Propagates, "System.ReadOnlySpan`1", Any),
        new(CallEffect.Propagates, "System.Memory`1", Any),
        new(CallEffect.Propagates, "System.ReadOnlyMemory`1", Any),
        new(CallEffect.Propagates, "System.Convert", Any),
        new(CallEffect.Propagates, "System.Text.Encoding", Any, includeDerived: true),
        new(CallEffect.Propagates, "System.BitConverter", Any),
        new(CallEffect.Propagates, "System.Uri", Any),
        new(CallEffect.Propagates, "System.UriBuilder", Any),
        new(CallEffect.Propagates, "Microsoft.AspNetCore.WebUtilities.QueryHelpers", new[] { "AddQueryString" }),
        new(CallEffect.Propagates, "Microsoft.AspNetCore.Http.QueryString", Any),
        new(CallEffect.Propagates, "System.Net.WebUtility", Any),
        new(CallEffect.Propagates, "System.Web.HttpUtility", Any),
        new(CallEffect.Propagates, "System.Text.Encodings.Web.TextEncoder", Any, includeDerived: true),
        new(CallEffect.Propagates, "System.Array", Any),
        new(CallEffect.Propagates, "System.IO.MemoryStream", new[] { "ToArray", "GetBuffer", "TryGetBuffer" }),
        new(CallEffect.Propagates, WellKnownTypes.FormFile, new[] { "OpenReadStream" }, includeDerived: true),

        // A copy puts the source's bytes into the destination (a file's copy is storage: Sinks/StorageSinks).
        new(CallEffect.CopiesIntoArgument, WellKnownTypes.Stream, new[] { "CopyTo", "CopyToAsync" }, includeDerived: true),
        new(CallEffect.CopiesIntoArgument, WellKnownTypes.FormFile, new[] { "CopyTo", "CopyToAsync" }, includeDerived: true),
        new(CallEffect.Propagates, "System.Tuple", Any),
        new(CallEffect.Propagates, "System.ValueTuple", Any),
        new(CallEffect.Propagates, "System.Linq.Enumerable", Any),
        new(CallEffect.Propagates, "System.Linq.Queryable", Any),
    };
}
