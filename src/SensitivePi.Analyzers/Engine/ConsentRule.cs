using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SensitivePi.Analyzers.Engine;

/// <summary>An operation that needs consent for a category and is not guarded for it on every path.</summary>
internal sealed class ConsentViolation
{
    public ConsentViolation(IOperation operation, PiCategory category, string operationName, string data)
    {
        Operation = operation;
        Category = category;
        OperationName = operationName;
        Data = data;
    }

    public IOperation Operation { get; }

    public PiCategory Category { get; }

    /// <summary>The callee or sink, as messages show it: <c>CheckInService.EnrolFaceAsync</c>, <c>DbSet.Add</c>.</summary>
    public string OperationName { get; }

    /// <summary>The data, as messages show it: <c>'FaceCapture.Photo' (Biometric)</c>, or <c>Biometric data</c> for a required call.</summary>
    public string Data { get; }
}

/// <summary>
/// SPI003 and SPI005 share everything but the consent that counts: which operations need consent
/// (calls of [RequiresSeparateConsent] members; storage and transmission of Consent-based sensitive data)
/// and whether the guard analysis shows it on every path. One pass over a body serves both.
/// </summary>
internal sealed class ConsentRule
{
    private readonly ConsentCatalog _catalog;

    public ConsentRule(ValueFlowEngine engine)
    {
        _catalog = engine.Consent;
    }

    /// <summary>The sink kinds whose Consent-based data needs consent.</summary>
    public static int SinkKinds => ValueFlowEngine.SinkBit(SinkKind.Storage) | ValueFlowEngine.SinkBit(SinkKind.Network);

    /// <summary>
    /// The operations of one body (its graph, with the guards worked out for it and the storage and network
    /// hits of its taint analysis) that need consent the guards do not show. <paramref name="separate"/>:
    /// report SPI003's categories; <paramref name="guardian"/>: report SPI005's (MinorUnder14).
    /// </summary>
    public void Analyze(
        ControlFlowGraph graph,
        ConsentGuards guards,
        IEnumerable<SinkHit> hits,
        Func<ValueDefinitions> definitions,
        bool separate,
        bool guardian,
        List<ConsentViolation> violations,
        HashSet<(IOperation, PiCategory)> seen)
    {
        // (a) calls of members that require consent; (b) stores and sends of Consent-based data.
        CheckRequiredCalls(graph, guards, separate, guardian, violations, seen);

        foreach (var hit in hits)
        {
            if (hit.Sink.Kind is not (SinkKind.Storage or SinkKind.Network))
            {
                continue;
            }

            // A writer or stream is a transmission only when it is shown to go to the network.
            if (hit.Sink.Kind == SinkKind.Network && hit.Sink.Entry?.Channel is NetworkChannel.Writer or NetworkChannel.FtpStream
                && new ChannelResolver(definitions(), type: null).Resolve(hit).Security == ChannelSecurity.Unknown)
            {
                continue;
            }

            var required = 0;
            foreach (var origin in hit.Taint.Origins)
            {
                if (origin.LegalBasis == PiLegalBasis.Consent)
                {
                    required |= ConsentCatalog.Bit(origin.Category);
                }
            }

            Check(hit.Call, required, hit.Sink.DisplayName, hit.Taint, guards, separate, guardian, violations, seen);
        }
    }

    /// <summary>
    /// The consent a member starts with: its own [RequiresSeparateConsent] grants its categories inside it
    /// (the duty moves to its callers); requiring MinorUnder14 moves the guardian's consent too.
    /// </summary>
    public int EntryMask(ISymbol owner)
    {
        if (owner is not IMethodSymbol method)
        {
            return 0;
        }

        var requirement = _catalog.GetRequirement(method);
        return (requirement & ConsentCatalog.Bit(PiCategory.MinorUnder14)) != 0 ? requirement | ConsentCatalog.GuardianBit : requirement;
    }

    /// <summary>The callee when <paramref name="operation"/> calls or creates something that requires consent.</summary>
    public IMethodSymbol? RequiredCall(IOperation operation)
    {
        // Asked of every operation the survey visits: the kind first, then one cast.
        var callee = operation.Kind switch
        {
            OperationKind.Invocation => ((IInvocationOperation)operation).TargetMethod,
            OperationKind.ObjectCreation => ((IObjectCreationOperation)operation).Constructor,
            _ => null,
        };
        return callee is not null && _catalog.GetRequirement(callee) != 0 ? callee : null;
    }

    private static void Check(
        IOperation operation, int required, string name, Taint? data, ConsentGuards guards, bool separate, bool guardian,
        List<ConsentViolation> violations, HashSet<(IOperation, PiCategory)> seen)
    {
        var mask = guards.MaskAt(operation);
        for (var category = PiCategory.Biometric; category <= PiCategory.Other; category++)
        {
            var isChild = category == PiCategory.MinorUnder14;
            if ((required & ConsentCatalog.Bit(category)) == 0 || (isChild ? !guardian : !separate))
            {
                continue;
            }

            var needed = ConsentCatalog.NeededBit(category);
            if ((mask & needed) != 0 || !seen.Add((operation, category)))
            {
                continue;
            }

            violations.Add(new ConsentViolation(operation, category, name, Describe(data, category)));
        }
    }

    private static string Describe(Taint? data, PiCategory category)
    {
        if (data is not null)
        {
            var ofCategory = Taint.Empty;
            foreach (var origin in data.Origins)
            {
                if (origin.Category == category && origin.LegalBasis == PiLegalBasis.Consent)
                {
                    ofCategory = ofCategory.Union(Taint.Of(origin));
                }
            }

            return ofCategory.Describe();
        }

        return category + " data";
    }

    private static string Name(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Constructor
            ? "new " + method.ContainingType.Name
            : method.ContainingType.Name + "." + method.Name;

    // Every operation of the graph, its lambdas and its local functions; recursion rather than nested
    // iterators, which allocated two per operation of every analysed body.
    private void CheckRequiredCalls(
        ControlFlowGraph graph, ConsentGuards guards, bool separate, bool guardian, List<ConsentViolation> violations, HashSet<(IOperation, PiCategory)> seen)
    {
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                CheckRequiredCallsIn(graph, operation, guards, separate, guardian, violations, seen);
            }

            if (block.BranchValue is { } branch)
            {
                CheckRequiredCallsIn(graph, branch, guards, separate, guardian, violations, seen);
            }
        }

        foreach (var localFunction in graph.LocalFunctions)
        {
            CheckRequiredCalls(graph.GetLocalFunctionControlFlowGraph(localFunction), guards, separate, guardian, violations, seen);
        }
    }

    private void CheckRequiredCallsIn(
        ControlFlowGraph graph, IOperation operation, ConsentGuards guards, bool separate, bool guardian, List<ConsentViolation> violations,
        HashSet<(IOperation, PiCategory)> seen)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IFlowAnonymousFunctionOperation lambda)
            {
                CheckRequiredCalls(graph.GetAnonymousFunctionControlFlowGraph(lambda), guards, separate, guardian, violations, seen);
            }
            else if (RequiredCall(descendant) is { } callee)
            {
                Check(descendant, _catalog.GetRequirement(callee), Name(callee), data: null, guards, separate, guardian, violations, seen);
            }
        }
    }
}
