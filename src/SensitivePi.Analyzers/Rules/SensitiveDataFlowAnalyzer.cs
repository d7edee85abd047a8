using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Engine;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// The rules that follow sensitive values to sinks: SPI001 (plaintext transmission), SPI002 (unmasked
/// logging), SPI003 and SPI005 (missing separate or guardian consent) and SPI006 (raw biometric samples
/// stored). One analyzer, so that each body is surveyed once, gets one taint analysis for every sink kind
/// its rules ask about and one consent-guard analysis; analyzers cannot share work otherwise without a
/// static cache.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public class SensitiveDataFlowAnalyzer : DiagnosticAnalyzer
{
    // Classes of sensitive data the survey tells apart, as bits: which rules a body's data concerns.
    private const int AnyData = 1;
    private const int ConsentBasedData = 2;
    private const int ChildData = 4;
    private const int RawSampleData = 8;

    // The rules whose every report needs consent bits missing at the sink.
    private const ValueFlowRules ConsentShownByGuards =
        ValueFlowRules.MissingSeparateConsent | ValueFlowRules.MissingGuardianConsent | ValueFlowRules.RawBiometricPersisted;

    private static readonly int LoggingSink = ValueFlowEngine.SinkBit(SinkKind.Logging);
    private static readonly int NetworkSink = ValueFlowEngine.SinkBit(SinkKind.Network);
    private static readonly int StorageSink = ValueFlowEngine.SinkBit(SinkKind.Storage);

    private readonly ValueFlowRules _rules;
    private readonly int _sinkKinds;
    private readonly Func<int, int> _wantedData;

    public SensitiveDataFlowAnalyzer()
        : this(ValueFlowRules.All)
    {
    }

    /// <summary>An analyzer for some of the rules only (tests check one rule at a time).</summary>
    protected SensitiveDataFlowAnalyzer(ValueFlowRules rules)
    {
        _rules = rules;
        var descriptors = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
        foreach (var (rule, descriptor) in new[]
        {
            (ValueFlowRules.UnencryptedTransmission, Descriptors.UnencryptedTransmission),
            (ValueFlowRules.UnmaskedLogging, Descriptors.UnmaskedLogging),
            (ValueFlowRules.MissingSeparateConsent, Descriptors.MissingSeparateConsent),
            (ValueFlowRules.MissingGuardianConsent, Descriptors.MissingGuardianConsent),
            (ValueFlowRules.RawBiometricPersisted, Descriptors.RawBiometricPersisted),
        })
        {
            if ((rules & rule) != 0)
            {
                descriptors.Add(descriptor);
            }
        }

        SupportedDiagnostics = descriptors.ToImmutable();
        _sinkKinds = (Checks(ValueFlowRules.UnmaskedLogging) ? LoggingSink : 0)
            | (Checks(ValueFlowRules.UnencryptedTransmission) ? NetworkSink : 0)
            | (Checks(ValueFlowRules.MissingSeparateConsent | ValueFlowRules.MissingGuardianConsent) ? ConsentRule.SinkKinds : 0)
            | (Checks(ValueFlowRules.RawBiometricPersisted) ? StorageSink : 0);
        _wantedData = WantedData;
    }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ValueFlowEngine.TryCreate(start.Compilation, start.CancellationToken) is not { } engine)
            {
                return;
            }

            var consent = new ConsentRule(engine);
            Func<IOperation, bool>? requiresConsent = Checks(ValueFlowRules.MissingSeparateConsent | ValueFlowRules.MissingGuardianConsent)
                ? operation => consent.RequiredCall(operation) is not null
                : null;

            // SPI001's facts of a type (Engine/TypeFacts), read once per type whichever of its bodies asks first.
            var typeFacts = new ConcurrentDictionary<INamedTypeSymbol, ValueDefinitions?>(SymbolEqualityComparer.Default);
            start.RegisterOperationBlockAction(block => AnalyzeMember(block, engine, consent, requiresConsent, typeFacts));
        });
    }

    private bool Checks(ValueFlowRules rule) => (_rules & rule) != 0;

    private void AnalyzeMember(
        OperationBlockAnalysisContext context, ValueFlowEngine engine, ConsentRule consent, Func<IOperation, bool>? requiresConsent,
        ConcurrentDictionary<INamedTypeSymbol, ValueDefinitions?> typeFacts)
    {
        var blocks = context.OperationBlocks;
        for (var i = 0; i < blocks.Length; i++)
        {
            if (ValueFlowEngine.IsFirstOfGraphRoot(blocks, i, out var root))
            {
                AnalyzeRoot(context, blocks[i], root, engine, consent, requiresConsent, typeFacts);
            }
        }
    }

    private void AnalyzeRoot(
        OperationBlockAnalysisContext context, IOperation block, IOperation root, ValueFlowEngine engine, ConsentRule consent, Func<IOperation, bool>? requiresConsent,
        ConcurrentDictionary<INamedTypeSymbol, ValueDefinitions?> typeFacts)
    {
        // `= ""`, `= 0`: a constant initializer calls nothing and reads nothing sensitive.
        if (root is ISymbolInitializerOperation { Value.ConstantValue.HasValue: true })
        {
            return;
        }

        var survey = engine.Survey(root, _sinkKinds, requiresConsent, Classify, _wantedData);

        // Each rule asks only where its sinks and its data meet (or, for consent, a call needs it).
        var asking = ValueFlowRules.None;
        if (survey.Meet(LoggingSink, AnyData))
        {
            asking |= ValueFlowRules.UnmaskedLogging;
        }

        if (survey.Meet(NetworkSink, AnyData))
        {
            asking |= ValueFlowRules.UnencryptedTransmission;
        }

        if (survey.HasExtra || survey.Meet(ConsentRule.SinkKinds, ConsentBasedData))
        {
            asking |= ValueFlowRules.MissingSeparateConsent;
        }

        if (survey.HasExtra || survey.Meet(ConsentRule.SinkKinds, ChildData))
        {
            asking |= ValueFlowRules.MissingGuardianConsent;
        }

        if (survey.Meet(StorageSink, RawSampleData))
        {
            asking |= ValueFlowRules.RawBiometricPersisted;
        }

        // The usual shape, a consent guard at the top of the body, answers the consent and raw-sample
        // questions without a graph; calls that require consent still go to the graph.
        asking &= _rules;
        if ((asking & ConsentShownByGuards) != 0 && !survey.HasExtra
            && engine.ShowsConsentThroughout(root, consent.EntryMask(context.OwningSymbol)))
        {
            asking &= ~ConsentShownByGuards;
        }

        if (asking != ValueFlowRules.None)
        {
            AnalyzeBody(context, block, root, asking, engine, consent, typeFacts);
        }
    }

    // Only for bodies some rule asks about: the graph, one taint analysis, and the guards when needed.
    private static void AnalyzeBody(
        OperationBlockAnalysisContext context, IOperation block, IOperation root, ValueFlowRules asking, ValueFlowEngine engine, ConsentRule consent,
        ConcurrentDictionary<INamedTypeSymbol, ValueDefinitions?> typeFacts)
    {
        ValueDefinitions? definitions = null;
        ValueDefinitions Definitions() => definitions ??= ValueDefinitions.Of(root);

        // Logging calls given only constants and facts (`response.StatusCode`), and sends whose channel is not
        // plaintext, cannot be reported whatever flows where: these questions need no graph.
        var logging = (asking & ValueFlowRules.UnmaskedLogging) != 0
            && !engine.EverySinkCall(root, SinkKind.Logging, engine.TakesNoData);
        var transmission = (asking & ValueFlowRules.UnencryptedTransmission) != 0
            && !engine.EverySinkCall(root, SinkKind.Network, (call, sink) => Channel(context, root, call, sink, Definitions, typeFacts).Security != ChannelSecurity.Plaintext);
        var separate = (asking & ValueFlowRules.MissingSeparateConsent) != 0;
        var guardian = (asking & ValueFlowRules.MissingGuardianConsent) != 0;
        var rawSamples = (asking & ValueFlowRules.RawBiometricPersisted) != 0;
        if (!(logging || transmission || separate || guardian || rawSamples))
        {
            return;
        }

        var graph = context.GetControlFlowGraph(block);
        var kinds = new List<SinkKind>(3);
        if (logging)
        {
            kinds.Add(SinkKind.Logging);
        }

        if (transmission || separate || guardian)
        {
            kinds.Add(SinkKind.Network);
        }

        if (separate || guardian || rawSamples)
        {
            kinds.Add(SinkKind.Storage);
        }

        var hits = MethodAnalysis.Run(engine, graph, context.OwningSymbol, kinds.ToArray());
        ConsentGuards? guards = null;
        ConsentGuards Guards() => guards ??= ConsentGuardAnalysis.Analyze(graph, engine.Consent, consent.EntryMask(context.OwningSymbol));

        foreach (var hit in hits)
        {
            if (hit.Sink.Kind == SinkKind.Logging && logging)
            {
                context.ReportDiagnostic(UnmaskedLoggingRule.Create(hit));
            }
            else if (hit.Sink.Kind == SinkKind.Network && transmission)
            {
                var verdict = Channel(context, root, hit.Call, hit.Sink, Definitions, typeFacts);
                if (verdict.Security == ChannelSecurity.Plaintext)
                {
                    context.ReportDiagnostic(UnencryptedTransmissionRule.Create(hit, verdict));
                }
            }
            else if (hit.Sink.Kind == SinkKind.Storage && rawSamples)
            {
                ReportRawSamples(context, hit, Guards());
            }
        }

        if (separate || guardian)
        {
            // Operations of different roots differ, so one body's set suffices to report each (operation, category) once.
            var violations = new List<ConsentViolation>();
            consent.Analyze(graph, Guards(), hits, Definitions, separate, guardian, violations, new HashSet<(IOperation, PiCategory)>());
            foreach (var violation in violations)
            {
                context.ReportDiagnostic(ConsentRuleDiagnostics.Create(violation));
            }
        }
    }

    private static ChannelVerdict Channel(
        OperationBlockAnalysisContext context, IOperation root, IOperation call, SinkMatch sink, Func<ValueDefinitions> definitions,
        ConcurrentDictionary<INamedTypeSymbol, ValueDefinitions?> typeFacts)
    {
        var verdict = new ChannelResolver(definitions(), type: null).Resolve(call, sink, root);
        if (verdict.NeedsTypeFacts)
        {
            // A client or URL held in a field: what the type's members assign to it decides.
            if (context.OwningSymbol.ContainingType is { } type
                && typeFacts.GetOrAdd(type, _ => TypeFacts.Of(type, root, context.CancellationToken)) is { } facts)
            {
                verdict = new ChannelResolver(definitions(), facts).Resolve(call, sink, root);
            }
        }

        return verdict;
    }

    // The data classes the rules whose sinks a body calls report.
    private int WantedData(int sinks) =>
        ((Checks(ValueFlowRules.UnmaskedLogging) && (sinks & LoggingSink) != 0)
            || (Checks(ValueFlowRules.UnencryptedTransmission) && (sinks & NetworkSink) != 0) ? AnyData : 0)
        | (Checks(ValueFlowRules.MissingSeparateConsent) && (sinks & ConsentRule.SinkKinds) != 0 ? ConsentBasedData : 0)
        | (Checks(ValueFlowRules.MissingGuardianConsent) && (sinks & ConsentRule.SinkKinds) != 0 ? ChildData : 0)
        | (Checks(ValueFlowRules.RawBiometricPersisted) && (sinks & StorageSink) != 0 ? RawSampleData : 0);

    private static int Classify(SensitiveOrigin origin) =>
        AnyData
        | (origin.LegalBasis != PiLegalBasis.Consent ? 0 : origin.Category == PiCategory.MinorUnder14 ? ChildData : ConsentBasedData)
        | (origin.IsRawSample ? RawSampleData : 0);

    // SPI006: keeping raw samples is allowed with the individual's separate consent for biometrics. Masked or
    // encrypted samples are not raw any more (the engine's sanitizers).
    private static void ReportRawSamples(OperationBlockAnalysisContext context, SinkHit hit, ConsentGuards guards)
    {
        var raw = Taint.Empty;
        foreach (var origin in hit.Taint.Origins)
        {
            if (origin.IsRawSample)
            {
                raw = raw.Union(Taint.Of(origin));
            }
        }

        if (!raw.IsEmpty && (guards.MaskAt(hit.Call) & ConsentCatalog.Bit(PiCategory.Biometric)) == 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RawBiometricPersisted, hit.Node.GetLocation(), raw.Describe(), hit.Sink.DisplayName));
        }
    }
}
