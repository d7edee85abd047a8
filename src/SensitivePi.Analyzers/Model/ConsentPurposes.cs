namespace SensitivePi.Analyzers.Model;

/// <summary>
/// The consent bit of a (category, purpose) pair: a check with a constant purpose grants it, and an operation
/// declared for a purpose accepts only it (or a check for every purpose). The bit is a stable hash of the pair
/// into the bits left above the categories', the same in every analysis of every body, with or without a graph.
/// Two purposes that share a bit are taken for one: a missed mismatch, never a false report
/// (docs/rules/SPI003.md, "Known limits").
/// </summary>
internal static class ConsentPurposes
{
    private static readonly int Count = ConsentCatalog.LastPurposeShift - ConsentCatalog.FirstPurposeShift + 1;

    public static int BitOf(PiCategory category, string purpose)
    {
        // FNV-1a over the category and the normalised purpose: string.GetHashCode differs between processes.
        var hash = 2166136261u;
        hash = (hash ^ (uint)category) * 16777619u;
        foreach (var character in Normalize(purpose))
        {
            hash = (hash ^ character) * 16777619u;
        }

        return 1 << (ConsentCatalog.FirstPurposeShift + (int)(hash % (uint)Count));
    }

    /// <summary>Purposes compare ordinally, ignoring case and surrounding white space.</summary>
    public static string Normalize(string purpose) => purpose.Trim().ToUpperInvariant();
}
