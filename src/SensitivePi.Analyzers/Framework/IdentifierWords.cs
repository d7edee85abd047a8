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
        var collect = new Collect(identifier);
        Split(identifier, ref collect);
        return collect.Words;
    }

    /// <summary>
    /// Whether some phrase of a table may begin at a word of <paramref name="identifier"/>, without allocating: a phrase is known
    /// by its <see cref="Opening"/> (its one word, or its first two words), and a word whose hash, or the previous word's and its
    /// pair, is in <paramref name="openings"/>, or that holds a character outside ASCII (its lower case is left to
    /// <see cref="Of"/>), may begin one. A name table asked for every member of a compilation stops most names here: a name
    /// with the word "id" is asked about only where the second word of a row that begins with it follows.
    /// </summary>
    public static bool MayHaveOpeningAmong(string identifier, HashSet<int> openings)
    {
        var probe = new Probe(identifier, openings);
        Split(identifier, ref probe);
        return probe.Found;
    }

    /// <summary>What <see cref="MayHaveOpeningAmong"/> compares for a phrase of lower-case ASCII words: its first word's hash, or its first two words' pair.</summary>
    public static int Opening(IReadOnlyList<string> words) =>
        words.Count == 1 ? Hash(words[0], 0, words[0].Length) : Pair(Hash(words[0], 0, words[0].Length), Hash(words[1], 0, words[1].Length));

    private static int Pair(int first, int second) => unchecked((first * -1521134295) + second);

    // FNV-1a over the span's characters, A-Z lower-cased as ToLowerInvariant lowers them; the caller has checked the span is ASCII.
    private static int Hash(string text, int start, int end)
    {
        unchecked
        {
            var hash = (int)2166136261;
            for (var i = start; i < end; i++)
            {
                var c = text[i];
                if (c is >= 'A' and <= 'Z')
                {
                    c = (char)(c + ('a' - 'A'));
                }

                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }

    // Calls the sink with each word's span in order, until it asks to stop.
    private static void Split<TSink>(string identifier, ref TSink sink)
        where TSink : struct, IWordSink
    {
        var start = -1;
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (Flush(ref sink, ref start, i))
                {
                    return;
                }

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
                if (Flush(ref sink, ref start, i))
                {
                    return;
                }

                start = i;
            }
        }

        Flush(ref sink, ref start, identifier.Length);
    }

    private static bool Flush<TSink>(ref TSink sink, ref int start, int end)
        where TSink : struct, IWordSink
    {
        var stop = start >= 0 && end > start && sink.Word(start, end);
        start = -1;
        return stop;
    }

    private interface IWordSink
    {
        /// <summary>Takes the word at [start, end); true to stop the split.</summary>
        bool Word(int start, int end);
    }

    private struct Collect : IWordSink
    {
        private readonly string _identifier;

        public Collect(string identifier)
        {
            _identifier = identifier;
            Words = new List<string>(4);
        }

        public List<string> Words { get; }

        public bool Word(int start, int end)
        {
            Words.Add(_identifier.Substring(start, end - start).ToLowerInvariant());
            return false;
        }
    }

    private struct Probe : IWordSink
    {
        private readonly string _identifier;
        private readonly HashSet<int> _openings;
        private int? _previous;

        public Probe(string identifier, HashSet<int> openings)
        {
            _identifier = identifier;
            _openings = openings;
            _previous = null;
            Found = false;
        }

        public bool Found { get; private set; }

        public bool Word(int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                if (_identifier[i] > '\u007f')
                {
                    return Found = true;
                }
            }

            var hash = Hash(_identifier, start, end);
            Found = _openings.Contains(hash) || (_previous is { } previous && _openings.Contains(Pair(previous, hash)));
            _previous = hash;
            return Found;
        }
    }
}
