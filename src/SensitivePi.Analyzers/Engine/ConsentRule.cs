using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
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
/// and whether the guard analysis shows it on every path.
/// </summary>
internal sealed class ConsentRule
{
    private readonly ValueFlowEngine _engine;
    private readonly ConsentCatalog _catalog;
    private readonly bool _guardian;

    /// <param name="guardian">SPI005: MinorUnder14 data, guardian checks only. Otherwise SPI003: every other category.</param>
    public ConsentRule(ValueFlowEngine engine, bool guardian)
    {
        _engine = engine;
        _catalog = engine.Consent;
        _guardian = guardian;
    }

    public List<ConsentViolation> Analyze(OperationBlockAnalysisContext context)
    {
        var violations = new List<ConsentViolation>();
        var seen = new HashSet<(IOperation, PiCategory)>();
        var entryMask = EntryMask(context.OwningSymbol);
        foreach (var (block, root) in ValueFlowEngine.GraphRoots(context))
        {
            // One walk: a call that needs consent, or a store or send of something sensitive.
            if (!_engine.Scan(root, SinkKind.Storage, SinkKind.Network, operation => RequiredCall(operation) is not null, IsReported))
            {
                continue;
            }

            var graph = context.GetControlFlowGraph(block);
            var guards = ConsentGuardAnalysis.Analyze(graph, _catalog, entryMask);
            ValueDefinitions? definitions = null;

            // (a) calls of members that require consent; (b) stores and sends of Consent-based data.
            foreach (var operation in AllOperations(graph))
            {
                if (RequiredCall(operation) is { } callee)
                {
                    Check(operation, _catalog.GetRequirement(callee), Name(callee), data: null, guards, violations, seen);
                }
            }

            foreach (var hit in MethodAnalysis.Run(_engine, graph, context.OwningSymbol, SinkKind.Storage, SinkKind.Network))
            {
                // A writer or stream is a transmission only when it is shown to go to the network.
                if (hit.Sink.Kind == SinkKind.Network && hit.Sink.Entry?.Channel is NetworkChannel.Writer or NetworkChannel.FtpStream
                    && new ChannelResolver(definitions ??= ValueDefinitions.Of(root), type: null).Resolve(hit).Security == ChannelSecurity.Unknown)
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

                Check(hit.Call, required, hit.Sink.DisplayName, hit.Taint, guards, violations, seen);
            }
        }

        return violations;
    }

    // Only Consent-based data of this rule's categories can make a store or send need consent here.
    private bool IsReported(SensitiveOrigin origin) =>
        origin.LegalBasis == PiLegalBasis.Consent && (origin.Category == PiCategory.MinorUnder14) == _guardian;

    // The member's own [RequiresSeparateConsent] grants its categories inside it (the duty moves to its
    // callers); requiring MinorUnder14 moves the guardian's consent too.
    private int EntryMask(ISymbol owner)
    {
        if (owner is not IMethodSymbol method)
        {
            return 0;
        }

        var requirement = _catalog.GetRequirement(method);
        return (requirement & ConsentCatalog.Bit(PiCategory.MinorUnder14)) != 0 ? requirement | ConsentCatalog.GuardianBit : requirement;
    }

    private void Check(IOperation operation, int required, string name, Taint? data, ConsentGuards guards, List<ConsentViolation> violations, HashSet<(IOperation, PiCategory)> seen)
    {
        var mask = guards.MaskAt(operation);
        for (var category = PiCategory.Biometric; category <= PiCategory.Other; category++)
        {
            if ((required & ConsentCatalog.Bit(category)) == 0 || (category == PiCategory.MinorUnder14) != _guardian)
            {
                continue;
            }

            var needed = _guardian ? ConsentCatalog.GuardianBit : ConsentCatalog.Bit(category);
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

    private IMethodSymbol? RequiredCall(IOperation operation)
    {
        var callee = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };
        return callee is not null && _catalog.GetRequirement(callee) != 0 ? callee : null;
    }

    private static string Name(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Constructor
            ? "new " + method.ContainingType.Name
            : method.ContainingType.Name + "." + method.Name;

    private static IEnumerable<IOperation> AllOperations(ControlFlowGraph graph)
    {
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                foreach (var descendant in Descend(graph, operation))
                {
                    yield return descendant;
                }
            }

            if (block.BranchValue is { } branch)
            {
                foreach (var descendant in Descend(graph, branch))
                {
                    yield return descendant;
                }
            }
        }

        foreach (var localFunction in graph.LocalFunctions)
        {
            foreach (var operation in AllOperations(graph.GetLocalFunctionControlFlowGraph(localFunction)))
            {
                yield return operation;
            }
        }
    }

    private static IEnumerable<IOperation> Descend(ControlFlowGraph graph, IOperation operation)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IFlowAnonymousFunctionOperation lambda)
            {
                foreach (var inner in AllOperations(graph.GetAnonymousFunctionControlFlowGraph(lambda)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return descendant;
            }
        }
    }
}
