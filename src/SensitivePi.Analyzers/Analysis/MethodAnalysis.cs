using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// The analysis of one method body with its lambdas and local functions: what the taint analyses of its
/// graphs recorded (expression taints, concatenations, rendered values, sink hits), as data the rules query.
/// </summary>
internal sealed class MethodAnalysis
{
    // A local function called from several places is re-analysed when a caller brings new data; the
    // bound keeps mutually recursive local functions from ping-ponging.
    private const int MaxRunsPerLocalFunction = 4;

    private readonly SinkKinds _kinds;
    // Null only in an analysis of a body no sensitive value can reach a sink in (Unreached), which records nothing.
    private readonly ControlFlowGraph? _rootGraph;

    // The member's whole operation tree (not a graph's rewritten copy).
    private readonly IOperation _root;
    private readonly Dictionary<SyntaxNode, Taint> _taints = new();
    private readonly HashSet<SyntaxNode> _concatenations = new();
    private readonly HashSet<SyntaxNode> _rendered = new();
    private ValueDefinitions? _definitions;
    private readonly Dictionary<(SyntaxNode Node, SinkKind Kind), SinkHit> _hits = new();

    // Copies by name (`SetValues(form)`), apart: only what reads the EF Core model judges them (CopyHits).
    private Dictionary<SyntaxNode, SinkHit>? _copyHits;
    private readonly Dictionary<IMethodSymbol, LocalFunction> _localFunctions = new(SymbolEqualityComparer.Default);
    private readonly Queue<LocalFunction> _pendingLocalFunctions = new();
    private readonly Dictionary<CaptureId, IOperation> _captures = new();
    private Dictionary<(object Location, SinkKind Kind), Taint>? _deliveredThroughSetters;
    private List<CallFact>? _calls;
    private Dictionary<ISymbol, Taint>? _stores;
    private Dictionary<int, Taint>? _outs;
    private Dictionary<int, bool>? _assigned;
    private System.Func<IOperation, int>? _consentAt;

    private MethodAnalysis(ValueFlowEngine engine, SinkKinds kinds, ControlFlowGraph rootGraph)
    {
        Engine = engine;
        _kinds = kinds;
        _rootGraph = rootGraph;
        _root = rootGraph.OriginalOperation;
    }

    private MethodAnalysis(ValueFlowEngine engine, SinkKinds kinds, IOperation root)
    {
        Engine = engine;
        _kinds = kinds;
        _root = root;
    }

    // Hits are made only while a graph is replayed.
    private ControlFlowGraph RootGraph => _rootGraph!;

    public ValueFlowEngine Engine { get; }

    /// <summary>
    /// Analyses <paramref name="graph"/> (the body of <paramref name="owner"/>) once and returns where sensitive
    /// data reaches sinks of any of <paramref name="kinds"/>.
    /// </summary>
    public static IReadOnlyCollection<SinkHit> Run(ValueFlowEngine engine, ControlFlowGraph graph, ISymbol owner, params SinkKind[] kinds)
    {
        var set = SinkKinds.None;
        foreach (var kind in kinds)
        {
            set |= SinkKindSet.Of(kind);
        }

        return Analyze(engine, graph, owner, set).Hits;
    }

    /// <summary>
    /// Analyses <paramref name="graph"/> (the body of <paramref name="owner"/>) once: the results rules query are
    /// the sink hits of <paramref name="kinds"/> and the taint recorded for each expression.
    /// </summary>
    public static MethodAnalysis Analyze(ValueFlowEngine engine, ControlFlowGraph graph, ISymbol owner, SinkKinds kinds)
    {
        var analysis = new MethodAnalysis(engine, kinds, graph);
        var entry = TaintState.Empty.Locations.ToBuilder();
        if (owner is IMethodSymbol method)
        {
            analysis.SeedParameters(method, entry);
        }

        new TaintAnalysis(analysis, graph, new TaintState(entry.ToImmutable()), depth: 0).Analyze();
        analysis.AnalyzeLocalFunctions();
        return analysis;
    }

    /// <summary>
    /// The analysis of a body whose taint analysis could find nothing (<see cref="GraphFreeChecks.ShowsNoContainer"/> of a body that
    /// reads no data): no hit, no value recorded, and no graph built for it.
    /// </summary>
    public static MethodAnalysis Unreached(ValueFlowEngine engine, IOperation root, SinkKinds kinds) => new(engine, kinds, root);

    /// <summary>
    /// The summarising run of a body for the cross-method pass: as <see cref="Analyze"/>, with each parameter
    /// holding a placeholder for what callers pass, and each call to a method the pass follows returning a
    /// placeholder for what it returns; the calls, the returned value and the hits are the body's
    /// <see cref="MethodFacts"/>.
    /// </summary>
    public static MethodAnalysis Summarize(ValueFlowEngine engine, ControlFlowGraph graph, IMethodSymbol owner, SinkKinds kinds, System.Func<IOperation, int>? consentAt = null)
    {
        var analysis = new MethodAnalysis(engine, kinds, graph) { IsSummarizing = true, Summarized = owner, _consentAt = consentAt };

        analysis._returnSink = ReturnSinkOf(owner, kinds);

        var entry = TaintState.Empty.Locations.ToBuilder();
        analysis.SeedParameters(owner, entry);
        foreach (var parameter in owner.Parameters)
        {
            if (parameter.RefKind != RefKind.Out && engine.CrossMethod.MayBringData(parameter.Type))
            {
                entry[parameter] = TaintState.Get(entry, parameter).Union(Taint.Of(SensitiveOrigin.ParameterPlaceholder(parameter)));
            }
        }

        // Each element of a tuple parameter holds what the caller's element holds: `row.Id` is not `row.Name`.
        // A tuple parameter classified itself keeps its classification in every element.
        foreach (var (ordinal, element, input) in CrossMethodPass.TupleParts(owner))
        {
            var parameter = owner.Parameters[ordinal];
            if (entry.ContainsKey(parameter))
            {
                entry[new PartLocation(parameter, "Item" + (element + 1))] =
                    TaintState.Get(entry, parameter).Declared().Union(Taint.Of(SensitiveOrigin.ParameterPartPlaceholder(parameter, input)));
            }
        }

        var root = new TaintAnalysis(analysis, graph, new TaintState(entry.ToImmutable()), depth: 0);
        root.Analyze();
        analysis.AnalyzeLocalFunctions();
        analysis.Returned = root.Returned;
        return analysis;
    }

    // The sink a summarised controller action's returned values reach (Summarize), or null.
    private SinkMatch? _returnSink;

    /// <summary>
    /// The sink what <paramref name="owner"/> returns reaches, or null. What a controller action returns, the framework writes to
    /// the client: a callee's text returned there is data displayed (docs/design/value-flow-engine.md, "Across methods"). The
    /// declared type is asked first: only text is followed, and most summarised methods are no actions.
    /// </summary>
    public static SinkMatch? ReturnSinkOf(IMethodSymbol owner, SinkKinds kinds) =>
        kinds.Contains(SinkKind.Response) && EntryPoints.ResultType(owner) is { } result
            && EntryPoints.WrittenType(result).SpecialType == SpecialType.System_String && EntryPoints.ReturnsToClient(owner)
            ? new SinkMatch(SinkKind.Response, owner.ContainingType.Name + "." + owner.Name, null, ImmutableArray<IParameterSymbol>.Empty)
            : null;

    /// <summary>
    /// Called during a summarising replay for each value the summarised body itself returns (not its lambdas' or local
    /// functions'): a controller action's returned text is a sink for what callees and fields bring; declared data the
    /// body reads itself is its own report.
    /// </summary>
    public void RecordReturn(IOperation value, Taint taint)
    {
        // Declared data the action reads itself is its own report (one per returned value); what the action's own callers pass
        // it is not sent by it (another action calling it as a method sends nothing to the client through it).
        if (_returnSink is not { } sink || !taint.Declared().IsEmpty || (taint = taint.Where(origin => origin.Kind != OriginKind.Parameter)).IsEmpty)
        {
            return;
        }

        // Text is written as it is. An object is serialised, and only its members are written: what its constructor was given
        // says nothing of them (a response model built from an entity), and one whose type holds classified members is the
        // action's own report.
        var written = OperationTree.WithoutConversions(value);
        if (written.Type?.SpecialType != SpecialType.System_String)
        {
            return;
        }

        if (!_hits.TryGetValue((written.Syntax, sink.Kind), out var hit))
        {
            hit = new SinkHit(written.Syntax, value, sink, acceptsString: true, RootGraph);
            _hits.Add((written.Syntax, sink.Kind), hit);
        }

        hit.Add(taint, isContainer: false);
    }

    /// <summary>Whether this is a summarising run (<see cref="Summarize"/>).</summary>
    public bool IsSummarizing { get; private set; }

    /// <summary>The method a summarising run summarises.</summary>
    public IMethodSymbol? Summarized { get; private set; }

    /// <summary>What the body returns (summarising runs).</summary>
    public Taint Returned { get; private set; } = Taint.Empty;

    /// <summary>The calls to methods the cross-method pass follows (summarising runs).</summary>
    public IReadOnlyList<CallFact> Calls => (IReadOnlyList<CallFact>?)_calls ?? System.Array.Empty<CallFact>();

    /// <summary>What the body assigns to the fields and auto-properties the pass follows (summarising runs), joined per member.</summary>
    public IReadOnlyCollection<KeyValuePair<ISymbol, Taint>> Stores =>
        (IReadOnlyCollection<KeyValuePair<ISymbol, Taint>>?)_stores ?? System.Array.Empty<KeyValuePair<ISymbol, Taint>>();

    /// <summary>What the body leaves in each <c>out</c> or <c>ref</c> parameter when it completes (summarising runs), by ordinal.</summary>
    public IReadOnlyCollection<KeyValuePair<int, Taint>> Outs =>
        (IReadOnlyCollection<KeyValuePair<int, Taint>>?)_outs ?? System.Array.Empty<KeyValuePair<int, Taint>>();

    /// <summary>Called during a summarising replay where the body completes, for each of its <c>out</c> and <c>ref</c> parameters.</summary>
    public void RecordOut(IParameterSymbol parameter, Taint value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        _outs ??= new Dictionary<int, Taint>();
        _outs[parameter.Ordinal] = _outs.TryGetValue(parameter.Ordinal, out var known) ? known.Union(value) : value;
    }

    /// <summary>
    /// Called during a summarising replay where the body completes, for each parameter whose object the body may fill
    /// (<see cref="CrossMethodPass.IsFilled"/>) holding more than what its caller passed: recorded as what the body leaves
    /// there, unless the body assigns the parameter (what it fills then is another object).
    /// </summary>
    public void RecordFilled(IParameterSymbol parameter, Taint value)
    {
        var added = value.Where(origin => !(origin.Kind == OriginKind.Parameter && origin.Part < 0 && SymbolEqualityComparer.Default.Equals(origin.Symbol, parameter)));
        if (added.IsEmpty || Assigns(parameter))
        {
            return;
        }

        RecordOut(parameter, added);
    }

    // Whether the body (its lambdas and local functions included) assigns the parameter or passes it by reference.
    private bool Assigns(IParameterSymbol parameter)
    {
        if (_assigned is not null && _assigned.TryGetValue(parameter.Ordinal, out var known))
        {
            return known;
        }

        var assigns = false;
        foreach (var operation in _root.Descendants())
        {
            if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter)
                && OperationTree.IsWritten(reference))
            {
                assigns = true;
                break;
            }
        }

        (_assigned ??= new Dictionary<int, bool>())[parameter.Ordinal] = assigns;
        return assigns;
    }

    /// <summary>Called during a summarising replay for each assignment to a field or auto-property the pass follows.</summary>
    public void RecordStore(ISymbol member, Taint value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        _stores ??= new Dictionary<ISymbol, Taint>(SymbolEqualityComparer.Default);
        _stores[member] = _stores.TryGetValue(member, out var known) ? known.Union(value) : value;
    }

    /// <summary>Called during a summarising replay for each call the cross-method pass follows, after its arguments were evaluated.</summary>
    public void RecordCall(IInvocationOperation invocation, System.Func<IOperation, int, Taint?>? partOf = null) =>
        RecordCall(invocation.TargetMethod, invocation.Arguments, invocation, partOf);

    /// <summary>
    /// As <see cref="RecordCall(IInvocationOperation, System.Func{IOperation, int, Taint?}?)"/>, for a call or a creation (a
    /// constructor the pass follows). <paramref name="partOf"/> gives what one element of a tuple argument holds where that is
    /// known (a tuple built in place, a local whose elements are tracked); otherwise an element holds the whole argument.
    /// </summary>
    public void RecordCall(IMethodSymbol target, ImmutableArray<IArgumentOperation> callArguments, IOperation call, System.Func<IOperation, int, Taint?>? partOf = null)
    {
        var site = call.Syntax;
        var arguments = ImmutableArray.CreateBuilder<ArgumentFact>(callArguments.Length);
        var mayNeedConsent = false;
        foreach (var argument in callArguments)
        {
            if (argument.Parameter is { } parameter && !argument.IsImplicit)
            {
                var value = OperationTree.WithoutConversions(argument.Value);
                var taint = RecordedTaint(argument.Value.Syntax);
                var whole = Engine.CrossMethod.HandsWholeObject(parameter, value.Type) ? value.Type : null;
                mayNeedConsent |= taint.HasPlaceholders || whole is not null || NeedsConsent(taint);
                arguments.Add(new ArgumentFact(
                    parameter.Ordinal,
                    argument.Value.Syntax,
                    taint,
                    AcceptsString(parameter.Type),
                    whole,
                    WholeParameterOf(argument.Value) ?? -1,
                    whole is not null && _root.SemanticModel?.GetOperation(argument.Value.Syntax) is { } original
                        ? FreshObjects.Of(original, _root, IsSink, keepValues: false)
                        : null));
                if (argument.Parameter.Type.IsTupleType)
                {
                    mayNeedConsent |= AddTupleParts(target, parameter.Ordinal, argument.Value, taint, partOf, arguments);
                }
            }
        }

        // A local function or lambda analysed again records its calls again: one fact per call, arguments joined. The
        // consent at the call matters only to data that needs it where it is kept or sent (raw samples, biometric data, data
        // whose basis is consent), which a placeholder may turn out to be: elsewhere it is not asked, since finding the body's
        // consent checks binds the methods that may wrap one.
        _calls ??= new List<CallFact>();
        var consent = mayNeedConsent && _consentAt is not null ? _consentAt(call) : ConsentCatalog.Everything;
        var fact = new CallFact(target.OriginalDefinition, site, arguments.ToImmutable(), consent);
        var index = _calls.FindIndex(call => call.Site == site);
        if (index < 0)
        {
            _calls.Add(fact);
        }
        else
        {
            _calls[index] = _calls[index].Join(fact);
        }
    }

    // One fact per element of a tuple argument, as the callee's summary numbers them (CrossMethodPass.TupleParts, asked of the
    // method as called: a type parameter made a tuple here has elements, which an implementation for that tuple reads). An
    // element built in place is reported where it is written.
    private bool AddTupleParts(IMethodSymbol target, int ordinal, IOperation value, Taint whole, System.Func<IOperation, int, Taint?>? partOf,
        ImmutableArray<ArgumentFact>.Builder arguments)
    {
        var mayNeedConsent = false;
        var built = OperationTree.WithoutConversions(value) as ITupleOperation;
        foreach (var (parameter, element, input) in CrossMethodPass.TupleParts(target))
        {
            if (parameter != ordinal)
            {
                continue;
            }

            var taint = partOf?.Invoke(value, element) ?? whole;
            var written = built is not null && element < built.Elements.Length ? built.Elements[element] : null;
            mayNeedConsent |= taint.HasPlaceholders || NeedsConsent(taint);
            arguments.Add(new ArgumentFact(input, written?.Syntax ?? value.Syntax, taint, written is not null && AcceptsString(written.Type)));
        }

        return mayNeedConsent;
    }

    // Data whose keeping or sending some rule ties to consent: raw samples and biometric data (docs/rules/SPI006.md,
    // docs/rules/SPI014.md), data whose legal basis is consent (docs/rules/SPI003.md, docs/rules/SPI005.md).
    private static bool NeedsConsent(Taint taint)
    {
        foreach (var origin in taint.Origins)
        {
            if (origin.IsRawSample || origin.Category == PiCategory.Biometric || origin.LegalBasis == PiLegalBasis.Consent)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where sensitive data reaches a sink, one hit per argument and sink kind; copies by name are apart (<see cref="CopyHits"/>).</summary>
    public IReadOnlyCollection<SinkHit> Hits => _hits.Values;

    /// <summary>
    /// The copies by name (`db.Entry(card).CurrentValues.SetValues(form)`), each with the entity it copies into: what they store
    /// only the EF Core model tells, at compilation end, so only a rule that reads the model judges them; every other reader
    /// of <see cref="Hits"/> never sees them (docs/design/value-flow-engine.md, "The entity model").
    /// </summary>
    public IReadOnlyCollection<SinkHit> CopyHits => (IReadOnlyCollection<SinkHit>?)_copyHits?.Values ?? System.Array.Empty<SinkHit>();

    /// <summary>Whether the expression at <paramref name="syntax"/> is a string concatenation the analysis evaluated.</summary>
    public bool IsConcatenation(SyntaxNode syntax) => _concatenations.Contains(syntax);

    /// <summary>Whether the value at <paramref name="syntax"/> was turned into text whole (a record's members printed): no mask of it can help.</summary>
    public bool IsRendered(SyntaxNode syntax) => _rendered.Contains(syntax);

    public void Record(SyntaxNode syntax, Taint taint) =>
        _taints[syntax] = _taints.TryGetValue(syntax, out var seen) ? seen.Union(taint) : taint;

    public Taint RecordedTaint(SyntaxNode syntax) => _taints.TryGetValue(syntax, out var taint) ? taint : Taint.Empty;

    public void RecordCapture(IFlowCaptureOperation capture) => _captures[capture.Id] = capture.Value;

    public void RecordConcatenation(SyntaxNode syntax) => _concatenations.Add(syntax);

    public void RecordRendered(SyntaxNode syntax) => _rendered.Add(syntax);

    public void DeclareLocalFunction(IMethodSymbol localFunction, ControlFlowGraph declaringGraph)
    {
        var key = localFunction.OriginalDefinition;
        if (!_localFunctions.TryGetValue(key, out var entry))
        {
            entry = new LocalFunction(key, declaringGraph);
            _localFunctions.Add(key, entry);
        }
        else if (entry.Graph is not null)
        {
            return;
        }

        entry.Graph = declaringGraph;
        _pendingLocalFunctions.Enqueue(entry);
    }

    /// <summary>A call or reference at which a local function may start running with this state.</summary>
    public void RecordLocalFunctionEntry(IMethodSymbol localFunction, TaintState state)
    {
        var key = localFunction.OriginalDefinition;
        if (!_localFunctions.TryGetValue(key, out var entry))
        {
            // Declared in a graph not analysed yet: remember the state until it is declared.
            entry = new LocalFunction(key, null);
            _localFunctions.Add(key, entry);
        }

        var joined = entry.Entry is null ? state : entry.Entry.Join(state);
        if (entry.Entry is null || !joined.IsSameAs(entry.Entry))
        {
            entry.Entry = joined;
            if (entry.Graph is not null && entry.Runs > 0 && entry.Runs < MaxRunsPerLocalFunction)
            {
                _pendingLocalFunctions.Enqueue(entry);
            }
        }
    }

    /// <summary>Called for every invocation during the recording replay, after its arguments were evaluated.</summary>
    public void CheckSink(IInvocationOperation invocation)
    {
        foreach (var kind in SinkKindSet.All)
        {
            if (_kinds.Contains(kind) && Engine.Sinks.Match(invocation.TargetMethod, kind) is { } sink && sink.AcceptsReceiver(invocation.Instance, ReceiverValue(invocation.Instance))
                && sink.AcceptsTarget(invocation.Arguments, DefinedValue) && sink.AcceptsWrapped(invocation.Instance, DefinedValue))
            {
                CheckSink(invocation, sink);
            }
        }
    }

    private void CheckSink(IInvocationOperation invocation, SinkMatch sink)
    {
        var template = FindTemplate(invocation);
        foreach (var data in DataValues(invocation, sink))
        {
            // Template holes count from the parameter after the template: params elements by index, other arguments by ordinal.
            var holeIndex = template.Ordinal < 0 || data.InCollection || data.Parameter is null ? -1
                : data.Element >= 0 ? (data.Parameter.Ordinal > template.Ordinal ? data.Element : -1)
                : data.Parameter.Ordinal - template.Ordinal - 1;
            CheckValue(invocation, sink, data.Value, IsDestructured(template.Holes, holeIndex), !data.InCollection && AcceptsString(data.Type));
        }
    }

    /// <summary>
    /// The values a sink call hands to its data parameters, the only ones checked for sensitive data: each
    /// element of a params array, each element of a C# 13 params collection, each explicit argument (an
    /// implicit one is an omitted optional argument's default). <see cref="GraphFreeChecks.TakesNoData"/> reads
    /// the same values without a graph. The instance comes first when the sink writes it (<see cref="SinkMatch.ReceiverIsData"/>).
    /// </summary>
    internal static IEnumerable<SinkDataValue> DataValues(IInvocationOperation invocation, SinkMatch sink) => DataValues(invocation.Arguments, sink, invocation.Instance);

    internal static IEnumerable<SinkDataValue> DataValues(ImmutableArray<IArgumentOperation> arguments, SinkMatch sink, IOperation? receiver = null)
    {
        if (receiver is not null && sink.ReceiverIsData)
        {
            yield return new SinkDataValue(receiver, null, -1, receiver.Type, inCollection: false);
        }

        foreach (var argument in arguments)
        {
            if (!sink.IsDataParameter(argument.Parameter) || argument.Parameter is not { } parameter)
            {
                continue;
            }

            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
            {
                var elementType = (parameter.Type as IArrayTypeSymbol)?.ElementType;
                for (var i = 0; i < elements.ElementValues.Length; i++)
                {
                    yield return new SinkDataValue(elements.ElementValues[i], parameter, i, elementType, inCollection: false);
                }
            }
            else if (argument.IsImplicit && OperationTree.IsCollectionLike(argument.Value))
            {
                // C# 13 `params ReadOnlySpan<object?>`: the elements sit in a collection expression.
                foreach (var element in argument.Value.ChildOperations)
                {
                    yield return new SinkDataValue(element, parameter, -1, null, inCollection: true);
                }
            }
            else if (!argument.IsImplicit)
            {
                yield return new SinkDataValue(argument.Value, parameter, -1, parameter.Type, inCollection: false);
            }
        }
    }

    /// <summary>Called for every object creation during the recording replay: some constructors are sinks (exceptions).</summary>
    public void CheckCreation(IObjectCreationOperation creation)
    {
        if (creation.Constructor is not { } constructor || (Engine.SinkKindsOf(constructor) & _kinds) == SinkKinds.None)
        {
            return;
        }

        foreach (var kind in SinkKindSet.All)
        {
            if (_kinds.Contains(kind) && Engine.Sinks.Match(creation.Constructor, kind) is { } sink)
            {
                foreach (var data in DataValues(creation.Arguments, sink))
                {
                    CheckValue(creation, sink, data.Value, destructured: false, !data.InCollection && AcceptsString(data.Type));
                }
            }
        }
    }

    /// <summary>Called during the recording replay for <c>target.Property = value</c>: some setters are sinks (DbParameter.Value).</summary>
    public void CheckSetter(IAssignmentOperation assignment, IPropertyReferenceOperation target)
    {
        foreach (var kind in SinkKindSet.All)
        {
            if (_kinds.Contains(kind) && Engine.Sinks.Match(target.Property.SetMethod, kind) is { } sink
                && sink.AcceptsReceiver(target.Instance, ReceiverValue(target.Instance)))
            {
                CheckValue(assignment, sink, assignment.Value, destructured: false, AcceptsString(target.Property.Type));

                // `parameter.Value = x; command.Parameters.Add(parameter);` is one store: the object whose sink
                // property received the data hands on nothing new.
                if (LocationOf(target.Instance) is { } holder && RecordedTaint(assignment.Value.Syntax) is { IsEmpty: false } delivered)
                {
                    _deliveredThroughSetters ??= new Dictionary<(object, SinkKind), Taint>();
                    var key = (holder, kind);
                    _deliveredThroughSetters[key] = _deliveredThroughSetters.TryGetValue(key, out var before) ? before.Union(delivered) : delivered;
                }
            }
        }
    }

    private void CheckValue(IOperation invocation, SinkMatch sink, IOperation value, bool destructured, bool acceptsString)
    {
        if (sink.Entry is { CopiesByName: true })
        {
            CheckCopy(invocation, sink, value, acceptsString);
            return;
        }

        // Arguments the graph spilled into temporaries (`a ?? b`, `x?.Y`, `c ? a : b`) arrive as implicit
        // capture references that stand for the user's expression.
        if (value.IsImplicit && value is not (IConversionOperation or IFlowCaptureReferenceOperation))
        {
            return;
        }

        var valueType = OperationTree.WithoutConversions(value).Type;
        if (valueType is { TypeKind: TypeKind.Delegate } || (sink.Entry is { RendersCollections: false } && PrintsOnlyTypeName(valueType)))
        {
            return;
        }

        var taint = RecordedTaint(value.Syntax);
        if (!taint.IsEmpty && _deliveredThroughSetters is not null && LocationOf(value) is { } location
            && _deliveredThroughSetters.TryGetValue((location, sink.Kind), out var delivered) && taint.IsSubsetOf(delivered))
        {
            return;
        }

        var container = Taint.Empty;
        var standIns = ImmutableArray<INamedTypeSymbol>.Empty;
        var rendering = ObjectRendering.None;

        // Only placeholders (a summarising run): the value may still be a container, and then this body reports it.
        if (taint.Declared().IsEmpty)
        {
            container = Taint.Of(ShownByType(value, valueType, sink, destructured, out rendering, out var byLogger));
            if (container.IsEmpty && taint.IsEmpty)
            {
                return;
            }

            // An interface or type parameter: the message names the types that make it a container.
            var writesMembers = sink.Entry is { Serializes: true } || destructured;
            standIns = writesMembers && !container.IsEmpty ? Engine.Model.GetStandIns(valueType, byLogger) : standIns;
        }

        if (!_hits.TryGetValue((value.Syntax, sink.Kind), out var hit))
        {
            hit = new SinkHit(value.Syntax, invocation, sink, acceptsString, RootGraph)
            {
                WritesEncrypted = invocation is IInvocationOperation { Instance: { } receiver } && sink.WritesEncrypted(receiver, DefinedValue),
            };
            _hits.Add((value.Syntax, sink.Kind), hit);
        }

        hit.Add(taint.Union(container), isContainer: taint.IsEmpty || _rendered.Contains(value.Syntax));
        if (!standIns.IsEmpty)
        {
            hit.HeldBy(valueType!, standIns);
        }

        // A parameter given to the sink whole (`{@Entry}`, `Serialize(entry)`), whose type shows nothing here: a caller's
        // object shows what its own type holds (docs/design/value-flow-engine.md, "Across methods").
        if (IsSummarizing && container.IsEmpty && rendering != ObjectRendering.None && WholeParameterOf(value) is { } whole)
        {
            hit.RendersWhole(whole, rendering, Summarized is { } owner && FreshObjects.LeavesAsIs(owner.Parameters[whole], _root, IsSink));
        }
    }

    private bool IsSink(IOperation call) => Engine.SinkKindsAt(call, SinkKindSet.Every) != SinkKinds.None;

    /// <summary>
    /// What a sink shows of <paramref name="value"/> that no flow gave data: the classified members its type shows in the sink's
    /// rendering (a serialiser's or a destructuring template's members, an entity store's own members, or what text prints), as an
    /// object created in the body shows them: only the members it is given (`new LoginModel { DisplayCaptcha = true }`), and a
    /// loosely typed member what it is given (`new ApiResult { Data = patient }`). <see cref="GraphFreeChecks.ShowsNoContainer"/>
    /// asks it of the tree's values, the replay of the graph's.
    /// </summary>
    internal ImmutableArray<SensitiveOrigin> ShownByType(IOperation value, ITypeSymbol? valueType, SinkMatch sink, bool destructured, out ObjectRendering rendering, out bool byLogger)
    {
        var writesMembers = sink.Entry is { Serializes: true } || destructured;
        byLogger = destructured && sink.Entry is not { Serializes: true } && sink.Kind == SinkKind.Logging;
        var chosen = rendering = sink.Entry is { StoresEntities: true } ? ObjectRendering.OwnMembers
            : writesMembers ? (byLogger ? ObjectRendering.MembersByLogger : ObjectRendering.Members)
            : ObjectRendering.Printed;
        var byRuntimeType = rendering is ObjectRendering.Members or ObjectRendering.MembersByLogger;
        return ShownHere(value, valueType, Engine.CrossMethod.Rendered(valueType, rendering), type => Engine.CrossMethod.Rendered(type, chosen), byRuntimeType, byLogger);
    }

    /// <summary>Whether a hole of the call's message template destructures its value (<c>{@Patient}</c>).</summary>
    internal static bool DestructuresAnyHole(IInvocationOperation invocation)
    {
        foreach (var hole in FindTemplate(invocation).Holes)
        {
            if (hole)
            {
                return true;
            }
        }

        return false;
    }

    // What a serialiser writes of the members `contained` lists, for the value given it: of an object created here, only the members
    // it is given (`SerializeToUtf8Bytes(new ServerInfo(url, id))`), and what its loosely typed members are given
    // (`Serialize(new ApiResult { Data = patient })`), as at a sink that takes the object itself. Kept per argument: the taint
    // analysis asks at each pass over its block.
    private Dictionary<SyntaxNode, ImmutableArray<SensitiveOrigin>>? _serialized;

    internal ImmutableArray<SensitiveOrigin> SerializedMembers(IOperation value, ImmutableArray<SensitiveOrigin> contained)
    {
        if (_serialized is not null && _serialized.TryGetValue(value.Syntax, out var known))
        {
            return known;
        }

        var shown = ShownHere(value, OperationTree.WithoutConversions(value).Type, contained, Engine.Model.GetContainedOrigins, byRuntimeType: true, byLogger: false);
        (_serialized ??= new Dictionary<SyntaxNode, ImmutableArray<SensitiveOrigin>>())[value.Syntax] = shown;
        return shown;
    }

    // `origins` as an object created in the body shows them (FreshObjects.Shown); the value's operation in the body's own tree is
    // looked up only where something may be taken away or added.
    private ImmutableArray<SensitiveOrigin> ShownHere(
        IOperation value, ITypeSymbol? type, ImmutableArray<SensitiveOrigin> origins, System.Func<ITypeSymbol, ImmutableArray<SensitiveOrigin>> renderedOf,
        bool byRuntimeType, bool byLogger) =>
        (!origins.IsEmpty || (byRuntimeType && FreshObjects.HasLooseMembers(type, byLogger)))
            && _root.SemanticModel?.GetOperation(value.Syntax) is { } original
            ? FreshObjects.Shown(original, _root, origins, IsSink, renderedOf, byRuntimeType, byLogger)
            : origins;

    // `db.Entry(card).CurrentValues.SetValues(form)`: EF Core copies each of the form's public properties into the entity's
    // member of the same name. What that stores is the form's classified properties that an unclassified mapped member of the
    // entity receives (a classified one is reported on its declaration); nothing when the entity cannot be read from the call.
    private void CheckCopy(IOperation invocation, SinkMatch sink, IOperation value, bool acceptsString)
    {
        // The call's own tree names the entity: the graph moves a receiver into a temporary when an argument branches (`form ?? throw …`).
        if (Engine.Entities is not { } entities
            || entities.CurrentValuesEntity((_root.SemanticModel?.GetOperation(invocation.Syntax) as IInvocationOperation)?.Instance) is not { } entity
            || OperationTree.WithoutConversions(value).Type is not INamedTypeSymbol source || source.SpecialType != SpecialType.None)
        {
            return;
        }

        var copied = Taint.Empty;
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var type = source; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null, DeclaredAccessibility: Accessibility.Public } property
                    && seen.Add(property.Name) && Engine.Model.GetMemberOrigin(property) is { IsPlaceholder: false } origin && entities.ReceivesCopy(entity, property, Engine.Model))
                {
                    copied = copied.Union(Taint.Of(origin));
                }
            }
        }

        if (copied.IsEmpty)
        {
            return;
        }

        _copyHits ??= new Dictionary<SyntaxNode, SinkHit>();
        if (!_copyHits.TryGetValue(value.Syntax, out var hit))
        {
            hit = new SinkHit(value.Syntax, invocation, sink, acceptsString, RootGraph) { CopiedInto = entity };
            _copyHits.Add(value.Syntax, hit);
        }

        hit.Add(copied, isContainer: true);
    }

    // The summarised method's own parameter that `value` is, through conversions.
    private int? WholeParameterOf(IOperation value) =>
        IsSummarizing && OperationTree.WithoutConversions(value) is IParameterReferenceOperation { Parameter: var parameter }
            && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, Summarized)
            ? parameter.Ordinal
            : null;

    private void SeedParameters(IMethodSymbol method, ImmutableDictionary<object, Taint>.Builder entry)
    {
        foreach (var parameter in method.Parameters)
        {
            if (Engine.Model.GetMemberOrigin(parameter) is { } origin)
            {
                entry[parameter] = entry.TryGetValue(parameter, out var passed) ? passed.Union(Taint.Of(origin)) : Taint.Of(origin);
            }
        }
    }

    private void AnalyzeLocalFunctions()
    {
        while (_pendingLocalFunctions.Count > 0)
        {
            var localFunction = _pendingLocalFunctions.Dequeue();
            if (localFunction.Graph is null || localFunction.Runs >= MaxRunsPerLocalFunction)
            {
                continue;
            }

            localFunction.Runs++;
            var entry = (localFunction.Entry ?? TaintState.Empty).Locations.ToBuilder();
            SeedParameters(localFunction.Symbol, entry);
            var graph = localFunction.Graph.GetLocalFunctionControlFlowGraph(localFunction.Symbol);
            new TaintAnalysis(this, graph, new TaintState(entry.ToImmutable()), depth: 1).Analyze();
        }
    }

    // Array.ToString() and List<T>.ToString() print the type's name, nothing of the elements.
    private static bool PrintsOnlyTypeName(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { ElementType.SpecialType: not SpecialType.System_Char }
        || (type is { SpecialType: SpecialType.None, TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface }
            && SensitivityModel.GetElementType(type) is not null);

    // A local or parameter an expression names.
    private static object? LocationOf(IOperation? operation) =>
        operation is null ? null : OperationTree.WithoutConversions(operation) switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

    // What a flow capture of the receiver stands for: `Console.Out` spilled by `?.` or a conditional.
    private IOperation? ReceiverValue(IOperation? receiver) => CapturedValue(receiver);

    /// <summary>
    /// What <paramref name="operation"/> holds where that is seen without the flow: a capture's value, or the one value a
    /// local of the analysed member is given (a stream's creation); otherwise the operation, or null for a local given
    /// several values. Asked only of stream receivers and targets whose type alone does not decide, so the definitions are
    /// gathered on first use.
    /// </summary>
    public IOperation? DefinedValue(IOperation? operation) =>
        CapturedValue(operation) is { } value ? (_definitions ??= ValueDefinitions.Of(_root)).DefinedValue(value) : null;

    /// <summary>
    /// What a flow capture stands for, through captures of captures: the graph spills a receiver (`?.`, a conditional) or an
    /// assignment's target (`entry.CurrentValue = a ?? b`) into a capture evaluated before the branch. Anything else is itself.
    /// </summary>
    public IOperation? CapturedValue(IOperation? operation)
    {
        for (var depth = 0; depth < StackGuard.MaxDepth && operation is not null
            && OperationTree.WithoutConversions(operation) is IFlowCaptureReferenceOperation capture && _captures.TryGetValue(capture.Id, out var captured); depth++)
        {
            operation = captured;
        }

        return operation;
    }

    // The message-template argument of a structured-logging call, when it is a constant.
    private static (int Ordinal, ImmutableArray<bool> Holes) FindTemplate(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter
                && parameter.Name is "message" or "messageTemplate" or "messageFormat" or "format"
                && argument.Value.ConstantValue is { HasValue: true, Value: string template })
            {
                return (parameter.Ordinal, MessageTemplate.ParseDestructuring(template));
            }
        }

        return (-1, ImmutableArray<bool>.Empty);
    }

    private static bool IsDestructured(ImmutableArray<bool> holes, int index) => index >= 0 && index < holes.Length && holes[index];

    // Where a masked string can stand in for the value and still compile.
    private static bool AcceptsString(ITypeSymbol? type) =>
        type is not null && (type.SpecialType is SpecialType.System_String or SpecialType.System_Object || type.TypeKind == TypeKind.TypeParameter);

    private sealed class LocalFunction
    {
        public LocalFunction(IMethodSymbol symbol, ControlFlowGraph? graph)
        {
            Symbol = symbol;
            Graph = graph;
        }

        public IMethodSymbol Symbol { get; }

        public ControlFlowGraph? Graph { get; set; }

        public TaintState? Entry { get; set; }

        public int Runs { get; set; }
    }
}

/// <summary>One value a sink call hands to a data parameter (<see cref="MethodAnalysis.DataValues"/>).</summary>
internal readonly struct SinkDataValue
{
    public SinkDataValue(IOperation value, IParameterSymbol? parameter, int element, ITypeSymbol? type, bool inCollection)
    {
        Value = value;
        Parameter = parameter;
        Element = element;
        Type = type;
        InCollection = inCollection;
    }

    public IOperation Value { get; }

    /// <summary>The parameter the value is passed to; <see langword="null"/> for an instance the sink writes.</summary>
    public IParameterSymbol? Parameter { get; }

    /// <summary>The index in a params array; -1 for a whole argument or an element of a params collection.</summary>
    public int Element { get; }

    /// <summary>The type the value is passed as: the parameter's, or a params array's element type.</summary>
    public ITypeSymbol? Type { get; }

    /// <summary>An element of a C# 13 params collection.</summary>
    public bool InCollection { get; }
}
