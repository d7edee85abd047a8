using System;

namespace SensitivePi.Analyzers.Knowledge;

/// <summary>A family of sinks: where data goes when a call of the family receives it.</summary>
internal enum SinkKind
{
    Logging,
    Network,
    Storage,

    /// <summary>A URL handed to a browser or client to follow: redirects, navigation.</summary>
    Navigation,

    /// <summary>The construction of an exception: what it is given ends up in its message, and wherever that goes.</summary>
    Exception,

    /// <summary>What a web application returns to its client: response bodies, headers, cookies, hub messages.</summary>
    Response,

    /// <summary>
    /// A property of this compilation set to a value (<c>user.Password = form.Password</c>): stored when the EF Core model maps
    /// it, which only the model, complete at compilation end, says (docs/design/value-flow-engine.md, "The entity model").
    /// </summary>
    EntityMember,
}

/// <summary>A set of <see cref="SinkKind"/>s; each kind's flag is <c>1 &lt;&lt; kind</c>.</summary>
[Flags]
internal enum SinkKinds
{
    None = 0,
    Logging = 1 << SinkKind.Logging,
    Network = 1 << SinkKind.Network,
    Storage = 1 << SinkKind.Storage,
    Navigation = 1 << SinkKind.Navigation,
    Exception = 1 << SinkKind.Exception,
    Response = 1 << SinkKind.Response,
    EntityMember = 1 << SinkKind.EntityMember,
}

/// <summary>Conversions between a kind and its flag; every loop over kinds goes through <see cref="All"/>.</summary>
internal static class SinkKindSet
{
    /// <summary>Every defined kind, in order. A kind added to the enum is here without further edits.</summary>
    public static readonly SinkKind[] All = (SinkKind[])Enum.GetValues(typeof(SinkKind));

    /// <summary>Every kind's flag.</summary>
    public static readonly SinkKinds Every = Union(All);

    private static SinkKinds Union(SinkKind[] kinds)
    {
        var every = SinkKinds.None;
        foreach (var kind in kinds)
        {
            every |= Of(kind);
        }

        return every;
    }

    public static SinkKinds Of(SinkKind kind) => (SinkKinds)(1 << (int)kind);

    public static bool Contains(this SinkKinds set, SinkKind kind) => (set & Of(kind)) != 0;

    public static bool Overlaps(this SinkKinds set, SinkKinds other) => (set & other) != 0;
}
