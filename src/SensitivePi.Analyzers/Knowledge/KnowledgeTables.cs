using System.Collections.Generic;
using System.Collections.Immutable;

namespace SensitivePi.Analyzers.Knowledge;

/// <summary>
/// The rows the catalogs resolve at compilation start: the built-in families, plus whatever a source of
/// knowledge adds for one compilation (<see cref="With"/>; docs/design/architecture.md, "Adding a sink family").
/// Strings only, so the built-in set may live in a static.
/// </summary>
internal sealed class KnowledgeTables
{
    private KnowledgeTables(ImmutableArray<SinkEntry> sinks, ImmutableArray<TransferEntry> transfers)
    {
        Sinks = sinks;
        Transfers = transfers;
    }

    /// <summary>Every built-in family, in the order the catalogs try them.</summary>
    public static KnowledgeTables BuiltIn { get; } = new(
        ImmutableArray.CreateRange(Concat(LoggingSinks.Rows, NetworkSinks.Rows, StorageSinks.Rows, NavigationSinks.Rows, ExceptionSinks.Rows, ResponseSinks.Rows)),
        ImmutableArray.CreateRange(Concat(Sanitizers.Rows, Serializers.Rows, Propagators.Rows)));

    /// <summary>Sink rows; for one method and kind, the first row that matches decides.</summary>
    public ImmutableArray<SinkEntry> Sinks { get; }

    /// <summary>Transfer rows; for one method, the first row that matches decides.</summary>
    public ImmutableArray<TransferEntry> Transfers { get; }

    /// <summary>
    /// These tables with more rows: added sinks after the built-in ones, added transfers before them (a
    /// method a team declares a sanitizer is one whatever the built-in rows say).
    /// </summary>
    public KnowledgeTables With(IEnumerable<SinkEntry> sinks, IEnumerable<TransferEntry> transfers) =>
        new(Sinks.AddRange(sinks), ImmutableArray.CreateRange(transfers).AddRange(Transfers));

    private static IEnumerable<T> Concat<T>(params T[][] families)
    {
        foreach (var family in families)
        {
            foreach (var row in family)
            {
                yield return row;
            }
        }
    }
}
