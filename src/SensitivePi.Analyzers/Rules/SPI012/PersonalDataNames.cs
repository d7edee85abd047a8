using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// One row of the name table: member names whose words say what personal data they hold. <see cref="Words"/> must
/// appear in the name as consecutive words (<c>"id card"</c> in <c>ResidentIdCardNo</c>); with
/// <see cref="WholeName"/>, they must be the whole name (short words such as <c>pin</c> or <c>lat</c> say too little
/// inside a longer one).
/// </summary>
internal readonly struct PersonalDataName
{
    public PersonalDataName(string words, PiCategory category, PiMaskKind mask = PiMaskKind.Auto, PiAtRest atRest = PiAtRest.Unspecified, bool wholeName = false)
    {
        Words = words.Split(' ');
        Category = category;
        Mask = mask;
        AtRest = atRest;
        WholeName = wholeName;
    }

    public string[] Words { get; }

    public PiCategory Category { get; }

    public PiMaskKind Mask { get; }

    public PiAtRest AtRest { get; }

    public bool WholeName { get; }
}

/// <summary>
/// Names that suggest sensitive personal information (GB/T 45574 §4 and Appendix A), in English and in pinyin (full
/// and initials) as Chinese code bases write them. SPI012's alone (docs/rules/SPI012.md): no other rule reads a name,
/// classification decides. The first matching row wins, so specific rows come before general ones.
/// </summary>
internal static class PersonalDataNames
{
    /// <summary>Words that make a name something other than the data itself: a hash, a salt, a flag, a count.</summary>
    public static readonly string[] NotTheData =
    {
        "hash", "hashed", "salt", "encrypted", "masked", "mask", "type", "kind", "count", "length", "format", "verified",
        "required", "enabled", "expires", "expiry", "expiration", "changed", "updated", "reset", "policy", "hint", "label", "url",

        // Found on real code bases' settings, entities and view models (benchmarks/results.md, session 47): when or how long
        // (`PasswordChangeDateUtc`, `PasswordLifetime`, `PasswordRecoveryLinkDaysValid`), limits and rules
        // (`FailedPasswordAllowedAttempts`, `PasswordRegularExpression`), text shown about it (`GpsWarningMessage`), settings
        // (`FakeLatitudeDefault`, `PurchasedPasswordManagerSeats`) and the forms of a hash (`PasswordSha1`). No row's own word.
        "date", "utc", "lifetime", "days", "hours", "minutes", "seconds", "duration", "valid", "validity", "change",
        "revision", "version", "attempts", "min", "max", "minimum", "maximum", "limit", "strength", "regex", "regular",
        "expression", "pattern", "rule", "rules", "allow", "allowed", "lockout", "failed", "message", "warning", "title",
        "caption", "tooltip", "placeholder", "prompt", "fake", "seats", "option", "options", "setting",
        "settings", "mode", "sha", "md", "hmac", "digest", "checksum",
    };

    public static readonly PersonalDataName[] Rows =
    {
        // Payment data never stored (GB/T 45574 §6.5): card security codes, track data, PINs.
        new("cvv", PiCategory.FinancialAccount, PiMaskKind.Full, PiAtRest.NeverStore),
        new("cvn", PiCategory.FinancialAccount, PiMaskKind.Full, PiAtRest.NeverStore),
        new("cvc", PiCategory.FinancialAccount, PiMaskKind.Full, PiAtRest.NeverStore),
        new("card security", PiCategory.FinancialAccount, PiMaskKind.Full, PiAtRest.NeverStore),
        new("security code", PiCategory.FinancialAccount, PiMaskKind.Full, PiAtRest.NeverStore),
        new("track data", PiCategory.FinancialAccount, PiMaskKind.Full, PiAtRest.NeverStore),
        new("track 2", PiCategory.FinancialAccount, PiMaskKind.Full, PiAtRest.NeverStore),
        new("magnetic stripe", PiCategory.FinancialAccount, PiMaskKind.Full, PiAtRest.NeverStore),
        new("pin", PiCategory.FinancialAccount, PiMaskKind.Full, PiAtRest.NeverStore, wholeName: true),
        new("card pin", PiCategory.FinancialAccount, PiMaskKind.Full, PiAtRest.NeverStore),
        new("pin code", PiCategory.FinancialAccount, PiMaskKind.Full, PiAtRest.NeverStore),
        new("payment password", PiCategory.AuthenticationCredential, PiMaskKind.Full, PiAtRest.NeverStore),
        new("zhifu mima", PiCategory.AuthenticationCredential, PiMaskKind.Full, PiAtRest.NeverStore),

        // Identity documents (§6.3).
        new("id card", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("id number", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("id no", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("identity number", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("identity card", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("national id", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("resident id", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("citizen id", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("ssn", PiCategory.SpecificIdentity, PiMaskKind.SocialSecurityNumber),
        new("social security number", PiCategory.SpecificIdentity, PiMaskKind.SocialSecurityNumber),
        new("passport", PiCategory.SpecificIdentity, PiMaskKind.Passport),
        new("driver license", PiCategory.SpecificIdentity, PiMaskKind.Full),
        new("drivers license", PiCategory.SpecificIdentity, PiMaskKind.Full),
        new("driver licence", PiCategory.SpecificIdentity, PiMaskKind.Full),
        new("driving licence", PiCategory.SpecificIdentity, PiMaskKind.Full),
        new("shenfenzheng", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("shenfenzhenghao", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("sfz", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("sfzh", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("sfzhm", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("zjhm", PiCategory.SpecificIdentity, PiMaskKind.IdCardNumber),
        new("huzhao", PiCategory.SpecificIdentity, PiMaskKind.Passport),

        // Accounts (§6.5).
        new("bank card", PiCategory.FinancialAccount, PiMaskKind.BankCardNumber),
        new("card number", PiCategory.FinancialAccount, PiMaskKind.BankCardNumber),
        new("card no", PiCategory.FinancialAccount, PiMaskKind.BankCardNumber),
        new("bank account", PiCategory.FinancialAccount, PiMaskKind.FundAccount),
        new("account number", PiCategory.FinancialAccount, PiMaskKind.FundAccount),
        new("iban", PiCategory.FinancialAccount, PiMaskKind.FundAccount),
        new("yinhangka", PiCategory.FinancialAccount, PiMaskKind.BankCardNumber),
        new("yhk", PiCategory.FinancialAccount, PiMaskKind.BankCardNumber),
        new("yhkh", PiCategory.FinancialAccount, PiMaskKind.BankCardNumber),
        new("kahao", PiCategory.FinancialAccount, PiMaskKind.BankCardNumber),

        // Credentials (§5.5).
        new("password", PiCategory.AuthenticationCredential, PiMaskKind.Full),
        new("passwd", PiCategory.AuthenticationCredential, PiMaskKind.Full),
        new("pwd", PiCategory.AuthenticationCredential, PiMaskKind.Full),
        new("passcode", PiCategory.AuthenticationCredential, PiMaskKind.Full),
        new("security answer", PiCategory.AuthenticationCredential, PiMaskKind.Full),
        new("otp", PiCategory.AuthenticationCredential, PiMaskKind.Full, wholeName: true),
        new("one time code", PiCategory.AuthenticationCredential, PiMaskKind.Full),
        new("mima", PiCategory.AuthenticationCredential, PiMaskKind.Full),

        // Biometrics (§6.1).
        new("face image", PiCategory.Biometric, PiMaskKind.Remove),
        new("face photo", PiCategory.Biometric, PiMaskKind.Remove),
        new("face picture", PiCategory.Biometric, PiMaskKind.Remove),
        new("face template", PiCategory.Biometric, PiMaskKind.Remove),
        new("face feature", PiCategory.Biometric, PiMaskKind.Remove),
        new("face features", PiCategory.Biometric, PiMaskKind.Remove),
        new("face data", PiCategory.Biometric, PiMaskKind.Remove),
        new("face embedding", PiCategory.Biometric, PiMaskKind.Remove),
        new("face scan", PiCategory.Biometric, PiMaskKind.Remove),
        new("face vector", PiCategory.Biometric, PiMaskKind.Remove),
        new("face encoding", PiCategory.Biometric, PiMaskKind.Remove),
        new("face descriptor", PiCategory.Biometric, PiMaskKind.Remove),
        new("face capture", PiCategory.Biometric, PiMaskKind.Remove),
        new("face sample", PiCategory.Biometric, PiMaskKind.Remove),
        new("face print", PiCategory.Biometric, PiMaskKind.Remove),
        new("faceprint", PiCategory.Biometric, PiMaskKind.Remove),
        new("face", PiCategory.Biometric, PiMaskKind.Remove, wholeName: true),
        new("fingerprint", PiCategory.Biometric, PiMaskKind.Remove),
        new("finger print", PiCategory.Biometric, PiMaskKind.Remove),
        new("iris", PiCategory.Biometric, PiMaskKind.Remove),
        new("voiceprint", PiCategory.Biometric, PiMaskKind.Remove),
        new("voice print", PiCategory.Biometric, PiMaskKind.Remove),
        new("palmprint", PiCategory.Biometric, PiMaskKind.Remove),
        new("palm print", PiCategory.Biometric, PiMaskKind.Remove),
        new("renlian", PiCategory.Biometric, PiMaskKind.Remove),
        new("zhiwen", PiCategory.Biometric, PiMaskKind.Remove),
        new("hongmo", PiCategory.Biometric, PiMaskKind.Remove),
        new("shengwen", PiCategory.Biometric, PiMaskKind.Remove),

        // Health (§6.4).
        new("diagnosis", PiCategory.MedicalHealth, PiMaskKind.Full),
        new("medical record", PiCategory.MedicalHealth, PiMaskKind.Full),
        new("medical history", PiCategory.MedicalHealth, PiMaskKind.Full),
        new("prescription", PiCategory.MedicalHealth, PiMaskKind.Full),
        new("allergies", PiCategory.MedicalHealth, PiMaskKind.Full),
        new("allergy", PiCategory.MedicalHealth, PiMaskKind.Full),
        new("zhenduan", PiCategory.MedicalHealth, PiMaskKind.Full),
        new("bingli", PiCategory.MedicalHealth, PiMaskKind.Full),
        new("bingshi", PiCategory.MedicalHealth, PiMaskKind.Full),

        // Location tracks (§6.6).
        new("latitude", PiCategory.LocationTrack, PiMaskKind.Full),
        new("longitude", PiCategory.LocationTrack, PiMaskKind.Full),
        new("lat", PiCategory.LocationTrack, PiMaskKind.Full, wholeName: true),
        new("lng", PiCategory.LocationTrack, PiMaskKind.Full, wholeName: true),
        new("gps", PiCategory.LocationTrack, PiMaskKind.Full),
        new("jingdu", PiCategory.LocationTrack, PiMaskKind.Full),
        new("weidu", PiCategory.LocationTrack, PiMaskKind.Full),
        new("guiji", PiCategory.LocationTrack, PiMaskKind.Full),

        // Religious belief (§6.2).
        new("religion", PiCategory.ReligiousBelief, PiMaskKind.Full),
        new("zongjiao", PiCategory.ReligiousBelief, PiMaskKind.Full),
    };

    // Every member of the compilation is asked: rows by their first word, and the excluded words as a set, so that a
    // name costs a lookup per word rather than a comparison per row.
    private static readonly System.Collections.Generic.HashSet<string> Excluded = new(NotTheData, System.StringComparer.Ordinal);

    private static readonly System.Collections.Generic.Dictionary<string, int[]> RowsByFirstWord = IndexRows();

    // A row matches only where its words begin at a word of the name: the hashes of each row's opening (its word, or its first
    // two) let most names go without a string made for each of their words.
    private static readonly Framework.IdentifierWords.OpeningSet Openings = new(System.Linq.Enumerable.Select(Rows, row => Framework.IdentifierWords.Opening(row.Words)));

    /// <summary>
    /// False when no row can match <paramref name="name"/> (no row's opening begins at a word of it), asked without allocating;
    /// true says only that <see cref="Match"/> must be asked.
    /// </summary>
    public static bool MayMatch(string name) => Framework.IdentifierWords.MayHaveOpeningAmong(name, Openings);

    /// <summary>The first row (in table order) the words of a member's name match, or null.</summary>
    public static PersonalDataName? Match(System.Collections.Generic.List<string> words)
    {
        foreach (var word in words)
        {
            if (Excluded.Contains(word))
            {
                return null;
            }
        }

        var best = int.MaxValue;
        for (var start = 0; start < words.Count; start++)
        {
            if (!RowsByFirstWord.TryGetValue(words[start], out var candidates))
            {
                continue;
            }

            foreach (var index in candidates)
            {
                var row = Rows[index];
                if (index < best && start + row.Words.Length <= words.Count && StartsAt(words, row.Words, start)
                    && (!row.WholeName || (start == 0 && words.Count == row.Words.Length)))
                {
                    best = index;
                }
            }
        }

        return best == int.MaxValue ? null : Rows[best];
    }

    private static System.Collections.Generic.Dictionary<string, int[]> IndexRows()
    {
        var index = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<int>>(System.StringComparer.Ordinal);
        for (var i = 0; i < Rows.Length; i++)
        {
            var first = Rows[i].Words[0];
            if (!index.TryGetValue(first, out var rows))
            {
                index.Add(first, rows = new System.Collections.Generic.List<int>());
            }

            rows.Add(i);
        }

        var result = new System.Collections.Generic.Dictionary<string, int[]>(System.StringComparer.Ordinal);
        foreach (var pair in index)
        {
            result.Add(pair.Key, pair.Value.ToArray());
        }

        return result;
    }

    private static bool StartsAt(System.Collections.Generic.List<string> words, string[] sequence, int start)
    {
        for (var i = 0; i < sequence.Length; i++)
        {
            if (words[start + i] != sequence[i])
            {
                return false;
            }
        }

        return true;
    }
}
