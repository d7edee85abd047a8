using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SensitivePi.Tests.Masking;

/// <summary>
/// Drives every <see cref="PiMask"/> helper, through <see cref="PiMask.Mask"/> and directly, with the same
/// 100,000 seeded random inputs and checks the contract on each of them.
/// </summary>
public class PiMaskPropertyTests
{
    private const int InputCount = 100_000;
    private const int Seed = 20231108;

    private static readonly Lazy<string?[]> Inputs = new(Generate);

    private static readonly HashSet<MaskKind> AccountKinds =
    [
        MaskKind.IdCardNumber, MaskKind.PhoneNumber, MaskKind.BankCardNumber, MaskKind.FundAccount,
        MaskKind.InsuranceAccount, MaskKind.HousingFundAccount, MaskKind.SocialSecurityNumber, MaskKind.PassbookNumber,
    ];

    /// <summary>
    /// For the helpers that keep fixed ends: how many significant text elements may be kept at the start
    /// and at the end, and how many in all.
    /// </summary>
    private static readonly Dictionary<MaskKind, (int First, int Last, int Max)> EndRules = new()
    {
        [MaskKind.IdCardNumber] = (4, 0, 4),
        [MaskKind.Passport] = (1, 1, 2),
        [MaskKind.PhoneNumber] = (3, 4, 7), // plus a "+86" prefix, see KeptWithinRule
        [MaskKind.BankCardNumber] = (4, 4, 8),
        [MaskKind.FundAccount] = (0, 4, 4),
        [MaskKind.InsuranceAccount] = (4, 4, 8),
        [MaskKind.HousingFundAccount] = (4, 0, 4),
        [MaskKind.SocialSecurityNumber] = (2, 2, 4), // or (4, 0, 4) when shaped like an ID number
        [MaskKind.PassbookNumber] = (4, 4, 8),
        [MaskKind.Name] = (1, 0, 1),
    };

    private static readonly HashSet<string> DateSeparators = ["-", "/", ".", "年", "月", "日", " ", "T", ":", ",", "Z", "+"];

    public static TheoryData<MaskKind> AllKinds() => PiMaskTests.AllKinds();

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Contract_holds_for_seeded_random_inputs(MaskKind kind)
    {
        var inputs = Inputs.Value;
        var helper = PiMaskTests.Helpers[kind];
        var partlyKept = 0;
        var stopwatch = Stopwatch.StartNew();

        foreach (var input in inputs)
        {
            string viaMask;
            string direct;
            try
            {
                viaMask = PiMask.Mask(input, kind);
                direct = helper(input);
            }
            catch (Exception ex)
            {
                Assert.Fail($"{kind} threw {ex.GetType().Name} on {Describe(input)}: {ex.Message}");
                throw;
            }

            Assert.NotNull(viaMask);
            if (!string.Equals(viaMask, direct, StringComparison.Ordinal))
            {
                Assert.Fail($"Mask({Describe(input)}, {kind}) = {Describe(viaMask)} but the helper gives {Describe(direct)}.");
            }

            if (input is null || input.Length == 0 || kind == MaskKind.Remove)
            {
                if (viaMask.Length != 0)
                {
                    Assert.Fail($"{kind} of {Describe(input)} should be empty but is {Describe(viaMask)}.");
                }

                continue;
            }

            var inputElements = PiMaskTests.TextElements(input);
            var outputElements = PiMaskTests.TextElements(viaMask);
            if (inputElements.Count != outputElements.Count)
            {
                Assert.Fail($"{kind} of {Describe(input)} has {inputElements.Count} text elements but {Describe(viaMask)} has {outputElements.Count}.");
            }

            var kept = new List<int>();
            for (var i = 0; i < inputElements.Count; i++)
            {
                if (outputElements[i] == "*")
                {
                    continue;
                }

                if (!string.Equals(outputElements[i], inputElements[i], StringComparison.Ordinal))
                {
                    Assert.Fail($"{kind} of {Describe(input)}: element {i} of {Describe(viaMask)} is neither '*' nor the input's element.");
                }

                kept.Add(i);
            }

            if (kept.Count == inputElements.Count)
            {
                Assert.Fail($"{kind} of {Describe(input)} masked nothing: {Describe(viaMask)}.");
            }

            var reason = KeptWithinRule(kind, inputElements, kept, out var significantKept);
            if (reason is not null)
            {
                Assert.Fail($"{kind} of {Describe(input)} = {Describe(viaMask)}: {reason}");
            }

            if (significantKept > 0)
            {
                partlyKept++;
            }
        }

        stopwatch.Stop();

        // The generator must reach the helper's rule, not only its full-mask fallback.
        if (kind is not (MaskKind.Auto or MaskKind.Full or MaskKind.Remove))
        {
            Assert.True(partlyKept >= 500, $"{kind}: only {partlyKept} of {inputs.Length} inputs were partly kept.");
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"{kind} took {stopwatch.Elapsed}.");
    }

    [Fact]
    public void Inputs_cover_every_kind_of_text()
    {
        var inputs = Inputs.Value;
        Assert.Equal(InputCount, inputs.Length);
        Assert.Contains(inputs, s => s is null);
        Assert.Contains(inputs, s => s is { Length: 0 });
        Assert.True(inputs.Count(s => s is { Length: >= 10_000 }) >= 5);
        Assert.Contains(inputs, s => s is not null && s.Any(c => c is >= '\u4E00' and <= '\u9FFF'));
        Assert.Contains(inputs, s => s is not null && HasPair(s));
        Assert.Contains(inputs, s => s is not null && s.Any(c => c is >= '\u0300' and <= '\u036F'));
        Assert.Contains(inputs, s => s is not null && HasLoneSurrogate(s));
        Assert.Contains(inputs, s => s is not null && s.Any(char.IsWhiteSpace));
    }

    /// <summary>Returns why the kept elements break the kind's rule, or <see langword="null"/>.</summary>
    private static string? KeptWithinRule(MaskKind kind, List<string> input, List<int> kept, out int significantKept)
    {
        significantKept = 0;
        switch (kind)
        {
            case MaskKind.Auto:
            case MaskKind.Full:
                return kept.Count == 0 ? null : "Full kept an element.";

            case MaskKind.Email:
            {
                var at = input.LastIndexOf("@");
                significantKept = kept.Count;
                var allowed = at < 0 ? 0 : 1 + (input.Count - at);
                if (kept.Count > allowed)
                {
                    return $"kept {kept.Count} elements, at most {allowed} allowed.";
                }

                return kept.All(i => at >= 0 && (i == 0 || i >= at)) ? null : "kept an element of the local part after its first.";
            }

            case MaskKind.Address:
            {
                var marker = input.FindIndex(e => e is "区" or "县" or "旗");
                if (marker < 0)
                {
                    marker = input.IndexOf("市");
                }

                significantKept = kept.Count;
                return kept.All(i => i <= marker) ? null : "kept an element after the district or city.";
            }

            case MaskKind.Date:
            {
                var digits = kept.Count(i => input[i].Length == 1 && char.IsAsciiDigit(input[i][0]));
                significantKept = digits;
                if (digits > 4)
                {
                    return $"kept {digits} digits.";
                }

                return kept.All(i => i < 4 || DateSeparators.Contains(input[i])) ? null : "kept something other than the year and separators.";
            }

            default:
            {
                var (first, last, max) = EndRules[kind];
                var significant = new List<int>();
                for (var i = 0; i < input.Count; i++)
                {
                    if (!AccountKinds.Contains(kind) || !(input[i] is " " or "-"))
                    {
                        significant.Add(i);
                    }
                }

                var keptSet = new HashSet<int>(kept);
                var keptPositions = new List<int>();
                for (var p = 0; p < significant.Count; p++)
                {
                    if (keptSet.Contains(significant[p]))
                    {
                        keptPositions.Add(p);
                    }
                }

                significantKept = keptPositions.Count;
                if (kind == MaskKind.PhoneNumber && significant.Count == 14
                    && input[significant[0]] == "+" && input[significant[1]] == "8" && input[significant[2]] == "6")
                {
                    first += 3;
                    max += 3;
                }

                var n = significant.Count;
                bool Fits(int f, int l) => keptPositions.All(p => p < f || p >= n - l);
                var fits = Fits(first, last) || (kind == MaskKind.SocialSecurityNumber && n == 18 && Fits(4, 0));
                if (keptPositions.Count > max)
                {
                    return $"kept {keptPositions.Count} significant elements, at most {max} allowed.";
                }

                return fits ? null : $"kept significant positions {string.Join(",", keptPositions)} of {n}.";
            }
        }
    }

    // ---- Input generation ----

    private static string?[] Generate()
    {
        var rng = new Random(Seed);
        var inputs = new string?[InputCount];
        for (var i = 0; i < InputCount; i++)
        {
            inputs[i] = (i % 10_000) switch
            {
                0 => null,
                1 => string.Empty,
                2 => Long(rng),
                _ => rng.Next(100) switch
                {
                    < 45 => Mutate(rng, Structured(rng)),
                    _ => RandomText(rng, rng.Next(41)),
                },
            };
        }

        return inputs;
    }

    private static string Long(Random rng)
    {
        var length = rng.Next(10_000, 40_000);
        return rng.Next(6) switch
        {
            0 => Digits(rng, length),
            1 => WithSeparators(rng, Digits(rng, length)),
            2 => string.Concat("张", RandomText(rng, length)),
            3 => string.Concat(RandomText(rng, length), "@example.com"),
            4 => string.Concat("北京市朝阳区", new string('路', length)),
            _ => RandomText(rng, length),
        };
    }

    private static string Structured(Random rng)
    {
        switch (rng.Next(13))
        {
            case 0:
                return rng.Next(4) == 0
                    ? Digits(rng, 15)
                    : string.Concat(Digits(rng, 17), Pick(rng, "0", "5", "9", "X", "x"));
            case 1:
            {
                var phone = string.Concat("1", Digits(rng, 10));
                phone = rng.Next(3) == 0 ? string.Concat("+86", phone) : phone;
                return rng.Next(2) == 0 ? phone : WithSeparators(rng, phone);
            }

            case 2:
            {
                var card = Digits(rng, rng.Next(7, 20));
                return rng.Next(2) == 0 ? card : WithSeparators(rng, card);
            }

            case 3:
            {
                var account = AlphaNumeric(rng, rng.Next(3, 20));
                return rng.Next(2) == 0 ? account : WithSeparators(rng, account);
            }

            case 4:
                return Digits(rng, Pick(rng, 9, 12, 9, 12, 8, 10, 11, 13));
            case 5:
                return rng.Next(3) == 0 ? string.Concat(Digits(rng, 17), "X") : AlphaNumeric(rng, rng.Next(3, 18));
            case 6:
                return string.Concat(Pick(rng, "E", "G", "P", "D", "S"), Digits(rng, rng.Next(0, 10)));
            case 7:
                return Name(rng);
            case 8:
                return Email(rng);
            case 9:
                return Address(rng);
            case 10:
            case 11:
                return Date(rng);
            default:
                return RandomText(rng, rng.Next(1, 12));
        }
    }

    private static string Name(Random rng)
    {
        return rng.Next(4) switch
        {
            0 => "Zhang San",
            1 => string.Concat(Cjk(rng), RandomText(rng, rng.Next(0, 4))),
            _ => string.Concat(Enumerable.Range(0, rng.Next(1, 5)).Select(_ => Cjk(rng))),
        };
    }

    private static string Email(Random rng)
    {
        var local = rng.Next(3) == 0 ? RandomText(rng, rng.Next(0, 10)) : AlphaNumeric(rng, rng.Next(0, 10));
        var domain = rng.Next(4) == 0 ? RandomText(rng, rng.Next(0, 8)) : Pick(rng, "example.com", "qq.com", "例子.中国", string.Empty);
        var at = rng.Next(10) == 0 ? string.Empty : "@";
        return string.Concat(local, at, domain);
    }

    private static string Address(Random rng)
    {
        var builder = new StringBuilder();
        builder.Append(Cjk(rng)).Append(Cjk(rng)).Append(Pick(rng, "省", "市", string.Empty));
        builder.Append(Cjk(rng)).Append(Cjk(rng)).Append(Pick(rng, "市", "区", "县", "旗", string.Empty));
        if (rng.Next(2) == 0)
        {
            builder.Append(Cjk(rng)).Append(Pick(rng, "区", "县", "镇"));
        }

        builder.Append(Cjk(rng)).Append(Cjk(rng)).Append('路');
        if (rng.Next(3) != 0)
        {
            builder.Append(rng.Next(1, 999).ToString(CultureInfo.InvariantCulture)).Append('号');
        }

        return builder.ToString();
    }

    private static string Date(Random rng)
    {
        var year = rng.Next(1900, 2100).ToString(CultureInfo.InvariantCulture);
        var month = rng.Next(1, 13);
        var day = rng.Next(1, 32);
        string TwoOrOne(int v) => rng.Next(3) == 0 ? v.ToString(CultureInfo.InvariantCulture) : v.ToString("00", CultureInfo.InvariantCulture);
        var date = rng.Next(5) switch
        {
            0 => string.Concat(year, "-", TwoOrOne(month), "-", TwoOrOne(day)),
            1 => string.Concat(year, "/", TwoOrOne(month), "/", TwoOrOne(day)),
            2 => string.Concat(year, ".", TwoOrOne(month), ".", TwoOrOne(day)),
            3 => string.Concat(year, month.ToString("00", CultureInfo.InvariantCulture), day.ToString("00", CultureInfo.InvariantCulture)),
            _ => string.Concat(year, "年", month.ToString(CultureInfo.InvariantCulture), "月", day.ToString(CultureInfo.InvariantCulture), "日"),
        };

        if (rng.Next(2) == 0)
        {
            return date;
        }

        var hour = rng.Next(24).ToString("00", CultureInfo.InvariantCulture);
        var minute = rng.Next(60).ToString("00", CultureInfo.InvariantCulture);
        var time = rng.Next(3) switch
        {
            0 => string.Concat(hour, ":", minute),
            1 => string.Concat(hour, ":", minute, ":", minute, Pick(rng, string.Empty, ".123", ",5")),
            _ => string.Concat(hour, minute, Pick(rng, string.Empty, minute)),
        };
        var zone = Pick(rng, string.Empty, string.Empty, "Z", "+08:00", "-0500", "+08");
        return string.Concat(date, Pick(rng, " ", "T"), time, zone);
    }

    /// <summary>Sometimes returns the value as it is, otherwise inserts, deletes or replaces a few pieces.</summary>
    private static string Mutate(Random rng, string value)
    {
        if (rng.Next(2) == 0)
        {
            return value;
        }

        var builder = new StringBuilder(value);
        var edits = rng.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = rng.Next(builder.Length + 1);
            switch (rng.Next(3))
            {
                case 0:
                    builder.Insert(at, Piece(rng));
                    break;
                case 1 when at < builder.Length:
                    builder.Remove(at, 1); // may split a surrogate pair
                    break;
                default:
                    if (at < builder.Length)
                    {
                        builder.Remove(at, 1);
                    }

                    builder.Insert(at, Piece(rng));
                    break;
            }
        }

        return builder.ToString();
    }

    private static string RandomText(Random rng, int pieces)
    {
        var builder = new StringBuilder(pieces * 2);
        for (var i = 0; i < pieces; i++)
        {
            builder.Append(Piece(rng));
        }

        return builder.ToString();
    }

    private static string Piece(Random rng)
    {
        return rng.Next(20) switch
        {
            0 or 1 => ((char)rng.Next(0x20, 0x7F)).ToString(),
            2 or 3 or 4 => ((char)('0' + rng.Next(10))).ToString(),
            5 => Pick(rng, " ", "-"),
            6 or 7 => Cjk(rng),
            8 => char.ConvertFromUtf32(rng.Next(0x1F300, 0x1FA00)),
            9 => ((char)rng.Next(0x0300, 0x0370)).ToString(),
            10 => Pick(rng, "\t", "\n", "\r", "\r\n", "\u3000", "\u00A0", "\u2028", " "),
            11 => ((char)rng.Next(0xD800, 0xE000)).ToString(), // a lone surrogate
            12 => Pick(rng, "\u200D", "\uFE0F", "\u0600", "\u0903", "\u200B"),
            13 => char.ConvertFromUtf32(rng.Next(0x1F1E6, 0x1F200)), // regional indicator
            14 => ((char)Pick(rng, rng.Next(0x1100, 0x1113), rng.Next(0x1161, 0x1176), rng.Next(0x11A8, 0x11C3), rng.Next(0xAC00, 0xD7A4))).ToString(),
            15 => char.ConvertFromUtf32(rng.Next(0x20000, 0x2A6E0)),
            16 => ((char)rng.Next(0xFF10, 0xFF1A)).ToString(),
            _ => Pick(rng, "@", "区", "县", "旗", "市", "年", "月", "日", "+", "86", ":", ".", "/", "T", "Z", "X", "x", "*", "👨\u200D👩\u200D👧"),
        };
    }

    private static string Cjk(Random rng) => ((char)rng.Next(0x4E00, 0xA000)).ToString();

    private static string Digits(Random rng, int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + rng.Next(10));
        }

        return new string(chars);
    }

    private static string AlphaNumeric(Random rng, int count)
    {
        const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = Alphabet[rng.Next(Alphabet.Length)];
        }

        return new string(chars);
    }

    private static string WithSeparators(Random rng, string value)
    {
        var separator = rng.Next(2) == 0 ? ' ' : '-';
        var group = rng.Next(2, 6);
        var builder = new StringBuilder(value.Length * 2);
        for (var i = 0; i < value.Length; i++)
        {
            if (i > 0 && i % group == 0)
            {
                builder.Append(separator);
            }

            builder.Append(value[i]);
        }

        if (rng.Next(8) == 0)
        {
            builder.Insert(0, separator);
        }

        return builder.ToString();
    }

    private static T Pick<T>(Random rng, params T[] options) => options[rng.Next(options.Length)];

    private static bool HasPair(string s)
    {
        for (var i = 0; i + 1 < s.Length; i++)
        {
            if (char.IsSurrogatePair(s[i], s[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && (i + 1 == s.Length || !char.IsLowSurrogate(s[i + 1])))
            {
                return true;
            }

            if (char.IsLowSurrogate(s[i]) && (i == 0 || !char.IsHighSurrogate(s[i - 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var shown = value.Length > 80 ? string.Concat(value.AsSpan(0, 80), "…") : value;
        var builder = new StringBuilder("\"");
        foreach (var c in shown)
        {
            if (c is < ' ' or > '~')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append("\" (").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" chars)").ToString();
    }
}
