using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// One body as the value-flow rules see it: its survey, and the results of the analyses, each worked out on
/// first request and shared by every rule that asks (one graph, one taint analysis, one guard analysis).
/// </summary>
internal sealed class ValueFlowBody
{
    private readonly OperationBlockAnalysisContext _context;
    private readonly IOperation _block;
    private readonly ISymbol _owner;
    private readonly CancellationToken _cancellationToken;
    private ValueDefinitions? _definitions;
    private ControlFlowGraph? _graph;
    private MethodAnalysis? _taint;
    private ConsentGuards? _guards;
    private bool? _consentShownThroughout;
    private bool? _checksConsent;
    private int? _entryMask;

    public ValueFlowBody(OperationBlockAnalysisContext context, IOperation block, IOperation root, ValueFlowEngine engine, BodySurvey survey)
    {
        _context = context;
        _block = block;
        _owner = context.OwningSymbol;
        _cancellationToken = context.CancellationToken;
        Root = root;
        Engine = engine;
        Survey = survey;
    }

    /// <summary>
    /// A body summarised at compilation end, when the cross-method pass finds data reaching it
    /// (docs/design/value-flow-engine.md, "Across methods"): its graph built from its root; it reports nothing itself.
    /// </summary>
    public ValueFlowBody(ISymbol owner, IOperation root, ValueFlowEngine engine, BodySurvey survey, CancellationToken cancellationToken)
    {
        _block = root;
        _owner = owner;
        _cancellationToken = cancellationToken;
        Root = root;
        Engine = engine;
        Survey = survey;
        _graph = GraphOf(root, cancellationToken);
    }

    // The same body at compilation end (AtCompilationEnd): what it computed is kept, the guards are worked out again.
    private ValueFlowBody(ValueFlowBody original, CancellationToken cancellationToken)
    {
        _block = original._block;
        _owner = original._owner;
        _cancellationToken = cancellationToken;
        Root = original.Root;
        Engine = original.Engine;
        Survey = original.Survey;
        AnalysedSinks = original.AnalysedSinks;
        // Never the driver's: its graph cache for the block is gone once the block's action has returned.
        _graph = original._graph ?? GraphOf(original.Root, cancellationToken);
        _taint = original._taint;
        _definitions = original._definitions;
        _entryMask = original._entryMask;
    }

    /// <summary>
    /// This body as seen at compilation end, once every wrapper check of the compilation is known (docs/design/value-flow-engine.md,
    /// "Consent across methods"): the same graph and taint analysis, the guards worked out again; it reports nothing itself.
    /// </summary>
    public ValueFlowBody AtCompilationEnd(CancellationToken cancellationToken) => new(this, cancellationToken);

    public ValueFlowEngine Engine { get; }

    /// <summary>The member's whole operation tree (not a graph's rewritten copy).</summary>
    public IOperation Root { get; }

    public ISymbol Owner => _owner;

    public CancellationToken CancellationToken => _cancellationToken;

    public BodySurvey Survey { get; }

    /// <summary>The sink kinds the taint analysis looks for: those of every rule still asking. Set before any rule reads <see cref="Taint"/>.</summary>
    public SinkKinds AnalysedSinks { get; set; }

    /// <summary>What the body assigns to its locals, fields and their members.</summary>
    public ValueDefinitions Definitions => _definitions ??= ValueDefinitions.Of(Root);

    /// <summary>The consent the member's own attributes grant inside it.</summary>
    public int EntryMask => _entryMask ??= Engine.Consent.EntryMask(Owner);

    /// <summary>
    /// Consent shown without a graph for every use of data that needs it (<see cref="GraphFreeChecks.ShowsConsentThroughout"/>);
    /// a call that itself requires consent leaves the answer to the graph.
    /// </summary>
    public bool ConsentShownThroughout =>
        _consentShownThroughout ??= !Survey.HasRequiredCall && Engine.GraphFree.ShowsConsentThroughout(Root, EntryMask);

    public ControlFlowGraph Graph => _graph ??= _context.GetControlFlowGraph(_block);

    /// <summary>
    /// The taint analysis of the body, its lambdas and local functions, for <see cref="AnalysedSinks"/>. A body that reads no data and
    /// hands no sink an object whose type shows classified members gets none, and no graph on its account: it could find nothing
    /// (docs/design/value-flow-engine.md, "Bodies that read no data").
    /// </summary>
    public MethodAnalysis Taint => _taint ??= !(Survey.ReadsData ?? Engine.Surveyor.ReadsData(Root)) && Engine.GraphFree.ShowsNoContainer(Root, AnalysedSinks)
        ? MethodAnalysis.Unreached(Engine, Root, AnalysedSinks)
        : MethodAnalysis.Analyze(Engine, Graph, Owner, AnalysedSinks);

    /// <summary>The consent bits that hold at each operation.</summary>
    public ConsentGuards Guards => _guards ??= ConsentGuardAnalysis.Analyze(Graph, Engine.Consent, EntryMask);

    /// <summary>
    /// The consent shown at <paramref name="operation"/>: the guard analysis's where the body calls a consent check, otherwise
    /// what its member starts with everywhere, with no guard analysis run (whether it checks is asked once, when first needed).
    /// </summary>
    public int ConsentAt(IOperation operation) => ChecksConsent ? Guards.MaskAt(operation) : EntryMask;

    /// <summary>Whether the body calls a consent check, a wrapper of one included (<see cref="BodySurvey.ChecksConsent"/>), asked once.</summary>
    public bool ChecksConsent => _checksConsent ??= Survey.ChecksConsent(Engine.Consent, Root);

    /// <summary>
    /// The channel of the network sink <paramref name="call"/> (SPI001, SPI010): from the body, and, for a client or
    /// URL held in a field, from what the type's members assign (read once per type, <see cref="ValueFlowEngine.TypeFactsOf"/>).
    /// </summary>
    /// <summary>The address a request argument was created with (<see cref="ChannelResolver.RequestAddress"/>), or null.</summary>
    public IOperation? RequestAddress(IOperation request) => new ChannelResolver(Definitions, type: null).RequestAddress(request);

    public ChannelVerdict Channel(IOperation call, SinkMatch sink)
    {
        var verdict = new ChannelResolver(Definitions, type: null).Resolve(call, sink, Root);
        if (verdict.NeedsTypeFacts && Owner.ContainingType is { } type && Engine.TypeFactsOf(type, Root, CancellationToken) is { } facts)
        {
            verdict = new ChannelResolver(Definitions, facts).Resolve(call, sink, Root);
        }

        return verdict;
    }

    // A hidden region inside the body is generated code the driver no longer drops for us (docs/design/architecture.md, "Generated code").
    public void Report(Diagnostic diagnostic)
    {
        if (!Framework.GeneratedCode.IsHidden(diagnostic.Location, _context.CancellationToken))
        {
            _context.ReportDiagnostic(diagnostic);
        }
    }

    // The roots OperationTree.HasControlFlowGraph accepts, as the driver would build their graphs.
    private static ControlFlowGraph? GraphOf(IOperation root, CancellationToken cancellationToken) => root switch
    {
        IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
        IConstructorBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
        IBlockOperation body => ControlFlowGraph.Create(body, cancellationToken),
        IFieldInitializerOperation initializer => ControlFlowGraph.Create(initializer, cancellationToken),
        IPropertyInitializerOperation initializer => ControlFlowGraph.Create(initializer, cancellationToken),
        IParameterInitializerOperation initializer => ControlFlowGraph.Create(initializer, cancellationToken),
        _ => null,
    };
}
