using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SensitivePi.Analyzers.Engine;

/// <summary>
/// The value-flow engine of one compilation: the sensitivity model, the sink and transfer tables, and the
/// survey the value-flow analyzer runs on each body before any taint analysis. Created in a
/// compilation-start action, held by its closure only.
/// </summary>
internal sealed class ValueFlowEngine
{
    private readonly ConcurrentDictionary<IMethodSymbol, int> _sinkKinds = new(SymbolEqualityComparer.Default);

    private ValueFlowEngine(Compilation compilation, KnownSymbols symbols)
    {
        Model = new SensitivityModel(compilation, symbols);
        Transfers = new TransferCatalog(compilation, symbols);
        Sinks = new SinkCatalog(compilation);
        Consent = new ConsentCatalog(symbols);
    }

    public ConsentCatalog Consent { get; }

    public SensitivityModel Model { get; }

    public TransferCatalog Transfers { get; }

    public SinkCatalog Sinks { get; }

    /// <summary>
    /// The engine, or <see langword="null"/> when the compilation does not reference the annotations or
    /// classifies nothing (<see cref="AnnotationUsage"/>): then no rule has anything to find.
    /// </summary>
    public static ValueFlowEngine? TryCreate(Compilation compilation, CancellationToken cancellationToken = default) =>
        KnownSymbols.TryCreate(compilation) is { } symbols && AnnotationUsage.MayClassify(compilation, symbols, cancellationToken)
            ? new ValueFlowEngine(compilation, symbols)
            : null;

    /// <summary>
    /// Whether <paramref name="blocks"/>[<paramref name="index"/>] is the first of a member's operation blocks
    /// under a root that has a control-flow graph (<paramref name="root"/>). Attributes are blocks without
    /// one; a body and a constructor initializer share one root, and one graph serves both. No allocation:
    /// this runs for every member.
    /// </summary>
    internal static bool IsFirstOfGraphRoot(ImmutableArray<IOperation> blocks, int index, out IOperation root)
    {
        root = RootOf(blocks[index]);
        if (!HasControlFlowGraph(root))
        {
            return false;
        }

        for (var earlier = 0; earlier < index; earlier++)
        {
            if (RootOf(blocks[earlier]) == root)
            {
                return false;
            }
        }

        return true;
    }

    internal static IOperation RootOf(IOperation block)
    {
        var root = block;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return root;
    }

    /// <summary>The bit of <paramref name="kind"/> in a set of sink kinds.</summary>
    internal static int SinkBit(SinkKind kind) => 1 << (int)kind;

    /// <summary>
    /// The pre-scan for one question: whether the block calls a sink of this kind and touches something
    /// sensitive that <paramref name="relevant"/> accepts (anything when null).
    /// </summary>
    internal bool MayReachSink(IOperation block, SinkKind kind, Func<SensitiveOrigin, bool>? relevant = null)
    {
        var survey = Survey(block, SinkBit(kind), extra: null, origin => relevant is null || relevant(origin) ? 1 : 0, wantedData: _ => 1);
        return survey.Sinks != 0 && survey.Data != 0;
    }

    /// <summary>
    /// The pre-scan: which sinks of <paramref name="sinkKinds"/> a block calls, whether <paramref name="extra"/>
    /// holds for one of its operations (a call that needs consent), and, when it calls a sink, which classes
    /// of sensitive data it touches (an annotated member, parameter or return value, or a value whose type holds
    /// one; not a value handed straight to a sanitizer): <paramref name="classify"/> gives an origin's class bits. A block needs a control-flow graph only
    /// when a rule's sinks and data meet in it.
    /// </summary>
    internal BodySurvey Survey(IOperation block, int sinkKinds, Func<IOperation, bool>? extra, Func<SensitiveOrigin, int> classify, Func<int, int> wantedData)
    {
        // Sinks are few and cheap to recognise, sensitive data costs symbol lookups on every operation: so
        // only a body that calls a sink is searched for sensitive data, in a second walk.
        var calls = new CallScan(this, sinkKinds, extra);
        Walk(block, ref calls, depth: 0);

        // Only the data classes some rule of the sinks found reports are looked for.
        var data = new DataScan(this, calls.Sinks == 0 ? 0 : wantedData(calls.Sinks), classify);
        if (data.Wanted != 0)
        {
            Walk(block, ref data, depth: 0);
        }

        return new BodySurvey(calls.Sinks, calls.HasExtra, data.Found);
    }

    /// <summary>
    /// Whether consent is shown, without a graph, for all the data of a body that needs it (SPI003, SPI005) and for
    /// its raw biometric samples (SPI006): the member's own bits (<paramref name="entryMask"/>) and the guard
    /// statements at the top level of its block (<c>if (!HasSeparateConsent(…)) return;</c>, a throwing check)
    /// cover the categories of the data read by every top-level statement after them. Control reaches a
    /// top-level statement only through those before it, so the guard analysis would find the same bits there.
    /// Data read before its guard, a lambda or local function (they start from the member's bits wherever they
    /// are created) and a top-level label (a goto could pass a guard by) answer no; so does a body that is not a
    /// method's block. Calls that themselves require consent are left to the graph (the survey's extra question).
    /// </summary>
    internal bool ShowsConsentThroughout(IOperation root, int entryMask)
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

            var needs = new ConsentNeedScan(this, granted);
            if (Walk(statement, ref needs, depth: 0))
            {
                return false;
            }

            granted |= ConsentGuardAnalysis.GrantedAfter(statement, Consent);
        }

        return true;
    }

    /// <summary>
    /// Whether every call of a <paramref name="kind"/> sink in the body satisfies <paramref name="accepts"/>, which
    /// must hold whatever flows into the call; a property whose setter is such a sink answers no. Lambdas and local
    /// functions are searched too. Lets a rule whose every sink call is decided by its own shape skip the graph.
    /// </summary>
    internal bool EverySinkCall(IOperation root, SinkKind kind, Func<IInvocationOperation, SinkMatch, bool> accepts)
    {
        var scan = new SinkCallScan(this, kind, accepts);
        return !Walk(root, ref scan, depth: 0);
    }

    /// <summary>
    /// Whether no sensitive value can reach a data argument of <paramref name="call"/>, a sink of
    /// <paramref name="sink"/>, in any state of the taint analysis: each is a literal, or a read of an
    /// unclassified member that yields a fact (bool, enum, a length) or has an inert receiver, no operation in it is
    /// of an annotated type, and no argument's type holds sensitive members. Locals, parameters and tracked fields
    /// depend on the flow and answer no. The values are those <see cref="MethodAnalysis.DataValues"/> gives the
    /// graph's check.
    /// </summary>
    internal bool TakesNoData(IInvocationOperation call, SinkMatch sink)
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

    private bool IsInert(IOperation value)
    {
        var type = TaintAnalysis.WithoutConversions(value).Type;
        return Model.GetContainedOrigins(type).IsEmpty && Model.GetPrintedOrigins(type).IsEmpty && CarriesNothing(value);
    }

    // The taint analysis's own rules (TaintAnalysis.Evaluate and ReadMember), read for every state at once. Every
    // operation whose type is annotated is sensitive there, at every level: `this` in an annotated class, a cast's
    // operand, a receiver, a conversion into an annotated parameter type.
    private bool CarriesNothing(IOperation value)
    {
        if (value.Type is { } type && Model.GetTypeOrigin(type) is not null)
        {
            return false;
        }

        switch (value.Kind)
        {
            case OperationKind.Literal or OperationKind.DefaultValue or OperationKind.TypeOf or OperationKind.SizeOf
                or OperationKind.NameOf or OperationKind.InstanceReference:
                return true;
            case OperationKind.Conversion:
                return CarriesNothing(((IConversionOperation)value).Operand);
            case OperationKind.FieldReference or OperationKind.PropertyReference:
                var reference = (IMemberReferenceOperation)value;
                if (Model.GetMemberOrigin(reference.Member) is not null
                    || reference is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation })
                {
                    return false;
                }

                return reference.Instance is null || TransferCatalog.IsFact(reference.Member, reference.Type) || CarriesNothing(reference.Instance);
            default:
                return false;
        }
    }

    // The consent bits a sensitive origin's use needs: its category's (the guardian's for MinorUnder14) when it is
    // Consent-based; a raw sample, the Biometric bit, whatever its basis (SPI006's condition).
    internal static readonly Func<SensitiveOrigin, int> ConsentNeedOf = origin =>
        (origin.LegalBasis != PiLegalBasis.Consent ? 0 : ConsentCatalog.NeededBit(origin.Category))
        | (origin.IsRawSample ? ConsentCatalog.Bit(PiCategory.Biometric) : 0);

    // Both walks recurse over ChildOperations: every body of every member is walked, and the library's
    // descendant iterator costs an allocation and interface calls per step. Past MaxRecursion levels (a
    // concatenation of thousands of terms nests that deep) the iterator, whose stack is on the heap, takes
    // over the subtree: a stack overflow would end the build, not only this analyzer. Both orders are pre-order.
    // A struct scan keeps the per-operation call direct.
    private const int MaxRecursion = 256;

    private static bool Walk<TScan>(IOperation operation, ref TScan scan, int depth)
        where TScan : struct, ISurveyScan
    {
        if (scan.Visit(operation))
        {
            return true;
        }

        if (depth == MaxRecursion)
        {
            foreach (var descendant in operation.Descendants())
            {
                if (scan.Visit(descendant))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (Walk(child, ref scan, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    // One operation of the first walk: the sink kinds its call or property assignment adds.
    internal int SinkKindsAt(IOperation operation, int kinds)
    {
        var method = operation.Kind switch
        {
            OperationKind.Invocation => ((IInvocationOperation)operation).TargetMethod,
            OperationKind.SimpleAssignment or OperationKind.CompoundAssignment or OperationKind.CoalesceAssignment
                => ((IAssignmentOperation)operation).Target is IPropertyReferenceOperation { Property.SetMethod: { } setter } ? setter : null,
            _ => null,
        };
        return method is null ? 0 : SinkKindsOf(method, kinds);
    }

    // Every call of every body is asked this: one lookup for all kinds rather than one per kind.
    private int SinkKindsOf(IMethodSymbol method, int kinds)
    {
        var key = method.MethodKind == MethodKind.DelegateInvoke ? method : method.ReducedFrom ?? method.OriginalDefinition;
        var all = _sinkKinds.TryGetValue(key, out var cached) ? cached : _sinkKinds.GetOrAdd(key, AllSinkKindsOf(key));
        return all & kinds;
    }

    private int AllSinkKindsOf(IMethodSymbol method)
    {
        var found = 0;
        for (var kind = SinkKind.Logging; kind <= SinkKind.Storage; kind++)
        {
            if (Sinks.Match(method, kind) is not null)
            {
                found |= SinkBit(kind);
            }
        }

        return found;
    }

    // Switches on Kind first: every operation of every surveyed body comes here, and a type test against an
    // operation interface scans the class's interface map (the profile's largest item in this method).
    internal int DataClasses(IOperation operation, Func<SensitiveOrigin, int> classify)
    {
        var found = 0;
        switch (operation.Kind)
        {
            case OperationKind.Invocation:
                var invocation = (IInvocationOperation)operation;
                found |= Classes(Model.GetMemberOrigin(invocation.TargetMethod), classify);
                if (invocation.Instance is { } receiver)
                {
                    found |= ContainerClasses(receiver, printedOnly: true, classify);
                }

                break;
            case OperationKind.FieldReference or OperationKind.PropertyReference or OperationKind.EventReference or OperationKind.MethodReference:
                found |= Classes(Model.GetMemberOrigin(((IMemberReferenceOperation)operation).Member), classify);
                break;
            case OperationKind.ParameterReference:
                found |= Classes(Model.GetMemberOrigin(((IParameterReferenceOperation)operation).Parameter), classify);
                break;

            // An object holding sensitive members matters only where it is handed over whole (to a sink
            // or serialiser) or turned into text; merely reading other members of it does not. A callee's
            // classified out or ref parameter hands sensitive data back.
            case OperationKind.Argument:
                var argument = (IArgumentOperation)operation;
                if (!IsSanitizerCall(argument.Parent))
                {
                    found |= ContainerClasses(argument.Value, printedOnly: false, classify);
                }

                if (argument.Parameter is { RefKind: RefKind.Out or RefKind.Ref } written)
                {
                    found |= Classes(Model.GetMemberOrigin(written), classify);
                }

                break;
            case OperationKind.ArrayInitializer when operation.Parent is IArrayCreationOperation { Parent: IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray } }:
                foreach (var element in ((IArrayInitializerOperation)operation).ElementValues)
                {
                    found |= ContainerClasses(element, printedOnly: false, classify);
                }

                break;
            case OperationKind.Interpolation:
                found |= ContainerClasses(((IInterpolationOperation)operation).Expression, printedOnly: true, classify);
                break;
            case OperationKind.Binary when operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                found |= ContainerClasses(binary.LeftOperand, printedOnly: true, classify)
                    | ContainerClasses(binary.RightOperand, printedOnly: true, classify);
                break;
        }

        if (operation.Type is { } type)
        {
            found |= Classes(Model.GetTypeOrigin(type), classify);
        }

        // Compliant code masks where it reads (`PiMask.IdCardNumber(p.IdNumber)`): a value handed straight to a
        // sanitizer carries nothing past it (the taint analysis gives the call no taint whatever goes in), so
        // such a body needs no graph on its account. Asked last: most operations find nothing anyway.
        return found != 0 && IsSanitizerInput(operation) ? 0 : found;
    }

    private bool IsSanitizerInput(IOperation operation)
    {
        var value = operation;
        while (value.Parent is { Kind: OperationKind.Conversion } conversion)
        {
            value = conversion;
        }

        return value.Parent is { Kind: OperationKind.Argument } argument && IsSanitizerCall(argument.Parent);
    }

    private bool IsSanitizerCall(IOperation? operation) =>
        operation is { Kind: OperationKind.Invocation } && Transfers.GetEffect(((IInvocationOperation)operation).TargetMethod) == CallEffect.Sanitizes;

    private static int Classes(SensitiveOrigin? origin, Func<SensitiveOrigin, int> classify) =>
        origin is null ? 0 : classify(origin);

    private int ContainerClasses(IOperation value, bool printedOnly, Func<SensitiveOrigin, int> classify)
    {
        var type = TaintAnalysis.WithoutConversions(value).Type;
        var found = 0;
        foreach (var origin in printedOnly ? Model.GetPrintedOrigins(type) : Model.GetContainedOrigins(type))
        {
            found |= classify(origin);
        }

        return found;
    }

    internal static bool HasControlFlowGraph(IOperation block) =>
        block.Kind is OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.Block
            or OperationKind.FieldInitializer or OperationKind.PropertyInitializer or OperationKind.ParameterInitializer;
}

/// <summary>One walk of the survey: <see cref="Visit"/> is called for each operation, pre-order, until it returns true.</summary>
internal interface ISurveyScan
{
    bool Visit(IOperation operation);
}

/// <summary>The survey's first walk: sink kinds wanted and found, and the extra question.</summary>
internal struct CallScan : ISurveyScan
{
    private readonly ValueFlowEngine _engine;

    public CallScan(ValueFlowEngine engine, int wanted, Func<IOperation, bool>? extra)
    {
        _engine = engine;
        Wanted = wanted;
        Extra = extra;
        Sinks = 0;
        HasExtra = false;
    }

    public int Wanted { get; }

    public Func<IOperation, bool>? Extra { get; }

    public int Sinks { get; private set; }

    public bool HasExtra { get; private set; }

    /// <summary>True when nothing more is to be found.</summary>
    public bool Visit(IOperation operation)
    {
        if (!HasExtra && Extra is not null && Extra(operation))
        {
            HasExtra = true;
        }

        if (Sinks != Wanted)
        {
            Sinks |= _engine.SinkKindsAt(operation, Wanted & ~Sinks);
        }

        return Sinks == Wanted && (HasExtra || Extra is null);
    }
}

/// <summary>The survey's second walk: data classes wanted and found.</summary>
internal struct DataScan : ISurveyScan
{
    private readonly ValueFlowEngine _engine;

    public DataScan(ValueFlowEngine engine, int wanted, Func<SensitiveOrigin, int> classify)
    {
        _engine = engine;
        Wanted = wanted;
        Classify = classify;
        Found = 0;
    }

    public int Wanted { get; }

    public Func<SensitiveOrigin, int> Classify { get; }

    public int Found { get; private set; }

    /// <summary>True when every wanted class is found.</summary>
    public bool Visit(IOperation operation)
    {
        Found |= _engine.DataClasses(operation, Classify);
        return (Found & Wanted) == Wanted;
    }
}

/// <summary>A walk of <see cref="ValueFlowEngine.EverySinkCall"/>: stops, answering no, at a sink call not accepted.</summary>
internal struct SinkCallScan : ISurveyScan
{
    private readonly ValueFlowEngine _engine;
    private readonly SinkKind _kind;
    private readonly Func<IInvocationOperation, SinkMatch, bool> _accepts;

    public SinkCallScan(ValueFlowEngine engine, SinkKind kind, Func<IInvocationOperation, SinkMatch, bool> accepts)
    {
        _engine = engine;
        _kind = kind;
        _accepts = accepts;
    }

    public bool Visit(IOperation operation) =>
        _engine.SinkKindsAt(operation, ValueFlowEngine.SinkBit(_kind)) != 0
        && !(operation.Kind == OperationKind.Invocation && operation is IInvocationOperation call
            && _engine.Sinks.Match(call.TargetMethod, _kind) is { } sink && _accepts(call, sink));
}

/// <summary>
/// A walk of <see cref="ValueFlowEngine.ShowsConsentThroughout"/>: stops, answering no, at data needing consent
/// bits not granted, or at a lambda or local function.
/// </summary>
internal struct ConsentNeedScan : ISurveyScan
{
    private readonly ValueFlowEngine _engine;
    private readonly int _granted;

    public ConsentNeedScan(ValueFlowEngine engine, int granted)
    {
        _engine = engine;
        _granted = granted;
    }

    public bool Visit(IOperation operation) =>
        operation.Kind is OperationKind.AnonymousFunction or OperationKind.LocalFunction
        || (_engine.DataClasses(operation, ValueFlowEngine.ConsentNeedOf) & ~_granted) != 0;
}

/// <summary>What the pre-scan found in one body: the sink kinds it calls, whether the extra question held, the data classes it touches.</summary>
internal readonly struct BodySurvey
{
    public BodySurvey(int sinks, bool hasExtra, int data)
    {
        Sinks = sinks;
        HasExtra = hasExtra;
        Data = data;
    }

    /// <summary>Sink kinds, as <see cref="ValueFlowEngine.SinkBit"/> bits.</summary>
    public int Sinks { get; }

    public bool HasExtra { get; }

    /// <summary>Data classes, as the classifier's bits; none when the body calls no sink.</summary>
    public int Data { get; }

    /// <summary>Whether a sink of <paramref name="sinkKinds"/> and data of <paramref name="dataClasses"/> meet in the body.</summary>
    public bool Meet(int sinkKinds, int dataClasses) => (Sinks & sinkKinds) != 0 && (Data & dataClasses) != 0;
}
