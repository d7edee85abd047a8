using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// A rule that follows sensitive values to sinks, as <see cref="SensitiveDataFlowAnalyzer"/> runs it: the
/// sinks and data classes that make it ask about a body, the sink kinds whose hits it reads, and, per
/// compilation, its check (<see cref="Start"/>). The analyzer surveys each body once, asks only the rules
/// whose sinks and data meet there, runs each analysis at most once, and hands every asking rule the same
/// results. A rule knows no other rule. docs/design/architecture.md, "Adding a rule".
/// </summary>
internal abstract class ValueFlowRule
{
    protected ValueFlowRule(ValueFlowRules id, DiagnosticDescriptor descriptor, SinkKinds sinks, DataClasses data, SinkKinds analysedSinks)
    {
        Id = id;
        Descriptor = descriptor;
        Sinks = sinks;
        Data = data;
        AnalysedSinks = analysedSinks;
    }

    /// <summary>The rule's flag, by which tests restrict the analyzer to it.</summary>
    public ValueFlowRules Id { get; }

    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>Sink kinds whose calls, in a body that also touches <see cref="Data"/>, make the rule ask about it.</summary>
    public SinkKinds Sinks { get; }

    /// <summary>The classes of data the rule reports.</summary>
    public DataClasses Data { get; }

    /// <summary>The sink kinds whose hits the rule reads from the body's taint analysis.</summary>
    public SinkKinds AnalysedSinks { get; }

    /// <summary>
    /// The sink kinds at which the rule reports data that arrives from other methods (docs/design/value-flow-engine.md, "Across methods"),
    /// with <see cref="AcrossDescriptor"/>; none for a rule that reports only what one body shows.
    /// </summary>
    public virtual SinkKinds AcrossSinks => SinkKinds.None;

    /// <summary>
    /// The descriptor of the rule's compilation-end reports: needed when <see cref="AcrossSinks"/> is not empty, or
    /// when its check implements <see cref="IReportsAtCompilationEnd"/>.
    /// </summary>
    public virtual DiagnosticDescriptor? AcrossDescriptor => null;

    /// <summary>
    /// Whether the rule reads the compilation's EF Core model (<see cref="ValueFlowEngine.Entities"/>) in its
    /// compilation-end check (<see cref="IReportsAtCompilationEnd"/>).
    /// </summary>
    public virtual bool ReadsEntityModel => false;

    /// <summary>
    /// Whether the rule reads the call sites of the compilation's helpers (<see cref="ValueFlowEngine.HelperCalls"/>) in its
    /// compilation-end check: then every body that calls one records its calls with the consent shown at each.
    /// </summary>
    public virtual bool ReadsHelperCalls => false;

    /// <summary>
    /// Whether the rule's consent verdicts count wrapper checks declared in other files than their callers (docs/design/value-flow-engine.md,
    /// "Consent across methods"): then every wrapper-shaped body is read as it is analysed, and a verdict depending on one waits.
    /// </summary>
    public virtual bool ReadsWrappersElsewhere => false;

    /// <summary>Whether the rule also asks about a body that calls or creates something marked [RequiresSeparateConsent].</summary>
    public virtual bool AsksOnRequiredCalls => false;

    /// <summary>
    /// Whether the rule asks about a body that <see cref="Asks"/> would not (a controller action or route handler whose
    /// result is data, though the body reads no classified member): asked only of the rules that override it.
    /// </summary>
    public virtual bool AsksAbout(ValueFlowEngine engine, ISymbol owner, IOperation root, in BodySurvey survey) => false;

    /// <summary>Whether the rule asks about a body with this survey.</summary>
    public bool Asks(in BodySurvey survey) => survey.Meet(Sinks, Data) || (AsksOnRequiredCalls && survey.HasRequiredCall);

    /// <summary>The rule's check for one compilation; per-compilation caches live in it, never in a static.</summary>
    public abstract IValueFlowCheck Start(ValueFlowEngine engine);
}

/// <summary>A rule's check within one compilation.</summary>
internal interface IValueFlowCheck
{
    /// <summary>
    /// Optional: true when the body's shape alone shows the rule cannot report in it, whatever flows where; the
    /// body then needs no graph on this rule's account. Must never be true where <see cref="Report"/> would report.
    /// </summary>
    bool CannotReport(ValueFlowBody body);

    /// <summary>Reports what the body's analyses (queried through <paramref name="body"/>) show.</summary>
    void Report(ValueFlowBody body);

    /// <summary>
    /// For a rule with <see cref="ValueFlowRule.AcrossSinks"/>: whether it would report at <paramref name="hit"/>,
    /// a sink of <paramref name="body"/> whose data comes from callers or callees, whatever that data turns out to be
    /// (the sink's own conditions: a plaintext channel). Asked in the body's summarising run.
    /// </summary>
    bool ReportsAt(ValueFlowBody body, SinkHit hit);

    /// <summary>Reports, at compilation end, declared data entering a path to a sink <see cref="ReportsAt"/> accepted.</summary>
    void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report);
}

/// <summary>
/// A rule's check with reports that wait for every body of the compilation (an SPI001 send whose channel a
/// registration elsewhere decides, an entity member the EF Core model stores): asked once, at compilation end.
/// </summary>
internal interface IReportsAtCompilationEnd
{
    void ReportAtEnd(ValueFlowEngine engine, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken);
}
