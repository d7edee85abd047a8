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
        var test = new Verify.Test
        {
            CodeActionEquivalenceKey = RequireConsentFromCallersCodeFixProvider.EquivalenceKey,

            // Methods of these sources are helpers (private, or in an internal class) that nothing calls: their
            // operations are decided at compilation end (docs/design/value-flow-engine.md, "Consent across methods").
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
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

    // Rule change (issue "Idiomatic C# read precisely"): where the framework is the caller, nobody would check
    // a declared duty, so the fix is not offered there.
    [Fact]
    public async Task Offers_nothing_on_framework_entry_points()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Extensions.Hosting;

            public class PatientsController : ControllerBase
            {
                private readonly Faces _faces = new();

                public IActionResult Enrol(byte[] photo)
                {
                    {|#0:_faces.Enrol(photo)|};
                    return Ok();
                }
            }

            public class Worker : BackgroundService
            {
                private readonly Faces _faces = new();

                protected override Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    {|#1:_faces.Enrol(new byte[0])|};
                    return Task.CompletedTask;
                }
            }

            public static class Endpoints
            {
                private static readonly Faces Faces = new();

                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapPost("/enrol", Enrol);
                    app.MapPost("/enrol-inline", (byte[] photo) => {|#2:Faces.Enrol(photo)|});
                }

                private static IResult Enrol(byte[] photo)
                {
                    {|#3:Faces.Enrol(photo)|};
                    return Results.Ok();
                }
            }
            """;
        var test = new Verify.Test
        {
            CodeActionEquivalenceKey = RequireConsentFromCallersCodeFixProvider.EquivalenceKey,

            // Methods of these sources are helpers (private, or in an internal class) that nothing calls: their
            // operations are decided at compilation end (docs/design/value-flow-engine.md, "Consent across methods").
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("AspNetCore.cs", AspNetCoreStubs.Source));
        test.TestState.Sources.Add(("Test.cs", source));
        test.FixedState.Sources.Add(("Model.cs", Model));
        test.FixedState.Sources.Add(("AspNetCore.cs", AspNetCoreStubs.Source));
        test.FixedState.Sources.Add(("Test.cs", source));
        for (var i = 0; i < 4; i++)
        {
            test.ExpectedDiagnostics.Add(Diagnostic(i, "Faces.Enrol", "Biometric data", "Biometric"));
        }

        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Diagnostic(int markup, string operation, string data, string category) =>
        Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(markup).WithArguments(operation, data, category, ExpectedCitations.SeparateConsent(category));
}
