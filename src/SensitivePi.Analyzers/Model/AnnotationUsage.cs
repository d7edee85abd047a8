using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SensitivePi.Analyzers.Framework;

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
    /// <summary>
    /// What the names of the checks the shipped annotations declare (<c>ISeparateConsentService</c>) begin with: where no text names
    /// one of them or a check attribute, and they are the only checks the compilation can reach, it declares no check and wraps
    /// none (ConsentCatalog). Declared before the anchors, which are built from it.
    /// </summary>
    internal static readonly string[] ShippedChecks = { "HasSeparateConsent", "HasGuardianConsent" };

    // Every rule starts from one of our names ("…Attribute" spellings contain them). The third-party attributes that
    // classify (ThirdPartyAttributeOrigins), and Identity's user type, whose members carry one, trigger only where the
    // compilation can resolve the attribute (a source-only build of an Identity application cannot, and then nothing is
    // classified by it). A Unicode escape could spell any of them, but only inside an identifier: a text holding one has
    // its escaped identifiers read (large code bases always hold a "\u00A0" in some string). Each name is looked for only
    // in a text (or a chunk of a long one) that holds its anchor, which names share: a text is searched once per anchor, not
    // once per name.
    internal static readonly (string Anchor, (string Name, TextMentions Mention)[] Names)[] Anchors =
    {
        ("Personal", new[]
        {
            ("SensitivePersonalInfo", TextMentions.Ours), ("ProtectedPersonalData", TextMentions.Identity),
            ("MasksPersonalInfo", TextMentions.Sanitizer), ("EncryptsPersonalInfo", TextMentions.Sanitizer),
        }),
        ("Identity", new[] { ("IdentityVerification", TextMentions.Ours | TextMentions.Verification), ("IdentityUser", TextMentions.Identity) }),
        ("DataClassification", new[] { ("DataClassification", TextMentions.Compliance) }),

        // One pass finds all four: a text that names none of them is searched once for "Consent", not twice (benchmarks/results.md,
        // session 53).
        ("Consent", new[]
        {
            ("RequiresSeparateConsent", TextMentions.Ours | TextMentions.Consent),
            ("ConsentCheck", TextMentions.Check), (ShippedChecks[0], TextMentions.Check), (ShippedChecks[1], TextMentions.Check),
        }),
        ("\\", new[] { ("\\u", TextMentions.Escape), ("\\U", TextMentions.Escape) }),
    };

    /// <summary>
    /// What a text is not first read for, but only when asked (<see cref="OnDemandMentionsOf"/>): <c>DataClassification</c> counts only
    /// where the compilation resolves its attribute, which a compilation that references no Microsoft.Extensions.Compliance does not,
    /// and no other name shares its anchor, so each text would be searched once more for nothing (benchmarks/results.md, session 55).
    /// </summary>
    internal const TextMentions OnDemand = TextMentions.Compliance;

    // The longest name less one character: chunks overlap by this much.
    private static readonly int Overlap = Anchors.Max(row => row.Names.Max(name => name.Name.Length)) - 1;

    /// <summary>
    /// What each text mentions, kept beside the text while it lives (<see cref="MentionsOf"/>): every analyzer of ours reads a text
    /// through it, so within a compilation each text is read once for all of them, and a text the next compilation keeps (an
    /// editor's unchanged file) is not read again. Keyed by the text instance, not by its contents: the driver's per-text cache
    /// (<c>SourceTextValueProvider</c>) keeps a per-compilation dictionary keyed by content, whose hash is the text's checksum,
    /// combined again at every lookup, and computed over every character where the text has none yet (a text made from a
    /// string or an editor's buffer; a build reads its files with theirs) (benchmarks/results.md, session 54). The keys are
    /// weak: the table holds no text alive.
    /// </summary>
    private static readonly ConditionalWeakTable<SourceText, Mentioned> ByText = new();

    private static readonly ConditionalWeakTable<SourceText, Mentioned>.CreateValueCallback FirstRead = text => new Mentioned(Scan(text));

    // Small enough to stay off the large-object heap: this runs at every compilation start in the IDE.
    internal const int ChunkLength = 8 * 1024;

    // Texts no longer than this are read whole, through ToString(): the compiler reads a file this short into one string, which its
    // text hands back without a copy (a longer file is kept in chunks, and its string would land on the large-object heap). A text
    // of another kind (an editor's buffer) copies itself into a string of this size at most, once, as its chunks were copied
    // (benchmarks/results.md, session 55).
    internal const int WholeLength = 40 * 1024;

    // Where DataClassificationAttribute lives (ThirdPartyAttributeOrigins).
    private const string ComplianceAbstractions = "Microsoft.Extensions.Compliance.Abstractions";

    /// <summary>
    /// As <see cref="MayClassify(Compilation, KnownSymbols, SourceMentions, CancellationToken)"/>, each text read through
    /// <paramref name="mentionsOf"/> (null: <see cref="Scan"/>, uncached); what is read on demand goes through the shared per-text cache.
    /// </summary>
    public static bool MayClassify(Compilation compilation, KnownSymbols symbols, CancellationToken cancellationToken, Func<SourceText, TextMentions>? mentionsOf = null) =>
        MayClassify(compilation, symbols, new SourceMentions(compilation, mentionsOf ?? Scan, cancellationToken), cancellationToken);

    /// <summary>
    /// Whether anything in <paramref name="compilation"/> may be classified, judged from the annotations' assembly, the referenced
    /// assemblies and what the texts mention (<paramref name="mentions"/>); drawn once and kept with the mentions, which
    /// <see cref="SourceMentions.Of"/> shares between our analyzers.
    /// </summary>
    public static bool MayClassify(Compilation compilation, KnownSymbols symbols, SourceMentions mentions, CancellationToken cancellationToken) =>
        mentions.MayClassify(() => Decide(compilation, symbols, mentions, cancellationToken));

    private static bool Decide(Compilation compilation, KnownSymbols symbols, SourceMentions mentions, CancellationToken cancellationToken)
    {
        // Attributes compiled here, or in a library that carries its own copy of them and may use it.
        if (SymbolEqualityComparer.Default.Equals(symbols.AnnotationsAssembly, compilation.Assembly)
            || AppliedWithin(symbols.AnnotationsAssembly) is not { } applied || !applied.IsSubsetOf(AppliedByShippedAnnotations))
        {
            return true;
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!SymbolEqualityComparer.Default.Equals(assembly, symbols.AnnotationsAssembly) && References(assembly, symbols.AnnotationsAssembly))
            {
                return true;
            }

            // A library of the application's own data classification attributes (or types carrying them), or a Microsoft package
            // that defines some (Compliance.Testing's [PrivateData]), which the application applies under their own names; the
            // other Microsoft packages built on Compliance (redaction, telemetry) define none.
            if (ReferencesByName(assembly, ComplianceAbstractions)
                && (!assembly.Identity.Name.StartsWith("Microsoft.", StringComparison.Ordinal) || DefinesClassification(assembly, compilation)))
            {
                return true;
            }
        }

        // Our names decide at once (an escaped identifier's spelling included); a third party's, where the compilation resolves its
        // attribute, which is looked up only when some text names it (each first lookup by metadata name searches every referenced
        // assembly). DataClassification is not in each text's first reading (OnDemand): where nothing else decided, its attribute
        // is looked up, and only where it resolves are the texts searched for it.
        if (mentions.MayName(TextMentions.Ours))
        {
            return true;
        }

        var theirs = (mentions.MayName(TextMentions.Identity) ? TextMentions.Identity : TextMentions.None)
            | (mentions.MayName(TextMentions.Compliance) ? TextMentions.Compliance : TextMentions.None);
        if (theirs != TextMentions.None && Resolved(compilation, theirs) != TextMentions.None)
        {
            return true;
        }

        if ((theirs & TextMentions.Compliance) != 0 || Resolved(compilation, TextMentions.Compliance) == TextMentions.None)
        {
            return false;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if ((OnDemandMentionsOf(tree.GetText(cancellationToken)) & TextMentions.Compliance) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What <paramref name="text"/> mentions, read once while the text lives and shared by every analyzer of ours (two asking at the
    /// same moment may both read it: the answer is the same, and one is kept).
    /// </summary>
    public static TextMentions MentionsOf(SourceText text) => ByText.GetValue(text, FirstRead).Value;

    /// <summary><see cref="MentionsOf"/> as the delegate the compilation-start readers take (one instance, not one per analyzer).</summary>
    public static readonly Func<SourceText, TextMentions> Mentions = MentionsOf;

    /// <summary>What of <see cref="OnDemand"/> <paramref name="text"/> mentions, read the first time it is asked and kept with the text.</summary>
    public static TextMentions OnDemandMentionsOf(SourceText text) => ByText.GetValue(text, FirstRead).OnDemandOf(text);

    // A class, as the table's values must be.
    private sealed class Mentioned
    {
        // What the on-demand search found; -1 until it is read (two asking at the same moment may both read it, as above).
        private int _onDemand = -1;

        public Mentioned(TextMentions value) => Value = value;

        public TextMentions Value { get; }

        public TextMentions OnDemandOf(SourceText text)
        {
            var kept = Volatile.Read(ref _onDemand);
            if (kept < 0)
            {
                kept = (int)Read(text, OnDemand);
                Volatile.Write(ref _onDemand, kept);
            }

            return (TextMentions)kept;
        }
    }

    /// <summary>
    /// The full names of the attributes of our namespace that <paramref name="assembly"/> defines and applies itself, to its types, members,
    /// parameters or return values, read from its symbols; null when it has too many types to read at every compilation start
    /// (a copy of the attributes compiled into an application's assembly), which may then carry any. Read, not trusted by
    /// name: a copy called like ours may classify its own members.
    /// </summary>
    public static ImmutableHashSet<string>? AppliedWithin(IAssemblySymbol assembly)
    {
        if (assembly.TypeNames.Count > MaxTypesRead)
        {
            return null;
        }

        var applied = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var namespaces = new Stack<INamespaceSymbol>();
        var types = new Stack<INamedTypeSymbol>();
        namespaces.Push(assembly.GlobalNamespace);
        while (namespaces.Count > 0)
        {
            var current = namespaces.Pop();
            foreach (var nested in current.GetNamespaceMembers())
            {
                namespaces.Push(nested);
            }

            foreach (var type in current.GetTypeMembers())
            {
                types.Push(type);
            }
        }

        // Nested types are few, and each is read once: the stack holds what is left.
        for (var read = 0; types.Count > 0 && read <= MaxTypesRead * 4; read++)
        {
            var type = types.Pop();
            Note(type.GetAttributes());
            foreach (var member in type.GetMembers())
            {
                Note(member.GetAttributes());
                if (member is IMethodSymbol method)
                {
                    Note(method.GetReturnTypeAttributes());
                    foreach (var parameter in method.Parameters)
                    {
                        Note(parameter.GetAttributes());
                    }
                }
                else if (member is INamedTypeSymbol nestedType)
                {
                    types.Push(nestedType);
                }
            }
        }

        return types.Count == 0 ? applied.ToImmutable() : null;

        void Note(ImmutableArray<AttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                // Ours only: the compiler embeds its own (nullable metadata) in every assembly.
                if (attribute.AttributeClass is { ContainingNamespace: { Name: "SensitivePi", ContainingNamespace.IsGlobalNamespace: true } } attributeClass
                    && SymbolEqualityComparer.Default.Equals(attributeClass.ContainingAssembly, assembly))
                {
                    applied.Add(attributeClass.ToDisplayString());
                }
            }
        }
    }

    // Our annotations hold about twenty types.
    private const int MaxTypesRead = 64;

    // Whether a type of `assembly` is a DataClassificationAttribute subclass; an assembly too large to read may define one.
    private static bool DefinesClassification(IAssemblySymbol assembly, Compilation compilation)
    {
        if (assembly.TypeNames.Count > MaxTypesRead * 8)
        {
            return true;
        }

        if (compilation.GetTypeByMetadataName(ThirdPartyAttributeOrigins.DataClassificationAttribute) is not { } classification)
        {
            return false;
        }

        foreach (var type in TypeHierarchy.TypesIn(assembly.GlobalNamespace))
        {
            if (!SymbolEqualityComparer.Default.Equals(type, classification) && type.TypeKind == TypeKind.Class && TypeHierarchy.IsOrInherits(type, classification))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The attributes our shipped annotations apply to their own members (<c>ISeparateConsentService</c>'s checks): an annotations
    /// assembly that applies no others classifies nothing itself.
    /// </summary>
    public static readonly ImmutableArray<string> AppliedByShippedAnnotations =
        ImmutableArray.Create("SensitivePi.SeparateConsentCheckAttribute", "SensitivePi.GuardianConsentCheckAttribute");

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

    // Of the third parties' names among those given, the ones whose attribute the compilation resolves.
    private static TextMentions Resolved(Compilation compilation, TextMentions named)
    {
        var resolved = TextMentions.None;
        if ((named & TextMentions.Identity) != 0
            && compilation.GetTypeByMetadataName(ThirdPartyAttributeOrigins.ProtectedPersonalDataAttribute) is not null)
        {
            resolved |= TextMentions.Identity;
        }

        if ((named & TextMentions.Compliance) != 0
            && compilation.GetTypeByMetadataName(ThirdPartyAttributeOrigins.DataClassificationAttribute) is not null)
        {
            resolved |= TextMentions.Compliance;
        }

        return resolved;
    }

    // A short text is read whole, a long one in chunks, so that no copy of a long text is made; chunks overlap by the longest name
    // less one character, so a name split across two chunks is still seen whole in the second, with its anchor. The cache's
    // callback takes no cancellation token: one text's scan is short, and the compilation's loop over texts checks its token
    // between them.
    internal static TextMentions Scan(SourceText text) => Read(text, All & ~OnDemand);

    // What `text` mentions of `wanted`; the rest counts as found from the start, so that no anchor is searched for it alone.
    private static TextMentions Read(SourceText text, TextMentions wanted)
    {
        var found = All & ~wanted;
        if (text.Length <= WholeLength)
        {
            return Search(text.ToString().AsSpan(), found) & wanted;
        }

        var buffer = ArrayPool<char>.Shared.Rent(ChunkLength);
        try
        {
            for (var start = 0; start < text.Length && found != All; start += ChunkLength - Overlap)
            {
                var count = Math.Min(ChunkLength, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                found = Search(new ReadOnlySpan<char>(buffer, 0, count), found);
                if (start + count >= text.Length)
                {
                    break;
                }
            }

            return found & wanted;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private const TextMentions All = TextMentions.Ours | TextMentions.Identity | TextMentions.Compliance | TextMentions.Escape | TextMentions.Consent
        | TextMentions.Sanitizer | TextMentions.Check | TextMentions.Verification;

    // What a text, or a chunk of one, mentions besides what is already found: a name is looked for only where its anchor is.
    private static TextMentions Search(ReadOnlySpan<char> chunk, TextMentions found)
    {
        foreach (var (anchor, names) in Anchors)
        {
            if (!Wants(names, found) || chunk.IndexOf(anchor.AsSpan(), StringComparison.Ordinal) < 0)
            {
                continue;
            }

            foreach (var (name, mention) in names)
            {
                if ((found & mention) != mention && (string.Equals(name, anchor, StringComparison.Ordinal) || chunk.IndexOf(name.AsSpan(), StringComparison.Ordinal) >= 0))
                {
                    found |= mention;
                }
            }
        }

        return found;
    }

    private static bool Wants((string Name, TextMentions Mention)[] names, TextMentions found)
    {
        foreach (var (_, mention) in names)
        {
            if ((found & mention) != mention)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What the identifiers of <paramref name="tree"/> spelled with escapes mention. Only an identifier can name an attribute (or
    /// an alias of one), so only escapes inside identifiers can spell a name; those in strings, characters and comments cannot.
    /// </summary>
    /// <remarks>
    /// An identifier can hold no other escape than <c>\u</c> or <c>\U</c>: only the tokens at those places in the text are read, not
    /// every token of the file (which, in a build, makes the whole file's syntax nodes for a few escapes in its strings; several of
    /// our analyzers ask, benchmarks/results.md session 53). The text is read as the scan reads it: whole if short, else in chunks.
    /// </remarks>
    internal static TextMentions EscapedMentions(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var found = TextMentions.None;
        var text = tree.GetText(cancellationToken);
        var root = tree.GetRoot(cancellationToken);

        // `next` is where the search resumes, past an identifier already read.
        var next = 0;
        if (text.Length <= WholeLength)
        {
            ReadEscapes(text.ToString().AsSpan(), 0, root, ref next, ref found);
            return found;
        }

        var buffer = ArrayPool<char>.Shared.Rent(ChunkLength);
        try
        {
            // Chunks overlap by one character, so that a backslash ending one is read with what follows it in the next.
            for (var start = 0; start < text.Length - 1; start += ChunkLength - 1)
            {
                var count = Math.Min(ChunkLength, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                ReadEscapes(new ReadOnlySpan<char>(buffer, 0, count), start, root, ref next, ref found);
            }

            return found;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    // The identifiers with an escape in `chunk`, which starts at `start` in the text.
    private static void ReadEscapes(ReadOnlySpan<char> chunk, int start, SyntaxNode root, ref int next, ref TextMentions found)
    {
        var count = chunk.Length;
        for (var offset = Math.Max(next - start, 0); offset < count - 1; offset++)
        {
            var backslash = chunk.Slice(offset, count - 1 - offset).IndexOf('\\');
            if (backslash < 0)
            {
                break;
            }

            offset += backslash;
            if (chunk[offset + 1] is not ('u' or 'U'))
            {
                continue;
            }

            var token = root.FindToken(start + offset);
            if (token.RawKind == (int)SyntaxKind.IdentifierToken && token.Span.Contains(start + offset))
            {
                // The rest of this identifier's escapes spell the same name.
                next = token.Span.End;
                offset = Math.Max(offset, next - start - 1);
                found |= NamedIn(token.ValueText);
            }
        }
    }

    private static TextMentions NamedIn(string name)
    {
        var found = TextMentions.None;
        foreach (var (_, names) in Anchors)
        {
            foreach (var (trigger, mention) in names)
            {
                if (name.IndexOf(trigger, StringComparison.Ordinal) >= 0)
                {
                    found |= mention;
                }
            }
        }

        return found;
    }
}

/// <summary>What a source text mentions that could apply a classification (<see cref="AnnotationUsage"/>).</summary>
[Flags]
internal enum TextMentions : byte
{
    None = 0,

    /// <summary>One of our attributes' names.</summary>
    Ours = 1,

    /// <summary>ASP.NET Core Identity's <c>[ProtectedPersonalData]</c> or <c>IdentityUser</c>.</summary>
    Identity = 2,

    /// <summary><c>[DataClassification]</c> (Microsoft.Extensions.Compliance): read only when asked (<see cref="AnnotationUsage.OnDemand"/>), or spelled with escapes.</summary>
    Compliance = 4,

    /// <summary>A <c>\u</c> or <c>\U</c> escape, which could spell any of them inside an identifier.</summary>
    Escape = 8,

    /// <summary><c>[RequiresSeparateConsent]</c> (with <see cref="Ours"/>).</summary>
    Consent = 16,

    /// <summary><c>[MasksPersonalInfo]</c> or <c>[EncryptsPersonalInfo]</c>.</summary>
    Sanitizer = 32,

    /// <summary>A consent-check attribute (<c>[SeparateConsentCheck]</c>, <c>[GuardianConsentCheck]</c>) or a check of the shipped annotations.</summary>
    Check = 64,

    /// <summary><c>[IdentityVerification]</c> (with <see cref="Ours"/>).</summary>
    Verification = 128,
}
