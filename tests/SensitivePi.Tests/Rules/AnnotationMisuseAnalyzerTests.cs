using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Rules;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Analyzers.Rules.AnnotationMisuseAnalyzer>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI013: annotations that cannot mean what they say, reported on the attribute.</summary>
public class AnnotationMisuseAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using SensitivePi;

        """;

    [Fact]
    public async Task Masks_and_forms_that_cannot_apply_are_reported()
    {
        await VerifyAsync("""
            public class Patient
            {
                [{|#0:SensitivePersonalInfo(Category.FinancialAccount, Mask = MaskKind.BankCardNumber)|}] public byte[] Card { get; set; } = new byte[0];
                [{|#1:SensitivePersonalInfo(Category.Other, Mask = MaskKind.Name)|}] public List<string> Aliases { get; set; } = new();
                [{|#2:SensitivePersonalInfo(Category.Other, Mask = MaskKind.Date)|}] public int BirthYear { get; set; }
                [{|#3:SensitivePersonalInfo(Category.MedicalHealth, Form = BiometricForm.Template)|}] public string Diagnosis { get; set; } = "";

                [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
                [SensitivePersonalInfo(Category.Other, Mask = MaskKind.Date)] public DateOnly? Birthday { get; set; }
                [SensitivePersonalInfo(Category.Other, Mask = MaskKind.Date)] public string BirthdayText { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, Mask = MaskKind.BankCardNumber)] public long CardNumber { get; set; }
                [SensitivePersonalInfo(Category.Biometric, Mask = MaskKind.Remove, Form = BiometricForm.RawSample)] public byte[] Photo { get; set; } = new byte[0];
                [SensitivePersonalInfo(Category.Other, Mask = MaskKind.Full)] public List<string> Notes { get; set; } = new();
            }

            public class Lookup
            {
                public string Find([{|#4:SensitivePersonalInfo(Category.Other, Mask = MaskKind.PhoneNumber)|}] Guid id) => "";
            }
            """,
            Expect(0, "'Mask = MaskKind.BankCardNumber' cannot apply to 'Card' of type 'byte[]': a BankCardNumber mask formats text, numbers or dates; use Full or Remove"),
            Expect(1, "'Mask = MaskKind.Name' cannot apply to 'Aliases' of type 'List<string>': a Name mask formats text, numbers or dates; use Full or Remove"),
            Expect(2, "'Mask = MaskKind.Date' cannot apply to 'BirthYear' of type 'int': a Date mask formats text or dates; use Full or Remove"),
            Expect(3, "'Form = BiometricForm.Template' is set on 'Diagnosis', whose category is MedicalHealth: a form describes biometric data only"),
            Expect(4, "'Mask = MaskKind.PhoneNumber' cannot apply to 'id' of type 'Guid': a PhoneNumber mask formats text, numbers or dates; use Full or Remove"));
    }

    [Fact]
    public async Task Never_storing_data_other_than_payment_data_is_reported_to_double_check()
    {
        await VerifyAsync("""
            public class Card
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
                [SensitivePersonalInfo(Category.AuthenticationCredential, AtRest = AtRest.NeverStore)] public string PaymentPin { get; set; } = "";
                [SensitivePersonalInfo(Category.MedicalHealth, AtRest = AtRest.Encrypted)] public string Diagnosis { get; set; } = "";
                [{|#0:SensitivePersonalInfo(Category.LocationTrack, AtRest = AtRest.NeverStore)|}] public string LastPosition { get; set; } = "";
            }
            """,
            Expect(0, "'AtRest = AtRest.NeverStore' is set on 'LastPosition', whose category is LocationTrack: never storing is meant for payment data (card track data, CVN2, expiry dates, card PINs, payment passwords); check that this data really must not be kept, or use AtRest.Encrypted"));
    }

    [Fact]
    public async Task Checks_purposes_subjects_and_sanitizers_that_cannot_work_are_reported()
    {
        await VerifyAsync("""
            public class Person
            {
                [ConsentSubject] public string Id { get; set; } = "";
                [{|#0:ConsentSubject|}] public string OtherId { get; set; } = "";
            }

            public class Gate
            {
                [{|#1:SeparateConsentCheck(Category.Biometric)|}] public int Check(string subject) => 1;
                [SeparateConsentCheck(Category.Biometric)] public Task<bool> CheckAsync(string subject) => Task.FromResult(true);
                [SeparateConsentCheck(Category.Biometric)] public void Require(string subject) { }
                [{|#2:GuardianConsentCheck|}] public Task<string> GuardianAsync(string child) => Task.FromResult("");

                [{|#3:IdentityVerification(" ")|}] public bool Door(byte[] face) => true;
                [IdentityVerification("door")] public bool Door2(byte[] face) => true;

                [{|#4:MasksPersonalInfo|}] public static string Mask(string value) => value;
                [{|#5:EncryptsPersonalInfo|}] public static byte[] Seal(byte[] data) { if (data.Length == 0) return data; return (data); }
                [MasksPersonalInfo] public static string RealMask(string value) => new string('*', value.Length);
                [EncryptsPersonalInfo] public static byte[] RealSeal(byte[] data) { if (data.Length == 0) return data; return Protect(data); }
                private static byte[] Protect(byte[] data) => data;
            }
            """,
            Expect(0, "'Person' has more than one [ConsentSubject]; 'OtherId' is not the first: keep one"),
            Expect(1, "'Check' is marked [SeparateConsentCheck] but returns 'int': a check returns bool (true: granted), Task<bool> or ValueTask<bool>, or void, Task or ValueTask (it throws when refused)"),
            Expect(2, "'GuardianAsync' is marked [GuardianConsentCheck] but returns 'Task<string>': a check returns bool (true: granted), Task<bool> or ValueTask<bool>, or void, Task or ValueTask (it throws when refused)"),
            Expect(3, "'Door' is marked [IdentityVerification] with an empty purpose: name the purpose the method verifies identity for"),
            Expect(4, "'Mask' is marked [MasksPersonalInfo] but returns its parameter unchanged: every value passed through it would count as masked or encrypted"),
            Expect(5, "'Seal' is marked [EncryptsPersonalInfo] but returns its parameter unchanged: every value passed through it would count as masked or encrypted"));
    }

    [Fact]
    public async Task Subjects_and_purposes_the_syntax_cannot_settle_are_read_from_their_symbols()
    {
        // The analyzer binds an attribute's declaration only where its syntax leaves the answer open: another part of a partial
        // type, a record's parameter, or a purpose held in a constant.
        await VerifyAsync("""
            public partial class Visitor
            {
                [ConsentSubject] public string Id { get; set; } = "";
            }

            public partial class Visitor
            {
                [{|#0:ConsentSubject|}] public string Badge { get; set; } = "";
            }

            public record Member([property: ConsentSubject] string Id)
            {
                [{|#1:ConsentSubject|}] public string Card { get; set; } = "";
            }

            public class Clerk
            {
                [Obsolete] public string Desk { get; set; } = "";
                [ConsentSubject] public string Id { get; set; } = "";
            }

            public class Turnstile
            {
                private const string Unnamed = " ";
                private const string Lobby = "lobby";

                [{|#2:IdentityVerification(Unnamed)|}] public bool Enter(byte[] face) => true;
                [IdentityVerification(Lobby)] public bool Leave(byte[] face) => true;
            }
            """,
            Expect(0, "'Visitor' has more than one [ConsentSubject]; 'Badge' is not the first: keep one"),
            Expect(1, "'Member' has more than one [ConsentSubject]; 'Card' is not the first: keep one"),
            Expect(2, "'Enter' is marked [IdentityVerification] with an empty purpose: name the purpose the method verifies identity for"));
    }

    [Fact]
    public async Task An_alias_named_like_another_of_our_attributes_is_read_from_its_symbol()
    {
        // The syntax alone would take `[SensitivePersonalInfo]` for a classification without a mask; the alias applies another of
        // our attributes, whose misuse is reported.
        await Verify.VerifyAnalyzerAsync("""
            using SensitivePersonalInfo = SensitivePi.MasksPersonalInfoAttribute;

            public static class Masks
            {
                [{|#0:SensitivePersonalInfo|}] public static string Mask(string value) => value;
            }
            """,
            Expect(0, "'Mask' is marked [MasksPersonalInfo] but returns its parameter unchanged: every value passed through it would count as masked or encrypted"));
    }

    [Fact]
    public async Task A_global_alias_named_like_another_of_our_attributes_is_read_from_its_symbol()
    {
        // Declared in another file: the syntax alone would take `[ConsentSubject]` for the first subject of its type.
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Gate.cs", """
            public class Gate
            {
                [SensitivePi.SensitivePersonalInfo(SensitivePi.Category.Biometric)] public byte[] Face { get; set; } = new byte[0];
            }

            public class Desk
            {
                [{|#0:ConsentSubject(SensitivePi.Category.Biometric)|}] public int Ask(string id) => 1;
            }
            """));
        test.TestState.Sources.Add(("Aliases.cs", "global using ConsentSubject = SensitivePi.SeparateConsentCheckAttribute;"));
        test.ExpectedDiagnostics.Add(Expect(0, "'Ask' is marked [SeparateConsentCheck] but returns 'int': a check returns bool (true: granted), Task<bool> or ValueTask<bool>, or void, Task or ValueTask (it throws when refused)"));
        await test.RunAsync();
    }

    private static DiagnosticResult Expect(int markup, string problem) =>
        Verify.Diagnostic(Descriptors.AnnotationMisuse).WithLocation(markup).WithArguments(problem);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        Verify.VerifyAnalyzerAsync(Usings + source, expected);
}
