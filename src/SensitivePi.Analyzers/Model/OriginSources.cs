using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// Where classifications come from in one compilation, assembled in one place so that every analyzer's
/// model sees the same sources (docs/design/architecture.md, "Adding a source of classifications").
/// </summary>
internal static class OriginSources
{
    // Ours first, then the annotation files, then third-party attributes: for one symbol, the first source that
    // classifies it decides.
    /// <param name="mentions">What the compilation's texts name (each analyzer's model is given it, read at compilation start); without it every parameter may be classified and every file is read for the type answer.</param>
    public static ImmutableArray<IOriginSource> Of(Compilation compilation, KnownSymbols symbols, AtRestDefaults? atRest = null, AnnotationFiles? files = null, SourceMentions? mentions = null)
    {
        atRest ??= AtRestDefaults.CredentialsOnly;
        var sources = ImmutableArray.CreateBuilder<IOriginSource>(3);
        sources.Add(new AttributeOrigins(compilation, symbols, atRest, mentions));
        if (files is { Origins.Count: > 0 })
        {
            sources.Add(new FileOrigins(files));
        }

        if (ThirdPartyAttributeOrigins.TryCreate(compilation, atRest, files) is { } thirdParty)
        {
            sources.Add(thirdParty);
        }

        return sources.ToImmutable();
    }
}
