using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Rules;
using SensitivePi.Tests.Verifiers;
using Logging = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.UnmaskedLogging>;
using Misuse = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Analyzers.Rules.AnnotationMisuseAnalyzer>;
using Storage = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.NeverStoredPaymentData>;

namespace SensitivePi.Tests.Engine;

/// <summary>
/// Annotation files (docs/annotation-files.md): members of a library the team does not own, classified by
/// documentation-comment ID, are followed by every rule as if annotated; what a file cannot say is SPI013 in the file.
/// </summary>
public class AnnotationFileTests
{
    private const string FileName = "vendor.sensitivepi.json";

    // A vendor SDK compiled as its own assembly, without the annotations.
    private const string Vendor = """
        namespace Vendor.Crm
        {
            public class CrmCustomer
            {
                public string IdNumber { get; set; } = "";
                public string City { get; set; } = "";
                public string Password { get; set; } = "";
                public string ChildNote { get; set; } = "";
            }

            public class CrmClient
            {
                public string GetPhone(string customerId) => "";
            }

            public class Card
            {
                public Card(string number, string cvn2) { Number = number; }
                public string Number { get; }
            }

            public class FaceImage { public byte[] Pixels { get; set; } = new byte[0]; }
        }

        namespace Vendor.Sms
        {
            public class SmsClient { public void Send(string phone, string text) { } }
        }

        namespace Vendor.Log
        {
            public static class Audit { public static void Write(string line) { } }
        }

        namespace Vendor.Consent
        {
            public class Api { public bool IsGranted(string subject, string purpose) => true; }
        }

        namespace Vendor.Face
        {
            public class FaceApi { public bool Match(byte[] probe) => true; }
        }

        namespace Vendor.Security
        {
            public static class Tokenizer { public static string Tokenize(string value) => value; }
            public static class Vault { public static string Seal(string value) => value; }
        }
        """;

    private const string Annotations = """
        {
          // Vendor.Crm cannot carry our attributes.
          "members": [
            { "symbol": "P:Vendor.Crm.CrmCustomer.IdNumber", "category": "SpecificIdentity", "mask": "IdCardNumber" },
            { "symbol": "M:Vendor.Crm.CrmClient.GetPhone(System.String)", "return": { "category": "Other", "mask": "PhoneNumber" } },
            { "symbol": "M:Vendor.Crm.Card.#ctor(System.String,System.String)", "parameter": 1, "category": "FinancialAccount", "atRest": "NeverStore" },
            { "symbol": "T:Vendor.Crm.FaceImage", "category": "Biometric", "form": "RawSample" },
          ]
        }
        """;

    [Fact]
    public async Task Members_return_values_and_types_classified_by_file_are_followed_as_if_annotated()
    {
        var test = new Logging.Test
        {
            TestCode = """
                using Microsoft.Extensions.Logging;
                using Vendor.Crm;

                class Sync
                {
                    void Log(ILogger logger, CrmCustomer customer, CrmClient crm, FaceImage face)
                    {
                        logger.LogInformation("{Id}", {|#0:customer.IdNumber|});
                        logger.LogInformation("{Phone}", {|#1:crm.GetPhone("42")|});
                        logger.LogInformation("{@Face}", {|#2:face|});
                        logger.LogInformation("{City}", customer.City);
                    }
                }
                """,
        };
        AddVendor(test.TestState);
        test.TestState.AdditionalFiles.Add((FileName, Annotations));
        test.ExpectedDiagnostics.Add(Logged(0, "'CrmCustomer.IdNumber' (SpecificIdentity)"));
        test.ExpectedDiagnostics.Add(Logged(1, "'CrmClient.GetPhone()' (Other)"));
        test.ExpectedDiagnostics.Add(Logged(2, "'FaceImage' (Biometric)"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_member_classified_by_file_is_reported_by_every_rule_that_would_report_it_annotated()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<SensitivePi.Analyzers.SensitiveDataFlowAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.Net80,
            TestCode = """
                using System.IO;
                using System.Net.Http;
                using System.Threading.Tasks;
                using Vendor.Crm;

                class Uses
                {
                    async Task Send(HttpClient http, CrmCustomer customer, FaceImage face, string path)
                    {
                        await {|#0:http.PostAsync("http://partner.example.cn/api", {|#1:new StringContent(customer.IdNumber)|})|};
                        await {|#7:http.GetAsync({|#2:"https://partner.example.cn/api?id=" + customer.IdNumber|})|};
                        {|#3:File.WriteAllBytes(path, {|#4:face.Pixels|})|};
                        await http.PostAsync("https://faces.example.cn/api", {|#5:new ByteArrayContent(face.Pixels)|});
                        if (customer.City.Length == 0) throw new System.ArgumentException({|#6:"No city for " + customer.IdNumber|});
                        File.WriteAllText(path, {|#8:customer.Password|});
                        {|#9:File.WriteAllText(path, customer.ChildNote)|};
                    }
                }

                public class CustomersController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    public Microsoft.AspNetCore.Mvc.IActionResult Show(CrmCustomer customer) => Ok({|#10:customer.IdNumber|});
                }
                """ + Verifiers.AspNetCoreResponseStubs.Source,
        };
        test.TestState.AdditionalReferences.Add(TestReferences.Annotations);
        AddVendor(test.TestState);
        test.TestState.AdditionalFiles.Add((FileName, """
            {
              "members": [
                { "symbol": "P:Vendor.Crm.CrmCustomer.IdNumber", "category": "SpecificIdentity" },
                { "symbol": "T:Vendor.Crm.FaceImage", "category": "Biometric", "form": "RawSample" },
                { "symbol": "P:Vendor.Crm.CrmCustomer.Password", "category": "AuthenticationCredential", "legalBasis": "ContractNecessity" },
                { "symbol": "P:Vendor.Crm.CrmCustomer.ChildNote", "category": "MinorUnder14" }
              ]
            }
            """));

        // Exactly what the same members annotated would give (each rule's own tests show that).
        const string Id = "'CrmCustomer.IdNumber' (SpecificIdentity)";
        const string Face = "'FaceImage' (Biometric)";
        DiagnosticResult Expect(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int markup, params object[] arguments) =>
            new DiagnosticResult(descriptor).WithLocation(markup).WithArguments(arguments).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
        test.ExpectedDiagnostics.Add(Expect(Descriptors.MissingSeparateConsent, 0, "HttpClient.PostAsync", Id, "SpecificIdentity", ExpectedCitations.SeparateConsent("SpecificIdentity")));
        test.ExpectedDiagnostics.Add(Expect(Descriptors.UnencryptedTransmission, 1, Id, "HttpClient.PostAsync", ExpectedCitations.Transmission(Id)));
        test.ExpectedDiagnostics.Add(Expect(Descriptors.MissingSeparateConsent, 7, "HttpClient.GetAsync", Id, "SpecificIdentity", ExpectedCitations.SeparateConsent("SpecificIdentity")));
        test.ExpectedDiagnostics.Add(Expect(Descriptors.SensitiveDataInUrl, 2, Id, "HttpClient.GetAsync", ExpectedCitations.Url(Id)));
        test.ExpectedDiagnostics.Add(Expect(Descriptors.MissingSeparateConsent, 3, "File.WriteAllBytes", Face, "Biometric", ExpectedCitations.SeparateConsent("Biometric")));
        test.ExpectedDiagnostics.Add(Expect(Descriptors.RawBiometricPersisted, 4, Face, "File.WriteAllBytes", ExpectedCitations.RawSamples));
        test.ExpectedDiagnostics.Add(Expect(Descriptors.BiometricLeavesDevice, 5, Face, "HttpClient.PostAsync", ExpectedCitations.BiometricOnDevice));
        test.ExpectedDiagnostics.Add(Expect(Descriptors.SensitiveDataInException, 6, Id, "new ArgumentException", ExpectedCitations.Display(Id)));
        const string Password = "'CrmCustomer.Password' (AuthenticationCredential)";
        test.ExpectedDiagnostics.Add(Expect(Descriptors.UnencryptedStorage, 8, Password, "'File.WriteAllText'", ExpectedCitations.AtRest(Password)));
        test.ExpectedDiagnostics.Add(Expect(Descriptors.MissingGuardianConsent, 9, "File.WriteAllText", "'CrmCustomer.ChildNote' (MinorUnder14)", ExpectedCitations.GuardianConsent));
        test.ExpectedDiagnostics.Add(Expect(Descriptors.UnmaskedResponse, 10, Id, "ControllerBase.Ok", ExpectedCitations.Display(Id)));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Biometric_data_classified_by_file_counts_for_identification_purposes()
    {
        var test = new AnalyzerVerifier<BiometricOnlyIdentificationAnalyzer>.Test
        {
            TestCode = """
                using SensitivePi;
                using Vendor.Crm;

                public static class Matcher
                {
                    public static bool Matches(byte[] probe) => probe.Length > 0;
                }

                public class Door
                {
                    [IdentityVerification("door")]
                    public bool {|#0:OpenByFace|}(FaceImage face) => Matcher.Matches(face.Pixels);
                }
                """,
        };
        AddVendor(test.TestState);
        test.TestState.AdditionalFiles.Add((FileName, """
            { "members": [ { "symbol": "T:Vendor.Crm.FaceImage", "category": "Biometric", "form": "RawSample" } ] }
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.BiometricOnlyIdentification).WithLocation(0)
            .WithArguments("door", "OpenByFace", ExpectedCitations.BiometricAlternative));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Sanitizers_declared_by_file_mask_and_encrypt_as_the_attributes_do()
    {
        var test = new Logging.Test
        {
            TestCode = """
                using Microsoft.Extensions.Logging;
                using Vendor.Crm;
                using Vendor.Security;

                class Sync
                {
                    void Log(ILogger logger, CrmCustomer customer)
                    {
                        logger.LogInformation("{Id}", Tokenizer.Tokenize(customer.IdNumber));
                        logger.LogInformation("{Id}", Vault.Seal(customer.IdNumber));
                        logger.LogInformation("{Id}", {|#0:customer.IdNumber|});
                    }
                }
                """,
        };
        AddVendor(test.TestState);
        test.TestState.AdditionalFiles.Add((FileName, """
            {
              "members": [ { "symbol": "P:Vendor.Crm.CrmCustomer.IdNumber", "category": "SpecificIdentity", "mask": "IdCardNumber" } ],
              "sanitizers": [
                { "symbol": "M:Vendor.Security.Tokenizer.Tokenize(System.String)", "kind": "Masks" },
                { "symbol": "M:Vendor.Security.Vault.Seal(System.String)", "kind": "Encrypts" }
              ]
            }
            """));
        test.ExpectedDiagnostics.Add(Logged(0, "'CrmCustomer.IdNumber' (SpecificIdentity)"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Sinks_declared_by_file_are_checked_as_the_built_in_ones()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<SensitivePi.Analyzers.SensitiveDataFlowAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.Net80,
            TestCode = """
                using Vendor.Crm;
                using Vendor.Log;
                using Vendor.Sms;

                class Notify
                {
                    void Send(SmsClient sms, CrmCustomer customer)
                    {
                        sms.Send(customer.IdNumber, "Your card is ready");
                        sms.Send("13800000000", {|#0:"ID " + customer.IdNumber|});
                        Audit.Write({|#1:customer.IdNumber|});
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(TestReferences.Annotations);
        AddVendor(test.TestState);
        test.TestState.AdditionalFiles.Add((FileName, """
            {
              "members": [ { "symbol": "P:Vendor.Crm.CrmCustomer.IdNumber", "category": "SpecificIdentity", "legalBasis": "LegalObligation" } ],
              "sinks": [
                { "symbol": "M:Vendor.Sms.SmsClient.Send(System.String,System.String)", "kind": "Network", "parameters": [1], "encrypted": false },
                { "symbol": "M:Vendor.Log.Audit.Write(System.String)", "kind": "Logging" }
              ]
            }
            """));
        const string Data = "'CrmCustomer.IdNumber' (SpecificIdentity)";
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.UnencryptedTransmission).WithLocation(0).WithArguments(Data, "SmsClient.Send", ExpectedCitations.Transmission(Data)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.UnmaskedLogging).WithLocation(1).WithArguments(Data, "Audit.Write", ExpectedCitations.Display(Data)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Consent_checks_and_methods_that_need_consent_are_declared_by_file()
    {
        var test = new AnalyzerVerifier<SingleRule.MissingSeparateConsent>.Test
        {
            TestCode = """
                using Vendor.Consent;
                using Vendor.Face;

                class Gate
                {
                    bool Open(FaceApi faces, Api consent, string personId, byte[] probe) => {|#0:faces.Match(probe)|};

                    bool OpenChecked(FaceApi faces, Api consent, string personId, byte[] probe)
                    {
                        if (!consent.IsGranted(personId, "access")) return false;
                        return faces.Match(probe);
                    }

                    // A one-call wrapper of the file's check is a check too.
                    bool Granted(Api consent, string personId) => consent.IsGranted(personId, "access");

                    bool OpenWrapped(FaceApi faces, Api consent, string personId, byte[] probe) => Granted(consent, personId) && faces.Match(probe);
                }
                """,
        };
        AddVendor(test.TestState);
        test.TestState.AdditionalFiles.Add((FileName, """
            {
              "consentChecks": [ { "symbol": "M:Vendor.Consent.Api.IsGranted(System.String,System.String)", "categories": ["Biometric"] } ],
              "requiresConsent": [ { "symbol": "M:Vendor.Face.FaceApi.Match(System.Byte[])", "category": "Biometric", "purpose": "access" } ]
            }
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.MissingSeparateConsent).WithLocation(0)
            .WithArguments("FaceApi.Match", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_parameter_classified_by_file_carries_its_at_rest_policy()
    {
        var test = new Storage.Test
        {
            TestCode = """
                using System.IO;

                namespace Vendor.Crm
                {
                    public static class Journal
                    {
                        public static void Keep(string cvn2) => File.WriteAllText("cvn.txt", {|#0:cvn2|});
                    }
                }
                """,
        };
        test.TestState.AdditionalFiles.Add((FileName, """
            { "members": [ { "symbol": "M:Vendor.Crm.Journal.Keep(System.String)", "parameter": 0, "category": "FinancialAccount", "atRest": "NeverStore" } ] }
            """));
        test.ExpectedDiagnostics.Add(Storage.Diagnostic(Descriptors.NeverStoredPaymentData).WithLocation(0)
            .WithArguments("'cvn2' (FinancialAccount)", "'File.WriteAllText'", ExpectedCitations.NeverStore));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task What_a_file_cannot_say_is_reported_in_the_file()
    {
        var test = new Misuse.Test { TestCode = "public class Empty { }" };
        AddVendor(test.TestState);
        test.TestState.AdditionalFiles.Add((FileName, """
            {
              "members": [
                { "symbol": "P:Vendor.Crm.CrmCustomer.Passport", "category": "SpecificIdentity" },
                { "symbol": "P:Vendor.Crm.CrmCustomer.IdNumber", "category": "Identity" },
                { "symbol": "M:Vendor.Crm.CrmClient.GetPhone(System.String)", "category": "Other" },
                { "category": "Other" }
              ],
              "consentChecks": [ {} ]
            }
            """));
        test.ExpectedDiagnostics.Add(Problem(3, 17, 3, 52, "vendor.sensitivepi.json: 'P:Vendor.Crm.CrmCustomer.Passport' names no symbol of the compilation or its references"));
        test.ExpectedDiagnostics.Add(Problem(4, 66, 4, 76, "vendor.sensitivepi.json: 'Identity' is not a category (one of Biometric, ReligiousBelief, SpecificIdentity, MedicalHealth, FinancialAccount, LocationTrack, AuthenticationCredential, MinorUnder14, Other)"));
        test.ExpectedDiagnostics.Add(Problem(5, 5, 5, 88, "vendor.sensitivepi.json: A method entry classifies its \"return\" value (an object) or a \"parameter\" (its index, from 0)"));
        test.ExpectedDiagnostics.Add(Problem(6, 5, 6, 28, "vendor.sensitivepi.json: A member entry needs a \"symbol\": a documentation-comment ID such as \"P:Vendor.Crm.Customer.IdNumber\""));
        test.ExpectedDiagnostics.Add(Problem(8, 22, 8, 24, "vendor.sensitivepi.json: A consent entry needs a \"symbol\" (\"M:…\")"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Wrong_kinds_and_unknown_methods_of_the_other_sections_are_reported_in_the_file()
    {
        var test = new Misuse.Test { TestCode = "public class Empty { }" };
        AddVendor(test.TestState);
        test.TestState.AdditionalFiles.Add((FileName, """
            {
              "sinks": [ { "symbol": "M:Vendor.Log.Audit.Write(System.String)", "kind": "Telemetry" } ],
              "sanitizers": [ { "symbol": "M:Vendor.Security.Vault.Seal(System.String)", "kind": "Hashes" } ],
              "requiresConsent": [ { "symbol": "M:Vendor.Face.FaceApi.Verify(System.Byte[])", "category": "Biometric" } ],
              "classifications": [ { "attribute": "T:Vendor.Crm.CrmCustomer", "category": "Other" } ]
            }
            """));
        test.ExpectedDiagnostics.Add(Problem(2, 77, 2, 88, "vendor.sensitivepi.json: \"kind\" is one of Logging, Network, Storage, Response"));
        test.ExpectedDiagnostics.Add(Problem(3, 86, 3, 94, "vendor.sensitivepi.json: \"kind\" is \"Masks\" or \"Encrypts\""));
        test.ExpectedDiagnostics.Add(Problem(4, 36, 4, 81, "vendor.sensitivepi.json: 'M:Vendor.Face.FaceApi.Verify(System.Byte[])' names no method of the compilation or its references"));
        test.ExpectedDiagnostics.Add(Problem(5, 39, 5, 65, "vendor.sensitivepi.json: 'T:Vendor.Crm.CrmCustomer' names no attribute type of the compilation or its references"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Malformed_JSON_is_reported_where_it_breaks_and_nothing_throws()
    {
        var test = new Logging.Test
        {
            TestCode = """
                using Microsoft.Extensions.Logging;
                using Vendor.Crm;

                class Sync
                {
                    void Log(ILogger logger, CrmCustomer customer) => logger.LogInformation("{Id}", customer.IdNumber);
                }
                """,
        };
        AddVendor(test.TestState);
        test.TestState.AdditionalFiles.Add((FileName, "{ \"members\": [ { \"symbol\": \"P:Vendor.Crm.CrmCustomer.IdNumber\", \"category\": } ] }"));
        await test.RunAsync(CancellationToken.None);

        var misuse = new Misuse.Test { TestCode = "public class Empty { }" };
        AddVendor(misuse.TestState);
        misuse.TestState.AdditionalFiles.Add((FileName, "{ \"members\": [ { \"symbol\": \"P:Vendor.Crm.CrmCustomer.IdNumber\", \"category\": } ] }"));
        misuse.ExpectedDiagnostics.Add(Problem(1, 77, 1, 78, "vendor.sensitivepi.json: Unexpected character '}': a value was expected"));
        await misuse.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Logged(int markup, string data) =>
        Logging.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(markup).WithArguments(data, "ILogger.LogInformation", ExpectedCitations.Display(data)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static DiagnosticResult Problem(int line, int column, int endLine, int endColumn, string message) =>
        new DiagnosticResult(Descriptors.AnnotationMisuse).WithSpan(FileName, line, column, endLine, endColumn).WithArguments(message);

    private static void AddVendor(SolutionState state)
    {
        state.AdditionalProjects["Vendor.Crm"].Sources.Add(("Vendor.cs", Vendor));
        state.AdditionalProjectReferences.Add("Vendor.Crm");
    }
}
