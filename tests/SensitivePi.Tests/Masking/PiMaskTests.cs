using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SensitivePi.Tests.Masking;

public class PiMaskTests
{
    /// <summary>The helper each <see cref="MaskKind"/> member names; Auto masks in full.</summary>
    internal static readonly IReadOnlyDictionary<MaskKind, Func<string?, string>> Helpers =
        new Dictionary<MaskKind, Func<string?, string>>
        {
            [MaskKind.Auto] = PiMask.Full,
            [MaskKind.Full] = PiMask.Full,
            [MaskKind.Remove] = PiMask.Remove,
            [MaskKind.IdCardNumber] = PiMask.IdCardNumber,
            [MaskKind.Passport] = PiMask.Passport,
            [MaskKind.Name] = PiMask.Name,
            [MaskKind.PhoneNumber] = PiMask.PhoneNumber,
            [MaskKind.Email] = PiMask.Email,
            [MaskKind.Address] = PiMask.Address,
            [MaskKind.Date] = PiMask.Date,
            [MaskKind.BankCardNumber] = PiMask.BankCardNumber,
            [MaskKind.FundAccount] = PiMask.FundAccount,
            [MaskKind.InsuranceAccount] = PiMask.InsuranceAccount,
            [MaskKind.HousingFundAccount] = PiMask.HousingFundAccount,
            [MaskKind.SocialSecurityNumber] = PiMask.SocialSecurityNumber,
            [MaskKind.PassbookNumber] = PiMask.PassbookNumber,
        };

    public static TheoryData<MaskKind> AllKinds()
    {
        var data = new TheoryData<MaskKind>();
        foreach (MaskKind kind in Enum.GetValues(typeof(MaskKind)))
        {
            data.Add(kind);
        }

        return data;
    }

    // ---- GB/T Appendix C, table C.1: every example reproduced exactly ----

    [Theory]
    [InlineData(MaskKind.IdCardNumber, "110101199003077777", "1101**************")]
    [InlineData(MaskKind.Passport, "P12345673", "P*******3")]
    [InlineData(MaskKind.PhoneNumber, "13812341111", "138****1111")]
    [InlineData(MaskKind.FundAccount, "6225880123454309", "************4309")]
    [InlineData(MaskKind.InsuranceAccount, "P231567890124532", "P231********4532")]
    [InlineData(MaskKind.HousingFundAccount, "637512345678", "6375********")]
    [InlineData(MaskKind.HousingFundAccount, "123456789", "1234*****")]
    [InlineData(MaskKind.SocialSecurityNumber, "23123456789046", "23**********46")]
    [InlineData(MaskKind.BankCardNumber, "6217000012341234", "6217********1234")]
    [InlineData(MaskKind.PassbookNumber, "12315678901233825", "1231*********3825")]
    public void AppendixC_examples_are_reproduced(MaskKind kind, string input, string expected)
    {
        Assert.Equal(expected, PiMask.Mask(input, kind));
        Assert.Equal(expected, Helpers[kind](input));
    }

    // ---- Mask dispatch ----

    [Fact]
    public void Every_MaskKind_member_has_a_helper_in_this_test()
    {
        var kinds = Enum.GetValues(typeof(MaskKind)).Cast<MaskKind>().ToList();
        Assert.Equal(kinds.OrderBy(k => k), Helpers.Keys.OrderBy(k => k));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Mask_dispatches_to_the_helper_of_the_same_name(MaskKind kind)
    {
        var samples = new[]
        {
            null, string.Empty, "x", "张三丰", "Zhang San", "110101199003077777", "11010119900307777X", "P12345673",
            "13812341111", "+86 138 1234 1111", "zhangsan@example.com", "北京市朝阳区建国路88号", "2020-01-01",
            "2020年1月1日 08:30", "6217 0000 1234 1234", "6225880123454309", "P231567890124532", "637512345678",
            "123456789", "23123456789046", "12315678901233825", "张三👍", "e\u0301\u0301", "\uD800abc",
        };

        foreach (var sample in samples)
        {
            Assert.Equal(Helpers[kind](sample), PiMask.Mask(sample, kind));
        }
    }

    [Fact]
    public void Auto_masks_in_full()
    {
        Assert.Equal("****", PiMask.Mask("张三丰👍", MaskKind.Auto));
        Assert.Equal(PiMask.Full("6217000012341234"), PiMask.Mask("6217000012341234", MaskKind.Auto));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(16)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Undefined_kind_masks_in_full_and_does_not_throw(int kind)
    {
        Assert.Equal("****************", PiMask.Mask("6217000012341234", (MaskKind)kind));
        Assert.Equal(string.Empty, PiMask.Mask(null, (MaskKind)kind));
    }

    // ---- null, empty, Remove, Full ----

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Null_and_empty_give_empty(MaskKind kind)
    {
        Assert.Equal(string.Empty, PiMask.Mask(null, kind));
        Assert.Equal(string.Empty, Helpers[kind](null));
        Assert.Equal(string.Empty, Helpers[kind](string.Empty));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("张三")]
    [InlineData("6217000012341234")]
    public void Remove_always_gives_empty(string? input)
    {
        Assert.Equal(string.Empty, PiMask.Remove(input));
        Assert.Equal(string.Empty, PiMask.Mask(input, MaskKind.Remove));
    }

    [Theory]
    [InlineData("abc", "***")]
    [InlineData("张三👍", "***")]
    [InlineData("张三丰", "***")]
    [InlineData("👍👍", "**")]
    [InlineData("e\u0301a", "**")]
    [InlineData("👨\u200D👩\u200D👧", "*")]
    [InlineData("🇨🇳🇺🇸", "**")]
    [InlineData("a b", "***")]
    public void Full_masks_each_text_element_as_one_star(string input, string expected)
    {
        Assert.Equal(expected, PiMask.Full(input));
    }

    [Fact]
    public void Lone_surrogates_are_one_element_each()
    {
        // Not [InlineData]: attribute arguments cannot carry ill-formed UTF-16.
        Assert.Equal("**", PiMask.Full("\uD800\uD800"));
        Assert.Equal("**", PiMask.Full("\uDC00x"));
        Assert.Equal("***", PiMask.Full("\uDC00\uD800x"));
        Assert.Equal("\uD800***", PiMask.Name("\uD800abc"));
        Assert.Equal("****", PiMask.BankCardNumber("\uD800abc"));
        Assert.Equal(new string('*', 17), PiMask.BankCardNumber("6217000012341234\uDC00"));
        Assert.Equal(string.Empty, PiMask.Remove("\uD800"));
    }

    [Fact]
    public void MaskChar_is_a_star()
    {
        Assert.Equal('*', PiMask.MaskChar);
    }

    // ---- Name ----

    [Theory]
    [InlineData("张三丰", "张**")]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("Zhang San", "Z********")]
    [InlineData("𠀋三", "𠀋*")]
    [InlineData("张👍三", "张**")]
    [InlineData("Zoe\u0308", "Z**")]
    public void Name_keeps_the_first_text_element(string input, string expected)
    {
        Assert.Equal(expected, PiMask.Name(input));
    }

    [Theory]
    [InlineData("张", "*")]
    [InlineData("𠀋", "*")]
    [InlineData("e\u0301", "*")]
    [InlineData("Z", "*")]
    public void Name_of_one_text_element_is_masked_in_full(string input, string expected)
    {
        Assert.Equal(expected, PiMask.Name(input));
    }

    // ---- Email ----

    [Theory]
    [InlineData("zhangsan@example.com", "z*******@example.com")]
    [InlineData("ab@example.com", "a*@example.com")]
    [InlineData("张三@例子.中国", "张*@例子.中国")]
    [InlineData("\"a@b\"@example.com", "\"****@example.com")]
    public void Email_keeps_the_first_character_and_the_domain(string input, string expected)
    {
        Assert.Equal(expected, PiMask.Email(input));
    }

    [Theory]
    [InlineData("zhangsan.example.com")]
    [InlineData("@example.com")]
    [InlineData("zhangsan@")]
    [InlineData("z@example.com")]
    [InlineData("@")]
    [InlineData("a@")]
    public void Malformed_email_is_masked_in_full(string input)
    {
        Assert.Equal(PiMask.Full(input), PiMask.Email(input));
    }

    // ---- Address ----

    [Theory]
    [InlineData("北京市朝阳区建国路88号", "北京市朝阳区******")]
    [InlineData("河北省保定市清苑县某某村", "河北省保定市清苑县***")]
    [InlineData("内蒙古自治区呼和浩特市", "内蒙古自治区*****")]
    [InlineData("内蒙古锡林郭勒盟正镶白旗明安图镇", "内蒙古锡林郭勒盟正镶白旗****")]
    [InlineData("广东省东莞市长安镇1号", "广东省东莞市*****")]
    [InlineData("北京市朝阳区建国路👍号", "北京市朝阳区*****")]
    public void Address_is_kept_down_to_the_district(string input, string expected)
    {
        Assert.Equal(expected, PiMask.Address(input));
    }

    [Theory]
    [InlineData("建国路88号")]
    [InlineData("1600 Amphitheatre Parkway")]
    [InlineData("北京市朝阳区")]
    [InlineData("北京市")]
    public void Address_without_marker_or_with_nothing_after_it_is_masked_in_full(string input)
    {
        Assert.Equal(PiMask.Full(input), PiMask.Address(input));
    }

    // ---- Date ----

    [Theory]
    [InlineData("2020-01-01", "2020-**-**")]
    [InlineData("2020/01/31", "2020/**/**")]
    [InlineData("2020.1.5", "2020.*.*")]
    [InlineData("20200101", "2020****")]
    [InlineData("2020年1月1日", "2020年*月*日")]
    [InlineData("2020年12月31日", "2020年**月**日")]
    [InlineData("2020-01-01 08:30", "2020-**-** **:**")]
    [InlineData("2020-01-01 08:30:15", "2020-**-** **:**:**")]
    [InlineData("2020-01-01T08:30:15.123Z", "2020-**-**T**:**:**.***Z")]
    [InlineData("2020-01-01T08:30:15+08:00", "2020-**-**T**:**:**+**:**")]
    [InlineData("2020-01-01T08:30-0500", "2020-**-**T**:**-****")]
    [InlineData("20200101T083015", "2020****T******")]
    [InlineData("20200101 0830", "2020**** ****")]
    [InlineData("2020年1月1日 8:30", "2020年*月*日 *:**")]
    [InlineData("2020年1月1日08:30:00", "2020年*月*日**:**:**")]
    public void Date_keeps_the_year_and_the_separators(string input, string expected)
    {
        Assert.Equal(expected, PiMask.Date(input));
    }

    [Theory]
    [InlineData("2020")]
    [InlineData("2020-01")]
    [InlineData("2020-01/01")]
    [InlineData("2020-001-01")]
    [InlineData("202001")]
    [InlineData("2020010")]
    [InlineData("202001011")]
    [InlineData("20-01-01")]
    [InlineData(" 2020-01-01")]
    [InlineData("2020-01-01 ")]
    [InlineData("2020-01-01 8")]
    [InlineData("2020-01-01 08:3")]
    [InlineData("2020-01-01T08:30Zx")]
    [InlineData("2020年1月")]
    [InlineData("January 1, 2020")]
    [InlineData("２０２０-01-01")]
    [InlineData("2020-0\u03011-01")]
    public void Unrecognised_date_is_masked_in_full(string input)
    {
        Assert.Equal(PiMask.Full(input), PiMask.Date(input));
    }

    // ---- Separators in card and account numbers ----

    [Theory]
    [InlineData(MaskKind.BankCardNumber, "6217 0000 1234 1234", "6217 **** **** 1234")]
    [InlineData(MaskKind.BankCardNumber, "6217-0000-1234-1234", "6217-****-****-1234")]
    [InlineData(MaskKind.BankCardNumber, "62 17000012341 234", "62 17********1 234")]
    [InlineData(MaskKind.FundAccount, "6225 8801 2345 4309", "**** **** **** 4309")]
    [InlineData(MaskKind.InsuranceAccount, "P231-5678-9012-4532", "P231-****-****-4532")]
    [InlineData(MaskKind.PassbookNumber, "1231 567890123 3825", "1231 ********* 3825")]
    [InlineData(MaskKind.HousingFundAccount, "6375 1234 5678", "6375 **** ****")]
    [InlineData(MaskKind.HousingFundAccount, "123-456-789", "123-4**-***")]
    [InlineData(MaskKind.SocialSecurityNumber, "23 1234567890 46", "23 ********** 46")]
    [InlineData(MaskKind.IdCardNumber, "110101 19900307 7777", "1101** ******** ****")]
    [InlineData(MaskKind.PhoneNumber, "138 1234 1111", "138 **** 1111")]
    [InlineData(MaskKind.PhoneNumber, "138-1234-1111", "138-****-1111")]
    [InlineData(MaskKind.PhoneNumber, " 13812341111 ", " 138****1111 ")]
    public void Separators_stay_in_place_and_are_not_counted(MaskKind kind, string input, string expected)
    {
        Assert.Equal(expected, PiMask.Mask(input, kind));
    }

    // ---- Other rule details ----

    [Theory]
    [InlineData("110101199003077777", "1101**************")]
    [InlineData("11010119900307777X", "1101**************")]
    [InlineData("11010119900307777x", "1101**************")]
    [InlineData("110101900307777", "1101***********")]
    public void IdCardNumber_keeps_the_first_four(string input, string expected)
    {
        Assert.Equal(expected, PiMask.IdCardNumber(input));
    }

    [Theory]
    [InlineData("+8613812341111", "+86138****1111")]
    [InlineData("+86 138 1234 1111", "+86 138 **** 1111")]
    [InlineData("+86-138-1234-1111", "+86-138-****-1111")]
    public void PhoneNumber_keeps_a_plus86_prefix(string input, string expected)
    {
        Assert.Equal(expected, PiMask.PhoneNumber(input));
    }

    [Theory]
    [InlineData("11010119900307777X", "1101**************")]
    [InlineData("110101 19900307 777X", "1101** ******** ****")]
    [InlineData("11010119900307777Y", "11**************7Y")]
    [InlineData("ABCDEFGHIJKLMNOPQR", "AB**************QR")]
    [InlineData("110101900307777", "11***********77")]
    [InlineData("12345", "12*45")]
    public void SocialSecurityNumber_shaped_like_an_id_number_is_masked_as_one(string input, string expected)
    {
        Assert.Equal(expected, PiMask.SocialSecurityNumber(input));
    }

    [Theory]
    [InlineData("P12", "P*2")]
    [InlineData("E12345678", "E*******8")]
    [InlineData("g1234567", "g******7")]
    public void Passport_keeps_first_and_last(string input, string expected)
    {
        Assert.Equal(expected, PiMask.Passport(input));
    }

    [Theory]
    [InlineData("123456789", "1234*6789")]
    [InlineData("ABCD12345678WXYZ", "ABCD********WXYZ")]
    public void BankCardNumber_with_one_more_than_eight_characters_masks_one(string input, string expected)
    {
        Assert.Equal(expected, PiMask.BankCardNumber(input));
    }

    [Theory]
    [InlineData("12345", "*2345")]
    [InlineData("AB-12345", "**-*2345")]
    public void FundAccount_with_five_characters_masks_one(string input, string expected)
    {
        Assert.Equal(expected, PiMask.FundAccount(input));
    }

    // ---- Too short or malformed: masked in full ----

    [Theory]
    [InlineData(MaskKind.IdCardNumber, "11010119900307777")]
    [InlineData(MaskKind.IdCardNumber, "1101011990030777777")]
    [InlineData(MaskKind.IdCardNumber, "1101011990030777X7")]
    [InlineData(MaskKind.IdCardNumber, "11010119900307777Y")]
    [InlineData(MaskKind.IdCardNumber, "11010190030777X")]
    [InlineData(MaskKind.IdCardNumber, "１１０１０１１９９００３０７７７７")]
    [InlineData(MaskKind.IdCardNumber, "1101")]
    [InlineData(MaskKind.Passport, "P1")]
    [InlineData(MaskKind.Passport, "P")]
    [InlineData(MaskKind.Passport, "P 1234567")]
    [InlineData(MaskKind.Passport, "护照1234567")]
    [InlineData(MaskKind.Passport, "P1234567👍")]
    [InlineData(MaskKind.PhoneNumber, "1381234111")]
    [InlineData(MaskKind.PhoneNumber, "138123411112")]
    [InlineData(MaskKind.PhoneNumber, "8613812341111")]
    [InlineData(MaskKind.PhoneNumber, "+4413812341111")]
    [InlineData(MaskKind.PhoneNumber, "138123411a1")]
    [InlineData(MaskKind.PhoneNumber, "(138)12341111")]
    [InlineData(MaskKind.PhoneNumber, "138\t1234\t1111")]
    [InlineData(MaskKind.BankCardNumber, "12345678")]
    [InlineData(MaskKind.BankCardNumber, "1234 5678")]
    [InlineData(MaskKind.BankCardNumber, "1234")]
    [InlineData(MaskKind.BankCardNumber, "6217_0000_1234_1234")]
    [InlineData(MaskKind.BankCardNumber, "6217000012341234👍")]
    [InlineData(MaskKind.BankCardNumber, "621700001234123\u0301")]
    [InlineData(MaskKind.BankCardNumber, "     ---     ")]
    [InlineData(MaskKind.FundAccount, "4309")]
    [InlineData(MaskKind.FundAccount, "43 09")]
    [InlineData(MaskKind.InsuranceAccount, "P2314532")]
    [InlineData(MaskKind.InsuranceAccount, "P231 ６７８９ 4532")]
    [InlineData(MaskKind.HousingFundAccount, "12345678")]
    [InlineData(MaskKind.HousingFundAccount, "1234567890")]
    [InlineData(MaskKind.HousingFundAccount, "12345678901")]
    [InlineData(MaskKind.HousingFundAccount, "6375123456789")]
    [InlineData(MaskKind.HousingFundAccount, "63751234567A")]
    [InlineData(MaskKind.SocialSecurityNumber, "2346")]
    [InlineData(MaskKind.SocialSecurityNumber, "23 46")]
    [InlineData(MaskKind.SocialSecurityNumber, "23号12345")]
    [InlineData(MaskKind.PassbookNumber, "12313825")]
    [InlineData(MaskKind.PassbookNumber, "1231/5678/9012/3825")]
    public void Too_short_or_malformed_is_masked_in_full(MaskKind kind, string input)
    {
        Assert.Equal(PiMask.Full(input), PiMask.Mask(input, kind));
    }

    // ---- Text elements, not UTF-16 code units ----

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Surrogate_pairs_and_combining_marks_are_never_split(MaskKind kind)
    {
        var inputs = new[]
        {
            "张三👍", "👍👍👍👍👍👍👍👍👍👍", "𠀋𠀋𠀋", "e\u0301\u0301e\u0301", "\uD800\uDC00\uD800", "\uDBFF", "\uDC00\uD800",
            "👨\u200D👩\u200D👧\u200D👦@example.com", "北京市朝阳区👍👍", "2020-01-0\u0301", "a\u0301@b\u0301.com",
        };

        foreach (var input in inputs)
        {
            var output = PiMask.Mask(input, kind);
            if (kind == MaskKind.Remove)
            {
                Assert.Equal(string.Empty, output);
                continue;
            }

            var inputElements = TextElements(input);
            var outputElements = TextElements(output);
            Assert.Equal(inputElements.Count, outputElements.Count);
            for (var i = 0; i < inputElements.Count; i++)
            {
                Assert.True(
                    outputElements[i] == "*" || outputElements[i] == inputElements[i],
                    $"{kind}: element {i} of '{output}' is neither '*' nor the input's '{inputElements[i]}'.");
            }
        }
    }

    [Theory]
    [InlineData(MaskKind.Name, "\u0600\n", "**")]
    [InlineData(MaskKind.Name, "\u0600\nabc", "*****")]
    [InlineData(MaskKind.Email, "\u0600\nb@example.com", "***************")]
    public void Kept_element_that_would_fuse_with_a_star_masks_the_value_in_full(MaskKind kind, string input, string expected)
    {
        // U+0600 (a prepended concatenation mark) stands alone before a control character but would
        // swallow the star that replaces it, so positions would no longer line up: masked in full.
        Assert.Equal(expected, PiMask.Mask(input, kind));
        Assert.Equal(PiMask.Full(input), expected);
    }

    [Theory]
    [InlineData("\n\u0301\u0301abc", "\n****")]
    [InlineData("x\n\u0301", "x**")]
    public void Lone_combining_mark_after_a_control_character_counts_as_one_element(string input, string expected)
    {
        Assert.Equal(expected, PiMask.Name(input));
    }

    [Fact]
    public void Very_long_values_do_not_throw()
    {
        var digits = new string('7', 200_000);
        Assert.Equal(string.Concat("7777", new string('*', 199_992), "7777"), PiMask.BankCardNumber(digits));
        Assert.Equal(new string('*', 200_000), PiMask.IdCardNumber(digits));
        var name = string.Concat(Enumerable.Repeat("张👍", 50_000));
        Assert.Equal(string.Concat("张", new string('*', 99_999)), PiMask.Name(name));
    }

    internal static List<string> TextElements(string value)
    {
        var result = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(value);
        while (enumerator.MoveNext())
        {
            result.Add(enumerator.GetTextElement());
        }

        return result;
    }
}
