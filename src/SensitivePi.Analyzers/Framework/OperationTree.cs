using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SensitivePi.Analyzers.Framework;

/// <summary>Small questions about operations that every layer asks.</summary>
internal static class OperationTree
{
    // Operation kinds newer compilers produce (C# 12 collection expressions, C# 13 params collections);
    // resolved by name so that this assembly still loads into the 4.8 compiler it is built against.
    private static readonly OperationKind? CollectionExpressionKind = KindNamed("CollectionExpression");
    private static readonly OperationKind? SpreadKind = KindNamed("Spread");

    /// <summary>The operation under any implicit conversions.</summary>
    public static IOperation WithoutConversions(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The operation with the conversions applied to it (what its parent sees): the reverse of <see cref="WithoutConversions"/>.</summary>
    public static IOperation WithConversionsAbove(IOperation operation)
    {
        while (operation.Parent is IConversionOperation conversion)
        {
            operation = conversion;
        }

        return operation;
    }

    /// <summary>
    /// The value a deconstruction gives <paramref name="target"/>, an element of its target tuple (`(_id, _logger) = (id, logger)`):
    /// the element of the same place when the value is a tuple literal of the same shape, else the whole value (each target may
    /// hold all of it); null when <paramref name="target"/> is no element of a deconstruction's target.
    /// </summary>
    public static IOperation? DeconstructedValue(IOperation target) => DeconstructedValue(target, depth: 0);

    private static IOperation? DeconstructedValue(IOperation target, int depth)
    {
        if (!StackGuard.MayDescend(depth) || target.Parent is not ITupleOperation tuple)
        {
            return null;
        }

        var whole = tuple.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == tuple
            ? deconstruction.Value
            : DeconstructedValue(tuple, depth + 1);
        if (whole is null)
        {
            return null;
        }

        whole = WithoutConversions(whole);
        return whole is ITupleOperation values && values.Elements.Length == tuple.Elements.Length ? values.Elements[tuple.Elements.IndexOf(target)] : whole;
    }

    /// <summary>
    /// Whether <paramref name="reference"/> (a local, parameter or member reference) is written where it stands: the target of
    /// an assignment (`x = …`, `x += …`, `x ??= …`), an element of a deconstruction's target (`(x, _) = …`), a <c>ref</c> or
    /// <c>out</c> argument, or incremented.
    /// </summary>
    public static bool IsWritten(IOperation reference) =>
        reference.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == reference,
            ITupleOperation => DeconstructedValue(reference) is not null,
            IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } => true,
            IIncrementOrDecrementOperation => true,
            _ => false,
        };

    /// <summary>
    /// Where a value goes once the conversions, conditionals and switch arms around it are left (`throw c ? new A(…) : new B()`,
    /// `x ?? throw F(…)`): the first enclosing operation that is none of those, null at the tree's top, and the operand that
    /// reaches it. Only a value branch is left that way: a conditional's condition, a switch's subject, an arm's pattern or guard
    /// goes to the conditional or switch itself, which consumes it.
    /// </summary>
    public static (IOperation? Destination, IOperation Operand) DestinationOf(IOperation value)
    {
        var current = value;
        for (var depth = 0; current.Parent is { } parent && StackGuard.MayDescend(depth); depth++, current = parent)
        {
            if (!IsValueBranch(parent, current))
            {
                return (parent, current);
            }
        }

        return (null, current);
    }

    // Whether the parent's value may be the child's: a conversion's operand, either side of `??`, a conditional's branch, a
    // switch expression's arm and an arm's value.
    private static bool IsValueBranch(IOperation parent, IOperation child) => parent.Kind switch
    {
        OperationKind.Conversion or OperationKind.Coalesce => true,
        OperationKind.Conditional => !ReferenceEquals(((IConditionalOperation)parent).Condition, child),
        OperationKind.SwitchExpression => !ReferenceEquals(((ISwitchExpressionOperation)parent).Value, child),
        OperationKind.SwitchExpressionArm => ReferenceEquals(((ISwitchExpressionArmOperation)parent).Value, child),
        _ => false,
    };

    /// <summary>The argument given for the parameter at <paramref name="ordinal"/>, named or not.</summary>
    public static IOperation? ArgumentFor(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>A call's receiver: its instance, or an extension method's first argument (`client.PostAsJsonAsync(…)`).</summary>
    public static IOperation? ReceiverOf(IInvocationOperation call) =>
        call.Instance ?? (call.TargetMethod.IsExtensionMethod ? ArgumentFor(call, 0) : null);

    /// <summary>A collection expression, a spread, or syntax the 4.8 operation tree cannot classify.</summary>
    public static bool IsCollectionLike(IOperation operation) =>
        operation.Kind == OperationKind.None || operation.Kind == CollectionExpressionKind || operation.Kind == SpreadKind;

    /// <summary>
    /// Whether <paramref name="blocks"/>[<paramref name="index"/>] is the first of a member's operation blocks
    /// under a root that has a control-flow graph (<paramref name="root"/>). Attributes are blocks without
    /// one; a body and a constructor initializer share one root, and one graph serves both. No allocation:
    /// this runs for every member.
    /// </summary>
    public static bool IsFirstOfGraphRoot(ImmutableArray<IOperation> blocks, int index, out IOperation root)
    {
        root = RootOf(blocks[index]);
        if (!HasControlFlowGraph(root))
        {
            return false;
        }

        for (var earlier = 0; earlier < index; earlier++)
        {
            if (RootOf(blocks[earlier]) == root)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The top of the operation tree <paramref name="block"/> belongs to.</summary>
    public static IOperation RootOf(IOperation block)
    {
        var root = block;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return root;
    }

    /// <summary>Whether a control-flow graph can be built for this root.</summary>
    public static bool HasControlFlowGraph(IOperation block) =>
        block.Kind is OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.Block
            or OperationKind.FieldInitializer or OperationKind.PropertyInitializer or OperationKind.ParameterInitializer;

    private static OperationKind? KindNamed(string name) =>
        System.Enum.TryParse<OperationKind>(name, out var kind) && System.Enum.IsDefined(typeof(OperationKind), kind) ? kind : null;
}
