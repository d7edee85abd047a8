using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using SensitivePi.Analyzers;

namespace SensitivePi.CodeFixes;

/// <summary>SPI002: masks what a log would show (<see cref="PiMaskCodeFixProvider"/>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnmaskedLoggingCodeFixProvider))]
[Shared]
public sealed class UnmaskedLoggingCodeFixProvider : PiMaskCodeFixProvider
{
    /// <summary>The equivalence key of the fix, shared by every SPI002 diagnostic so Fix All applies them together.</summary>
    public const string EquivalenceKey = "SPI002.MaskWithPiMask";

    public UnmaskedLoggingCodeFixProvider()
        : base(Descriptors.UnmaskedLogging.Id, EquivalenceKey)
    {
    }
}
