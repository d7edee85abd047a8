using System;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// One named part of a tuple or anonymous object held in a local or parameter (<c>row.TripId</c>): a location of
/// its own, so that reading one element does not carry what another holds.
/// </summary>
internal sealed class PartLocation : IEquatable<PartLocation>, IPartOfLocation
{
    public PartLocation(object holder, string part)
    {
        Holder = holder;
        Part = part;
    }

    public object Holder { get; }

    /// <summary>The element's canonical name (<c>Item1</c> for a tuple), or the anonymous type's property name.</summary>
    public string Part { get; }

    public bool Equals(PartLocation? other) =>
        other is not null && Part == other.Part && LocationComparer.Instance.Equals(Holder, other.Holder);

    public override bool Equals(object? obj) => Equals(obj as PartLocation);

    public override int GetHashCode() => (LocationComparer.Instance.GetHashCode(Holder) * 31) ^ Part.GetHashCode();
}
