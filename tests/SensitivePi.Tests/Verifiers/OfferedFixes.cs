using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SensitivePi.Tests.Verifiers;

/// <summary>What a code fix provider offers for one diagnostic, each action with the solution it produces.</summary>
public static class OfferedFixes
{
    public static async Task<List<(CodeAction Action, Solution Changed)>> ApplyEachAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var applied = new List<(CodeAction, Solution)>();
        foreach (var action in actions)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            applied.Add((action, operations.OfType<ApplyChangesOperation>().Single().ChangedSolution));
        }

        return applied;
    }
}
