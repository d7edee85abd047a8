using System;
using System.Buffers;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// The compilation-wide shortcut for code that references the annotations but classifies nothing: every
/// rule needs data marked <c>[SensitivePersonalInfo]</c>, a method marked <c>[RequiresSeparateConsent]</c> or
/// one marked <c>[IdentityVerification]</c>. Such a mark is either written in this compilation's source
/// (C# cannot apply an attribute, even through an alias, without naming it somewhere in the source; a
/// name spelled with <c>\u</c> escapes counts as possible) or compiled into a referenced assembly, which
/// then references the annotations or is one that defines its own copy of them. When neither holds, the
/// rules have nothing to find and skip every body.
/// </summary>
internal static class AnnotationUsage
{
    // Every rule starts from one of these; "…Attribute" spellings contain them.
    private static readonly string[] OurTriggerNames = { "SensitivePersonalInfo", "RequiresSeparateConsent", "IdentityVerification" };

    // The third-party attributes that classify (ThirdPartyAttributeOrigins), and Identity's user type, whose members
    // carry one: triggers only where the compilation can resolve the attribute (a source-only build of an Identity
    // application cannot, and then nothing is classified by it).
    private static readonly string[] IdentityTriggerNames = { "ProtectedPersonalData", "IdentityUser" };
    private static readonly string[] ComplianceTriggerNames = { "DataClassification" };

    // A Unicode escape could spell any of them, but only inside an identifier: a text holding one has its
    // escaped identifiers read (large code bases always hold a "\u00A0" in some string).
    private static readonly string[] Escapes = { "\\u", "\\U" };

    // Small enough to stay off the large-object heap: this runs at every compilation start in the IDE.
    internal const int ChunkLength = 8 * 1024;

    private const string OurAnnotationsAssembly = "SensitivePi.Annotations";

    // Where DataClassificationAttribute lives (ThirdPartyAttributeOrigins).
    private const string ComplianceAbstractions = "Microsoft.Extensions.Compliance.Abstractions";

    public static bool MayClassify(Compilation compilation, KnownSymbols symbols, CancellationToken cancellationToken)
    {
        // Attributes compiled here, or in a library that carries its own copy of them and may use it.
        if (SymbolEqualityComparer.Default.Equals(symbols.AnnotationsAssembly, compilation.Assembly)
            || symbols.AnnotationsAssembly.Identity.Name != OurAnnotationsAssembly)
        {
            return true;
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!SymbolEqualityComparer.Default.Equals(assembly, symbols.AnnotationsAssembly) && References(assembly, symbols.AnnotationsAssembly))
            {
                return true;
            }

            // A library of the application's own data classification attributes (or types carrying them).
            if (!assembly.Identity.Name.StartsWith("Microsoft.", StringComparison.Ordinal) && ReferencesByName(assembly, ComplianceAbstractions))
            {
                return true;
            }
        }

        var triggers = TriggerNames(compilation);
        var buffer = ArrayPool<char>.Shared.Rent(ChunkLength);
        try
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                switch (Mentions(tree.GetText(cancellationToken), buffer, triggers, cancellationToken))
                {
                    case Mention.Name:
                        return true;
                    case Mention.Escape when EscapedIdentifierNamesTrigger(tree, triggers, cancellationToken):
                        return true;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether <paramref name="assembly"/> was built against the annotations (by name: versions may differ).</summary>
    public static bool References(IAssemblySymbol assembly, IAssemblySymbol annotations) => ReferencesByName(assembly, annotations.Identity.Name);

    private static bool ReferencesByName(IAssemblySymbol assembly, string annotationsName)
    {
        foreach (var module in assembly.Modules)
        {
            foreach (var referenced in module.ReferencedAssemblies)
            {
                if (referenced.Name == annotationsName)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private enum Mention
    {
        None,
        Escape,
        Name,
    }

    // Chunked so that no copy of the whole text is made; chunks overlap by the longest name less one
    // character, so a name split across two chunks is still seen whole in the second.
    private static string[] TriggerNames(Compilation compilation)
    {
        var names = new System.Collections.Generic.List<string>(OurTriggerNames);
        if (compilation.GetTypeByMetadataName(ThirdPartyAttributeOrigins.ProtectedPersonalDataAttribute) is not null)
        {
            names.AddRange(IdentityTriggerNames);
        }

        if (compilation.GetTypeByMetadataName(ThirdPartyAttributeOrigins.DataClassificationAttribute) is not null)
        {
            names.AddRange(ComplianceTriggerNames);
        }

        return names.ToArray();
    }

    private static Mention Mentions(SourceText text, char[] buffer, string[] triggerNames, CancellationToken cancellationToken)
    {
        var overlap = 0;
        foreach (var name in triggerNames)
        {
            overlap = Math.Max(overlap, name.Length - 1);
        }

        var found = Mention.None;
        for (var start = 0; start < text.Length; start += ChunkLength - overlap)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(ChunkLength, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            var chunk = new ReadOnlySpan<char>(buffer, 0, count);
            foreach (var name in triggerNames)
            {
                if (chunk.IndexOf(name.AsSpan(), StringComparison.Ordinal) >= 0)
                {
                    return Mention.Name;
                }
            }

            if (found == Mention.None)
            {
                foreach (var escape in Escapes)
                {
                    if (chunk.IndexOf(escape.AsSpan(), StringComparison.Ordinal) >= 0)
                    {
                        found = Mention.Escape;
                    }
                }
            }

            if (start + count >= text.Length)
            {
                break;
            }
        }

        return found;
    }

    // Only an identifier can name an attribute (or an alias of one), so only escapes inside identifiers can
    // spell a trigger; those in strings, characters and comments cannot.
    private static bool EscapedIdentifierNamesTrigger(SyntaxTree tree, string[] triggerNames, CancellationToken cancellationToken)
    {
        foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
        {
            if (token.RawKind == (int)SyntaxKind.IdentifierToken && token.Text.IndexOf('\\') >= 0)
            {
                var name = token.ValueText;
                foreach (var trigger in triggerNames)
                {
                    if (name.IndexOf(trigger, StringComparison.Ordinal) >= 0)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
