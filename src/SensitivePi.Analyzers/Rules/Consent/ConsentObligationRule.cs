using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// The shape SPI003 and SPI005 share: they ask where data of their class is kept or sent, or a call requires
/// consent; a guard at the top of the body can clear them without a graph; they report the operations
/// <see cref="ConsentObligations"/> finds unguarded for the consent that counts for them. In a helper only this
/// assembly calls, an unguarded operation is decided at compilation end by its call sites: guarded where every
/// call site is, otherwise reported at each call site that is not (docs/design/value-flow-engine.md, "Consent across methods").
/// </summary>
internal abstract class ConsentObligationRule : ValueFlowRule
{
    private readonly bool _guardian;
    private readonly DiagnosticDescriptor _atEnd;

    /// <param name="guardian">Whether the guardian's consent for MinorUnder14 counts (SPI005), or a separate consent for the other categories (SPI003).</param>
    protected ConsentObligationRule(ValueFlowRules id, DiagnosticDescriptor descriptor, DiagnosticDescriptor atEnd, DataClasses data, bool guardian)
        : base(id, descriptor, ConsentObligations.SinksNeedingConsent, data, ConsentObligations.SinksNeedingConsent)
    {
        _guardian = guardian;
        _atEnd = atEnd;
    }

    public sealed override bool AsksOnRequiredCalls => true;

    public sealed override bool ReadsHelperCalls => true;

    public sealed override bool ReadsWrappersElsewhere => true;

    public sealed override DiagnosticDescriptor AcrossDescriptor => _atEnd;

    // A helper of yours that keeps or sends what it is given (`_records.Archive(patient.Diagnosis)`): reported at the call
    // through which the data enters it, unless consent is shown there, on the way or in the helper before the operation
    // (docs/rules/SPI003.md, "Helpers: consent across methods").
    public sealed override SinkKinds AcrossSinks => ConsentObligations.SinksNeedingConsent;

    public sealed override IValueFlowCheck Start(ValueFlowEngine engine) => new Check(this, engine);

    /// <summary>A body that waited for compilation end, with its guards worked out again now that every wrapper is known.</summary>
    private protected virtual ValueFlowBody AtCompilationEnd(ValueFlowBody waiting, System.Threading.CancellationToken cancellationToken) =>
        waiting.AtCompilationEnd(cancellationToken);

    private sealed class Check : IValueFlowCheck, IReportsAtCompilationEnd
    {
        private readonly ConsentObligationRule _rule;
        private readonly ValueFlowEngine _engine;

        // Unguarded operations of helpers, decided by their call sites at compilation end.
        private readonly ConcurrentQueue<HeldConsentNeed> _deferred = new();

        // Bodies whose verdict depends on a wrapper declared in another file, decided at compilation end.
        private readonly WaitingBodies _waiting = new();

        public Check(ConsentObligationRule rule, ValueFlowEngine engine)
        {
            _rule = rule;
            _engine = engine;
        }

        public bool CannotReport(ValueFlowBody body) => body.ConsentShownThroughout;

        public void Report(ValueFlowBody body)
        {
            var violations = ConsentObligations.Violations(body, separate: !_rule._guardian, guardian: _rule._guardian);
            if (violations.Count == 0)
            {
                return;
            }

            // A call that may be a wrapper check declared in another file is told only once every body has been read
            // (docs/design/value-flow-engine.md, "Consent across methods"): the body's verdict waits for compilation end.
            if (_waiting.Hold(_engine, body))
            {
                return;
            }

            Decide(body, violations, _rule.Descriptor, body.Report);
        }

        // A helper's unguarded operations wait for its call sites; any other body's are reported.
        private void Decide(ValueFlowBody body, List<ConsentViolation> violations, DiagnosticDescriptor descriptor, System.Action<Diagnostic> report)
        {
            var helper = HelperConsent.HelperOf(_engine, body.Owner);
            foreach (var violation in violations)
            {
                if (helper is not null)
                {
                    var held = violation;
                    _deferred.Enqueue(new HeldConsentNeed(
                        helper, held.Operation.Syntax, held.Category, held.Accepting, (node, path) => ConsentRuleDiagnostics.Create(_rule._atEnd, node, held.Along(path))));
                }
                else
                {
                    report(ConsentRuleDiagnostics.Create(descriptor, violation.Operation.Syntax, violation));
                }
            }
        }

        // Where data needing consent, reaching an operation of another method, was reported, and for which category: once each.
        private readonly HashSet<(SyntaxTree?, Microsoft.CodeAnalysis.Text.TextSpan, PiCategory)> _reportedAcross = new();

        // Any store or send of what callers bring: which data needs which consent is known only with the data.
        public bool ReportsAt(ValueFlowBody body, SinkHit hit) => ConsentObligations.NeedsConsentFor(body, hit);

        // At the call through which the data enters the path (the sink call itself when a callee's result reaches it), once per
        // category no check on the way, nor the method's before the operation, shows; in a helper, at its unguarded call sites
        // (docs/rules/SPI003.md, "Helpers: consent across methods").
        public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
        {
            var required = ConsentObligations.Required(finding.Data, finding.Sink.Sink.Kind);
            if (required == 0)
            {
                return;
            }

            var shown = finding.Sink.Consent;
            foreach (var step in finding.Path)
            {
                shown |= step.Consent;
            }

            var node = finding.Path.IsEmpty ? ConsentObligations.OperationAt(finding.Node) : finding.Path[0].Site;
            var helper = finding.Owner is { } owner ? HelperConsent.HelperOf(_engine, owner) : null;
            foreach (var category in PiEnumRanges.Categories)
            {
                var needed = ConsentCatalog.NeededBit(category);
                if ((required & ConsentCatalog.Bit(category)) == 0 || (category == PiCategory.MinorUnder14) != _rule._guardian || (shown & needed) != 0)
                {
                    continue;
                }

                var data = ConsentObligations.Describe(finding.Data, category);
                var described = category;
                Diagnostic Create(SyntaxNode at, ImmutableList<string> outer) => ConsentRuleDiagnostics.Create(
                    _rule._atEnd, at, finding.StepLocations(), described, ConsentObligations.Along(finding, outer), data);
                void Once(Diagnostic diagnostic)
                {
                    if (_reportedAcross.Add((diagnostic.Location.SourceTree, diagnostic.Location.SourceSpan, described)))
                    {
                        report(diagnostic);
                    }
                }

                if (helper is null)
                {
                    Once(Create(node, ImmutableList<string>.Empty));
                }
                else
                {
                    HelperConsent.Decide(new[] { new HeldConsentNeed(helper, node, category, needed, Create) }, _engine.HelperCalls, Once);
                }
            }
        }

        public void ReportAtEnd(ValueFlowEngine engine, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            // Every wrapper has been read now: the waiting bodies' guards are worked out again.
            var failed = _waiting.DecideAll(
                _rule.AtCompilationEnd,
                again => Decide(again, ConsentObligations.Violations(again, separate: !_rule._guardian, guardian: _rule._guardian), _rule._atEnd, report),
                cancellationToken);
            HelperConsent.Decide(_deferred, engine.HelperCalls, report);
            WaitingBodies.Rethrow(failed);
        }

    }
}
