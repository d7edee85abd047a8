using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// Which of our names the compilation's own source texts mention (<see cref="AnnotationUsage"/>), read once by each analyzer that asks:
/// C# cannot apply an attribute without naming it, so code that never names <c>[RequiresSeparateConsent]</c> carries none, and
/// the compilation's methods need no search of their hierarchy for it (<see cref="AttributeReach"/>).
/// </summary>
internal sealed class SourceMentions
{
    private readonly Compilation _compilation;
    private readonly TextMentions? _union;
    private readonly ImmutableArray<SyntaxTree>? _naming;

    /// <param name="compilation">The compilation whose texts are read.</param>
    /// <param name="mentionsOf">What a text mentions (<see cref="AnnotationUsage.MentionsOf"/>); null: every name counts as mentioned.</param>
    /// <param name="cancellationToken">The compilation start's token.</param>
    public SourceMentions(Compilation compilation, Func<SourceText, TextMentions>? mentionsOf, CancellationToken cancellationToken = default)
    {
        _compilation = compilation;
        if (mentionsOf is not null)
        {
            _union = Read(compilation, mentionsOf, out var naming, cancellationToken);
            _naming = naming;
        }
    }

    /// <summary>The assembly the texts are compiled into.</summary>
    public IAssemblySymbol Assembly => _compilation.Assembly;

    /// <summary>Whether some text may name one of <paramref name="mentions"/> (an escaped identifier's spelling included).</summary>
    public bool MayName(TextMentions mentions) => _union is not { } union || (union & mentions) != 0;

    /// <summary>
    /// The texts that may name one of our attributes (<see cref="TextMentions.Ours"/>, an escaped identifier's spelling included);
    /// null when the texts were not read: then any may.
    /// </summary>
    public ImmutableArray<SyntaxTree>? NamingOurs => _naming;

    private static TextMentions Read(Compilation compilation, Func<SourceText, TextMentions> mentionsOf, out ImmutableArray<SyntaxTree> naming, CancellationToken cancellationToken)
    {
        var union = TextMentions.None;
        var ours = ImmutableArray.CreateBuilder<SyntaxTree>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mentions = mentionsOf(tree.GetText(cancellationToken));
            if ((mentions & TextMentions.Escape) != 0)
            {
                mentions |= AnnotationUsage.EscapedMentions(tree, cancellationToken);
            }

            union |= mentions;
            if ((mentions & TextMentions.Ours) != 0)
            {
                ours.Add(tree);
            }
        }

        naming = ours.ToImmutable();
        return union;
    }
}
