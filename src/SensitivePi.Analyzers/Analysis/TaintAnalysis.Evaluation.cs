using System;
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
/// The transfer table of the taint analysis: how each kind of operation moves taint between locations and
/// into its result (docs/design/value-flow-engine.md, the evaluation table), and what it records while the
/// driver replays converged states.
/// </summary>
internal sealed partial class TaintAnalysis
{
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

        taint = WithTypeOrigin(taint, operation.Type);
        if (IsReplaying && !taint.IsEmpty && IsRecordable(operation))
        {
            _method.Record(operation.Syntax, taint);
        }

        return taint;
    }

    // A value with branches (`_lastId = a ?? b`, `_log += c ? a : b`) makes the graph capture the assignment's target before
    // them: the member assigned is the one captured (docs/design/value-flow-engine.md, "Forward data flow").
    private IOperation AssignedTarget(IOperation target) =>
        target.Kind == OperationKind.FlowCaptureReference && _method.CapturedValue(target) is { } captured ? captured : target;

    // Every instance of an annotated class or struct is sensitive (docs/design/value-flow-engine.md, sources): a value read, a
    // pattern's link and a value a type pattern matches alike.
    private Taint WithTypeOrigin(Taint taint, ITypeSymbol? type) =>
        type is not null && Model.GetTypeOrigin(type) is { } typeOrigin ? taint.Union(Taint.Of(typeOrigin)) : taint;

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
                // A primary constructor's parameter, read by a member, holds what creations pass (a field the constructor stored).
                return CrossMethodPass.IsCapturedParameter(parameter.Parameter, _method.Summarized)
                    ? TaintState.Get(state, parameter.Parameter).Union(AssignedElsewhere(parameter.Parameter))
                    : TaintState.Get(state, parameter.Parameter);

            case IFlowCaptureReferenceOperation captureReference:
                return TaintState.Get(state, captureReference.Id);

            case IFlowCaptureOperation capture:
                Set(state, capture.Id, Evaluate(capture.Value, state));
                _method.RecordCapture(capture);

                // The graph spills `sb` into a capture where an interpolated-string handler also needs it; a
                // reference-typed capture of a local is the same object, so data added through one is in both.
                if (capture.Value.Type is { IsReferenceType: true } && LocationOf(capture.Value) is { } aliased and not CaptureId)
                {
                    (_captureAliases ??= new Dictionary<CaptureId, object>())[capture.Id] = aliased;
                }

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
                // The holder's annotation: a member classified itself describes what it holds from then on
                // (its category and legal basis), whatever the value's source said.
                var value = Evaluate(assignment.Value, state);

                var target = AssignedTarget(assignment.Target);
                if (!value.IsEmpty && target is IMemberReferenceOperation { Member: var member } && Model.GetMemberOrigin(member) is { } holder)
                {
                    value = Taint.Of(holder);
                }

                Assign(target, value, strong: true, state);
                AssignParts(target, assignment.Value, state);
                RecordStore(target, value);

                if (IsReplaying && target is IPropertyReferenceOperation property)
                {
                    _method.CheckSetter(assignment, property);
                }

                return value;
            }

            case ICompoundAssignmentOperation compound:
            {
                var added = Evaluate(compound.Value, state);
                var value = Evaluate(compound.Target, state).Union(added);
                var target = AssignedTarget(compound.Target);
                Assign(target, value, strong: true, state);

                // `_trail += p.IdNumber`: the member holds what was added, for the methods that read it (what it held before
                // is already its own).
                RecordStore(target, added);

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

                if (IsReplaying)
                {
                    _method.CheckCreation(creation);

                    // A constructor of the compilation: what it does with its arguments is in its summary.
                    if (_method.IsSummarizing && creation.Constructor is { } constructor && _method.Engine.CrossMethod.FollowsConstructor(constructor))
                    {
                        _method.RecordCall(constructor, creation.Arguments, creation, (value, element) => TuplePart(value, element, state));
                    }
                }

                return taint.Union(Evaluate(creation.Initializer, state));
            }

            case IAnonymousObjectCreationOperation anonymous:
            {
                var taint = Taint.Empty;
                var parts = new (string, Taint)[anonymous.Initializers.Length];
                for (var i = 0; i < parts.Length; i++)
                {
                    var initializer = anonymous.Initializers[i];
                    var part = initializer is IAssignmentOperation member ? Evaluate(member.Value, state) : Evaluate(initializer, state);
                    parts[i] = (initializer is IAssignmentOperation { Target: IPropertyReferenceOperation property } ? property.Property.Name : string.Empty, part);
                    taint = taint.Union(part);
                }

                _lastParts = (anonymous, parts);
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
            {
                var taint = Taint.Empty;
                var parts = new (string, Taint)[tuple.Elements.Length];
                for (var i = 0; i < parts.Length; i++)
                {
                    var part = Evaluate(tuple.Elements[i], state);
                    parts[i] = ("Item" + (i + 1), part);
                    taint = taint.Union(part);
                }

                _lastParts = (tuple, parts);
                return taint;
            }

            case IConditionalOperation conditional:
                Evaluate(conditional.Condition, state);
                return Evaluate(conditional.WhenTrue, state).Union(Evaluate(conditional.WhenFalse, state));

            case ICoalesceOperation coalesce:
                return Evaluate(coalesce.Value, state).Union(Evaluate(coalesce.WhenNull, state));

            case IIsPatternOperation isPattern:
            {
                // `x is { Diagnosis: var d } whole`, `case Patient { IdNumber: var id }` (switches reach the graph as
                // patterns): each variable takes what it binds.
                var value = Evaluate(isPattern.Value, state);
                BindPattern(isPattern.Pattern, value, state, depth: 0);
                return Taint.Empty;
            }

            case IFlowAnonymousFunctionOperation lambda:
                return EvaluateLambda(lambda, Taint.Empty, state);

            // `from p in patients select p.IdNumber`: the query is the method calls it translates to.
            case ITranslatedQueryOperation query:
                return Evaluate(query.Operation, state);

            case IDelegateCreationOperation delegateCreation:
                return Evaluate(delegateCreation.Target, state);

            case IMethodReferenceOperation methodReference:
                Evaluate(methodReference.Instance, state);
                if (IsReplaying && methodReference.Method.MethodKind == MethodKind.LocalFunction)
                {
                    _method.RecordLocalFunctionEntry(methodReference.Method, new TaintState(state.ToImmutable(), state.HasParts));
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

        // A summarising run: a computed property's getter is a call whose result its summary gives.
        if (GetterResult(reference, member) is { } result)
        {
            return PartOf(receiver, instance?.Type, member, reference.Type).Union(result);
        }

        var elsewhere = AssignedElsewhere(member);
        if (TrackedField(reference) is { } field)
        {
            return TaintState.Get(state, field).Union(elsewhere);
        }

        if (PartRead(reference, member, instance, state) is { } part)
        {
            return part.Union(elsewhere);
        }

        return PartOf(receiver, instance?.Type, member, reference.Type).Union(elsewhere);
    }

    // A summarising run: a read of a computed property of this compilation (`v.Label`, `v is { Label: var l }`) calls its
    // getter, recorded as a call whose result the pass resolves; null where the read is not such a call.
    private Taint? GetterResult(IOperation reference, ISymbol member)
    {
        if (!_method.IsSummarizing || member is not IPropertySymbol { GetMethod: { } getter } property || reference is not IPropertyReferenceOperation
            || !_method.Engine.CrossMethod.FollowsGetter(property))
        {
            return null;
        }

        if (IsReplaying)
        {
            _method.RecordCall(getter, System.Collections.Immutable.ImmutableArray<IArgumentOperation>.Empty, reference);
        }

        return Taint.Of(SensitiveOrigin.CallResultPlaceholder(getter.OriginalDefinition, reference.Syntax));
    }

    // A summarising run: whatever a followed field or auto-property is assigned elsewhere arrives where it is read (the pass resolves it).
    private Taint AssignedElsewhere(ISymbol member) =>
        _method.IsSummarizing && _method.Engine.CrossMethod.FollowsField(member)
            ? Taint.Of(SensitiveOrigin.FieldPlaceholder(member.OriginalDefinition))
            : Taint.Empty;

    // `var row = (TripId: trip.Id, Phone: p.Phone)`, `var row = new { trip.Id, p.Phone }`: each part of a tuple or
    // anonymous object built in place is its own location; any other value leaves the parts to the whole.
    private void AssignParts(IOperation target, IOperation value, Locations state)
    {
        if (LocationOf(target) is not { } holder || holder is IFieldSymbol || OperationTree.WithoutConversions(target).Type is not { } type
            || !(type.IsTupleType || type.IsAnonymousType))
        {
            return;
        }

        // Assign has given every part the whole value; a tuple or anonymous object built in place narrows each.
        var built = OperationTree.WithoutConversions(value);
        if (_lastParts is not { } last || !ReferenceEquals(last.Source, built))
        {
            return;
        }

        foreach (var (name, part) in last.Parts)
        {
            // An empty part is written too: it says "this part holds nothing", not "unknown".
            state.Set(new PartLocation(holder, name), part);
        }
    }

    private static System.Collections.Generic.IEnumerable<string> PartNames(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            for (var i = 0; i < tuple.TupleElements.Length; i++)
            {
                yield return "Item" + (i + 1);
            }

            yield break;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IPropertySymbol property)
            {
                yield return property.Name;
            }
        }
    }

    // What one element of a tuple handed to a call holds, where that is known: an element of a tuple built in place, or the
    // tracked part of a local or parameter; otherwise null (the element is the whole argument's).
    private Taint? TuplePart(IOperation value, int element, Locations state)
    {
        var operation = OperationTree.WithoutConversions(value);
        if (operation is ITupleOperation built)
        {
            return element < built.Elements.Length ? _method.RecordedTaint(built.Elements[element].Syntax) : null;
        }

        if (LocationOf(operation) is not { } holder || holder is IFieldSymbol)
        {
            return null;
        }

        var part = new PartLocation(holder, "Item" + (element + 1));
        return state.ContainsKey(part) ? TaintState.Get(state, part) : null;
    }

    // The part a member read names, when the receiver's parts are tracked: a tuple element by its ItemN name.
    private Taint? PartRead(IOperation reference, ISymbol member, IOperation? instance, Locations state)
    {
        if (instance is null || LocationOf(instance) is not { } holder || holder is IFieldSymbol)
        {
            return null;
        }

        var name = member is IFieldSymbol { CorrespondingTupleField: { } canonical } ? canonical.Name : member.Name;
        var location = new PartLocation(holder, name);
        return state.ContainsKey(location) ? TaintState.Get(state, location) : null;
    }

    // An unclassified member of a value: parts of strings, tuples, collections and anonymous objects are the data;
    // so is every member of an annotated type's instance, numbers included (a GeoPoint's Lat), but for facts (bool,
    // enum, lengths, above) and members declared [NotPersonalInfo]. Other objects' members are not (no guessing).
    private Taint PartOf(Taint receiver, ITypeSymbol? receiverType, ISymbol member, ITypeSymbol? memberType)
    {
        if (receiver.IsEmpty || receiverType is null || TransferCatalog.IsFact(member, memberType))
        {
            return Taint.Empty;
        }

        if (Transfers.CarriesItsParts(receiverType))
        {
            return receiver;
        }

        return Model.GetTypeOrigin(receiverType) is not null && !Model.IsDeclaredNotPersonal(member) ? receiver : Taint.Empty;
    }

    private void BindPattern(IPatternOperation? pattern, Taint value, Locations state, int depth)
    {
        if (pattern is null || !StackGuard.MayDescend(depth))
        {
            return;
        }

        switch (pattern)
        {
            case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared }:
                Set(state, declared, value);
                break;
            case IRecursivePatternOperation recursive:
                // `o is Residence { Street: var s }`: the value matched is of the narrowed type, with its classification.
                value = WithTypeOrigin(value, recursive.MatchedType);

                if (recursive.DeclaredSymbol is ILocalSymbol whole)
                {
                    Set(state, whole, value);
                }

                foreach (var property in recursive.PropertySubpatterns)
                {
                    if (property.Member is IMemberReferenceOperation reference)
                    {
                        BindPattern(property.Pattern, PatternMember(reference, value, recursive.MatchedType ?? recursive.InputType), state, depth + 1);
                    }
                }

                // `(var name, var id)` against a value's Deconstruct: the parts are not told apart.
                foreach (var element in recursive.DeconstructionSubpatterns)
                {
                    BindPattern(element, value, state, depth + 1);
                }

                break;
            case IBinaryPatternOperation binary:
                BindPattern(binary.LeftPattern, value, state, depth + 1);
                BindPattern(binary.RightPattern, value, state, depth + 1);
                break;
        }
    }

    // What a property subpattern reads of the pattern's input, as `x.Member` would: the member's own classification, else the
    // part of the input, through a followed getter, or what it is assigned elsewhere; and, as any value read, its type's
    // classification. An extended pattern (`{ Home.Street: var s }`) comes as nested patterns, so it reads link by link.
    private Taint PatternMember(IMemberReferenceOperation reference, Taint input, ITypeSymbol? inputType)
    {
        var member = reference.Member;
        var part = Model.GetMemberOrigin(member) is { } origin
            ? Taint.Of(origin)
            : PartOf(input, inputType, member, reference.Type).Union(GetterResult(reference, member) ?? AssignedElsewhere(member));
        return WithTypeOrigin(part, reference.Type);
    }

    private Taint EvaluateBinary(IBinaryOperation binary, Locations state)
    {
        // A user-defined operator is a call: no record operand is printed by it, and its result carries what its
        // operands carry (its body is not followed: docs/rules/SPI002.md, "Known limits").
        var left = Evaluate(binary.LeftOperand, state);
        var right = Evaluate(binary.RightOperand, state);
        if (binary.OperatorMethod is null)
        {
            left = Rendered(binary.LeftOperand, left);
            right = Rendered(binary.RightOperand, right);
        }
        if (TransferCatalog.IsFactType(binary.Type))
        {
            return Taint.Empty;
        }

        if (IsReplaying && binary.OperatorKind == BinaryOperatorKind.Add && binary.OperatorMethod is null && binary.Type?.SpecialType == SpecialType.System_String)
        {
            _method.RecordConcatenation(binary.Syntax);
        }

        return left.Union(right);
    }

    private Taint EvaluateInvocation(IInvocationOperation invocation, Locations state)
    {
        var method = invocation.TargetMethod;

        // The callee's answers, read from one record (Analysis/SurveyFacts): a fixpoint evaluates each call more than once.
        var facts = _method.Engine.SurveyFacts.Of(method);
        var effect = facts.Effect;
        var receiver = Evaluate(invocation.Instance, state);
        var propagates = effect is CallEffect.Propagates or CallEffect.PropagatesIntoReceiver or CallEffect.Renders or CallEffect.Projects;

        // A projection's result is what its lambdas return; a selector that is not a lambda could return anything, and with no
        // selector at all (`ages.Sum()`) the result is made of the elements.
        var projected = effect == CallEffect.Projects && HasDelegateArgument(invocation) ? Taint.Empty : null;

        // Lambdas given to LINQ and collection methods see the source's elements as their parameters.
        var arguments = Taint.Empty;
        var source = receiver;

        // What a local function's parameters receive: the values just evaluated, in the fixpoint as in the replay.
        List<(IParameterSymbol Parameter, Taint Taint)>? passed = null;
        foreach (var argument in invocation.Arguments)
        {
            Taint value;
            if (argument.Value is IDelegateCreationOperation { Target: IFlowAnonymousFunctionOperation lambda })
            {
                value = EvaluateLambda(lambda, propagates ? source : Taint.Empty, state);
                projected = projected?.Union(value);
            }
            else
            {
                value = Evaluate(argument.Value, state);
                if (argument.Value.Type is { TypeKind: TypeKind.Delegate })
                {
                    projected = null;
                }
            }

            if (effect == CallEffect.Renders)
            {
                value = value.Union(Taint.Of(_method.SerializedMembers(argument.Value, Model.GetContainedOrigins(OperationTree.WithoutConversions(argument.Value).Type))));
            }
            else if (propagates)
            {
                value = RenderedIfText(method, argument.Value, value);
            }

            if (IsReplaying && !value.IsEmpty && IsRecordable(argument.Value))
            {
                _method.Record(argument.Value.Syntax, value);
            }

            if (method.MethodKind == MethodKind.LocalFunction && !value.IsEmpty && argument.Parameter is { } parameter)
            {
                (passed ??= new List<(IParameterSymbol, Taint)>()).Add((parameter, value));
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
                _method.RecordLocalFunctionEntry(method, WithArguments(state, passed));
            }
        }

        // What the call carries out of its inputs (before asking whether its result is a mere fact).
        var carried = projected ?? (propagates ? RenderedIfText(method, invocation.Instance, receiver).Union(arguments) : Taint.Empty);
        var result = TransferCatalog.IsFact(method, method.ReturnType) ? Taint.Empty : carried;
        if (effect == CallEffect.PropagatesIntoReceiver && (LocationOf(invocation.Instance) ?? OwnerLocationOf(invocation.Instance)) is { } builder)
        {
            Set(state, builder, TaintState.Get(state, builder).Union(arguments));
            if (builder is CaptureId id && _captureAliases is not null && _captureAliases.TryGetValue(id, out var aliased))
            {
                Set(state, aliased, TaintState.Get(state, aliased).Union(arguments));
            }
        }
        else if (effect == CallEffect.Renders && WritesToFirstArgument(method) && LocationOf(OperationTree.ArgumentFor(invocation, 0)) is { } target)
        {
            // Serialize(stream, value): the data is now in the stream or writer.
            Set(state, target, TaintState.Get(state, target).Union(arguments));
        }
        else if (effect == CallEffect.CopiesIntoArgument && LocationOf(OperationTree.ArgumentFor(invocation, 0)) is { } destination)
        {
            // upload.CopyToAsync(memory): the memory stream now holds the upload.
            Set(state, destination, TaintState.Get(state, destination).Union(receiver));
        }

        // A summarising run: what a followed callee leaves in an out or ref argument, its summary will say.
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { RefKind: RefKind.Out } parameter)
            {
                // dict.TryGetValue(key, out value): the value carries the collection's data, not the key's;
                // an annotated out parameter carries its own classification.
                var carriedOut = propagates ? (invocation.Instance is null ? source : receiver) : Taint.Empty;
                var left = SummarisedCall(method, facts) ? Taint.Of(SensitiveOrigin.OutArgumentPlaceholder(parameter.OriginalDefinition, invocation.Syntax)) : Taint.Empty;
                Assign(argument.Value, carriedOut.Union(Taint.Of(Model.GetMemberOrigin(parameter))).Union(left), strong: true, state);
            }
            else if (argument.Parameter is { RefKind: RefKind.Ref } byReference && SummarisedCall(method, facts))
            {
                Assign(argument.Value, Evaluate(argument.Value, state).Union(Taint.Of(SensitiveOrigin.OutArgumentPlaceholder(byReference.OriginalDefinition, invocation.Syntax))), strong: true, state);
            }
            else if (argument.Parameter is { RefKind: RefKind.None } filled && SummarisedCall(method, facts) && LocationOf(argument.Value) is { } holder
                && _method.Engine.CrossMethod.IsFilled(filled.OriginalDefinition))
            {
                // `Describe(text, p)` with `text` a builder: what the callee puts into it, its summary will say (as for `ref`). An
                // argument the graph spilled into a temporary (a later argument branches) fills the local it stands for.
                var left = Taint.Of(SensitiveOrigin.OutArgumentPlaceholder(filled.OriginalDefinition, invocation.Syntax));
                Set(state, holder, TaintState.Get(state, holder).Union(left));
                if (holder is CaptureId id && _captureAliases is not null && _captureAliases.TryGetValue(id, out var aliased))
                {
                    Set(state, aliased, TaintState.Get(state, aliased).Union(left));
                }
            }
        }

        if (effect == CallEffect.Sanitizes)
        {
            return Taint.Empty;
        }

        // Encrypted or hashed: unreadable, and still the person's data.
        if (effect == CallEffect.Protects)
        {
            return receiver.Union(arguments).AsProtected();
        }

        // The return value's own classification.
        if (facts.Origin is { } origin)
        {
            return Taint.Of(origin);
        }

        // A summarising run: the call's result is what the callee's summary will say, known at compilation end.
        if (SummarisedCall(method, facts))
        {
            if (IsReplaying)
            {
                _method.RecordCall(invocation, (value, element) => TuplePart(value, element, state));
            }

            return result.Union(Taint.Of(SensitiveOrigin.CallResultPlaceholder(method.OriginalDefinition, invocation.Syntax)));
        }

        return method.MethodKind switch
        {
            // A delegate built from a lambda holds what the lambda returns (see EvaluateLambda).
            MethodKind.DelegateInvoke => receiver,
            MethodKind.LocalFunction => LocalFunctionReturn(method, passed, state),
            _ => result,
        };
    }

    private static bool HasDelegateArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.Type is { TypeKind: TypeKind.Delegate })
            {
                return true;
            }
        }

        return false;
    }

    // A call whose result and out or ref arguments the callee's summary gives (summarising runs only).
    private bool SummarisedCall(IMethodSymbol method, CalleeFacts facts) =>
        _method.IsSummarizing && method.MethodKind == MethodKind.Ordinary && facts.Follows;

    private static bool WritesToFirstArgument(IMethodSymbol method) =>
        method.Parameters.Length > 1 && (method.ReturnsVoid || method.ReturnType is INamedTypeSymbol { Name: "Task", IsGenericType: false });

    // string.Format("{0}", record), sb.Append(record), record.ToString(): the text holds the members.
    private Taint RenderedIfText(IMethodSymbol method, IOperation? value, Taint taint) =>
        method.ReturnType.SpecialType == SpecialType.System_String || method.ReturnType.Name == "StringBuilder"
            ? Rendered(value, taint)
            : taint;

    private Taint Deconstruct(IOperation target, IOperation value, Locations state)
    {
        // `var (name, id) = (p.Name, p.IdNumber)`: each variable takes its own element's taint.
        value = OperationTree.WithoutConversions(value);
        if (target is IDeclarationExpressionOperation declaration)
        {
            target = declaration.Expression;
        }

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
        if (target is ITupleOperation elements && value.Type is { IsTupleType: true } && LocationOf(value) is { } holder and not IFieldSymbol)
        {
            // `var pair = (p.IdNumber, p.City); (_id, _city) = pair;`: a tuple whose parts are tracked gives each target its own.
            for (var i = 0; i < elements.Elements.Length; i++)
            {
                var part = new PartLocation(holder, "Item" + (i + 1));
                AssignWhole(elements.Elements[i], state.ContainsKey(part) ? TaintState.Get(state, part) : taint, state, depth: 0);
            }

            return taint;
        }

        AssignWhole(target, taint, state, depth: 0);
        return taint;
    }

    // A deconstruction's target given a value that is no tuple literal (`(_id, _city) = pair;`): each element may hold all of it.
    private void AssignWhole(IOperation target, Taint taint, Locations state, int depth)
    {
        if (target is IDeclarationExpressionOperation declaration)
        {
            target = declaration.Expression;
        }

        if (target is ITupleOperation tuple)
        {
            if (StackGuard.MayDescend(depth))
            {
                foreach (var element in tuple.Elements)
                {
                    AssignWhole(element, taint, state, depth + 1);
                }
            }

            return;
        }

        // The element is overwritten, with some part of the value (which part is not told apart).
        target = AssignedTarget(target);
        Assign(target, taint, strong: true, state);
        RecordStore(target, taint);
    }

    // A summarising run notes what a followed field or auto-property is given, for the methods that read it
    // (docs/design/value-flow-engine.md, "Fields and auto-properties").
    private void RecordStore(IOperation target, Taint value)
    {
        if (!_method.IsSummarizing || !IsReplaying)
        {
            return;
        }

        var stored = target switch
        {
            IMemberReferenceOperation member => member.Member,

            // A primary constructor's parameter assigned by a member (`id = id.Trim();`): the field it is.
            IParameterReferenceOperation { Parameter: var parameter } when CrossMethodPass.IsCapturedParameter(parameter, _method.Summarized) => parameter,
            _ => null,
        };
        if (stored is not null && _method.Engine.CrossMethod.FollowsField(stored))
        {
            _method.RecordStore(stored.OriginalDefinition, value);
        }
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

            // A tuple or anonymous holder given a whole value: each part may hold all of it (a tuple built in place
            // then narrows its parts, AssignParts). Written on every path, so a join never trusts a stale part.
            if (location is not IFieldSymbol && OperationTree.WithoutConversions(target).Type is { } holderType
                && (holderType.IsTupleType || holderType.IsAnonymousType))
            {
                foreach (var name in PartNames(holderType))
                {
                    var part = new PartLocation(location, name);
                    state.Set(part, strong ? taint : TaintState.Get(state, part).Union(taint));
                }
            }

            return;
        }

        // `row.Name = x` on a tracked tuple: that part now holds x.
        if (target is IFieldReferenceOperation { Field.CorrespondingTupleField: { } tupleElement, Instance: { } holderOperation }
            && LocationOf(holderOperation) is { } holder and not IFieldSymbol)
        {
            var part = new PartLocation(holder, tupleElement.Name);
            if (!state.ContainsKey(part) && holderOperation.Type is { IsTupleType: true } holderType)
            {
                // Parts not tracked yet (a parameter's) are all of the holder: track them from here.
                var whole = TaintState.Get(state, holder);
                foreach (var name in PartNames(holderType))
                {
                    state.Set(new PartLocation(holder, name), whole);
                }
            }

            if (state.ContainsKey(part))
            {
                state.Set(part, strong ? taint : TaintState.Get(state, part).Union(taint));
            }
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
}
