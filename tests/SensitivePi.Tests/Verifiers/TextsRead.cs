using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Tests.Verifiers;

/// <summary>What the compilation's texts mention, as an analyzer reads it at compilation start, each text read here (uncached: <see cref="AnnotationUsage.Scan"/>).</summary>
internal static class TextsRead
{
    /// <summary>What a text mentions (<see cref="AnnotationUsage.MentionsOf"/>'s reading, without its cache).</summary>
    public static Func<SourceText, TextMentions> Mentions { get; } = AnnotationUsage.Scan;

    /// <summary>The mentions of every text of <paramref name="compilation"/>.</summary>
    public static SourceMentions Of(Compilation compilation) => new(compilation, Mentions);
}
