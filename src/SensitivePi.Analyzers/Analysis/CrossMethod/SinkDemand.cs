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
/// Two facts, each only ever set, over the bodies that may be summarised (waiting or recorded):
/// <list type="bullet">
/// <item>what is handed to a body can reach a sink beyond its result (<c>Feeds</c>): it has such a sink, it calls a body that
/// feeds one (a virtual call reaches every implementation), or it stores into a field or auto-property that a body whose values
/// reach a sink reads;</item>
/// <item>the values in a body can reach a sink (<c>Matters</c>): it feeds one, or it can hand data back (its result, an
/// <c>out</c> or <c>ref</c> parameter) to a caller whose values can.</item>
/// </list>
/// A caller is not kept merely because its callee's result matters to some other caller: what it hands that callee comes back
/// to it alone. Each body is marked at most once per fact, from a work list: linear in the calls and members the surveys list.
/// </remarks>
internal sealed class SinkDemand
{
    private readonly Dictionary<IMethodSymbol, Node> _nodes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<Node>> _implementations = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<Node>> _callers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, List<Node>> _storers = new(SymbolEqualityComparer.Default);
    private readonly Stack<(Node Node, bool Feeds)> _work = new();

    private SinkDemand()
    {
    }

    /// <summary>
    /// The bodies whose values can reach a sink across methods, among <paramref name="pending"/> and <paramref name="recorded"/>;
    /// <paramref name="returnSinks"/> are methods whose result a sink receives.
    /// </summary>
    public static ISet<IMethodSymbol> Compute(
        IEnumerable<PendingBody> pending, IEnumerable<MethodFacts> recorded, IEnumerable<IMethodSymbol> returnSinks, Promises promises, System.Threading.CancellationToken cancellationToken)
    {
        var demand = new SinkDemand();
        foreach (var body in pending)
        {
            var node = demand.NodeOf(body.Method);
            node.Sinks |= body.MaySink;
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
                }
            }
        }

        foreach (var node in demand._nodes.Values)
        {
            if (node.Sinks)
            {
                demand.Mark(node, feeds: true);
            }
        }

        demand.Drain(cancellationToken);
        var matters = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var pair in demand._nodes)
        {
            if (pair.Value.Matters)
            {
                matters.Add(pair.Key);
            }
        }

        return matters;
    }

    private Node NodeOf(IMethodSymbol method)
    {
        if (!_nodes.TryGetValue(method, out var node))
        {
            _nodes[method] = node = new Node(method);
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

                // What its callers hand it can reach a sink: so can what they hold.
                node.Feeds = true;
                foreach (var promised in node.Promises)
                {
                    MarkAll(_callers, promised, feeds: true);
                }
            }

            if (node.Matters)
            {
                continue;
            }

            node.Matters = true;

            // What a field it reads holds can reach a sink: so can what its storers hand it.
            foreach (var member in node.Read)
            {
                MarkAll(_storers, member, feeds: true);
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
                            Mark(implementation, feeds: false);
                        }
                    }
                }
            }
        }
    }

    private void MarkAll<TKey>(Dictionary<TKey, List<Node>> index, TKey key, bool feeds)
        where TKey : notnull
    {
        if (index.TryGetValue(key, out var nodes))
        {
            foreach (var node in nodes)
            {
                Mark(node, feeds);
            }
        }
    }

    private sealed class Node
    {
        public Node(IMethodSymbol method)
        {
            Method = method;
            HandsBack = CrossMethodPass.MayCarryData(method.ReturnType) || CrossMethodPass.HasOutOrRef(method);
        }

        public IMethodSymbol Method { get; }

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
    }
}
