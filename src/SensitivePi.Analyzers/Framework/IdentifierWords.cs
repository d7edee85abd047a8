using System.Collections.Generic;

namespace SensitivePi.Analyzers.Framework;

/// <summary>
/// The words of an identifier, lower-cased: split at case changes (<c>IdCardNumber</c>: id, card, number; an acronym
/// keeps together: <c>SSNValue</c>: ssn, value), underscores and digits (<c>cvn2</c>: cvn, 2; <c>sfzh_no</c>: sfzh, no).
/// </summary>
internal static class IdentifierWords
{
    public static List<string> Of(string identifier)
    {
        var words = new List<string>(4);
        var start = -1;
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(identifier, ref start, i, words);
                continue;
            }

            if (start < 0)
            {
                start = i;
                continue;
            }

            var previous = identifier[i - 1];
            var boundary =
                (char.IsUpper(c) && char.IsLower(previous))
                || (char.IsDigit(c) != char.IsDigit(previous))
                || (char.IsUpper(c) && i + 1 < identifier.Length && char.IsLower(identifier[i + 1]) && char.IsUpper(previous));
            if (boundary)
            {
                Flush(identifier, ref start, i, words);
                start = i;
            }
        }

        Flush(identifier, ref start, identifier.Length, words);
        return words;
    }

    private static void Flush(string identifier, ref int start, int end, List<string> words)
    {
        if (start >= 0 && end > start)
        {
            words.Add(identifier.Substring(start, end - start).ToLowerInvariant());
        }

        start = -1;
    }
}
