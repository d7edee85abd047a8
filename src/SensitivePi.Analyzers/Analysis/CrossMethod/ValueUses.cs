using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// Whether a value can go anywhere in a waiting body (docs/design/value-flow-engine.md, "Summaries on demand"): what callers hand
/// it through a parameter, what a callee returns to it, what a followed member holds, or the declared data it reads itself. Each
/// such value is followed up the operation tree, and into the locals it is kept in, to where it goes. It dies where it is compared
/// (`x.Email == email.ToLowerInvariant()`), tested against a pattern that binds nothing (`email is null`), asked a fact of
/// (`email.Length`), named (`nameof(email)`), assigned over, discarded by a statement, or handed to, or called on by, a library method the tables
/// give no effect and no sink (`ArgumentNullException.ThrowIfNull(email)`). It passes on, unjudged, through conversions, `await`,
/// the branches of `?:` and `??`, text made of it, the members read of it and a library call that only propagates it into its
/// result. Where it goes is noted (<see cref="Destinations"/>): a sink of the body, its result, a followed method it is handed to
/// (whose result carries it on), a followed member it is stored into (the object holding the member carries it on), or anywhere
/// else. Those are the taint analysis's own rules (TaintAnalysis.Evaluate, ReadMember, EvaluateInvocation), read for every state
/// at once: a value that goes nowhere leaves nothing in the body's summary. A <see cref="UseScope"/> judges the destinations by
/// what the surveys tell of the rest of the compilation (<see cref="SinkDemand"/>); without one, every destination counts.
/// </summary>
internal static class ValueUses
{
    // A value followed further than this through one chain of operations counts as going anywhere.
    private const int MaxSteps = 64;

    /// <summary>
    /// False when every read of parameter <paramref name="ordinal"/> of <paramref name="method"/> in <paramref name="root"/>
    /// is one where its value dies; true otherwise, and for what is not an ordinary method's plain parameter (a constructor's
    /// are stored or captured, a tuple's elements are numbered apart).
    /// </summary>
    public static bool MayCarry(ValueFlowEngine engine, IMethodSymbol method, IOperation root, int ordinal, UseScope scope = default) =>
        ordinal >= CrossMethodPass.MaxParameters || (Carrying(engine, method, root, scope) & (1UL << ordinal)) != 0;

    /// <summary>
    /// The inputs of <paramref name="method"/> that <see cref="MayCarry"/> answers true for, as a set of ordinals (below
    /// <see cref="CrossMethodPass.MaxParameters"/>; a tuple element's, numbered after the parameters, always), from one walk of
    /// <paramref name="root"/>.
    /// </summary>
    public static ulong Carrying(ValueFlowEngine engine, IMethodSymbol method, IOperation root, UseScope scope = default)
    {
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return ulong.MaxValue;
        }

        var count = method.Parameters.Length;
        var carrying = count >= CrossMethodPass.MaxParameters ? 0UL : ulong.MaxValue << count;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Ordinal < CrossMethodPass.MaxParameters && parameter is not { RefKind: RefKind.None, Type.IsTupleType: false })
            {
                carrying |= 1UL << parameter.Ordinal;
            }
        }

        var scan = new UseScan(engine, Sources.Parameters, method.OriginalDefinition);
        OperationWalk.Walk(root, ref scan);
        var follow = new Follow(engine, new Holders(root), own: false);
        foreach (var (ordinal, reads) in scan.ByParameter())
        {
            if ((carrying & (1UL << ordinal)) == 0 && scope.Counts(follow.Where(reads)))
            {
                carrying |= 1UL << ordinal;
            }
        }

        return carrying;
    }

    /// <summary>
    /// Where what the callers hand any parameter of <paramref name="method"/> goes in <paramref name="root"/>: all of it anywhere
    /// for what is not an ordinary method (a constructor's parameters are stored or captured).
    /// </summary>
    public static Destinations ParametersGo(ValueFlowEngine engine, IMethodSymbol method, IOperation root)
    {
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return Destinations.Everywhere();
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter is not { RefKind: RefKind.None, Type.IsTupleType: false })
            {
                return Destinations.Everywhere();
            }
        }

        // No parameter can bring a caller's data in (a count, a flag, a token): nothing handed to it goes anywhere.
        if (!engine.CrossMethod.TakesData(method.OriginalDefinition))
        {
            return new Destinations();
        }

        var scan = new UseScan(engine, Sources.Parameters, method.OriginalDefinition);
        OperationWalk.Walk(root, ref scan);
        return new Follow(engine, new Holders(root), own: false).Where(scan.Found);
    }

    /// <summary>
    /// Whether what <paramref name="used"/> brings into <paramref name="root"/> can go anywhere: the results of the calls to it
    /// when it is a method (a getter's reads, a constructor's creations), the reads of it when it is a field, an auto-property or
    /// a primary constructor's parameter. True when the body uses it in a way not listed (a method group, an <c>out</c> argument).
    /// </summary>
    public static bool MayCarryFrom(ValueFlowEngine engine, IOperation root, ISymbol used, UseScope scope = default)
    {
        var scan = new UseScan(engine, used is IMethodSymbol ? Sources.Results : Sources.Reads, used.OriginalDefinition);
        OperationWalk.Walk(root, ref scan);
        return scan.Unknown || scan.Found.Count == 0 || scope.Counts(new Follow(engine, new Holders(root), own: false).Where(scan.Found));
    }

    /// <summary>
    /// Whether the declared data <paramref name="root"/> reads itself (<see cref="BodySurveyor.ReadsData"/>) can go anywhere in it:
    /// false when it reads none, or when each value read dies there (`customer.Email == email`). Given a judging <paramref name="scope"/>,
    /// the body's own sinks do not count for it (its own analysis reports those), until a followed method has handed it back.
    /// </summary>
    public static bool DataMayCarry(ValueFlowEngine engine, IOperation root, UseScope scope = default)
    {
        // The scan asks each operation what ReadsData asks it: finding none, the body reads no data (the compilation end asks this only
        // of a waiting body the survey found reading some, docs/design/value-flow-engine.md, "Summaries on demand").
        var scan = new UseScan(engine, Sources.Data, null);
        OperationWalk.Walk(root, ref scan);
        return scan.Unknown
            || (scan.Found.Count != 0 && scope.Counts(new Follow(engine, new Holders(root), own: scope.Demand is not null).Where(scan.Found)));
    }

    /// <summary>Where values go in a body (<see cref="Follow"/>).</summary>
    internal sealed class Destinations
    {
        /// <summary>Somewhere not followed: counts wherever it is asked about (a new record each time: callers may add to it).</summary>
        public static Destinations Everywhere() => new() { Anywhere = true };

        /// <summary>Somewhere not followed further.</summary>
        public bool Anywhere { get; set; }

        /// <summary>A sink of the body (for the body's own data, only once a followed method handed it back).</summary>
        public bool Sink { get; set; }

        /// <summary>The body's result, or its result once a followed method handed it back.</summary>
        public bool Returned { get; set; }

        public bool ReturnedAcross { get; set; }

        /// <summary>Some field or property, followed or not (what counts when nothing judges).</summary>
        public bool Assigned { get; set; }

        /// <summary>The followed methods, getters and constructors it is handed to (what they return is followed on).</summary>
        public HashSet<IMethodSymbol> Calls { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>The followed fields and auto-properties it is stored into.</summary>
        public HashSet<ISymbol> Stores { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>Whether anything at all was noted.</summary>
        public bool Any => Anywhere || Sink || Returned || ReturnedAcross || Assigned || Calls.Count > 0 || Stores.Count > 0;
    }

    /// <summary>
    /// What the pass knows, before any summary, of where values can still matter beyond a body (<see cref="SinkDemand"/>).
    /// </summary>
    internal interface IDemand
    {
        /// <summary>Whether what is handed to <paramref name="callee"/> (any implementation a call may run) can reach a sink beyond its result.</summary>
        bool Feeds(IMethodSymbol callee);

        /// <summary>Whether what <paramref name="method"/> hands back can reach a sink in a caller, or a sink receives its result.</summary>
        bool ResultMatters(IMethodSymbol method);

        /// <summary>Whether what <paramref name="member"/> holds can reach a sink in a body that reads it.</summary>
        bool Demanded(ISymbol member);
    }

    /// <summary>
    /// The body a question is asked of, with the demand that judges where its values go. The default judges nothing: every
    /// destination counts, the body's own sinks included.
    /// </summary>
    internal readonly struct UseScope
    {
        public UseScope(IDemand demand, IMethodSymbol method, bool returnSink)
        {
            Demand = demand;
            Method = method;
            ReturnSink = returnSink;
        }

        public IDemand? Demand { get; }

        public IMethodSymbol? Method { get; }

        /// <summary>Whether the body's result may be a sink itself (an action's returned text).</summary>
        public bool ReturnSink { get; }

        /// <summary>Whether values going to <paramref name="where"/> can matter beyond the body.</summary>
        public bool Counts(Destinations where)
        {
            if (Demand is null)
            {
                return where.Any;
            }

            if (where.Anywhere || where.Sink || (where.ReturnedAcross && ReturnSink)
                || ((where.Returned || where.ReturnedAcross) && Demand.ResultMatters(Method!)))
            {
                return true;
            }

            foreach (var callee in where.Calls)
            {
                if (Demand.Feeds(callee))
                {
                    return true;
                }
            }

            foreach (var member in where.Stores)
            {
                if (Demand.Demanded(member))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private enum Sources
    {
        Parameters,
        Results,
        Reads,
        Data,
    }

    // One walk: the operations where the values asked about appear.
    private struct UseScan : IOperationScan
    {
        private readonly ValueFlowEngine _engine;
        private readonly Sources _sources;
        private readonly ISymbol? _symbol;

        public UseScan(ValueFlowEngine engine, Sources sources, ISymbol? symbol)
        {
            _engine = engine;
            _sources = sources;
            _symbol = symbol;
            Found = new List<IOperation>();
            Unknown = false;
        }

        public List<IOperation> Found { get; }

        /// <summary>The value arrives in a way not followed: it goes somewhere.</summary>
        public bool Unknown { get; private set; }

        public bool Visit(IOperation operation)
        {
            var kind = operation.Kind;
            if (kind == OperationKind.LocalReference)
            {
                // A local of a classified type is a read of its own (`o is Visit v … return v;`): nothing typed gave it the data.
                if (_sources == Sources.Data && _engine.Surveyor.ReadsAt(operation))
                {
                    Found.Add(operation);
                }

                return false;
            }

            switch (_sources)
            {
                case Sources.Parameters:
                    if (kind == OperationKind.ParameterReference
                        && ((IParameterReferenceOperation)operation).Parameter is { Ordinal: < CrossMethodPass.MaxParameters } parameter
                        && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, _symbol))
                    {
                        Found.Add(operation);
                    }

                    break;
                case Sources.Results:
                    VisitResult(operation, kind);
                    break;
                case Sources.Reads:
                    if ((kind is OperationKind.FieldReference or OperationKind.PropertyReference
                            && SymbolEqualityComparer.Default.Equals(((IMemberReferenceOperation)operation).Member.OriginalDefinition, _symbol))
                        || (kind == OperationKind.ParameterReference
                            && SymbolEqualityComparer.Default.Equals(((IParameterReferenceOperation)operation).Parameter.OriginalDefinition, _symbol)))
                    {
                        Found.Add(operation);
                    }

                    break;
                default:
                    // Data declared at an argument (a classified parameter, a renderer) goes where the call takes it (Follow.Goes).
                    if (_engine.Surveyor.ReadsAt(operation))
                    {
                        Found.Add(operation);
                    }

                    break;
            }

            return Unknown;
        }

        private void VisitResult(IOperation operation, OperationKind kind)
        {
            switch (kind)
            {
                case OperationKind.Invocation when Is(((IInvocationOperation)operation).TargetMethod):
                    // What the callee leaves in an out or ref argument is not its result.
                    foreach (var argument in ((IInvocationOperation)operation).Arguments)
                    {
                        Unknown |= argument.Parameter is { RefKind: not RefKind.None };
                    }

                    Found.Add(operation);
                    break;
                case OperationKind.ObjectCreation when ((IObjectCreationOperation)operation).Constructor is { } constructor && Is(constructor):
                    Found.Add(operation);
                    break;
                case OperationKind.PropertyReference when ((IPropertyReferenceOperation)operation).Property.GetMethod is { } getter && Is(getter):
                    Found.Add(operation);
                    break;
                case OperationKind.MethodReference when Is(((IMethodReferenceOperation)operation).Method):
                    Unknown = true;
                    break;
            }
        }

        private readonly bool Is(IMethodSymbol method) => SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, _symbol);

        public readonly IEnumerable<(int Ordinal, List<IOperation> Reads)> ByParameter()
        {
            var byOrdinal = new Dictionary<int, List<IOperation>>();
            foreach (var reference in Found)
            {
                ListIndex.AddAfterLast(byOrdinal, ((IParameterReferenceOperation)reference).Parameter.Ordinal, reference);
            }

            foreach (var pair in byOrdinal)
            {
                yield return (pair.Key, pair.Value);
            }
        }
    }

    // Every local's, parameter's and own or static field's references in a body (a lambda's among them), to follow a value kept in
    // one: walked for only
    // when a value is kept in one, most values going straight to where they go.
    private sealed class Holders
    {
        private readonly IOperation _root;
        private Dictionary<ISymbol, List<IOperation>>? _references;

        public Holders(IOperation root) => _root = root;

        public Dictionary<ISymbol, List<IOperation>> References
        {
            get
            {
                if (_references is null)
                {
                    var scan = new HolderScan(new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default));
                    OperationWalk.Walk(_root, ref scan);
                    _references = scan.References;
                }

                return _references;
            }
        }

        private readonly struct HolderScan : IOperationScan
        {
            public HolderScan(Dictionary<ISymbol, List<IOperation>> references) => References = references;

            public Dictionary<ISymbol, List<IOperation>> References { get; }

            public bool Visit(IOperation operation)
            {
                switch (operation.Kind)
                {
                    case OperationKind.LocalReference:
                        ListIndex.AddAfterLast(References, ((ILocalReferenceOperation)operation).Local, operation);
                        break;
                    case OperationKind.ParameterReference:
                        ListIndex.AddAfterLast(References, ((IParameterReferenceOperation)operation).Parameter, operation);
                        break;
                    case OperationKind.FieldReference when ((IFieldReferenceOperation)operation).Instance is null or IInstanceReferenceOperation:
                        ListIndex.AddAfterLast(References, ((IFieldReferenceOperation)operation).Field.OriginalDefinition, operation);
                        break;
                }

                return false;
            }
        }
    }

    // Follows values to where they go, through the locals they are kept in (each local's references followed once per question,
    // and once more if a followed method's result brings the body's own data back to it), and notes where they go.
    private readonly struct Follow
    {
        private readonly ValueFlowEngine _engine;
        private readonly Holders _locals;
        private readonly bool _own;

        public Follow(ValueFlowEngine engine, Holders locals, bool own)
        {
            _engine = engine;
            _locals = locals;
            _own = own;
        }

        public Destinations Where(List<IOperation> values)
        {
            // The body's own declared data at its own sinks is its own analysis's report: such a sink counts only for what
            // another method brings, or for the data once a followed method has handed it back ("across").
            var where = new Destinations();
            var kept = new List<(ISymbol Local, bool Across)>();
            foreach (var value in values)
            {
                if (Goes(value, !_own, where, kept, depth: 0))
                {
                    return where;
                }
            }

            // A local is followed once, whatever number of values it is given (twice at most, when one came back across); the
            // list only grows, and ends.
            var followed = new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
            for (var i = 0; i < kept.Count; i++)
            {
                var (local, across) = kept[i];
                if (followed.TryGetValue(local, out var wasAcross) && (wasAcross || !across))
                {
                    continue;
                }

                followed[local] = across;
                if (_locals.References.TryGetValue(local, out var references))
                {
                    foreach (var reference in references)
                    {
                        if (Goes(reference, across, where, kept, depth: 0))
                        {
                            return where;
                        }
                    }
                }
            }

            return where;
        }

        // Notes where the value of `operation` goes; true when it goes anywhere (nothing more to learn). The locals it is kept in
        // are added to `kept`.
        private bool Goes(IOperation operation, bool across, Destinations where, List<(ISymbol Local, bool Across)> kept, int depth)
        {
            // An argument that is a read itself (an object handed whole to a followed method, `customer.MapTo<Customer, Model>()`;
            // a classified parameter's): what it passes goes where the call takes it.
            if (operation is IArgumentOperation { Parameter.RefKind: RefKind.None } argument)
            {
                if (HandedWhole(argument) is { } callee)
                {
                    where.Calls.Add(callee);
                    return false;
                }

                operation = argument.Value;
            }

            var value = operation;
            for (var step = 0; step < MaxSteps; step++)
            {
                var parent = value.Parent;
                switch (parent)
                {
                    case IConversionOperation { OperatorMethod: null }:
                    case IAwaitOperation:
                    case ICoalesceOperation:
                    case IInterpolatedStringOperation:
                    case IInterpolationOperation interpolation when interpolation.Expression == value:
                    case IFieldReferenceOperation field when field.Instance == value:
                        break;
                    case IObjectCreationOperation creation when creation.Initializer == value:
                    case IWithOperation copy when copy.Initializer == value:
                    case IAnonymousObjectCreationOperation:
                    case IArrayInitializerOperation:
                    case IArrayCreationOperation array when array.Initializer == value:
                        // The object or array an initializer fills carries what it is given (a `params` argument's array too).
                        break;
                    case IConditionalOperation conditional:
                        if (conditional.Condition == value)
                        {
                            return false;
                        }

                        break;
                    case IUnaryOperation unary:
                        if (unary.OperatorMethod is not null)
                        {
                            return where.Anywhere = true;
                        }

                        if (TransferCatalog.IsFactType(unary.Type))
                        {
                            return false;
                        }

                        break;
                    case IForEachLoopOperation loop when loop.Collection == value:
                        // Each element is the loop variable's.
                        if (loop.LoopControlVariable is not IVariableDeclaratorOperation { Symbol.RefKind: RefKind.None } element)
                        {
                            return where.Anywhere = true;
                        }

                        kept.Add((element.Symbol, across));
                        return false;
                    case IBinaryOperation binary:
                        if (binary.Type?.SpecialType == SpecialType.System_Boolean
                            && (binary.OperatorMethod is null || binary.OperatorMethod.ContainingType?.SpecialType == SpecialType.System_String))
                        {
                            return false;
                        }

                        if (binary.OperatorMethod is not null)
                        {
                            return where.Anywhere = true;
                        }

                        break;
                    case IPropertyReferenceOperation read when read.Instance == value:
                        if (TransferCatalog.IsFact(read.Property, read.Type))
                        {
                            return false;
                        }

                        // A computed property's getter is a followed method; the part of the value read is followed on.
                        if (_engine.CrossMethod.FollowsGetter(read.Property))
                        {
                            where.Calls.Add(read.Property.GetMethod!.OriginalDefinition);
                        }

                        break;
                    case IInvocationOperation call when call.Instance == value:
                        if (Call(call, value, ref across, where, kept) is var onCall && onCall != Outcome.PassesOn)
                        {
                            return onCall == Outcome.Goes;
                        }

                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IInvocationOperation argumentOf }:
                        if (Call(argumentOf, value, ref across, where, kept) is var onArgument && onArgument != Outcome.PassesOn)
                        {
                            return onArgument == Outcome.Goes;
                        }

                        parent = argumentOf;
                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IObjectCreationOperation { Constructor: { } constructor } creation }
                        when _engine.CrossMethod.FollowsConstructor(constructor):
                        // A constructor of the compilation: the object built carries the value on, across.
                        where.Calls.Add(constructor.OriginalDefinition);
                        across = true;
                        parent = creation;
                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IObjectCreationOperation { Constructor: { } libraryConstructor } libraryCreation }
                        when !CrossMethodPass.HasOutOrRef(libraryConstructor) && _engine.SinkKindsAt(libraryCreation, SinkKindSet.Every) == SinkKinds.None:
                        // Any other constructor (a library's, `new Claim(type, email)`): the object built carries the value on, as the
                        // taint analysis gives an object what its arguments hold; a sink or an out parameter takes it anywhere (default).
                        parent = libraryCreation;
                        break;
                    case IIsPatternOperation test:
                        if (test.Value == value && BindsNothing(test.Pattern))
                        {
                            return false;
                        }

                        return where.Anywhere = true;
                    case INameOfOperation:
                    case IExpressionStatementOperation:
                    case IInvalidOperation:
                        // The taint analysis gives what it does not understand (code that does not bind) no value.
                        return false;
                    case IAssignmentOperation assignment and (ISimpleAssignmentOperation or ICompoundAssignmentOperation or ICoalesceAssignmentOperation):
                        if (assignment.Target == value)
                        {
                            return assignment is not ISimpleAssignmentOperation && (where.Anywhere = true);
                        }

                        if (assignment.Target is ILocalReferenceOperation { Local.RefKind: RefKind.None } local)
                        {
                            kept.Add((local.Local, across));
                        }
                        else if (assignment.Target is IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter })
                        {
                            // A parameter assigned over is a local from then on; a primary constructor's is a field its members read.
                            if (_engine.CrossMethod.FollowsField(parameter))
                            {
                                where.Stores.Add(parameter.OriginalDefinition);
                            }

                            kept.Add((parameter, across));
                        }
                        else if (assignment.Target is not IMemberReferenceOperation member || Stored(member, assignment, across, where, kept, depth))
                        {
                            return where.Anywhere = true;
                        }

                        // An initializer's member: the object built was followed on from there (Stored).
                        if (assignment.Parent is IExpressionStatementOperation or IObjectOrCollectionInitializerOperation or IAnonymousObjectCreationOperation)
                        {
                            return false;
                        }

                        break;
                    case IConditionalAccessOperation access when access.Operation == value:
                        // `value?.Trim()`: the value is what the access's instance stands for in the rest of it.
                        if (ConditionalInstance(access) is not { } instance)
                        {
                            return where.Anywhere = true;
                        }

                        value = instance;
                        continue;
                    case IConditionalAccessOperation access when access.WhenNotNull == value:
                        break;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.RefKind: RefKind.None } declarator }:
                        kept.Add((declarator.Symbol, across));
                        return false;
                    case IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldReturn } returned:
                        var function = EnclosingFunction(returned);
                        if (function is null)
                        {
                            if (across)
                            {
                                where.ReturnedAcross = true;
                            }
                            else
                            {
                                where.Returned = true;
                            }

                            return false;
                        }

                        // What a lambda given to a library call returns is that call's result (`ids.Select(id => id.Trim())`).
                        if (LibraryCallOf(function) is not { } library)
                        {
                            return where.Anywhere = true;
                        }

                        if (TransferCatalog.IsFact(library.TargetMethod, library.TargetMethod.ReturnType))
                        {
                            return false;
                        }

                        parent = library;
                        break;
                    default:
                        return where.Anywhere = true;
                }

                value = parent;
            }

            return where.Anywhere = true;
        }

        // The followed method an object is handed whole to (CrossMethodPass.HandsWholeObject, as ReadsAt asks it): the taint
        // analysis gives the object no taint of its own, so what its type holds reaches only that callee's sinks (a call fact naming
        // the type), and nothing of it comes back in the call's result. Null for any other argument, and for a callee that is also a
        // sink, has an effect in the tables or an out or ref parameter.
        private IMethodSymbol? HandedWhole(IArgumentOperation argument)
        {
            if (argument is not { Parent: IInvocationOperation { TargetMethod: { MethodKind: MethodKind.Ordinary } method }, Parameter: { } parameter }
                || _engine.CrossMethod.HandsBackThroughArguments(method)
                || !_engine.CrossMethod.HandsWholeObject(parameter, OperationTree.WithoutConversions(argument.Value).Type))
            {
                return null;
            }

            var facts = _engine.SurveyFacts.Of(method);
            return facts is { Follows: true, Effect: CallEffect.None } && _engine.SurveyFacts.SinkKindsOf(method, facts) == SinkKinds.None
                ? method.OriginalDefinition
                : null;
        }

        // A value assigned to a member (not a local): true when it goes anywhere from there. A followed member is noted; one
        // classified itself holds data of its own, which its reads bring; a field or auto-property of this compilation that is
        // not followed is read by no other body's summary. A property with a setter of its own, or of a library, may do anything.
        // What holds the member is followed on in the body: a field of this object or a static one (the taint analysis keeps it
        // as a local), a local, a parameter's object, the object an initializer builds; another object (a member's) takes the
        // value anywhere.
        private bool Stored(IMemberReferenceOperation target, IAssignmentOperation assignment, bool across, Destinations where, List<(ISymbol Local, bool Across)> kept, int depth)
        {
            where.Assigned = true;
            var member = target.Member.OriginalDefinition;

            // A member the EF Core model stores is a sink of the at-rest rules (SinkKind.EntityMember): what another method brings
            // reaches it there. Asked at compilation end, when the model is complete: a view model's or a DTO's member is none
            // (docs/design/value-flow-engine.md, "The entity model").
            if (across && _engine.Entities is { } entities && target is IPropertyReferenceOperation { Property: var written }
                && (target.Instance?.Type ?? written.ContainingType) is INamedTypeSymbol type
                && _engine.SinkKindsAt(assignment, SinkKinds.EntityMember) != SinkKinds.None && entities.MemberStorageOf(type, written) is not null)
            {
                where.Sink = true;
            }

            // An anonymous object's member is only the object's (`new { id = value }`).
            if (_engine.Model.GetMemberOrigin(member) is null && member.ContainingType is not { IsAnonymousType: true })
            {
                if (_engine.CrossMethod.FollowsField(member))
                {
                    where.Stores.Add(member);
                }
                else if (!ReferenceEquals(member.ContainingAssembly, _engine.Compilation.Assembly)
                    || member is not (IFieldSymbol or IPropertySymbol { IsIndexer: false })
                    || (member is IPropertySymbol property && !_engine.CrossMethod.IsAutoProperty(property)))
                {
                    return true;
                }
            }

            switch (target.Instance)
            {
                case null:
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    // A field of this object, or a static one, is a local inside the body to the taint analysis: its uses here
                    // are followed.
                    if (target is IFieldReferenceOperation { Field: var field })
                    {
                        kept.Add((field.OriginalDefinition, across));
                    }

                    return false;
                case ILocalReferenceOperation { Local.RefKind: RefKind.None } holder:
                    kept.Add((holder.Local, across));
                    return false;
                case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } holder }:
                    // The caller's object: no summary says what its members are given; the body's own uses of it are followed.
                    kept.Add((holder, across));
                    return false;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                    when assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation or IWithOperation } initializer:
                    return !StackGuard.MayDescend(depth) || Goes(initializer, across, where, kept, depth + 1);
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } when assignment.Parent is IAnonymousObjectCreationOperation:
                    // An anonymous object's member: the object itself is the assignment's parent.
                    return !StackGuard.MayDescend(depth) || Goes(assignment, across, where, kept, depth + 1);
                default:
                    return true;
            }
        }

        // The operation that stands for a conditional access's receiver in the rest of it (`.Trim()` of `value?.Trim()`), outside
        // nested accesses' own rests; null if there is none.
        private static IOperation? ConditionalInstance(IConditionalAccessOperation access)
        {
            var pending = new Stack<IOperation>();
            pending.Push(access.WhenNotNull);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current.Kind == OperationKind.ConditionalAccessInstance)
                {
                    return current;
                }

                foreach (var child in current.ChildOperations)
                {
                    if (current is IConditionalAccessOperation nested && child == nested.WhenNotNull)
                    {
                        continue;
                    }

                    pending.Push(child);
                }
            }

            return null;
        }

        // The lambda or local function a `return` belongs to, or null when it is the body's own.
        private static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current.Kind is OperationKind.AnonymousFunction or OperationKind.LocalFunction)
                {
                    return current;
                }
            }

            return null;
        }

        // The library call a lambda is given to, where the call only propagates or projects (its result carries what the lambda
        // returns): null otherwise.
        private IInvocationOperation? LibraryCallOf(IOperation function)
        {
            if (function is not IAnonymousFunctionOperation { Parent: IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation call } } })
            {
                return null;
            }

            var facts = _engine.SurveyFacts.Of(call.TargetMethod);
            return call.TargetMethod.MethodKind == MethodKind.Ordinary && !facts.Follows && facts.Origin is null
                && facts.Effect is CallEffect.Propagates or CallEffect.Projects
                && _engine.SurveyFacts.SinkKindsOf(call.TargetMethod, facts) == SinkKinds.None
                ? call
                : null;
        }

        // The elements of `value`, a library call's source (its receiver, or an extension method's first argument), are what the
        // lambdas it is given receive: their parameters are followed on. False when a delegate argument is not a lambda, or the
        // value is another argument.
        private static bool HandsElementsToLambdas(IInvocationOperation call, IOperation value, bool across, List<(ISymbol Local, bool Across)> kept)
        {
            var source = call.Instance == value
                || (call.Instance is null && value.Parent is IArgumentOperation { Parameter.Ordinal: 0 } first && first.Parent == call);
            if (!source)
            {
                return false;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { RefKind: RefKind.Out or RefKind.Ref })
                {
                    return false;
                }

                if (argument.Value.Type is { TypeKind: TypeKind.Delegate } && argument.Value is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation })
                {
                    return false;
                }
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                {
                    foreach (var parameter in lambda.Symbol.Parameters)
                    {
                        kept.Add((parameter, across));
                    }
                }
            }

            return true;
        }

        // A library call the tables give no effect (or a mask) and no sink: its result carries nothing of its inputs, and it puts
        // them nowhere. One that only propagates hands them on to its result, unless that result is a fact; one that hands them
        // to a lambda or an out or ref argument (`ids.All(id => …)`, `claims.TryGetValue("id", out var v)`) passes the elements on.
        // A followed method is noted, and what it returns is followed on, across; a value it is called on is not handed to it (its
        // summary has no `this`), and its result is the method's own.
        private Outcome Call(IInvocationOperation call, IOperation value, ref bool across, Destinations where, List<(ISymbol Local, bool Across)> kept)
        {
            var method = call.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary)
            {
                where.Anywhere = true;
                return Outcome.Goes;
            }

            var facts = _engine.SurveyFacts.Of(method);
            var sinks = _engine.SurveyFacts.SinkKindsOf(method, facts);
            if (facts.Follows)
            {
                if (_engine.CrossMethod.HandsBackThroughArguments(method))
                {
                    where.Anywhere = true;
                    return Outcome.Goes;
                }

                if (call.Instance != value)
                {
                    where.Calls.Add(method.OriginalDefinition);
                }

                // A followed method the tables also describe (a project's own interface named in a row) does what the row
                // says as well: judged below as a library call.
                if (sinks == SinkKinds.None && facts.Effect == CallEffect.None)
                {
                    if (call.Instance == value || !CrossMethodPass.MayCarryData(method.ReturnType))
                    {
                        return Outcome.Dies;
                    }

                    across = true;
                    return Outcome.PassesOn;
                }
            }

            if (facts.Origin is not null)
            {
                where.Anywhere = true;
                return Outcome.Goes;
            }

            if (sinks != SinkKinds.None)
            {
                // The body's own data at its own sink is its own analysis's report; a sink whose result carries its input on is
                // followed on.
                if (across)
                {
                    where.Sink = true;
                    return Outcome.Dies;
                }

                if (facts.Effect is CallEffect.None or CallEffect.Sanitizes)
                {
                    return Outcome.Dies;
                }

                // A sink the row names by its shape may still carry its input on (`JsonSerializer.Serialize(dto)` into its text, a
                // stream, `upload.CopyToAsync(memory)`): the value goes on from there.
                if (facts.Effect != CallEffect.Propagates || !HandsOnNothing(call))
                {
                    where.Anywhere = true;
                    return Outcome.Goes;
                }

                return TransferCatalog.IsFact(method, method.ReturnType) ? Outcome.Dies : Outcome.PassesOn;
            }

            if (facts.Effect is CallEffect.None or CallEffect.Sanitizes)
            {
                return Outcome.Dies;
            }

            // `names.Add(id)`, `text.Append(id)`: the value goes into the receiver, a local or parameter followed on; the
            // call's result carries the receiver (a builder's is itself).
            if (facts.Effect == CallEffect.PropagatesIntoReceiver && HandsOnNothing(call))
            {
                switch (call.Instance)
                {
                    case var receiver when receiver == value:
                        break;
                    case ILocalReferenceOperation { Local.RefKind: RefKind.None } local:
                        kept.Add((local.Local, across));
                        break;
                    case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }:
                        kept.Add((parameter, across));

                        // A builder or list the caller handed the method to fill: the value goes back to the caller, as a result does.
                        if (parameter.ContainingSymbol is IMethodSymbol { MethodKind: not (MethodKind.AnonymousFunction or MethodKind.LocalFunction) }
                            && _engine.CrossMethod.IsFilled(parameter))
                        {
                            where.Returned = true;
                        }

                        break;
                    default:
                        where.Anywhere = true;
                        return Outcome.Goes;
                }

                return TransferCatalog.IsFact(method, method.ReturnType) ? Outcome.Dies : Outcome.PassesOn;
            }

            // `ids.Where(id => …)`, `ids.Select(id => …)`: the lambdas get the elements; a projection's result is what they
            // return (followed from their `return`), a filter's the elements themselves.
            if (facts.Effect is CallEffect.Propagates or CallEffect.Projects && !HandsOnNothing(call) && HandsElementsToLambdas(call, value, across, kept))
            {
                return facts.Effect == CallEffect.Projects || TransferCatalog.IsFact(method, method.ReturnType) ? Outcome.Dies : Outcome.PassesOn;
            }

            if (facts.Effect != CallEffect.Propagates || !HandsOnNothing(call))
            {
                where.Anywhere = true;
                return Outcome.Goes;
            }

            return TransferCatalog.IsFact(method, method.ReturnType) ? Outcome.Dies : Outcome.PassesOn;
        }

        private static bool HandsOnNothing(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { RefKind: RefKind.Out or RefKind.Ref } || argument.Value.Type is { TypeKind: TypeKind.Delegate })
                {
                    return false;
                }
            }

            return true;
        }

        private static bool BindsNothing(IPatternOperation pattern)
        {
            foreach (var part in pattern.DescendantsAndSelf())
            {
                if (part is IDeclarationPatternOperation or IRecursivePatternOperation { DeclaredSymbol: not null } or IListPatternOperation { DeclaredSymbol: not null }
                    or ISlicePatternOperation)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private enum Outcome
    {
        Dies,
        PassesOn,
        Goes,
    }
}
