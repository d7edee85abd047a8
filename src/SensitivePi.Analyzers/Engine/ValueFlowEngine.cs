using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SensitivePi.Analyzers.Engine;

/// <summary>
/// The value-flow engine of one compilation: the sensitivity model and the sink and transfer tables,
/// and the entry point rules call per operation block. Created in a compilation-start action, held by
/// its closure only.
/// </summary>
internal sealed class ValueFlowEngine
{
    private ValueFlowEngine(Compilation compilation, KnownSymbols symbols)
    {
        Model = new SensitivityModel(compilation, symbols);
        Transfers = new TransferCatalog(compilation, symbols);
        Sinks = new SinkCatalog(compilation);
    }

    public SensitivityModel Model { get; }

    public TransferCatalog Transfers { get; }

    public SinkCatalog Sinks { get; }

    /// <summary>The engine, or <see langword="null"/> when the compilation does not reference the annotations.</summary>
    public static ValueFlowEngine? TryCreate(Compilation compilation) =>
        KnownSymbols.TryCreate(compilation) is { } symbols ? new ValueFlowEngine(compilation, symbols) : null;

    /// <summary>Where sensitive data reaches sinks of <paramref name="kind"/> in the blocks of one member.</summary>
    public List<SinkHit> Analyze(OperationBlockAnalysisContext context, SinkKind kind)
    {
        var hits = new List<SinkHit>();
        foreach (var block in context.OperationBlocks)
        {
            // A method's body block comes with its IMethodBodyOperation parent; the graph is built for the root.
            var root = block;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            if ((ReferenceEquals(root, block) || !context.OperationBlocks.Contains(root))
                && HasControlFlowGraph(root) && MayReachSink(root, kind))
            {
                var graph = context.GetControlFlowGraph(block);
                hits.AddRange(MethodAnalysis.Run(this, graph, context.OwningSymbol, kind));
            }
        }

        return hits;
    }

    /// <summary>
    /// The pre-scan: a block needs a control-flow graph only when it calls a sink of this kind and touches
    /// something sensitive (an annotated member, parameter or return value, or a value whose type holds one).
    /// </summary>
    internal bool MayReachSink(IOperation block, SinkKind kind)
    {
        var hasSink = false;
        var hasSensitive = false;
        foreach (var operation in block.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    hasSink |= Sinks.Match(invocation.TargetMethod)?.Kind == kind;
                    hasSensitive |= Model.GetMemberOrigin(invocation.TargetMethod) is not null;
                    break;
                case IMemberReferenceOperation member:
                    hasSensitive |= Model.GetMemberOrigin(member.Member) is not null;
                    break;
                case IParameterReferenceOperation parameter:
                    hasSensitive |= Model.GetMemberOrigin(parameter.Parameter) is not null;
                    break;
            }

            hasSensitive |= operation.Type is { } type && !Model.GetContainedOrigins(type).IsEmpty;
            if (hasSink && hasSensitive)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasControlFlowGraph(IOperation block) =>
        block.Kind is OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.Block
            or OperationKind.FieldInitializer or OperationKind.PropertyInitializer or OperationKind.ParameterInitializer;
}
