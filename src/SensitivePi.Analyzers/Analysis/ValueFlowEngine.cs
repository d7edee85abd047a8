using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// The value-flow engine of one compilation: the sensitivity model, the sink, transfer and consent
/// catalogs, the body survey and the graph-free checks. Created in a compilation-start action, held by its
/// closure only.
/// </summary>
internal sealed class ValueFlowEngine
{
    private ValueFlowEngine(Compilation compilation, KnownSymbols symbols, KnowledgeTables tables, ImmutableArray<IOriginSource> sources, AnnotationFiles? files = null, SourceMentions? source = null)
    {
        // Sixteen members per file on grandnode2: the survey asks about every member, parameter and method a body reads.
        Model = new SensitivityModel(compilation, symbols, sources, membersPerFile: 16);
        Transfers = new TransferCatalog(compilation, symbols, tables, DeclaredSanitizers(files), source);
        Sinks = new SinkCatalog(compilation, tables, DeclaredSinks(files));
        Consent = new ConsentCatalog(symbols, files, source, compilation);
        Surveyor = new BodySurveyor(this);
        GraphFree = new GraphFreeChecks(this);
        Compilation = compilation;
        Files = files ?? AnnotationFiles.None;
        CrossMethod = new CrossMethodPass(this);
        HelperCalls = new HelperCallSites(compilation, Consent);
        SurveyFacts = new SurveyFacts(this);
    }

    // A type's facts (Analysis/TypeFacts), read once per type whichever of its bodies asks first.
    private readonly ConcurrentDictionary<INamedTypeSymbol, ValueDefinitions?> _typeFacts = new(SymbolEqualityComparer.Default);

    /// <summary>What the members of <paramref name="type"/> assign to its fields (<see cref="TypeFacts"/>), once per type.</summary>
    public ValueDefinitions? TypeFactsOf(INamedTypeSymbol type, IOperation operationOfTheTree, CancellationToken cancellationToken) =>
        _typeFacts.TryGetValue(type, out var facts) ? facts : _typeFacts.GetOrAdd(type, TypeFacts.Of(type, operationOfTheTree, cancellationToken));

    // Whether a class is a controller, by its definition (EntryPoints.IsControllerType): asked for every public method a rule asks about.
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _controllers = new(Framework.DefinitionIdentity<INamedTypeSymbol>.Instance);

    /// <summary>Whether <paramref name="method"/> is a controller action whose <c>return</c> the client gets (<see cref="EntryPoints.ReturnsToClient"/>), each type read once.</summary>
    public bool ReturnsToClient(IMethodSymbol method) => EntryPoints.ReturnsToClient(method, IsControllerType);

    private bool IsControllerType(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        return _controllers.TryGetValue(definition, out var known) ? known : _controllers.GetOrAdd(definition, EntryPoints.IsControllerType(definition));
    }

    /// <summary>What the compilation's <c>AddHttpClient</c> registrations give their clients, gathered as bodies are surveyed.</summary>
    public HttpClientRegistrations HttpClients { get; } = new();

    public Compilation Compilation { get; }

    /// <summary>The project's annotation files (docs/annotation-files.md), read once at compilation start.</summary>
    public AnnotationFiles Files { get; }

    /// <summary>The compilation's EF Core model, when a rule reads it and EF Core is referenced; set at compilation start.</summary>
    public EntityModel? Entities { get; set; }

    /// <summary>The compilation-wide pass that follows data across methods (docs/design/value-flow-engine.md, "Across methods").</summary>
    public CrossMethodPass CrossMethod { get; }

    /// <summary>The call sites of the compilation's helpers with the consent shown at each, when a rule reads them.</summary>
    public HelperCallSites HelperCalls { get; }

    public ConsentCatalog Consent { get; }

    public SensitivityModel Model { get; }

    public TransferCatalog Transfers { get; }

    public SinkCatalog Sinks { get; }

    /// <summary>What the survey asks of each callee and member, kept per definition.</summary>
    public SurveyFacts SurveyFacts { get; }

    /// <summary>The pre-scan every body gets before any graph.</summary>
    public BodySurveyor Surveyor { get; }

    /// <summary>Questions answered from a body's shape, without a graph.</summary>
    public GraphFreeChecks GraphFree { get; }

    /// <summary>
    /// The engine, or <see langword="null"/> when the compilation does not reference the annotations or
    /// classifies nothing (<see cref="AnnotationUsage"/>): then no rule has anything to find.
    /// </summary>
    public static ValueFlowEngine? TryCreate(Compilation compilation, CancellationToken cancellationToken = default) =>
        TryCreate(compilation, AtRestDefaults.CredentialsOnly, cancellationToken);

    /// <summary>
    /// As <see cref="TryCreate(Compilation, CancellationToken)"/>, with the project's at-rest defaults and annotation files;
    /// <paramref name="mentions"/> says what the texts mention (<see cref="SourceMentions.Of"/>); null: the shortcut reads each text
    /// itself, and the engine counts every name as mentioned.
    /// </summary>
    public static ValueFlowEngine? TryCreate(Compilation compilation, AtRestDefaults atRest, CancellationToken cancellationToken = default, Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions? options = null,
        SourceMentions? mentions = null)
    {
        if (KnownSymbols.TryCreate(compilation) is not { } symbols)
        {
            return null;
        }

        var files = AnnotationFiles.Read(options, compilation, atRest, cancellationToken);
        if (files.Origins.Count == 0 && files.Attributes.IsEmpty && files.Requirements.IsEmpty
            && !(mentions is null ? AnnotationUsage.MayClassify(compilation, symbols, cancellationToken) : AnnotationUsage.MayClassify(compilation, symbols, mentions, cancellationToken)))
        {
            return null;
        }

        // The seams: origin sources (Model/OriginSources) and table rows added for this compilation.
        mentions ??= new SourceMentions(compilation, mentionsOf: null, cancellationToken);
        return new ValueFlowEngine(compilation, symbols, KnowledgeTables.BuiltIn, OriginSources.Of(compilation, symbols, atRest, files, mentions), files, mentions);
    }

    // An annotation file's sinks: "encrypted": true is a channel shown encrypted, false a plaintext one, none undecided.
    private static ImmutableDictionary<IMethodSymbol, DeclaredSink>? DeclaredSinks(AnnotationFiles? files)
    {
        if (files is null || files.Sinks.IsEmpty)
        {
            return null;
        }

        var declared = ImmutableDictionary.CreateBuilder<IMethodSymbol, DeclaredSink>(SymbolEqualityComparer.Default);
        foreach (var pair in files.Sinks)
        {
            if (System.Enum.TryParse<SinkKind>(pair.Value.Kind, out var kind))
            {
                var channel = kind != SinkKind.Network ? NetworkChannel.None
                    : pair.Value.Encrypted switch { true => NetworkChannel.DeclaredEncrypted, false => NetworkChannel.Raw, null => NetworkChannel.None };
                declared[pair.Key] = new DeclaredSink(kind, pair.Value.Parameters, channel);
            }
        }

        return declared.ToImmutable();
    }

    // An annotation file's "Masks" sanitizers clear data as [MasksPersonalInfo] does, its "Encrypts" ones protect it.
    private static ImmutableDictionary<IMethodSymbol, CallEffect>? DeclaredSanitizers(AnnotationFiles? files)
    {
        if (files is null || files.Sanitizers.IsEmpty)
        {
            return null;
        }

        var declared = ImmutableDictionary.CreateBuilder<IMethodSymbol, CallEffect>(SymbolEqualityComparer.Default);
        foreach (var pair in files.Sanitizers)
        {
            declared[pair.Key] = pair.Value ? CallEffect.Sanitizes : CallEffect.Protects;
        }

        return declared.ToImmutable();
    }

    /// <summary>The kinds of <paramref name="wanted"/> whose sink <paramref name="operation"/> calls (or whose sink property it sets).</summary>
    internal SinkKinds SinkKindsAt(IOperation operation, SinkKinds wanted)
    {
        var method = operation.Kind switch
        {
            // A constructor initializer (`: base(message)`) creates nothing: only `new` is a creation.
            OperationKind.Invocation => ((IInvocationOperation)operation).TargetMethod is { MethodKind: not MethodKind.Constructor } target ? target : null,
            OperationKind.ObjectCreation => ((IObjectCreationOperation)operation).Constructor,
            OperationKind.SimpleAssignment or OperationKind.CompoundAssignment or OperationKind.CoalesceAssignment
                => ((IAssignmentOperation)operation).Target is IPropertyReferenceOperation { Property.SetMethod: { } setter } ? setter : null,
            _ => null,
        };
        return method is null ? SinkKinds.None : SinkKindsOf(method) & wanted;
    }

    // Every call of every body is asked this: one lookup for all kinds rather than one per kind.
    internal SinkKinds SinkKindsOf(IMethodSymbol method) => Sinks.KindsOf(method);
}
