using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// Questions the usual shapes of code answer without a control-flow graph, each sound for every state the
/// graph's analyses could reach: a sink call whose own shape decides it, consent guards at the top of a body.
/// Rules use them to skip the graph (docs/design/value-flow-engine.md, "Sink calls decided by their shape" and
/// "Guards at the top of a body").
/// </summary>
internal sealed class GraphFreeChecks
{
    private readonly ValueFlowEngine _engine;

    public GraphFreeChecks(ValueFlowEngine engine) => _engine = engine;

    /// <summary>
    /// Whether every call of a <paramref name="kind"/> sink in the body satisfies <paramref name="accepts"/>, which
    /// must hold whatever flows into the call; a property whose setter is such a sink answers no. A creation of such
    /// a sink (an exception's constructor) is judged by <paramref name="acceptsCreation"/>, and answers no without it.
    /// Lambdas and local functions are searched too.
    /// </summary>
    public bool EverySinkCall(IOperation root, SinkKind kind, Func<IInvocationOperation, SinkMatch, bool> accepts, Func<IObjectCreationOperation, SinkMatch, bool>? acceptsCreation = null)
    {
        var scan = new SinkCallScan(_engine, kind, accepts, acceptsCreation);
        return !OperationWalk.Walk(root, ref scan);
    }

    /// <summary>
    /// The kinds among <paramref name="kinds"/>, those <paramref name="operation"/> is a sink of, whose data values something can
    /// reach: a sink given only literals and facts (`throw new ArgumentException("Empty", nameof(id))`, `Log("Started")`) takes
    /// nothing another method brings (docs/design/value-flow-engine.md, "Bodies no finding can pass through"). A member the cross-method pass
    /// follows, or a getter it follows, is no fact here: other methods store into it. Other operations keep every kind.
    /// </summary>
    public SinkKinds Reachable(IOperation operation, SinkKinds kinds)
    {
        switch (operation.Kind)
        {
            case OperationKind.Invocation or OperationKind.ObjectCreation:
                var reachable = SinkKinds.None;
                foreach (var kind in SinkKindSet.All)
                {
                    if (kinds.Contains(kind) && !TakesNoData(operation, kind))
                    {
                        reachable |= SinkKindSet.Of(kind);
                    }
                }

                return reachable;
            case OperationKind.SimpleAssignment or OperationKind.CompoundAssignment or OperationKind.CoalesceAssignment:
                return IsInert(((IAssignmentOperation)operation).Value, acrossMethods: true) ? SinkKinds.None : kinds;
            default:
                return kinds;
        }
    }

    // A sink the tables do not match for the kind (a receiver it does not accept) answers no: only a match's data values are known.
    private bool TakesNoData(IOperation operation, SinkKind kind) => operation switch
    {
        IInvocationOperation call => _engine.Sinks.Match(call.TargetMethod, kind) is { } sink && AllInert(MethodAnalysis.DataValues(call, sink)),
        IObjectCreationOperation { Constructor: { } constructor } creation => _engine.Sinks.Match(constructor, kind) is { } sink
            && AllInert(MethodAnalysis.DataValues(creation.Arguments, sink)),
        _ => false,
    };

    private bool AllInert(System.Collections.Generic.IEnumerable<SinkDataValue> values)
    {
        foreach (var data in values)
        {
            if (!IsInert(data.Value, acrossMethods: true))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the taint analysis of a body that reads no sensitive value itself (<see cref="BodySurveyor.ReadsData"/>) can find nothing at
    /// a sink of <paramref name="kinds"/>. No value of such a body carries data, so a sink could only be shown classified members by a
    /// value's type (<see cref="MethodAnalysis.ShownByType"/>, asked of every sink call, creation and setter here, with and without a
    /// template's destructuring). A serialiser's call answers no (the text it returns carries what a created object is given), and so
    /// does a copy by name (docs/design/value-flow-engine.md, "Bodies that read no data").
    /// </summary>
    public bool ShowsNoContainer(IOperation root, SinkKinds kinds)
    {
        var scan = new ContainerSinkScan(_engine, kinds, MethodAnalysis.Unreached(_engine, root, kinds));
        return !OperationWalk.Walk(root, ref scan);
    }

    /// <summary>Whether no sensitive value can reach a data argument of <paramref name="creation"/> (as <see cref="TakesNoData(IInvocationOperation, SinkMatch)"/>).</summary>
    public bool TakesNoData(IObjectCreationOperation creation, SinkMatch sink)
    {
        foreach (var data in MethodAnalysis.DataValues(creation.Arguments, sink))
        {
            if (!IsInert(data.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether no sensitive value can reach a data argument of <paramref name="call"/>, a sink of
    /// <paramref name="sink"/>, in any state of the taint analysis: each is a literal, or a read of an
    /// unclassified member that yields a fact (bool, enum, a length) or has an inert receiver, no operation in it is
    /// of an annotated type, and no argument's type holds sensitive members. Locals, parameters and tracked fields
    /// depend on the flow and answer no. The values are those <see cref="MethodAnalysis.DataValues"/> gives the
    /// graph's check.
    /// </summary>
    public bool TakesNoData(IInvocationOperation call, SinkMatch sink)
    {
        foreach (var data in MethodAnalysis.DataValues(call, sink))
        {
            if (!IsInert(data.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether consent is shown, without a graph, for all the data of a body that needs it (its Consent-based
    /// categories, the guardian's for MinorUnder14, the Biometric consent for raw samples): the member's own bits
    /// (<paramref name="entryMask"/>) and the guard statements at the top level of its block
    /// (<c>if (!HasSeparateConsent(…)) return;</c>, a throwing check) cover the categories of the data read by every
    /// top-level statement after them. Control reaches a top-level statement only through those before it, so the
    /// guard analysis would find the same bits there. Data read before its guard, a lambda or local function (they
    /// start from the member's bits wherever they are created) and a top-level label (a goto could pass a guard by)
    /// answer no; so does a body that is not a method's block. Calls that themselves require consent are the
    /// caller's to leave to the graph.
    /// </summary>
    public bool ShowsConsentThroughout(IOperation root, int entryMask)
    {
        if (root is not IMethodBodyOperation { BlockBody: { } block, ExpressionBody: null })
        {
            return false;
        }

        var granted = entryMask;
        foreach (var statement in block.Operations)
        {
            if (statement is ILabeledOperation)
            {
                return false;
            }

            var needs = new ConsentNeedScan(_engine.Surveyor, granted);
            if (OperationWalk.Walk(statement, ref needs))
            {
                return false;
            }

            granted |= ConsentGuardAnalysis.GrantedAfter(statement, _engine.Consent);
        }

        return true;
    }

    private bool IsInert(IOperation value, bool acrossMethods = false)
    {
        var type = OperationTree.WithoutConversions(value).Type;
        return _engine.Model.GetContainedOrigins(type).IsEmpty && _engine.Model.GetContainedOrigins(type, destructuredByLogger: true).IsEmpty
            && _engine.Model.GetPrintedOrigins(type).IsEmpty && CarriesNothing(value, depth: 0, acrossMethods);
    }

    // The taint analysis's own rules (TaintAnalysis.Evaluate and ReadMember), read for every state at once. Every
    // operation whose type is annotated is sensitive there, at every level: `this` in an annotated class, a cast's
    // operand, a receiver, a conversion into an annotated parameter type.
    private bool CarriesNothing(IOperation value, int depth, bool acrossMethods)
    {
        var model = _engine.Model;
        if (!StackGuard.MayDescend(depth) || (value.Type is { } type && model.GetTypeOrigin(type) is not null))
        {
            return false;
        }

        switch (value.Kind)
        {
            case OperationKind.Literal or OperationKind.DefaultValue or OperationKind.TypeOf or OperationKind.SizeOf
                or OperationKind.NameOf or OperationKind.InstanceReference:
                return true;
            case OperationKind.Conversion:
                return CarriesNothing(((IConversionOperation)value).Operand, depth + 1, acrossMethods);
            case OperationKind.FieldReference or OperationKind.PropertyReference:
                var reference = (IMemberReferenceOperation)value;
                if (model.GetMemberOrigin(reference.Member) is not null
                    || reference is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation }
                    || (acrossMethods && (_engine.CrossMethod.FollowsField(reference.Member)
                        || (reference.Member is IPropertySymbol property && _engine.CrossMethod.FollowsGetter(property)))))
                {
                    return false;
                }

                return reference.Instance is null || TransferCatalog.IsFact(reference.Member, reference.Type) || CarriesNothing(reference.Instance, depth + 1, acrossMethods);
            default:
                return false;
        }
    }

    /// <summary>A walk of <see cref="EverySinkCall"/>: stops, answering no, at a sink call or creation not accepted.</summary>
    private readonly struct SinkCallScan : IOperationScan
    {
        private readonly ValueFlowEngine _engine;
        private readonly SinkKind _kind;
        private readonly Func<IInvocationOperation, SinkMatch, bool> _accepts;
        private readonly Func<IObjectCreationOperation, SinkMatch, bool>? _acceptsCreation;

        public SinkCallScan(ValueFlowEngine engine, SinkKind kind, Func<IInvocationOperation, SinkMatch, bool> accepts, Func<IObjectCreationOperation, SinkMatch, bool>? acceptsCreation)
        {
            _engine = engine;
            _kind = kind;
            _accepts = accepts;
            _acceptsCreation = acceptsCreation;
        }

        public bool Visit(IOperation operation)
        {
            if (_engine.SinkKindsAt(operation, SinkKindSet.Of(_kind)) == SinkKinds.None)
            {
                return false;
            }

            return operation.Kind switch
            {
                OperationKind.Invocation => !(_engine.Sinks.Match(((IInvocationOperation)operation).TargetMethod, _kind) is { } sink && _accepts((IInvocationOperation)operation, sink)),
                OperationKind.ObjectCreation when _acceptsCreation is not null => !(((IObjectCreationOperation)operation).Constructor is { } constructor
                    && _engine.Sinks.Match(constructor, _kind) is { } match && _acceptsCreation((IObjectCreationOperation)operation, match)),
                _ => true,
            };
        }
    }

    /// <summary>A walk of <see cref="ShowsNoContainer"/>: stops, answering no, at a serialiser's call or a sink that may be shown a container.</summary>
    private readonly struct ContainerSinkScan : IOperationScan
    {
        private readonly ValueFlowEngine _engine;
        private readonly SinkKinds _kinds;
        private readonly MethodAnalysis _shown;

        public ContainerSinkScan(ValueFlowEngine engine, SinkKinds kinds, MethodAnalysis shown)
        {
            _engine = engine;
            _kinds = kinds;
            _shown = shown;
        }

        public bool Visit(IOperation operation)
        {
            IMethodSymbol? method;
            switch (operation.Kind)
            {
                case OperationKind.Invocation:
                    method = ((IInvocationOperation)operation).TargetMethod;
                    if (_engine.SurveyFacts.Of(method).Effect == CallEffect.Renders)
                    {
                        return true;
                    }

                    break;
                case OperationKind.ObjectCreation:
                    method = ((IObjectCreationOperation)operation).Constructor;
                    break;
                case OperationKind.SimpleAssignment or OperationKind.CompoundAssignment or OperationKind.CoalesceAssignment:
                    method = (((IAssignmentOperation)operation).Target as IPropertyReferenceOperation)?.Property.SetMethod;
                    break;

                // Values the graph makes that no operation of the tree has the type of: a loop's element converted to the
                // variable's type or deconstructed (`foreach (object r in records)`), a positional pattern's parts
                // (`entry is Referral(var hospital, _)`), a list pattern's elements. Of an annotated type, they are data there.
                case OperationKind.Loop when operation is IForEachLoopOperation loop:
                    return ElementIsAnnotated(loop);
                case OperationKind.RecursivePattern:
                    return _engine.Model.GetTypeOrigin(((IRecursivePatternOperation)operation).MatchedType) is not null;
                case OperationKind.ListPattern or OperationKind.SlicePattern:
                    return true;
                default:
                    return false;
            }

            // Every call is asked, a constructor initializer's (`: base(record)`) too: the graph's replay checks those as well.
            var found = method is null ? SinkKinds.None : _engine.SinkKindsOf(method) & _kinds;
            if (found == SinkKinds.None)
            {
                return false;
            }

            foreach (var kind in SinkKindSet.All)
            {
                if (found.Contains(kind) && (_engine.Sinks.Match(method, kind) is not { } sink || MayShowContainer(operation, sink)))
                {
                    return true;
                }
            }

            return false;
        }

        // The values MethodAnalysis.CheckSink, CheckCreation and CheckSetter check, where the sink accepts the receiver (the tree's
        // receiver is what the graph's capture stands for).
        private bool MayShowContainer(IOperation operation, SinkMatch sink)
        {
            if (sink.Entry is { CopiesByName: true })
            {
                return true;
            }

            switch (operation)
            {
                case IAssignmentOperation { Target: IPropertyReferenceOperation target } assignment:
                    return Accepts(sink, target.Instance) && Shows(assignment.Value, sink, destructured: false);
                case IInvocationOperation call:
                    if (!Accepts(sink, call.Instance))
                    {
                        return false;
                    }

                    var destructures = MethodAnalysis.DestructuresAnyHole(call);
                    foreach (var data in MethodAnalysis.DataValues(call, sink))
                    {
                        if (Shows(data.Value, sink, destructured: false) || (destructures && Shows(data.Value, sink, destructured: true)))
                        {
                            return true;
                        }
                    }

                    return false;
                case IObjectCreationOperation creation:
                    foreach (var data in MethodAnalysis.DataValues(creation.Arguments, sink))
                    {
                        if (Shows(data.Value, sink, destructured: false))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return true;
            }
        }

        // The tree's receiver stands for what the graph's capture does only where the graph keeps it as it is: a receiver reached
        // through `?.`, `?:` or `??` is a capture there, resolved to a branch's value, and an initializer's implicit receiver
        // (`new InvalidOperationException("…") { Data = { ["visit"] = visit } }`) is the initialized member, so both are taken as
        // accepted.
        private static bool Accepts(SinkMatch sink, IOperation? receiver) =>
            receiver is null || OperationTree.WithoutConversions(receiver) is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
                or IPropertyReferenceOperation or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                ? sink.AcceptsReceiver(receiver, receiver)
                : true;

        // The element type a loop's enumerator hands out (`Current`), read from the tree's own semantic model.
        private bool ElementIsAnnotated(IForEachLoopOperation loop) =>
            loop.Syntax is not CommonForEachStatementSyntax statement || loop.SemanticModel is not { } model
            || _engine.Model.GetTypeOrigin(model.GetForEachStatementInfo(statement).ElementType) is not null;

        private bool Shows(IOperation value, SinkMatch sink, bool destructured) =>
            !_shown.ShownByType(value, OperationTree.WithoutConversions(value).Type, sink, destructured, out _, out _).IsEmpty;
    }

    /// <summary>A walk of <see cref="ShowsConsentThroughout"/>: stops, answering no, at data needing consent bits not granted, or at a lambda or local function.</summary>
    private struct ConsentNeedScan : IOperationScan
    {
        private readonly BodySurveyor _surveyor;
        private readonly int _granted;
        private ConsentNeed _need;

        public ConsentNeedScan(BodySurveyor surveyor, int granted)
        {
            _surveyor = surveyor;
            _granted = granted;
            _need = default;
        }

        public bool Visit(IOperation operation) =>
            operation.Kind is OperationKind.AnonymousFunction or OperationKind.LocalFunction
            || (_surveyor.ClassesAt(operation, ref _need) & ~_granted) != 0;
    }

    // The consent bits a sensitive origin's use needs: its category's (the guardian's for MinorUnder14) when it is
    // Consent-based; a raw sample, the Biometric bit, whatever its basis.
    private readonly struct ConsentNeed : IOriginClassifier
    {
        public int Classify(SensitiveOrigin origin) =>
            (origin.LegalBasis != PiLegalBasis.Consent ? 0 : ConsentCatalog.NeededBit(origin.Category))
            | (origin.IsRawSample ? ConsentCatalog.NeededBit(PiCategory.Biometric) : 0);

        // Encrypted personal information is still processed: it needs the same consent.
        public int Protected(int found) => found;

        // Processing needs consent wherever the data goes, shown there or not.
        public bool HandedOnly => false;
    }
}
