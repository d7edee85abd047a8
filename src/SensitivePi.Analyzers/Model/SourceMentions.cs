using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// Which of our names the compilation's own source texts mention (<see cref="AnnotationUsage"/>), read once, at the first
/// question: C# cannot apply an attribute without naming it, so code that never names <c>[RequiresSeparateConsent]</c> carries
/// none, and the compilation's methods need no search of their hierarchy for it (<see cref="AttributeReach"/>).
/// </summary>
internal sealed class SourceMentions
{
    private readonly Compilation _compilation;
    private readonly Func<SourceText, TextMentions>? _mentionsOf;
    private int _union = -1;

    /// <param name="mentionsOf">What a text mentions (<see cref="AnnotationUsage.MentionsOf"/>); null: every name counts as mentioned.</param>
    public SourceMentions(Compilation compilation, Func<SourceText, TextMentions>? mentionsOf)
    {
        _compilation = compilation;
        _mentionsOf = mentionsOf;
    }

    /// <summary>The assembly the texts are compiled into.</summary>
    public IAssemblySymbol Assembly => _compilation.Assembly;

    /// <summary>Whether some text may name one of <paramref name="mentions"/> (an escaped identifier's spelling included).</summary>
    public bool MayName(TextMentions mentions)
    {
        if (_mentionsOf is null)
        {
            return true;
        }

        var union = Volatile.Read(ref _union);
        if (union < 0)
        {
            // Two threads may both read the texts; both find the same answer.
            union = (int)Read(_mentionsOf);
            Volatile.Write(ref _union, union);
        }

        return (union & (int)mentions) != 0;
    }

    private TextMentions Read(Func<SourceText, TextMentions> mentionsOf)
    {
        var union = TextMentions.None;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var mentions = mentionsOf(tree.GetText());
            union |= mentions;
            if ((mentions & TextMentions.Escape) != 0)
            {
                union |= AnnotationUsage.EscapedMentions(tree, CancellationToken.None);
            }
        }

        return union;
    }
}
