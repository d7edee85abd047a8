using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// One source of classifications: what a symbol's own declaration says, before inheritance. The
/// <see cref="SensitivityModel"/> asks every source and adds what no source decides alone: overrides and
/// interface implementations, record properties, annotated types' instances, containers. Attributes are a
/// source today (<see cref="AttributeOrigins"/>); external annotation files and third-party attributes plug in
/// beside it (docs/design/architecture.md, "Adding a source of classifications").
/// </summary>
internal interface IOriginSource
{
    /// <summary>How the record of processing names this source ("attribute", "annotation file", …).</summary>
    string Name { get; }

    /// <summary>Whether any symbol declared in <paramref name="assembly"/> may be classified by this source (asked once per assembly).</summary>
    bool MayClassifyIn(IAssemblySymbol assembly);

    /// <summary>
    /// A cheap test, asked of nearly every member the analyses read: false only when <see cref="OwnMemberOrigin"/>
    /// surely answers null (no attribute at all, a member no file names).
    /// </summary>
    bool MayClassify(ISymbol member);

    /// <summary>The classification a field, property, parameter or method (its return value) carries itself.</summary>
    SensitiveOrigin? OwnMemberOrigin(ISymbol member);

    /// <summary>The classification a type carries itself (not through its base types).</summary>
    SensitiveOrigin? OwnTypeOrigin(INamedTypeSymbol type);

    /// <summary>
    /// False only when <see cref="OwnTypeOrigin"/> answers null for every type the compilation can reach (asked once per
    /// model): then no value is sensitive by its type alone, and the model answers every type question at once.
    /// </summary>
    bool MayClassifySomeType();

    /// <summary>
    /// The names (<see cref="AttributeOrigins.ParameterOwner"/>) of the methods some of whose parameters <see cref="OwnMemberOrigin"/>
    /// may classify, in every assembly the compilation can reach; null when it may classify any parameter (asked once per model).
    /// A parameter of a method named otherwise is answered at once.
    /// </summary>
    ImmutableHashSet<string>? ParameterOwners();
}
