using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SensitivePi;

/// <summary>
/// De-identification helpers implementing the 2023 draft's Appendix C formats, for the de-identified display that
/// PIPL Art. 51 requires and GB/T 45574 §5.5 specifies.
/// </summary>
/// <remarks>
/// <para>
/// Every helper counts <em>text elements</em> (extended grapheme clusters, as reported by
/// <see cref="StringInfo"/>), not UTF-16 code units: a Chinese character, an emoji made of a surrogate
/// pair or a letter with combining marks is kept or masked as a whole, and each masked text element
/// becomes exactly one <see cref="MaskChar"/>.
/// </para>
/// <para>
/// Every helper returns <see cref="string.Empty"/> for <see langword="null"/>, never throws, and never
/// keeps more of the input than its rule allows. An input that is too short or malformed for a rule,
/// so that applying the rule would keep everything or would keep something the rule does not describe,
/// is masked in full exactly as <see cref="Full"/> masks it. Apart from <see cref="Remove"/>, the result
/// always has as many text elements as the input, and each of them is either <see cref="MaskChar"/> or
/// the input's text element at the same position.
/// </para>
/// <para>
/// The helpers for card and account numbers (<see cref="IdCardNumber"/>, <see cref="PhoneNumber"/>,
/// <see cref="BankCardNumber"/>, <see cref="FundAccount"/>, <see cref="InsuranceAccount"/>,
/// <see cref="HousingFundAccount"/>, <see cref="SocialSecurityNumber"/> and <see cref="PassbookNumber"/>)
/// leave separators (a space <c>' '</c> or a hyphen <c>'-'</c>) in place; separators do not count
/// toward the kept or masked positions, which are counted over the remaining, significant text
/// elements: <c>6217 0000 1234 1234</c> becomes <c>6217 **** **** 1234</c>.
/// </para>
/// </remarks>
public static class PiMask
{
    /// <summary>The character that replaces masked text.</summary>
    public const char MaskChar = '*';

    /// <summary>
    /// Masks <paramref name="value"/> with the helper named by <paramref name="kind"/>.
    /// <see cref="MaskKind.Auto"/> and any value that is not a defined <see cref="MaskKind"/> member
    /// mask in full (<see cref="Full"/>).
    /// </summary>
    /// <param name="value">The value to mask.</param>
    /// <param name="kind">Which rule to apply.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string Mask(string? value, MaskKind kind)
    {
        return kind switch
        {
            MaskKind.Full => Full(value),
            MaskKind.Remove => Remove(value),
            MaskKind.IdCardNumber => IdCardNumber(value),
            MaskKind.Passport => Passport(value),
            MaskKind.Name => Name(value),
            MaskKind.PhoneNumber => PhoneNumber(value),
            MaskKind.Email => Email(value),
            MaskKind.Address => Address(value),
            MaskKind.Date => Date(value),
            MaskKind.BankCardNumber => BankCardNumber(value),
            MaskKind.FundAccount => FundAccount(value),
            MaskKind.InsuranceAccount => InsuranceAccount(value),
            MaskKind.HousingFundAccount => HousingFundAccount(value),
            MaskKind.SocialSecurityNumber => SocialSecurityNumber(value),
            MaskKind.PassbookNumber => PassbookNumber(value),
            _ => Full(value),
        };
    }

    /// <summary>
    /// Masks every text element of <paramref name="value"/>; the result has one <see cref="MaskChar"/> per
    /// text element (<c>张三👍</c> becomes <c>***</c>).
    /// </summary>
    /// <param name="value">The value to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/> or an empty value.</returns>
    public static string Full(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        return new string(MaskChar, StringInfo.ParseCombiningCharacters(value).Length);
    }

    /// <summary>Removes the value entirely.</summary>
    /// <param name="value">The value to remove.</param>
    /// <returns>Always <see cref="string.Empty"/>.</returns>
    public static string Remove(string? value) => string.Empty;

    /// <summary>
    /// Masks a resident ID number, keeping the first 4 characters (the province and city):
    /// <c>110101199003077777</c> becomes <c>1101**************</c>.
    /// </summary>
    /// <remarks>
    /// After separators are set aside the number must have 18 characters (17 digits and a digit or
    /// <c>X</c>/<c>x</c>) or 15 digits; anything else is masked in full.
    /// </remarks>
    /// <param name="value">The ID number to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string IdCardNumber(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        var text = new Segmented(value);
        var significant = text.Significant();
        if (!IsIdCardShape(text, significant))
        {
            return Full(value);
        }

        return text.KeepSeparatorsAnd(significant, 4, 0);
    }

    /// <summary>
    /// Masks a Chinese passport number, keeping its first and last character:
    /// <c>P12345673</c> becomes <c>P*******3</c>.
    /// </summary>
    /// <remarks>
    /// The value must be at least 3 characters, each an ASCII letter or digit (no separators); anything
    /// else is masked in full.
    /// </remarks>
    /// <param name="value">The passport number to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string Passport(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        var text = new Segmented(value);
        if (text.Count < 3)
        {
            return Full(value);
        }

        for (var i = 0; i < text.Count; i++)
        {
            if (!IsAsciiLetterOrDigit(text.SingleChar(i)))
            {
                return Full(value);
            }
        }

        var keep = new bool[text.Count];
        keep[0] = true;
        keep[text.Count - 1] = true;
        return text.Compose(keep);
    }

    /// <summary>
    /// Masks a personal name, keeping only its first text element (the surname of a Chinese name) and
    /// masking every other text element, letters and spaces alike: <c>张三丰</c> becomes <c>张**</c> and
    /// <c>Zhang San</c> becomes <c>Z********</c>.
    /// </summary>
    /// <remarks>A name of a single text element would be kept whole, so it is masked in full.</remarks>
    /// <param name="value">The name to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string Name(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        var text = new Segmented(value);
        if (text.Count < 2)
        {
            return Full(value);
        }

        var keep = new bool[text.Count];
        keep[0] = true;
        return text.Compose(keep);
    }

    /// <summary>
    /// Masks a mobile phone number, masking the middle four digits:
    /// <c>13812341111</c> becomes <c>138****1111</c>.
    /// </summary>
    /// <remarks>
    /// After separators are set aside the number must be 11 digits, optionally preceded by the country
    /// code <c>+86</c>, which is kept (<c>+86 138 1234 1111</c> becomes <c>+86 138 **** 1111</c>);
    /// anything else (other prefixes, landline numbers of another length) is masked in full.
    /// </remarks>
    /// <param name="value">The phone number to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string PhoneNumber(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        var text = new Segmented(value);
        var significant = text.Significant();
        var prefix = 0;
        if (significant.Count == 14
            && text.SingleChar(significant[0]) == '+'
            && text.SingleChar(significant[1]) == '8'
            && text.SingleChar(significant[2]) == '6')
        {
            prefix = 3;
        }

        if (significant.Count - prefix != 11)
        {
            return Full(value);
        }

        for (var i = prefix; i < significant.Count; i++)
        {
            if (!IsAsciiDigit(text.SingleChar(significant[i])))
            {
                return Full(value);
            }
        }

        return text.KeepSeparatorsAnd(significant, prefix + 3, 4);
    }

    /// <summary>
    /// Masks an e-mail address, keeping the first text element of the local part, the <c>@</c> and the
    /// domain: <c>zhangsan@example.com</c> becomes <c>z*******@example.com</c>.
    /// </summary>
    /// <remarks>
    /// The domain is what follows the last <c>@</c>. A value without <c>@</c>, with an empty domain, or
    /// with a local part shorter than 2 text elements (which the rule would keep whole) is masked in full.
    /// </remarks>
    /// <param name="value">The e-mail address to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string Email(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        var text = new Segmented(value);
        var at = -1;
        for (var i = text.Count - 1; i >= 0; i--)
        {
            if (text.SingleChar(i) == '@')
            {
                at = i;
                break;
            }
        }

        if (at < 2 || at == text.Count - 1)
        {
            return Full(value);
        }

        var keep = new bool[text.Count];
        keep[0] = true;
        for (var i = at; i < text.Count; i++)
        {
            keep[i] = true;
        }

        return text.Compose(keep);
    }

    /// <summary>
    /// Masks a Chinese address, keeping it down to the district or county: everything up to and
    /// including the first <c>区</c>, <c>县</c> or <c>旗</c> is kept, or, when there is none, everything
    /// up to and including the first <c>市</c>; the rest is masked one <see cref="MaskChar"/> per text
    /// element: <c>北京市朝阳区建国路88号</c> becomes <c>北京市朝阳区******</c>.
    /// </summary>
    /// <remarks>
    /// A value with none of these markers, or whose marker is its last text element (so that nothing
    /// would be masked), is masked in full.
    /// </remarks>
    /// <param name="value">The address to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string Address(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        var text = new Segmented(value);
        var marker = -1;
        var city = -1;
        for (var i = 0; i < text.Count; i++)
        {
            var c = text.SingleChar(i);
            if (c is '区' or '县' or '旗')
            {
                marker = i;
                break;
            }

            if (c == '市' && city < 0)
            {
                city = i;
            }
        }

        if (marker < 0)
        {
            marker = city;
        }

        if (marker < 0 || marker == text.Count - 1)
        {
            return Full(value);
        }

        var keep = new bool[text.Count];
        for (var i = 0; i <= marker; i++)
        {
            keep[i] = true;
        }

        return text.Compose(keep);
    }

    /// <summary>
    /// Generalises a date to its year: the 4-digit year and every separator are kept and every other
    /// digit is masked: <c>2020-01-01</c> becomes <c>2020-**-**</c> and <c>2020年1月1日</c> becomes
    /// <c>2020年*月*日</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Recognised shapes (by shape only; the values are not checked): <c>yyyy-M-d</c>, <c>yyyy/M/d</c>,
    /// <c>yyyy.M.d</c> (month and day of 1 or 2 digits), <c>yyyyMMdd</c> and <c>yyyy年M月d日</c>, each
    /// optionally followed by a time part: a space or <c>T</c> (optional after <c>日</c>), then
    /// <c>H:mm</c>, <c>H:mm:ss</c>, <c>HHmm</c> or <c>HHmmss</c>, optionally with a fraction of a second
    /// (<c>.fff</c> or <c>,fff</c>) and a zone (<c>Z</c>, <c>+hh</c>, <c>+hh:mm</c> or <c>+hhmm</c>, or the
    /// same with <c>-</c>): <c>2020-01-01T08:30:00Z</c> becomes <c>2020-**-**T**:**:**Z</c>.
    /// </para>
    /// <para>Anything else, including surrounding spaces, is masked in full.</para>
    /// </remarks>
    /// <param name="value">The date to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string Date(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        var text = new Segmented(value);
        if (text.Count != value.Length || !IsDateShape(value))
        {
            return Full(value);
        }

        var keep = new bool[text.Count];
        for (var i = 0; i < keep.Length; i++)
        {
            keep[i] = i < 4 || !IsAsciiDigit(value[i]);
        }

        return text.Compose(keep);
    }

    /// <summary>
    /// Masks a bank card or account number, keeping the first 4 and the last 4 characters:
    /// <c>6217000012341234</c> becomes <c>6217********1234</c>.
    /// </summary>
    /// <remarks>
    /// After separators are set aside the number must have more than 8 characters, each an ASCII letter or
    /// digit; anything else is masked in full.
    /// </remarks>
    /// <param name="value">The card number to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string BankCardNumber(string? value) => KeepEnds(value, 4, 4);

    /// <summary>
    /// Masks a fund account, keeping the last 4 characters:
    /// <c>6225880123454309</c> becomes <c>************4309</c>.
    /// </summary>
    /// <remarks>
    /// After separators are set aside the account must have more than 4 characters, each an ASCII letter
    /// or digit; anything else is masked in full.
    /// </remarks>
    /// <param name="value">The account to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string FundAccount(string? value) => KeepEnds(value, 0, 4);

    /// <summary>
    /// Masks an insurance account, keeping the first 4 and the last 4 characters:
    /// <c>P231567890124532</c> becomes <c>P231********4532</c>.
    /// </summary>
    /// <remarks>
    /// After separators are set aside the account must have more than 8 characters, each an ASCII letter
    /// or digit; anything else is masked in full.
    /// </remarks>
    /// <param name="value">The account to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string InsuranceAccount(string? value) => KeepEnds(value, 4, 4);

    /// <summary>
    /// Masks a housing provident fund account: of a 9-digit account the last 5 digits are masked
    /// (<c>123456789</c> becomes <c>1234*****</c>), of a 12-digit account the last 8
    /// (<c>637512345678</c> becomes <c>6375********</c>).
    /// </summary>
    /// <remarks>
    /// After separators are set aside the account must be exactly 9 or 12 ASCII digits; anything else is
    /// masked in full.
    /// </remarks>
    /// <param name="value">The account to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string HousingFundAccount(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        var text = new Segmented(value);
        var significant = text.Significant();
        if (significant.Count is not (9 or 12))
        {
            return Full(value);
        }

        foreach (var index in significant)
        {
            if (!IsAsciiDigit(text.SingleChar(index)))
            {
                return Full(value);
            }
        }

        return text.KeepSeparatorsAnd(significant, 4, 0);
    }

    /// <summary>
    /// Masks a social security number, keeping the first 2 and the last 2 characters:
    /// <c>23123456789046</c> becomes <c>23**********46</c>. A number shaped as an 18-character resident ID
    /// number is masked as one (<see cref="IdCardNumber"/>, first 4 kept).
    /// </summary>
    /// <remarks>
    /// After separators are set aside the number must have more than 4 characters, each an ASCII letter or
    /// digit; anything else is masked in full.
    /// </remarks>
    /// <param name="value">The number to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string SocialSecurityNumber(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        var text = new Segmented(value);
        var significant = text.Significant();
        if (significant.Count == 18 && IsIdCardShape(text, significant))
        {
            return text.KeepSeparatorsAnd(significant, 4, 0);
        }

        return KeepEnds(text, significant, 2, 2);
    }

    /// <summary>
    /// Masks a passbook number, keeping the first 4 and the last 4 characters:
    /// <c>12315678901233825</c> becomes <c>1231*********3825</c>.
    /// </summary>
    /// <remarks>
    /// After separators are set aside the number must have more than 8 characters, each an ASCII letter or
    /// digit; anything else is masked in full.
    /// </remarks>
    /// <param name="value">The passbook number to mask.</param>
    /// <returns>The masked value; <see cref="string.Empty"/> for <see langword="null"/>.</returns>
    public static string PassbookNumber(string? value) => KeepEnds(value, 4, 4);

    private static string KeepEnds(string? value, int first, int last)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        var text = new Segmented(value);
        return KeepEnds(text, text.Significant(), first, last);
    }

    private static string KeepEnds(Segmented text, List<int> significant, int first, int last)
    {
        if (significant.Count <= first + last)
        {
            return text.MaskAll();
        }

        foreach (var index in significant)
        {
            if (!IsAsciiLetterOrDigit(text.SingleChar(index)))
            {
                return text.MaskAll();
            }
        }

        return text.KeepSeparatorsAnd(significant, first, last);
    }

    private static bool IsIdCardShape(Segmented text, List<int> significant)
    {
        if (significant.Count is not (15 or 18))
        {
            return false;
        }

        for (var i = 0; i < significant.Count; i++)
        {
            var c = text.SingleChar(significant[i]);
            var allowed = IsAsciiDigit(c) || (significant.Count == 18 && i == 17 && c is 'X' or 'x');
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDateShape(string s)
    {
        var pos = 0;
        if (Digits(s, ref pos, 4, 4) != 4 || pos == s.Length)
        {
            return false;
        }

        var next = s[pos];
        var chinese = false;
        if (next is '-' or '/' or '.')
        {
            pos++;
            if (Digits(s, ref pos, 1, 2) == 0 || !Expect(s, ref pos, next) || Digits(s, ref pos, 1, 2) == 0)
            {
                return false;
            }
        }
        else if (next == '年')
        {
            pos++;
            chinese = true;
            if (Digits(s, ref pos, 1, 2) == 0
                || !Expect(s, ref pos, '月')
                || Digits(s, ref pos, 1, 2) == 0
                || !Expect(s, ref pos, '日'))
            {
                return false;
            }
        }
        else if (Digits(s, ref pos, 4, 4) != 4)
        {
            return false;
        }

        if (pos == s.Length)
        {
            return true;
        }

        if (s[pos] is ' ' or 'T')
        {
            pos++;
        }
        else if (!chinese)
        {
            return false;
        }

        return IsTimeShape(s, pos);
    }

    private static bool IsTimeShape(string s, int pos)
    {
        var hour = Digits(s, ref pos, 1, 2);
        if (hour == 0)
        {
            return false;
        }

        if (Expect(s, ref pos, ':'))
        {
            if (Digits(s, ref pos, 2, 2) != 2)
            {
                return false;
            }

            if (Expect(s, ref pos, ':') && Digits(s, ref pos, 2, 2) != 2)
            {
                return false;
            }
        }
        else if (hour != 2 || Digits(s, ref pos, 2, 2) != 2)
        {
            return false;
        }
        else if (pos < s.Length && IsAsciiDigit(s[pos]) && Digits(s, ref pos, 2, 2) != 2)
        {
            return false;
        }

        if ((Expect(s, ref pos, '.') || Expect(s, ref pos, ',')) && Digits(s, ref pos, 1, 9) == 0)
        {
            return false;
        }

        if (pos == s.Length || (Expect(s, ref pos, 'Z') && pos == s.Length))
        {
            return true;
        }

        if (!Expect(s, ref pos, '+') && !Expect(s, ref pos, '-'))
        {
            return false;
        }

        if (Digits(s, ref pos, 2, 2) != 2)
        {
            return false;
        }

        if (pos < s.Length)
        {
            Expect(s, ref pos, ':');
            if (Digits(s, ref pos, 2, 2) != 2)
            {
                return false;
            }
        }

        return pos == s.Length;
    }

    /// <summary>Reads between <paramref name="min"/> and <paramref name="max"/> ASCII digits; returns how many were read, or 0 (and leaves <paramref name="pos"/>) when fewer than <paramref name="min"/>.</summary>
    private static int Digits(string s, ref int pos, int min, int max)
    {
        var count = 0;
        while (count < max && pos + count < s.Length && IsAsciiDigit(s[pos + count]))
        {
            count++;
        }

        if (count < min)
        {
            return 0;
        }

        pos += count;
        return count;
    }

    private static bool Expect(string s, ref int pos, char c)
    {
        if (pos < s.Length && s[pos] == c)
        {
            pos++;
            return true;
        }

        return false;
    }

    private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    private static bool IsAsciiLetterOrDigit(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z');

    /// <summary>A value split into text elements.</summary>
    private readonly struct Segmented
    {
        private readonly string _value;
        private readonly int[] _starts;

        public Segmented(string value)
        {
            _value = value;
            _starts = StringInfo.ParseCombiningCharacters(value);
        }

        public int Count => _starts.Length;

        private int LengthOf(int index) => (index + 1 < _starts.Length ? _starts[index + 1] : _value.Length) - _starts[index];

        /// <summary>The text element's only UTF-16 code unit, or <c>'\0'</c> when it has more than one.</summary>
        public char SingleChar(int index) => LengthOf(index) == 1 ? _value[_starts[index]] : '\0';

        /// <summary>Whether the text element is a separator of card and account numbers.</summary>
        public bool IsSeparator(int index) => SingleChar(index) is ' ' or '-';

        /// <summary>The indices of the text elements that are not separators.</summary>
        public List<int> Significant()
        {
            var result = new List<int>(_starts.Length);
            for (var i = 0; i < _starts.Length; i++)
            {
                if (!IsSeparator(i))
                {
                    result.Add(i);
                }
            }

            return result;
        }

        public string MaskAll() => new(MaskChar, _starts.Length);

        /// <summary>Keeps the separators, the first <paramref name="first"/> and the last <paramref name="last"/> significant text elements.</summary>
        public string KeepSeparatorsAnd(List<int> significant, int first, int last)
        {
            var keep = new bool[_starts.Length];
            for (var i = 0; i < _starts.Length; i++)
            {
                keep[i] = IsSeparator(i);
            }

            for (var i = 0; i < significant.Count; i++)
            {
                if (i < first || i >= significant.Count - last)
                {
                    keep[significant[i]] = true;
                }
            }

            return Compose(keep);
        }

        /// <summary>
        /// Keeps the text elements flagged in <paramref name="keep"/> and replaces each other one by a
        /// <see cref="MaskChar"/>. If a kept text element would fuse with a neighbouring
        /// <see cref="MaskChar"/> (a combining mark that followed a control character, say), the
        /// positions would no longer line up, so the value is masked in full instead.
        /// </summary>
        public string Compose(bool[] keep)
        {
            var builder = new StringBuilder(_value.Length);
            var expected = new int[_starts.Length];
            for (var i = 0; i < _starts.Length; i++)
            {
                expected[i] = builder.Length;
                if (keep[i])
                {
                    builder.Append(_value, _starts[i], LengthOf(i));
                }
                else
                {
                    builder.Append(MaskChar);
                }
            }

            var result = builder.ToString();
            var actual = StringInfo.ParseCombiningCharacters(result);
            if (actual.Length != expected.Length)
            {
                return MaskAll();
            }

            for (var i = 0; i < actual.Length; i++)
            {
                if (actual[i] != expected[i])
                {
                    return MaskAll();
                }
            }

            return result;
        }
    }
}
