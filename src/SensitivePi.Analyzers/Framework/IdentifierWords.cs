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
    /// pair, is among <paramref name="openings"/>, or that holds a character outside ASCII (its lower case is left to
    /// <see cref="Of"/>), may begin one. A name table asked for every member of a compilation stops most names here: a name
    /// with the word "id" is asked about only where the second word of a row that begins with it follows.
    /// </summary>
    public static bool MayHaveOpeningAmong(string identifier, OpeningSet openings)
    {
        // An ASCII name (nearly every one) is read once, each word hashed as it is read, its characters classed by a table; the
        // words are those Split finds. A name with another character is split as Of splits it.
        var start = -1;
        var hash = 0;
        int? previous = null;
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (c > '\u007f')
            {
                var probe = new Probe(identifier, openings);
                Split(identifier, ref probe);
                return probe.Found;
            }

            var kind = AsciiKinds[c];
            if (kind == Other)
            {
                if (start >= 0 && Opens(openings, hash, ref previous))
                {
                    return true;
                }

                start = -1;
                continue;
            }

            if (start >= 0)
            {
                // Split's boundaries: lower to upper, letter to digit and back, and the last capital of an acronym before a
                // lower-case letter (a character outside ASCII there is read, and the name split, at the next step).
                var before = AsciiKinds[identifier[i - 1]];
                if ((kind == Upper && before == Lower) || ((kind == Digit) != (before == Digit))
                    || (kind == Upper && before == Upper && i + 1 < identifier.Length && identifier[i + 1] is >= 'a' and <= 'z'))
                {
                    if (Opens(openings, hash, ref previous))
                    {
                        return true;
                    }

                    start = -1;
                }
            }

            if (start < 0)
            {
                start = i;
                hash = HashBasis;
            }

            hash = HashStep(hash, kind == Upper ? (char)(c + ('a' - 'A')) : c);
        }

        return start >= 0 && Opens(openings, hash, ref previous);
    }

    // Whether a word (its hash), alone or after the previous word, opens a phrase; it is then the previous word.
    private static bool Opens(OpeningSet openings, int hash, ref int? previous)
    {
        var opens = openings.Contains(hash) || (previous is { } before && openings.Contains(Pair(before, hash)));
        previous = hash;
        return opens;
    }

    private const byte Other = 0;
    private const byte Lower = 1;
    private const byte Upper = 2;
    private const byte Digit = 3;

    // The class of each ASCII character, as char.IsLower, IsUpper and IsDigit answer for it; Other is not a letter or digit.
    private static readonly byte[] AsciiKinds = ClassAscii();

    private static byte[] ClassAscii()
    {
        var kinds = new byte[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            kinds[c] = Lower;
            kinds[c - ('a' - 'A')] = Upper;
        }

        for (var c = '0'; c <= '9'; c++)
        {
            kinds[c] = Digit;
        }

        return kinds;
    }

    /// <summary>
    /// The openings of a table's phrases (<see cref="Opening"/>), asked once per word of every member's name: a bit per hash
    /// modulo a few thousand answers most words (no phrase opens with them) before the set is asked.
    /// </summary>
    public sealed class OpeningSet
    {
        private const int Bits = 1 << 13;
        private readonly ulong[] _filter = new ulong[Bits / 64];
        private readonly HashSet<int> _openings;

        public OpeningSet(IEnumerable<int> openings)
        {
            _openings = new HashSet<int>(openings);
            foreach (var opening in _openings)
            {
                var bit = opening & (Bits - 1);
                _filter[bit >> 6] |= 1UL << (bit & 63);
            }
        }

        public bool Contains(int opening)
        {
            var bit = opening & (Bits - 1);
            return (_filter[bit >> 6] & (1UL << (bit & 63))) != 0 && _openings.Contains(opening);
        }
    }

    /// <summary>What <see cref="MayHaveOpeningAmong"/> compares for a phrase of lower-case ASCII words: its first word's hash, or its first two words' pair.</summary>
    public static int Opening(IReadOnlyList<string> words) =>
        words.Count == 1 ? Hash(words[0], 0, words[0].Length) : Pair(Hash(words[0], 0, words[0].Length), Hash(words[1], 0, words[1].Length));

    private static int Pair(int first, int second) => unchecked((first * -1521134295) + second);

    // FNV-1a over the span's characters, A-Z lower-cased as ToLowerInvariant lowers them; the caller has checked the span is ASCII.
    private static int Hash(string text, int start, int end)
    {
        var hash = HashBasis;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            hash = HashStep(hash, c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c);
        }

        return hash;
    }

    private const int HashBasis = unchecked((int)2166136261);

    private static int HashStep(int hash, char c) => unchecked((hash ^ c) * 16777619);

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
        private readonly OpeningSet _openings;
        private int? _previous;

        public Probe(string identifier, OpeningSet openings)
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
