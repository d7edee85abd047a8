using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Tests.Verifiers;

/// <summary>What the compilation's texts mention, as an analyzer reads it at compilation start, each text read here (no driver's cache).</summary>
internal static class TextsRead
{
    /// <summary>What a text mentions (<see cref="AnnotationUsage.MentionsOf"/> through a cache that holds nothing).</summary>
    public static Func<SourceText, TextMentions> Mentions { get; } = AnnotationUsage.MentionsOf(Uncached);

    /// <summary>The mentions of every text of <paramref name="compilation"/>.</summary>
    public static SourceMentions Of(Compilation compilation) => new(compilation, Mentions);

    private static bool Uncached(SourceText text, SourceTextValueProvider<TextMentions> provider, out TextMentions value)
    {
        value = TextMentions.None;
        return false;
    }
}
