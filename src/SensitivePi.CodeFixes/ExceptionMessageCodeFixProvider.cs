using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using SensitivePi.Analyzers;

namespace SensitivePi.CodeFixes;

/// <summary>SPI011: masks what an exception's message would show (<see cref="PiMaskCodeFixProvider"/>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ExceptionMessageCodeFixProvider))]
[Shared]
public sealed class ExceptionMessageCodeFixProvider : PiMaskCodeFixProvider
{
    /// <summary>The equivalence key of the fix, shared by every SPI011 diagnostic so Fix All applies them together.</summary>
    public const string EquivalenceKey = "SPI011.MaskWithPiMask";

    public ExceptionMessageCodeFixProvider()
        : base(Descriptors.SensitiveDataInException.Id, EquivalenceKey)
    {
    }
}
