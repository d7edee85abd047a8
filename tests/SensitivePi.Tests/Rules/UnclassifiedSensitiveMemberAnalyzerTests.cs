using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Rules;
using SensitivePi.Tests.Verifiers;
using Fix = SensitivePi.Tests.Verifiers.CodeFixVerifier<
    SensitivePi.Analyzers.Rules.UnclassifiedSensitiveMemberAnalyzer,
    SensitivePi.CodeFixes.AnnotateMemberCodeFixProvider>;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Analyzers.Rules.UnclassifiedSensitiveMemberAnalyzer>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI012: members named like sensitive data (English and pinyin) that nothing classifies, and the annotate fix.</summary>
public class UnclassifiedSensitiveMemberAnalyzerTests
{
    [Fact]
    public async Task Members_named_like_sensitive_data_are_suggested()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using SensitivePi;

            public class Customer
            {
                public string {|#0:IdCardNumber|} { get; set; } = "";
                public string {|#1:PassportNo|} { get; set; } = "";
                public long {|#2:BankCardNumber|} { get; set; }
                public string {|#3:Cvv|} { get; set; } = "";
                public string {|#4:Password|} { get; set; } = "";
                public byte[] {|#5:FaceImage|} { get; set; } = new byte[0];
                public Stream? {|#6:FingerprintScan|} { get; set; }
                public string {|#7:Diagnosis|} { get; set; } = "";
                public double? {|#8:Latitude|} { get; set; }
                public string {|#9:sfzh|} = "";
                public string {|#10:YinhangkaHao|} { get; set; } = "";
                public byte[] {|#12:FaceVector|} = new byte[0];
                public byte[] {|#13:FaceScan|} { get; set; } = new byte[0];
                public byte[] {|#14:Face|} { get; set; } = new byte[0];
            }

            public record Visit(string {|#11:ShenfenzhengHao|}, DateTime Date);
            """,
            Expect(0, "Customer.IdCardNumber", "SpecificIdentity"),
            Expect(1, "Customer.PassportNo", "SpecificIdentity"),
            Expect(2, "Customer.BankCardNumber", "FinancialAccount"),
            Expect(3, "Customer.Cvv", "FinancialAccount"),
            Expect(4, "Customer.Password", "AuthenticationCredential"),
            Expect(5, "Customer.FaceImage", "Biometric"),
            Expect(6, "Customer.FingerprintScan", "Biometric"),
            Expect(7, "Customer.Diagnosis", "MedicalHealth"),
            Expect(8, "Customer.Latitude", "LocationTrack"),
            Expect(9, "Customer.sfzh", "SpecificIdentity"),
            Expect(10, "Customer.YinhangkaHao", "FinancialAccount"),
            Expect(11, "Visit.ShenfenzhengHao", "SpecificIdentity"),
            Expect(12, "Customer.FaceVector", "Biometric"),
            Expect(13, "Customer.FaceScan", "Biometric"),
            Expect(14, "Customer.Face", "Biometric"));
    }

    [Fact]
    public async Task Classified_members_other_types_and_other_meanings_are_not_suggested()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using SensitivePi;

            public class Customer
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdCardNumber { get; set; } = "";
                public byte[] PasswordHash { get; set; } = new byte[0];
                public byte[] PasswordSalt { get; set; } = new byte[0];
                public bool PasswordExpired { get; set; }
                public bool HasPassport { get; set; }
                public List<string> Diagnosis { get; set; } = new();
                public string PinYin { get; set; } = "";
                public string Surface { get; set; } = "";
                public decimal FaceValue { get; set; }
                public string FontFace { get; set; } = "";
                public static string Password = "";
                public const string PasswordLabel = "Password";
                public int PassportCount { get; set; }
            }

            [SensitivePersonalInfo(Category.MedicalHealth)]
            public class Note
            {
                public string Diagnosis { get; set; } = "";
            }

            public class Base
            {
                [SensitivePersonalInfo(Category.AuthenticationCredential)] public virtual string Password { get; set; } = "";
            }

            public class Derived : Base
            {
                public override string Password { get; set; } = "";
            }
            """);
    }

    [Fact]
    public async Task A_member_an_annotation_file_classifies_is_not_suggested_where_no_text_names_our_attributes()
    {
        // No text names an attribute of ours, so the shortcut every rule takes finds nothing classified by attributes; the
        // file still classifies, and what it classifies is not suggested.
        var test = new Verify.Test
        {
            TestCode = """
                public class Customer
                {
                    public string IdCardNumber { get; set; } = "";
                    public string {|#0:PassportNumber|} { get; set; } = "";
                }
                """,
        };
        test.TestState.AdditionalFiles.Add(("customers.sensitivepi.json", """
            { "members": [ { "symbol": "P:Customer.IdCardNumber", "category": "SpecificIdentity" } ] }
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.UnclassifiedSensitiveMember).WithLocation(0).WithArguments("Customer.PassportNumber", "SpecificIdentity"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_member_a_referenced_DataClassification_subclass_classifies_is_not_suggested()
    {
        // A Microsoft package's subclass ([PrivateData]) is applied without the word "DataClassification" in any text: the
        // shortcut the other rules take does not see it, but the member is classified, and is not suggested.
        var package = (await TestCompilation.CreateAsync(
            """
            namespace Microsoft.Extensions.Compliance.Classification { public class DataClassificationAttribute : System.Attribute { } }
            namespace Microsoft.Extensions.Compliance.Testing { public sealed class PrivateDataAttribute : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute { } }
            """,
            withAnnotations: false)).WithAssemblyName("Microsoft.Extensions.Compliance.Testing");
        using var image = new System.IO.MemoryStream();
        Assert.True(package.Emit(image).Success);
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.Extensions.Compliance.Testing;

                public class Customer
                {
                    [PrivateData] public string IdCardNumber { get; set; } = "";
                    public string {|#0:PassportNumber|} { get; set; } = "";
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(image.ToArray()));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.UnclassifiedSensitiveMember).WithLocation(0).WithArguments("Customer.PassportNumber", "SpecificIdentity"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_project_without_the_annotations_gets_no_suggestion()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<UnclassifiedSensitiveMemberAnalyzer, DefaultVerifier>
        {
            TestCode = "public class Customer { public string IdCardNumber { get; set; } = \"\"; }",
            ReferenceAssemblies = TestReferences.Net80,
        };
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_fix_classifies_with_the_suggested_category_mask_and_at_rest_policy_and_Fix_All_covers_the_document()
    {
        const string Source = """
            public class Customer
            {
                public string {|#0:IdCardNumber|} { get; set; } = "";

                public string {|#1:Cvv|} = "";

                /// <summary>The login password, as typed.</summary>
                [System.Obsolete("Use the identity provider.")]
                public string {|#2:Password|} { get; set; } = "";
            }

            public record Visit(string {|#3:PassportNo|});
            """;
        const string Fixed = """
            using SensitivePi;

            public class Customer
            {
                [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)]
                public string IdCardNumber { get; set; } = "";

                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)]
                public string Cvv = "";

                /// <summary>The login password, as typed.</summary>
                [SensitivePersonalInfo(Category.AuthenticationCredential)]
                [System.Obsolete("Use the identity provider.")]
                public string Password { get; set; } = "";
            }

            public record Visit([SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.Passport)] string PassportNo);
            """;
        var test = new Fix.Test { TestCode = Source, FixedCode = Fixed, CodeActionEquivalenceKey = SensitivePi.CodeFixes.AnnotateMemberCodeFixProvider.EquivalenceKey };
        test.ExpectedDiagnostics.Add(Expect(0, "Customer.IdCardNumber", "SpecificIdentity"));
        test.ExpectedDiagnostics.Add(Expect(1, "Customer.Cvv", "FinancialAccount"));
        test.ExpectedDiagnostics.Add(Expect(2, "Customer.Password", "AuthenticationCredential"));
        test.ExpectedDiagnostics.Add(Expect(3, "Visit.PassportNo", "SpecificIdentity"));
        await test.RunAsync(CancellationToken.None);
    }

    // The rule reads each file's declarations (namespaces, types nested at any depth, every declarator of a field) and asks for
    // a symbol only where a name matches: each member is considered once, where it is declared, and bodies are not entered.
    [Fact]
    public async Task Each_declaration_is_considered_once_wherever_it_is_nested()
    {
        await Verify.VerifyAnalyzerAsync("""
            namespace Clinic
            {
                namespace Records
                {
                    public struct Ward
                    {
                        public interface IPatient { string {|#0:Diagnosis|} { get; } }

                        public class Bed
                        {
                            public string Label = "", {|#1:Cvv|} = "", {|#2:PassportNo|} = "";
                        }
                    }
                }

                // The record declares the property its parameter would have made: the property is the member.
                public record Visit(string PassportNo)
                {
                    public string {|#3:PassportNo|} { get; init; } = PassportNo;
                }

                public record struct Card(string {|#4:BankCardNumber|}, int Seats);

                // A primary constructor's parameter of a class is no member; a local in a body is none either.
                public class Desk(string idCardNumber)
                {
                    public string Show() { string password = idCardNumber; return password; }
                }
            }
            """,
            Expect(0, "IPatient.Diagnosis", "MedicalHealth"),
            Expect(1, "Bed.Cvv", "FinancialAccount"),
            Expect(2, "Bed.PassportNo", "SpecificIdentity"),
            Expect(3, "Visit.PassportNo", "SpecificIdentity"),
            Expect(4, "Card.BankCardNumber", "FinancialAccount"));
    }

    [Fact]
    public async Task Generated_code_gets_no_suggestion_and_the_hand_written_code_beside_it_does()
    {
        // The driver skips generated declarations for the analyzer: every way of marking code generated, and the
        // option that overrides a file's name.
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Customer.cs", """
            public class Customer
            {
                public string {|#0:IdCardNumber|} { get; set; } = "";

                [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
                public string Passport { get; set; } = "";

            }

            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
            public class Proxy
            {
                public string Password { get; set; } = "";

                public class Nested
                {
                    public string Diagnosis = "";
                }
            }

            public partial class Mixed
            {
                public string {|#1:FaceImage|} { get; set; } = "";
            }
            """));
        test.TestState.Sources.Add(("Mixed.g.cs", """
            public partial class Mixed
            {
                public string Fingerprint { get; set; } = "";
            }
            """));
        test.TestState.Sources.Add(("View.cs", """
            #line hidden
            public class View
            {
                public string Cvv = "";
            }
            """));
        test.TestState.Sources.Add(("Client.cs", """
            // <auto-generated/>
            public record Visit(string PassportNo, double Latitude);
            """));
        test.TestState.Sources.Add(("/Proto.cs", "public class Proto { public string Sfzh = \"\"; }"));
        test.TestState.Sources.Add(("Form1.Designer.cs", "public class Form1 { public string BankCard = \"\"; }"));
        test.TestState.Sources.Add(("/Kept.g.cs", "public class Kept { public string {|#2:Diagnosis|} = \"\"; }"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [Proto.cs]
            generated_code = true

            [Kept.g.cs]
            generated_code = false
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "Customer.IdCardNumber", "SpecificIdentity"));
        test.ExpectedDiagnostics.Add(Expect(1, "Mixed.FaceImage", "Biometric"));
        test.ExpectedDiagnostics.Add(Expect(2, "Kept.Diagnosis", "MedicalHealth"));
        await test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("IdCardNumber", "id card number")]
    [InlineData("SSNValue", "ssn value")]
    [InlineData("cvn2", "cvn 2")]
    [InlineData("sfzh_no", "sfzh no")]
    [InlineData("_resident__IdNo_", "resident id no")]
    [InlineData("X", "x")]
    [InlineData("__", "")]
    public void Names_split_into_lower_case_words(string name, string words) =>
        Assert.Equal(words, string.Join(" ", SensitivePi.Analyzers.Framework.IdentifierWords.Of(name)));

    // Names real code bases give to settings, dates, limits and messages about the data (grandnode2, bitwarden and jellyfin
    // members the rule suggested before; benchmarks/results.md, session 47), beside names that are the data.
    [Theory]
    [InlineData("PasswordChangeDateUtc", false)]
    [InlineData("LastPasswordChangeDate", false)]
    [InlineData("PasswordRevisionDate", false)]
    [InlineData("PasswordRegularExpression", false)]
    [InlineData("PasswordRecoveryLinkDaysValid", false)]
    [InlineData("FailedPasswordAllowedAttempts", false)]
    [InlineData("FailedPasswordLockoutMinutes", false)]
    [InlineData("PasswordLifetime", false)]
    [InlineData("PurchasedPasswordManagerSeats", false)]
    [InlineData("PasswordSha1", false)]
    [InlineData("FakeLatitudeDefault", false)]
    [InlineData("_gpsWarningMessage", false)]
    [InlineData("TitleAllowGpsLocation", false)]
    [InlineData("MaxLatitude", false)]
    [InlineData("NewPassword", true)]
    [InlineData("ConfirmPassword", true)]
    [InlineData("FingerprintScan", true)]
    [InlineData("YinhangkaHao", true)]
    [InlineData("OTP", true)]
    [InlineData("HomeLatitude", true)]
    [InlineData("OneTimeCode", true)]
    [InlineData("DefaultAdminPassword", true)]
    [InlineData("ManagerIdNumber", true)]
    public void Names_about_the_data_are_not_suggested_names_of_it_are(string name, bool suggested) =>
        Assert.Equal(suggested, SensitivePi.Analyzers.Rules.PersonalDataNames.Match(SensitivePi.Analyzers.Framework.IdentifierWords.Of(name)) is not null);

    // A row one of whose words is excluded could never match.
    [Fact]
    public void No_row_contains_an_excluded_word()
    {
        foreach (var row in SensitivePi.Analyzers.Rules.PersonalDataNames.Rows)
        {
            Assert.Empty(row.Words.Intersect(SensitivePi.Analyzers.Rules.PersonalDataNames.NotTheData));
        }
    }

    // The allocation-free pre-filter may let a name through that matches nothing, never stop one that matches a row.
    [Fact]
    public void The_name_pre_filter_lets_every_row_through()
    {
        var rows = SensitivePi.Analyzers.Rules.PersonalDataNames.Rows;
        foreach (var row in rows)
        {
            var pascal = string.Concat(row.Words.Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));
            foreach (var name in new[] { pascal, string.Join("_", row.Words).ToUpperInvariant(), "Customer" + pascal + "Value", "customer_" + string.Join("_", row.Words) })
            {
                if (SensitivePi.Analyzers.Rules.PersonalDataNames.Match(SensitivePi.Analyzers.Framework.IdentifierWords.Of(name)) is not null)
                {
                    Assert.True(SensitivePi.Analyzers.Rules.PersonalDataNames.MayMatch(name), name);
                }
            }

            Assert.True(SensitivePi.Analyzers.Rules.PersonalDataNames.MayMatch(pascal), pascal);
        }
    }

    [Theory]
    [InlineData("OrderTotal", false)]
    [InlineData("CreatedOnUtc", false)]
    [InlineData("_displayOrder", false)]
    [InlineData("IdCardNumber", true)]
    [InlineData("patient_DIAGNOSIS2", true)]
    [InlineData("CustomerId", false)] // "id" begins rows only with "card", "number" or "no" after it
    [InlineData("IdCustomer", false)]
    [InlineData("HolderIdNumber", true)]
    [InlineData("Ｐｈｏｎｅ", true)] // full-width letters: not ASCII, left to the exact match
    public void The_name_pre_filter_stops_names_where_no_row_can_begin(string name, bool mayMatch) =>
        Assert.Equal(mayMatch, SensitivePi.Analyzers.Rules.PersonalDataNames.MayMatch(name));

    // The pre-filter reads an ASCII name in one pass of its own: it must see exactly the words Of gives. Every stretch of the name
    // is made the table's one opening in turn (found only when it is one of the words), and so is each pair of neighbouring
    // words (found) and of words apart (not found).
    [Theory]
    [InlineData("IdCardNumber")]
    [InlineData("HTTPServer2Port")]
    [InlineData("SSNValue")]
    [InlineData("AB1c")]
    [InlineData("a1B2cD")]
    [InlineData("ABc")]
    [InlineData("sfzh_no__X")]
    [InlineData("_resident__IdNo_")]
    [InlineData("IOStream")]
    [InlineData("x")]
    [InlineData("__")]
    public void The_name_pre_filter_reads_the_words_the_exact_match_reads(string name)
    {
        var words = SensitivePi.Analyzers.Framework.IdentifierWords.Of(name);
        var lower = name.ToLowerInvariant();
        for (var start = 0; start < lower.Length; start++)
        {
            for (var end = start + 1; end <= lower.Length; end++)
            {
                var stretch = lower.Substring(start, end - start);
                Assert.True(words.Contains(stretch) == MayOpen(name, stretch), name + ": " + stretch);
            }
        }

        for (var i = 1; i < words.Count; i++)
        {
            Assert.True(MayOpen(name, words[i - 1], words[i]), name + ": " + words[i - 1] + " " + words[i]);
            if (i >= 2)
            {
                var neighbours = Enumerable.Range(1, words.Count - 1).Any(j => words[j - 1] == words[i - 2] && words[j] == words[i]);
                Assert.True(neighbours == MayOpen(name, words[i - 2], words[i]), name + ": " + words[i - 2] + " " + words[i]);
            }
        }
    }

    // A name with a character outside ASCII is split as Of splits it, and may always begin a row.
    [Theory]
    [InlineData("ABé")]
    [InlineData("PhoneÉ")]
    [InlineData("Ｐｈｏｎｅ")]
    public void The_name_pre_filter_lets_names_outside_ASCII_through(string name) =>
        Assert.True(MayOpen(name, "nothing"));

    private static bool MayOpen(string name, params string[] phrase) =>
        SensitivePi.Analyzers.Framework.IdentifierWords.MayHaveOpeningAmong(
            name, new SensitivePi.Analyzers.Framework.IdentifierWords.OpeningSet(new[] { SensitivePi.Analyzers.Framework.IdentifierWords.Opening(phrase) }));

    [Fact]
    public async Task Half_typed_code_raises_no_exception()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using SensitivePi;

                public class Customer
                {
                    public string {|#0:IdCardNumber|} { get; set
                    public string {|#1:Password|}
                    [SensitivePersonalInfo(Category.)] public string {|#2:Diagnosis|} { get; set; } = "";
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        // What is typed so far: two members named like data, and one whose annotation names no category yet.
        test.ExpectedDiagnostics.Add(Expect(0, "Customer.IdCardNumber", "SpecificIdentity"));
        test.ExpectedDiagnostics.Add(Expect(1, "Customer.Password", "AuthenticationCredential"));
        test.ExpectedDiagnostics.Add(Expect(2, "Customer.Diagnosis", "MedicalHealth"));
        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Expect(int markup, string member, string category) =>
        Verify.Diagnostic(Descriptors.UnclassifiedSensitiveMember).WithLocation(markup).WithArguments(member, category);
}
