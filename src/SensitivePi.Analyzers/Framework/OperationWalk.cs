using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SensitivePi.Analyzers.Framework;

/// <summary>One walk over operations: <see cref="Visit"/> is called for each operation, pre-order, until it returns true.</summary>
internal interface IOperationScan
{
    bool Visit(IOperation operation);
}

/// <summary>
/// A bounded pre-order walk over an operation tree. It recurses over <c>ChildOperations</c>: every body of
/// every member is walked, and the library's descendant iterator costs an allocation and interface calls per
/// step. Past <see cref="StackGuard.MaxDepth"/> levels the iterator, whose stack is on the heap, takes over the
/// subtree; both orders are pre-order. A struct scan keeps the per-operation call direct.
/// </summary>
internal static class OperationWalk
{
    /// <summary>Walks <paramref name="operation"/> and its descendants; true when the scan stopped the walk.</summary>
    public static bool Walk<TScan>(IOperation operation, ref TScan scan)
        where TScan : struct, IOperationScan =>
        Walk(operation, ref scan, depth: 0);

    private static bool Walk<TScan>(IOperation operation, ref TScan scan, int depth)
        where TScan : struct, IOperationScan
    {
        if (scan.Visit(operation))
        {
            return true;
        }

        if (!StackGuard.MayDescend(depth))
        {
            foreach (var descendant in operation.Descendants())
            {
                if (scan.Visit(descendant))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (Walk(child, ref scan, depth + 1))
            {
                return true;
            }
        }

        return false;
    }
}
