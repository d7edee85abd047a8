using System.Collections.Generic;
using Locations = SensitivePi.Analyzers.Framework.FlowMap<SensitivePi.Analyzers.Analysis.Taint>;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// The forward taint analysis of one control-flow graph (a method body, a lambda or a local function):
/// which locations hold sensitive data at each point, by the evaluation table of
/// docs/design/value-flow-engine.md. After the fixpoint, the replay (<see cref="ForwardDataFlow{TState}.RunAndReplay"/>)
/// records the taint of each expression and the sink hits in the <see cref="MethodAnalysis"/>.
/// </summary>
internal sealed partial class TaintAnalysis : ForwardDataFlow<TaintState>
{
    private readonly MethodAnalysis _method;
    private readonly ControlFlowGraph _graph;
    private readonly TaintState _entry;
    private readonly int _depth;
    private readonly Locations _state = new();
    private Dictionary<IFlowAnonymousFunctionOperation, (TaintState Entry, Taint Returned)>? _lambdas;
    private Dictionary<CaptureId, object>? _captureAliases;

    // The parts of the tuple or anonymous object evaluated last, for the assignment that stores it.
    private (IOperation Source, (string Name, Taint Taint)[] Parts)? _lastParts;
    private int _evaluationDepth;

    public TaintAnalysis(MethodAnalysis method, ControlFlowGraph graph, TaintState entry, int depth)
    {
        _method = method;
        _graph = graph;
        _entry = entry;
        _depth = depth;
    }

    /// <summary>What the graph returns: the taint of every returned value (for lambdas).</summary>
    public Taint Returned { get; private set; } = Taint.Empty;

    protected override TaintState EntryState => _entry;

    private SensitivityModel Model => _method.Engine.Model;

    private TransferCatalog Transfers => _method.Engine.Transfers;

    /// <summary>Runs the fixpoint, then records expression taints and sink hits in one replay.</summary>
    public void Analyze()
    {
        RunAndReplay(_graph);
        foreach (var localFunction in _graph.LocalFunctions)
        {
            _method.DeclareLocalFunction(localFunction, _graph);
        }
    }

    protected override TaintState Join(TaintState left, TaintState right) => left.Join(right);

    protected override bool AreEqual(TaintState left, TaintState right) => left.IsSameAs(right);

    protected override TaintState Transfer(BasicBlock block, TaintState input, out TaintState conditional)
    {
        var state = _state;
        state.Reset(input.Locations, input.HasParts);
        var inTry = (!IsReplaying || IsSinglePass) && IsInTry(block);
        TaintState? exceptional = null;
        System.Collections.Immutable.ImmutableDictionary<object, Taint>? lastBetween = null;
        foreach (var operation in block.Operations)
        {
            Evaluate(operation, state);
            if (inTry)
            {
                // A handler may start after any operation: `id = raw; Call(); id = Mask(id);` leaks raw to a catch.
                var between = state.ToImmutable();
                if (!ReferenceEquals(between, lastBetween))
                {
                    lastBetween = between;
                    var betweenState = new TaintState(between, state.HasParts);
                    exceptional = exceptional is null ? betweenState : exceptional.Join(betweenState);
                }
            }
        }

        ExceptionalState = exceptional;

        if (block.BranchValue is { } branchValue)
        {
            var value = Evaluate(branchValue, state);
            if (block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
            {
                Returned = Returned.Union(value);
                if (IsReplaying && _depth == 0 && _method.IsSummarizing)
                {
                    _method.RecordReturn(branchValue, value);
                }
            }
        }

        // A summarising run: what the body leaves in its out and ref parameters where it completes, and in the objects its
        // callers hand it to fill.
        if (IsReplaying && _depth == 0 && _method.Summarized is { } summarized && block.FallThroughSuccessor?.Destination?.Kind == BasicBlockKind.Exit)
        {
            foreach (var parameter in summarized.Parameters)
            {
                if (parameter.RefKind is RefKind.Out or RefKind.Ref)
                {
                    _method.RecordOut(parameter, TaintState.Get(state, parameter));
                }
                else if (TaintState.Get(state, parameter) is { IsEmpty: false } left && _method.Engine.CrossMethod.IsFilled(parameter))
                {
                    _method.RecordFilled(parameter, left);
                }
            }
        }

        var locations = state.ToImmutable();
        var output = ReferenceEquals(locations, input.Locations) ? input : new TaintState(locations, state.HasParts);
        conditional = output;
        return output;
    }

    private Taint LocalFunctionReturn(IMethodSymbol localFunction, List<(IParameterSymbol Parameter, Taint Taint)>? passed, Locations state)
    {
        if (_depth >= StackGuard.MaxFunctionNesting || FindLocalFunctionGraph(localFunction.OriginalDefinition) is not { } graph)
        {
            return Taint.Empty;
        }

        var entry = WithArguments(state, passed).Locations.ToBuilder();
        foreach (var parameter in localFunction.OriginalDefinition.Parameters)
        {
            if (Model.GetMemberOrigin(parameter) is { } origin)
            {
                entry[parameter] = TaintState.Get(entry, parameter).Union(Taint.Of(origin));
            }
        }

        var analysis = new TaintAnalysis(_method, graph, new TaintState(entry.ToImmutable(), state.HasParts), _depth + 1);
        analysis.Run(graph);
        return analysis.Returned;
    }

    // The graph of a local function declared here or in an enclosing body (a lambda may call its method's).
    private ControlFlowGraph? FindLocalFunctionGraph(IMethodSymbol localFunction)
    {
        for (var graph = _graph; graph is not null; graph = graph.Parent)
        {
            foreach (var declared in graph.LocalFunctions)
            {
                if (SymbolEqualityComparer.Default.Equals(declared, localFunction))
                {
                    return graph.GetLocalFunctionControlFlowGraph(declared);
                }
            }
        }

        return null;
    }

    private Taint EvaluateLambda(IFlowAnonymousFunctionOperation lambda, Taint parameterSeed, Locations state)
    {
        if (_depth >= StackGuard.MaxFunctionNesting)
        {
            return Taint.Empty;
        }

        var entry = state.ToImmutable().ToBuilder();
        foreach (var parameter in lambda.Symbol.Parameters)
        {
            var taint = Taint.Of(Model.GetMemberOrigin(parameter)).Union(parameterSeed);
            if (!taint.IsEmpty)
            {
                entry[parameter] = taint;
            }
        }

        var entryState = new TaintState(entry.ToImmutable(), state.HasParts);
        _lambdas ??= new Dictionary<IFlowAnonymousFunctionOperation, (TaintState, Taint)>();
        if (!IsReplaying && _lambdas.TryGetValue(lambda, out var cached) && cached.Entry.IsSameAs(entryState))
        {
            return cached.Returned;
        }

        var analysis = new TaintAnalysis(_method, _graph.GetAnonymousFunctionControlFlowGraph(lambda), entryState, _depth + 1);
        if (IsReplaying)
        {
            analysis.Analyze();
        }
        else
        {
            analysis.Run(analysis._graph);
        }

        _lambdas[lambda] = (entryState, analysis.Returned);
        return analysis.Returned;
    }

    // The caller's state with each parameter holding what the call passes it (a graph of one pass or of two gives the same).
    private static TaintState WithArguments(Locations state, List<(IParameterSymbol Parameter, Taint Taint)>? passed)
    {
        var entry = state.ToImmutable().ToBuilder();
        if (passed is not null)
        {
            foreach (var (parameter, taint) in passed)
            {
                entry[parameter.OriginalDefinition] = taint;
            }
        }

        return new TaintState(entry.ToImmutable(), state.HasParts);
    }

    private static bool IsInTry(BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind == ControlFlowRegionKind.Try)
            {
                return true;
            }
        }

        return false;
    }
}
