using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;
using Logging = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.UnmaskedLogging>;
using Storage = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.UnencryptedStorage>;
using Suggestion = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Analyzers.Rules.UnclassifiedSensitiveMemberAnalyzer>;

namespace SensitivePi.Tests.Engine;

/// <summary>
/// Third-party attributes as sources of classifications (api.md, "Classifying what you do not own"): Identity's
/// [ProtectedPersonalData] and DataClassificationAttribute subclasses are data every rule follows; [PersonalData] is not.
/// </summary>
public class ThirdPartyAttributeTests
{
    // The attributes under their real metadata names (the test references have neither package).
    private const string Attributes = """

        namespace Microsoft.AspNetCore.Identity
        {
            public class PersonalDataAttribute : System.Attribute { }
            public class ProtectedPersonalDataAttribute : PersonalDataAttribute { }
        }

        namespace Microsoft.Extensions.Compliance.Classification
        {
            public readonly struct DataClassification
            {
                public DataClassification(string taxonomyName, string value) { }
            }

            public class DataClassificationAttribute : System.Attribute
            {
                public DataClassificationAttribute(DataClassification classification) { }
            }
        }

        public sealed class PiiAttribute : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute
        {
            public PiiAttribute() : base(new Microsoft.Extensions.Compliance.Classification.DataClassification("Contoso", "Pii")) { }
        }
        """;

    private const string Model = """

        public class Member
        {
            [Microsoft.AspNetCore.Identity.ProtectedPersonalData] public string Email { get; set; } = "";
            [Microsoft.AspNetCore.Identity.PersonalData] public string Nickname { get; set; } = "";
            [Pii] public string Phone { get; set; } = "";
            [Pii] public bool PhoneVerified { get; set; }
            [SensitivePi.SensitivePersonalInfo(SensitivePi.Category.SpecificIdentity), Pii] public string IdNumber { get; set; } = "";
        }
        """;

    [Fact]
    public async Task Protected_personal_data_and_data_classifications_are_followed_personal_data_is_not()
    {
        await Logging.VerifyAnalyzerAsync("""
            using Microsoft.Extensions.Logging;

            class Audit
            {
                void Log(ILogger logger, Member m)
                {
                    logger.LogInformation("{Email}", {|#0:m.Email|});
                    logger.LogInformation("{Nickname}", m.Nickname);
                    logger.LogInformation("{Phone}", {|#1:m.Phone|});
                    logger.LogInformation("{Verified}", m.PhoneVerified);
                    logger.LogInformation("{Id}", {|#2:m.IdNumber|});
                }
            }
            """ + Model + Attributes,
            Logging.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(0).WithArguments("'Member.Email' (Other)", "ILogger.LogInformation", ExpectedCitations.Display("'Member.Email' (Other)")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Logging.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(1).WithArguments("'Member.Phone' (Other)", "ILogger.LogInformation", ExpectedCitations.Display("'Member.Phone' (Other)")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Logging.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(2).WithArguments("'Member.IdNumber' (SpecificIdentity)", "ILogger.LogInformation", ExpectedCitations.Display("'Member.IdNumber' (SpecificIdentity)")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    // The value-flow engine's model reads in advance which parameters our attribute may classify; a third-party attribute may sit on
    // any (docs/design/value-flow-engine.md, "Sources").
    [Fact]
    public async Task A_parameter_classified_by_a_third_party_attribute_is_followed()
    {
        await Logging.VerifyAnalyzerAsync("""
            using Microsoft.Extensions.Logging;

            class Audit
            {
                void Log(ILogger logger, [Pii] string phone, string note)
                {
                    logger.LogInformation("{Phone}", {|#0:phone|});
                    logger.LogInformation("{Note}", note);
                }
            }
            """ + Model + Attributes,
            Logging.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(0).WithArguments("'phone' (Other)", "ILogger.LogInformation", ExpectedCitations.Display("'phone' (Other)")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task A_compilation_that_classifies_only_with_a_third_party_attribute_is_analysed()
    {
        // No SensitivePi attribute in the source: the compilation-wide shortcut must still let the rules run.
        await Logging.VerifyAnalyzerAsync("""
            using Microsoft.Extensions.Logging;

            public class Subscriber
            {
                [Pii] public string Phone { get; set; } = "";
            }

            class Audit
            {
                void Log(ILogger logger, Subscriber s) => logger.LogInformation("{Phone}", {|#0:s.Phone|});
            }
            """ + Attributes,
            Logging.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(0).WithArguments("'Subscriber.Phone' (Other)", "ILogger.LogInformation", ExpectedCitations.Display("'Subscriber.Phone' (Other)")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task An_annotation_file_maps_an_attribute_type_and_its_subclasses_to_a_category()
    {
        var test = new Logging.Test
        {
            TestCode = """
                using Microsoft.Extensions.Logging;

                public sealed class HealthAttribute : PiiAttribute { }

                public class Member2
                {
                    [Microsoft.AspNetCore.Identity.PersonalData] public string Nickname { get; set; } = "";
                    [Pii] public string Phone { get; set; } = "";
                    [Health] public string Diagnosis { get; set; } = "";
                }

                class Audit
                {
                    void Log(ILogger logger, Member2 m)
                    {
                        logger.LogInformation("{Nickname}", {|#0:m.Nickname|});
                        logger.LogInformation("{Phone}", {|#1:m.Phone|});
                        logger.LogInformation("{Diagnosis}", {|#2:m.Diagnosis|});
                    }
                }
                """ + Attributes.Replace("public sealed class PiiAttribute", "public class PiiAttribute"),
        };
        test.TestState.AdditionalFiles.Add(("taxonomy.sensitivepi.json", """
            {
              "classifications": [
                { "attribute": "T:PiiAttribute", "category": "SpecificIdentity", "mask": "PhoneNumber" },
                { "attribute": "T:HealthAttribute", "category": "MedicalHealth", "legalBasis": "Consent" },
                { "attribute": "T:Microsoft.AspNetCore.Identity.PersonalDataAttribute", "category": "Other" }
              ]
            }
            """));
        test.ExpectedDiagnostics.Add(Logging.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(0).WithArguments("'Member2.Nickname' (Other)", "ILogger.LogInformation", ExpectedCitations.Display("'Member2.Nickname' (Other)")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        test.ExpectedDiagnostics.Add(Logging.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(1).WithArguments("'Member2.Phone' (SpecificIdentity)", "ILogger.LogInformation", ExpectedCitations.Display("'Member2.Phone' (SpecificIdentity)")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        test.ExpectedDiagnostics.Add(Logging.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(2).WithArguments("'Member2.Diagnosis' (MedicalHealth)", "ILogger.LogInformation", ExpectedCitations.Display("'Member2.Diagnosis' (MedicalHealth)")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync(System.Threading.CancellationToken.None);
    }

    [Fact]
    public async Task An_annotation_file_maps_the_taxonomy_and_value_a_subclass_passes_to_its_base()
    {
        var test = new Logging.Test
        {
            TestCode = """
                using Microsoft.Extensions.Compliance.Classification;
                using Microsoft.Extensions.Logging;

                public sealed class HealthDataAttribute : DataClassificationAttribute
                {
                    public HealthDataAttribute() : base(new DataClassification("Contoso", "HealthData")) { }
                }

                public sealed class PublicDataAttribute : DataClassificationAttribute
                {
                    public PublicDataAttribute() : base(new DataClassification("Contoso", "Public")) { }
                }

                public class Visit
                {
                    [HealthData] public string Diagnosis { get; set; } = "";
                    [PublicData] public string Clinic { get; set; } = "";
                }

                class Audit
                {
                    void Log(ILogger logger, Visit v)
                    {
                        logger.LogInformation("{Diagnosis}", {|#0:v.Diagnosis|});
                        logger.LogInformation("{Clinic}", {|#1:v.Clinic|});
                    }
                }
                """ + Attributes,
        };
        test.TestState.AdditionalFiles.Add(("taxonomy.sensitivepi.json", """
            { "classifications": [ { "taxonomy": "Contoso", "value": "HealthData", "category": "MedicalHealth", "legalBasis": "Consent" } ] }
            """));

        // The mapped value is health data; an unmapped one stays Other (a classification is still personal data).
        test.ExpectedDiagnostics.Add(Logging.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(0).WithArguments("'Visit.Diagnosis' (MedicalHealth)", "ILogger.LogInformation", ExpectedCitations.Display("'Visit.Diagnosis' (MedicalHealth)")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        test.ExpectedDiagnostics.Add(Logging.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(1).WithArguments("'Visit.Clinic' (Other)", "ILogger.LogInformation", ExpectedCitations.Display("'Visit.Clinic' (Other)")).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync(System.Threading.CancellationToken.None);
    }

    [Fact]
    public async Task Protected_personal_data_is_stored_encrypted()
    {
        await Storage.VerifyAnalyzerAsync("""
            using System.IO;

            class Export
            {
                void Write(Member m)
                {
                    File.WriteAllText("members.csv", {|#0:m.Email|});
                    File.WriteAllText("phones.csv", m.Phone);
                }
            }
            """ + Model + Attributes,
            Storage.Diagnostic(Descriptors.UnencryptedStorage).WithLocation(0).WithArguments("'Member.Email' (Other)", "'File.WriteAllText'", ExpectedCitations.AtRest("'Member.Email' (Other)")));
    }

    [Fact]
    public async Task Members_classified_by_a_third_party_attribute_are_not_suggested()
    {
        await Suggestion.VerifyAnalyzerAsync("""
            public class Account
            {
                [Pii] public string Password { get; set; } = "";
                [Microsoft.AspNetCore.Identity.PersonalData] public string {|#0:IdCardNumber|} { get; set; } = "";
            }
            """ + Attributes,
            Suggestion.Diagnostic(Descriptors.UnclassifiedSensitiveMember).WithLocation(0).WithArguments("Account.IdCardNumber", "SpecificIdentity"));
    }
}
