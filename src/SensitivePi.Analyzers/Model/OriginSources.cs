using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// Where classifications come from in one compilation, assembled in one place so that every analyzer's
/// model sees the same sources (docs/design/architecture.md, "Adding a source of classifications").
/// </summary>
internal static class OriginSources
{
    public static ImmutableArray<IOriginSource> Of(Compilation compilation, KnownSymbols symbols, AtRestDefaults? atRest = null) =>
        ImmutableArray.Create<IOriginSource>(new AttributeOrigins(compilation, symbols, atRest ?? AtRestDefaults.CredentialsOnly));
}
