using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using SensitivePi.Analyzers;

namespace SensitivePi.CodeFixes;

/// <summary>SPI009: masks what a response, header, cookie or returned string would show (<see cref="PiMaskCodeFixProvider"/>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ResponseCodeFixProvider))]
[Shared]
public sealed class ResponseCodeFixProvider : PiMaskCodeFixProvider
{
    /// <summary>The equivalence key of the fix, shared by every SPI009 diagnostic so Fix All applies them together.</summary>
    public const string EquivalenceKey = "SPI009.MaskWithPiMask";

    public ResponseCodeFixProvider()
        : base(Descriptors.UnmaskedResponse.Id, EquivalenceKey)
    {
    }
}
