using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>What an identification method is for its purpose (Face Measures Art. 10).</summary>
internal enum Verdict
{
    /// <summary>It never verifies anyone (it always throws or answers no): neither a biometric way nor an alternative.</summary>
    NoAlternative,

    /// <summary>Every path on which it verifies passes a biometric check, whatever else it checks.</summary>
    RequiresBiometrics,

    /// <summary>Some path verifies without a biometric check (a password, a one-time code, "face or code").</summary>
    Alternative,
}

/// <summary>
/// SPI004's path analysis of one [IdentityVerification] method (a must-analysis): on each path, whether a biometric
/// check has passed: a condition that depends on biometric data taken on its "yes" side, or a returned value that
/// depends on biometric data, or a completed call of a void verifier of this compilation, given biometric data, that
/// throws on a mismatch. A path verifies
/// successfully where it returns anything but a constant false or null, or, in a void or Task method, completes.
/// Values the graph captures (<c>face &amp;&amp; code</c>, <c>face || code</c>) keep, per capture, whether the paths that can
/// make them succeed passed a check, so "face and code" requires a face and "face or code" does not.
/// </summary>
internal sealed class BiometricChecks : ForwardDataFlow<BiometricChecks.State>
{
    private readonly SensitivityModel _model;
    private readonly IMethodSymbol _method;
    private readonly ControlFlowGraph _graph;
    private readonly HashSet<ILocalSymbol> _biometricLocals = new(SymbolEqualityComparer.Default);

    // Locals holding biometric data itself (`var photo = capture.Photo;`): handing one to a matcher reads biometrics.
    private readonly HashSet<ILocalSymbol> _dataLocals = new(SymbolEqualityComparer.Default);
    private readonly System.Func<IMethodSymbol, bool>? _isCheck;

    /// <param name="isCheck">Whether a method of the compilation answers a biometric check itself (its result is one), or null
    /// where no helper counts (docs/rules/SPI004.md, "Checks in helpers").</param>
    public BiometricChecks(SensitivityModel model, IMethodSymbol method, ControlFlowGraph graph, System.Func<IMethodSymbol, bool>? isCheck = null)
    {
        _model = model;
        _method = method;
        _graph = graph;
        _isCheck = isCheck;
        FindBiometricLocals();
    }

    protected override State EntryState => State.Start;

    /// <summary>
    /// The verdict of a body that reads no biometric data, throws nothing and calls no method of <paramref name="helpers"/>'
    /// assembly shaped like a check, without a graph: an alternative when it can verify at all (a void or Task method
    /// completes; another returns something besides constant false or null), otherwise none. Null when the graph must decide.
    /// </summary>
    public static Verdict? VerdictWithoutGraph(SensitivityModel model, IMethodSymbol method, IOperation body, IAssemblySymbol? helpers = null)
    {
        var scan = new ShapeScan(model, helpers);
        OperationWalk.Walk(body, ref scan);
        if (scan.ReadsBiometrics || scan.Throws || scan.CallsHelper)
        {
            return null;
        }

        var returnsValue = !method.ReturnsVoid && method.ReturnType is not INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: false };
        return !returnsValue || scan.ReturnsSomething ? Rules.Verdict.Alternative : Rules.Verdict.NoAlternative;
    }

    /// <summary>
    /// Whether the body reads biometric data itself anywhere (a helper that does not, and calls no helper, cannot answer a check
    /// of its own); a throw before the read (a guard) does not stop the search, as it stops <see cref="VerdictWithoutGraph"/>'s.
    /// </summary>
    public static bool ReadsBiometricData(SensitivityModel model, IOperation body)
    {
        var scan = new ReadScan(model);
        return OperationWalk.Walk(body, ref scan);
    }

    /// <summary>The methods of <paramref name="assembly"/> shaped like a check that the body calls (their definitions), in order, once each.</summary>
    public static List<IMethodSymbol> CheckShapedCalls(IOperation body, IAssemblySymbol assembly)
    {
        var scan = new HelperCallScan(assembly);
        OperationWalk.Walk(body, ref scan);
        return scan.Calls;
    }

    /// <summary>
    /// Whether a method of <paramref name="assembly"/> has a check's shape: it answers yes or no (<c>bool</c>,
    /// <c>Task&lt;bool&gt;</c>, <c>ValueTask&lt;bool&gt;</c>), so that its result can be a biometric check's.
    /// </summary>
    public static bool IsCheckShaped(IMethodSymbol method, IAssemblySymbol assembly)
    {
        var returned = method.ReturnType;
        if (returned is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task)
        {
            returned = task.TypeArguments[0];
        }

        return returned.SpecialType == SpecialType.System_Boolean && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, assembly);
    }

    /// <summary>The method's verdict, from the states at its exits.</summary>
    public Verdict Verdict()
    {
        var inputs = Run(_graph);
        var returnsValue = !_method.ReturnsVoid && _method.ReturnType is not INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: false };
        var anySuccess = false;
        var anyWithoutCheck = false;
        foreach (var block in _graph.Blocks)
        {
            if (inputs[block.Ordinal] is not { } input)
            {
                continue;
            }

            var fallThrough = Transfer(block, input, out var conditional);
            foreach (var (branch, state) in new[] { (block.FallThroughSuccessor, fallThrough), (block.ConditionalSuccessor, conditional) })
            {
                if (branch is null || branch.Semantics is ControlFlowBranchSemantics.Throw or ControlFlowBranchSemantics.Rethrow)
                {
                    continue;
                }

                bool success;
                bool passed;
                if (returnsValue && branch.Semantics == ControlFlowBranchSemantics.Return && block.ConditionalSuccessor is null && block.BranchValue is { } returned)
                {
                    (success, passed) = Returned(returned, state);
                }
                else if (!returnsValue && (branch.Semantics == ControlFlowBranchSemantics.Return || branch.Destination?.Kind == BasicBlockKind.Exit))
                {
                    (success, passed) = (true, state.Passed);
                }
                else
                {
                    continue;
                }

                anySuccess |= success;
                anyWithoutCheck |= success && !passed;
            }
        }

        return !anySuccess ? Rules.Verdict.NoAlternative : anyWithoutCheck ? Rules.Verdict.Alternative : Rules.Verdict.RequiresBiometrics;
    }

    protected override State Join(State left, State right) => left.Join(right);

    protected override bool AreEqual(State left, State right) => left.IsSameAs(right);

    protected override State Transfer(BasicBlock block, State input, out State conditional)
    {
        var state = input;
        foreach (var operation in block.Operations)
        {
            state = Apply(operation, state);
        }

        conditional = state;
        if (block.BranchValue is { } branch && block.ConditionalSuccessor is not null && DependsOnBiometrics(branch, out var negated))
        {
            // The branch is taken when the value equals ConditionKind's outcome; the check passed where the answer was yes.
            var passedWhenTrue = !negated;
            var conditionalWhenTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
            if (passedWhenTrue == conditionalWhenTrue)
            {
                conditional = state.WithPassed();
            }
            else
            {
                state = state.WithPassed();
            }
        }

        return state;
    }

    private State Apply(IOperation operation, State state)
    {
        switch (operation)
        {
            case IFlowCaptureOperation capture:
                var (success, passed) = Returned(capture.Value, state);
                return state.WithCapture(capture.Id, success ? (passed ? Capture.Passed : Capture.NotPassed) : Capture.NeverSucceeds);

            case IExpressionStatementOperation { Operation: var expression } when IsThrowingVerification(expression):
                return state.WithPassed();

            default:
                return state;
        }
    }

    // What a returned (or captured) value says of success: a constant false or null never succeeds; a value that
    // depends on biometric data succeeds only when the check did.
    private (bool Success, bool Passed) Returned(IOperation value, State state)
    {
        var bare = OperationTree.WithoutConversions(value);
        if (bare.ConstantValue is { HasValue: true, Value: false or null })
        {
            return (false, false);
        }

        if (bare is IFlowCaptureReferenceOperation reference && state.CaptureOf(reference.Id) is { } capture)
        {
            return capture == Capture.NeverSucceeds ? (false, false) : (true, state.Passed || capture == Capture.Passed);
        }

        return (true, state.Passed || IsBiometricResult(value));
    }

    // `faces.VerifyOrThrow(capture.Photo);` (awaited when asynchronous): a void or Task method of this compilation,
    // given biometric data, whose body throws on some path and not on every one. Completing it is a passed check.
    // A callee whose body cannot be read is not guessed at (docs/rules/SPI004.md, "Known limits").
    private bool IsThrowingVerification(IOperation expression)
    {
        var value = OperationTree.WithoutConversions(expression);
        var awaited = value is IAwaitOperation;

        // A Task not awaited throws into nobody's hands: it verifies nothing.
        return (value is IAwaitOperation awaitOperation ? AwaitedCall(awaitOperation) : value as IInvocationOperation) is { } call
            && (call.TargetMethod.ReturnsVoid
                || (awaited && call.TargetMethod.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: false }))
            && ThrowsOnSomePath(call.TargetMethod.OriginalDefinition)
            && call.Arguments.Any(argument => ReadsBiometrics(argument.Value));
    }

    // Read from syntax: a throw under a condition (`if (!match) throw …;`, `?? throw`, `? … : throw`) in the method's
    // own body, not in a lambda or local function inside it. A body that only throws is a stub, never a
    // verification; argument checks (`ArgumentNullException` and its kin) and rethrows in `catch` check no person.
    private static bool ThrowsOnSomePath(IMethodSymbol method)
    {
        foreach (var reference in (method.PartialImplementationPart ?? method).DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax();
            foreach (var node in declaration.DescendantNodes(descendIntoChildren: child =>
                child == declaration || child is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                var thrown = node switch
                {
                    ThrowStatementSyntax statement => statement.Expression,
                    ThrowExpressionSyntax expression => expression.Expression,
                    _ => null,
                };
                if (thrown is not null && !IsArgumentCheck(thrown) && IsConditional(node))
                {
                    return true;
                }
            }
        }

        return false;

        static bool IsArgumentCheck(ExpressionSyntax thrown)
        {
            var name = thrown is ObjectCreationExpressionSyntax { Type: var type } ? type.ToString() : "";
            return name.EndsWith("ArgumentNullException", System.StringComparison.Ordinal)
                || name.EndsWith("ArgumentException", System.StringComparison.Ordinal)
                || name.EndsWith("ArgumentOutOfRangeException", System.StringComparison.Ordinal);
        }

        static bool IsConditional(SyntaxNode node)
        {
            var conditional = false;
            for (var parent = node.Parent; parent is not null and not MemberDeclarationSyntax and not LocalFunctionStatementSyntax and not AnonymousFunctionExpressionSyntax; parent = parent.Parent)
            {
                if (parent is CatchClauseSyntax)
                {
                    return false;
                }

                conditional |= parent is IfStatementSyntax or SwitchStatementSyntax or SwitchExpressionSyntax or ConditionalExpressionSyntax
                    or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression };
            }

            return conditional;
        }
    }

    private bool DependsOnBiometrics(IOperation condition, out bool negated)
    {
        negated = false;
        var value = OperationTree.WithoutConversions(condition);
        for (var depth = 0; StackGuard.MayDescend(depth); depth++)
        {
            switch (value)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    negated = !negated;
                    value = OperationTree.WithoutConversions(not.Operand);
                    continue;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals, RightOperand.ConstantValue: { HasValue: true, Value: bool expected } } comparison:
                    negated ^= expected != (comparison.OperatorKind == BinaryOperatorKind.Equals);
                    value = OperationTree.WithoutConversions(comparison.LeftOperand);
                    continue;
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: bool expected } } } pattern:
                    negated ^= !expected;
                    value = OperationTree.WithoutConversions(pattern.Value);
                    continue;
            }

            return IsBiometricResult(value);
        }

        return false;
    }

    // A result that answers a biometric check: a call or await given biometric data, a call of a helper whose own result is a
    // check, a score compared with a threshold (`Compare(face.Photo) > 0.8`), or a local holding one. A null, length or pattern
    // test of a photo (`photo is null`, `photo.Length == 0`) is no check of the person.
    private bool IsBiometricResult(IOperation value, int depth = 0)
    {
        value = OperationTree.WithoutConversions(value);
        return value switch
        {
            IInvocationOperation call => ReadsBiometrics(value) || IsHelperCheck(call),
            IAwaitOperation awaited => ReadsBiometrics(value) || AwaitedCall(awaited) is { } call && IsHelperCheck(call),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual } comparison
                when StackGuard.MayDescend(depth) => IsBiometricResult(comparison.LeftOperand, depth + 1) || IsBiometricResult(comparison.RightOperand, depth + 1),
            ILocalReferenceOperation local => _biometricLocals.Contains(local.Local),
            _ => false,
        };
    }

    private bool IsHelperCheck(IInvocationOperation call) => _isCheck is not null && _isCheck(call.TargetMethod.OriginalDefinition);

    // `await faces.MatchAsync(id)`, `await faces.MatchAsync(id).ConfigureAwait(false)`.
    private static IInvocationOperation? AwaitedCall(IAwaitOperation awaited)
    {
        var value = OperationTree.WithoutConversions(awaited.Operation);
        if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            value = OperationTree.WithoutConversions(configured);
        }

        return value as IInvocationOperation;
    }

    private bool ReadsBiometrics(IOperation root)
    {
        var scan = new BiometricScan(this);
        return OperationWalk.Walk(root, ref scan);
    }

    private bool IsBiometric(IOperation operation) =>
        IsBiometricData(_model, operation)
        || (operation is ILocalReferenceOperation reference && (_biometricLocals.Contains(reference.Local) || _dataLocals.Contains(reference.Local)));

    // An operation that reads Biometric data: an annotated member, parameter or return value, or a value of an
    // annotated type.
    private static bool IsBiometricData(SensitivityModel model, IOperation operation)
    {
        var origin = operation switch
        {
            IMemberReferenceOperation member => model.GetMemberOrigin(member.Member),
            IParameterReferenceOperation parameter => model.GetMemberOrigin(parameter.Parameter),
            IInvocationOperation invocation => model.GetMemberOrigin(invocation.TargetMethod),
            _ => null,
        };
        return origin?.Category == PiCategory.Biometric
            || (operation.Type is { } type && model.GetTypeOrigin(type)?.Category == PiCategory.Biometric);
    }

    // `var matched = Matches(face.Photo); … return matched;`: locals whose every assignment is a biometric result
    // (a local given a code check's result on another path holds no biometric check there); and `var photo = face.Photo;`,
    // locals whose every assignment is biometric data.
    private void FindBiometricLocals()
    {
        var assigned = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        foreach (var block in _graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                foreach (var assignment in operation.DescendantsAndSelf())
                {
                    if (assignment is IAssignmentOperation { Target: ILocalReferenceOperation local } any)
                    {
                        if (!assigned.TryGetValue(local.Local, out var values))
                        {
                            assigned[local.Local] = values = new List<IOperation>();
                        }

                        // A compound assignment (`ok &= …`) mixes the old value in: no evidence either way.
                        values.Add(any is ISimpleAssignmentOperation simple ? simple.Value : any);
                    }
                }
            }
        }

        for (var pass = 0; pass < 4; pass++)
        {
            var grew = false;
            foreach (var pair in assigned)
            {
                // Data first: a result is a call given data, which may be a local holding it.
                if (!_dataLocals.Contains(pair.Key) && pair.Value.TrueForAll(value => value is not ICompoundAssignmentOperation && IsBiometric(OperationTree.WithoutConversions(value))))
                {
                    grew |= _dataLocals.Add(pair.Key);
                }

                if (!_biometricLocals.Contains(pair.Key) && pair.Value.TrueForAll(value => value is not ICompoundAssignmentOperation && IsBiometricResult(value)))
                {
                    grew |= _biometricLocals.Add(pair.Key);
                }
            }

            if (!grew)
            {
                return;
            }
        }
    }

    /// <summary>What the paths to a capture say: it can only be false or null, it succeeds after a check, or without one.</summary>
    internal enum Capture
    {
        NeverSucceeds,
        NotPassed,
        Passed,
    }

    /// <summary>Whether a biometric check passed on every path here, and what each capture's paths say. Immutable.</summary>
    internal sealed class State
    {
        public static readonly State Start = new(passed: false, ImmutableDictionary<CaptureId, Capture>.Empty);

        private readonly ImmutableDictionary<CaptureId, Capture> _captures;

        private State(bool passed, ImmutableDictionary<CaptureId, Capture> captures)
        {
            Passed = passed;
            _captures = captures;
        }

        public bool Passed { get; }

        public Capture? CaptureOf(CaptureId id) => _captures.TryGetValue(id, out var capture) ? capture : null;

        public State WithPassed() => Passed ? this : new State(passed: true, _captures);

        public State WithCapture(CaptureId id, Capture capture) =>
            _captures.TryGetValue(id, out var seen) && seen == capture ? this : new State(Passed, _captures.SetItem(id, capture));

        // Must: a check passed only where it passed on both paths. A capture that cannot succeed on one path takes
        // the other path's word; one that succeeds on both passed only where both passed.
        public State Join(State other)
        {
            if (ReferenceEquals(this, other))
            {
                return this;
            }

            var captures = _captures;
            foreach (var pair in other._captures)
            {
                captures = captures.SetItem(pair.Key, _captures.TryGetValue(pair.Key, out var mine) ? Meet(mine, pair.Value) : pair.Value);
            }

            return new State(Passed && other.Passed, captures);
        }

        public bool IsSameAs(State other) => Passed == other.Passed && FlowMaps.SameEntries(_captures, other._captures);

        private static Capture Meet(Capture left, Capture right) =>
            left == Capture.NeverSucceeds ? right
            : right == Capture.NeverSucceeds ? left
            : left == Capture.Passed && right == Capture.Passed ? Capture.Passed : Capture.NotPassed;
    }

    // One walk of a body for VerdictWithoutGraph; stops at the first biometric read, throw or call of a check-shaped helper.
    private struct ShapeScan : IOperationScan
    {
        private readonly SensitivityModel _model;
        private readonly IAssemblySymbol? _helpers;

        public ShapeScan(SensitivityModel model, IAssemblySymbol? helpers)
        {
            _model = model;
            _helpers = helpers;
            ReadsBiometrics = false;
            Throws = false;
            CallsHelper = false;
            ReturnsSomething = false;
        }

        public bool ReadsBiometrics { get; private set; }

        public bool Throws { get; private set; }

        public bool CallsHelper { get; private set; }

        public bool ReturnsSomething { get; private set; }

        public bool Visit(IOperation operation)
        {
            switch (operation)
            {
                case IThrowOperation:
                    Throws = true;
                    return true;
                case IReturnOperation { ReturnedValue: { } value }
                    when OperationTree.WithoutConversions(value).ConstantValue is not { HasValue: true, Value: false or null }:
                    ReturnsSomething = true;
                    break;
                case IInvocationOperation call when _helpers is not null && IsCheckShaped(call.TargetMethod, _helpers):
                    CallsHelper = true;
                    return true;
            }

            ReadsBiometrics = IsBiometricData(_model, operation);
            return ReadsBiometrics;
        }
    }

    private readonly struct ReadScan : IOperationScan
    {
        private readonly SensitivityModel _model;

        public ReadScan(SensitivityModel model) => _model = model;

        public bool Visit(IOperation operation) => IsBiometricData(_model, operation);
    }

    private readonly struct HelperCallScan : IOperationScan
    {
        private readonly IAssemblySymbol _assembly;

        public HelperCallScan(IAssemblySymbol assembly)
        {
            _assembly = assembly;
            Calls = new List<IMethodSymbol>();
        }

        public List<IMethodSymbol> Calls { get; }

        public bool Visit(IOperation operation)
        {
            // A local function is never a helper of its own (it has no block action): the verdict asks nothing of it.
            if (operation is IInvocationOperation call && call.TargetMethod.MethodKind != MethodKind.LocalFunction && IsCheckShaped(call.TargetMethod, _assembly)
                && !Calls.Contains(call.TargetMethod.OriginalDefinition, SymbolEqualityComparer.Default))
            {
                Calls.Add(call.TargetMethod.OriginalDefinition);
            }

            return false;
        }
    }

    private readonly struct BiometricScan : IOperationScan
    {
        private readonly BiometricChecks _checks;

        public BiometricScan(BiometricChecks checks) => _checks = checks;

        public bool Visit(IOperation operation) =>
            operation is not IFlowAnonymousFunctionOperation && _checks.IsBiometric(operation);
    }
}
