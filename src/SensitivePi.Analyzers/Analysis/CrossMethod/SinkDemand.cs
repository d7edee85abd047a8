using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// Which bodies a finding across methods can pass through, worked out from the surveys alone before any body is summarised
/// (docs/design/value-flow-engine.md, "Bodies no finding can pass through"): a body whose values can reach an across-method sink
/// in it or beyond. The surveys show no path from the others to a sink, so their summaries are not made.
/// </summary>
/// <remarks>
/// Facts, each only ever set, over the bodies that may be summarised (waiting or recorded):
/// <list type="bullet">
/// <item>what is handed to a body can reach a sink beyond its result (<c>Feeds</c>): one of its parameters goes to a sink in it, to
/// a call of a body that feeds one (a virtual call reaches every implementation), or into a field or auto-property that a body
/// whose values reach a sink reads (where its parameters go is asked of the body only when one of those may hold:
/// <see cref="ValueUses.ParametersGo"/>);</item>
/// <item>the values in a body can reach a sink (<c>Matters</c>): it has such a sink, it hands values to a body that feeds one or
/// stores them where such a body reads, or it can hand data back (its result, an <c>out</c> or <c>ref</c> parameter) to a caller
/// whose values can (<c>ResultMatters</c>).</item>
/// </list>
/// A caller is not kept merely because its callee's result matters to some other caller: what it hands that callee comes back
/// to it alone. Each body is marked at most once per fact, from a work list: linear in the calls and members the surveys list,
/// besides one walk of a body to see where its parameters go.
/// </remarks>
internal sealed class SinkDemand : ValueUses.IDemand
{
    private readonly Dictionary<IMethodSymbol, Node> _nodes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<Node>> _implementations = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<Node>> _callers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, List<Node>> _storers = new(SymbolEqualityComparer.Default);
    private readonly Stack<(Node Node, bool Feeds)> _work = new();

    // The members a body whose values can reach a sink reads.
    private readonly HashSet<ISymbol> _demanded = new(SymbolEqualityComparer.Default);

    private readonly ValueFlowEngine _engine;

    private SinkDemand(ValueFlowEngine engine)
    {
        _engine = engine;
    }

    /// <summary>
    /// Which bodies, among <paramref name="pending"/> and <paramref name="recorded"/>, have values that can reach a sink across
    /// methods (<see cref="Matters"/>), and where a value handed on can (<see cref="ValueUses.IDemand"/>);
    /// <paramref name="returnSinks"/> are methods whose result a sink receives.
    /// </summary>
    public static SinkDemand Compute(
        ValueFlowEngine engine,
        IEnumerable<PendingBody> pending, IEnumerable<MethodFacts> recorded, IEnumerable<IMethodSymbol> returnSinks, Promises promises, System.Threading.CancellationToken cancellationToken)
    {
        var demand = new SinkDemand(engine);
        foreach (var body in pending)
        {
            var node = demand.NodeOf(body.Method);
            node.Body = body;
            node.Sinks |= body.MaySink || body.SetsStoredMember(engine.Entities);
            node.Callees.AddRange(body.Callees);
            node.Read.AddRange(body.Read);
            node.Stored.AddRange(body.Stored);
        }

        foreach (var facts in recorded)
        {
            var node = demand.NodeOf(facts.Method);
            node.Sinks |= !facts.Sinks.IsEmpty;
            foreach (var call in facts.Calls)
            {
                node.Callees.Add(call.Callee.OriginalDefinition);
            }

            foreach (var (member, _) in facts.Stores)
            {
                node.Stored.Add(member.OriginalDefinition);
            }
        }

        demand.Index(promises, cancellationToken);

        // A handler's result is written: its body, or each implementation of an interface or virtual method given as the group.
        foreach (var method in returnSinks)
        {
            if (demand._implementations.TryGetValue(method.OriginalDefinition, out var implementations))
            {
                foreach (var node in implementations)
                {
                    node.Sinks = true;
                    node.ResultMatters = true;
                }
            }
        }

        foreach (var node in demand._nodes.Values)
        {
            if (node.Sinks)
            {
                demand.Mark(node, feeds: false);
                demand.MarkIfFeeds(node);
            }
        }

        demand.Drain(cancellationToken);
        return demand;
    }

    /// <summary>Whether the values in <paramref name="method"/>'s body can reach a sink, in it or beyond.</summary>
    public bool Matters(IMethodSymbol method) => _nodes.TryGetValue(method.OriginalDefinition, out var node) && node.Matters;

    /// <inheritdoc/>
    public bool Feeds(IMethodSymbol callee)
    {
        if (_implementations.TryGetValue(callee.OriginalDefinition, out var implementations))
        {
            foreach (var implementation in implementations)
            {
                if (implementation.Feeds)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public bool ResultMatters(IMethodSymbol method) => _nodes.TryGetValue(method.OriginalDefinition, out var node) && node.ResultMatters;

    /// <inheritdoc/>
    public bool Demanded(ISymbol member) => _demanded.Contains(member.OriginalDefinition);

    private Node NodeOf(IMethodSymbol method)
    {
        if (!_nodes.TryGetValue(method, out var node))
        {
            _nodes[method] = node = new Node(method, _engine.CrossMethod.HandsBackThroughArguments(method));
        }

        return node;
    }

    private void Index(Promises promises, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var node in _nodes.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            node.Promises = promises.Of(node.Method);
            foreach (var promised in node.Promises)
            {
                ListIndex.AddAfterLast(_implementations, promised, node);
            }

            foreach (var callee in node.Callees)
            {
                ListIndex.AddAfterLast(_callers, callee, node);
            }

            foreach (var member in node.Stored)
            {
                ListIndex.AddAfterLast(_storers, member, node);
            }
        }
    }

    private void Mark(Node node, bool feeds)
    {
        if (feeds ? !node.Feeds : !node.Matters)
        {
            _work.Push((node, feeds));
        }
    }

    private void Drain(System.Threading.CancellationToken cancellationToken)
    {
        while (_work.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (node, feeds) = _work.Pop();
            if (feeds)
            {
                if (node.Feeds)
                {
                    continue;
                }

                // What its callers hand it can reach a sink: so can what they hold, and their parameters where they hand them on.
                node.Feeds = true;
                foreach (var promised in node.Promises)
                {
                    MarkAllFed(_callers, promised);
                }
            }

            if (node.Matters)
            {
                continue;
            }

            node.Matters = true;

            // What a field it reads holds can reach a sink: so can what its storers store, and their parameters where stored.
            foreach (var member in node.Read)
            {
                if (_demanded.Add(member))
                {
                    MarkAllFed(_storers, member);
                }
            }

            // What a callee hands back to it can reach a sink: so can the callee's values.
            foreach (var callee in node.Callees)
            {
                if (_implementations.TryGetValue(callee, out var implementations))
                {
                    foreach (var implementation in implementations)
                    {
                        if (implementation.HandsBack)
                        {
                            implementation.ResultMatters = true;
                            Mark(implementation, feeds: false);
                        }
                    }
                }
            }
        }
    }

    // The bodies listed under `key` hand their values to a body that feeds a sink, or store them where one reads: those values
    // matter, and the bodies feed a sink themselves where their parameters go there.
    private void MarkAllFed<TKey>(Dictionary<TKey, List<Node>> index, TKey key)
        where TKey : notnull
    {
        if (index.TryGetValue(key, out var nodes))
        {
            foreach (var node in nodes)
            {
                Mark(node, feeds: false);
                MarkIfFeeds(node);
            }
        }
    }

    // Asked only where a reason holds (a sink of its own, a callee that feeds one, a member read where values reach one): whether
    // its parameters go there, as one walk of its body tells (ValueUses.ParametersGo, kept).
    private void MarkIfFeeds(Node node)
    {
        // Whether a body feeds a sink is asked only by its callers: one no body calls (an action, an entry point) is not walked.
        if (node.Feeds || !HasCallers(node))
        {
            return;
        }

        var where = node.Where ??= node.Body is { } body
            ? ValueUses.ParametersGo(_engine, body.Owner, body.Root)
            : Stored(node);
        var feeds = where.Anywhere || where.Sink || (where.ReturnedAcross && node.Sinks);
        if (!feeds)
        {
            foreach (var callee in where.Calls)
            {
                if (Feeds(callee))
                {
                    feeds = true;
                    break;
                }
            }
        }

        if (!feeds)
        {
            foreach (var member in where.Stores)
            {
                if (_demanded.Contains(member))
                {
                    feeds = true;
                    break;
                }
            }
        }

        if (feeds)
        {
            Mark(node, feeds: true);
        }
    }

    private bool HasCallers(Node node)
    {
        foreach (var promised in node.Promises)
        {
            if (_callers.ContainsKey(promised))
            {
                return true;
            }
        }

        return false;
    }

    // A body recorded without a walk stores its parameters as they are (CrossMethodPass.DirectStores).
    private static ValueUses.Destinations Stored(Node node)
    {
        var where = new ValueUses.Destinations();
        foreach (var member in node.Stored)
        {
            where.Stores.Add(member);
        }

        return where;
    }

    private sealed class Node
    {
        public Node(IMethodSymbol method, bool handsBackThroughArguments)
        {
            Method = method;
            HandsBack = CrossMethodPass.MayCarryData(method.ReturnType) || handsBackThroughArguments;
        }

        public IMethodSymbol Method { get; }

        /// <summary>The waiting body, or null for one recorded without a walk.</summary>
        public PendingBody? Body { get; set; }

        /// <summary>Where its parameters go, once asked.</summary>
        public ValueUses.Destinations? Where { get; set; }

        /// <summary>
        /// Its result, or an <c>out</c> or <c>ref</c> parameter, can carry data to its caller: as the pass judges a call's result
        /// everywhere (<see cref="CrossMethodPass.MayCarryData"/>: not a flag, a number, an enum or a plain task).
        /// </summary>
        public bool HandsBack { get; }

        /// <summary>It has a sink the pass reports across methods (or its result is one).</summary>
        public bool Sinks { get; set; }

        public List<IMethodSymbol> Callees { get; } = new();

        /// <summary>The followed fields and auto-properties (and primary constructors' parameters) it reads.</summary>
        public List<ISymbol> Read { get; } = new();

        /// <summary>Those it assigns.</summary>
        public List<ISymbol> Stored { get; } = new();

        public IReadOnlyList<IMethodSymbol> Promises { get; set; } = System.Array.Empty<IMethodSymbol>();

        public bool Feeds { get; set; }

        public bool Matters { get; set; }

        /// <summary>What it hands back can reach a sink: a caller's values can, or a sink receives its result.</summary>
        public bool ResultMatters { get; set; }
    }
}
