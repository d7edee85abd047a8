using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>An operation that needs consent for a category and is not guarded for it on every path.</summary>
internal sealed class ConsentViolation
{
    public ConsentViolation(IOperation operation, PiCategory category, string operationName, string data, int accepting, System.Collections.Immutable.ImmutableList<string>? path = null)
    {
        Operation = operation;
        Category = category;
        OperationName = operationName;
        Data = data;
        Accepting = accepting;
        Path = path ?? System.Collections.Immutable.ImmutableList<string>.Empty;
    }

    /// <summary>The helpers between a call site and the operation, outermost first (empty inside the operation's own body).</summary>
    public System.Collections.Immutable.ImmutableList<string> Path { get; }

    /// <summary>How messages name the operation: <c>File.WriteAllText' through 'Records.Relay', 'Records.Store</c> (the format quotes it).</summary>
    public string Described => Path.IsEmpty ? OperationName : OperationName + "' through '" + string.Join("', '", Path);

    public IOperation Operation { get; }

    /// <summary>The consent bits any one of which would have guarded the operation (<see cref="ConsentCatalog.Accepting"/>).</summary>
    public int Accepting { get; }

    /// <summary>The same need, seen from a call site: the message names the operation and the helpers on the way to it.</summary>
    public ConsentViolation Along(System.Collections.Immutable.ImmutableList<string> path) =>
        new(Operation, Category, OperationName, Data, Accepting, path);

    public PiCategory Category { get; }

    /// <summary>The callee or sink, as messages show it: <c>CheckInService.EnrolFaceAsync</c>, <c>DbSet.Add</c>.</summary>
    public string OperationName { get; }

    /// <summary>The data, as messages show it: <c>'FaceCapture.Photo' (Biometric)</c>, or <c>Biometric data</c> for a required call.</summary>
    public string Data { get; }
}

/// <summary>
/// What SPI003 and SPI005 share: which operations of a body need consent (calls of [RequiresSeparateConsent]
/// members; storage and transmission of Consent-based sensitive data) and whether the guard analysis shows it
/// on every path. They differ only in the consent that counts (a separate consent per category; the
/// guardian's for MinorUnder14).
/// </summary>
internal static class ConsentObligations
{
    /// <summary>The sink kinds whose Consent-based data needs consent.</summary>
    public const SinkKinds SinksNeedingConsent = SinkKinds.Storage | SinkKinds.Network;

    /// <summary>
    /// The operations of one body that need consent the guards do not show. <paramref name="separate"/>: the
    /// categories other than MinorUnder14; <paramref name="guardian"/>: MinorUnder14.
    /// </summary>
    public static List<ConsentViolation> Violations(ValueFlowBody body, bool separate, bool guardian)
    {
        var violations = new List<ConsentViolation>();

        // Operations of different roots differ, so one body's set suffices to report each (operation, category) once.
        var seen = new HashSet<(IOperation, PiCategory)>();
        var guards = body.Guards;

        // (a) calls of members that require consent; (b) stores and sends of Consent-based data.
        CheckRequiredCalls(body.Engine.Consent, body.Graph, guards, separate, guardian, violations, seen);
        var hits = body.Taint.Hits;

        foreach (var hit in hits)
        {
            if (hit.Sink.Kind is not (SinkKind.Storage or SinkKind.Network))
            {
                continue;
            }

            if (!IsOperation(body, hit))
            {
                continue;
            }

            Check(body.Engine.Consent, hit.Call, Required(hit.Taint, hit.Sink.Kind), purposeOf: null, hit.Sink.DisplayName, hit.Taint, guards, separate, guardian, violations, seen);
        }

        return violations;
    }

    /// <summary>Whether <paramref name="hit"/> keeps or sends what reaches it, so that data whose basis is consent needs it there.</summary>
    public static bool NeedsConsentFor(ValueFlowBody body, SinkHit hit) =>
        hit.Sink.Kind is SinkKind.Storage or SinkKind.Network && IsOperation(body, hit);

    /// <summary>The category bits of <paramref name="data"/> that need consent where a sink of <paramref name="kind"/> keeps or sends it.</summary>
    public static int Required(Taint data, SinkKind kind)
    {
        var required = 0;
        foreach (var origin in data.Origins)
        {
            // Biometric data sent over a network is SPI014's, whatever its basis (docs/rules/SPI014.md).
            if (origin.LegalBasis == PiLegalBasis.Consent && !origin.IsPlaceholder && !(kind == SinkKind.Network && origin.Category == PiCategory.Biometric))
            {
                required |= ConsentCatalog.Bit(origin.Category);
            }
        }

        return required;
    }

    /// <summary>
    /// How a message names the operation a finding across methods reaches: <c>File.WriteAllText' through 'Records.Keep',
    /// 'Archive.Keep(string)</c>, with <paramref name="outer"/> the helpers a call site decision went out through (the format quotes it).
    /// </summary>
    public static string Along(CrossMethodFinding finding, System.Collections.Immutable.ImmutableList<string> outer)
    {
        if (outer.IsEmpty)
        {
            return finding.SinkAndPath;
        }

        var steps = new List<string>(outer);
        foreach (var step in finding.Path)
        {
            steps.Add(step.DisplayName);
        }

        return finding.Sink.Sink.DisplayName + "' through '" + string.Join("', '", steps);
    }

    /// <summary>
    /// The call, creation or assignment (a sink property's setter, <c>parameter.Value = …</c>) whose value <paramref name="argument"/>
    /// is: where a consent rule reports a sink given a callee's result.
    /// </summary>
    public static SyntaxNode OperationAt(SyntaxNode argument)
    {
        for (var node = argument.Parent; node is not null; node = node.Parent)
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.BaseObjectCreationExpressionSyntax
                or Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax)
            {
                return node;
            }

            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax)
            {
                break;
            }
        }

        return argument;
    }

    // A writer or stream is a transmission only when it is shown to go to the network.
    private static bool IsOperation(ValueFlowBody body, SinkHit hit) =>
        !(hit.Sink.Kind == SinkKind.Network && hit.Sink.Entry?.Channel is NetworkChannel.Writer or NetworkChannel.FtpStream
            && new ChannelResolver(body.Definitions, type: null).Resolve(hit).Security == ChannelSecurity.Unknown);

    // A call declared for a purpose needs a check for that purpose or for every purpose; data kept or sent, any check.
    private static void Check(
        ConsentCatalog catalog, IOperation operation, int required, Func<PiCategory, string?>? purposeOf, string name, Taint? data, ConsentGuards guards, bool separate, bool guardian,
        List<ConsentViolation> violations, HashSet<(IOperation, PiCategory)> seen)
    {
        var mask = guards.MaskAt(operation);
        foreach (var category in PiEnumRanges.Categories)
        {
            var isChild = category == PiCategory.MinorUnder14;
            if ((required & ConsentCatalog.Bit(category)) == 0 || (isChild ? !guardian : !separate))
            {
                continue;
            }

            var needed = catalog.Accepting(category, purposeOf?.Invoke(category));
            if ((mask & needed) != 0 || !seen.Add((operation, category)))
            {
                continue;
            }

            violations.Add(new ConsentViolation(operation, category, name, Describe(data, category), needed));
        }
    }

    /// <summary>The data of <paramref name="category"/> whose basis is consent, as messages show it.</summary>
    public static string Describe(Taint? data, PiCategory category)
    {
        if (data is not null)
        {
            return data.Where(origin => origin.Category == category && origin.LegalBasis == PiLegalBasis.Consent).Describe();
        }

        return category + " data";
    }

    private static string Name(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Constructor
            ? "new " + method.ContainingType.Name
            : method.ContainingType.Name + "." + method.Name;

    // Every operation of the graph, its lambdas and its local functions; recursion rather than nested
    // iterators, which allocated two per operation of every analysed body.
    private static void CheckRequiredCalls(
        ConsentCatalog catalog,
        ControlFlowGraph graph, ConsentGuards guards, bool separate, bool guardian, List<ConsentViolation> violations, HashSet<(IOperation, PiCategory)> seen)
    {
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                CheckRequiredCallsIn(catalog, graph, operation, guards, separate, guardian, violations, seen);
            }

            if (block.BranchValue is { } branch)
            {
                CheckRequiredCallsIn(catalog, graph, branch, guards, separate, guardian, violations, seen);
            }
        }

        foreach (var localFunction in graph.LocalFunctions)
        {
            CheckRequiredCalls(catalog, graph.GetLocalFunctionControlFlowGraph(localFunction), guards, separate, guardian, violations, seen);
        }
    }

    private static void CheckRequiredCallsIn(
        ConsentCatalog catalog,
        ControlFlowGraph graph, IOperation operation, ConsentGuards guards, bool separate, bool guardian, List<ConsentViolation> violations,
        HashSet<(IOperation, PiCategory)> seen)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IFlowAnonymousFunctionOperation lambda)
            {
                CheckRequiredCalls(catalog, graph.GetAnonymousFunctionControlFlowGraph(lambda), guards, separate, guardian, violations, seen);
            }
            else if (catalog.RequiredCall(descendant) is { } callee)
            {
                Check(catalog, descendant, catalog.GetRequirement(callee), category => catalog.RequirementPurpose(callee, category), Name(callee), data: null, guards, separate, guardian, violations, seen);
            }
        }
    }
}
