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

    // rules.md "Across methods", reaches: a child's data handed to a method that keeps it needs the guardian's consent at the
    // call, on the way or in the method; the child's own consent does not count there either.
    [Fact]
    public async Task A_childs_data_handed_to_a_method_that_keeps_it_is_reported_at_the_call_unless_the_guardian_consented()
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

            public class Reminders
            {
                public void Keep(string text) => File.WriteAllText("v.txt", {|#10:text|});
            }

            class C
            {
                private readonly ISeparateConsentService _consent = null!;

                void Unguarded(Reminders reminders, Child child) => {|#0:reminders.Keep(child.Vaccinations)|};

                void ChildConsented(Reminders reminders, Child child)
                {
                    if (!_consent.HasSeparateConsent(child.Id, Category.MinorUnder14, "reminders")) return;
                    {|#1:reminders.Keep(child.Vaccinations)|};
                }

                void GuardianConsented(Reminders reminders, Child child)
                {
                    if (!_consent.HasGuardianConsent(child.Id, "reminders")) return;
                    reminders.Keep(child.Vaccinations);
                }

                void OtherCategoriesStayWithSpi003(Reminders reminders, Child child) => reminders.Keep(child.Allergies);
            }
            """,
            Verify.Diagnostic(CompilationEndDescriptors.MissingGuardianConsent).WithLocation(0).WithLocation(10)
                .WithArguments("File.WriteAllText' through 'Reminders.Keep(string)", "'Child.Vaccinations' (MinorUnder14)", ExpectedCitations.GuardianConsent),
            Verify.Diagnostic(CompilationEndDescriptors.MissingGuardianConsent).WithLocation(1).WithLocation(10)
                .WithArguments("File.WriteAllText' through 'Reminders.Keep(string)", "'Child.Vaccinations' (MinorUnder14)", ExpectedCitations.GuardianConsent));
    }

    // A guardian check wrapped in another file than its caller counts at compilation end (docs/rules/SPI003.md, "Known limits").
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_guardian_check_wrapped_in_another_file_counts(bool wrapperFirst)
    {
        var test = new Verify.Test();
        var wrapper = ("Guardians.cs", """
            using SensitivePi;

            public class Guardians
            {
                private readonly ISeparateConsentService _consent = null!;

                public bool Agreed(string childId) => _consent.HasGuardianConsent(childId, "reminders");
                public bool ChildAgreed(string childId) => _consent.HasSeparateConsent(childId, Category.MinorUnder14, "reminders");
            }

            public class Child
            {
                [ConsentSubject] public string Id { get; set; } = "";
                [SensitivePersonalInfo(Category.MinorUnder14)] public string Vaccinations { get; set; } = "";
            }
            """);
        if (wrapperFirst)
        {
            test.TestState.Sources.Add(wrapper);
        }

        test.TestState.Sources.Add(("Reminders.cs", """
            using System.IO;

            class Reminders
            {
                private readonly Guardians _guardians = new();

                void Keep(Child child)
                {
                    if (_guardians.Agreed(child.Id)) File.WriteAllText("a.txt", child.Vaccinations);
                    if (_guardians.ChildAgreed(child.Id)) {|#0:File.WriteAllText("b.txt", child.Vaccinations)|};
                }
            }
            """));
        if (!wrapperFirst)
        {
            test.TestState.Sources.Add(wrapper);
        }

        test.ExpectedDiagnostics.Add(Verify.Diagnostic(CompilationEndDescriptors.MissingGuardianConsent).WithLocation(0).WithArguments("File.WriteAllText", "'Child.Vaccinations' (MinorUnder14)", ExpectedCitations.GuardianConsent));
        await test.RunAsync();
    }
}
