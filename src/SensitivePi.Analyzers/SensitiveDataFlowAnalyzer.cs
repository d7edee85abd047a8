using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;
using SensitivePi.Analyzers.Rules;

namespace SensitivePi.Analyzers;

/// <summary>
/// The rules that follow sensitive values to sinks (<see cref="RuleRegistry"/>), as one analyzer: each body is
/// surveyed once, the rules whose sinks and data meet there are asked, each analysis (graph, taint, consent
/// guards) runs at most once for all of them, and each rule reports from the shared results exactly what it
/// would alone. Analyzers cannot share work otherwise without a static cache. docs/design/architecture.md.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public class SensitiveDataFlowAnalyzer : DiagnosticAnalyzer
{
    private readonly ImmutableArray<ValueFlowRule> _rules;
    private readonly SinkKinds _sinkKinds;
    private readonly bool _askRequiredCalls;
    private readonly bool _readsEntities;
    private readonly bool _readsHelpers;
    private readonly bool _readsWrappers;
    private readonly SinkKinds _acrossSinks;
    private readonly Func<SinkKinds, DataClasses> _wantedData;
    private readonly Inventory.ProcessingRecorder? _recorder;

    public SensitiveDataFlowAnalyzer()
        : this(ValueFlowRules.All)
    {
    }

    /// <summary>
    /// Every rule, and beside them the record of processing (docs/command-line-tool.md): the command-line tool's
    /// analyzer. The rules report exactly as in a build; the recorder sees every flow, reported or not.
    /// </summary>
    internal SensitiveDataFlowAnalyzer(Inventory.ProcessingRecorder recorder)
        : this(ValueFlowRules.All)
    {
        _recorder = recorder;
    }

    /// <summary>An analyzer for some of the rules only (tests check one rule at a time).</summary>
    protected SensitiveDataFlowAnalyzer(ValueFlowRules rules)
        : this(Select(rules))
    {
    }

    /// <summary>An analyzer for the given rule instances (tests give a rule a failure to inject).</summary>
    private protected SensitiveDataFlowAnalyzer(ImmutableArray<ValueFlowRule> rules)
    {
        foreach (var rule in rules)
        {
            _sinkKinds |= rule.Sinks;
            _askRequiredCalls |= rule.AsksOnRequiredCalls;
            _acrossSinks |= rule.AcrossSinks;
            _readsEntities |= rule.ReadsEntityModel;
            _readsHelpers |= rule.ReadsHelperCalls;
            _readsWrappers |= rule.ReadsWrappersElsewhere;
        }

        _rules = rules;
        SupportedDiagnostics = _rules.Select(rule => rule.Descriptor)
            .Concat(_rules.Select(rule => rule.AcrossDescriptor).OfType<DiagnosticDescriptor>())
            .ToImmutableArray();
        _wantedData = WantedData;
    }

    private static ImmutableArray<ValueFlowRule> Select(ValueFlowRules rules)
    {
        var selected = ImmutableArray.CreateBuilder<ValueFlowRule>();
        foreach (var rule in RuleRegistry.ValueFlowRules)
        {
            if ((rules & rule.Id) != 0)
            {
                selected.Add(rule);
            }
        }

        return selected.ToImmutable();
    }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public sealed override void Initialize(AnalysisContext context)
    {
        // The driver still skips generated declarations; it no longer walks every token of each file reported in to
        // check each report (docs/design/architecture.md, "Generated code").
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ValueFlowEngine.TryCreate(start.Compilation, AtRestDefaults.Read(start.Options), start.CancellationToken, start.Options, SourceMentions.Of(start.Compilation, start.CancellationToken)) is not { } engine)
            {
                return;
            }

            var checks = new IValueFlowCheck[_rules.Length];
            for (var i = 0; i < checks.Length; i++)
            {
                checks[i] = _rules[i].Start(engine);
            }

            var acrossMethods = CrossMethodAnalysisEnabled(start.Options, start.Compilation);
            engine.Consent.GeneratedCode = new GeneratedCode(start.Options);
            engine.CrossMethod.Enabled = _acrossSinks != SinkKinds.None && acrossMethods;
            engine.HelperCalls.Enabled = _readsHelpers && acrossMethods;
            engine.Consent.ReadsWrappersElsewhere = _readsWrappers && acrossMethods;
            if (_readsEntities && EntityModel.TryCreate(start.Compilation) is { } entities)
            {
                engine.Entities = entities;
                start.RegisterSymbolAction(symbol => entities.NoteType((INamedTypeSymbol)symbol.Symbol), SymbolKind.NamedType);
            }

            var generatedCode = GeneratedCode.AttributeIn(start.Compilation);

            // The record's bodies that call a wrapper check of another file, recorded once every wrapper is known.
            var recordAtEnd = _recorder is null ? null : new System.Collections.Concurrent.ConcurrentQueue<ValueFlowBody>();
            start.RegisterOperationBlockAction(block =>
            {
                if (!GeneratedCode.IsMarkedAccessor(block.OwningSymbol, generatedCode))
                {
                    AnalyzeMember(block, engine, checks, recordAtEnd);
                }
            });
            if (engine.CrossMethod.Enabled || engine.Entities is not null || engine.HelperCalls.Enabled || engine.Consent.ReadsWrappersElsewhere || _recorder is not null)
            {
                start.RegisterCompilationEndAction(end => ReportAcross(end, engine, checks, recordAtEnd));
            }
        });
    }

    /// <summary>
    /// The option that turns the cross-method pass off for a project (<c>sensitivepi.cross_method_analysis = false</c>
    /// in a global analyzer config or the root <c>.editorconfig</c>): on large solutions it costs, README "Performance".
    /// </summary>
    public const string CrossMethodOption = "sensitivepi.cross_method_analysis";

    private static bool CrossMethodAnalysisEnabled(AnalyzerOptions options, Compilation compilation)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        string? value = null;
        if (!provider.GlobalOptions.TryGetValue(CrossMethodOption, out value))
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                provider.GetOptions(tree).TryGetValue(CrossMethodOption, out value);
                break;
            }
        }

        return !string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
    }

    // docs/design/value-flow-engine.md, "Across methods": what needs every body of the compilation is reported once they all are summarised.
    private void ReportAcross(CompilationAnalysisContext context, ValueFlowEngine engine, IValueFlowCheck[] checks, System.Collections.Concurrent.ConcurrentQueue<ValueFlowBody>? recordAtEnd)
    {
        // Reports made here were not reached through a declaration the driver judged: they skip generated code themselves.
        var generated = engine.Consent.GeneratedCode ?? new GeneratedCode(context.Options);
        var cancellationToken = context.CancellationToken;
        Action<Diagnostic> report = diagnostic =>
        {
            if (!generated.Contains(diagnostic.Location, cancellationToken))
            {
                context.ReportDiagnostic(diagnostic);
            }
        };

        // One check's or body's exception must not cost the others' reports, as for the waiting bodies' summaries below: the first is
        // rethrown once everything is reported, so that the build still shows it (AD0001).
        Exception? failed = null;
        void Guarded(Action action)
        {
            try
            {
                action();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failed ??= exception;
            }
        }

        // Every body has been analysed: wrapper checks in other files than their callers count from here on.
        engine.Consent.EveryBodyRead();
        foreach (var check in checks)
        {
            if (check is IReportsAtCompilationEnd atEnd)
            {
                Guarded(() => atEnd.ReportAtEnd(engine, report, cancellationToken));
            }
        }

        if (_recorder is not null)
        {
            foreach (var waiting in recordAtEnd ?? Enumerable.Empty<ValueFlowBody>())
            {
                Guarded(() => _recorder.RecordBody(waiting.AtCompilationEnd(cancellationToken)));
            }

            _recorder.RecordMembers(engine, context.CancellationToken);
            _recorder.RecordEntityStorage(engine);
        }

        if (!engine.CrossMethod.Enabled)
        {
            if (failed is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed).Throw();
            }

            return;
        }

        // One waiting body whose summary throws must not cost the others' findings (the driver keeps an exception in a body's
        // own action to that body): it is summarised as having no facts, and the first such exception is rethrown once every
        // finding is reported, so that the build still shows it (AD0001).
        var findings = engine.CrossMethod.Compose(
            pending =>
            {
                try
                {
                    return SummarizeWaiting(pending, engine, checks, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    failed ??= exception;
                    return null;
                }
            },
            cancellationToken)
            .OrderBy(f => f.Node.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(f => f.Node.SpanStart)
            .ThenBy(f => f.Path.Count)
            .ThenBy(f => f.SinkAndPath, StringComparer.Ordinal);

        // Once per argument and rule: the first path found (the shortest) is the one the message names.
        var reported = new HashSet<(SyntaxNode Node, int Rule)>();
        foreach (var finding in findings)
        {
            _recorder?.RecordAcross(finding);
            for (var i = 0; i < _rules.Length; i++)
            {
                // Taken only once the rule reports: a path it declines (consent shown on it) must not hide the next one.
                var key = (finding.Node, i);
                if ((finding.Sink.Rules & (1 << i)) != 0 && _rules[i].AcrossSinks.Contains(finding.Sink.Sink.Kind) && !reported.Contains(key))
                {
                    checks[i].ReportAcross(finding, diagnostic =>
                    {
                        reported.Add(key);
                        report(diagnostic);
                    });
                }
            }
        }

        if (failed is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed).Throw();
        }
    }

    /// <summary>
    /// The summarising run of a body that waited for data, at compilation end (docs/design/value-flow-engine.md, "Summaries on
    /// demand"). Overridden only by a test that makes one body's summary fail.
    /// </summary>
    private protected virtual MethodFacts? SummarizeWaiting(PendingBody pending, ValueFlowEngine engine, IValueFlowCheck[] checks, System.Threading.CancellationToken cancellationToken) =>
        Summarize(new ValueFlowBody(pending.Owner, pending.Root, engine, pending.Survey, cancellationToken), pending.Owner, engine, checks);

    /// <summary>
    /// Whether the body may need a summarising run for the cross-method pass (docs/design/value-flow-engine.md, "Across methods"):
    /// it can matter to another body when it calls a method the pass follows, or it is such a method and its parameters can
    /// reach a sink or its result. Such a body waits for compilation end (a <see cref="PendingBody"/>); a constructor that only
    /// stores its parameters is recorded without a run.
    /// </summary>
    private void Summarize(OperationBlockAnalysisContext context, IOperation root, ValueFlowEngine engine, in BodySurvey survey)
    {
        if (!engine.CrossMethod.Enabled)
        {
            return;
        }

        if (context.OwningSymbol is not IMethodSymbol owner)
        {
            // `private readonly string _id = id;` stores what the primary constructor is given (docs/design/value-flow-engine.md,
            // "Fields and auto-properties").
            if (root.Kind is OperationKind.FieldInitializer or OperationKind.PropertyInitializer)
            {
                engine.CrossMethod.NoteInitializer(root);
            }

            return;
        }

        // Which bodies can matter to another method (docs/design/value-flow-engine.md, "Across methods"): a helper; a
        // followed method that can pass its parameters on through its result or an out or ref parameter; any body that
        // calls a followed method (it may hand on what the callee returns, `_audit.Write(_repo.Load())`); a constructor
        // or method storing what callers pass through a call (`_holder = holder.Trim();`); a body whose sink or result
        // reads a followed field or auto-property, or that stores declared data into one; a followed method returning data it
        // reads itself. Each waits for compilation end (below), and so does one that only copies another member.
        // What the survey found settles most of them first: the owner's own answers (whether its parameters can bring data,
        // whether the pass follows it) are first answers for a method no body calls, an action or a handler.
        // A sink given only literals and facts takes nothing another method brings. Whether the body reads declared data itself
        // the survey's walk answered when it followed calls (unknown counts as yes).
        var sinks = (survey.ReachableSinks & _acrossSinks) != SinkKinds.None;
        var otherSinks = (survey.ReachableSinks & _acrossSinks & ~SinkKinds.EntityMember) != SinkKinds.None;
        var readsData = survey.ReadsData;
        var mayMatter = survey.CallsFollowed
            || (sinks && (survey.Fields & (FieldUse.Reads | FieldUse.ReadsElsewhere)) != 0)
            || (survey.Fields & FieldUse.StoresData) != 0
            || ((survey.Fields & FieldUse.StoresLocal) != 0 && readsData != false);
        var takes = false;
        var follows = false;
        var constructs = false;
        if (!mayMatter)
        {
            // Types first, then symbols' own answers: the rest are settled by their signature.
            takes = engine.CrossMethod.TakesData(owner);
            var returns = CrossMethodPass.MayCarryData(owner.ReturnType);
            var leaves = engine.CrossMethod.HandsBackThroughArguments(owner);
            follows = (takes || returns || leaves) && engine.CrossMethod.Follows(owner);

            // A constructor matters only for what it does with its parameters: logs or sends them, or stores them.
            constructs = takes && engine.CrossMethod.FollowsConstructor(owner);

            // A followed method whose parameters can bring data to one of its sinks: a helper that logs or sends.
            var helper = (follows || constructs) && takes && sinks;
            mayMatter = helper
                || (follows && ((takes && returns) || leaves))
                || ((follows || constructs) && takes && (survey.Fields & FieldUse.StoresLocal) != 0)
                || (follows && returns && (survey.Fields & (FieldUse.Returns | FieldUse.ReadsElsewhere)) != 0)
                || (follows && returns && readsData != false);
        }

        if (!mayMatter)
        {
            // `_backup = _current;`, `_trimmed = _current.Trim()`, `Freeze() => _label = id;` (a primary constructor's `id`): the
            // copy matters once that member holds data, and is then summarised with its graph, which tells a copy from a fact
            // about it (docs/design/value-flow-engine.md, "Fields and auto-properties").
            if ((survey.Fields & FieldUse.StoresMember) != 0)
            {
                engine.CrossMethod.Defer(new PendingBody(owner, root, survey, maySink: MaySink()));
                return;
            }

            // `_id = id;` in a constructor or a setter-like method: what callers pass is stored, read without a graph.
            if ((follows || constructs) && takes && (survey.Fields & FieldUse.StoresParameter) != 0
                && engine.CrossMethod.DirectStores(owner, root) is { IsEmpty: false } stores)
            {
                engine.CrossMethod.Add(new MethodFacts(owner.OriginalDefinition, Taint.Empty, ImmutableArray<CallFact>.Empty, ImmutableArray<SinkFact>.Empty, stores));
            }

            return;
        }

        // Every such body waits for compilation end, when the surveys show which can lead to a sink; one that reads no declared
        // data only passes on what others bring it, and waits until data does (docs/design/value-flow-engine.md, "Summaries on demand").
        // Whether it reads any the survey's walk answered; where that data goes is asked at compilation end, of the bodies the demand keeps.
        engine.CrossMethod.Defer(new PendingBody(owner, root, survey, readsData, MaySink()));

        // Asked only of a body that waits: an action's returned text is a sink too. A property an entity may map is one only if the
        // model stores it, which SinkDemand asks at compilation end (PendingBody.SetsStoredMember).
        bool MaySink() => otherSinks || MethodAnalysis.ReturnSinkOf(owner, _acrossSinks) is not null;
    }

    /// <summary>The body's facts for the cross-method pass, or null when it has none.</summary>
    private MethodFacts? Summarize(ValueFlowBody body, IMethodSymbol owner, ValueFlowEngine engine, IValueFlowCheck[] checks)
    {
        var analysis = MethodAnalysis.Summarize(engine, body.Graph, owner, _acrossSinks, body.ConsentAt);

        // The checks a flow across methods through this body names in the record (docs/command-line-tool.md).
        _recorder?.NoteChecks(body);
        var facts = ImmutableArray.CreateBuilder<SinkFact>();
        foreach (var hit in analysis.Hits)
        {
            // Declared data at the argument (a container among them) is this body's own report: one per argument.
            if (!hit.Taint.HasPlaceholders || !hit.Taint.Declared().IsEmpty)
            {
                continue;
            }

            var rules = 0;
            for (var i = 0; i < _rules.Length; i++)
            {
                if (_rules[i].AcrossSinks.Contains(hit.Sink.Kind) && checks[i].ReportsAt(body, hit))
                {
                    rules |= 1 << i;
                }
            }

            if (rules != 0)
            {
                // The consent shown at the sink counts for the data callers bring (docs/design/value-flow-engine.md, "Consent across methods").
                facts.Add(new SinkFact(hit.Node, hit.Sink, hit.Taint, rules, hit.AcceptsString, hit.Whole?.Parameter ?? -1, hit.Whole?.Rendering ?? ObjectRendering.None, hit.WholeLeftAsIs,
                    hit.Sink.Kind is SinkKind.Storage or SinkKind.Network ? body.ConsentAt(hit.Call) : null));
            }
        }

        if (facts.Count == 0 && analysis.Calls.Count == 0 && analysis.Returned.IsEmpty && analysis.Stores.Count == 0 && analysis.Outs.Count == 0)
        {
            return null;
        }

        var stores = analysis.Stores.Select(store => (store.Key, store.Value)).ToImmutableArray();
        var outs = analysis.Outs.Select(left => (left.Key, left.Value)).ToImmutableArray();
        return new MethodFacts(owner.OriginalDefinition, analysis.Returned, analysis.Calls.ToImmutableArray(), facts.ToImmutable(), stores, outs);
    }

    private void AnalyzeMember(OperationBlockAnalysisContext context, ValueFlowEngine engine, IValueFlowCheck[] checks, System.Collections.Concurrent.ConcurrentQueue<ValueFlowBody>? recordAtEnd)
    {
        var blocks = context.OperationBlocks;
        if (engine.Entities is { } entities && context.OwningSymbol is IMethodSymbol method && entities.Configures(method))
        {
            entities.Read(method, blocks, engine.Transfers, context.CancellationToken);
        }

        for (var i = 0; i < blocks.Length; i++)
        {
            if (OperationTree.IsFirstOfGraphRoot(blocks, i, out var root))
            {
                AnalyzeRoot(context, blocks[i], root, engine, checks, recordAtEnd);
            }
        }
    }

    private void AnalyzeRoot(OperationBlockAnalysisContext context, IOperation block, IOperation root, ValueFlowEngine engine, IValueFlowCheck[] checks, System.Collections.Concurrent.ConcurrentQueue<ValueFlowBody>? recordAtEnd)
    {
        // `= ""`, `= 0`: a constant initializer calls nothing and reads nothing sensitive.
        if (root is ISymbolInitializerOperation { Value.ConstantValue.HasValue: true })
        {
            return;
        }

        engine.Consent.NoteModel(root.SemanticModel);

        // What a wrapper check's own body shows, for its callers in other files (docs/design/value-flow-engine.md, "Consent across methods").
        if (engine.Consent.ReadsWrappersElsewhere && context.OwningSymbol is IMethodSymbol method)
        {
            engine.Consent.NoteOwnBody(method, root);
        }

        var survey = engine.Surveyor.Survey(root, _sinkKinds, _askRequiredCalls, _wantedData, followCalls: engine.CrossMethod.Enabled, owner: context.OwningSymbol);
        ValueFlowBody? body = null;
        var asking = 0;
        var analysedSinks = SinkKinds.None;

        // Each rule asks only where its sinks and its data meet (or a call needs consent), and not where the
        // body's shape alone shows it cannot report: then no graph is built on its account.
        for (var i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].Asks(survey) || _rules[i].AsksAbout(engine, context.OwningSymbol, root, survey))
            {
                body ??= new ValueFlowBody(context, block, root, engine, survey);
                if (!checks[i].CannotReport(body))
                {
                    asking |= 1 << i;
                    analysedSinks |= _rules[i].AnalysedSinks;
                }
            }
        }

        if (body is not null && asking != 0)
        {
            body.AnalysedSinks = analysedSinks;
            for (var i = 0; i < _rules.Length; i++)
            {
                if ((asking & (1 << i)) != 0)
                {
                    checks[i].Report(body);
                }
            }
        }

        // Where this body calls a helper, and the consent shown there (docs/design/value-flow-engine.md, "Consent across methods").
        if (survey.HelperUses is { } uses && engine.HelperCalls.Enabled)
        {
            var caller = body ??= new ValueFlowBody(context, block, root, engine, survey);
            engine.HelperCalls.Record(context.OwningSymbol, uses, caller.ChecksConsent, caller.EntryMask, () => (caller.Graph, caller.Guards.MaskAt));
        }

        if (_recorder is not null && Inventory.ProcessingRecorder.Wants(survey))
        {
            // The consent a wrapper of another file shows is known only at compilation end (docs/design/value-flow-engine.md, "Consent across methods").
            var recorded = body ?? new ValueFlowBody(context, block, root, engine, survey);
            if (recordAtEnd is not null && engine.Consent.ReadsWrappersElsewhere && engine.Consent.CallsWrapperElsewhere(root))
            {
                recordAtEnd.Enqueue(recorded);
            }
            else
            {
                _recorder.RecordBody(recorded);
            }
        }

        Summarize(context, root, engine, survey);
    }

    // The data classes the rules whose sinks a body calls report.
    private DataClasses WantedData(SinkKinds sinks)
    {
        var wanted = DataClasses.None;
        foreach (var rule in _rules)
        {
            if (rule.Sinks.Overlaps(sinks))
            {
                wanted |= rule.Data;
            }
        }

        return wanted;
    }
}
