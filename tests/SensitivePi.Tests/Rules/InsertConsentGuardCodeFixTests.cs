using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.CodeFixes;
using SensitivePi.Tests.Verifiers;
using GuardianVerify = SensitivePi.Tests.Verifiers.CodeFixVerifier<
    SensitivePi.Tests.Verifiers.SingleRule.MissingGuardianConsent,
    SensitivePi.CodeFixes.InsertConsentGuardCodeFixProvider>;
using Verify = SensitivePi.Tests.Verifiers.CodeFixVerifier<
    SensitivePi.Tests.Verifiers.SingleRule.MissingSeparateConsent,
    SensitivePi.CodeFixes.InsertConsentGuardCodeFixProvider>;

namespace SensitivePi.Tests.Rules;

/// <summary>The fix that inserts a consent check before the statement, when a service and a subject are in scope.</summary>
public class InsertConsentGuardCodeFixTests
{
    private const string Model = """
        using SensitivePi;

        public class Faces
        {
            [RequiresSeparateConsent(Category.Biometric, Purpose = "check-in")]
            public void Enrol(byte[] photo) { }
        }

        public class Patient
        {
            [ConsentSubject] public string Id { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            [SensitivePersonalInfo(Category.MinorUnder14)] public string ChildNote { get; set; } = "";
        }
        """;

    [Fact]
    public async Task Inserts_a_throwing_guard_with_the_callees_purpose_and_the_consent_subject()
    {
        await VerifyAsync("""
            class C
            {
                private readonly SensitivePi.ISeparateConsentService _consent;
                private readonly Faces _faces = new();

                C(SensitivePi.ISeparateConsentService consent) => _consent = consent;

                void Enrol(Patient patient, byte[] photo)
                {
                    {|#0:_faces.Enrol(photo)|};
                }
            }
            """, """
            using SensitivePi;

            class C
            {
                private readonly SensitivePi.ISeparateConsentService _consent;
                private readonly Faces _faces = new();

                C(SensitivePi.ISeparateConsentService consent) => _consent = consent;

                void Enrol(Patient patient, byte[] photo)
                {
                    if (!_consent.HasSeparateConsent(patient.Id, Category.Biometric, "check-in")) throw new SeparateConsentRequiredException(Category.Biometric, "check-in");
                    _faces.Enrol(photo);
                }
            }
            """, Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(0).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")));
    }

    // Data handed to a method that keeps it is reported at the call at compilation end; the guard goes before that
    // call, in each method (Fix All), naming the method as the purpose as for any store, and the fixed code compiles.
    [Fact]
    public async Task Guards_a_call_that_hands_data_to_a_method_that_keeps_it_and_Fix_All_guards_each()
    {
        await VerifyAsync("""
            public class Archive
            {
                public void Keep(string text) => System.IO.File.WriteAllText("notes.txt", {|#10:text|});
            }

            public class Clinic
            {
                private readonly SensitivePi.ISeparateConsentService _consent;
                private readonly Archive _archive = new();

                public Clinic(SensitivePi.ISeparateConsentService consent) => _consent = consent;

                public void Note(Patient patient)
                {
                    {|#0:_archive.Keep(patient.Diagnosis)|};
                }

                public void Copy(Patient patient)
                {
                    {|#1:_archive.Keep(patient.Diagnosis)|};
                }
            }
            """, """
            using SensitivePi;

            public class Archive
            {
                public void Keep(string text) => System.IO.File.WriteAllText("notes.txt", text);
            }

            public class Clinic
            {
                private readonly SensitivePi.ISeparateConsentService _consent;
                private readonly Archive _archive = new();

                public Clinic(SensitivePi.ISeparateConsentService consent) => _consent = consent;

                public void Note(Patient patient)
                {
                    if (!_consent.HasSeparateConsent(patient.Id, Category.MedicalHealth, "Note")) throw new SeparateConsentRequiredException(Category.MedicalHealth, "Note");
                    _archive.Keep(patient.Diagnosis);
                }

                public void Copy(Patient patient)
                {
                    if (!_consent.HasSeparateConsent(patient.Id, Category.MedicalHealth, "Copy")) throw new SeparateConsentRequiredException(Category.MedicalHealth, "Copy");
                    _archive.Keep(patient.Diagnosis);
                }
            }
            """,
            AtEnd(0, "File.WriteAllText' through 'Archive.Keep(string)").WithLocation(10),
            AtEnd(1, "File.WriteAllText' through 'Archive.Keep(string)").WithLocation(10));
    }

    [Fact]
    public async Task Awaits_the_async_check_in_async_methods_preferring_the_consent_subject_to_a_named_id()
    {
        await VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task Save(SensitivePi.ISeparateConsentService consent, System.Guid customerId, Patient p)
                {
                    await Task.Yield();
                    {|#0:System.IO.File.WriteAllText("d.txt", p.Diagnosis)|};
                }
            }
            """, """
            using System.Threading.Tasks;
            using SensitivePi;

            class C
            {
                async Task Save(SensitivePi.ISeparateConsentService consent, System.Guid customerId, Patient p)
                {
                    await Task.Yield();
                    if (!await consent.HasSeparateConsentAsync(p.Id, Category.MedicalHealth, "Save")) throw new SeparateConsentRequiredException(Category.MedicalHealth, "Save");
                    System.IO.File.WriteAllText("d.txt", p.Diagnosis);
                }
            }
            """, Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(0).WithArguments("File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth", ExpectedCitations.SeparateConsent("MedicalHealth")));
    }

    [Fact]
    public async Task Falls_back_to_a_parameter_named_like_a_subject_id()
    {
        await VerifyAsync("""
            class C
            {
                private readonly Faces _faces = new();

                void Enrol(SensitivePi.ISeparateConsentService consent, int userId, byte[] photo)
                {
                    {|#0:_faces.Enrol(photo)|};
                }
            }
            """, """
            using SensitivePi;

            class C
            {
                private readonly Faces _faces = new();

                void Enrol(SensitivePi.ISeparateConsentService consent, int userId, byte[] photo)
                {
                    if (!consent.HasSeparateConsent(userId.ToString(), Category.Biometric, "check-in")) throw new SeparateConsentRequiredException(Category.Biometric, "check-in");
                    _faces.Enrol(photo);
                }
            }
            """, Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(0).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")));
    }

    [Fact]
    public async Task Takes_a_subject_named_in_the_editorconfig_option()
    {
        var test = new Verify.Test
        {
            CodeActionEquivalenceKey = InsertConsentGuardCodeFixProvider.EquivalenceKey,

            // Methods of these sources are helpers (private, or in an internal class) that nothing calls: their
            // operations are decided at compilation end (docs/design/value-flow-engine.md, "Consent across methods").
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.Sources.Add(("Model.cs", Model));
        test.FixedState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Test.cs", """
            class C
            {
                private readonly Faces _faces = new();

                void Enrol(SensitivePi.ISeparateConsentService consent, string residentNo, byte[] photo)
                {
                    {|#0:_faces.Enrol(photo)|};
                }
            }
            """));
        test.FixedState.Sources.Add(("Test.cs", """
            using SensitivePi;

            class C
            {
                private readonly Faces _faces = new();

                void Enrol(SensitivePi.ISeparateConsentService consent, string residentNo, byte[] photo)
                {
                    if (!consent.HasSeparateConsent(residentNo, Category.Biometric, "check-in")) throw new SeparateConsentRequiredException(Category.Biometric, "check-in");
                    _faces.Enrol(photo);
                }
            }
            """));
        const string Options = "is_global = true\nsensitivepi.consent_subject_names = pupilId, residentNo\n";
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", Options));
        test.FixedState.AnalyzerConfigFiles.Add(("/.globalconfig", Options));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(0).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Uses_the_projects_own_check_methods_boolean_or_throwing()
    {
        await VerifyAsync("""
            using SensitivePi;

            public class Gate
            {
                [SeparateConsentCheck]
                public void Require(string subjectId, Category category) { }
            }

            class C
            {
                private readonly Faces _faces = new();
                private readonly Gate _gate = new();

                [SeparateConsentCheck(Category.Biometric)]
                private bool HasFaceConsent(string subjectId) => true;

                void Enrol(Patient patient, byte[] photo)
                {
                    {|#0:_faces.Enrol(photo)|};
                }

                void Save(Patient patient)
                {
                    {|#1:System.IO.File.WriteAllText("d.txt", patient.Diagnosis)|};
                }
            }
            """, """
            using SensitivePi;

            public class Gate
            {
                [SeparateConsentCheck]
                public void Require(string subjectId, Category category) { }
            }

            class C
            {
                private readonly Faces _faces = new();
                private readonly Gate _gate = new();

                [SeparateConsentCheck(Category.Biometric)]
                private bool HasFaceConsent(string subjectId) => true;

                void Enrol(Patient patient, byte[] photo)
                {
                    if (!HasFaceConsent(patient.Id)) throw new SeparateConsentRequiredException(Category.Biometric, "check-in");
                    _faces.Enrol(photo);
                }

                void Save(Patient patient)
                {
                    _gate.Require(patient.Id, Category.MedicalHealth);
                    System.IO.File.WriteAllText("d.txt", patient.Diagnosis);
                }
            }
            """,
            Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(0).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")),
            Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(1).WithArguments("File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth", ExpectedCitations.SeparateConsent("MedicalHealth")));
    }

    [Fact]
    public async Task Checks_the_guardian_for_a_childs_data()
    {
        var test = new GuardianVerify.Test
        {
            CodeActionEquivalenceKey = InsertConsentGuardCodeFixProvider.EquivalenceKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.Sources.Add(("Model.cs", Model));
        test.FixedState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Test.cs", """
            class C
            {
                void Save(SensitivePi.ISeparateConsentService consent, Patient child)
                {
                    {|#0:System.IO.File.WriteAllText("c.txt", child.ChildNote)|};
                }
            }
            """));
        test.FixedState.Sources.Add(("Test.cs", """
            using SensitivePi;

            class C
            {
                void Save(SensitivePi.ISeparateConsentService consent, Patient child)
                {
                    if (!consent.HasGuardianConsent(child.Id, "Save")) throw new SeparateConsentRequiredException(Category.MinorUnder14, "Save");
                    System.IO.File.WriteAllText("c.txt", child.ChildNote);
                }
            }
            """));
        test.ExpectedDiagnostics.Add(GuardianVerify.Diagnostic(Descriptors.MissingGuardianConsent).WithLocation(0).WithArguments("File.WriteAllText", "'Patient.ChildNote' (MinorUnder14)", ExpectedCitations.GuardianConsent));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Offers_nothing_without_a_service_or_a_subject()
    {
        const string source = """
            class C
            {
                private readonly Faces _faces = new();

                void NoService(Patient patient, byte[] photo)
                {
                    {|#0:_faces.Enrol(photo)|};
                }

                void NoSubject(SensitivePi.ISeparateConsentService consent, byte[] photo)
                {
                    {|#1:_faces.Enrol(photo)|};
                }

                void ExpressionBody(SensitivePi.ISeparateConsentService consent, Patient patient, byte[] photo) => {|#2:_faces.Enrol(photo)|};
            }
            """;
        await VerifyAsync(
            source,
            source,
            Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(0).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")),
            Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(1).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")),
            Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(2).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")));
    }

    [Fact]
    public async Task Offers_nothing_where_the_service_is_out_of_reach_of_static_code()
    {
        // Found by applying every fix to the sample (and a review): a primary constructor's parameter was offered
        // inside a static method (CS9105); a static lambda cannot capture the method's parameter.
        const string source = """
            class C(SensitivePi.ISeparateConsentService consent)
            {
                private static readonly Faces Shared = new();

                public bool Ready => consent is not null;

                static void StaticMethod(Patient patient, byte[] photo)
                {
                    {|#0:Shared.Enrol(photo)|};
                }

                void StaticLambda(SensitivePi.ISeparateConsentService service, Patient patient)
                {
                    System.Action<byte[]> enrol = static photo =>
                    {
                        {|#1:Shared.Enrol(photo)|};
                    };
                }
            }

            class D
            {
                private static readonly Faces Shared = new();
                private readonly SensitivePi.ISeparateConsentService _consent = null!;

                // A field initializer has no `this`: the service field is out of reach (CS0236).
                private readonly System.Action<Patient, byte[]> _enrol = (patient, photo) =>
                {
                    {|#2:Shared.Enrol(photo)|};
                };

                public bool Ready => _consent is not null && _enrol is not null;
            }
            """;
        await VerifyAsync(
            source,
            source,
            Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(0).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")),
            Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(1).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")),
            Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(2).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")));
    }

    [Fact]
    public async Task Uses_a_primary_constructor_parameter_in_instance_code()
    {
        await VerifyAsync("""
            class C(SensitivePi.ISeparateConsentService consent)
            {
                private readonly Faces _faces = new();

                void Enrol(Patient patient, byte[] photo)
                {
                    {|#0:_faces.Enrol(photo)|};
                }
            }
            """, """
            using SensitivePi;

            class C(SensitivePi.ISeparateConsentService consent)
            {
                private readonly Faces _faces = new();

                void Enrol(Patient patient, byte[] photo)
                {
                    if (!consent.HasSeparateConsent(patient.Id, Category.Biometric, "check-in")) throw new SeparateConsentRequiredException(Category.Biometric, "check-in");
                    _faces.Enrol(photo);
                }
            }
            """, Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(0).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")));
    }

    // Rule change (issue "Idiomatic C# read precisely"): a web handler answers a refusal instead of throwing.
    [Fact]
    public async Task Web_handlers_return_forbid_instead_of_throwing()
    {
        var test = new Verify.Test
        {
            CodeActionEquivalenceKey = InsertConsentGuardCodeFixProvider.EquivalenceKey,

            // Methods of these sources are helpers (private, or in an internal class) that nothing calls: their
            // operations are decided at compilation end (docs/design/value-flow-engine.md, "Consent across methods").
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("AspNetCore.cs", AspNetCoreStubs.Source));
        test.TestState.Sources.Add(("Test.cs", """
            using Microsoft.AspNetCore.Mvc;

            public class PatientsController : ControllerBase
            {
                private readonly SensitivePi.ISeparateConsentService _consent = null!;
                private readonly Faces _faces = new();

                public IActionResult Enrol(Patient patient, byte[] photo)
                {
                    {|#0:_faces.Enrol(photo)|};
                    return Ok();
                }
            }

            public static class Handlers
            {
                public static Microsoft.AspNetCore.Http.IResult Enrol(SensitivePi.ISeparateConsentService consent, Patient patient, byte[] photo)
                {
                    {|#1:new Faces().Enrol(photo)|};
                    return Microsoft.AspNetCore.Http.Results.Ok();
                }

                // Review: not async, so `return Results.Forbid();` would not convert to the task; it throws instead.
                public static System.Threading.Tasks.Task<Microsoft.AspNetCore.Http.IResult> EnrolLater(SensitivePi.ISeparateConsentService consent, Patient patient, byte[] photo)
                {
                    {|#2:new Faces().Enrol(photo)|};
                    return System.Threading.Tasks.Task.FromResult(Microsoft.AspNetCore.Http.Results.Ok());
                }
            }
            """));
        test.FixedState.Sources.Add(("Model.cs", Model));
        test.FixedState.Sources.Add(("AspNetCore.cs", AspNetCoreStubs.Source));
        test.FixedState.Sources.Add(("Test.cs", """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using SensitivePi;

            public class PatientsController : ControllerBase
            {
                private readonly SensitivePi.ISeparateConsentService _consent = null!;
                private readonly Faces _faces = new();

                public IActionResult Enrol(Patient patient, byte[] photo)
                {
                    if (!_consent.HasSeparateConsent(patient.Id, Category.Biometric, "check-in")) return Forbid();
                    _faces.Enrol(photo);
                    return Ok();
                }
            }

            public static class Handlers
            {
                public static Microsoft.AspNetCore.Http.IResult Enrol(SensitivePi.ISeparateConsentService consent, Patient patient, byte[] photo)
                {
                    if (!consent.HasSeparateConsent(patient.Id, Category.Biometric, "check-in")) return Results.Forbid();
                    new Faces().Enrol(photo);
                    return Microsoft.AspNetCore.Http.Results.Ok();
                }

                // Review: not async, so `return Results.Forbid();` would not convert to the task; it throws instead.
                public static System.Threading.Tasks.Task<Microsoft.AspNetCore.Http.IResult> EnrolLater(SensitivePi.ISeparateConsentService consent, Patient patient, byte[] photo)
                {
                    if (!consent.HasSeparateConsent(patient.Id, Category.Biometric, "check-in")) throw new SeparateConsentRequiredException(Category.Biometric, "check-in");
                    new Faces().Enrol(photo);
                    return System.Threading.Tasks.Task.FromResult(Microsoft.AspNetCore.Http.Results.Ok());
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(0).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(1).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(2).WithArguments("Faces.Enrol", "Biometric data", "Biometric", ExpectedCitations.SeparateConsent("Biometric")));
        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult AtEnd(int markup, string operation) =>
        Verify.Diagnostic(CompilationEndDescriptors.MissingSeparateConsent).WithLocation(markup)
            .WithArguments(operation, "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth", ExpectedCitations.SeparateConsent("MedicalHealth"));

    private static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test
        {
            CodeActionEquivalenceKey = InsertConsentGuardCodeFixProvider.EquivalenceKey,

            // Methods of these sources are helpers (private, or in an internal class) that nothing calls: their
            // operations are decided at compilation end (docs/design/value-flow-engine.md, "Consent across methods").
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.Sources.Add(("Model.cs", Model));
        test.FixedState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Test.cs", source));
        test.FixedState.Sources.Add(("Test.cs", fixedSource));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}
