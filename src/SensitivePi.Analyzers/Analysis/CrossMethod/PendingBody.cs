using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// A body that could matter to another method, summarised at compilation end only if its values can reach a sink there or
/// beyond (<see cref="SinkDemand"/>); one that reads no declared data itself depends entirely on what other bodies bring it,
/// and is summarised only once the pass finds data reaching it (docs/design/value-flow-engine.md, "Summaries on demand").
/// </summary>
internal sealed class PendingBody
{
    public PendingBody(IMethodSymbol owner, IOperation root, BodySurvey survey, bool? readsData = false, bool maySink = false)
    {
        ReadsData = readsData;
        MaySink = maySink;
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

    /// <summary>
    /// It reads declared data itself: summarised at compilation end if its values can reach a sink (<see cref="SinkDemand"/>), whatever
    /// reaches it. The survey's answer (<see cref="BodySurvey.ReadsData"/>); false for a body kept only because it copies a member. Null
    /// when unknown: the compilation end then walks the body to ask.
    /// </summary>
    public bool? ReadsData { get; }

    /// <summary>
    /// It has a sink the cross-method pass reports at, or is an action whose returned text is one; the properties an entity may map
    /// that it sets are apart (<see cref="SetsStoredMember"/>).
    /// </summary>
    public bool MaySink { get; }

    /// <summary>Whether it sets a member the EF Core model stores (<see cref="BodySurvey.EntityWrites"/>): asked at compilation end, when the model is complete.</summary>
    public bool SetsStoredMember(EntityModel? entities)
    {
        if (entities is not null && Survey.EntityWrites is { } writes && (Survey.ReachableSinks & Knowledge.SinkKinds.EntityMember) != 0)
        {
            foreach (var write in writes)
            {
                if ((write.Instance?.Type ?? write.Property.ContainingType) is INamedTypeSymbol type && entities.MemberStorageOf(type, write.Property) is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Where the body starts in its file: bodies are summarised in source order, so that messages do not depend on timing.</summary>
    public (string? Path, int Start) Position => (Root.Syntax.SyntaxTree.FilePath, Root.Syntax.SpanStart);

    /// <summary>Orders bodies as their files and positions do (<see cref="Position"/>).</summary>
    public static int InSourceOrder(PendingBody left, PendingBody right)
    {
        var (leftPath, leftStart) = left.Position;
        var (rightPath, rightStart) = right.Position;
        var byPath = string.CompareOrdinal(leftPath, rightPath);
        return byPath != 0 ? byPath : leftStart.CompareTo(rightStart);
    }

    /// <summary>The followed methods, getters and constructors it calls, as its survey found them.</summary>
    public IReadOnlyList<IMethodSymbol> Callees => (IReadOnlyList<IMethodSymbol>?)Survey.Uses?.Callees ?? System.Array.Empty<IMethodSymbol>();

    /// <summary>The followed fields and auto-properties it reads or assigns, as its survey found them.</summary>
    public IReadOnlyList<ISymbol> Members => (IReadOnlyList<ISymbol>?)Survey.Uses?.Members ?? System.Array.Empty<ISymbol>();

    /// <summary>Those of <see cref="Members"/> it assigns.</summary>
    public IReadOnlyList<ISymbol> Stored => (IReadOnlyList<ISymbol>?)Survey.Uses?.Stored ?? System.Array.Empty<ISymbol>();

    /// <summary>Those of <see cref="Members"/> it reads.</summary>
    public IReadOnlyList<ISymbol> Read => (IReadOnlyList<ISymbol>?)Survey.Uses?.Read ?? System.Array.Empty<ISymbol>();
}
