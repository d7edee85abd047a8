using System;
using System.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace SensitivePi.Analyzers.Framework;

/// <summary>
/// A forward fixpoint over the basic blocks of a control-flow graph, over an abstract domain given by
/// <see cref="Join"/> and <see cref="AreEqual"/> (a state is below another when joining them gives the other).
/// The taint analysis (a may-analysis: union join) and the consent-guard analysis (a must-analysis:
/// intersection join) both derive from it. Unvisited predecessors do not take part in a join, so a
/// must-analysis starts optimistic and narrows. <see cref="RunAndReplay"/> then transfers each reached block
/// once more with its converged input (a graph without loops: once in all, <see cref="IsStraightForward"/>): what a
/// subclass records during that replay (<see cref="IsReplaying"/>) are its per-operation results, which the rules query.
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

    /// <summary>
    /// Set by <see cref="Transfer"/> for a block inside a try: the join of the states between its
    /// operations, any of which may throw into a handler. Null: the block's input and outputs suffice.
    /// </summary>
    protected TState? ExceptionalState { get; set; }

    /// <summary>True while <see cref="RunAndReplay"/> transfers the converged states: the time to record results.</summary>
    protected bool IsReplaying { get; private set; }

    /// <summary>
    /// True while the replay is also the fixpoint's only pass (<see cref="IsStraightForward"/>), a finally's run for the state
    /// after it included (where <see cref="IsReplaying"/> is false): what a transfer computes for the fixpoint alone
    /// (<see cref="ExceptionalState"/>) is still needed.
    /// </summary>
    protected bool IsSinglePass { get; private set; }

    /// <summary>
    /// Runs the fixpoint, then transfers every reached block once with its converged input while
    /// <see cref="IsReplaying"/> holds; a graph without loops is run once, replaying as it goes.
    /// </summary>
    public void RunAndReplay(ControlFlowGraph graph)
    {
        // Taken lowest ordinal first, a block of a graph whose every branch goes forward is transferred once, after every
        // predecessor, with its final input, and in the replay's order: that one pass is the replay (docs/design/value-flow-engine.md,
        // "Fixpoint and replay"). A graph with a loop takes the fixpoint and then the replay.
        if (IsStraightForward(graph))
        {
            IsReplaying = true;
            IsSinglePass = true;
            try
            {
                Run(graph);
            }
            finally
            {
                IsReplaying = false;
                IsSinglePass = false;
            }

            return;
        }

        var inputs = Run(graph);
        IsReplaying = true;
        try
        {
            var blocks = graph.Blocks;
            for (var i = 0; i < blocks.Length; i++)
            {
                if (inputs[i] is { } input)
                {
                    Transfer(blocks[i], input, out _);
                }
            }
        }
        finally
        {
            IsReplaying = false;
        }
    }

    /// <summary>
    /// Whether every branch of <paramref name="graph"/> goes to a later block. A handler (catch, filter, finally) follows its try,
    /// so its input, joined from the states inside the try, is complete too when it is taken.
    /// </summary>
    internal static bool IsStraightForward(ControlFlowGraph graph)
    {
        foreach (var block in graph.Blocks)
        {
            if (IsBackward(block, block.FallThroughSuccessor) || IsBackward(block, block.ConditionalSuccessor))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBackward(BasicBlock block, ControlFlowBranch? branch) =>
        branch?.Destination is { } destination && destination.Ordinal <= block.Ordinal;

    /// <summary>The converged input state of every reached block, indexed by block ordinal (null: unreachable).</summary>
    public TState?[] Run(ControlFlowGraph graph)
    {
        // Arrays indexed by block ordinal rather than hash sets and dictionaries: this runs for every analysed
        // body, and what it allocates the garbage collector makes the whole build pay for.
        var blocks = graph.Blocks;
        var inputs = new TState?[blocks.Length];
        var blockOutputs = new TState?[blocks.Length];
        var fallThroughOutputs = new TState?[blocks.Length];
        var conditionalOutputs = new TState?[blocks.Length];
        var visits = new int[blocks.Length];
        var pending = new PendingBlocks(blocks.Length);
        pending.Add(0);

        while (pending.TryTakeFirst(out var ordinal))
        {
            var block = blocks[ordinal];
            var input = ordinal == 0 ? EntryState : ComputeInput(block, inputs, blockOutputs, fallThroughOutputs, conditionalOutputs);
            if (input is null || ++visits[ordinal] > MaxVisitsPerBlock)
            {
                continue;
            }

            if (inputs[ordinal] is { } previous && AreEqual(previous, input) && visits[ordinal] > 1)
            {
                continue;
            }

            var previousInput = inputs[ordinal];
            inputs[ordinal] = input;
            ExceptionalState = null;
            var fallThrough = Transfer(block, input, out var conditional);
            var output = ExceptionalState is { } exceptional
                ? Join(Join(fallThrough, conditional), exceptional)
                : Join(fallThrough, conditional);
            CheckMonotone(previousInput, input, blockOutputs[ordinal], output);
            blockOutputs[ordinal] = output;
            Propagate(graph, block.FallThroughSuccessor, fallThrough, fallThroughOutputs, ref pending);
            Propagate(graph, block.ConditionalSuccessor, conditional, conditionalOutputs, ref pending);
            AddHandlersProtecting(graph, block, ref pending);
        }

        return inputs;
    }

    /// <summary>
    /// In debug builds: a block whose input grew must not produce a smaller output. A transfer function that is
    /// not monotone can keep a fixpoint from converging, or converge on a state that misses a path.
    /// </summary>
    [Conditional("DEBUG")]
    private void CheckMonotone(TState? previousInput, TState input, TState? previousOutput, TState output)
    {
        if (previousInput is not null && previousOutput is not null && IsBelow(previousInput, input) && !IsBelow(previousOutput, output))
        {
            throw new InvalidOperationException(GetType().Name + ": a larger input gave an output that is not larger (the transfer function is not monotone).");
        }
    }

    private bool IsBelow(TState lower, TState upper) => AreEqual(Join(lower, upper), upper);

    private TState? ComputeInput(BasicBlock block, TState?[] inputs, TState?[] blockOutputs, TState?[] fallThroughOutputs, TState?[] conditionalOutputs)
    {
        TState? joined = null;
        foreach (var predecessor in block.Predecessors)
        {
            var outputs = predecessor.IsConditionalSuccessor ? conditionalOutputs : fallThroughOutputs;
            joined = JoinIfSeen(joined, outputs[predecessor.Source.Ordinal]);
        }

        // A catch, filter or finally block is entered from anywhere inside its try: join every state seen
        // there, before and after each block's operations.
        if (TryRegionEnteringHandler(block) is { } tryRegion)
        {
            for (var i = tryRegion.FirstBlockOrdinal; i <= tryRegion.LastBlockOrdinal && i < inputs.Length; i++)
            {
                joined = JoinIfSeen(joined, inputs[i]);
                joined = JoinIfSeen(joined, blockOutputs[i]);
            }
        }

        return joined;
    }

    // The try region whose exceptions enter the handler starting at this block. A filter sits in a
    // FilterAndHandler region beside the try; the catch after a filter is entered from the filter only.
    private static ControlFlowRegion? TryRegionEnteringHandler(BasicBlock block)
    {
        var region = block.EnclosingRegion;
        if (region.FirstBlockOrdinal != block.Ordinal || region.EnclosingRegion is not { } parent)
        {
            return null;
        }

        switch (region.Kind)
        {
            case ControlFlowRegionKind.Catch when parent.Kind == ControlFlowRegionKind.FilterAndHandler:
                return null;
            case ControlFlowRegionKind.Filter when parent.EnclosingRegion is { } tryAndCatch:
                return tryAndCatch.NestedRegions[0];
            case ControlFlowRegionKind.Catch or ControlFlowRegionKind.Finally:
                return parent.NestedRegions[0];
            default:
                return null;
        }
    }

    private TState? JoinIfSeen(TState? joined, TState? seen) =>
        seen is null ? joined : joined is null ? seen : Join(joined, seen);

    private void Propagate(ControlFlowGraph graph, ControlFlowBranch? branch, TState state, TState?[] outputs, ref PendingBlocks pending)
    {
        if (branch?.Destination is { } destination)
        {
            // Roslyn's graph jumps from the try straight past the finally; the finally's effects (masking
            // in a finally, a consent check in a finally) must still reach the code after it.
            if (LeavesTryWithFinally(branch.Source, destination))
            {
                foreach (var finallyRegion in branch.FinallyRegions)
                {
                    state = RunRegion(graph, finallyRegion, state);
                }
            }

            outputs[branch.Source.Ordinal] = state;
            pending.Add(destination.Ordinal);
        }
    }

    /// <summary>
    /// Whether a branch from <paramref name="source"/> to <paramref name="destination"/> leaves a try that has a finally: the
    /// regions it leaves are those around the source that do not hold the destination. Asked before
    /// <see cref="ControlFlowBranch.FinallyRegions"/>, which builds an array for every branch, and most branches leave none.
    /// </summary>
    internal static bool LeavesTryWithFinally(BasicBlock source, BasicBlock destination)
    {
        var ordinal = destination.Ordinal;
        for (var region = source.EnclosingRegion; region is not null && (ordinal < region.FirstBlockOrdinal || ordinal > region.LastBlockOrdinal); region = region.EnclosingRegion)
        {
            // As Roslyn: the try's finally runs when the branch leaves the try-and-finally as well.
            if (region.Kind == ControlFlowRegionKind.Try && region.EnclosingRegion is { Kind: ControlFlowRegionKind.TryAndFinally } tryAndFinally
                && (ordinal < tryAndFinally.FirstBlockOrdinal || ordinal > tryAndFinally.LastBlockOrdinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The state leaving <paramref name="region"/> (a finally) when entered with <paramref name="input"/>:
    /// a fixpoint over the region's own blocks, joined at the branches that leave it.
    /// </summary>
    private TState RunRegion(ControlFlowGraph graph, ControlFlowRegion region, TState input)
    {
        var first = region.FirstBlockOrdinal;
        var count = region.LastBlockOrdinal - first + 1;
        var inputs = new TState?[count];
        var visits = new int[count];
        var pending = new PendingBlocks(count);
        pending.Add(0);
        inputs[0] = input;
        TState? leaving = null;

        // The finally's blocks run here for the state after it; the replay transfers them with their own inputs.
        var replaying = IsReplaying;
        IsReplaying = false;
        try
        {
            while (pending.TryTakeFirst(out var index))
            {
                if (inputs[index] is not { } blockInput || ++visits[index] > MaxVisitsPerBlock)
                {
                    continue;
                }

                var block = graph.Blocks[first + index];
                var fallThrough = Transfer(block, blockInput, out var conditional);
                Follow(block.FallThroughSuccessor, fallThrough, ref pending);
                Follow(block.ConditionalSuccessor, conditional, ref pending);
            }
        }
        finally
        {
            IsReplaying = replaying;
        }

        return leaving ?? input;

        void Follow(ControlFlowBranch? branch, TState state, ref PendingBlocks waiting)
        {
            if (branch is null)
            {
                return;
            }

            if (branch.Destination is { } destination && destination.Ordinal >= first && destination.Ordinal <= region.LastBlockOrdinal)
            {
                var target = destination.Ordinal - first;
                var joined = inputs[target] is { } seen ? Join(seen, state) : state;
                if (inputs[target] is null || !AreEqual(inputs[target]!, joined))
                {
                    inputs[target] = joined;
                    waiting.Add(target);
                }
            }
            else if (branch.Semantics is ControlFlowBranchSemantics.StructuredExceptionHandling or ControlFlowBranchSemantics.Regular)
            {
                leaving = leaving is null ? state : Join(leaving, state);
            }
        }
    }

    // Any operation inside a try may throw into its handlers.
    private static void AddHandlersProtecting(ControlFlowGraph graph, BasicBlock block, ref PendingBlocks pending)
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
                    pending.Add(handler.FirstBlockOrdinal);
                }
            }
        }
    }

    /// <summary>
    /// The blocks waiting for a visit, taken lowest ordinal first (the order of the graph, so a fixpoint
    /// converges in few passes): a flag per block and the lowest flagged one.
    /// </summary>
    private struct PendingBlocks
    {
        private readonly bool[] _flags;
        private int _lowest;

        public PendingBlocks(int count)
        {
            _flags = new bool[count];
            _lowest = count;
        }

        public void Add(int index)
        {
            _flags[index] = true;
            if (index < _lowest)
            {
                _lowest = index;
            }
        }

        public bool TryTakeFirst(out int index)
        {
            for (index = _lowest; index < _flags.Length; index++)
            {
                if (_flags[index])
                {
                    _flags[index] = false;
                    _lowest = index + 1;
                    return true;
                }
            }

            _lowest = _flags.Length;
            return false;
        }
    }
}
