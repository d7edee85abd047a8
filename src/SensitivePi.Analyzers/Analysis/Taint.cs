using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// The provenance of a value: the annotated symbols its data comes from. Empty means "not sensitive".
/// Immutable; sets are small (one or two origins), so an array beats a hash set.
/// </summary>
internal sealed class Taint : IEquatable<Taint>
{
    public static readonly Taint Empty = new(ImmutableArray<SensitiveOrigin>.Empty);

    private Taint(ImmutableArray<SensitiveOrigin> origins) => Origins = origins;

    public ImmutableArray<SensitiveOrigin> Origins { get; }

    public bool IsEmpty => Origins.IsEmpty;

    /// <summary>The same data, encrypted or hashed (<see cref="SensitiveOrigin.IsProtected"/>).</summary>
    public Taint AsProtected()
    {
        var builder = ImmutableArray.CreateBuilder<SensitiveOrigin>(Origins.Length);
        foreach (var origin in Origins)
        {
            var twin = origin.AsProtected();
            if (!builder.Contains(twin))
            {
                builder.Add(twin);
            }
        }

        return IsEmpty ? this : new Taint(builder.ToImmutable());
    }

    /// <summary>The origins that are still readable: what a log or a plaintext channel would expose.</summary>
    public Taint Unprotected()
    {
        foreach (var origin in Origins)
        {
            if (origin.IsProtected)
            {
                var builder = ImmutableArray.CreateBuilder<SensitiveOrigin>(Origins.Length);
                foreach (var candidate in Origins)
                {
                    if (!candidate.IsProtected)
                    {
                        builder.Add(candidate);
                    }
                }

                return builder.Count == 0 ? Empty : new Taint(builder.ToImmutable());
            }
        }

        return this;
    }

    /// <summary>The origins <paramref name="keep"/> accepts, in this taint's order (a rule's own data: raw samples, one category).</summary>
    public Taint Where(System.Func<SensitiveOrigin, bool> keep)
    {
        var builder = ImmutableArray.CreateBuilder<SensitiveOrigin>(Origins.Length);
        foreach (var origin in Origins)
        {
            if (keep(origin))
            {
                builder.Add(origin);
            }
        }

        return builder.Count == Origins.Length ? this : builder.Count == 0 ? Empty : new Taint(builder.ToImmutable());
    }

    /// <summary>Whether some origin is a placeholder of the cross-method pass (<see cref="SensitiveOrigin.IsPlaceholder"/>).</summary>
    public bool HasPlaceholders
    {
        get
        {
            foreach (var origin in Origins)
            {
                if (origin.IsPlaceholder)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The declared data only, without the cross-method pass's placeholders.</summary>
    public Taint Declared()
    {
        if (!HasPlaceholders)
        {
            return this;
        }

        var builder = ImmutableArray.CreateBuilder<SensitiveOrigin>(Origins.Length);
        foreach (var origin in Origins)
        {
            if (!origin.IsPlaceholder)
            {
                builder.Add(origin);
            }
        }

        return builder.Count == 0 ? Empty : new Taint(builder.ToImmutable());
    }

    /// <summary>Whether every origin of this taint is one of <paramref name="other"/>'s.</summary>
    public bool IsSubsetOf(Taint other)
    {
        foreach (var origin in Origins)
        {
            if (!other.Origins.Contains(origin))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The categories of the origins, each once, in order of first appearance (for the clauses a message cites).</summary>
    public IEnumerable<PiCategory> Categories()
    {
        var seen = new List<PiCategory>(Origins.Length);
        foreach (var origin in Origins)
        {
            if (!seen.Contains(origin.Category))
            {
                seen.Add(origin.Category);
            }
        }

        return seen;
    }

    public static Taint Of(SensitiveOrigin? origin) => origin is null ? Empty : new Taint(ImmutableArray.Create(origin));

    public static Taint Of(ImmutableArray<SensitiveOrigin> origins) =>
        origins.IsDefaultOrEmpty ? Empty : Empty.Union(origins);

    public Taint Union(Taint other) =>
        other.IsEmpty || ReferenceEquals(this, other) ? this : IsEmpty ? other : Union(other.Origins);

    private Taint Union(ImmutableArray<SensitiveOrigin> origins)
    {
        ImmutableArray<SensitiveOrigin>.Builder? builder = null;
        foreach (var origin in origins)
        {
            if (!Origins.Contains(origin) && (builder is null || !builder.Contains(origin)))
            {
                builder ??= Origins.ToBuilder();
                builder.Add(origin);
            }
        }

        return builder is null ? this : new Taint(builder.ToImmutable());
    }

    /// <summary>The mask a fix applies: the origins' common effective mask, else the safe <see cref="PiMaskKind.Full"/>.</summary>
    public PiMaskKind CommonMask
    {
        get
        {
            if (IsEmpty)
            {
                return PiMaskKind.Full;
            }

            var mask = Origins[0].EffectiveMask;
            foreach (var origin in Origins)
            {
                if (origin.EffectiveMask != mask)
                {
                    return PiMaskKind.Full;
                }
            }

            return mask;
        }
    }

    /// <summary>How messages list the data: <c>'Customer.IdNumber' (SpecificIdentity), 'Customer.Phone' (Other)</c>, in name order.</summary>
    public string Describe()
    {
        var builder = new StringBuilder();
        string? previous = null;
        foreach (var origin in Origins.OrderBy(o => o.DisplayName, StringComparer.Ordinal))
        {
            // A plain origin and its protected twin read alike: name them once.
            var described = origin.Describe();
            if (described == previous)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            builder.Append(described);
            previous = described;
        }

        return builder.ToString();
    }

    public bool Equals(Taint? other)
    {
        // The flow analyses compare states at every join and fixpoint check, and an unchanged location keeps its object.
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Origins.Length != Origins.Length)
        {
            return false;
        }

        foreach (var origin in Origins)
        {
            if (!other.Origins.Contains(origin))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Taint);

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var origin in Origins)
        {
            hash ^= origin.GetHashCode();
        }

        return hash;
    }

    public override string ToString() => Describe();
}
