using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.UnmaskedLogging>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI002 diagnostics: sinks, propagation, sanitizers, flow-sensitivity, containers and negatives.</summary>
public class UnmaskedLoggingAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Linq;
        using System.Text;
        using Microsoft.Extensions.Logging;
        using SensitivePi;

        """;

    private const string Model = """

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            [SensitivePersonalInfo(Category.Biometric)] public byte[] FaceImage { get; set; } = new byte[0];
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.PhoneNumber)] public string Phone { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public int Age { get; set; }
            public string City { get; set; } = "";
        }
        """;

    private const string IdNumber = "'Patient.IdNumber' (SpecificIdentity)";
    private const string Diagnosis = "'Patient.Diagnosis' (MedicalHealth)";

    // Every classified member of the model's Patient, as a container's origins are listed (by member name).
    private const string WholePatient = "'Patient.Age' (MedicalHealth), 'Patient.Diagnosis' (MedicalHealth), 'Patient.FaceImage' (Biometric), 'Patient.IdNumber' (SpecificIdentity), 'Patient.Phone' (SpecificIdentity)";

    [Fact]
    public async Task Template_argument_of_a_logger_extension_is_reported_on_the_argument()
    {
        await VerifyAsync("""
            class C
            {
                void M(ILogger logger, Patient p) => logger.LogInformation("Patient {Id} checked in", {|#0:p.IdNumber|});
            }
            """, Expect(0, IdNumber, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Top_level_statements_are_analysed_like_any_body()
    {
        // Top-level statements live in a method of a type the compiler writes.
        var test = new Verify.Test
        {
            TestCode = Usings + """
                ILogger logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
                var p = new Patient();
                logger.LogInformation("Patient {Id}", {|#0:p.IdNumber|});
                """ + Model,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Expect(0, IdNumber, "ILogger.LogInformation"));
        await test.RunAsync(System.Threading.CancellationToken.None);
    }

    [Fact]
    public async Task Interpolated_message_is_reported_on_the_whole_message()
    {
        await VerifyAsync("""
            class C
            {
                void M(ILogger logger, Patient p) => logger.LogWarning({|#0:$"Patient {p.IdNumber} has {p.Diagnosis}"|});
            }
            """, Expect(0, Diagnosis + ", " + IdNumber, "ILogger.LogWarning"));
    }

    [Fact]
    public async Task Mask_then_log_is_clean_and_mask_on_one_branch_is_not()
    {
        await VerifyAsync("""
            class C
            {
                void Masked(ILogger logger, Patient p)
                {
                    var id = p.IdNumber;
                    id = PiMask.IdCardNumber(id);
                    logger.LogInformation("Id {Id}", id);
                }

                void OneBranch(ILogger logger, Patient p, bool verbose)
                {
                    var id = p.IdNumber;
                    if (!verbose)
                    {
                        id = PiMask.IdCardNumber(id);
                    }

                    logger.LogInformation("Id {Id}", {|#0:id|});
                }
            }
            """, Expect(0, IdNumber, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Every_logging_entry_point_of_Microsoft_Extensions_Logging_is_a_sink()
    {
        await VerifyAsync("""
            class C
            {
                void M(ILogger logger, Patient p)
                {
                    logger.Log(LogLevel.Information, "Checked in {Id}", {|#0:p.IdNumber|});
                    logger.LogError(new Exception("x"), "Failed for {Id}", {|#1:p.IdNumber|});
                    logger.LogDebug(new EventId(7), {|#2:"Id " + p.IdNumber|});
                    using var scope = logger.BeginScope("Patient {Id}", {|#3:p.IdNumber|});
                    logger.Log(LogLevel.Warning, new EventId(1), {|#4:p.Diagnosis|}, null, (state, error) => state);
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.Log"),
            Expect(1, IdNumber, "ILogger.LogError"),
            Expect(2, IdNumber, "ILogger.LogDebug"),
            Expect(3, IdNumber, "ILogger.BeginScope"),
            Expect(4, Diagnosis, "ILogger.Log"));
    }

    [Fact]
    public async Task LoggerMessage_methods_and_LoggerMessage_Define_delegates_are_sinks()
    {
        await VerifyAsync("""
            static partial class Log
            {
                [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Patient {Id} checked in")]
                public static partial void CheckedIn(ILogger logger, string id);

                public static partial void CheckedIn(ILogger logger, string id) { }
            }

            class C
            {
                private static readonly Action<ILogger, string, Exception?> Diagnosed =
                    LoggerMessage.Define<string>(LogLevel.Information, new EventId(2), "Diagnosed {Diagnosis}");

                void M(ILogger logger, Patient p)
                {
                    Log.CheckedIn(logger, {|#0:p.IdNumber|});
                    Diagnosed(logger, {|#1:p.Diagnosis|}, null);
                }
            }
            """,
            Expect(0, IdNumber, "Log.CheckedIn"),
            Expect(1, Diagnosis, "LoggerMessage.Define delegate"));
    }

    [Fact]
    public async Task Console_and_its_writers_are_sinks_but_other_writers_are_not()
    {
        await VerifyAsync("""
            class C
            {
                void M(Patient p, System.IO.TextWriter file)
                {
                    Console.WriteLine({|#0:p.IdNumber|});
                    Console.Write("Diagnosis: {0}", {|#1:p.Diagnosis|});
                    Console.Out.WriteLine({|#2:p.IdNumber|});
                    Console.Error.Write({|#3:p.Diagnosis|});
                    file.WriteLine(p.IdNumber);
                }
            }
            """,
            Expect(0, IdNumber, "Console.WriteLine"),
            Expect(1, Diagnosis, "Console.Write"),
            Expect(2, IdNumber, "TextWriter.WriteLine"),
            Expect(3, Diagnosis, "TextWriter.Write"));
    }

    [Fact]
    public async Task Debug_Trace_TraceSource_and_Activity_are_sinks()
    {
        await VerifyAsync("""
            class C
            {
                void M(Patient p, TraceSource source, Activity activity)
                {
                    Debug.WriteLine({|#0:p.IdNumber|});
                    Trace.TraceInformation("Patient {0}", {|#1:p.IdNumber|});
                    source.TraceEvent(TraceEventType.Information, 3, {|#2:p.Diagnosis|});
                    activity.SetTag("patient.id", {|#3:p.IdNumber|});
                    activity.AddBaggage("diagnosis", {|#4:p.Diagnosis|});
                }
            }
            """,
            Expect(0, IdNumber, "Debug.WriteLine"),
            Expect(1, IdNumber, "Trace.TraceInformation"),
            Expect(2, Diagnosis, "TraceSource.TraceEvent"),
            Expect(3, IdNumber, "Activity.SetTag"),
            Expect(4, Diagnosis, "Activity.AddBaggage"));
    }

    [Fact]
    public async Task Serilog_NLog_and_log4net_are_sinks()
    {
        await VerifyAsync("""
            class C
            {
                void M(Patient p, Serilog.ILogger serilog, NLog.Logger nlog, log4net.ILog log4)
                {
                    Serilog.Log.Information("Patient {Id}", {|#0:p.IdNumber|});
                    serilog.Warning("Diagnosis {Diagnosis} for {Id}", {|#1:p.Diagnosis|}, {|#2:p.IdNumber|});
                    nlog.Info("Patient {Id}", {|#3:p.IdNumber|});
                    log4.InfoFormat("Patient {0}", {|#4:p.IdNumber|});
                    log4.Error({|#5:p.Diagnosis|});
                }
            }
            """,
            Expect(0, IdNumber, "Log.Information"),
            Expect(1, Diagnosis, "ILogger.Warning"),
            Expect(2, IdNumber, "ILogger.Warning"),
            Expect(3, IdNumber, "Logger.Info"),
            Expect(4, IdNumber, "ILog.InfoFormat"),
            Expect(5, Diagnosis, "ILog.Error"));
    }

    [Fact]
    public async Task Each_params_element_is_reported_on_its_own()
    {
        await VerifyAsync("""
            class C
            {
                void M(ILogger logger, Patient p) =>
                    logger.LogInformation("{Id} {City} {Diagnosis}", {|#0:p.IdNumber|}, p.City, {|#1:p.Diagnosis|});
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, Diagnosis, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Data_is_followed_through_locals_strings_builders_and_conversions()
    {
        await VerifyAsync("""
            class C
            {
                void M(ILogger logger, Patient p)
                {
                    var id = p.IdNumber;
                    var copy = id;
                    logger.LogInformation({|#0:copy|});
                    logger.LogInformation({|#1:"Id: " + id.Trim()|});
                    logger.LogInformation({|#2:string.Format("{0}/{1}", p.City, id)|});
                    logger.LogInformation({|#3:string.Join(",", new[] { p.City, id })|});
                    logger.LogInformation({|#4:string.Concat(id, p.City)|});
                    var builder = new StringBuilder();
                    builder.Append("Patient ").Append(p.Diagnosis).AppendLine();
                    logger.LogInformation({|#5:builder.ToString()|});
                    logger.LogInformation({|#6:p.Age.ToString()|});
                    logger.LogInformation({|#7:Convert.ToBase64String(Encoding.UTF8.GetBytes(id))|});
                    logger.LogInformation({|#8:id.Substring(0, 4).ToUpperInvariant()|});
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"),
            Expect(3, IdNumber, "ILogger.LogInformation"),
            Expect(4, IdNumber, "ILogger.LogInformation"),
            Expect(5, Diagnosis, "ILogger.LogInformation"),
            Expect(6, "'Patient.Age' (MedicalHealth)", "ILogger.LogInformation"),
            Expect(7, IdNumber, "ILogger.LogInformation"),
            Expect(8, IdNumber, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Data_is_followed_into_collections_tuples_anonymous_objects_and_new_objects()
    {
        await VerifyAsync("""
            class Visit
            {
                public Visit(string patientId) => PatientId = patientId;
                public string PatientId { get; }
                public string? Note { get; set; }
            }

            class C
            {
                void M(ILogger logger, Patient p, List<Patient> patients)
                {
                    var ids = new List<string>();
                    ids.Add(p.IdNumber);
                    logger.LogInformation("Ids {Ids}", {|#0:ids|});
                    var array = new string[2];
                    array[0] = p.Diagnosis;
                    logger.LogInformation("First {First}", {|#1:array[0]|});
                    var pair = (p.IdNumber, p.City);
                    logger.LogInformation("Pair {Id}", {|#2:pair.Item1|});
                    logger.LogInformation("Anon {Value}", {|#3:new { p.City, Id = p.IdNumber }|});
                    logger.LogInformation("Visit {Visit}", {|#4:new Visit(p.IdNumber)|});
                    logger.LogInformation("Visit {Visit}", {|#5:new Visit("x") { Note = p.Diagnosis }|});
                    var all = patients.Select(x => x.IdNumber).ToList();
                    logger.LogInformation({|#6:string.Join(",", all)|});
                    foreach (var each in all)
                    {
                        logger.LogInformation("Id {Id}", {|#7:each|});
                    }

                    var lookup = new Dictionary<string, string> { ["id"] = p.IdNumber };
                    if (lookup.TryGetValue("id", out var found))
                    {
                        logger.LogInformation("Found {Id}", {|#8:found|});
                    }
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, Diagnosis, "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"),
            Expect(3, IdNumber, "ILogger.LogInformation"),
            Expect(4, IdNumber, "ILogger.LogInformation"),
            Expect(5, Diagnosis, "ILogger.LogInformation"),
            Expect(6, IdNumber, "ILogger.LogInformation"),
            Expect(7, IdNumber, "ILogger.LogInformation"),
            Expect(8, IdNumber, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Serialised_objects_carry_their_sensitive_members()
    {
        await VerifyAsync("""
            class C
            {
                void M(ILogger logger, Patient p)
                {
                    var json = System.Text.Json.JsonSerializer.Serialize(p);
                    logger.LogInformation("Payload {Json}", {|#0:json|});
                    var stream = new System.IO.MemoryStream();
                    System.Text.Json.JsonSerializer.Serialize(stream, p);
                    logger.LogInformation("Bytes {Bytes}", {|#1:stream.ToArray()|});
                }
            }
            """,
            Expect(0, "'Patient.Age' (MedicalHealth), " + Diagnosis + ", 'Patient.FaceImage' (Biometric), " + IdNumber + ", 'Patient.Phone' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(1, "'Patient.Age' (MedicalHealth), " + Diagnosis + ", 'Patient.FaceImage' (Biometric), " + IdNumber + ", 'Patient.Phone' (SpecificIdentity)", "ILogger.LogInformation"));
    }

    // A serialiser given an object created here writes only the members it is given, as a sink given the object itself
    // (`new Card("blank")` leaves the phone at its default), and a loosely typed member as what it is given.
    [Fact]
    public async Task A_serialised_object_created_here_carries_only_the_members_it_is_given()
    {
        await VerifyAsync("""
            public class Card
            {
                public Card(string kind, string? phone = null)
                {
                    Kind = kind;
                    Phone = phone;
                }

                public string Kind { get; }
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string? Phone { get; }
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            }

            public class Envelope
            {
                public object? Data { get; set; }
            }

            class C
            {
                void Wrapped(ILogger logger, Patient p)
                {
                    logger.LogInformation("Empty {Json}", System.Text.Json.JsonSerializer.Serialize(new Envelope { Data = "none" }));
                    logger.LogInformation("Wrapped {Json}", {|#2:System.Text.Json.JsonSerializer.Serialize(new Envelope { Data = p })|});
                }

                void M(ILogger logger, string kind, string id)
                {
                    logger.LogInformation("Blank {Json}", System.Text.Json.JsonSerializer.Serialize(new Card("blank")));
                    var card = new Card(kind, "n/a");
                    var json = System.Text.Json.JsonSerializer.Serialize(card);
                    logger.LogInformation("Kind {Json}", json);
                    var given = new Card("id") { IdNumber = id };
                    logger.LogInformation("Id {Json}", {|#0:System.Text.Json.JsonSerializer.Serialize(given)|});
                    var phoned = new Card("phone", id);
                    logger.LogInformation("Phone {Json}", {|#1:System.Text.Json.JsonSerializer.Serialize(phoned)|});
                }
            }
            """,
            Expect(0, "'Card.IdNumber' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(1, "'Card.Phone' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(2, "'Patient.Age' (MedicalHealth), " + Diagnosis + ", 'Patient.FaceImage' (Biometric), " + IdNumber + ", 'Patient.Phone' (SpecificIdentity)", "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Every_kind_of_source_is_sensitive()
    {
        await VerifyAsync("""
            [SensitivePersonalInfo(Category.Biometric)]
            public sealed class FaceTemplate
            {
                public byte[] Data { get; } = new byte[0];
                public int Width { get; }
            }

            public interface IPatientView
            {
                [SensitivePersonalInfo(Category.FinancialAccount, Mask = MaskKind.BankCardNumber)] string Card { get; }
            }

            public class PatientView : IPatientView
            {
                public string Card { get; set; } = "";
                public string Nickname { get; set; } = "";
            }

            class C
            {
                [return: SensitivePersonalInfo(Category.LocationTrack)]
                string CurrentLocation() => "";

                void M(ILogger logger, [SensitivePersonalInfo(Category.ReligiousBelief)] string religion, FaceTemplate face, PatientView view)
                {
                    logger.LogInformation("R {R}", {|#0:religion|});
                    logger.LogInformation("L {L}", {|#1:CurrentLocation()|});
                    logger.LogInformation("F {F}", {|#2:face|});
                    logger.LogInformation("F {F}", {|#3:face.Data|});
                    logger.LogInformation("W {W}", {|#5:face.Width|});
                    logger.LogInformation("C {C}", {|#4:view.Card|});
                    logger.LogInformation("N {N}", view.Nickname);
                }
            }
            """,
            Expect(0, "'religion' (ReligiousBelief)", "ILogger.LogInformation"),
            Expect(1, "'C.CurrentLocation()' (LocationTrack)", "ILogger.LogInformation"),
            Expect(2, "'FaceTemplate' (Biometric)", "ILogger.LogInformation"),
            Expect(3, "'FaceTemplate' (Biometric)", "ILogger.LogInformation"),
            Expect(4, "'IPatientView.Card' (FinancialAccount)", "ILogger.LogInformation"),

            // Numbers read from an annotated type's instance are its data too (rules changed 2026-12-02).
            Expect(5, "'FaceTemplate' (Biometric)", "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Masked_redacted_hashed_and_encrypted_values_are_clean()
    {
        await VerifyAsync("""
            namespace Microsoft.Extensions.Compliance.Redaction
            {
                public abstract class Redactor
                {
                    public string Redact(string? source) => "";
                }
            }

            public interface IMasker
            {
                [MasksPersonalInfo] string Mask(string value);
            }

            public class Masker : IMasker
            {
                public string Mask(string value) => "";

                [EncryptsPersonalInfo] public static string Encrypt(string value) => "";
            }

            class C
            {
                void M(ILogger logger, Patient p, Masker masker, Microsoft.Extensions.Compliance.Redaction.Redactor redactor, byte[] key)
                {
                    logger.LogInformation("{A}", PiMask.IdCardNumber(p.IdNumber));
                    logger.LogInformation("{A}", PiMask.Mask(p.Phone, MaskKind.PhoneNumber));
                    logger.LogInformation("{A}", masker.Mask(p.IdNumber));
                    logger.LogInformation("{A}", Masker.Encrypt(p.Diagnosis));
                    logger.LogInformation("{A}", redactor.Redact(p.IdNumber));
                    logger.LogInformation("{A}", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(p.IdNumber))));
                    logger.LogInformation("{A}", System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(p.Phone)));
                    using var sha = System.Security.Cryptography.SHA512.Create();
                    logger.LogInformation("{A}", sha.ComputeHash(p.FaceImage));
                    logger.LogInformation($"Patient {PiMask.IdCardNumber(p.IdNumber)} at {p.City}");
                }
            }
            """);
    }

    [Fact]
    public async Task Derived_facts_are_not_sensitive()
    {
        await VerifyAsync("""
            class C
            {
                void M(ILogger logger, Patient p, List<Patient> patients)
                {
                    logger.LogInformation("{A}", p.IdNumber.Length);
                    logger.LogInformation("{A}", string.IsNullOrEmpty(p.IdNumber));
                    logger.LogInformation("{A}", p.IdNumber == "x");
                    logger.LogInformation("{A}", p.IdNumber.StartsWith("11"));
                    logger.LogInformation("{A}", p.IdNumber.IndexOf('X'));
                    logger.LogInformation("{A}", patients.Count(x => x.Diagnosis == "flu"));
                    logger.LogInformation("{A}", patients.Select(x => x.IdNumber).Count());
                    logger.LogInformation("{A}", p.FaceImage.Length);
                    logger.LogInformation("{A}", p.City);
                }
            }
            """);
    }

    [Fact]
    public async Task Annotated_numbers_and_fields_logged_beside_facts_are_reported()
    {
        // Bodies whose logging calls take only constants and facts are settled without a graph; an annotated
        // member (whatever its type), a field, which holds what the body stored, or a member read through an
        // instance of an annotated type sends the body to the taint analysis.
        await VerifyAsync("""
            class C
            {
                private string _last = "";
                private static string s_last = "";

                void AnnotatedNumber(ILogger logger, Patient p) => logger.LogInformation("{Length} {Age}", p.IdNumber.Length, {|#0:p.Age|});

                void Fields(ILogger logger, Patient p)
                {
                    _last = p.Diagnosis;
                    s_last = p.IdNumber;
                    logger.LogInformation("{Kind} {Last}", nameof(Patient), {|#1:_last|});
                    logger.LogInformation("{Last}", {|#2:s_last|});
                }
            }

            [SensitivePersonalInfo(Category.MedicalHealth)]
            class Referral
            {
                public string Hospital { get; set; } = "";

                void Audit(ILogger logger) => logger.LogInformation("{Length} {Hospital}", Hospital.Length, {|#3:Hospital|});
            }
            """,
            Expect(0, "'Patient.Age' (MedicalHealth)", "ILogger.LogInformation"),
            Expect(1, Diagnosis, "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"),
            Expect(3, "'Referral' (MedicalHealth)", "ILogger.LogInformation"));
    }

    // No operation of these bodies has an annotated type or reads a classified member: the loop's element and the pattern's parts
    // are made by the graph, and only the graph's analysis finds them (docs/design/value-flow-engine.md, "Bodies that read no data").
    // The list logged as text shows nothing, but its elements' type makes the survey ask for the graph.
    [Fact]
    public async Task Values_only_the_graph_makes_are_reported_in_bodies_that_read_nothing_else()
    {
        await VerifyAsync("""
            [SensitivePersonalInfo(Category.MedicalHealth)]
            record Referral(string Hospital, string Note);

            class C
            {
                void Loop(ILogger logger, List<Referral> referrals)
                {
                    logger.LogInformation("Exporting {Referrals}", referrals);
                    foreach (object referral in referrals)
                    {
                        logger.LogInformation("Exported {Referral}", {|#0:referral|});
                    }
                }

                void Pattern(ILogger logger, object entry, List<Referral> referrals)
                {
                    logger.LogInformation("Among {Referrals}", referrals);
                    if (entry is Referral(var hospital, _))
                    {
                        logger.LogInformation("Referred to {Hospital}", {|#1:hospital|});
                    }
                }
            }
            """,
            Expect(0, "'Referral' (MedicalHealth)", "ILogger.LogInformation"),
            Expect(1, "'Referral' (MedicalHealth)", "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Reassignment_kills_and_loops_converge()
    {
        await VerifyAsync("""
            class C
            {
                void Reassigned(ILogger logger, Patient p)
                {
                    var text = p.Diagnosis;
                    text = "redacted";
                    logger.LogInformation(text);
                }

                void Loop(ILogger logger, Patient p, int n)
                {
                    var text = "";
                    for (var i = 0; i < n; i++)
                    {
                        logger.LogInformation({|#0:text|});
                        text = text + p.Diagnosis;
                    }
                }

                void MaskedInLoop(ILogger logger, List<Patient> patients)
                {
                    foreach (var patient in patients)
                    {
                        var id = PiMask.IdCardNumber(patient.IdNumber);
                        logger.LogInformation("Id {Id}", id);
                    }
                }

                void MaskedParameter(ILogger logger, [SensitivePersonalInfo(Category.SpecificIdentity)] string id)
                {
                    id = PiMask.Full(id);
                    logger.LogInformation("Id {Id}", id);
                }

                void MaskedInFinally(ILogger logger, Patient p)
                {
                    var id = p.IdNumber;
                    try
                    {
                        Console.Beep();
                    }
                    finally
                    {
                        id = PiMask.IdCardNumber(id);
                    }

                    logger.LogInformation("Id {Id}", id);
                }

                void CatchSeesTheTry(ILogger logger, Patient p)
                {
                    var id = "";
                    try
                    {
                        id = p.IdNumber;
                        Console.Beep();
                        id = PiMask.IdCardNumber(id);
                    }
                    catch (InvalidOperationException)
                    {
                        logger.LogWarning("Failed for {Id}", {|#1:id|});
                    }
                }
            }
            """,
            Expect(0, Diagnosis, "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogWarning"));
    }

    [Fact]
    public async Task Lambdas_see_captured_values_as_they_are_where_the_lambda_is_created()
    {
        await VerifyAsync("""
            class C
            {
                void Captured(ILogger logger, Patient p)
                {
                    var id = p.IdNumber;
                    Action log = () => logger.LogInformation("Id {Id}", {|#0:id|});
                    log();
                }

                void MaskedBeforeCapture(ILogger logger, Patient p)
                {
                    var id = PiMask.IdCardNumber(p.IdNumber);
                    Action log = () => logger.LogInformation("Id {Id}", id);
                    log();
                }

                void LambdaParameter(ILogger logger, List<Patient> patients)
                {
                    patients.ForEach(x => logger.LogInformation("Diagnosis {D}", {|#1:x.Diagnosis|}));
                    patients.Select(x => x.IdNumber).ToList().ForEach(id => logger.LogInformation("Id {Id}", {|#2:id|}));
                }

                void LocalFunction(ILogger logger, Patient p)
                {
                    Write(p.IdNumber);
                    Write("constant");
                    WriteMasked(PiMask.IdCardNumber(p.IdNumber));

                    void Write(string value) => logger.LogInformation("Value {V}", {|#3:value|});
                    void WriteMasked(string value) => logger.LogInformation("Value {V}", value);
                }

                void LocalFunctionReadsDirectly(ILogger logger, Patient p)
                {
                    Run();
                    void Run() => logger.LogInformation("Diagnosis {D}", {|#4:p.Diagnosis|});
                }

                // What a local function returns holds what it is given, in the blocks after the call too, with a loop or without.
                void LocalFunctionReturns(ILogger logger, Patient p, bool verbose)
                {
                    var id = Echo(p.IdNumber);
                    if (verbose) logger.LogInformation("Id {Id}", {|#5:id|});
                    static string Echo(string s) => s;
                }

                void LocalFunctionReturnsInLoop(ILogger logger, Patient p, List<string> names)
                {
                    var id = Echo(p.IdNumber);
                    foreach (var name in names) logger.LogInformation("Id {Id} {Name}", {|#6:id|}, name);
                    static string Echo(string s) => s;
                }

                // A local function's parameters hold what the call passes: a lambda's result, a params array's elements.
                void LocalFunctionGivenLambda(ILogger logger, Patient p)
                {
                    Run(() => p.IdNumber);
                    void Run(Func<string> read) => logger.LogInformation("Id {Id}", {|#7:read()|});
                }

                void LocalFunctionGivenParams(ILogger logger, Patient p)
                {
                    Write("ward", p.Diagnosis);
                    void Write(params string[] values) => logger.LogInformation("Values {V}", {|#8:values|});
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, Diagnosis, "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"),
            Expect(3, IdNumber, "ILogger.LogInformation"),
            Expect(4, Diagnosis, "ILogger.LogInformation"),
            Expect(5, IdNumber, "ILogger.LogInformation"),
            Expect(6, IdNumber, "ILogger.LogInformation"),
            Expect(7, IdNumber, "ILogger.LogInformation"),
            Expect(8, Diagnosis, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Records_and_anonymous_objects_logged_whole_print_their_sensitive_members()
    {
        await VerifyAsync("""
            public record PatientRecord([property: SensitivePersonalInfo(Category.SpecificIdentity)] string IdNumber, string City);
            public record Positional([SensitivePersonalInfo(Category.MedicalHealth)] string Diagnosis);
            public record Wrapper(Positional Inner, int Count);
            public class Plain
            {
                [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            }

            class C
            {
                void M(ILogger logger, PatientRecord record, Positional positional, Wrapper wrapper, Plain plain)
                {
                    logger.LogInformation("Record {Record}", {|#0:record|});
                    Console.WriteLine({|#1:positional|});
                    logger.LogInformation("Wrapper {W}", {|#2:wrapper|});
                    logger.LogInformation({|#3:$"Record {record}"|});
                    logger.LogInformation("Plain {P}", plain);
                    logger.LogInformation("Anon {A}", {|#4:new { Inner = positional }|});
                }
            }
            """,
            Expect(0, "'PatientRecord.IdNumber' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(1, "'Positional.Diagnosis' (MedicalHealth)", "Console.WriteLine"),
            Expect(2, "'Positional.Diagnosis' (MedicalHealth)", "ILogger.LogInformation"),
            Expect(3, "'PatientRecord.IdNumber' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(4, "'Positional.Diagnosis' (MedicalHealth)", "ILogger.LogInformation"));
    }

    [Fact]
    public async Task A_user_defined_operator_is_a_call_not_a_printing_of_its_record_operands()
    {
        // `"Seen " + visit` with a user-defined `+` calls the operator: the record's compiler-written ToString is not
        // involved, so its members are not printed; what the operator's result carries is its operands' own data.
        await VerifyAsync("""
            public record Visit(string Ward, [property: SensitivePersonalInfo(Category.MedicalHealth)] string Reason)
            {
                public static string operator +(string text, Visit visit) => text + visit.Ward;
            }

            [SensitivePersonalInfo(Category.Biometric)]
            public sealed record FaceTemplate(byte[] Data)
            {
                public static FaceTemplate operator +(FaceTemplate left, FaceTemplate right) => left;
            }

            class C
            {
                void M(ILogger logger, Visit visit, FaceTemplate first, FaceTemplate second)
                {
                    logger.LogInformation("Seen " + visit);
                    logger.LogInformation("Merged {T}", {|#0:first + second|});
                    Console.WriteLine({|#1:"Printed " + visit.ToString()|});
                }
            }
            """,
            Expect(0, "'FaceTemplate' (Biometric)", "ILogger.LogInformation"),
            Expect(1, "'Visit.Reason' (MedicalHealth)", "Console.WriteLine"));
    }

    [Fact]
    public async Task Destructuring_holes_render_every_member_of_any_object()
    {
        await VerifyAsync("""
            public class Plain
            {
                [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
                public string City { get; set; } = "";
            }

            public class Holder
            {
                public Plain Inner { get; set; } = new();
            }

            class C
            {
                void M(ILogger logger, Serilog.ILogger serilog, Plain plain, Holder holder, List<Plain> many)
                {
                    logger.LogInformation("Visit {@Visit} in {City}", {|#0:plain|}, plain.City);
                    serilog.Information("Holder {@Holder}", {|#1:holder|});
                    serilog.Information("All {@All}", {|#2:many|});
                    serilog.Information("Not destructured {Holder}", holder);
                    serilog.Information("Escaped {{@Holder}} {Holder}", holder);
                }
            }
            """,
            Expect(0, "'Plain.Diagnosis' (MedicalHealth)", "ILogger.LogInformation"),
            Expect(1, "'Plain.Diagnosis' (MedicalHealth)", "ILogger.Information"),
            Expect(2, "'Plain.Diagnosis' (MedicalHealth)", "ILogger.Information"));
    }

    // A destructuring logger writes a loosely typed member (`object Payload`) by what it holds: an envelope the method creates
    // shows what the method puts there (docs/design/value-flow-engine.md, "Containers").
    [Fact]
    public async Task Destructuring_an_envelope_shows_what_its_loosely_typed_member_is_given()
    {
        await VerifyAsync("""
            public class Plain
            {
                [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
                public string City { get; set; } = "";
            }

            public class Envelope
            {
                public object? Payload { get; set; }
                public string Kind { get; set; } = "";
            }

            class C
            {
                void M(Serilog.ILogger serilog, Plain plain)
                {
                    serilog.Information("Sent {@Envelope}", {|#0:new Envelope { Payload = plain, Kind = "visit" }|});
                    serilog.Information("Sent {@Envelope}", new Envelope { Payload = plain.City });
                    serilog.Information("Sent {Envelope}", new Envelope { Payload = plain });
                }
            }
            """,
            Expect(0, "'Plain.Diagnosis' (MedicalHealth)", "ILogger.Information"));
    }

    [Fact]
    public async Task Unannotated_code_and_non_sinks_are_not_reported()
    {
        await VerifyAsync("""
            public class Customer
            {
                public string IdNumber { get; set; } = "";
            }

            // Another type's member given data does not make Customer's data (a member of Customer itself assigned
            // data anywhere would: Fields_and_auto_properties_assigned_sensitive_data_elsewhere_yield_it_where_read).
            public class Referral
            {
                public string IdNumber { get; set; } = "";
            }

            class C
            {
                void M(ILogger logger, Customer customer, Patient p, List<string> sink)
                {
                    logger.LogInformation("Id {Id}", customer.IdNumber);
                    sink.Add(p.IdNumber);
                    var unrelated = new Referral { IdNumber = p.IdNumber };
                    logger.LogInformation("City {City}", p.City);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_targets_are_the_sensitive_holes_and_operands_else_the_argument_and_none_for_containers()
    {
        await VerifyAsync("""
            public record PatientRecord([property: SensitivePersonalInfo(Category.SpecificIdentity)] string IdNumber);

            class C
            {
                void M(ILogger logger, Patient p, PatientRecord record)
                {
                    logger.LogInformation({|#0:$"Patient {{|#1:p.IdNumber|}} in {p.City} has {{|#2:p.Diagnosis|}}"|});
                    logger.LogInformation({|#3:"Id " + {|#4:p.IdNumber|} + " in " + p.City|});
                    logger.LogInformation("Id {Id}", {|#5:p.IdNumber|});
                    logger.LogInformation("Record {R}", {|#6:record|});
                }
            }
            """,
            ExpectWithTargets(0, Diagnosis + ", " + IdNumber, "ILogger.LogInformation", 1, 2),
            ExpectWithTargets(3, IdNumber, "ILogger.LogInformation", 4),
            ExpectWithTargets(5, IdNumber, "ILogger.LogInformation", 5),
            ExpectWithTargets(6, "'PatientRecord.IdNumber' (SpecificIdentity)", "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Arguments_the_graph_spills_into_temporaries_are_still_checked()
    {
        await VerifyAsync("""
            class C
            {
                void M(ILogger logger, Patient? maybe, Patient p, bool verbose, string? n)
                {
                    logger.LogInformation({|#0:p.IdNumber ?? "-"|});
                    Console.WriteLine({|#1:maybe?.IdNumber|});
                    Console.WriteLine({|#2:verbose ? p.Diagnosis : ""|});
                    logger.LogInformation("{Id} {N}", {|#3:p.IdNumber|}, n ?? "?");
                    Console.Out.WriteLine({|#4:n ?? p.IdNumber|});
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, IdNumber, "Console.WriteLine"),
            Expect(2, Diagnosis, "Console.WriteLine"),
            Expect(3, IdNumber, "ILogger.LogInformation"),
            Expect(4, IdNumber, "TextWriter.WriteLine"));
    }

    [Fact]
    public async Task Constructors_with_an_initializer_are_analysed_once()
    {
        await VerifyAsync("""
            class Base
            {
                protected Base(string text) { }
            }

            class Derived : Base
            {
                Derived(Patient p) : base(p.City)
                {
                    Console.WriteLine({|#0:p.IdNumber|});
                }
            }
            """, Expect(0, IdNumber, "Console.WriteLine"));
    }

    [Fact]
    public async Task Out_arguments_carry_the_collection_or_their_own_classification_not_the_key()
    {
        await VerifyAsync("""
            class C
            {
                bool TryGetId(string key, [SensitivePersonalInfo(Category.SpecificIdentity)] out string id)
                {
                    id = key;
                    return true;
                }

                void M(ILogger logger, Patient p, Dictionary<string, int> visits)
                {
                    if (TryGetId("k", out var id))
                    {
                        logger.LogInformation("Id {Id}", {|#0:id|});
                    }

                    if (visits.TryGetValue(p.IdNumber, out var count))
                    {
                        logger.LogInformation("Visits {Count}", count);
                    }
                }
            }
            """, Expect(0, "'id' (SpecificIdentity)", "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Parts_of_dates_nullables_and_strings_are_the_data()
    {
        await VerifyAsync("""
            public class Person
            {
                [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.Date)] public DateTime BirthDate { get; set; }
                [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.Date)] public DateTime? DeathDate { get; set; }
            }

            class C
            {
                void M(ILogger logger, Person person, Patient p)
                {
                    logger.LogInformation("Year {Year}", {|#0:person.BirthDate.Year|});
                    logger.LogInformation("Died {Date}", {|#1:person.DeathDate!.Value|});
                    logger.LogInformation("Known {Known}", person.DeathDate.HasValue);
                    foreach (var digit in p.IdNumber)
                    {
                        logger.LogInformation("Digit {Digit}", {|#2:digit|});
                    }
                }
            }
            """,
            Expect(0, "'Person.BirthDate' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(1, "'Person.DeathDate' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Delegates_and_local_functions_return_what_they_read()
    {
        await VerifyAsync("""
            class C
            {
                [MasksPersonalInfo] static string MaskAll(params string[] values) => "";

                void M(ILogger logger, Patient p)
                {
                    Func<string> read = () => p.IdNumber;
                    logger.LogInformation("Id {Id}", {|#0:read()|});
                    logger.LogInformation("Delegate {D}", read);
                    logger.LogInformation("Id {Id}", {|#1:Id()|});
                    logger.LogInformation("Masked {M}", MaskAll(p.IdNumber, p.Diagnosis));

                    string Id() => p.IdNumber;
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Containers_follow_what_serialisers_and_printers_really_show()
    {
        await VerifyAsync("""
            public record Masked([property: SensitivePersonalInfo(Category.SpecificIdentity)] string IdNumber)
            {
                public override string ToString() => "Masked";
            }

            public class Account
            {
                [System.Text.Json.Serialization.JsonIgnore, SensitivePersonalInfo(Category.AuthenticationCredential)]
                public string Password { get; set; } = "";

                [SensitivePersonalInfo(Category.AuthenticationCredential)]
                private string Pin { get; set; } = "";

                public string Login { get; set; } = "";
            }

            public class Profile
            {
                [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
                [SensitivePersonalInfo(Category.SpecificIdentity)]
                public string IdNumber { get; set; } = "";
            }

            public record Login([property: System.Text.Json.Serialization.JsonIgnore, SensitivePersonalInfo(Category.AuthenticationCredential)] string Secret);

            class C
            {
                // A serialiser skips [JsonIgnore] (Always, the default); a logger's destructuring and a record's printing do not
                // (rules.md "What counts as sensitive data", item 5: "for that sink").
                void M(ILogger logger, Masked masked, Account account, Profile profile, Login login, Patient p)
                {
                    logger.LogInformation("Record {R}", masked);
                    logger.LogInformation("Account {Json}", System.Text.Json.JsonSerializer.Serialize(account));
                    logger.LogInformation("Account {@Account}", {|#1:account|});
                    logger.LogInformation("Profile {Json}", {|#2:System.Text.Json.JsonSerializer.Serialize(profile)|});
                    logger.LogInformation("Login {L}", {|#3:login|});
                    Console.WriteLine(p.FaceImage);
                    Debug.WriteLine(new List<string> { p.IdNumber });
                    logger.LogInformation("Face {Face}", {|#0:p.FaceImage|});
                }

                // Alone in a body: the survey counts what any rendering shows.
                void OnlyDestructured(ILogger logger, Account account) => logger.LogInformation("Account {@Account}", {|#4:account|});

                void OnlyPrinted(ILogger logger, Login login) => logger.LogInformation("Login {L}", {|#5:login|});
            }
            """,
            Expect(0, "'Patient.FaceImage' (Biometric)", "ILogger.LogInformation"),
            Expect(4, "'Account.Password' (AuthenticationCredential)", "ILogger.LogInformation"),
            Expect(5, "'Login.Secret' (AuthenticationCredential)", "ILogger.LogInformation"),
            Expect(1, "'Account.Password' (AuthenticationCredential)", "ILogger.LogInformation"),
            Expect(2, "'Profile.IdNumber' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(3, "'Login.Secret' (AuthenticationCredential)", "ILogger.LogInformation"));
    }

    // Regression (issue "Idiomatic C# read precisely"): each deconstructed variable takes its own element's
    // taint, and a projection carries only what its selector returns.
    [Fact]
    public async Task Deconstruction_and_projections_are_tracked_per_element()
    {
        await VerifyAsync("""
            class C
            {
                void Deconstructed(ILogger logger, Patient p)
                {
                    var (city, id) = (p.City, p.IdNumber);
                    logger.LogInformation("{City}", city);
                    logger.LogInformation("{Id}", {|#0:id|});
                }

                void DeconstructedIntoExisting(ILogger logger, Patient p, string city, string id)
                {
                    (city, id) = (p.City, p.Diagnosis);
                    logger.LogInformation("{City}", city);
                    logger.LogInformation("{Id}", {|#1:id|});
                }

                void Projected(ILogger logger, List<Patient> patients, Patient first)
                {
                    var rows = new List<Row>();
                    rows.Add(new Row { No = "1", Note = first.Diagnosis });
                    var numbers = rows.Select(r => r.No);
                    logger.LogInformation("{Numbers}", string.Join(",", numbers));
                    var ids = patients.Select(p => p.IdNumber);
                    logger.LogInformation("{Ids}", {|#2:string.Join(",", ids)|});
                    var diagnoses = from p in patients select p.Diagnosis;
                    logger.LogInformation("{D}", {|#3:string.Join(",", diagnoses)|});
                }

                void ProjectedThroughAMethodGroupStillCarriesTheSource(ILogger logger, Patient p)
                {
                    var ids = new[] { p.IdNumber }.Select(Identity);
                    logger.LogInformation("{Ids}", {|#4:string.Join(",", ids)|});
                }

                static string Identity(string value) => value;
            }

            class Row
            {
                public string No { get; set; } = "";
                public string Note { get; set; } = "";
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, Diagnosis, "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"),
            Expect(3, Diagnosis, "ILogger.LogInformation"),
            Expect(4, IdNumber, "ILogger.LogInformation"));
    }

    // Missed before (issue "Idiomatic C# read precisely"): variables bound by property patterns, recursive
    // patterns and switch arms carry what they bind, and only that.
    [Fact]
    public async Task Pattern_bindings_carry_what_they_bind()
    {
        await VerifyAsync("""
            class C
            {
                void Patterns(ILogger logger, Patient p)
                {
                    if (p is { Diagnosis: var d }) logger.LogInformation("{D}", {|#0:d|});
                    if (p is { City: var c }) logger.LogInformation("{C}", c);
                    if (p.IdNumber is { Length: > 0 } id) logger.LogInformation("{Id}", {|#1:id|});
                    if (p.IdNumber is string { Length: > 0 } and var same) logger.LogInformation("{Id}", {|#2:same|});
                }

                void Switches(ILogger logger, Patient p)
                {
                    switch (p)
                    {
                        case { Phone: var phone }:
                            logger.LogInformation("{P}", {|#3:phone|});
                            break;
                    }

                    var text = p switch
                    {
                        { Diagnosis: var x } when x.Length > 0 => x,
                        _ => "",
                    };
                    logger.LogInformation("{T}", {|#4:text|});
                    var city = p switch { { City: var y } => y };
                    logger.LogInformation("{City}", city);
                }
            }
            """,
            Expect(0, Diagnosis, "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"),
            Expect(3, "'Patient.Phone' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(4, Diagnosis, "ILogger.LogInformation"));
    }

    // An extended property pattern reads link by link, as `v.Home.Street` would.
    [Fact]
    public async Task Extended_property_patterns_read_each_link()
    {
        await VerifyAsync("""
            [SensitivePersonalInfo(Category.SpecificIdentity)]
            public class Residence
            {
                public string Street { get; set; } = "";
                public bool Verified { get; set; }
            }

            public class Visit
            {
                public Residence Home { get; set; } = new();
                public Patient Patient { get; set; } = new();
            }

            class C
            {
                void M(ILogger logger, Visit v)
                {
                    if (v is { Home.Street: var street }) logger.LogInformation("{S}", {|#0:street|});
                    logger.LogInformation("{S}", {|#1:v.Home.Street|});
                    if (v is { Home.Verified: var ok }) logger.LogInformation("{Ok}", ok);
                    if (v is { Patient.IdNumber: var id }) logger.LogInformation("{Id}", {|#2:id|});
                    if (v is { Patient.City: var city }) logger.LogInformation("{C}", city);
                }

                // A type pattern narrows to the annotated type: what it matches carries its classification.
                void Narrowed(ILogger logger, object o)
                {
                    if (o is Residence { Street: var street }) logger.LogInformation("{S}", {|#3:street|});
                    if (o is Visit { Home.Verified: var ok }) logger.LogInformation("{Ok}", ok);
                }
            }
            """,
            Expect(0, "'Residence' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(1, "'Residence' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"),
            Expect(3, "'Residence' (SpecificIdentity)", "ILogger.LogInformation"));
    }

    // Missed before (issue "Idiomatic C# read precisely"): properties pushed on a logging context.
    [Fact]
    public async Task Properties_pushed_on_a_logging_context_are_logged()
    {
        await VerifyAsync("""
            class C
            {
                void Contexts(Patient p, NLog.Logger nlog)
                {
                    using (Serilog.Context.LogContext.PushProperty("Id", {|#0:p.IdNumber|}))
                    {
                    }

                    nlog.WithProperty("Id", {|#1:p.IdNumber|}).Info("checked in");
                    using (NLog.ScopeContext.PushProperty("Id", {|#2:p.IdNumber|}))
                    {
                    }

                    using (Serilog.Context.LogContext.PushProperty("City", p.City))
                    {
                    }
                }
            }
            """,
            Expect(0, IdNumber, "LogContext.PushProperty"),
            Expect(1, IdNumber, "Logger.WithProperty"),
            Expect(2, IdNumber, "ScopeContext.PushProperty"));
    }

    // Missed before (issue "Idiomatic C# read precisely"): an exception built from sensitive data is logged with it.
    [Fact]
    public async Task An_exception_built_from_sensitive_data_is_logged_data()
    {
        await VerifyAsync("""
            class C
            {
                void Failure(ILogger logger, Patient p)
                {
                    logger.LogError({|#0:new InvalidOperationException($"Patient {p.IdNumber} not found")|}, "Lookup failed");
                    try
                    {
                        Lookup();
                    }
                    catch (Exception ex)
                    {
                        logger.LogError(ex, "Lookup failed for {City}", p.City);
                    }
                }

                void Lookup()
                {
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogError"));
    }

    // Missed before (issue "Idiomatic C# read precisely"): an interpolated string handed to a builder's handler
    // overload taints the builder.
    [Fact]
    public async Task An_interpolated_string_appended_to_a_builder_taints_it()
    {
        await VerifyAsync("""
            class C
            {
                void Builder(ILogger logger, Patient p)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine($"Patient {p.IdNumber}");
                    logger.LogInformation("{Text}", {|#0:sb.ToString()|});
                    var other = new StringBuilder();
                    other.Append($"City {p.City}");
                    logger.LogInformation("{Text}", other.ToString());
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"));
    }

    // Missed before (issue "Idiomatic C# read precisely"): every member of an annotated type's instance is its data,
    // numbers included, but for state flags and members declared [NotPersonalInfo].
    [Fact]
    public async Task Numeric_members_of_an_annotated_type_are_its_data_unless_declared_otherwise()
    {
        await VerifyAsync("""
            class C
            {
                void Position(ILogger logger, GeoPoint point)
                {
                    logger.LogInformation("{Lat} {Lng}", {|#0:point.Lat|}, {|#1:point.Lng|});
                    logger.LogInformation("{Id} {Valid} {Kind}", point.Id, point.IsValid, point.Kind);
                }
            }

            [SensitivePersonalInfo(Category.LocationTrack)]
            public class GeoPoint
            {
                public double Lat { get; set; }
                public double Lng { get; set; }
                [NotPersonalInfo] public int Id { get; set; }
                public bool IsValid { get; set; }
                public DayOfWeek Kind { get; set; }
            }
            """,
            Expect(0, "'GeoPoint' (LocationTrack)", "ILogger.LogInformation"),
            Expect(1, "'GeoPoint' (LocationTrack)", "ILogger.LogInformation"));
    }

    // Missed before (issue "Idiomatic C# read precisely"): members a destructuring logger skips make no container.
    [Fact]
    public async Task Members_the_destructurer_skips_do_not_make_a_container()
    {
        await VerifyAsync("""
            class C
            {
                void Destructured(ILogger logger, Visit visit, Claim claim)
                {
                    logger.LogInformation("{@Visit}", visit);
                    logger.LogInformation("{@Claim}", {|#0:claim|});
                }
            }

            public class Visit
            {
                public string Ward { get; set; } = "";
                [Destructurama.Attributed.NotLogged, SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            }

            public class Claim
            {
                [Destructurama.Attributed.LogMasked, SensitivePersonalInfo(Category.MedicalHealth)] public string Code { get; set; } = "";
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            }

            namespace Destructurama.Attributed
            {
                [AttributeUsage(AttributeTargets.Property)] public sealed class NotLoggedAttribute : Attribute { }
                [AttributeUsage(AttributeTargets.Property)] public sealed class LogMaskedAttribute : Attribute { }
            }
            """,
            Expect(0, "'Claim.IdNumber' (SpecificIdentity)", "ILogger.LogInformation"));
    }

    // Regression (issue "Idiomatic C# read precisely"): a part of a tuple or anonymous object built in place carries
    // only what was put in it.
    [Fact]
    public async Task Parts_of_tuples_and_anonymous_objects_are_tracked_one_by_one()
    {
        await VerifyAsync("""
            class C
            {
                void Tuples(ILogger logger, Patient p)
                {
                    var row = (City: p.City, Phone: p.Phone);
                    logger.LogInformation("{City}", row.City);
                    logger.LogInformation("{City}", row.Item1);
                    logger.LogInformation("{Phone}", {|#0:row.Phone|});
                    row = (p.IdNumber, p.City);
                    logger.LogInformation("{City}", {|#1:row.City|});
                }

                void Anonymous(ILogger logger, Patient p)
                {
                    var row = new { p.City, p.Diagnosis };
                    logger.LogInformation("{City}", row.City);
                    logger.LogInformation("{Diagnosis}", {|#2:row.Diagnosis|});
                }

                // Review: writing one element updates that part; a value assigned on one path only leaves no stale part.
                void ElementWritten(ILogger logger, Patient p, Func<(string Name, string Phone)> load, bool again)
                {
                    var row = (Name: "", Phone: "");
                    row.Name = p.IdNumber;
                    logger.LogInformation("{Name}", {|#4:row.Name|});
                    var other = (Name: "", Phone: "");
                    if (again)
                    {
                        other = (Name: p.Diagnosis, Phone: "");
                    }

                    logger.LogInformation("{Name}", {|#5:other.Name|});
                    logger.LogInformation("{Phone}", other.Phone);
                }

                // A tuple built elsewhere: its parts hold what the whole held, then what each is given.
                void BuiltElsewhere(ILogger logger, Patient p, (string City, string Phone) given)
                {
                    var row = given;
                    row.Phone = p.Phone;
                    logger.LogInformation("{City}", row.City);
                    logger.LogInformation("{Phone}", {|#3:row.Phone|});
                }
            }
            """,
            Expect(0, "'Patient.Phone' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogInformation"),
            Expect(2, Diagnosis, "ILogger.LogInformation"),
            Expect(3, "'Patient.Phone' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(4, IdNumber, "ILogger.LogInformation"),
            Expect(5, Diagnosis, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task A_request_destructured_by_a_generic_pipeline_behaviour_holds_what_the_requests_standing_for_it_hold()
    {
        // rules.md, "Across methods", generic and loosely typed containers: the constraint names the application's
        // request interface; the types of the compilation implementing it are what the behaviour logs.
        await VerifyAsync("""
            public interface IRequest<TResponse> { }
            public sealed record PlaceOrder(string City, [SensitivePersonalInfo(Category.FinancialAccount)] string CardNumber) : IRequest<bool>;
            public sealed record Ping(string Text) : IRequest<string>;

            public sealed class LoggingBehavior<TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                private readonly ILogger _logger;
                public LoggingBehavior(ILogger logger) => _logger = logger;

                public TResponse Handle(TRequest request, Func<TResponse> next)
                {
                    _logger.LogInformation("Handling {@Command}", {|#0:request|});
                    var response = next();
                    _logger.LogInformation("Handled {@Response}", response);
                    return response;
                }
            }
            """, Expect(0, "'PlaceOrder.CardNumber' (FinancialAccount) held by 'PlaceOrder' as 'TRequest'", "ILogger.LogInformation"));
    }

    [Fact]
    public async Task A_request_declared_inside_another_type_stands_for_the_interface_it_implements()
    {
        // Feature folders nest each command in its handler's class: the stand-ins are found however deep the type is declared.
        await VerifyAsync("""
            namespace Clinic.Features
            {
                public interface IRequest<TResponse> { }

                public static class Admissions
                {
                    public static class Commands
                    {
                        public sealed record Admit(string Ward, [SensitivePersonalInfo(Category.MedicalHealth)] string Diagnosis) : IRequest<bool>;
                    }
                }

                public sealed class LoggingBehavior<TRequest, TResponse> where TRequest : IRequest<TResponse>
                {
                    private readonly ILogger _logger;
                    public LoggingBehavior(ILogger logger) => _logger = logger;

                    public void Handle(TRequest request) => _logger.LogInformation("Handling {@Command}", {|#0:request|});
                }
            }
            """, Expect(0, "'Admit.Diagnosis' (MedicalHealth) held by 'Admit' as 'TRequest'", "ILogger.LogInformation"));
    }

    [Fact]
    public async Task An_interface_value_destructured_holds_what_its_implementations_hold_and_framework_interfaces_hold_nothing()
    {
        await VerifyAsync("""
            public interface ICommand { }
            public sealed class Enrol : ICommand
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            }
            public sealed class Audit : ICommand, IDisposable
            {
                [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
                public void Dispose() { }
            }
            public sealed class Plain : ICommand { public string Name { get; set; } = ""; }
            public abstract class Base : ICommand { [SensitivePersonalInfo(Category.Other)] public string Secret { get; set; } = ""; }
            public interface IUnused { }

            class C
            {
                void Destructured(ILogger logger, ICommand command) => logger.LogInformation("{@Command}", {|#0:command|});
                void Serialized(ILogger logger, ICommand command) => logger.LogInformation({|#1:System.Text.Json.JsonSerializer.Serialize(command)|});
                void Framework(ILogger logger, IDisposable resource) => logger.LogInformation("{@Resource}", resource);
                void Unconstrained<T>(ILogger logger, T value) => logger.LogInformation("{@Value}", value);
                void NoImplementation(ILogger logger, IUnused value) => logger.LogInformation("{@Value}", value);
                void NotDestructured(ILogger logger, ICommand command) => logger.LogInformation("{Command}", command);
            }
            """,
            Expect(0, "'Audit.Diagnosis' (MedicalHealth), 'Enrol.IdNumber' (SpecificIdentity) held by 'Audit', 'Enrol' as 'ICommand'", "ILogger.LogInformation"),
            Expect(1, "'Audit.Diagnosis' (MedicalHealth), 'Enrol.IdNumber' (SpecificIdentity)", "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Results_that_each_join_the_one_before_twice_are_resolved_once_each()
    {
        // Each line's result stands for both arguments, the previous result twice: resolved path by path, the 48 lines
        // below are 2^48 steps and the build never ends (docs/design/value-flow-engine.md, "Across methods").
        await VerifyAsync("""
            public sealed class AuditTrail
            {
                private readonly ILogger _logger;
                public AuditTrail(ILogger logger) => _logger = logger;
                public void Write(string entry) => _logger.LogInformation("Audit {Entry}", entry);
            }

            class C
            {
                static string Join(string left, string right) => left + "|" + right;

                void M(AuditTrail audit, Patient p)
                {
                    var entry = p.IdNumber;
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    entry = Join(entry, entry);
                    audit.Write({|#0:entry|});
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation' through 'AuditTrail.Write(string)"));
    }

    [Fact]
    public async Task Data_passed_to_a_helper_that_logs_it_is_reported_at_the_argument_naming_the_path()
    {
        // rules.md, "Across methods", reaches: the sink inside the helper is not reported again.
        await VerifyAsync("""
            public sealed class AuditTrail
            {
                private readonly ILogger _logger;
                public AuditTrail(ILogger logger) => _logger = logger;
                public void Write(string entry) => _logger.LogInformation("Audit {Entry}", entry);
                public void WriteMasked(string idNumber) => _logger.LogInformation("Audit {Id}", PiMask.IdCardNumber(idNumber));
                public void Relay(string entry, int hops) { if (hops > 0) Relay(entry, hops - 1); else Write(entry); }
            }

            public interface IEventSink { void Put(string value); }
            public sealed class LoggingSink : IEventSink
            {
                private readonly ILogger _logger;
                public LoggingSink(ILogger logger) => _logger = logger;
                public void Put(string value) => _logger.LogWarning(value);
            }
            public sealed class NullSink : IEventSink { public void Put(string value) { } }

            class C
            {
                void M(AuditTrail audit, IEventSink sink, Patient p)
                {
                    audit.Write({|#0:p.IdNumber|});
                    audit.Write(PiMask.IdCardNumber(p.IdNumber));
                    audit.Write(p.City);
                    audit.WriteMasked(p.IdNumber);
                    audit.Relay({|#1:p.Diagnosis|}, 3);
                    sink.Put({|#2:p.Phone|});
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation' through 'AuditTrail.Write(string)"),
            Expect(1, Diagnosis, "ILogger.LogInformation' through 'AuditTrail.Relay(string, int)', 'AuditTrail.Write(string)"),
            Expect(2, "'Patient.Phone' (SpecificIdentity)", "ILogger.LogWarning' through 'LoggingSink.Put(string)"));
    }

    // rules.md "Across methods", reaches: a tuple's elements are told apart in the helper it is handed to. An element read
    // there is reported where the caller wrote it (or at the tuple, when it was built elsewhere); the tuple logged whole
    // brings all of it.
    [Fact]
    public async Task Elements_of_a_tuple_handed_to_a_helper_are_followed_one_by_one()
    {
        await VerifyAsync("""
            public sealed class Audit
            {
                private readonly ILogger _logger;
                public Audit(ILogger logger) => _logger = logger;
                public void WriteId((string Name, string Id) row) => _logger.LogInformation("Audit {Id}", row.Id);
                public void WriteName((string Name, string Id) row) => _logger.LogInformation("Audit {Name}", row.Name);
                public void WriteAll((string Name, string Id) row) => _logger.LogInformation("Audit {Row}", row);
                public void Split((string Name, string Id) row) { var (name, id) = row; _logger.LogInformation("Audit {Name}", name); }
                public void Relay(int hops, (string Name, string Id) row) => WriteId(row);
            }

            class C
            {
                void M(Audit audit, Patient p)
                {
                    audit.WriteId((p.City, {|#0:p.IdNumber|}));
                    audit.WriteName((p.City, p.IdNumber));
                    audit.WriteAll({|#1:(p.City, p.IdNumber)|});
                    audit.Split((p.City, p.IdNumber));
                    var row = (p.City, p.IdNumber);
                    audit.WriteName(row);
                    audit.WriteId({|#2:row|});
                    audit.Relay(1, (p.City, {|#3:p.Diagnosis|}));
                    audit.Relay(1, (p.Diagnosis, p.City));
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation' through 'Audit.WriteId((string Name, string Id))"),
            Expect(1, IdNumber, "ILogger.LogInformation' through 'Audit.WriteAll((string Name, string Id))"),
            Expect(2, IdNumber, "ILogger.LogInformation' through 'Audit.WriteId((string Name, string Id))"),
            Expect(3, Diagnosis, "ILogger.LogInformation' through 'Audit.Relay(int, (string Name, string Id))', 'Audit.WriteId((string Name, string Id))"));
    }

    // Review of the element-by-element tuples: a constructor storing one element stores that element (without a graph too);
    // an element's input is the same whether the helper is called through a generic base made a tuple or not; a tuple
    // parameter classified itself keeps its classification in its elements.
    [Fact]
    public async Task Tuple_elements_are_told_apart_in_stores_through_generic_bases_and_when_classified()
    {
        await VerifyAsync("""
            public sealed class Visit
            {
                private readonly string _city;
                private readonly string _id;
                private readonly ILogger _logger;
                public Visit((string City, string Id) row, ILogger logger) { _city = row.City; _id = row.Id; _logger = logger; }
                public void PrintCity() => _logger.LogInformation("Visit {City}", _city);
                public void PrintId() => _logger.LogInformation("Visit {Id}", {|#0:_id|});
            }

            public abstract class Writer<TKey>
            {
                public abstract void Write(TKey key, (string Name, string Id) row);
            }

            public sealed class KeyWriter : Writer<(int A, int B)>
            {
                private readonly ILogger _logger;
                public KeyWriter(ILogger logger) => _logger = logger;
                public override void Write((int A, int B) key, (string Name, string Id) row) => _logger.LogInformation("{A} {Id}", key.A, row.Id);
            }

            public sealed class Tagged
            {
                private readonly ILogger _logger;
                public Tagged(ILogger logger) => _logger = logger;
                public string IdOf([SensitivePersonalInfo(Category.SpecificIdentity)] (string Name, string Id) row) => row.Id;
                public void Log(string name) => _logger.LogInformation("{Name}", {|#3:IdOf((name, ""))|});
            }

            class C
            {
                void M(Patient p, ILogger logger, Writer<(int A, int B)> writer)
                {
                    new Visit((p.City, p.IdNumber), logger).PrintCity();
                    writer.Write((1, 2), (p.IdNumber, p.City));
                    writer.Write((1, 2), (p.City, {|#2:p.IdNumber|}));
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation' through 'KeyWriter.Write((int A, int B), (string Name, string Id))"),
            Expect(3, "'row' (SpecificIdentity)", "ILogger.LogInformation"));
    }

    [Fact]
    public async Task An_object_handed_whole_to_a_helper_that_renders_it_shows_what_its_own_type_holds()
    {
        // rules.md, "Across methods", loosely typed containers: for `object` (and an unconstrained type parameter),
        // the types seen flowing into it. Reported at the argument where the type is known, naming the path.
        await VerifyAsync("""
            public sealed class AuditTrail
            {
                private readonly ILogger _logger;
                public AuditTrail(ILogger logger) => _logger = logger;
                public void Record(object entry) => _logger.LogInformation("Audit {@Entry}", entry);
                public void Note(object entry) => _logger.LogInformation("Audit {Entry}", entry);
                public void Relay(object entry) => Record(entry);
                public void Keep<T>(T entry) => _logger.LogInformation("Audit {@Entry}", entry);
                public void Count(object entry) => _logger.LogInformation("Audit {Hash}", entry.GetHashCode());
                public void Typed(Patient patient) => Record({|#4:patient|});
            }

            public sealed class Place { public string City { get; set; } = ""; }
            public sealed record Visit(string Ward, [SensitivePersonalInfo(Category.MedicalHealth)] string Reason);

            class C
            {
                void M(AuditTrail audit, Patient p, Place place, Visit visit)
                {
                    audit.Record({|#0:p|});
                    audit.Note(p);
                    audit.Note({|#1:visit|});
                    audit.Relay({|#2:p|});
                    audit.Keep({|#3:p|});
                    audit.Typed(p);
                    audit.Record(place);
                    audit.Count(p);
                    audit.Record(p.City);
                }
            }
            """,
            Expect(4, WholePatient, "ILogger.LogInformation' through 'AuditTrail.Record(object)"),
            Expect(0, WholePatient, "ILogger.LogInformation' through 'AuditTrail.Record(object)"),
            Expect(1, "'Visit.Reason' (MedicalHealth)", "ILogger.LogInformation' through 'AuditTrail.Note(object)"),
            Expect(2, WholePatient, "ILogger.LogInformation' through 'AuditTrail.Relay(object)', 'AuditTrail.Record(object)"),
            Expect(3, WholePatient, "ILogger.LogInformation' through 'AuditTrail.Keep(T)"));
    }

    [Fact]
    public async Task The_cross_method_pass_can_be_turned_off_and_then_only_one_body_at_a_time_is_analysed()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                public sealed class AuditTrail
                {
                    private readonly ILogger _logger;
                    public AuditTrail(ILogger logger) => _logger = logger;
                    public void Write(string entry) => _logger.LogInformation("Audit {Entry}", entry);
                }

                class C
                {
                    void M(ILogger logger, AuditTrail audit, Patient p)
                    {
                        audit.Write(p.IdNumber);
                        logger.LogInformation("{Id}", {|#0:p.IdNumber|});
                    }
                }
                """ + Model,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + SensitiveDataFlowAnalyzer.CrossMethodOption + " = false\n"));
        test.ExpectedDiagnostics.Add(Expect(0, IdNumber, "ILogger.LogInformation"));
        await test.RunAsync(System.Threading.CancellationToken.None);
    }

    [Fact]
    public async Task A_helper_result_carries_what_the_helper_returns_and_the_arguments_that_flow_to_it()
    {
        // rules.md, "Across methods", returns: per call site, so one sensitive caller does not taint another.
        await VerifyAsync("""
            static class Text
            {
                public static string Describe(Patient p) => $"{p.IdNumber} lives in {p.City}";
                public static string Where(Patient p) => p.City;
                public static T Identity<T>(T value) => value;
                public static string Twice(string value) => Identity(value) + Identity(value);
                public static string Masked(Patient p) => PiMask.IdCardNumber(p.IdNumber);
            }

            class C
            {
                void M(ILogger logger, Patient p)
                {
                    logger.LogInformation({|#0:Text.Describe(p)|});
                    logger.LogInformation(Text.Where(p));
                    logger.LogInformation("{Value}", {|#1:Text.Identity(p.Diagnosis)|});
                    logger.LogInformation("{Value}", Text.Identity(p.City));
                    var twice = Text.Twice(p.IdNumber);
                    logger.LogInformation("{Value}", {|#2:twice|});
                    logger.LogInformation("{Value}", Text.Masked(p));
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, Diagnosis, "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task A_cross_method_report_gives_the_argument_as_mask_target_and_the_steps_as_locations()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class AuditTrail
            {
                private readonly ILogger _logger;
                public AuditTrail(ILogger logger) => _logger = logger;
                public void Write(string entry) => {|#1:Store(entry)|};
                private void Store(string entry) => _logger.LogInformation("Audit {Entry}", {|#2:entry|});
            }

            class C
            {
                void M(AuditTrail audit, Patient p) => audit.Write({|#0:p.IdNumber|});
            }
            """ + Model,
            Verify.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(0).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments(IdNumber, "ILogger.LogInformation' through 'AuditTrail.Write(string)', 'AuditTrail.Store(string)", ExpectedCitations.Display(IdNumber)));
    }

    [Fact]
    public async Task Collections_of_different_element_types_are_different_containers()
    {
        // The container answer depends on the type arguments: List<Plain> first must not make List<Patient> empty.
        await VerifyAsync("""
            public sealed class Plain { public string Name { get; set; } = ""; }

            class C
            {
                void M(ILogger logger, List<Plain> plain, List<Patient> patients)
                {
                    logger.LogInformation("{@Plain}", plain);
                    logger.LogInformation("{@Patients}", {|#0:patients|});
                }
            }
            """, Expect(0, "'Patient.Age' (MedicalHealth), 'Patient.Diagnosis' (MedicalHealth), 'Patient.FaceImage' (Biometric), 'Patient.IdNumber' (SpecificIdentity), 'Patient.Phone' (SpecificIdentity)", "ILogger.LogInformation"));
    }

    // Found this session: a caller with no sink of its own that reads declared data and hands it to a helper was
    // not summarised, so the flow was lost (docs/design/value-flow-engine.md, "Across methods").
    [Fact]
    public async Task A_caller_without_sinks_of_its_own_still_starts_a_cross_method_flow()
    {
        await VerifyAsync("""
            static class Audit
            {
                public static void Note(string subject) => Console.WriteLine($"Subject {subject}");
            }

            class C
            {
                void M(Patient p)
                {
                    Audit.Note({|#0:p.IdNumber|});
                }
            }
            """,
            Expect(0, IdNumber, "Console.WriteLine' through 'Audit.Note(string)"));
    }

    // docs/design/value-flow-engine.md, "Summaries on demand": a field first given data in a later round reaches the bodies
    // summarised before that read it (the round works out again only what its new facts change).
    [Fact]
    public async Task A_field_given_data_in_a_later_round_reaches_bodies_summarised_before()
    {
        await VerifyAsync("""
            public sealed class Desk
            {
                private string _note = "";

                // Waits (reads no data); what it stores depends on Clean, summarised one round later.
                public void Take(string note)
                {
                    _note = Clean(note);
                    Echo(note);
                }

                public string Clean(string text) => text.Trim();

                // Reached with Clean (a hot parameter), before _note holds anything.
                public string Echo(string text) => _note;
            }

            class C
            {
                void Save(Desk desk, Patient p) => desk.Take(p.Diagnosis);

                void Report(ILogger logger, Desk desk) => logger.LogInformation("{Note}", {|#0:desk.Echo("")|});
            }
            """,
            Expect(0, Diagnosis, "ILogger.LogInformation"));
    }

    // docs/design/value-flow-engine.md, "Summaries on demand": a body that reads no data is summarised at compilation end
    // once data reaches it, whatever its size; a record printed into text is data its caller reads.
    [Fact]
    public async Task Bodies_that_read_no_data_are_followed_once_data_reaches_them()
    {
        await VerifyAsync("""
            public record Visit(string Ward, [property: SensitivePersonalInfo(Category.MedicalHealth)] string Notes);

            public sealed class AuditTrail
            {
                private readonly ILogger _logger;
                public AuditTrail(ILogger logger) => _logger = logger;
                public void Write(string entry) => _logger.LogInformation("Audit {Entry}", entry);

                // A relay far larger than a formatting helper.
                public void Process(string entry, int[] counts)
                {
                    var total = 0;
                    for (var i = 0; i < counts.Length; i++)
                    {
                        total += counts[i] * 2;
                        total -= counts[i] / 3;
                        total ^= i;
                        if (total > 1000) total = total % 7 + counts[0] - counts[i];
                        else if (total < -1000) total = -total / 5 + counts[i] * counts[0];
                        total = total * 31 + i - counts.Length;
                    }

                    var label = total > 0 ? "positive" : total < 0 ? "negative" : "zero";
                    var text = label + ":" + total.ToString() + ":" + counts.Length.ToString();
                    if (text.Length > 3 && text.StartsWith("p") || text.EndsWith("0") || text.Contains("-"))
                    {
                        total++;
                    }

                    Write(entry);
                }

                // Called only with what is not data.
                public void Quiet(string entry) => Write(entry);
            }

            public sealed class Repository
            {
                private readonly Patient _patient = new();
                public string Load() => _patient.Diagnosis;
            }

            // Takes nothing, returns nothing, logs nothing itself: it hands on what a callee returns.
            public sealed class Nightly
            {
                private readonly Repository _repository;
                private readonly AuditTrail _audit;
                public Nightly(Repository repository, AuditTrail audit) { _repository = repository; _audit = audit; }
                public void Sync() => _audit.Write({|#2:_repository.Load()|});
            }

            class C
            {
                void M(AuditTrail audit, Patient p)
                {
                    audit.Process({|#0:p.Diagnosis|}, new int[0]);
                    audit.Quiet(p.City);
                }

                void N(AuditTrail audit, Visit visit)
                {
                    audit.Write({|#1:$"{visit}"|});
                    audit.Write(visit.Ward);
                }
            }
            """,
            Expect(0, Diagnosis, "ILogger.LogInformation' through 'AuditTrail.Process(string, int[])', 'AuditTrail.Write(string)"),
            Expect(1, "'Visit.Notes' (MedicalHealth)", "ILogger.LogInformation' through 'AuditTrail.Write(string)"),
            Expect(2, Diagnosis, "ILogger.LogInformation' through 'AuditTrail.Write(string)"));
    }

    // rules.md "Across methods": a computed property's getter is followed like a method that returns what it reads.
    [Fact]
    public async Task A_computed_property_carries_what_its_getter_returns()
    {
        await VerifyAsync("""
            public class Visitor
            {
                [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
                public string Name { get; set; } = "";
                public string Label => $"{Name} ({IdNumber})";
                public string Badge { get { return Label.ToUpperInvariant(); } }
                public string Initial => Name.Substring(0, 1);
                public string Masked => PiMask.IdCardNumber(IdNumber);
            }

            class C
            {
                void M(ILogger logger, Visitor v)
                {
                    logger.LogInformation("{Label}", {|#0:v.Label|});
                    logger.LogInformation("{Badge}", {|#1:v.Badge|});
                    logger.LogInformation("{Initial}", v.Initial);
                    logger.LogInformation("{Masked}", v.Masked);
                    logger.LogInformation("{Name}", v.Name);

                    // A property pattern reads the getter too.
                    if (v is { Label: var label }) logger.LogInformation("{Label}", {|#2:label|});
                    if (v is { Initial: var initial, Masked: var masked }) logger.LogInformation("{Initial} {Masked}", initial, masked);
                }
            }
            """,
            Expect(0, "'Visitor.IdNumber' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(1, "'Visitor.IdNumber' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(2, "'Visitor.IdNumber' (SpecificIdentity)", "ILogger.LogInformation"));
    }

    // rules.md "Across methods", returns: `out` and `ref` arguments carry what the callee leaves in them.
    [Fact]
    public async Task Out_and_ref_arguments_carry_what_the_callee_leaves_in_them()
    {
        await VerifyAsync("""
            public sealed class Registry
            {
                private readonly Patient _patient = new();
                public bool TryFindPhone(int id, out string phone) { phone = _patient.Phone; return id > 0; }
                public bool TryFindCity(int id, out string city) { city = _patient.City; return id > 0; }
                public void Copy(string from, out string to) => to = from;
                public void Append(ref string text, string more) => text = text + more;
                public void Hide(string from, out string to) => to = PiMask.Full(from);
            }

            class C
            {
                void M(ILogger logger, Registry registry, Patient p)
                {
                    if (registry.TryFindPhone(1, out var phone)) logger.LogInformation("{Phone}", {|#0:phone|});
                    if (registry.TryFindCity(1, out var city)) logger.LogInformation("{City}", city);
                    registry.Copy(p.Diagnosis, out var copy);
                    logger.LogInformation("{Copy}", {|#1:copy|});
                    var text = "note: ";
                    registry.Append(ref text, p.Diagnosis);
                    logger.LogInformation("{Text}", {|#2:text|});
                    registry.Hide(p.Diagnosis, out var hidden);
                    logger.LogInformation("{Hidden}", hidden);
                    registry.Copy(p.City, out var place);
                    logger.LogInformation("{Place}", place);
                }
            }
            """,
            Expect(0, "'Patient.Phone' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(1, Diagnosis, "ILogger.LogInformation"),
            Expect(2, Diagnosis, "ILogger.LogInformation"));
    }

    // An object created here shows, destructured, only the members its constructor or the body sets: a constructor read from
    // source that sets other members leaves the credential out; one that calls a method of its own may set anything.
    [Fact]
    public async Task An_object_created_here_shows_only_the_members_its_constructor_and_the_body_set()
    {
        await VerifyAsync("""
            public class Account
            {
                public Account(string name) { ArgumentException.ThrowIfNullOrEmpty(name); Name = name.Trim(); Roles = new List<string>(); Roles.Add("user"); }
                public Account(Patient p) { Name = p.City; Load(p); }
                public Account(string name, string password) => (Name, Password) = (name, password);
                public string Name { get; set; } = "";
                public List<string> Roles { get; set; } = new();
                [SensitivePersonalInfo(Category.AuthenticationCredential)] public string Password { get; set; } = "";
                private void Load(Patient p) { }
            }

            class C
            {
                void M(ILogger logger, Patient p)
                {
                    var created = new Account("ann");
                    logger.LogInformation("{@Account}", created);
                    var loaded = new Account(p);
                    logger.LogInformation("{@Account}", {|#0:loaded|});
                    var given = new Account("bob") { Password = "x" };
                    logger.LogInformation("{@Account}", {|#1:given|});
                    var paired = new Account("carol", "secret");
                    logger.LogInformation("{@Account}", {|#2:paired|});
                    var deconstructed = new Account("dan");
                    (deconstructed.Password, _) = ("secret", 1);
                    logger.LogInformation("{@Account}", {|#3:deconstructed|});
                }
            }
            """,
            Expect(0, "'Account.Password' (AuthenticationCredential)", "ILogger.LogInformation"),
            Expect(1, "'Account.Password' (AuthenticationCredential)", "ILogger.LogInformation"),
            Expect(2, "'Account.Password' (AuthenticationCredential)", "ILogger.LogInformation"),
            Expect(3, "'Account.Password' (AuthenticationCredential)", "ILogger.LogInformation"));
    }

    // rules.md "Across methods", returns: a builder or list the caller hands a method to fill carries back what the method puts
    // into it, as an `out` argument does; a masked or unclassified value, and one put into another object (the parameter
    // assigned over), do not.
    [Fact]
    public async Task Objects_a_callee_fills_carry_back_what_it_puts_into_them()
    {
        await VerifyAsync("""
            public static class Text
            {
                public static void Describe(StringBuilder text, Patient p) => text.Append(p.IdNumber);
                public static void Add(StringBuilder text, string s) { text.Append("x: ").Append(s); }
                public static void AddDiagnosis(List<string> notes, Patient p) => notes.Add(p.Diagnosis);
                public static void Masked(StringBuilder text, Patient p) => text.Append(PiMask.Full(p.IdNumber));
                public static void Place(StringBuilder text, Patient p) => text.Append(p.City);
                public static void Fresh(StringBuilder text, Patient p) { text = new StringBuilder(); text.Append(p.IdNumber); }
                public static int Count(IEnumerable<string> seen, Patient p) => seen.Count() + p.City.Length;
            }

            class C
            {
                void M(ILogger logger, Patient p)
                {
                    var text = new StringBuilder();
                    Text.Describe(text, p);
                    logger.LogInformation("{Text}", {|#0:text.ToString()|});
                    var added = new StringBuilder();
                    Text.Add(added, p.IdNumber);
                    logger.LogInformation("{Text}", {|#1:added.ToString()|});
                    var notes = new List<string>();
                    Text.AddDiagnosis(notes, p);
                    logger.LogInformation("{Notes}", {|#2:string.Join(",", notes)|});

                    var clean = new StringBuilder();
                    Text.Masked(clean, p);
                    Text.Place(clean, p);
                    Text.Fresh(clean, p);
                    Text.Add(clean, p.City);
                    logger.LogInformation("{Text}", clean.ToString());
                    var seen = new List<string> { p.City };
                    Text.Count(seen, p);
                    logger.LogInformation("{Seen}", string.Join(",", seen));
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogInformation"),
            Expect(2, Diagnosis, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Fields_and_auto_properties_assigned_sensitive_data_elsewhere_yield_it_where_read()
    {
        // rules.md "Across methods", fields and properties: stored in one method (directly, or through a method whose
        // parameter is stored, or in an object initializer), logged in another; masked and unclassified values stay clean.
        await VerifyAsync("""
            public sealed class VisitLog
            {
                private readonly ILogger _logger;
                private string _lastId = "";
                private string _lastCity = "";
                private string _maskedId = "";
                private int _count;

                public VisitLog(ILogger logger) => _logger = logger;

                public string Note { get; set; } = "";

                public void Remember(Patient p)
                {
                    _lastId = p.IdNumber;
                    _lastCity = p.City;
                    _maskedId = PiMask.IdCardNumber(p.IdNumber);
                    _count++;
                }

                public void Keep(string note) => Note = note;

                public void Stage(Patient p)
                {
                    var diagnosis = p.Diagnosis;
                    Staged = diagnosis;
                }

                public string Staged { get; private set; } = "";

                public string Current() => _lastId;

                public void Flush()
                {
                    _logger.LogInformation("Last {Id}", {|#0:_lastId|});
                    _logger.LogInformation("City {City}", _lastCity);
                    _logger.LogInformation("Masked {Id}", _maskedId);
                    _logger.LogInformation("Count {Count}", _count);
                    _logger.LogInformation("Note {Note}", {|#1:Note|});
                }

                // Read into a local first, then logged.
                public void Trace()
                {
                    var id = _lastId;
                    var city = _lastCity;
                    _logger.LogDebug("Trace {Id} {City}", {|#7:id|}, city);
                }
            }

            public sealed class Visit
            {
                private readonly string _id;
                private readonly ILogger _logger;

                public Visit(string id, ILogger logger)
                {
                    _id = id;
                    _logger = logger;
                }

                public void Log() => _logger.LogInformation("{Id}", {|#5:_id|});
            }

            public sealed class Ticket
            {
                private readonly string _holder;
                private readonly ILogger _logger;

                public Ticket(string holder, ILogger logger)
                {
                    _holder = holder.Trim();
                    _logger = logger;
                }

                public void Print() => _logger.LogInformation("{Holder}", {|#8:_holder|});
            }

            public sealed class Receipt
            {
                public Receipt(ILogger logger, string holder) => logger.LogInformation("{Holder}", holder);
            }

            public sealed class PatientDto
            {
                public string Id { get; set; } = "";
                public string City { get; set; } = "";
            }

            static class Mapper
            {
                public static PatientDto ToDto(Patient p) => new PatientDto { Id = p.IdNumber, City = p.City };
            }

            class Callers
            {
                void Visit(VisitLog log, Patient p) => log.Keep(p.Diagnosis);

                void Open(ILogger logger, Patient p)
                {
                    new Visit(p.IdNumber, logger).Log();
                    new Ticket(p.Diagnosis, logger).Print();
                    _ = new Receipt(logger, {|#6:p.Diagnosis|});
                    _ = new Receipt(logger, p.City);
                }

                void Report(ILogger logger, VisitLog log)
                {
                    logger.LogInformation("{Staged}", {|#3:log.Staged|});
                    logger.LogInformation("{Current}", {|#4:log.Current()|});
                }

                void Show(ILogger logger, PatientDto dto)
                {
                    logger.LogInformation("{Id}", {|#2:dto.Id|});
                    logger.LogInformation("{City}", dto.City);

                    // Read through a property pattern.
                    if (dto is { Id: var id, City: var city }) logger.LogInformation("{Id} {City}", {|#9:id|}, city);
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, Diagnosis, "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"),
            Expect(3, Diagnosis, "ILogger.LogInformation"),
            Expect(4, IdNumber, "ILogger.LogInformation"),
            Expect(5, IdNumber, "ILogger.LogInformation"),
            Expect(6, Diagnosis, "ILogger.LogInformation' through 'new Receipt(ILogger, string)"),
            Expect(7, IdNumber, "ILogger.LogDebug"),
            Expect(8, Diagnosis, "ILogger.LogInformation"),
            Expect(9, IdNumber, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Auto_properties_of_a_generic_type_hold_what_any_of_its_constructed_types_stores()
    {
        // rules.md "Across methods", fields and properties: a member read or stored through `Holder<int>` is the definition's
        // member (the pass keys members by their definition, docs/design/architecture.md "Framework"), whichever type
        // argument stores it; a computed getter over it returns what it holds.
        await VerifyAsync("""
            public sealed class Holder<T>
            {
                public string Name { get; set; } = "";
                public string Note { get; set; } = "";
                public T Value { get; set; } = default!;
                public string Label => Name.ToUpperInvariant();
            }

            class Writers
            {
                void Store(Holder<int> holder, Patient p)
                {
                    holder.Name = p.IdNumber;
                    holder.Note = PiMask.IdCardNumber(p.IdNumber);
                }
            }

            class Readers
            {
                void Log(ILogger logger, Holder<string> holder)
                {
                    logger.LogInformation("{Name}", {|#0:holder.Name|});
                    logger.LogInformation("{Label}", {|#1:holder.Label|});
                    logger.LogInformation("{Note}", holder.Note);
                    logger.LogInformation("{Value}", holder.Value);
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Members_assigned_a_branching_value_or_appended_to_hold_it_in_the_body_and_elsewhere()
    {
        // `_lastId = a ?? b`, `Note = c ? a : b`, `_trail += c ? a : b`: the graph captures the assignment's target before the
        // branches; the member assigned is the one captured, so it holds the value in the same body (fields of this) and in
        // other methods.
        await VerifyAsync("""
            public sealed class VisitLog
            {
                private readonly ILogger _logger;
                private string _lastId = "";
                private string _lastCity = "";
                private string _trail = "";
                private string _ids = "";
                private string _masked = "";
                private string _notes = "";
                private string? _cached;

                public void Append(string note) => _notes += note + "\n";

                public void Cache(Patient p) => _cached ??= p.IdNumber;

                public VisitLog(ILogger logger) => _logger = logger;

                public string Note { get; set; } = "";

                public void Remember(Patient p, string? fallback, bool full)
                {
                    _lastId = fallback ?? p.IdNumber;
                    _lastCity = fallback ?? p.City;
                    Note = full ? p.Diagnosis : "";
                    _trail += full ? p.IdNumber : p.City;
                    _ids += p.IdNumber + ";";
                    _masked += PiMask.IdCardNumber(p.IdNumber);
                    _logger.LogInformation("Now {Id} {City}", {|#0:_lastId|}, _lastCity);
                }

                public void Flush()
                {
                    _logger.LogInformation("Last {Id} {City}", {|#1:_lastId|}, _lastCity);
                    _logger.LogInformation("Note {Note}", {|#2:Note|});
                    _logger.LogInformation("Trail {Trail}", {|#3:_trail|});
                    _logger.LogInformation("Ids {Ids} {Masked}", {|#4:_ids|}, _masked);
                    _logger.LogInformation("Notes {Notes}", {|#5:_notes|});
                    _logger.LogInformation("Cached {Id}", {|#6:_cached|});
                }
            }

            class Ward
            {
                void Admit(VisitLog log, Patient p) => log.Append(p.Diagnosis);
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogInformation"),
            Expect(2, Diagnosis, "ILogger.LogInformation"),
            Expect(3, IdNumber, "ILogger.LogInformation"),
            Expect(4, IdNumber, "ILogger.LogInformation"),
            Expect(5, Diagnosis, "ILogger.LogInformation"),
            Expect(6, IdNumber, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Members_assigned_by_deconstruction_hold_their_own_element()
    {
        // `(_id, _logger) = (id, logger)` is how many constructors store their parameters: each member holds its own
        // element, in the constructor read without a graph and in a method summarised for its own reads alike.
        await VerifyAsync("""
            public sealed class Visit
            {
                private readonly string _id;
                private readonly string _note;
                private readonly ILogger _logger;

                public Visit(string id, string note, ILogger logger) => (_id, _note, _logger) = (id, note, logger);

                public void Log() => _logger.LogInformation("{Id} {Note}", {|#0:_id|}, _note);
            }

            public sealed class VisitLog
            {
                private readonly ILogger _logger;
                private string _lastId = "";
                private string _lastCity = "";

                public VisitLog(ILogger logger) => _logger = logger;

                private string _pairId = "";
                private int _length;

                public void Remember(Patient p) => (_lastId, _lastCity) = (p.IdNumber, p.City);

                // A value that is no tuple literal: each member may hold all of it.
                public void RememberPair(Patient p)
                {
                    var pair = (p.IdNumber, p.IdNumber.Length);
                    (_pairId, _length) = pair;
                }

                public void Flush() => _logger.LogInformation("Last {Id} {City} {Pair} {Length}", {|#1:_lastId|}, _lastCity, {|#2:_pairId|}, _length);
            }

            class Ward
            {
                void Admit(ILogger logger, Patient p) => new Visit(p.IdNumber, p.City, logger).Log();
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task A_sum_or_an_average_carries_what_its_selector_returns()
    {
        // `ids.Sum(id => id.Length)` adds up lengths, not IDs. A selector returning data keeps it; without a selector the
        // sum is made of the elements; Max returns one of them.
        await VerifyAsync("""
            class C
            {
                void M(ILogger logger, List<Patient> patients)
                {
                    var ids = patients.Select(x => x.IdNumber).ToList();
                    logger.LogInformation("{Characters} {Mean}", ids.Sum(id => id.Length), ids.Average(id => id.Length));
                    logger.LogInformation("{Ages}", {|#0:patients.Sum(x => x.Age)|});
                    logger.LogInformation("{Last}", {|#1:ids.Max()|});
                    logger.LogInformation("{Total}", {|#2:patients.Select(x => x.Age).Sum()|});
                }
            }
            """,
            Expect(0, "'Patient.Age' (MedicalHealth)", "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogInformation"),
            Expect(2, "'Patient.Age' (MedicalHealth)", "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Deconstructing_a_tuple_whose_parts_are_known_gives_each_target_its_own_part()
    {
        // `var pair = (p.IdNumber, p.City); (_id, _city) = pair;`: the parts of a tuple built in place are tracked, so each
        // target takes its own part, as it does from a tuple literal; an untracked tuple still gives every target all of it.
        await VerifyAsync("""
            public sealed class VisitLog
            {
                private readonly ILogger _logger;
                private string _pairId = "";
                private string _pairCity = "";

                public VisitLog(ILogger logger) => _logger = logger;

                public void RememberPair(Patient p)
                {
                    var pair = (p.IdNumber, p.City);
                    (_pairId, _pairCity) = pair;
                }

                public void Flush() => _logger.LogInformation("{Id} {City}", {|#0:_pairId|}, _pairCity);

                public void Here(Patient p, (string, string) given)
                {
                    var pair = (p.IdNumber, p.City);
                    var (id, city) = pair;
                    _logger.LogInformation("{Id} {City}", {|#1:id|}, city);
                    (string Code, string Town) named = (p.City, p.Diagnosis);
                    var (code, town) = named;
                    _logger.LogInformation("{Code} {Town}", code, {|#2:town|});
                    given = (p.IdNumber, "x");
                    var (first, second) = given;
                    _logger.LogInformation("{First} {Second}", {|#3:first|}, second);
                }

                // A tuple whose parts are not tracked (a classified parameter's) is all of it in each part: masking one part
                // on one path leaves the other path's; masking it in place leaves nothing there.
                public void Found([SensitivePersonalInfo(Category.SpecificIdentity)] (string Id, string City) row, bool masked)
                {
                    if (masked)
                    {
                        row = ("***", row.City);
                    }

                    var (id, _) = row;
                    _logger.LogInformation("{Id}", {|#4:id|});
                }

                public void Kept([SensitivePersonalInfo(Category.SpecificIdentity)] (string Id, string City) row, bool masked)
                {
                    if (!masked)
                    {
                        row = ("***", row.City);
                    }
                    else
                    {
                        _logger.LogDebug("kept");
                    }

                    var (id, _) = row;
                    _logger.LogInformation("{Id}", {|#5:id|});
                }

                public void Masking([SensitivePersonalInfo(Category.SpecificIdentity)] (string Id, string City) row)
                {
                    row.Id = PiMask.IdCardNumber(row.Id);
                    _logger.LogInformation("{Id}", row.Id);
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogInformation"),
            Expect(2, Diagnosis, "ILogger.LogInformation"),
            Expect(3, IdNumber, "ILogger.LogInformation"),
            Expect(4, "'row' (SpecificIdentity)", "ILogger.LogInformation"),
            Expect(5, "'row' (SpecificIdentity)", "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Members_copied_by_a_method_without_parameters_hold_what_they_copy()
    {
        // `Freeze() => _label = id;` (a primary constructor's parameter) and `Backup() => _backup = _current;` take no
        // parameter and read no declared data: what they store is what the member they copy holds.
        await VerifyAsync("""
            public sealed class Visit(string id, ILogger logger)
            {
                private string _label = "";

                public void Freeze() => _label = id;

                public void LogLabel() => logger.LogInformation("{Label}", {|#0:_label|});
            }

            public sealed class Cache
            {
                private readonly ILogger _logger;
                private string _current = "";
                private string _backup = "";
                private string _town = "";
                private string _townBackup = "";

                public Cache(ILogger logger) => _logger = logger;

                public void Set(Patient p)
                {
                    _current = p.IdNumber;
                    _town = p.City;
                }

                public void Backup()
                {
                    _backup = _current;
                    _townBackup = _town;
                }

                public void Dump() => _logger.LogInformation("{Backup} {Town}", {|#1:_backup|}, _townBackup);

                // Through a call the copy keeps the value; a comparison or a length is a fact about it, not the value.
                private string _trimmed = "";
                private string _status = "";
                private string _size = "";

                public void Derive()
                {
                    _trimmed = _current.Trim();
                    _status = _current == null ? "none" : "set";
                    _size = $"{_current.Length} chars";
                }

                public void DumpDerived() => _logger.LogInformation("{Trimmed} {Status} {Size}", {|#3:_trimmed|}, _status, _size);

                // Copies of copies, declared before what they copy.
                private string _oldest = "";
                private string _older = "";

                public void Rotate2() => _oldest = _older;

                public void Rotate1() => _older = _backup;

                public void DumpOldest() => _logger.LogInformation("{Oldest}", {|#2:_oldest|});
            }

            // A chain of copies whose only reader is its last member.
            public sealed class Chain
            {
                private readonly ILogger _logger;
                private string _first = "";
                private string _second = "";
                private string _third = "";

                public Chain(ILogger logger) => _logger = logger;

                public void Third() => _third = _second;

                public void Second() => _second = _first;

                public void First(Patient p) => _first = p.IdNumber;

                public void Dump() => _logger.LogInformation("{Third}", {|#4:_third|});
            }

            class Ward
            {
                void Admit(ILogger logger, Patient p) => new Visit(p.IdNumber, logger).Freeze();
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"),
            Expect(3, IdNumber, "ILogger.LogInformation"),
            Expect(4, IdNumber, "ILogger.LogInformation"));
    }

    [Fact]
    public async Task Primary_constructor_parameters_read_by_members_hold_what_creations_pass()
    {
        // `class Visit(string id, …)`: members read `id` as a field the constructor stored it in, and it is followed as one
        // (what any creation passes; masked and unclassified values stay clean).
        await VerifyAsync("""
            public sealed class Visit(string id, string note, ILogger logger)
            {
                public void Log() => logger.LogInformation("{Id} {Note}", {|#0:id|}, note);

                public string Id => id;

                public void Later(List<int> rounds)
                {
                    rounds.ForEach(round => logger.LogInformation("{Round} {Id}", round, {|#5:id|}));
                }

                private string _label = "";

                public void Label(string suffix) => _label = id + suffix;

                public void LogLabel() => logger.LogInformation("{Label}", {|#13:_label|});
            }

            public readonly struct Ticket(string code, ILogger logger)
            {
                public void Print() => logger.LogInformation("{Code}", code);
            }

            public readonly struct Badge(string number, ILogger logger)
            {
                public void Print() => logger.LogInformation("{Number}", {|#2:number|});
            }

            // A generic type, and a partial one whose primary constructor is in another part.
            public sealed class Box<T>(string label, T content, ILogger logger)
            {
                public T Content => content;

                public void Log() => logger.LogInformation("{Label}", {|#8:label|});
            }

            public partial class Chart(string owner, ILogger logger);

            // Assigned by a member, as a field would be.
            public sealed class Holder(string value, ILogger logger)
            {
                public void Take(Patient p) => value = p.IdNumber;

                public void Set(string v) => value = v;

                public void Log() => logger.LogInformation("{Value}", {|#10:value|});
            }

            public partial class Chart
            {
                public void Log() => logger.LogInformation("{Owner}", {|#9:owner|});
            }

            // A record's parameter is a property.
            public record Pass(string Holder, ILogger Logger)
            {
                public string Copy { get; } = Holder;

                public void Log() => Logger.LogInformation("{Holder} {Copy}", {|#6:Holder|}, {|#11:Copy|});
            }

            // A property the record declares itself holds what its initializer gives it.
            public record Account(string Holder, ILogger Logger)
            {
                public string Holder { get; init; } = PiMask.IdCardNumber(Holder);

                public void Log() => Logger.LogInformation("{Holder}", Holder);
            }

            public sealed class Slot(string value, ILogger logger)
            {
                public void Set(string v) => value = v;

                public void Log() => logger.LogInformation("{Value}", {|#12:value|});
            }

            // The constructor's own base argument is the argument itself, reported once, at the creation.
            public class Labelled(string label)
            {
                public string Label => label;
            }

            public sealed class Tagged(string tag, ILogger logger) : Labelled(Stamp.Of(logger, tag));

            static class Stamp
            {
                public static string Of(ILogger logger, string value)
                {
                    logger.LogInformation("{Value}", value);
                    return "";
                }
            }

            // Stored by initializers instead of captured.
            public sealed class Card(string number, string city, ILogger logger)
            {
                private readonly string _number = number;
                private readonly string _city = city;
                private readonly ILogger _logger = logger;
                private readonly string _kind = number.Length > 8 ? "long" : "short";
                private readonly string _checked = number ?? throw new ArgumentNullException(nameof(number));

                public string Code { get; } = "C-" + number;

                public void Print() => _logger.LogInformation("{Number} {Code} {City}", {|#3:_number|}, {|#4:Code|}, _city);

                public void Check() => _logger.LogInformation("{Kind} {Checked}", _kind, {|#14:_checked|});
            }

            class Ward
            {
                void Admit(ILogger logger, Patient p)
                {
                    var visit = new Visit(p.IdNumber, p.City, logger);
                    visit.Log();
                    logger.LogInformation("{Id}", {|#1:visit.Id|});
                    new Ticket(PiMask.IdCardNumber(p.IdNumber), logger).Print();
                    new Ticket(p.City, logger).Print();
                    new Badge(p.IdNumber, logger).Print();
                    new Card(p.IdNumber, p.City, logger).Print();
                    visit.Later(new List<int>());
                    new Pass(p.IdNumber, logger).Log();
                    _ = new Tagged({|#7:p.IdNumber|}, logger);
                    new Box<int>(p.IdNumber, 0, logger).Log();
                    new Chart(p.IdNumber, logger).Log();
                    var holder = new Holder("", logger);
                    holder.Take(p);
                    holder.Log();
                    new Account(p.IdNumber, logger).Log();
                    var slot = new Slot("", logger);
                    slot.Set(p.IdNumber);
                    slot.Log();
                    visit.Label("-1");
                    visit.LogLabel();
                    new Card(p.IdNumber, p.City, logger).Check();
                }
            }
            """,
            Expect(0, IdNumber, "ILogger.LogInformation"),
            Expect(1, IdNumber, "ILogger.LogInformation"),
            Expect(2, IdNumber, "ILogger.LogInformation"),
            Expect(3, IdNumber, "ILogger.LogInformation"),
            Expect(4, IdNumber, "ILogger.LogInformation"),
            Expect(5, IdNumber, "ILogger.LogInformation"),
            Expect(6, IdNumber, "ILogger.LogInformation"),
            Expect(7, IdNumber, "ILogger.LogInformation' through 'new Tagged(string, ILogger)', 'Stamp.Of(ILogger, string)"),
            Expect(8, IdNumber, "ILogger.LogInformation"),
            Expect(9, IdNumber, "ILogger.LogInformation"),
            Expect(10, IdNumber, "ILogger.LogInformation"),
            Expect(11, IdNumber, "ILogger.LogInformation"),
            Expect(12, IdNumber, "ILogger.LogInformation"),
            Expect(13, IdNumber, "ILogger.LogInformation"),
            Expect(14, IdNumber, "ILogger.LogInformation"));
    }

    // Most tests check what is reported and where; the fix targets (additional locations) have their own tests.
    private static DiagnosticResult Expect(int markup, string data, string sink) =>
        Verify.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(markup).WithArguments(data, sink, ExpectedCitations.Display(data))
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static DiagnosticResult ExpectWithTargets(int markup, string data, string sink, params int[] targets)
    {
        var result = Verify.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(markup).WithArguments(data, sink, ExpectedCitations.Display(data));
        foreach (var target in targets)
        {
            result = result.WithLocation(target);
        }

        return result;
    }

    private static Task VerifyAsync(string body, params DiagnosticResult[] expected) =>
        Verify.VerifyAnalyzerAsync(Usings + body + Model, expected);

}
