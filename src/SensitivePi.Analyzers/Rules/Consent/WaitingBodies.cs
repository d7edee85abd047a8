using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using SensitivePi.Analyzers.Analysis;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// The bodies of a consent rule whose verdict depends on a wrapper check declared in another file (docs/design/value-flow-engine.md,
/// "Consent across methods"): held while the bodies are analysed, decided at compilation end in source order, each with its
/// guards worked out again. A body whose run throws costs its own reports only; the first exception is handed back once
/// every other body is decided.
/// </summary>
internal sealed class WaitingBodies
{
    // The queue's order is the threads'; the verdicts are made in source order.
    private readonly ConcurrentQueue<ValueFlowBody> _waiting = new();

    /// <summary>
    /// Holds <paramref name="body"/>, and answers true, when it calls a method that may be another file's wrapper check (known
    /// only at compilation end); false when its verdict can be made now.
    /// </summary>
    public bool Hold(ValueFlowEngine engine, ValueFlowBody body)
    {
        if (!engine.Consent.ReadsWrappersElsewhere || !engine.Consent.CallsWrapperElsewhere(body.Root))
        {
            return false;
        }

        _waiting.Enqueue(body);
        return true;
    }

    /// <summary>Decides each held body with <paramref name="decide"/>, given it again by <paramref name="again"/>; the first exception, if any.</summary>
    public Exception? DecideAll(Func<ValueFlowBody, CancellationToken, ValueFlowBody> again, Action<ValueFlowBody> decide, CancellationToken cancellationToken)
    {
        Exception? failed = null;
        foreach (var waiting in _waiting.OrderBy(b => b.Root.Syntax.SyntaxTree.FilePath, StringComparer.Ordinal).ThenBy(b => b.Root.Syntax.SpanStart))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                decide(again(waiting, cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failed ??= exception;
            }
        }

        return failed;
    }

    /// <summary>Rethrows <paramref name="failed"/> with its own stack, when there is one.</summary>
    public static void Rethrow(Exception? failed)
    {
        if (failed is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed).Throw();
        }
    }
}
