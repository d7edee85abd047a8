using System;
using System.Collections.Generic;
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
        Consent = new ConsentCatalog(symbols);
    }

    public ConsentCatalog Consent { get; }

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
        foreach (var (block, root) in GraphRoots(context))
        {
            if (MayReachSink(root, kind))
            {
                hits.AddRange(MethodAnalysis.Run(this, context.GetControlFlowGraph(block), context.OwningSymbol, kind));
            }
        }

        return hits;
    }

    /// <summary>
    /// The distinct roots of a member's operation blocks that have a control-flow graph, each with a block
    /// to ask for it. A body and a constructor initializer share one root; one graph serves both.
    /// </summary>
    internal static IEnumerable<(IOperation Block, IOperation Root)> GraphRoots(OperationBlockAnalysisContext context)
    {
        var roots = new HashSet<IOperation>();
        foreach (var block in context.OperationBlocks)
        {
            var root = block;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            if (roots.Add(root) && HasControlFlowGraph(root))
            {
                yield return (block, root);
            }
        }
    }

    /// <summary>
    /// The pre-scan: a block needs a control-flow graph only when it calls a sink of this kind and touches
    /// something sensitive (an annotated member, parameter or return value, or a value whose type holds one).
    /// </summary>
    internal bool MayReachSink(IOperation block, SinkKind kind) => Scan(block, kind, kind, extra: null);

    /// <summary>
    /// One walk for several questions: true when the block calls a sink of <paramref name="kind"/> or
    /// <paramref name="otherKind"/> and touches something sensitive, or when <paramref name="extra"/> holds for
    /// one of its operations (a call that needs consent).
    /// </summary>
    internal bool Scan(IOperation block, SinkKind kind, SinkKind otherKind, Func<IOperation, bool>? extra)
    {
        var hasSink = false;
        var hasSensitive = false;
        foreach (var operation in block.DescendantsAndSelf())
        {
            if (extra is not null && extra(operation))
            {
                return true;
            }

            if (!hasSink)
            {
                hasSink = operation switch
                {
                    IInvocationOperation invocation => IsSink(invocation.TargetMethod, kind, otherKind),
                    IAssignmentOperation { Target: IPropertyReferenceOperation { Property.SetMethod: { } setter } } => IsSink(setter, kind, otherKind),
                    _ => false,
                };
            }

            if (!hasSensitive)
            {
                hasSensitive = IsSensitive(operation);
            }

            if (hasSink && hasSensitive && extra is null)
            {
                return true;
            }
        }

        return hasSink && hasSensitive;
    }

    private bool IsSink(IMethodSymbol method, SinkKind kind, SinkKind otherKind) =>
        Sinks.Match(method, kind) is not null || (otherKind != kind && Sinks.Match(method, otherKind) is not null);

    private bool IsSensitive(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                if (Model.GetMemberOrigin(invocation.TargetMethod) is not null
                    || (invocation.Instance is { } receiver && IsContainer(receiver, printedOnly: true)))
                {
                    return true;
                }

                break;
            case IMemberReferenceOperation member:
                if (Model.GetMemberOrigin(member.Member) is not null)
                {
                    return true;
                }

                break;
            case IParameterReferenceOperation parameter:
                if (Model.GetMemberOrigin(parameter.Parameter) is not null)
                {
                    return true;
                }

                break;

            // An object holding sensitive members matters only where it is handed over whole (to a sink
            // or serialiser) or turned into text; merely reading other members of it does not.
            case IArgumentOperation argument:
                if (IsContainer(argument.Value, printedOnly: false))
                {
                    return true;
                }

                break;
            case IArrayInitializerOperation { Parent: IArrayCreationOperation { Parent: IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray } } } elements:
                foreach (var element in elements.ElementValues)
                {
                    if (IsContainer(element, printedOnly: false))
                    {
                        return true;
                    }
                }

                break;
            case IInterpolationOperation hole:
                if (IsContainer(hole.Expression, printedOnly: true))
                {
                    return true;
                }

                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                if (IsContainer(binary.LeftOperand, printedOnly: true) || IsContainer(binary.RightOperand, printedOnly: true))
                {
                    return true;
                }

                break;
        }

        return operation.Type is { } type && Model.GetTypeOrigin(type) is not null;
    }

    private bool IsContainer(IOperation value, bool printedOnly)
    {
        var type = TaintAnalysis.WithoutConversions(value).Type;
        return !(printedOnly ? Model.GetPrintedOrigins(type) : Model.GetContainedOrigins(type)).IsEmpty;
    }

    internal static bool HasControlFlowGraph(IOperation block) =>
        block.Kind is OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.Block
            or OperationKind.FieldInitializer or OperationKind.PropertyInitializer or OperationKind.ParameterInitializer;
}
