using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// An operation inside a helper that needs consent the helper's body does not show, held back until its call sites
/// are known. <see cref="Create"/> makes the rule's diagnostic at a node, given the helpers between that node and the
/// operation (outermost first; empty at the operation itself).
/// </summary>
internal sealed class HeldConsentNeed
{
    public HeldConsentNeed(IMethodSymbol helper, SyntaxNode operation, PiCategory category, int accepting, Func<SyntaxNode, ImmutableList<string>, Diagnostic> create)
    {
        Helper = helper;
        Operation = operation;
        Category = category;
        Accepting = accepting;
        Create = create;
    }

    public IMethodSymbol Helper { get; }

    public SyntaxNode Operation { get; }

    public PiCategory Category { get; }

    /// <summary>The consent bits any one of which guards the operation (<see cref="ConsentCatalog.Accepting"/>).</summary>
    public int Accepting { get; }

    public Func<SyntaxNode, ImmutableList<string>, Diagnostic> Create { get; }
}

/// <summary>
/// What the consent rules (SPI003, SPI005, SPI014) share about helpers, the methods only this assembly can call: an
/// operation a helper's body leaves unguarded is decided at compilation end by the helper's call sites
/// (docs/design/value-flow-engine.md, "Consent across methods").
/// </summary>
internal static class HelperConsent
{
    // Call sites followed outwards through helpers that call helpers, at most this many calls deep.
    private const int MaxHelperDepth = 8;

    /// <summary>Whether an operation of <paramref name="owner"/>'s body is decided by call sites rather than where it is.</summary>
    public static IMethodSymbol? HelperOf(ValueFlowEngine engine, ISymbol owner) =>
        owner is IMethodSymbol method && engine.HelperCalls.Enabled && engine.HelperCalls.IsHelper(method) ? method : null;

    /// <summary>
    /// A guarded call site clears the need; an unguarded one is reported, naming the path, or, inside another helper,
    /// becomes that helper's question; a helper called nowhere, or handed out as a delegate (its callers are unknown),
    /// reports the operation where it is; a helper's call to itself is inside a call already decided.
    /// </summary>
    public static void Decide(IEnumerable<HeldConsentNeed> held, HelperCallSites sites, Action<Diagnostic> report)
    {
        var pending = new Queue<(IMethodSymbol Helper, SyntaxNode Node, ImmutableList<string> Path, HeldConsentNeed Need, int Depth)>();
        foreach (var need in held.OrderBy(n => n.Operation.SyntaxTree.FilePath, StringComparer.Ordinal).ThenBy(n => n.Operation.SpanStart))
        {
            pending.Enqueue((need.Helper.OriginalDefinition, need.Operation, ImmutableList<string>.Empty, need, 0));
        }

        var seen = new HashSet<(SyntaxNode, PiCategory, int)>();
        while (pending.Count > 0)
        {
            var (helper, node, path, need, depth) = pending.Dequeue();
            if (!seen.Add((node, need.Category, need.Accepting)))
            {
                continue;
            }

            // A helper's calls to itself are inside a call already decided: one called only by itself is called nowhere.
            var calls = sites.Of(helper).Where(s => !SymbolEqualityComparer.Default.Equals((s.Caller as IMethodSymbol)?.OriginalDefinition, helper)).ToList();
            if (calls.Count == 0 || depth >= MaxHelperDepth || calls.Any(s => s.IsDelegate))
            {
                report(need.Create(node, path));
                continue;
            }

            var through = path.Insert(0, helper.ContainingType.Name + "." + helper.Name);
            foreach (var site in calls.OrderBy(s => s.Call.SyntaxTree.FilePath, StringComparer.Ordinal).ThenBy(s => s.Call.SpanStart))
            {
                var caller = site.Caller as IMethodSymbol;
                if ((site.Consent & need.Accepting) != 0)
                {
                    continue;
                }

                if (caller is not null && sites.IsHelper(caller))
                {
                    pending.Enqueue((caller.OriginalDefinition, site.Call, through, need, depth + 1));
                }
                else
                {
                    report(need.Create(site.Call, through));
                }
            }
        }
    }
}
