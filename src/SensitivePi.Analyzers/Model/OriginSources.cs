using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// Where classifications come from in one compilation, assembled in one place so that every analyzer's
/// model sees the same sources (docs/design/architecture.md, "Adding a source of classifications").
/// </summary>
internal static class OriginSources
{
    // Ours first: for one symbol, the first source that classifies it decides.
    public static ImmutableArray<IOriginSource> Of(Compilation compilation, KnownSymbols symbols, AtRestDefaults? atRest = null)
    {
        atRest ??= AtRestDefaults.CredentialsOnly;
        var ours = new AttributeOrigins(compilation, symbols, atRest);
        return ThirdPartyAttributeOrigins.TryCreate(compilation, atRest) is { } thirdParty
            ? ImmutableArray.Create<IOriginSource>(ours, thirdParty)
            : ImmutableArray.Create<IOriginSource>(ours);
    }
}
