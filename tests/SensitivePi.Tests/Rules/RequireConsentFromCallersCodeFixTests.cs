using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.CodeFixes;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.CodeFixVerifier<
    SensitivePi.Tests.Verifiers.SingleRule.MissingSeparateConsent,
    SensitivePi.CodeFixes.RequireConsentFromCallersCodeFixProvider>;

namespace SensitivePi.Tests.Rules;

/// <summary>The fix that moves the consent duty to callers with [RequiresSeparateConsent].</summary>
public class RequireConsentFromCallersCodeFixTests
{
    private const string Model = """
        using SensitivePi;

        public class Faces
        {
            [RequiresSeparateConsent(Category.Biometric)]
            public void Enrol(byte[] photo) { }
        }

        public class Patient
        {
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
        }
        """;

    [Fact]
    public async Task Declares_each_category_once_on_the_containing_method_or_constructor()
    {
        var test = new Verify.Test { CodeActionEquivalenceKey = RequireConsentFromCallersCodeFixProvider.EquivalenceKey };
        test.TestState.Sources.Add(("Model.cs", Model));
        test.FixedState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Test.cs", """
            using System;

            class C
            {
                private readonly Faces _faces = new();

                C(byte[] photo)
                {
                    {|#0:_faces.Enrol(photo)|};
                }

                /// <summary>Enrols twice.</summary>
                public void Twice(byte[] photo, Patient p)
                {
                    {|#1:_faces.Enrol(photo)|};
                    Action again = () => {|#2:_faces.Enrol(photo)|};
                    {|#3:System.IO.File.WriteAllText("d.txt", p.Diagnosis)|};
                }
            }
            """));
        test.FixedState.Sources.Add(("Test.cs", """
            using System;
            using SensitivePi;

            class C
            {
                private readonly Faces _faces = new();

                [RequiresSeparateConsent(Category.Biometric)]
                C(byte[] photo)
                {
                    _faces.Enrol(photo);
                }

                /// <summary>Enrols twice.</summary>
                [RequiresSeparateConsent(Category.Biometric)]
                [RequiresSeparateConsent(Category.MedicalHealth)]
                public void Twice(byte[] photo, Patient p)
                {
                    _faces.Enrol(photo);
                    Action again = () => _faces.Enrol(photo);
                    System.IO.File.WriteAllText("d.txt", p.Diagnosis);
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Diagnostic(0, "Faces.Enrol", "Biometric data", "Biometric"));
        test.ExpectedDiagnostics.Add(Diagnostic(1, "Faces.Enrol", "Biometric data", "Biometric"));
        test.ExpectedDiagnostics.Add(Diagnostic(2, "Faces.Enrol", "Biometric data", "Biometric"));
        test.ExpectedDiagnostics.Add(Diagnostic(3, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));

        // The first fix on Twice declares Biometric for all three Enrol calls at once.
        test.NumberOfIncrementalIterations = 3;
        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Diagnostic(int markup, string operation, string data, string category) =>
        Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(markup).WithArguments(operation, data, category, ExpectedCitations.SeparateConsent(category));
}
