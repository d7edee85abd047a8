using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.CodeFixes;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.CodeFixVerifier<
    SensitivePi.Tests.Verifiers.SingleRule.UnmaskedLogging,
    SensitivePi.CodeFixes.UnmaskedLoggingCodeFixProvider>;

namespace SensitivePi.Tests.Rules;

/// <summary>The SPI002 fix: which expression is wrapped, with which mask, and where it is not offered.</summary>
public class UnmaskedLoggingCodeFixTests
{
    // In its own file, so that the file under test starts without `using SensitivePi;`.
    private const string Model = """
        using System;
        using SensitivePi;

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            [SensitivePersonalInfo(Category.Biometric)] public byte[] FaceImage { get; set; } = new byte[0];
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.PhoneNumber)] public string Phone { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public int Age { get; set; }
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.Date)] public DateTime BirthDate { get; set; }
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.Date)] public DateTime? DeathDate { get; set; }
            [SensitivePersonalInfo(Category.Other)] public object? Extra { get; set; }
            public string City { get; set; } = "";
        }

        public record PatientRecord([property: SensitivePersonalInfo(Category.SpecificIdentity)] string IdNumber);
        """;

    [Fact]
    public async Task Wraps_a_template_argument_with_the_members_mask_and_adds_the_using()
    {
        await VerifyFixAsync("""
            using Microsoft.Extensions.Logging;

            class C
            {
                void M(ILogger logger, Patient p) => logger.LogInformation("Patient {Id}", {|#0:p.IdNumber|});
            }
            """, """
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            class C
            {
                void M(ILogger logger, Patient p) => logger.LogInformation("Patient {Id}", PiMask.IdCardNumber(p.IdNumber));
            }
            """, Diagnostic(0, IdNumber, LogInformation));
    }

    [Fact]
    public async Task Wraps_each_sensitive_interpolation_hole_and_concatenation_operand()
    {
        await VerifyFixAsync("""
            using Microsoft.Extensions.Logging;

            class C
            {
                void M(ILogger logger, Patient p)
                {
                    logger.LogInformation({|#0:$"Patient {p.IdNumber} in {p.City} has {p.Diagnosis}"|});
                    logger.LogInformation({|#1:"Phone " + p.Phone + " of " + p.City|});
                }
            }
            """, """
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            class C
            {
                void M(ILogger logger, Patient p)
                {
                    logger.LogInformation($"Patient {PiMask.IdCardNumber(p.IdNumber)} in {p.City} has {PiMask.Full(p.Diagnosis)}");
                    logger.LogInformation("Phone " + PiMask.PhoneNumber(p.Phone) + " of " + p.City);
                }
            }
            """,
            Diagnostic(0, Diagnosis + ", " + IdNumber, LogInformation),
            Diagnostic(1, Phone, LogInformation));
    }

    [Fact]
    public async Task Converts_non_strings_keeping_a_holes_format()
    {
        await VerifyFixAsync("""
            using System;
            using Microsoft.Extensions.Logging;

            class C
            {
                void M(ILogger logger, Patient p)
                {
                    logger.LogInformation("Age {Age}", {|#0:p.Age|});
                    logger.LogInformation("Face {Face}", {|#1:p.FaceImage|});
                    logger.LogInformation({|#2:$"Born {p.BirthDate:yyyy-MM-dd}, died {p.DeathDate:yyyy-MM-dd}"|});
                    logger.LogInformation({|#3:$"Extra {p.Extra:G}"|});
                }
            }
            """, """
            using System;
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            class C
            {
                void M(ILogger logger, Patient p)
                {
                    logger.LogInformation("Age {Age}", PiMask.Full(p.Age.ToString()));
                    logger.LogInformation("Face {Face}", PiMask.Remove(p.FaceImage?.ToString()));
                    logger.LogInformation($"Born {PiMask.Date(p.BirthDate.ToString("yyyy-MM-dd"))}, died {PiMask.Date(p.DeathDate?.ToString("yyyy-MM-dd"))}");
                    logger.LogInformation($"Extra {PiMask.Full(p.Extra?.ToString())}");
                }
            }
            """,
            Diagnostic(0, Age, LogInformation),
            Diagnostic(1, "'Patient.FaceImage' (Biometric)", LogInformation),
            Diagnostic(2, "'Patient.BirthDate' (SpecificIdentity), 'Patient.DeathDate' (SpecificIdentity)", LogInformation),
            Diagnostic(3, "'Patient.Extra' (Other)", LogInformation));
    }

    [Fact]
    public async Task Masks_a_local_by_the_origin_it_holds_and_mixed_origins_in_full()
    {
        await VerifyFixAsync("""
            using Microsoft.Extensions.Logging;

            class C
            {
                void M(ILogger logger, Patient p)
                {
                    var phone = p.Phone.Trim();
                    logger.LogInformation("Phone {Phone}", {|#0:phone|});
                    logger.LogInformation({|#1:string.Format("{0}/{1}", p.IdNumber, p.Phone)|});
                }
            }
            """, """
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            class C
            {
                void M(ILogger logger, Patient p)
                {
                    var phone = p.Phone.Trim();
                    logger.LogInformation("Phone {Phone}", PiMask.PhoneNumber(phone));
                    logger.LogInformation(PiMask.Full(string.Format("{0}/{1}", p.IdNumber, p.Phone)));
                }
            }
            """,
            Diagnostic(0, Phone, LogInformation),
            Diagnostic(1, IdNumber + ", " + Phone, LogInformation));
    }

    [Fact]
    public async Task Keeps_an_existing_using_and_fixes_every_file_of_the_project_at_once()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("First.cs", """
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            class First
            {
                void M(ILogger logger, Patient p)
                {
                    logger.LogInformation("{Id}", {|#0:p.IdNumber|});
                    logger.LogInformation("{D}", {|#1:p.Diagnosis|});
                }
            }
            """));
        test.TestState.Sources.Add(("Second.cs", """
            namespace Clinic
            {
                class Second
                {
                    void M(Patient p) => System.Console.WriteLine({|#2:p.Phone|});
                }
            }
            """));
        test.FixedState.Sources.Add(("Model.cs", Model));
        test.FixedState.Sources.Add(("First.cs", """
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            class First
            {
                void M(ILogger logger, Patient p)
                {
                    logger.LogInformation("{Id}", PiMask.IdCardNumber(p.IdNumber));
                    logger.LogInformation("{D}", PiMask.Full(p.Diagnosis));
                }
            }
            """));
        test.FixedState.Sources.Add(("Second.cs", """
            using SensitivePi;

            namespace Clinic
            {
                class Second
                {
                    void M(Patient p) => System.Console.WriteLine(PiMask.PhoneNumber(p.Phone));
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Diagnostic(0, IdNumber, LogInformation));
        test.ExpectedDiagnostics.Add(Diagnostic(1, Diagnosis, LogInformation));
        test.ExpectedDiagnostics.Add(Diagnostic(2, Phone, "Console.WriteLine"));
        test.CodeActionEquivalenceKey = UnmaskedLoggingCodeFixProvider.EquivalenceKey;
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Offers_nothing_for_containers_or_parameters_that_take_no_string()
    {
        const string source = """
            using System;
            using Microsoft.Extensions.Logging;

            static partial class Log
            {
                [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Age {Age}")]
                public static partial void AgeSeen(ILogger logger, int age);

                public static partial void AgeSeen(ILogger logger, int age) { }
            }

            class C
            {
                private static readonly Action<ILogger, int, Exception?> Aged =
                    LoggerMessage.Define<int>(LogLevel.Information, new EventId(2), "Age {Age}");

                void M(ILogger logger, Patient p, PatientRecord record)
                {
                    Log.AgeSeen(logger, {|#0:p.Age|});
                    Aged(logger, {|#1:p.Age|}, null);
                    logger.LogInformation("Record {Record}", {|#2:record|});
                    logger.LogInformation({|#3:$"Record {record}"|});
                    logger.LogInformation("Patient {@Patient}", {|#4:p|});
                    logger.LogInformation({|#5:$"Patient {p.IdNumber} as {record}"|});
                }
            }
            """;
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Test.cs", source));
        test.FixedState.Sources.Add(("Model.cs", Model));
        test.FixedState.Sources.Add(("Test.cs", source));
        test.ExpectedDiagnostics.AddRange(new[]
        {
            Diagnostic(0, Age, "Log.AgeSeen"),
            Diagnostic(1, Age, "LoggerMessage.Define delegate"),
            Diagnostic(2, "'PatientRecord.IdNumber' (SpecificIdentity)", LogInformation),
            Diagnostic(3, "'PatientRecord.IdNumber' (SpecificIdentity)", LogInformation),
            Diagnostic(4, "'Patient.Age' (MedicalHealth), 'Patient.BirthDate' (SpecificIdentity), 'Patient.DeathDate' (SpecificIdentity), " + Diagnosis + ", 'Patient.Extra' (Other), 'Patient.FaceImage' (Biometric), " + IdNumber + ", " + Phone, LogInformation),
            Diagnostic(5, IdNumber + ", 'PatientRecord.IdNumber' (SpecificIdentity)", LogInformation),
        });

        await test.RunAsync(CancellationToken.None);
    }

    private const string IdNumber = "'Patient.IdNumber' (SpecificIdentity)";
    private const string Diagnosis = "'Patient.Diagnosis' (MedicalHealth)";
    private const string Phone = "'Patient.Phone' (SpecificIdentity)";
    private const string Age = "'Patient.Age' (MedicalHealth)";
    private const string LogInformation = "ILogger.LogInformation";

    [Fact]
    public async Task Masks_the_argument_through_which_data_reaches_a_log_inside_a_helper()
    {
        // rules.md, "Across methods": the fix applies at the call argument, not inside the helper.
        await VerifyFixAsync("""
            using Microsoft.Extensions.Logging;

            class AuditTrail
            {
                private readonly ILogger _logger;
                public AuditTrail(ILogger logger) => _logger = logger;
                public void Write(string entry) => _logger.LogInformation("Audit {Entry}", entry);
            }

            class C
            {
                void M(AuditTrail audit, Patient p) => audit.Write({|#0:p.IdNumber|});
            }
            """, """
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            class AuditTrail
            {
                private readonly ILogger _logger;
                public AuditTrail(ILogger logger) => _logger = logger;
                public void Write(string entry) => _logger.LogInformation("Audit {Entry}", entry);
            }

            class C
            {
                void M(AuditTrail audit, Patient p) => audit.Write(PiMask.IdCardNumber(p.IdNumber));
            }
            """, Diagnostic(0, IdNumber, LogInformation + "' through 'AuditTrail.Write(string)"));
    }

    // The wrapped targets (additional locations) are asserted through the fixed source.
    private static DiagnosticResult Diagnostic(int markup, string data, string sink) =>
        Verify.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(markup).WithArguments(data, sink, ExpectedCitations.Display(data))
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static Task VerifyFixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        // Cross-method findings are reported at compilation end (non-local): the IDE offers their fix where the
        // diagnostic was computed (a build, full-solution analysis), which is what the check skipped here forbids.
        var test = new Verify.Test { CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck };
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Test.cs", source));
        test.FixedState.Sources.Add(("Model.cs", Model));
        test.FixedState.Sources.Add(("Test.cs", fixedSource));
        test.ExpectedDiagnostics.AddRange(expected);
        test.CodeActionEquivalenceKey = UnmaskedLoggingCodeFixProvider.EquivalenceKey;
        return test.RunAsync(CancellationToken.None);
    }
}
