using System;
using System.Collections.Generic;
using System.Threading;
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

    /// <summary>
    /// The engine, or <see langword="null"/> when the compilation does not reference the annotations or
    /// classifies nothing (<see cref="AnnotationUsage"/>): then no rule has anything to find.
    /// </summary>
    public static ValueFlowEngine? TryCreate(Compilation compilation, CancellationToken cancellationToken = default) =>
        KnownSymbols.TryCreate(compilation) is { } symbols && AnnotationUsage.MayClassify(compilation, symbols, cancellationToken)
            ? new ValueFlowEngine(compilation, symbols)
            : null;

    /// <summary>
    /// Where sensitive data reaches sinks of <paramref name="kind"/> in the blocks of one member. A rule that
    /// reports only some data (<paramref name="relevant"/>) spares the bodies that touch none of it.
    /// </summary>
    public List<SinkHit> Analyze(OperationBlockAnalysisContext context, SinkKind kind, Func<SensitiveOrigin, bool>? relevant = null)
    {
        var hits = new List<SinkHit>();
        foreach (var (block, root) in GraphRoots(context))
        {
            if (MayReachSink(root, kind, relevant))
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
    internal bool MayReachSink(IOperation block, SinkKind kind, Func<SensitiveOrigin, bool>? relevant = null) =>
        Scan(block, kind, kind, extra: null, relevant);

    /// <summary>
    /// One pre-scan for several questions: true when the block calls a sink of <paramref name="kind"/> or
    /// <paramref name="otherKind"/> and touches something sensitive, or when <paramref name="extra"/> holds for
    /// one of its operations (a call that needs consent). Only data <paramref name="relevant"/> accepts counts
    /// (all when null).
    /// </summary>
    internal bool Scan(IOperation block, SinkKind kind, SinkKind otherKind, Func<IOperation, bool>? extra, Func<SensitiveOrigin, bool>? relevant = null)
    {
        // Sinks are few and cheap to recognise, sensitive data costs symbol lookups on every operation: so
        // only a body that calls a sink is searched for sensitive data, in a second walk.
        var hasSink = false;
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
                if (hasSink && extra is null)
                {
                    break;
                }
            }
        }

        if (!hasSink)
        {
            return false;
        }

        foreach (var operation in block.DescendantsAndSelf())
        {
            if (IsSensitive(operation, relevant))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsSink(IMethodSymbol method, SinkKind kind, SinkKind otherKind) =>
        Sinks.Match(method, kind) is not null || (otherKind != kind && Sinks.Match(method, otherKind) is not null);

    private bool IsSensitive(IOperation operation, Func<SensitiveOrigin, bool>? relevant)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                if (Counts(Model.GetMemberOrigin(invocation.TargetMethod), relevant)
                    || (invocation.Instance is { } receiver && IsContainer(receiver, printedOnly: true, relevant)))
                {
                    return true;
                }

                break;
            case IMemberReferenceOperation member:
                if (Counts(Model.GetMemberOrigin(member.Member), relevant))
                {
                    return true;
                }

                break;
            case IParameterReferenceOperation parameter:
                if (Counts(Model.GetMemberOrigin(parameter.Parameter), relevant))
                {
                    return true;
                }

                break;

            // An object holding sensitive members matters only where it is handed over whole (to a sink
            // or serialiser) or turned into text; merely reading other members of it does not. A callee's
            // classified out or ref parameter hands sensitive data back.
            case IArgumentOperation argument:
                if (IsContainer(argument.Value, printedOnly: false, relevant)
                    || (argument.Parameter is { RefKind: RefKind.Out or RefKind.Ref } written && Counts(Model.GetMemberOrigin(written), relevant)))
                {
                    return true;
                }

                break;
            case IArrayInitializerOperation { Parent: IArrayCreationOperation { Parent: IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray } } } elements:
                foreach (var element in elements.ElementValues)
                {
                    if (IsContainer(element, printedOnly: false, relevant))
                    {
                        return true;
                    }
                }

                break;
            case IInterpolationOperation hole:
                if (IsContainer(hole.Expression, printedOnly: true, relevant))
                {
                    return true;
                }

                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                if (IsContainer(binary.LeftOperand, printedOnly: true, relevant) || IsContainer(binary.RightOperand, printedOnly: true, relevant))
                {
                    return true;
                }

                break;
        }

        return operation.Type is { } type && Counts(Model.GetTypeOrigin(type), relevant);
    }

    private static bool Counts(SensitiveOrigin? origin, Func<SensitiveOrigin, bool>? relevant) =>
        origin is not null && (relevant is null || relevant(origin));

    private bool IsContainer(IOperation value, bool printedOnly, Func<SensitiveOrigin, bool>? relevant)
    {
        var type = TaintAnalysis.WithoutConversions(value).Type;
        foreach (var origin in printedOnly ? Model.GetPrintedOrigins(type) : Model.GetContainedOrigins(type))
        {
            if (relevant is null || relevant(origin))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool HasControlFlowGraph(IOperation block) =>
        block.Kind is OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.Block
            or OperationKind.FieldInitializer or OperationKind.PropertyInitializer or OperationKind.ParameterInitializer;
}
