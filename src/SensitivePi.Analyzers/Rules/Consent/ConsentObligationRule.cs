using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Analysis;
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
    // Call sites followed outwards through helpers that call helpers, at most this many calls deep.
    private const int MaxHelperDepth = 8;

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

    public sealed override DiagnosticDescriptor AcrossDescriptor => _atEnd;

    public sealed override IValueFlowCheck Start(ValueFlowEngine engine) => new Check(this, engine);

    private sealed class Check : IValueFlowCheck, IReportsAtCompilationEnd
    {
        private readonly ConsentObligationRule _rule;
        private readonly ValueFlowEngine _engine;

        // Unguarded operations of helpers, decided by their call sites at compilation end.
        private readonly ConcurrentQueue<(IMethodSymbol Helper, ConsentViolation Violation)> _deferred = new();

        public Check(ConsentObligationRule rule, ValueFlowEngine engine)
        {
            _rule = rule;
            _engine = engine;
        }

        public bool CannotReport(ValueFlowBody body) => body.ConsentShownThroughout;

        public void Report(ValueFlowBody body)
        {
            var helper = body.Owner is IMethodSymbol method && _engine.HelperCalls.Enabled && _engine.HelperCalls.IsHelper(method) ? method : null;
            foreach (var violation in ConsentObligations.Violations(body, separate: !_rule._guardian, guardian: _rule._guardian))
            {
                if (helper is not null)
                {
                    _deferred.Enqueue((helper, violation));
                }
                else
                {
                    body.Report(ConsentRuleDiagnostics.Create(_rule.Descriptor, violation.Operation.Syntax, violation));
                }
            }
        }

        // Only what one body shows for value flows; consent across methods is decided at compilation end.
        public bool ReportsAt(ValueFlowBody body, SinkHit hit) => false;

        public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
        {
        }

        public void ReportAtEnd(ValueFlowEngine engine, System.Action<Diagnostic> report)
        {
            // A worklist of (helper, the node inside it that needs consent, what it needs); a call site that shows no
            // consent moves the question to its own caller when that is a helper too.
            var pending = new Queue<(IMethodSymbol Helper, SyntaxNode Node, ConsentViolation Violation, int Depth)>();
            foreach (var (helper, violation) in _deferred.OrderBy(d => d.Violation.Operation.Syntax.SyntaxTree.FilePath, System.StringComparer.Ordinal).ThenBy(d => d.Violation.Operation.Syntax.SpanStart))
            {
                pending.Enqueue((helper, violation.Operation.Syntax, violation, 0));
            }

            var seen = new HashSet<(SyntaxNode, PiCategory)>();
            while (pending.Count > 0)
            {
                var (helper, node, violation, depth) = pending.Dequeue();
                if (!seen.Add((node, violation.Category)))
                {
                    continue;
                }

                var sites = engine.HelperCalls.Of(helper);
                if (sites.Count == 0 || depth >= MaxHelperDepth || sites.Any(s => s.IsDelegate))
                {
                    // Never called here, handed out as a delegate (a route or event handler: its callers are unknown), or
                    // called too far out to follow: the operation answers where it is.
                    report(ConsentRuleDiagnostics.Create(_rule._atEnd, node, violation));
                    continue;
                }

                var through = violation.Through(helper);
                foreach (var site in sites.OrderBy(s => s.Call.SyntaxTree.FilePath, System.StringComparer.Ordinal).ThenBy(s => s.Call.SpanStart))
                {
                    // A guarded call site, or the helper calling itself (inside a call already decided).
                    if ((site.Consent & violation.Accepting) != 0
                        || (site.Caller is IMethodSymbol self && SymbolEqualityComparer.Default.Equals(self.OriginalDefinition, helper.OriginalDefinition)))
                    {
                        continue;
                    }

                    if (site.Caller is IMethodSymbol caller && engine.HelperCalls.IsHelper(caller))
                    {
                        pending.Enqueue((caller.OriginalDefinition, site.Call, through, depth + 1));
                    }
                    else
                    {
                        report(ConsentRuleDiagnostics.Create(_rule._atEnd, site.Call, through));
                    }
                }
            }
        }
    }
}
