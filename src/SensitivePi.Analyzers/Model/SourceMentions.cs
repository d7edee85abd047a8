using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// Which of our names the compilation's own source texts mention (<see cref="AnnotationUsage"/>): C# cannot apply an attribute
/// without naming it, so code that never names <c>[RequiresSeparateConsent]</c> carries none, and the compilation's methods need
/// no search of their hierarchy for it (<see cref="AttributeReach"/>).
/// </summary>
internal sealed class SourceMentions
{
    /// <summary>
    /// What each compilation's texts mention, read once for all our analyzers (<see cref="Of"/>): each would otherwise loop over
    /// every text at its compilation start, asking each text's kept mentions, and the shortcut's answer would be drawn four times
    /// (benchmarks/results.md, session 55). Keyed weakly by the compilation, as <see cref="AnnotationUsage"/>'s table is by the
    /// text: the table holds no compilation alive, and its values hold flags and tree positions, no tree or symbol
    /// (docs/design/architecture.md, "Layers and what they may use").
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, Texts> ByCompilation = new();

    private readonly Compilation _compilation;
    private readonly Texts? _texts;

    /// <param name="compilation">The compilation whose texts are read.</param>
    /// <param name="mentionsOf">What a text mentions (<see cref="AnnotationUsage.MentionsOf"/>); null: every name counts as mentioned.</param>
    /// <param name="cancellationToken">The compilation start's token.</param>
    public SourceMentions(Compilation compilation, Func<SourceText, TextMentions>? mentionsOf, CancellationToken cancellationToken = default)
        : this(compilation, mentionsOf is null ? null : Texts.Read(compilation, mentionsOf, cancellationToken))
    {
    }

    private SourceMentions(Compilation compilation, Texts? texts)
    {
        _compilation = compilation;
        _texts = texts;
        NamingOurs = texts is null ? null : Trees(compilation, texts.NamingOurs);
    }

    /// <summary>
    /// What <paramref name="compilation"/>'s texts mention, each text's mentions read through <see cref="AnnotationUsage.MentionsOf"/>;
    /// the first analyzer to ask reads them, the others find them kept with the compilation (two asking at the same moment may
    /// both read them: the answer is the same, and one is kept).
    /// </summary>
    public static SourceMentions Of(Compilation compilation, CancellationToken cancellationToken) =>
        new(compilation, ByCompilation.GetValue(compilation, key => Texts.Read(key, AnnotationUsage.Mentions, cancellationToken)));

    /// <summary>The assembly the texts are compiled into.</summary>
    public IAssemblySymbol Assembly => _compilation.Assembly;

    /// <summary>Whether some text may name one of <paramref name="mentions"/> (an escaped identifier's spelling included).</summary>
    public bool MayName(TextMentions mentions) => _texts is not { } texts || (texts.Union & mentions) != 0;

    /// <summary>
    /// The texts that may name one of our attributes (<see cref="TextMentions.Ours"/>, an escaped identifier's spelling included);
    /// null when the texts were not read: then any may.
    /// </summary>
    public ImmutableArray<SyntaxTree>? NamingOurs { get; }

    /// <summary>
    /// <see cref="AnnotationUsage.MayClassify(Compilation, KnownSymbols, SourceMentions, CancellationToken)"/>'s answer, drawn once and
    /// kept with the texts' mentions (so with the compilation, where <see cref="Of"/> shares them).
    /// </summary>
    internal bool MayClassify(Func<bool> decide)
    {
        if (_texts is not { } texts)
        {
            return decide();
        }

        var kept = Volatile.Read(ref texts.MayClassify);
        if (kept != Texts.Undecided)
        {
            return kept == Texts.Yes;
        }

        var answer = decide();
        Volatile.Write(ref texts.MayClassify, answer ? Texts.Yes : Texts.No);
        return answer;
    }

    // The trees at those positions (ascending, as the compilation enumerates its trees).
    private static ImmutableArray<SyntaxTree> Trees(Compilation compilation, ImmutableArray<int> positions)
    {
        if (positions.IsEmpty)
        {
            return ImmutableArray<SyntaxTree>.Empty;
        }

        var trees = ImmutableArray.CreateBuilder<SyntaxTree>(positions.Length);
        var index = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (positions[trees.Count] == index++)
            {
                trees.Add(tree);
                if (trees.Count == positions.Length)
                {
                    break;
                }
            }
        }

        return trees.ToImmutable();
    }

    // A class, as the table's values must be; the answer drawn from it is kept in it.
    private sealed class Texts
    {
        public const int Undecided = 0;
        public const int Yes = 1;
        public const int No = 2;

        // Written once, by the first to decide; a race writes the same answer twice.
        public int MayClassify;

        private Texts(TextMentions union, ImmutableArray<int> namingOurs)
        {
            Union = union;
            NamingOurs = namingOurs;
        }

        public TextMentions Union { get; }

        // Positions in the compilation's SyntaxTrees, which are ordered and fixed for a compilation.
        public ImmutableArray<int> NamingOurs { get; }

        public static Texts Read(Compilation compilation, Func<SourceText, TextMentions> mentionsOf, CancellationToken cancellationToken)
        {
            var union = TextMentions.None;
            var ours = ImmutableArray.CreateBuilder<int>();
            var index = 0;
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
                    ours.Add(index);
                }

                index++;
            }

            return new Texts(union, ours.ToImmutable());
        }
    }
}
