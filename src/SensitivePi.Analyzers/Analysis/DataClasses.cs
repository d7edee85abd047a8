using System;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// Classes of sensitive data the body survey tells apart, so that a rule asks for a graph only where its
/// own data meets its own sinks. A rule names the classes it reports; the survey finds them.
/// </summary>
[Flags]
internal enum DataClasses
{
    None = 0,

    /// <summary>Any sensitive value or container.</summary>
    Any = 1,

    /// <summary>Data whose legal basis is consent, of a category other than MinorUnder14.</summary>
    ConsentBased = 2,

    /// <summary>Data of a child under 14 whose legal basis is consent.</summary>
    Child = 4,

    /// <summary>A raw biometric sample (<see cref="SensitiveOrigin.IsRawSample"/>).</summary>
    RawSample = 8,

    /// <summary>Biometric data, whatever its legal basis or form.</summary>
    Biometric = 16,

    /// <summary>Data that must never be stored (<see cref="PiAtRest.NeverStore"/>).</summary>
    NeverStored = 32,

    /// <summary>Data stored only encrypted or hashed (<see cref="PiAtRest.Encrypted"/>, declared or by default).</summary>
    StoredEncrypted = 64,
}

internal static class DataClassSet
{
    /// <summary>The classes one origin belongs to.</summary>
    public static readonly Func<SensitiveOrigin, DataClasses> Of = origin =>
        DataClasses.Any
        | (origin.LegalBasis != PiLegalBasis.Consent ? DataClasses.None
            : origin.Category == PiCategory.MinorUnder14 ? DataClasses.Child : DataClasses.ConsentBased)
        | (origin.IsRawSample ? DataClasses.RawSample : DataClasses.None)
        | (origin.Category == PiCategory.Biometric ? DataClasses.Biometric : DataClasses.None)
        | (origin.AtRest == PiAtRest.NeverStore ? DataClasses.NeverStored
            : origin.AtRest == PiAtRest.Encrypted ? DataClasses.StoredEncrypted : DataClasses.None);

    public static bool Overlaps(this DataClasses set, DataClasses other) => (set & other) != 0;
}
