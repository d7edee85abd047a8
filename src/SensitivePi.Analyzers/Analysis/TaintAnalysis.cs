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
internal sealed class TaintAnalysis : ForwardDataFlow<TaintState>
{
    private readonly MethodAnalysis _method;
    private readonly ControlFlowGraph _graph;
    private readonly TaintState _entry;
    private readonly int _depth;
    private readonly Locations _state = new();
    private Dictionary<IFlowAnonymousFunctionOperation, (TaintState Entry, Taint Returned)>? _lambdas;
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
        state.Reset(input.Locations);
        var inTry = !IsReplaying && IsInTry(block);
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
                    exceptional = exceptional is null ? new TaintState(between) : exceptional.Join(new TaintState(between));
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
            }
        }

        var locations = state.ToImmutable();
        var output = ReferenceEquals(locations, input.Locations) ? input : new TaintState(locations);
        conditional = output;
        return output;
    }

    private Taint Evaluate(IOperation? operation, Locations state)
    {
        // Thousands of chained `+` would recurse that deep; past the bound there is no evidence to report.
        if (operation is null || !StackGuard.MayDescend(_evaluationDepth))
        {
            return Taint.Empty;
        }

        _evaluationDepth++;
        var taint = EvaluateCore(operation, state);
        _evaluationDepth--;

        // Every instance of an annotated class or struct is sensitive (docs/design/value-flow-engine.md, sources).
        if (operation.Type is { } type && Model.GetTypeOrigin(type) is { } typeOrigin)
        {
            taint = taint.Union(Taint.Of(typeOrigin));
        }

        if (IsReplaying && !taint.IsEmpty && IsRecordable(operation))
        {
            _method.Record(operation.Syntax, taint);
        }

        return taint;
    }

    // Taints are recorded by syntax. Compiler-made operations (an implicit params array, handler calls)
    // borrow the syntax of their parent and must not lend it their taint; conversions and captures stand
    // for the very expression they wrap.
    private static bool IsRecordable(IOperation operation) =>
        !operation.IsImplicit || operation is IConversionOperation or IFlowCaptureReferenceOperation;

    private Taint EvaluateCore(IOperation operation, Locations state)
    {
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return TaintState.Get(state, local.Local);

            case IParameterReferenceOperation parameter:
                return TaintState.Get(state, parameter.Parameter);

            case IFlowCaptureReferenceOperation captureReference:
                return TaintState.Get(state, captureReference.Id);

            case IFlowCaptureOperation capture:
                Set(state, capture.Id, Evaluate(capture.Value, state));
                _method.RecordCapture(capture);
                return Taint.Empty;

            case IFieldReferenceOperation field:
                return ReadMember(field, field.Field, field.Instance, state);

            case IPropertyReferenceOperation property:
                foreach (var argument in property.Arguments)
                {
                    Evaluate(argument.Value, state);
                }

                return ReadMember(property, property.Property, property.Instance, state);

            case IArrayElementReferenceOperation element:
                foreach (var index in element.Indices)
                {
                    Evaluate(index, state);
                }

                return Evaluate(element.ArrayReference, state);

            case IInvocationOperation invocation:
                return EvaluateInvocation(invocation, state);

            case ISimpleAssignmentOperation assignment:
            {
                var value = Evaluate(assignment.Value, state);
                Assign(assignment.Target, value, strong: true, state);
                if (IsReplaying && assignment.Target is IPropertyReferenceOperation property)
                {
                    _method.CheckSetter(assignment, property);
                }

                return value;
            }

            case ICompoundAssignmentOperation compound:
            {
                var value = Evaluate(compound.Target, state).Union(Evaluate(compound.Value, state));
                Assign(compound.Target, value, strong: true, state);
                return value;
            }

            case ICoalesceAssignmentOperation coalesceAssignment:
            {
                var value = Evaluate(coalesceAssignment.Target, state).Union(Evaluate(coalesceAssignment.Value, state));
                Assign(coalesceAssignment.Target, value, strong: true, state);
                return value;
            }

            case IDeconstructionAssignmentOperation deconstruction:
                return Deconstruct(deconstruction.Target, deconstruction.Value, state);

            case IIncrementOrDecrementOperation increment:
                return Evaluate(increment.Target, state);

            case IVariableDeclarationGroupOperation group:
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        if ((declarator.Initializer ?? declaration.Initializer) is { } initializer)
                        {
                            Set(state, declarator.Symbol, Evaluate(initializer.Value, state));
                        }
                    }
                }

                return Taint.Empty;

            case IConversionOperation conversion:
                return Evaluate(conversion.Operand, state);

            case IAwaitOperation awaited:
                return Evaluate(awaited.Operation, state);

            case IBinaryOperation binary:
                return EvaluateBinary(binary, state);

            case IUnaryOperation unary:
            {
                var operand = Evaluate(unary.Operand, state);
                return TransferCatalog.IsFactType(unary.Type) ? Taint.Empty : operand;
            }

            case IInterpolatedStringOperation interpolated:
                return UnionOfParts(interpolated.Parts, state);

            case IInterpolationOperation hole:
                Evaluate(hole.Alignment, state);
                Evaluate(hole.FormatString, state);
                return Rendered(hole.Expression, Evaluate(hole.Expression, state));

            case IInterpolatedStringAppendOperation append:
                return Evaluate(append.AppendCall, state);

            case IInterpolatedStringHandlerCreationOperation handler:
                return Evaluate(handler.HandlerCreation, state).Union(Evaluate(handler.Content, state));

            case IObjectCreationOperation creation:
            {
                // An object built from a sensitive value carries it.
                var taint = Taint.Empty;
                foreach (var argument in creation.Arguments)
                {
                    taint = taint.Union(Evaluate(argument.Value, state));
                }

                return taint.Union(Evaluate(creation.Initializer, state));
            }

            case IAnonymousObjectCreationOperation anonymous:
            {
                var taint = Taint.Empty;
                foreach (var initializer in anonymous.Initializers)
                {
                    taint = taint.Union(initializer is IAssignmentOperation member ? Evaluate(member.Value, state) : Evaluate(initializer, state));
                }

                return taint;
            }

            case IObjectOrCollectionInitializerOperation initializer:
                return UnionOfParts(initializer.Initializers, state);

            case IMemberInitializerOperation memberInitializer:
                return Evaluate(memberInitializer.Initializer, state);

            case IArrayCreationOperation array:
                foreach (var size in array.DimensionSizes)
                {
                    Evaluate(size, state);
                }

                return Evaluate(array.Initializer, state);

            case IArrayInitializerOperation arrayInitializer:
                return UnionOfParts(arrayInitializer.ElementValues, state);

            case ITupleOperation tuple:
                return UnionOfParts(tuple.Elements, state);

            case IConditionalOperation conditional:
                Evaluate(conditional.Condition, state);
                return Evaluate(conditional.WhenTrue, state).Union(Evaluate(conditional.WhenFalse, state));

            case ICoalesceOperation coalesce:
                return Evaluate(coalesce.Value, state).Union(Evaluate(coalesce.WhenNull, state));

            case IIsPatternOperation isPattern:
            {
                var value = Evaluate(isPattern.Value, state);
                if (isPattern.Pattern is IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared })
                {
                    Set(state, declared, value);
                }

                return Taint.Empty;
            }

            case IFlowAnonymousFunctionOperation lambda:
                return EvaluateLambda(lambda, Taint.Empty, state);

            case IDelegateCreationOperation delegateCreation:
                return Evaluate(delegateCreation.Target, state);

            case IMethodReferenceOperation methodReference:
                Evaluate(methodReference.Instance, state);
                if (IsReplaying && methodReference.Method.MethodKind == MethodKind.LocalFunction)
                {
                    _method.RecordLocalFunctionEntry(methodReference.Method, new TaintState(state.ToImmutable()));
                }

                return Taint.Empty;

            case IArgumentOperation argument:
                return Evaluate(argument.Value, state);

            case ILiteralOperation or IDefaultValueOperation or ITypeOfOperation or ISizeOfOperation or INameOfOperation
                or IInstanceReferenceOperation:
                return Taint.Empty;

            default:
            {
                // Constructs the table does not know: their parts still run (sinks may hide inside), but
                // their result is not sensitive unless Roslyn could not classify it at all (newer syntax
                // such as collection expressions reaches older compilers as OperationKind.None).
                var taint = Taint.Empty;
                foreach (var child in operation.ChildOperations)
                {
                    taint = taint.Union(Evaluate(child, state));
                }

                return OperationTree.IsCollectionLike(operation) ? taint : Taint.Empty;
            }
        }
    }

    private Taint UnionOfParts<TOperation>(IEnumerable<TOperation> parts, Locations state)
        where TOperation : IOperation
    {
        var taint = Taint.Empty;
        foreach (var part in parts)
        {
            taint = taint.Union(Evaluate(part, state));
        }

        return taint;
    }

    private Taint ReadMember(IOperation reference, ISymbol member, IOperation? instance, Locations state)
    {
        var receiver = Evaluate(instance, state);
        if (Model.GetMemberOrigin(member) is { } origin)
        {
            return Taint.Of(origin);
        }

        if (TrackedField(reference) is { } field)
        {
            return TaintState.Get(state, field);
        }

        if (receiver.IsEmpty || instance?.Type is not { } receiverType || TransferCatalog.IsFact(member, reference.Type))
        {
            return Taint.Empty;
        }

        // Parts of strings, tuples, collections and anonymous objects are the data; so is any non-numeric
        // member of an annotated type's instance. Other objects' unannotated members are not (no guessing).
        if (Transfers.CarriesItsParts(receiverType))
        {
            return receiver;
        }

        return Model.GetTypeOrigin(receiverType) is not null && !IsNumeric(reference.Type) ? receiver : Taint.Empty;
    }

    private Taint EvaluateBinary(IBinaryOperation binary, Locations state)
    {
        var left = Rendered(binary.LeftOperand, Evaluate(binary.LeftOperand, state));
        var right = Rendered(binary.RightOperand, Evaluate(binary.RightOperand, state));
        if (TransferCatalog.IsFactType(binary.Type))
        {
            return Taint.Empty;
        }

        if (IsReplaying && binary.OperatorKind == BinaryOperatorKind.Add && binary.Type?.SpecialType == SpecialType.System_String)
        {
            _method.RecordConcatenation(binary.Syntax);
        }

        return left.Union(right);
    }

    private Taint EvaluateInvocation(IInvocationOperation invocation, Locations state)
    {
        var method = invocation.TargetMethod;
        var effect = Transfers.GetEffect(method);
        var receiver = Evaluate(invocation.Instance, state);
        var propagates = effect is CallEffect.Propagates or CallEffect.PropagatesIntoReceiver or CallEffect.Renders;

        // Lambdas given to LINQ and collection methods see the source's elements as their parameters.
        var arguments = Taint.Empty;
        var source = receiver;
        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value is IDelegateCreationOperation { Target: IFlowAnonymousFunctionOperation lambda }
                ? EvaluateLambda(lambda, propagates ? source : Taint.Empty, state)
                : Evaluate(argument.Value, state);
            if (effect == CallEffect.Renders)
            {
                value = value.Union(Taint.Of(Model.GetContainedOrigins(OperationTree.WithoutConversions(argument.Value).Type)));
            }
            else if (propagates)
            {
                value = RenderedIfText(method, argument.Value, value);
            }

            if (IsReplaying && !value.IsEmpty && IsRecordable(argument.Value))
            {
                _method.Record(argument.Value.Syntax, value);
            }

            arguments = arguments.Union(value);
            if (argument.Parameter?.Ordinal == 0 && invocation.Instance is null)
            {
                source = source.Union(value);
            }
        }

        if (IsReplaying)
        {
            _method.CheckSink(invocation);
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                _method.RecordLocalFunctionEntry(method, WithArguments(state, invocation));
            }
        }

        // What the call carries out of its inputs (before asking whether its result is a mere fact).
        var carried = propagates ? RenderedIfText(method, invocation.Instance, receiver).Union(arguments) : Taint.Empty;
        var result = TransferCatalog.IsFact(method, method.ReturnType) ? Taint.Empty : carried;
        if (effect == CallEffect.PropagatesIntoReceiver && (LocationOf(invocation.Instance) ?? OwnerLocationOf(invocation.Instance)) is { } builder)
        {
            Set(state, builder, TaintState.Get(state, builder).Union(arguments));
        }
        else if (effect == CallEffect.Renders && WritesToFirstArgument(method) && LocationOf(OperationTree.ArgumentFor(invocation, 0)) is { } target)
        {
            // Serialize(stream, value): the data is now in the stream or writer.
            Set(state, target, TaintState.Get(state, target).Union(arguments));
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { RefKind: RefKind.Out } parameter)
            {
                // dict.TryGetValue(key, out value): the value carries the collection's data, not the key's;
                // an annotated out parameter carries its own classification.
                var carriedOut = propagates ? (invocation.Instance is null ? source : receiver) : Taint.Empty;
                Assign(argument.Value, carriedOut.Union(Taint.Of(Model.GetMemberOrigin(parameter))), strong: true, state);
            }
        }

        if (effect == CallEffect.Sanitizes)
        {
            return Taint.Empty;
        }

        // The return value's own classification. Method summaries plug in here.
        if (Model.GetMemberOrigin(method) is { } origin)
        {
            return Taint.Of(origin);
        }

        return method.MethodKind switch
        {
            // A delegate built from a lambda holds what the lambda returns (see EvaluateLambda).
            MethodKind.DelegateInvoke => receiver,
            MethodKind.LocalFunction => LocalFunctionReturn(method, invocation, state),
            _ => result,
        };
    }

    private Taint LocalFunctionReturn(IMethodSymbol localFunction, IInvocationOperation call, Locations state)
    {
        if (_depth >= StackGuard.MaxFunctionNesting || FindLocalFunctionGraph(localFunction.OriginalDefinition) is not { } graph)
        {
            return Taint.Empty;
        }

        var entry = WithArguments(state, call).Locations.ToBuilder();
        foreach (var parameter in localFunction.OriginalDefinition.Parameters)
        {
            if (Model.GetMemberOrigin(parameter) is { } origin)
            {
                entry[parameter] = TaintState.Get(entry, parameter).Union(Taint.Of(origin));
            }
        }

        var analysis = new TaintAnalysis(_method, graph, new TaintState(entry.ToImmutable()), _depth + 1);
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

    private static bool WritesToFirstArgument(IMethodSymbol method) =>
        method.Parameters.Length > 1 && (method.ReturnsVoid || method.ReturnType is INamedTypeSymbol { Name: "Task", IsGenericType: false });

    // string.Format("{0}", record), sb.Append(record), record.ToString(): the text holds the members.
    private Taint RenderedIfText(IMethodSymbol method, IOperation? value, Taint taint) =>
        method.ReturnType.SpecialType == SpecialType.System_String || method.ReturnType.Name == "StringBuilder"
            ? Rendered(value, taint)
            : taint;

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

        var entryState = new TaintState(entry.ToImmutable());
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

    private TaintState WithArguments(Locations state, IInvocationOperation call)
    {
        var entry = state.ToImmutable().ToBuilder();
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { } parameter && _method.RecordedTaint(argument.Value.Syntax) is { IsEmpty: false } taint)
            {
                entry[parameter.OriginalDefinition] = taint;
            }
        }

        return new TaintState(entry.ToImmutable());
    }

    private Taint Deconstruct(IOperation target, IOperation value, Locations state)
    {
        value = OperationTree.WithoutConversions(value);
        if (target is ITupleOperation targets && value is ITupleOperation values && targets.Elements.Length == values.Elements.Length)
        {
            var all = Taint.Empty;
            for (var i = 0; i < targets.Elements.Length; i++)
            {
                all = all.Union(Deconstruct(targets.Elements[i], values.Elements[i], state));
            }

            return all;
        }

        var taint = Evaluate(value, state);
        Assign(target, taint, strong: true, state);
        return taint;
    }

    private void Assign(IOperation target, Taint taint, bool strong, Locations state)
    {
        switch (target)
        {
            case IDeclarationExpressionOperation declaration:
                Assign(declaration.Expression, taint, strong, state);
                return;
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements)
                {
                    Assign(element, taint, strong: false, state);
                }

                return;
        }

        if (LocationOf(target) is { } location && target is not IPropertyReferenceOperation)
        {
            Set(state, location, strong ? taint : TaintState.Get(state, location).Union(taint));
            return;
        }

        // `a[i] = x`, `dict[k] = x`, `obj.Member = x` (initializers included): the data is now in the
        // array, collection or object.
        var container = target switch
        {
            IArrayElementReferenceOperation element => element.ArrayReference,
            IPropertyReferenceOperation property => property.Instance,
            IFieldReferenceOperation field => field.Instance,
            _ => null,
        };

        Evaluate(container, state);
        if (target is IPropertyReferenceOperation { Arguments.Length: > 0 } indexer)
        {
            foreach (var argument in indexer.Arguments)
            {
                Evaluate(argument.Value, state);
            }
        }

        if (!taint.IsEmpty && LocationOf(container) is { } containerLocation)
        {
            Set(state, containerLocation, TaintState.Get(state, containerLocation).Union(taint));
        }
    }

    // A missing location reads as empty, so writing empty over nothing would only grow every state.
    private static void Set(Locations state, object location, Taint taint)
    {
        if (!taint.IsEmpty || state.ContainsKey(location))
        {
            state.Set(location, taint);
        }
    }

    /// <summary>The location an expression names: a local, parameter, capture or field of <c>this</c>; a builder chain names its root.</summary>
    private object? LocationOf(IOperation? operation)
    {
        switch (operation is null ? null : OperationTree.WithoutConversions(operation))
        {
            case ILocalReferenceOperation local:
                return local.Local;
            case IParameterReferenceOperation parameter:
                return parameter.Parameter;
            case IFlowCaptureReferenceOperation capture:
                return capture.Id;
            case IFieldReferenceOperation field:
                return TrackedField(field);
            case IInvocationOperation invocation when invocation.Instance is not null
                && Transfers.GetEffect(invocation.TargetMethod) == CallEffect.PropagatesIntoReceiver:
                return LocationOf(invocation.Instance);
            default:
                return null;
        }
    }

    // `message.Attachments.Add(x)`: data added to a collection held by an object is in the object.
    private object? OwnerLocationOf(IOperation? operation) =>
        operation is null ? null : OperationTree.WithoutConversions(operation) switch
        {
            IPropertyReferenceOperation { Instance: { } owner } => LocationOf(owner),
            IFieldReferenceOperation { Instance: { } owner } => LocationOf(owner),
            _ => null,
        };

    // Fields of this instance or static fields behave like locals inside one method body.
    private static IFieldSymbol? TrackedField(IOperation reference) =>
        reference is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field ? field.Field : null;

    // A record or anonymous object turned into text prints its members (a container).
    private Taint Rendered(IOperation? value, Taint taint)
    {
        if (value is null || !taint.IsEmpty)
        {
            return taint;
        }

        var printed = Model.GetPrintedOrigins(OperationTree.WithoutConversions(value).Type);
        if (printed.IsEmpty)
        {
            return taint;
        }

        if (IsReplaying)
        {
            _method.RecordRendered(value.Syntax);
        }

        return Taint.Of(printed);
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

    private static bool IsNumeric(ITypeSymbol? type) =>
        type?.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Double or SpecialType.System_Decimal;
}
