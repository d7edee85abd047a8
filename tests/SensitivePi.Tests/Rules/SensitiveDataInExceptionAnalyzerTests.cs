using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.CodeFixes;
using SensitivePi.Tests.Verifiers;
using Fix = SensitivePi.Tests.Verifiers.CodeFixVerifier<
    SensitivePi.Tests.Verifiers.SingleRule.SensitiveDataInException,
    SensitivePi.CodeFixes.ExceptionMessageCodeFixProvider>;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.SensitiveDataInException>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI011: sensitive data given to an exception the method throws, and the mask fix.</summary>
public class SensitiveDataInExceptionAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using SensitivePi;

        """;

    private const string Model = """

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            public string City { get; set; } = "";
            public int RecordId { get; set; }
        }

        public class PatientNotFoundException : Exception
        {
            public PatientNotFoundException(string idNumber) : base("No patient " + idNumber) { }
        }

        public static class Vault
        {
            [EncryptsPersonalInfo] public static string Seal(string value) => value;
        }
        """;

    private const string IdNumber = "'Patient.IdNumber' (SpecificIdentity)";
    private const string Diagnosis = "'Patient.Diagnosis' (MedicalHealth)";

    [Fact]
    public async Task Data_given_to_an_exception_that_is_thrown_is_reported_at_the_argument()
    {
        await VerifyAsync("""
            class C
            {
                void Validate(Patient p)
                {
                    if (p.IdNumber.Length != 18) throw new ArgumentException({|#0:$"Invalid ID number {p.IdNumber}"|}, nameof(p));
                    if (p.City.Length == 0) throw new InvalidOperationException({|#1:"No city for " + p.Diagnosis|});
                }

                Patient Find(Dictionary<string, Patient> all, Patient p) =>
                    all.TryGetValue(p.IdNumber, out var found) ? found : throw new PatientNotFoundException({|#2:p.IdNumber|});

                void Kept(Patient p)
                {
                    var error = new KeyNotFoundException({|#3:$"Unknown patient {p.IdNumber}"|});
                    throw error;
                }

                // Review: through ?: and switch arms, and a local assigned rather than declared.
                void Branches(Patient p, int kind)
                {
                    if (kind == 0) throw kind > 1 ? new ArgumentException({|#4:p.Diagnosis|}) : new InvalidOperationException();
                    if (kind == 1) throw kind switch { 1 => new KeyNotFoundException({|#5:p.IdNumber|}), _ => new InvalidOperationException() };
                    if (kind == 2) throw new({|#7:p.IdNumber|});
                    Exception e;
                    e = new InvalidOperationException({|#6:p.Diagnosis|});
                    throw e;
                }

                // Review: a local function's parameter of the same name is another variable: this exception is not thrown.
                void Shadowed(Patient p, List<Exception> errors)
                {
                    var error = new KeyNotFoundException($"Unknown patient {p.IdNumber}");
                    errors.Add(error);
                    void Fail(Exception error) => throw error;
                }
            }
            """,
            Expect(0, IdNumber, "new ArgumentException"),
            Expect(1, Diagnosis, "new InvalidOperationException"),
            Expect(2, IdNumber, "new PatientNotFoundException"),
            Expect(3, IdNumber, "new KeyNotFoundException"),
            Expect(4, Diagnosis, "new ArgumentException"),
            Expect(5, IdNumber, "new KeyNotFoundException"),
            Expect(6, Diagnosis, "new InvalidOperationException"),
            Expect(7, IdNumber, "new Exception"));
    }

    [Fact]
    public async Task Masked_encrypted_unannotated_and_exceptions_not_thrown_here_are_clean()
    {
        await VerifyAsync("""
            class C
            {
                void M(Patient p)
                {
                    if (p.City.Length == 0) throw new InvalidOperationException($"Invalid ID number {PiMask.IdCardNumber(p.IdNumber)}");
                    if (p.RecordId == 0) throw new InvalidOperationException($"No record for {p.City} ({p.RecordId}), sealed {Vault.Seal(p.IdNumber)}");
                    if (p.IdNumber.Length != 18) throw new ArgumentException("Invalid ID number", nameof(p));

                    // Created only to be matched: the subject of a switch is not what it throws.
                    if (p.RecordId == 1) throw new KeyNotFoundException(p.Diagnosis) switch { { Message.Length: > 0 } => new InvalidOperationException("gone"), _ => new ArgumentException("bad") };
                }

                // Created, not thrown here: a factory's result (reported where a caller throws it, when the data comes from
                // the caller), a task's fault.
                Exception NotFound(Patient p) => new KeyNotFoundException($"Unknown patient {p.IdNumber}");
            }
            """);
    }

    // rules.md: "in the method or through a helper" — reported where the data enters the helper, naming the path.
    [Fact]
    public async Task Data_handed_to_a_helper_that_throws_it_is_reported_at_the_argument()
    {
        await VerifyAsync("""
            static class Guard
            {
                public static void Fail(string id) => throw new InvalidOperationException($"Unknown patient {id}");
                public static void FailQuietly(string id) => throw new InvalidOperationException("Unknown patient");
                public static Exception Build(string id) => new InvalidOperationException(id);
            }

            class C
            {
                void M(Patient p)
                {
                    if (p.City.Length == 0) Guard.Fail({|#0:p.IdNumber|});
                    if (p.RecordId == 0) Guard.FailQuietly(p.IdNumber);
                    if (p.RecordId == 1) Guard.Fail(p.City);
                    var unused = Guard.Build(p.IdNumber);
                }
            }
            """,
            Expect(0, IdNumber, "new InvalidOperationException' through 'Guard.Fail(string)"));
    }

    // An exception's Data goes wherever the exception is logged, thrown here or not.
    [Fact]
    public async Task Data_written_into_an_exceptions_Data_is_reported()
    {
        await VerifyAsync("""
            class C
            {
                void M(Patient p, Action work)
                {
                    try
                    {
                        work();
                    }
                    catch (Exception e)
                    {
                        e.Data["id"] = {|#0:p.IdNumber|};
                        e.Data.Add("diagnosis", {|#1:p.Diagnosis|});
                        e.Data["city"] = p.City;
                        e.Data["masked"] = PiMask.IdCardNumber(p.IdNumber);
                        throw;
                    }

                    var wrapped = new PatientException(p);
                    var table = new System.Collections.Hashtable();
                    table["id"] = p.IdNumber;
                    IDictionary<string, string> bag = new Dictionary<string, string>();
                    bag["id"] = p.IdNumber;
                }
            }
            """,
            Expect(0, IdNumber, "Exception.Data"),
            Expect(1, "'Patient.Diagnosis' (MedicalHealth)", "Exception.Data"));
    }

    // The survey counts a record written through a sink's setter, though the body reads no classified member itself.
    [Fact]
    public async Task A_record_written_whole_into_an_exceptions_Data_is_reported()
    {
        await VerifyAsync("""
            public record Visit([property: SensitivePersonalInfo(Category.MedicalHealth)] string Diagnosis, string Ward);

            class C
            {
                void M(Visit visit, Action work)
                {
                    try
                    {
                        work();
                    }
                    catch (Exception e)
                    {
                        e.Data["visit"] = {|#0:visit|};
                        e.Data["ward"] = visit.Ward;
                        throw;
                    }
                }
            }
            """,
            Expect(0, "'Visit.Diagnosis' (MedicalHealth)", "Exception.Data"));
    }

    private const string PatientExceptionSource = """

        // A constructor initializer creates nothing: the exception is reported where it is made and thrown.
        public class PatientException : Exception
        {
            public PatientException(Patient p) : base(p.City) { Data["record"] = p.RecordId; }
        }
        """;

    [Fact]
    public async Task The_fix_masks_a_value_written_into_an_exceptions_Data()
    {
        var test = new Fix.Test { CodeActionEquivalenceKey = ExceptionMessageCodeFixProvider.EquivalenceKey };
        test.TestState.Sources.Add(Usings + """
            public class C
            {
                public void Annotate(Exception e, Patient p) => e.Data["id"] = {|#0:p.IdNumber|};
            }
            """ + Model);
        test.FixedState.Sources.Add(Usings + """
            public class C
            {
                public void Annotate(Exception e, Patient p) => e.Data["id"] = PiMask.IdCardNumber(p.IdNumber);
            }
            """ + Model);
        test.ExpectedDiagnostics.Add(Fix.Diagnostic(Descriptors.SensitiveDataInException).WithLocation(0)
            .WithArguments(IdNumber, "Exception.Data", ExpectedCitations.Display(IdNumber)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync(CancellationToken.None);
    }

    // A factory's exception shows whatever its callers hand it, where the caller throws the factory's result.
    [Fact]
    public async Task Data_handed_to_a_factory_whose_exception_the_caller_throws_is_reported_at_the_argument()
    {
        await VerifyAsync("""
            static class Errors
            {
                public static Exception NotFound(string id) => new KeyNotFoundException($"Unknown patient {id}");
                public static InvalidOperationException Invalid(string id, bool strict) => strict ? new InvalidOperationException(id) : new InvalidOperationException("Invalid");
                public static Exception Quiet(string id) => new KeyNotFoundException("Unknown patient");
                public static Func<Exception> Later(string id) => () => new KeyNotFoundException(id);
                public static Exception Wrapped(string id) => NotFound(id);
                public static void Fail(string id) => throw NotFound(id);
            }

            class C
            {
                void M(Patient p)
                {
                    if (p.City.Length == 0) throw Errors.NotFound({|#0:p.IdNumber|});
                    if (p.RecordId == 0) throw Errors.Invalid({|#1:p.IdNumber|}, strict: true);
                    if (p.RecordId == 1) throw Errors.Quiet(p.IdNumber);
                    var kept = Errors.NotFound(p.IdNumber);
                    var later = Errors.Later(p.IdNumber);
                    _ = p.City ?? throw Errors.NotFound({|#2:p.IdNumber|});
                    if (p.RecordId == 2) throw Errors.Wrapped({|#3:p.IdNumber|});
                    if (p.RecordId == 3) Errors.Fail({|#4:p.IdNumber|});
                    var wrapped = Errors.Wrapped(p.IdNumber);
                }
            }
            """,
            Expect(0, IdNumber, "new KeyNotFoundException' through 'Errors.NotFound(string)"),
            Expect(1, IdNumber, "new InvalidOperationException' through 'Errors.Invalid(string, bool)"),
            Expect(2, IdNumber, "new KeyNotFoundException' through 'Errors.NotFound(string)"),
            Expect(3, IdNumber, "new KeyNotFoundException' through 'Errors.Wrapped(string)', 'Errors.NotFound(string)"),
            Expect(4, IdNumber, "new KeyNotFoundException' through 'Errors.Fail(string)', 'Errors.NotFound(string)"));
    }

    // Data the factory reads itself is reported inside it, at compilation end, once some caller throws its result.
    [Fact]
    public async Task Data_a_factory_reads_itself_is_reported_there_when_a_caller_throws_its_exception()
    {
        await VerifyAsync("""
            static class Errors
            {
                public static Exception NotFound(Patient p) => new KeyNotFoundException({|#0:$"No record for {p.IdNumber}"|});
                public static Exception Conflict(Patient p, bool strict) => strict ? new InvalidOperationException({|#1:p.Diagnosis|}) : new InvalidOperationException("conflict");
                public static Exception Switched(Patient p) => p.RecordId switch { 0 => new ArgumentException({|#2:p.IdNumber|}), _ => new ArgumentException("other") };
                public static Exception Masked(Patient p) => new KeyNotFoundException(PiMask.IdCardNumber(p.IdNumber));
                public static Exception Unclassified(Patient p) => new KeyNotFoundException(p.City);
                public static Exception NeverThrown(Patient p) => new KeyNotFoundException(p.Diagnosis);
                public static Exception KeptFirst(Patient p) => new KeyNotFoundException(p.IdNumber);
                public static Exception Inspected(Patient p) => new KeyNotFoundException(p.Diagnosis);
            }

            public interface IErrors { Exception Gone(Patient p); }
            public sealed class PatientErrors : IErrors
            {
                public Exception Gone(Patient p) => new InvalidOperationException({|#3:p.Diagnosis|});
            }

            class C
            {
                void M(Patient p, string? name)
                {
                    if (p.City.Length == 0) throw Errors.NotFound(p);
                    _ = name ?? throw Errors.Conflict(p, strict: true);
                    if (p.RecordId > 9) throw (Exception)Errors.Switched(p);
                    if (p.RecordId > 8) throw Errors.Masked(p);
                    if (p.RecordId > 7) throw Errors.Unclassified(p);
                    var task = System.Threading.Tasks.Task.FromException(Errors.NeverThrown(p));
                    // Only inspected: the exception thrown is one of the arms'.
                    if (p.RecordId > 6) throw Errors.Inspected(p) switch { KeyNotFoundException => new InvalidOperationException("gone"), _ => new ArgumentException("bad") };
                    var kept = Errors.KeptFirst(p);
                    throw kept;
                }

                void Through(IErrors errors, Patient p, Exception? cached) => throw cached ?? errors.Gone(p);
            }
            """,
            Expect(0, IdNumber, "new KeyNotFoundException"),
            Expect(1, Diagnosis, "new InvalidOperationException"),
            Expect(2, IdNumber, "new ArgumentException"),
            Expect(3, Diagnosis, "new InvalidOperationException"));
    }

    [Fact]
    public async Task The_fix_masks_each_value_with_its_helper_and_Fix_All_fixes_every_one()
    {
        var test = new Fix.Test { CodeActionEquivalenceKey = ExceptionMessageCodeFixProvider.EquivalenceKey };
        test.TestState.Sources.Add(Usings + """
            class C
            {
                void Validate(Patient p)
                {
                    if (p.IdNumber.Length != 18) throw new ArgumentException({|#0:$"Invalid ID number {p.IdNumber}"|}, nameof(p));
                    if (p.City.Length == 0) throw new InvalidOperationException({|#1:"No city for " + p.Diagnosis|});
                }
            }
            """ + Model);
        test.FixedState.Sources.Add(Usings + """
            class C
            {
                void Validate(Patient p)
                {
                    if (p.IdNumber.Length != 18) throw new ArgumentException($"Invalid ID number {PiMask.IdCardNumber(p.IdNumber)}", nameof(p));
                    if (p.City.Length == 0) throw new InvalidOperationException("No city for " + PiMask.Full(p.Diagnosis));
                }
            }
            """ + Model);
        test.ExpectedDiagnostics.Add(Fix.Diagnostic(Descriptors.SensitiveDataInException).WithLocation(0)
            .WithArguments(IdNumber, "new ArgumentException", ExpectedCitations.Display(IdNumber)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        test.ExpectedDiagnostics.Add(Fix.Diagnostic(Descriptors.SensitiveDataInException).WithLocation(1)
            .WithArguments(Diagnosis, "new InvalidOperationException", ExpectedCitations.Display(Diagnosis)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_fix_masks_what_a_factory_reads_itself_and_Fix_All_fixes_every_one()
    {
        // Reported at compilation end; the fix is the same as where the exception is thrown.
        const string Source = """
            static class Errors
            {
                public static Exception NotFound(Patient p) => new KeyNotFoundException({|#0:$"No record for {p.IdNumber}"|});
                public static Exception Conflict(Patient p) => new InvalidOperationException({|#1:"Conflict: " + p.Diagnosis|});
            }

            class C
            {
                void M(Patient p)
                {
                    if (p.City.Length == 0) throw Errors.NotFound(p);
                    throw Errors.Conflict(p);
                }
            }
            """;
        var test = new Fix.Test
        {
            CodeActionEquivalenceKey = ExceptionMessageCodeFixProvider.EquivalenceKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.Sources.Add(Usings + Source + Model);
        test.FixedState.Sources.Add(Usings + Source
            .Replace("{|#0:$\"No record for {p.IdNumber}\"|}", "$\"No record for {PiMask.IdCardNumber(p.IdNumber)}\"", System.StringComparison.Ordinal)
            .Replace("{|#1:\"Conflict: \" + p.Diagnosis|}", "\"Conflict: \" + PiMask.Full(p.Diagnosis)", System.StringComparison.Ordinal) + Model);
        test.ExpectedDiagnostics.Add(Fix.Diagnostic(Descriptors.SensitiveDataInException).WithLocation(0)
            .WithArguments(IdNumber, "new KeyNotFoundException", ExpectedCitations.Display(IdNumber)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        test.ExpectedDiagnostics.Add(Fix.Diagnostic(Descriptors.SensitiveDataInException).WithLocation(1)
            .WithArguments(Diagnosis, "new InvalidOperationException", ExpectedCitations.Display(Diagnosis)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Expect(int markup, string data, string sink) =>
        Verify.Diagnostic(Descriptors.SensitiveDataInException).WithLocation(markup).WithArguments(data, sink, ExpectedCitations.Display(data))
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static Task VerifyAsync(string body, params DiagnosticResult[] expected) => VerifyWithAsync(body + PatientExceptionSource, expected);

    private static Task VerifyWithAsync(string body, params DiagnosticResult[] expected) =>
        Verify.VerifyAnalyzerAsync(Usings + body + Model, expected);
}
