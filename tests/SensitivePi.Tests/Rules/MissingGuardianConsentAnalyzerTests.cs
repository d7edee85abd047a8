using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.MissingGuardianConsent>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI005: a child's data needs the guardian's consent; the child's own separate consent does not count.</summary>
public class MissingGuardianConsentAnalyzerTests
{
    [Fact]
    public async Task Only_a_guardian_check_or_a_declared_duty_guards_MinorUnder14_data()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using SensitivePi;

            public class Child
            {
                [ConsentSubject] public string Id { get; set; } = "";
                [SensitivePersonalInfo(Category.MinorUnder14)] public string Vaccinations { get; set; } = "";
                [SensitivePersonalInfo(Category.MedicalHealth)] public string Allergies { get; set; } = "";
            }

            class C
            {
                private readonly ISeparateConsentService _consent = null!;

                void Unguarded(Child child) => {|#0:File.WriteAllText("v.txt", child.Vaccinations)|};

                void ChildConsented(Child child)
                {
                    if (!_consent.HasSeparateConsent(child.Id, Category.MinorUnder14, "reminders")) return;
                    {|#1:File.WriteAllText("v.txt", child.Vaccinations)|};
                }

                void GuardianConsented(Child child)
                {
                    if (!_consent.HasGuardianConsent(child.Id, "reminders")) return;
                    File.WriteAllText("v.txt", child.Vaccinations);
                }

                [RequiresSeparateConsent(Category.MinorUnder14)]
                void Declared(Child child) => File.WriteAllText("v.txt", child.Vaccinations);

                void OtherCategoriesStayWithSpi003(Child child) => File.WriteAllText("a.txt", child.Allergies);
            }
            """,
            Verify.Diagnostic(Descriptors.MissingGuardianConsent).WithLocation(0).WithArguments("File.WriteAllText", "'Child.Vaccinations' (MinorUnder14)", ExpectedCitations.GuardianConsent),
            Verify.Diagnostic(Descriptors.MissingGuardianConsent).WithLocation(1).WithArguments("File.WriteAllText", "'Child.Vaccinations' (MinorUnder14)", ExpectedCitations.GuardianConsent));
    }
}
