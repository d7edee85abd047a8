using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// The pre-scan of a body: which sinks it calls, whether it calls a member that requires consent, and, when
/// it calls a sink, which classes of sensitive data it touches. A body needs a control-flow graph only when a
/// rule's sinks and data meet in it (docs/design/value-flow-engine.md, "Shape").
/// </summary>
internal sealed class BodySurveyor
{
    private readonly ValueFlowEngine _engine;

    public BodySurveyor(ValueFlowEngine engine) => _engine = engine;

    /// <summary>
    /// Which sinks of <paramref name="sinkKinds"/> a block calls, whether it calls a member that requires consent
    /// (when <paramref name="askRequiredCalls"/>), and, when it calls a sink, which classes of sensitive data it
    /// touches (an annotated member, parameter or return value, or a value whose type holds one; not a value
    /// handed straight to a sanitizer); <paramref name="wantedData"/> gives the classes worth looking for given
    /// the sinks found.
    /// </summary>
    public BodySurvey Survey(IOperation block, SinkKinds sinkKinds, bool askRequiredCalls, Func<SinkKinds, DataClasses> wantedData, bool followCalls = false, ISymbol? owner = null) =>
        Survey(block, sinkKinds, askRequiredCalls, DataClassSet.Of, wantedData, followCalls, owner);

    /// <summary>
    /// The pre-scan for one question: whether the block calls a sink of this kind and touches something
    /// sensitive that <paramref name="relevant"/> accepts (anything when null).
    /// </summary>
    public bool MayReachSink(IOperation block, SinkKind kind, Func<SensitiveOrigin, bool>? relevant = null)
    {
        var survey = Survey(
            block,
            SinkKindSet.Of(kind),
            askRequiredCalls: false,
            origin => relevant is null || relevant(origin) ? DataClasses.Any : DataClasses.None,
            _ => DataClasses.Any,
            followCalls: false,
            owner: null);
        return survey.Sinks != SinkKinds.None && survey.Data != DataClasses.None;
    }

    /// <summary>
    /// Whether the block reads a sensitive value itself: a classified member, parameter or return value, an instance
    /// of a classified type, or an object serialised whole. Unlike the survey, an object merely handed to a call
    /// (<c>patients.GroupBy(…)</c>) does not count: that is what a result could carry, not what a sink could show.
    /// </summary>
    public bool ReadsData(IOperation block)
    {
        var scan = new ReadScan(_engine);
        OperationWalk.Walk(block, ref scan);
        return scan.Found;
    }

    /// <summary>Whether <paramref name="operation"/> itself reads a sensitive value, as <see cref="ReadsData"/> asks each operation.</summary>
    public bool ReadsAt(IOperation operation) => ReadScan.ReadsAt(_engine, operation);

    /// <summary>
    /// The same answer, given the facts of the operation's callee or member the survey's walk already holds, and whether a parameter
    /// it reads is known to be unclassified (<paramref name="unclassifiedParameter"/>: one of the body's own, which no source classifies).
    /// </summary>
    private bool ReadsAt(IOperation operation, CalleeFacts? callee, MemberFacts? member, bool unclassifiedParameter) =>
        ReadScan.ReadsAt(_engine, operation, callee, member, unclassifiedParameter);

    private struct ReadScan : IOperationScan
    {
        private readonly ValueFlowEngine _engine;

        public ReadScan(ValueFlowEngine engine)
        {
            _engine = engine;
            Found = false;
        }

        public bool Found { get; private set; }

        public bool Visit(IOperation operation) => Found = ReadsAt(_engine, operation);

        /// <summary>
        /// Whether <paramref name="operation"/> itself reads a sensitive value (<see cref="ReadsData"/>), given the facts of its callee
        /// or member when the caller already holds them.
        /// </summary>
        public static bool ReadsAt(ValueFlowEngine engine, IOperation operation, CalleeFacts? callee = null, MemberFacts? member = null, bool unclassifiedParameter = false)
        {
            var model = engine.Model;
            return operation.Kind switch
            {
                OperationKind.FieldReference or OperationKind.PropertyReference
                    => ReadsAtMember(operation, member ?? engine.SurveyFacts.OfMember(((IMemberReferenceOperation)operation).Member)),
                // A parameter is read mostly in its own body, often once (a lambda's): a record would cost more than it saves.
                OperationKind.ParameterReference => !unclassifiedParameter && model.GetMemberOrigin(((IParameterReferenceOperation)operation).Parameter) is not null,
                OperationKind.Invocation => ReadsAtCall(engine, (IInvocationOperation)operation, callee ?? engine.SurveyFacts.Of(((IInvocationOperation)operation).TargetMethod)),
                OperationKind.Argument => ReadsAtArgument(engine, (IArgumentOperation)operation),
                // A record turned into text prints its classified members.
                OperationKind.Interpolation => !model.GetPrintedOrigins(OperationTree.WithoutConversions(((IInterpolationOperation)operation).Expression).Type).IsEmpty,
                OperationKind.Binary => ((IBinaryOperation)operation) is { OperatorMethod: null, Type.SpecialType: SpecialType.System_String }
                    && (!model.GetPrintedOrigins(OperationTree.WithoutConversions(((IBinaryOperation)operation).LeftOperand).Type).IsEmpty
                        || !model.GetPrintedOrigins(OperationTree.WithoutConversions(((IBinaryOperation)operation).RightOperand).Type).IsEmpty),
                _ => false,
            } || (operation.Type is { } type && model.GetTypeOrigin(type) is not null);
        }

        private static bool ReadsAtMember(IOperation reference, MemberFacts facts) => facts.Origin is not null && !ValueDiesAt(reference);

        private static bool ReadsAtCall(ValueFlowEngine engine, IInvocationOperation call, CalleeFacts facts) =>
            facts.Origin is not null
            || (ReturnsText(call.TargetMethod) && call.Instance is { } instance
                && !engine.Model.GetPrintedOrigins(OperationTree.WithoutConversions(instance).Type).IsEmpty);

        // A classified member written by a statement (`patient.Phone = phone;`), compared (`patient.Phone == null`) or asked a fact
        // of (`patient.Phone.Length`): no value of it goes further (the taint analysis's own rules). An assignment used as a value
        // (`return p.Phone = v;`) or in an object initializer yields the member's data; a pattern may bind it.
        private static bool ValueDiesAt(IOperation reference) => reference.Parent switch
        {
            ISimpleAssignmentOperation { Parent: IExpressionStatementOperation } assignment => assignment.Target == reference,
            IBinaryOperation { OperatorMethod: null, Type.SpecialType: SpecialType.System_Boolean } => true,
            IPropertyReferenceOperation { Property: var property } read => read.Instance == reference && TransferCatalog.IsFact(property, read.Type),
            _ => false,
        };

        private static bool ReadsAtArgument(ValueFlowEngine engine, IArgumentOperation argument)
        {
            var model = engine.Model;
            var call = argument.Parent as IInvocationOperation;
            var callee = call is null ? null : engine.SurveyFacts.Of(call.TargetMethod);
            return (callee is { Effect: CallEffect.Renders }
                    && !model.GetContainedOrigins(OperationTree.WithoutConversions(argument.Value).Type).IsEmpty)
                || (argument.Parameter is { } parameter && (callee is null || callee.MayClassifyParameters || !ReferenceEquals(parameter.ContainingSymbol, call!.TargetMethod))
                    && model.GetMemberOrigin(parameter) is not null)
                || (call is not null && ReturnsText(call.TargetMethod)
                    && !model.GetPrintedOrigins(OperationTree.WithoutConversions(argument.Value).Type).IsEmpty)
                || (callee is not null && HandsWholeObject(engine, argument, callee));
        }

        // `_audit.Record(patient)` with `Record(object entry)`: the callee may render what the argument's type holds.
        private static bool HandsWholeObject(ValueFlowEngine engine, IArgumentOperation argument, CalleeFacts callee) =>
            argument.Parameter?.OriginalDefinition is { Type: { SpecialType: SpecialType.System_Object } or ITypeParameterSymbol } parameter
            && engine.CrossMethod.Enabled && callee.Follows
            && engine.CrossMethod.HandsWholeObject(parameter, OperationTree.WithoutConversions(argument.Value).Type);

        // string.Format, StringBuilder.Append, ToString: a record given to one is printed (the taint analysis's Rendered).
        internal static bool ReturnsText(IMethodSymbol method) =>
            method.ReturnType.SpecialType == SpecialType.System_String || method.ReturnType.Name == "StringBuilder";
    }

    private BodySurvey Survey(IOperation block, SinkKinds sinkKinds, bool askRequiredCalls, Func<SensitiveOrigin, DataClasses> classify, Func<SinkKinds, DataClasses> wantedData, bool followCalls, ISymbol? owner)
    {
        // Sinks are few and cheap to recognise, sensitive data costs symbol lookups on every operation: so
        // only a body that calls a sink is searched for sensitive data, in a second walk.
        var calls = new CallScan(_engine, sinkKinds, askRequiredCalls, followCalls, owner);
        OperationWalk.Walk(block, ref calls);

        // Only the data classes some rule of the sinks found reports are looked for.
        var data = new DataScan(_engine, calls.Sinks == SinkKinds.None ? DataClasses.None : wantedData(calls.Sinks), classify);
        if (data.Wanted != DataClasses.None)
        {
            OperationWalk.Walk(block, ref data);
        }

        return new BodySurvey(calls.Sinks, calls.HasRequiredCall, data.Found, calls.CallsFollowed, calls.Operations, calls.HelperUses, calls.Fields, calls.Uses,
            followCalls || _engine.HelperCalls.Enabled, calls.MayCheck, followCalls ? calls.ReachableSinks : calls.Sinks, followCalls ? calls.ReadsData : null, calls.EntityWrites);
    }

    /// <summary>
    /// The classes of sensitive data one operation touches, as <paramref name="classifier"/> classes origins.
    /// Switches on Kind first: every operation of every surveyed body comes here, and a type test against an
    /// operation interface scans the class's interface map (the profile's largest item in this method).
    /// </summary>
    internal int ClassesAt<TClassifier>(IOperation operation, ref TClassifier classifier)
        where TClassifier : struct, IOriginClassifier
    {
        var model = _engine.Model;
        var found = 0;
        switch (operation.Kind)
        {
            case OperationKind.Invocation:
                var invocation = (IInvocationOperation)operation;
                found |= Classes(_engine.SurveyFacts.Of(invocation.TargetMethod).Origin, ref classifier);
                if (invocation.Instance is { } receiver)
                {
                    found |= ContainerClasses(receiver, printedOnly: true, ref classifier);
                }

                break;
            case OperationKind.FieldReference or OperationKind.PropertyReference or OperationKind.EventReference or OperationKind.MethodReference:
                found |= Classes(model.GetMemberOrigin(((IMemberReferenceOperation)operation).Member), ref classifier);
                break;
            case OperationKind.ParameterReference:
                found |= Classes(model.GetMemberOrigin(((IParameterReferenceOperation)operation).Parameter), ref classifier);
                break;

            // An object holding sensitive members matters only where it is handed over whole (to a sink
            // or serialiser) or turned into text; merely reading other members of it does not. A callee's
            // classified out or ref parameter hands sensitive data back.
            case OperationKind.Argument:
                var argument = (IArgumentOperation)operation;
                if (!IsSanitizerCall(argument.Parent) && (!classifier.HandedOnly || MayShowWhole(argument.Parent)))
                {
                    found |= ContainerClasses(argument.Value, printedOnly: false, ref classifier);

                    // C# 13 `params ReadOnlySpan<object?>`: the elements sit in a collection expression, each shown by its own
                    // type (as a sink reads them, MethodAnalysis.DataValues).
                    if (argument.IsImplicit && OperationTree.IsCollectionLike(argument.Value))
                    {
                        foreach (var element in argument.Value.ChildOperations)
                        {
                            found |= ContainerClasses(element, printedOnly: false, ref classifier);
                        }
                    }
                }

                if (argument.Parameter is { RefKind: RefKind.Out or RefKind.Ref } written)
                {
                    found |= Classes(model.GetMemberOrigin(written), ref classifier);
                }

                break;
            case OperationKind.ArrayInitializer when operation.Parent is IArrayCreationOperation { Parent: IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray } paramArray }
                && (!classifier.HandedOnly || MayShowWhole(paramArray.Parent)):
                foreach (var element in ((IArrayInitializerOperation)operation).ElementValues)
                {
                    found |= ContainerClasses(element, printedOnly: false, ref classifier);
                }

                break;
            // A sink's setter (`parameter.Value = record`, `exception.Data["visit"] = visit`) shows the object it is given; an entity
            // member keeps a value as it is, which the scan finds where it is read.
            case OperationKind.SimpleAssignment or OperationKind.CompoundAssignment or OperationKind.CoalesceAssignment
                when _engine.SinkKindsAt(operation, SinkKindSet.Every & ~SinkKinds.EntityMember) != SinkKinds.None:
                found |= ContainerClasses(((IAssignmentOperation)operation).Value, printedOnly: false, ref classifier);
                break;

            // A loosely typed member of an object being made or held in a local (`new ApiResult { Data = patient }`, `result.Data =
            // patient`) shows what it is given to a serialiser (FreshObjects).
            case OperationKind.SimpleAssignment
                when ((IAssignmentOperation)operation).Target is IPropertyReferenceOperation { Property.IsIndexer: false } or IFieldReferenceOperation
                && ((IMemberReferenceOperation)((IAssignmentOperation)operation).Target) is { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } or ILocalReferenceOperation } loose
                && SymbolTypes.TypeOf(loose.Member) is { } memberType && FreshObjects.IsLoose(memberType):
                found |= ContainerClasses(((IAssignmentOperation)operation).Value, printedOnly: false, ref classifier);
                break;
            case OperationKind.Interpolation:
                found |= ContainerClasses(((IInterpolationOperation)operation).Expression, printedOnly: true, ref classifier);
                break;
            case OperationKind.Binary when operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, OperatorMethod: null } binary:
                found |= ContainerClasses(binary.LeftOperand, printedOnly: true, ref classifier)
                    | ContainerClasses(binary.RightOperand, printedOnly: true, ref classifier);
                break;
        }

        if (operation.Type is { } type)
        {
            found |= Classes(model.GetTypeOrigin(type), ref classifier);
        }

        // Compliant code masks where it reads (`PiMask.IdCardNumber(p.IdNumber)`): a value handed straight to a
        // masking call carries nothing past it (the taint analysis gives the call no taint whatever goes in), so
        // such a body needs no graph on its account; one handed to an encryption or a hash still counts where
        // protected data does (the classifier says where). Asked last: most operations find nothing anyway.
        return found == 0 ? 0 : EffectOnInput(operation) switch
        {
            CallEffect.Sanitizes => 0,
            CallEffect.Protects => classifier.Protected(found),
            _ => found,
        };
    }

    private CallEffect EffectOnInput(IOperation operation)
    {
        var value = operation;
        while (value.Parent is { Kind: OperationKind.Conversion } conversion)
        {
            value = conversion;
        }

        return value.Parent is { Kind: OperationKind.Argument, Parent: { Kind: OperationKind.Invocation } call }
            ? _engine.SurveyFacts.Of(((IInvocationOperation)call).TargetMethod).Effect
            : CallEffect.None;
    }

    // An object handed whole to a call is shown only by a sink, a call that serialises it, or one that passes on what it is given
    // as text (`string.Join`, `sb.Append`: the text prints a record's members); a local function, a delegate, a constructor
    // initializer and what is not a call (a creation, an indexer) are counted too. Handed to any other call
    // (`_repository.Keep(user)`, `users.Where(…)`), it is not shown through that call: the taint analysis gives what such a call
    // returns nothing from the object's type, and what the callee does with it is its own body's (docs/design/value-flow-engine.md,
    // "Shape").
    private bool MayShowWhole(IOperation? parent)
    {
        if (parent is not { Kind: OperationKind.Invocation })
        {
            return true;
        }

        var method = ((IInvocationOperation)parent).TargetMethod;
        if (method.MethodKind is MethodKind.LocalFunction or MethodKind.DelegateInvoke or MethodKind.AnonymousFunction or MethodKind.Constructor)
        {
            return true;
        }

        var facts = _engine.SurveyFacts.Of(method);
        return facts.Effect == CallEffect.Renders
            || (facts.Effect is CallEffect.Propagates or CallEffect.PropagatesIntoReceiver or CallEffect.Projects && ReadScan.ReturnsText(method))
            || _engine.SurveyFacts.SinkKindsOf(method, facts) != SinkKinds.None;
    }

    private bool IsSanitizerCall(IOperation? operation) =>
        operation is { Kind: OperationKind.Invocation } && _engine.SurveyFacts.Of(((IInvocationOperation)operation).TargetMethod).Effect == CallEffect.Sanitizes;

    private static int Classes<TClassifier>(SensitiveOrigin? origin, ref TClassifier classifier)
        where TClassifier : struct, IOriginClassifier =>
        origin is null ? 0 : classifier.Classify(origin);

    private int ContainerClasses<TClassifier>(IOperation value, bool printedOnly, ref TClassifier classifier)
        where TClassifier : struct, IOriginClassifier
    {
        var type = OperationTree.WithoutConversions(value).Type;
        var found = 0;
        foreach (var origin in printedOnly ? _engine.Model.GetPrintedOrigins(type) : _engine.Model.GetContainedOrigins(type))
        {
            found |= classifier.Classify(origin);
        }

        // A logger's destructuring shows what a serialiser skips ([JsonIgnore]): either sink may be the one here.
        if (!printedOnly)
        {
            foreach (var origin in _engine.Model.GetContainedOrigins(type, destructuredByLogger: true))
            {
                found |= classifier.Classify(origin);
            }
        }

        return found;
    }

    /// <summary>The survey's first walk: sink kinds wanted and found, and calls that require consent.</summary>
    private struct CallScan : IOperationScan
    {
        private readonly ValueFlowEngine _engine;
        private readonly SinkKinds _wanted;
        private readonly bool _askRequiredCalls;

        private readonly bool _followCalls;
        private readonly bool _helpers;

        // The member whose body this is: its own parameters are no captured ones (a primary constructor's base arguments).
        private readonly ISymbol? _owner;

        // Whether a parameter of the owner may be classified: 0 not asked yet, 1 no, 2 yes.
        private int _ownerParameters;

        public CallScan(ValueFlowEngine engine, SinkKinds wanted, bool askRequiredCalls, bool followCalls, ISymbol? owner)
        {
            _owner = owner;
            _ownerParameters = 0;
            _engine = engine;
            _wanted = wanted;
            _askRequiredCalls = askRequiredCalls;
            _followCalls = followCalls;
            _helpers = engine.HelperCalls.Enabled;
            HelperUses = null;
            MayCheck = null;
            Fields = FieldUse.None;
            Sinks = SinkKinds.None;
            ReachableSinks = SinkKinds.None;
            HasRequiredCall = false;
            CallsFollowed = false;
            Uses = null;
            ReadsData = false;
            EntityWrites = null;
        }

        /// <summary>The properties the body sets that an EF Core entity may map (<see cref="SinkKinds.EntityMember"/>), when it follows calls; null when none.</summary>
        public List<IPropertyReferenceOperation>? EntityWrites { get; private set; }

        public SinkKinds Sinks { get; private set; }

        /// <summary>The sink kinds whose data values something can reach (<see cref="GraphFreeChecks.Reachable"/>), asked when it follows calls.</summary>
        public SinkKinds ReachableSinks { get; private set; }

        public bool HasRequiredCall { get; private set; }

        public bool CallsFollowed { get; private set; }

        /// <summary>The body's calls of the compilation's helpers and delegates made of one (<see cref="HelperCallSites"/>); null when none.</summary>
        public List<IOperation>? HelperUses { get; private set; }

        /// <summary>The body's calls that may be consent checks (asked when it follows calls or reads helper calls); null when none.</summary>
        public List<IInvocationOperation>? MayCheck { get; private set; }

        /// <summary>Whether the body reads or assigns a field or auto-property the cross-method pass follows (asked when it follows calls).</summary>
        public FieldUse Fields { get; private set; }

        /// <summary>The followed methods, getters and constructors the body calls and the followed members it reads or assigns, when it follows calls.</summary>
        public FollowedUses? Uses { get; private set; }

        /// <summary>
        /// Whether some operation reads declared data itself (<see cref="BodySurveyor.ReadsData"/>), asked when it follows calls: the
        /// cross-method pass reads this answer when it decides whether a body waits and, at compilation end, which waiting bodies read data.
        /// </summary>
        public bool ReadsData { get; private set; }

        /// <summary>Operations visited (all of them when the scan follows calls or reads helper calls: it never stops early then).</summary>
        public int Operations { get; private set; }

        // What an assignment to a followed member can store: declared data the value reads itself, a parameter (a method
        // that stores what callers pass), another followed member (what that one holds), or a local or a call's result
        // (the body's own reads decide, later).
        private FieldUse Stored(IOperation value)
        {
            var stored = FieldUse.None;
            foreach (var operation in value.DescendantsAndSelf())
            {
                stored |= operation.Kind switch
                {
                    OperationKind.ParameterReference => CrossMethodPass.IsCapturedParameter(((IParameterReferenceOperation)operation).Parameter, _owner)
                        && _engine.CrossMethod.FollowsField(((IParameterReferenceOperation)operation).Parameter)
                        ? FieldUse.StoresParameter | FieldUse.StoresMember
                        : FieldUse.StoresParameter,
                    OperationKind.FieldReference or OperationKind.PropertyReference
                        when _engine.CrossMethod.FollowsField(((IMemberReferenceOperation)operation).Member) => FieldUse.StoresMember,
                    OperationKind.LocalReference or OperationKind.Invocation => FieldUse.StoresLocal,
                    _ => FieldUse.None,
                };
            }

            return stored | (_engine.Surveyor.ReadsData(value) ? FieldUse.StoresData : FieldUse.None);
        }

        // A member read that is, or is part of, a sink's argument (`Log("{Id}", _lastId)`, `$"…{_lastId}"`), a returned
        // value (`string Current() => _lastId;`), or some other read (`var id = _lastId;`): a body with a sink or a return
        // then waits for the member to hold data (docs/design/value-flow-engine.md, "Fields and auto-properties").
        private FieldUse ReadAt(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current.Kind)
                {
                    case OperationKind.Conversion or OperationKind.Interpolation or OperationKind.InterpolatedString or OperationKind.Binary
                        or OperationKind.ArrayInitializer or OperationKind.ArrayCreation or OperationKind.Argument:
                        continue;
                    case OperationKind.Invocation or OperationKind.ObjectCreation:
                        return _engine.SinkKindsAt(current, _wanted) != SinkKinds.None ? FieldUse.Reads : FieldUse.ReadsElsewhere;
                    case OperationKind.Return:
                        return FieldUse.Returns;
                    default:
                        return FieldUse.ReadsElsewhere;
                }
            }

            return FieldUse.ReadsElsewhere;
        }

        // When following calls every kind is asked once, for both questions (and returned); otherwise only the kinds not found yet.
        private SinkKinds NoteSinks(IOperation operation)
        {
            if (_followCalls)
            {
                var kinds = _engine.SinkKindsAt(operation, _wanted);
                NoteReachable(operation, kinds);
                Sinks |= kinds;
                return kinds;
            }

            if (Sinks != _wanted)
            {
                Sinks |= _engine.SinkKindsAt(operation, _wanted & ~Sinks);
            }

            return SinkKinds.None;
        }

        // The cross-method pass asks which sinks can take what another method brings (SinkDemand): a sink given only literals cannot.
        private void NoteReachable(IOperation operation, SinkKinds kinds)
        {
            kinds &= ~ReachableSinks;
            if (kinds != SinkKinds.None)
            {
                ReachableSinks |= _engine.GraphFree.Reachable(operation, kinds);
            }
        }

        private void NoteRequiredCall(IOperation operation)
        {
            if (!HasRequiredCall && _askRequiredCalls && _engine.Consent.RequiredCall(operation) is not null)
            {
                HasRequiredCall = true;
            }
        }

        // A call's questions read the callee's facts, kept once per method (Analysis/SurveyFacts): what SinkKindsAt and
        // RequiredCall answer for an invocation.
        private void VisitCall(IInvocationOperation call, CalleeFacts facts)
        {
            var method = call.TargetMethod;
            if (!HasRequiredCall && _askRequiredCalls && facts.RequiresConsent)
            {
                HasRequiredCall = true;
            }

            if (_followCalls || Sinks != _wanted)
            {
                var kinds = _engine.SurveyFacts.SinkKindsOf(method, facts) & _wanted;
                if (_followCalls)
                {
                    NoteReachable(call, kinds);
                }

                Sinks |= kinds;
            }

            // Where the body calls a helper and whether it checks consent are read from here, not from walks of their own
            // (docs/design/value-flow-engine.md, "Consent across methods").
            if (_helpers && facts.IsHelper)
            {
                (HelperUses ??= new List<IOperation>()).Add(call);
            }

            // Whether a wrapper is a check costs binding its body: only the calls that may be one are kept, and asked only by a
            // body that needs the answer.
            if ((_helpers || _followCalls) && facts.MayBeCheck(call.Syntax.SyntaxTree))
            {
                (MayCheck ??= new List<IInvocationOperation>()).Add(call);
            }

            if (!_followCalls)
            {
                return;
            }

            // What a waiting body calls is read from here at compilation end, not from a second walk (docs/design/value-flow-engine.md,
            // "Summaries on demand").
            if (facts.Follows)
            {
                CallsFollowed = CallsFollowed || _engine.CrossMethod.CanCarryData(call.TargetMethod);
                (Uses ??= new FollowedUses()).Callees.Add(call.TargetMethod.OriginalDefinition);
            }

            // Registrations sit in other bodies than the sends they configure: every body is surveyed, so each is noted once.
            if (HttpClientRegistrations.MayRegister(call.TargetMethod))
            {
                _engine.HttpClients.Note(call);
            }

            // So are the calls whose result is thrown (`throw Errors.NotFound(p)`, `x ?? throw Errors.NotFound(p)`): an exception factory's callers.
            if (OperationTree.DestinationOf(call).Destination is { Kind: OperationKind.Throw })
            {
                _engine.CrossMethod.NoteThrownResult(call.TargetMethod);
            }
        }

        private void VisitCreation(IObjectCreationOperation creation)
        {
            NoteRequiredCall(creation);
            NoteSinks(creation);
            if (_followCalls && creation.Constructor is { } constructor && _engine.CrossMethod.FollowsConstructor(constructor))
            {
                CallsFollowed = true;
                (Uses ??= new FollowedUses()).Callees.Add(constructor.OriginalDefinition);
            }
        }

        private void VisitMember(IMemberReferenceOperation reference, OperationKind kind, MemberFacts facts)
        {
            if (facts.FollowsField)
            {
                NoteMember(reference, reference.Member.OriginalDefinition);
            }

            if (kind == OperationKind.PropertyReference
                && ((IPropertyReferenceOperation)reference).Property is { GetMethod: { } getter } && facts.FollowsGetter)
            {
                CallsFollowed = true;
                (Uses ??= new FollowedUses()).Callees.Add(getter.OriginalDefinition);
            }
        }

        private void NoteMember(IOperation reference, ISymbol member)
        {
            var use = UseAt(reference);
            Fields |= use;
            var uses = Uses ??= new FollowedUses();
            uses.Members.Add(member);

            // Whatever the value (`_last = current.Label`, a followed getter, sets no flag), an assignment stores.
            var stores = IsAssigned(reference);
            if (stores)
            {
                uses.Stored.Add(member);
            }

            if (!stores || (use & ~FollowedUses.Stores) != 0)
            {
                uses.Read.Add(member);
            }
        }

        // How the body uses a followed member (or a primary constructor's parameter) at this reference: stores into it, reads it.
        private FieldUse UseAt(IOperation reference) => reference.Parent switch
        {
            ISimpleAssignmentOperation assignment when assignment.Target == reference => Stored(assignment.Value),

            // `_trail += id` reads the member and stores into it what is added.
            ICompoundAssignmentOperation compound when compound.Target == reference => Stored(compound.Value) | ReadAt(reference),
            ICoalesceAssignmentOperation coalesce when coalesce.Target == reference => Stored(coalesce.Value) | ReadAt(reference),

            // `(_id, _logger) = (id, logger)`: the member's own element.
            ITupleOperation when OperationTree.DeconstructedValue(reference) is { } element => Stored(element),
            _ => ReadAt(reference),
        };

        // The targets UseAt reads as stores.
        private static bool IsAssigned(IOperation reference) => reference.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == reference,
            ITupleOperation => OperationTree.DeconstructedValue(reference) is not null,
            _ => false,
        };

        // Most parameters a body reads are its member's own: whether any of them may be classified is asked once per body, not of
        // each read (the model reads the member's name each time).
        private bool IsUnclassifiedOwnParameter(IParameterSymbol parameter)
        {
            if (_owner is null || !ReferenceEquals(parameter.ContainingSymbol, _owner))
            {
                return false;
            }

            if (_ownerParameters == 0)
            {
                _ownerParameters = _engine.Model.MayClassifyParameterOf(_owner) ? 2 : 1;
            }

            return _ownerParameters == 1;
        }

        /// <summary>True when nothing more is to be found.</summary>
        /// <remarks>
        /// Every operation of every body comes here: its kind is read once, and only the kinds a question concerns are asked it
        /// (calls and creations, assignments through a setter, member reads, delegates made of a method).
        /// </remarks>
        public bool Visit(IOperation operation)
        {
            var kind = operation.Kind;
            Operations++;
            CalleeFacts? callee = null;
            MemberFacts? member = null;
            switch (kind)
            {
                case OperationKind.Invocation:
                    var call = (IInvocationOperation)operation;
                    VisitCall(call, callee = _engine.SurveyFacts.Of(call.TargetMethod));
                    break;
                case OperationKind.ObjectCreation:
                    VisitCreation((IObjectCreationOperation)operation);
                    break;
                case OperationKind.SimpleAssignment or OperationKind.CompoundAssignment or OperationKind.CoalesceAssignment:
                    // Which of these members the EF Core model stores is known at compilation end (SinkDemand asks it there).
                    if ((NoteSinks(operation) & SinkKinds.EntityMember) != 0 && ((IAssignmentOperation)operation).Target is IPropertyReferenceOperation written)
                    {
                        (EntityWrites ??= new List<IPropertyReferenceOperation>()).Add(written);
                    }

                    break;
                case OperationKind.MethodReference:
                    NoteRequiredCall(operation);
                    if (_helpers && _engine.HelperCalls.IsHelper(((IMethodReferenceOperation)operation).Method))
                    {
                        (HelperUses ??= new List<IOperation>()).Add(operation);
                    }

                    break;
                case OperationKind.FieldReference or OperationKind.PropertyReference when _followCalls:
                    var reference = (IMemberReferenceOperation)operation;
                    VisitMember(reference, kind, member = _engine.SurveyFacts.OfMember(reference.Member));
                    break;

                // A primary constructor's parameter read by a member is followed as a field (docs/design/value-flow-engine.md,
                // "Fields and auto-properties"); only a constructor's parameters are asked.
                case OperationKind.ParameterReference when _followCalls:
                    var parameter = ((IParameterReferenceOperation)operation).Parameter;
                    if (CrossMethodPass.IsCapturedParameter(parameter, _owner) && _engine.CrossMethod.FollowsField(parameter))
                    {
                        NoteMember(operation, parameter.OriginalDefinition);
                    }

                    break;
            }

            // Asked of each operation until one reads data, with the facts just read: the compilation end then walks for where
            // data goes only in a body that reads some (docs/design/value-flow-engine.md, "Summaries on demand").
            if (_followCalls && !ReadsData)
            {
                ReadsData = _engine.Surveyor.ReadsAt(operation, callee, member,
                    kind == OperationKind.ParameterReference && IsUnclassifiedOwnParameter(((IParameterReferenceOperation)operation).Parameter));
            }

            return Sinks == _wanted && (HasRequiredCall || !_askRequiredCalls) && !_followCalls && !_helpers;
        }
    }

    /// <summary>The survey's second walk: data classes wanted and found.</summary>
    private struct DataScan : IOperationScan
    {
        private readonly BodySurveyor _surveyor;
        private DelegateClassifier _classifier;

        public DataScan(ValueFlowEngine engine, DataClasses wanted, Func<SensitiveOrigin, DataClasses> classify)
        {
            _surveyor = engine.Surveyor;
            _classifier = new DelegateClassifier(classify);
            Wanted = wanted;
            Found = DataClasses.None;
        }

        public DataClasses Wanted { get; }

        public DataClasses Found { get; private set; }

        /// <summary>True when every wanted class is found.</summary>
        public bool Visit(IOperation operation)
        {
            Found |= (DataClasses)_surveyor.ClassesAt(operation, ref _classifier);
            return (Found & Wanted) == Wanted;
        }
    }

    private readonly struct DelegateClassifier : IOriginClassifier
    {
        private readonly Func<SensitiveOrigin, DataClasses> _classify;

        public DelegateClassifier(Func<SensitiveOrigin, DataClasses> classify) => _classify = classify;

        public int Classify(SensitiveOrigin origin) => (int)_classify(origin);

        public bool HandedOnly => true;

        // Encrypted or hashed data is no longer readable: it is not "any data" a log or a channel could expose.
        public int Protected(int found) => found & ~(int)DataClasses.Any;
    }
}

/// <summary>Gives a sensitive origin's class bits, for <see cref="BodySurveyor.ClassesAt"/>: data classes, or the consent it needs.</summary>
internal interface IOriginClassifier
{
    int Classify(SensitiveOrigin origin);

    /// <summary>
    /// Whether an object holding sensitive members counts only where it is handed to a call that may show it (the survey, which
    /// decides whether a body needs a graph), rather than wherever it is handed (a scan that must see every use).
    /// </summary>
    bool HandedOnly { get; }

    /// <summary>The bits of <paramref name="found"/> that still count once the data is encrypted or hashed.</summary>
    int Protected(int found);
}

/// <summary>How a body uses the fields and auto-properties the cross-method pass follows.</summary>
[Flags]
internal enum FieldUse : byte
{
    None = 0,

    /// <summary>A sink's argument reads a followed member.</summary>
    Reads = 1,

    /// <summary>A followed member is assigned a value that reads declared data itself.</summary>
    StoresData = 2,

    /// <summary>A followed member is assigned a value built from a parameter.</summary>
    StoresParameter = 4,

    /// <summary>A followed member is assigned a value built from a local or a call's result.</summary>
    StoresLocal = 8,

    /// <summary>A followed member's value is returned.</summary>
    Returns = 16,

    /// <summary>A followed member is read elsewhere than in a sink's argument or a <c>return</c> (into a local, say).</summary>
    ReadsElsewhere = 32,

    /// <summary>A followed member is assigned a value built from another followed member (a primary constructor's parameter included).</summary>
    StoresMember = 64,
}

/// <summary>What the pre-scan found in one body: the sink kinds it calls, whether it calls a member requiring consent, the data classes it touches.</summary>
internal readonly struct BodySurvey
{
    public BodySurvey(SinkKinds sinks, bool hasRequiredCall, DataClasses data, bool callsFollowed = false, int operations = 0, IReadOnlyList<IOperation>? helperUses = null,
        FieldUse fields = FieldUse.None, FollowedUses? uses = null, bool askedChecks = false, IReadOnlyList<IInvocationOperation>? mayCheck = null,
        SinkKinds reachableSinks = SinkKinds.None, bool? readsData = null, IReadOnlyList<IPropertyReferenceOperation>? entityWrites = null)
    {
        EntityWrites = entityWrites;
        ReadsData = readsData;
        ReachableSinks = reachableSinks;
        _askedChecks = askedChecks;
        _mayCheck = mayCheck;
        Uses = uses;
        Fields = fields;
        HelperUses = helperUses;
        Sinks = sinks;
        HasRequiredCall = hasRequiredCall;
        Data = data;
        CallsFollowed = callsFollowed;
        Operations = operations;
    }

    /// <summary>Whether the body reads or assigns a field or auto-property the cross-method pass follows (asked only when some rule reports across methods).</summary>
    public FieldUse Fields { get; }

    /// <summary>The followed callees and members the body uses (asked only when some rule reports across methods); null when none.</summary>
    public FollowedUses? Uses { get; }

    /// <summary>The body's size in operations (counted only when some rule reports across methods).</summary>
    public int Operations { get; }

    /// <summary>
    /// The properties the body sets that an EF Core entity may map (<see cref="SinkKinds.EntityMember"/>), asked when some rule reports
    /// across methods; null when none: whether the model stores one is known at compilation end.
    /// </summary>
    public IReadOnlyList<IPropertyReferenceOperation>? EntityWrites { get; }

    /// <summary>Whether the body reads declared data itself (<see cref="BodySurveyor.ReadsData"/>); null when not asked (asked only when some rule reports across methods).</summary>
    public bool? ReadsData { get; }

    /// <summary>The body calls a method the cross-method pass follows that can take or hand back data (asked only when some rule reports across methods).</summary>
    public bool CallsFollowed { get; }

    public SinkKinds Sinks { get; }

    /// <summary>
    /// The sink kinds of <see cref="Sinks"/> whose data values something can reach, not literals and facts only
    /// (<see cref="GraphFreeChecks.Reachable"/>): where what callers, callees and fields bring can arrive. Worked out when the
    /// survey follows calls; <see cref="Sinks"/> otherwise.
    /// </summary>
    public SinkKinds ReachableSinks { get; }

    /// <summary>The body calls a helper of the compilation (asked only when some rule reads helper call sites).</summary>
    public bool CallsHelper => HelperUses is not null;

    /// <summary>The body's calls of the compilation's helpers and delegates made of one, in walk order; null when none or not asked.</summary>
    public IReadOnlyList<IOperation>? HelperUses { get; }

    private readonly bool _askedChecks;
    private readonly IReadOnlyList<IInvocationOperation>? _mayCheck;

    /// <summary>
    /// Whether the body <paramref name="root"/> calls a consent check, a wrapper of one included: among the calls the survey
    /// kept as possible checks, or, when it did not ask, by a walk.
    /// </summary>
    public bool ChecksConsent(ConsentCatalog consent, IOperation root)
    {
        return _askedChecks ? consent.ChecksAmong(_mayCheck) : consent.ChecksIn(root);
    }

    /// <summary>The body calls or creates something marked [RequiresSeparateConsent] (asked only when some rule wants it).</summary>
    public bool HasRequiredCall { get; }

    /// <summary>Data classes; none when the body calls no sink.</summary>
    public DataClasses Data { get; }

    /// <summary>Whether a sink of <paramref name="sinkKinds"/> and data of <paramref name="dataClasses"/> meet in the body.</summary>
    public bool Meet(SinkKinds sinkKinds, DataClasses dataClasses) => (Sinks & sinkKinds) != 0 && (Data & dataClasses) != 0;
}

/// <summary>
/// What a body uses that the cross-method pass follows, collected by the survey's walk: the methods, getters and constructors
/// it calls and the fields and auto-properties it reads or assigns (original definitions, repeats kept).
/// </summary>
internal sealed class FollowedUses
{
    public List<IMethodSymbol> Callees { get; } = new();

    public List<ISymbol> Members { get; } = new();

    /// <summary>The members of <see cref="Members"/> it assigns.</summary>
    public List<ISymbol> Stored { get; } = new();

    /// <summary>The members of <see cref="Members"/> it reads (a compound assignment both reads and assigns).</summary>
    public List<ISymbol> Read { get; } = new();

    /// <summary>The uses that assign a member.</summary>
    public const FieldUse Stores = FieldUse.StoresData | FieldUse.StoresParameter | FieldUse.StoresLocal | FieldUse.StoresMember;
}
