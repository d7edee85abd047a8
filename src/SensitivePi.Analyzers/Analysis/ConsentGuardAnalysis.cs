using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// The consent bits that hold on every path to a point (a must-analysis): what completed throwing
/// checks and the true outcomes of boolean checks have established. Locals and flow captures remember
/// the result of a boolean check until they are tested. Immutable.
/// </summary>
internal sealed class GuardState
{
    // A remembered result tested false grants the bits instead (`var denied = !Check();`); the bit above every
    // consent bit, so no category can collide with it.
    public const int Negated = 1 << (ConsentCatalog.LastPurposeShift + 1);

    public GuardState(int mask, ImmutableDictionary<object, int> results)
    {
        Mask = mask;
        Results = results;
    }

    public int Mask { get; }

    public ImmutableDictionary<object, int> Results { get; }

    public static GuardState Entry(int mask) => new(mask, ImmutableDictionary.Create<object, int>(LocationComparer.Instance));

    public GuardState Join(GuardState other)
    {
        if (ReferenceEquals(this, other))
        {
            return this;
        }

        // Keep only what both paths know.
        var results = Results;
        foreach (var pair in Results)
        {
            if (!other.Results.TryGetValue(pair.Key, out var theirs) || theirs != pair.Value)
            {
                results = results.Remove(pair.Key);
            }
        }

        return new GuardState(Mask & other.Mask, results);
    }

    public bool IsSameAs(GuardState other) => Mask == other.Mask && FlowMaps.SameEntries(Results, other.Results);
}

/// <summary>
/// Where consent has been checked (SPI003, SPI005): for each invocation, object creation and property
/// assignment of a body, its lambdas and its local functions, the consent bits that hold on every path
/// from the entry to it. Lambdas and local functions start from the member's own
/// [RequiresSeparateConsent] bits, not from the guards around their creation: they may run anywhere.
/// </summary>
internal sealed class ConsentGuardAnalysis : ForwardDataFlow<GuardState>
{
    private readonly ConsentCatalog _catalog;
    private readonly ControlFlowGraph _graph;
    private readonly int _entryMask;
    private readonly Dictionary<IOperation, int> _maskAt;
    private readonly int _depth;
    private readonly FlowMap<int> _results = new();

    // Captures of a local as an assignment target (defined once per graph; read where the assignment is).
    private readonly Dictionary<CaptureId, ILocalSymbol> _capturedLocals = new();

    private ConsentGuardAnalysis(ConsentCatalog catalog, ControlFlowGraph graph, int entryMask, Dictionary<IOperation, int> maskAt, int depth)
    {
        _catalog = catalog;
        _graph = graph;
        _entryMask = entryMask;
        _maskAt = maskAt;
        _depth = depth;
    }

    protected override GuardState EntryState => GuardState.Entry(_entryMask);

    /// <summary>Analyses a body; <paramref name="entryMask"/> is what the member's own attributes grant.</summary>
    public static ConsentGuards Analyze(ControlFlowGraph graph, ConsentCatalog catalog, int entryMask)
    {
        var maskAt = new Dictionary<IOperation, int>();
        new ConsentGuardAnalysis(catalog, graph, entryMask, maskAt, depth: 0).AnalyzeGraph();
        return new ConsentGuards(maskAt);
    }

    protected override GuardState Join(GuardState left, GuardState right) => left.Join(right);

    protected override bool AreEqual(GuardState left, GuardState right) => left.IsSameAs(right);

    protected override GuardState Transfer(BasicBlock block, GuardState input, out GuardState conditional)
    {
        var mask = input.Mask;
        var results = _results;
        results.Reset(input.Results);
        foreach (var operation in block.Operations)
        {
            Visit(operation, ref mask, results, depth: 0);
        }

        var fallThroughMask = mask;
        var conditionalMask = mask;
        if (block.BranchValue is { } branch)
        {
            Visit(branch, ref mask, results, depth: 0);
            fallThroughMask = conditionalMask = mask;
            if (block.ConditionalSuccessor is not null)
            {
                // The branch is taken when the value equals ConditionKind's outcome; a check's bits hold on
                // the side where its answer was "granted".
                var (covered, negated) = ResultOf(branch, _catalog, results);
                var grantedWhenTrue = !negated;
                var conditionalWhenTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                if (grantedWhenTrue == conditionalWhenTrue)
                {
                    conditionalMask |= covered;
                }
                else
                {
                    fallThroughMask |= covered;
                }
            }
        }

        // Most blocks change nothing: their input flows on, no new state.
        var locations = results.ToImmutable();
        var fallThrough = StateWith(fallThroughMask);
        conditional = conditionalMask == fallThroughMask ? fallThrough : StateWith(conditionalMask);
        return fallThrough;

        GuardState StateWith(int outputMask) =>
            outputMask == input.Mask && ReferenceEquals(locations, input.Results) ? input : new GuardState(outputMask, locations);
    }

    private void AnalyzeGraph()
    {
        RunAndReplay(_graph);
        if (_depth >= StackGuard.MaxFunctionNesting)
        {
            return;
        }

        foreach (var localFunction in _graph.LocalFunctions)
        {
            var entryMask = _entryMask | (_depth == 0 ? CallSitesMask(localFunction) : 0);
            new ConsentGuardAnalysis(_catalog, _graph.GetLocalFunctionControlFlowGraph(localFunction), entryMask, _maskAt, _depth + 1).AnalyzeGraph();
        }
    }

    // A local function every call of which is guarded starts guarded (docs/rules/SPI003.md, "Helpers: consent across
    // methods"): the consent every call site shows, its own calls of itself aside. Its calls are found in the member's
    // syntax; one made through a delegate (its callers are unknown) or not analysed yet (in another local function) leaves
    // it with the member's own consent.
    private int CallSitesMask(IMethodSymbol localFunction)
    {
        var sites = new HashSet<SyntaxNode>();
        foreach (var operation in _graph.OriginalOperation.Descendants())
        {
            if (operation is IMethodReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, localFunction))
            {
                return 0;
            }

            if (operation is IInvocationOperation call && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, localFunction)
                && !IsInside(call, localFunction))
            {
                sites.Add(call.Syntax);
            }
        }

        if (sites.Count == 0)
        {
            return 0;
        }

        var mask = ConsentCatalog.Everything;
        var found = new HashSet<SyntaxNode>();
        foreach (var recorded in _maskAt)
        {
            if (recorded.Key is IInvocationOperation call && sites.Contains(call.Syntax)
                && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, localFunction))
            {
                mask &= recorded.Value;
                found.Add(call.Syntax);
            }
        }

        return found.Count == sites.Count ? mask : 0;
    }

    private static bool IsInside(IOperation operation, IMethodSymbol localFunction)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ILocalFunctionOperation declared && SymbolEqualityComparer.Default.Equals(declared.Symbol, localFunction))
            {
                return true;
            }
        }

        return false;
    }

    // Post-order: arguments run before the call that receives them. Operations nested deeper than the taint
    // analysis evaluates (a concatenation of thousands of terms) are not visited: a stack overflow would end
    // the build.
    private void Visit(IOperation operation, ref int mask, FlowMap<int> results, int depth)
    {
        if (depth > StackGuard.MaxDepth)
        {
            return;
        }

        if (operation is IFlowAnonymousFunctionOperation lambda)
        {
            if (IsReplaying && _depth < StackGuard.MaxFunctionNesting)
            {
                new ConsentGuardAnalysis(_catalog, _graph.GetAnonymousFunctionControlFlowGraph(lambda), _entryMask, _maskAt, _depth + 1).AnalyzeGraph();
            }

            return;
        }

        foreach (var child in operation.ChildOperations)
        {
            Visit(child, ref mask, results, depth + 1);
        }

        // A method handed to a library as a delegate is a call there (ConsentCatalog.RequiredCall).
        if (IsReplaying && operation is IInvocationOperation or IObjectCreationOperation or IAssignmentOperation or IMethodReferenceOperation)
        {
            _maskAt[operation] = _maskAt.TryGetValue(operation, out var seen) ? seen & mask : mask;
        }

        switch (operation)
        {
            case IInvocationOperation call when CompletedThrowingCheck(call, _catalog) is var covered && covered != 0:
                mask |= covered;
                break;
            case ICompoundAssignmentOperation compound when AssignedLocal(compound.Target) is { } local:
                RememberCompound(local, compound, results);
                break;
            case IAssignmentOperation assignment when AssignedLocal(assignment.Target) is { } local:
                Remember(local, assignment.Value, results);
                break;
            case IFlowCaptureOperation capture:
                if (OperationTree.WithoutConversions(capture.Value) is ILocalReferenceOperation captured)
                {
                    _capturedLocals[capture.Id] = captured.Local;
                }

                Remember(capture.Id, capture.Value, results);
                break;
        }
    }

    /// <summary>
    /// The bits a statement at the top of a body grants everything after it, without a graph: a throwing check
    /// (<c>RequireSeparateConsent(…);</c>, awaited when asynchronous) or a check whose "denied" answer leaves the
    /// body (<c>if (!HasSeparateConsent(…)) return;</c>, or <c>throw</c>). Anything else grants nothing.
    /// </summary>
    public static int GrantedAfter(IOperation statement, ConsentCatalog catalog)
    {
        switch (statement)
        {
            case IExpressionStatementOperation { Operation: var expression }:
                var call = OperationTree.WithoutConversions(expression);
                if (call is IAwaitOperation awaited)
                {
                    call = WithoutConfigureAwait(awaited.Operation);
                }

                return call is IInvocationOperation invocation ? CompletedThrowingCheck(invocation, catalog) : 0;
            case IConditionalOperation { WhenFalse: null, WhenTrue: var whenTrue, Condition: var condition } when LeavesBody(whenTrue):
                var (covered, negated) = ResultOf(condition, catalog, results: null);
                return negated ? covered : 0;
            default:
                return 0;
        }
    }

    // `return;`, `yield break;`, `throw …;`, or a block ending in one: control does not reach the next statement.
    private static bool LeavesBody(IOperation statement) =>
        statement switch
        {
            IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak } => true,
            IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IBlockOperation { Operations: { Length: > 0 } operations } => LeavesBody(operations[operations.Length - 1]),
            _ => false,
        };

    // A throwing check that completed (awaited, when it is asynchronous) granted its bits.
    private static int CompletedThrowingCheck(IInvocationOperation call, ConsentCatalog catalog) =>
        catalog.GetCheck(call) is { Shape: CheckShape.Throws } check && (call.TargetMethod.ReturnsVoid || IsAwaited(call)) ? check.Covered : 0;

    private void Remember(object location, IOperation value, FlowMap<int> results)
    {
        var (covered, negated) = ResultOf(value, _catalog, results);
        if (covered == 0)
        {
            results.Remove(location);
        }
        else
        {
            results.Set(location, covered | (negated ? GuardState.Negated : 0));
        }
    }

    // The local an assignment writes: named, or captured first because its value has a branch (`ok |= a || b`,
    // `ok = x ?? y`: the graph captures the target before the branch).
    private ILocalSymbol? AssignedLocal(IOperation target) =>
        target switch
        {
            ILocalReferenceOperation local => local.Local,
            IFlowCaptureReferenceOperation reference when _capturedLocals.TryGetValue(reference.Id, out var local) => local,
            _ => null,
        };

    // `ok |= check` is true when either side was: its truth shows what both sides' truths show, its falsehood what
    // either side's does. `ok &= check` the other way round. Any other operator leaves nothing known.
    private void RememberCompound(ILocalSymbol local, ICompoundAssignmentOperation compound, FlowMap<int> results)
    {
        var (oldTrue, oldFalse) = results.TryGetValue(local, out var old) ? Split(old) : (0, 0);
        var (value, negated) = ResultOf(compound.Value, _catalog, results);
        var (newTrue, newFalse) = negated ? (0, value) : (value, 0);
        var (whenTrue, whenFalse) = compound.OperatorKind switch
        {
            BinaryOperatorKind.Or => (oldTrue & newTrue, oldFalse | newFalse),
            BinaryOperatorKind.And => (oldTrue | newTrue, oldFalse & newFalse),
            _ => (0, 0),
        };

        if (whenTrue != 0)
        {
            results.Set(local, whenTrue);
        }
        else if (whenFalse != 0)
        {
            results.Set(local, whenFalse | GuardState.Negated);
        }
        else
        {
            results.Remove(local);
        }

        static (int WhenTrue, int WhenFalse) Split(int remembered) =>
            (remembered & GuardState.Negated) != 0 ? (0, remembered & ~GuardState.Negated) : (remembered, 0);
    }

    // `await check` and `await check.ConfigureAwait(false)` both wait for the check to complete.
    private static bool IsAwaited(IInvocationOperation call) =>
        call.Parent is IAwaitOperation
        || (call.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && ReferenceEquals(configure.Instance, call)
            && configure.Parent is IAwaitOperation);

    private static IOperation WithoutConfigureAwait(IOperation operation) =>
        operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } awaited } ? awaited : operation;

    /// <summary>Which bits a boolean value grants when true (or, negated, when false); without <paramref name="results"/>, locals grant nothing.</summary>
    private static (int Covered, bool Negated) ResultOf(IOperation value, ConsentCatalog catalog, FlowMap<int>? results, int depth = 0)
    {
        if (!StackGuard.MayDescend(depth))
        {
            return (0, false);
        }

        switch (OperationTree.WithoutConversions(value))
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                var (covered, negated) = ResultOf(not.Operand, catalog, results, depth + 1);
                return (covered, !negated);
            case IAwaitOperation awaited:
                return ResultOf(WithoutConfigureAwait(awaited.Operation), catalog, results, depth + 1);
            case IInvocationOperation call when catalog.GetCheck(call) is { Shape: CheckShape.ReturnsResult } check:
                return (check.Covered, false);
            case ILocalReferenceOperation local when results is not null && results.TryGetValue(local.Local, out var remembered):
                return (remembered & ~GuardState.Negated, (remembered & GuardState.Negated) != 0);
            case IFlowCaptureReferenceOperation capture when results is not null && results.TryGetValue(capture.Id, out var captured):
                return (captured & ~GuardState.Negated, (captured & GuardState.Negated) != 0);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when ConstantBool(comparison.RightOperand) is { } expected:
                return Compared(ResultOf(comparison.LeftOperand, catalog, results, depth + 1), expected == (comparison.OperatorKind == BinaryOperatorKind.Equals));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when ConstantBool(comparison.LeftOperand) is { } expected:
                return Compared(ResultOf(comparison.RightOperand, catalog, results, depth + 1), expected == (comparison.OperatorKind == BinaryOperatorKind.Equals));

            // `check is false`, `check is not true`, `check is true`.
            case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } isPattern when ConstantBool(constant) is { } expected:
                return Compared(ResultOf(isPattern.Value, catalog, results, depth + 1), expected);
            case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } } isPattern
                when ConstantBool(constant) is { } expected:
                return Compared(ResultOf(isPattern.Value, catalog, results, depth + 1), !expected);
            default:
                return (0, false);
        }
    }

    // A test that the value is true keeps its sense; a test that it is false flips it.
    private static (int Covered, bool Negated) Compared((int Covered, bool Negated) result, bool isTrueTest) =>
        (result.Covered, isTrueTest ? result.Negated : !result.Negated);

    private static bool? ConstantBool(IOperation operation) =>
        operation.ConstantValue is { HasValue: true, Value: bool value } ? value : null;
}

/// <summary>The consent bits holding at each operation of an analysed body.</summary>
internal sealed class ConsentGuards
{
    private readonly Dictionary<IOperation, int> _maskAt;

    public ConsentGuards(Dictionary<IOperation, int> maskAt) => _maskAt = maskAt;

    /// <summary>The bits that hold on every path to <paramref name="operation"/>; unreachable code holds everything.</summary>
    public int MaskAt(IOperation operation) => _maskAt.TryGetValue(operation, out var mask) ? mask : ConsentCatalog.Everything;
}
