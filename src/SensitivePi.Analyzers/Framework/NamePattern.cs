using System;

namespace SensitivePi.Analyzers.Framework;

/// <summary>Member-name patterns of the engine's tables: an exact name, or a prefix ending in <c>*</c>.</summary>
internal static class NamePattern
{
    public static bool MatchesAny(string[] patterns, string name)
    {
        foreach (var pattern in patterns)
        {
            if (Matches(pattern, name))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Matches(string pattern, string name)
    {
        var prefixLength = pattern.Length - 1;
        return pattern.Length > 0 && pattern[prefixLength] == '*'
            ? name.Length >= prefixLength && string.CompareOrdinal(name, 0, pattern, 0, prefixLength) == 0
            : string.Equals(name, pattern, StringComparison.Ordinal);
    }
}
