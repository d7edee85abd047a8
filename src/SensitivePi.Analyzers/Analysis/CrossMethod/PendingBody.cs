using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// A body that could matter to another method but reads no declared data itself: its summary depends entirely on
/// what other bodies bring it, so it is summarised at compilation end, and only when the pass finds data reaching it
/// (docs/design/value-flow-engine.md, "Summaries on demand").
/// </summary>
internal sealed class PendingBody
{
    public PendingBody(IMethodSymbol owner, IOperation root, BodySurvey survey)
    {
        Owner = owner;
        Method = owner.OriginalDefinition;
        Root = root;
        Survey = survey;
    }

    /// <summary>The member the body belongs to, as the analyzer driver gave it.</summary>
    public IMethodSymbol Owner { get; }

    /// <summary>The key of its facts (<see cref="MethodFacts.Method"/>).</summary>
    public IMethodSymbol Method { get; }

    /// <summary>The root of the body's operation tree (its graph is built from it when needed).</summary>
    public IOperation Root { get; }

    public BodySurvey Survey { get; }

    /// <summary>Where the body starts in its file: bodies are summarised in source order, so that messages do not depend on timing.</summary>
    public (string? Path, int Start) Position => (Root.Syntax.SyntaxTree.FilePath, Root.Syntax.SpanStart);

    /// <summary>The followed methods, getters and constructors it calls, as its survey found them.</summary>
    public IReadOnlyList<IMethodSymbol> Callees => (IReadOnlyList<IMethodSymbol>?)Survey.Uses?.Callees ?? System.Array.Empty<IMethodSymbol>();

    /// <summary>The followed fields and auto-properties it reads or assigns, as its survey found them.</summary>
    public IReadOnlyList<ISymbol> Members => (IReadOnlyList<ISymbol>?)Survey.Uses?.Members ?? System.Array.Empty<ISymbol>();
}
