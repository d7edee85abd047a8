using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace SensitivePi.Analyzers.Engine;

/// <summary>
/// A forward fixpoint over the basic blocks of a control-flow graph. The taint analysis (a may-analysis:
/// union join) and the consent-guard analysis (a must-analysis: intersection join) both derive from it.
/// Unvisited predecessors do not take part in a join, so a must-analysis starts optimistic and narrows.
/// </summary>
internal abstract class ForwardDataFlow<TState>
    where TState : class
{
    // Every lattice used here has finite height; the bound only guards against a bug or pathological
    // erroneous code turning into an endless loop inside the compiler.
    private const int MaxVisitsPerBlock = 64;

    protected abstract TState EntryState { get; }

    protected abstract TState Join(TState left, TState right);

    protected abstract bool AreEqual(TState left, TState right);

    /// <summary>
    /// Applies a block's operations and branch value to <paramref name="input"/>. Returns the state that
    /// flows to the fall-through successor; <paramref name="conditional"/> flows to the conditional one.
    /// </summary>
    protected abstract TState Transfer(BasicBlock block, TState input, out TState conditional);

    /// <summary>The converged input state of every reached block, indexed by block ordinal (null: unreachable).</summary>
    public TState?[] Run(ControlFlowGraph graph)
    {
        var blocks = graph.Blocks;
        var inputs = new TState?[blocks.Length];
        var blockOutputs = new TState?[blocks.Length];
        var outputs = new Dictionary<ControlFlowBranch, TState>();
        var visits = new int[blocks.Length];
        var pending = new SortedSet<int> { 0 };

        while (pending.Count > 0)
        {
            var ordinal = pending.Min;
            pending.Remove(ordinal);
            var block = blocks[ordinal];
            var input = ordinal == 0 ? EntryState : ComputeInput(block, inputs, blockOutputs, outputs);
            if (input is null || ++visits[ordinal] > MaxVisitsPerBlock)
            {
                continue;
            }

            if (inputs[ordinal] is { } previous && AreEqual(previous, input) && visits[ordinal] > 1)
            {
                continue;
            }

            inputs[ordinal] = input;
            var fallThrough = Transfer(block, input, out var conditional);
            blockOutputs[ordinal] = Join(fallThrough, conditional);
            Propagate(block.FallThroughSuccessor, fallThrough, outputs, pending);
            Propagate(block.ConditionalSuccessor, conditional, outputs, pending);
            foreach (var handlerStart in HandlersProtecting(graph, block))
            {
                pending.Add(handlerStart);
            }
        }

        return inputs;
    }

    private TState? ComputeInput(BasicBlock block, TState?[] inputs, TState?[] blockOutputs, Dictionary<ControlFlowBranch, TState> outputs)
    {
        TState? joined = null;
        foreach (var predecessor in block.Predecessors)
        {
            if (outputs.TryGetValue(predecessor, out var state))
            {
                joined = JoinIfSeen(joined, state);
            }
        }

        // A catch, filter or finally block is entered from anywhere inside its try: join every state seen
        // there, before and after each block's operations.
        var region = block.EnclosingRegion;
        if (region.FirstBlockOrdinal == block.Ordinal && region.EnclosingRegion is { } parent
            && region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.Finally
            && parent.NestedRegions.Length > 0)
        {
            var tryRegion = parent.NestedRegions[0];
            for (var i = tryRegion.FirstBlockOrdinal; i <= tryRegion.LastBlockOrdinal && i < inputs.Length; i++)
            {
                joined = JoinIfSeen(joined, inputs[i]);
                joined = JoinIfSeen(joined, blockOutputs[i]);
            }
        }

        return joined;
    }

    private TState? JoinIfSeen(TState? joined, TState? seen) =>
        seen is null ? joined : joined is null ? seen : Join(joined, seen);

    private static void Propagate(ControlFlowBranch? branch, TState state, Dictionary<ControlFlowBranch, TState> outputs, SortedSet<int> pending)
    {
        if (branch?.Destination is { } destination)
        {
            outputs[branch] = state;
            pending.Add(destination.Ordinal);
        }
    }

    private static IEnumerable<int> HandlersProtecting(ControlFlowGraph graph, BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion is not { } parent)
            {
                continue;
            }

            for (var i = 1; i < parent.NestedRegions.Length; i++)
            {
                var handler = parent.NestedRegions[i];
                if (handler.FirstBlockOrdinal < graph.Blocks.Length)
                {
                    yield return handler.FirstBlockOrdinal;
                }
            }
        }
    }
}
