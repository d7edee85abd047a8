using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.MissingSeparateConsent>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI003: which operations need separate consent, and which guards and declarations satisfy it.</summary>
public class MissingSeparateConsentAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using SensitivePi;

        """;

    private const string Model = """

        public class Patient
        {
            [ConsentSubject] public string Id { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            [SensitivePersonalInfo(Category.Biometric, LegalBasis = LegalBasis.ContractNecessity)] public byte[] Template { get; set; } = new byte[0];
            [SensitivePersonalInfo(Category.MinorUnder14)] public string ChildNote { get; set; } = "";
        }

        public class Faces
        {
            [RequiresSeparateConsent(Category.Biometric, Purpose = "check-in")]
            public void Enrol(byte[] photo) { }
        }

        public class Consent
        {
            [SeparateConsentCheck(Category.Biometric)] public bool FaceConsent(string subject) => true;
            [SeparateConsentCheck(Category.MedicalHealth)] public bool HealthConsent(string subject) => true;
        }
        """;

    [Fact]
    public async Task Calls_of_members_requiring_consent_need_a_check_on_every_path_or_the_attribute()
    {
        await VerifyAsync("""
            class C
            {
                private readonly Faces _faces = new();
                private readonly Consent _consent = new();

                void Unguarded(byte[] photo) => {|#0:_faces.Enrol(photo)|};

                void Guarded(string subject, byte[] photo)
                {
                    if (!_consent.FaceConsent(subject)) return;
                    _faces.Enrol(photo);
                }

                void WrongCategory(string subject, byte[] photo)
                {
                    if (!_consent.HealthConsent(subject)) return;
                    {|#1:_faces.Enrol(photo)|};
                }

                [RequiresSeparateConsent(Category.Biometric)]
                void Declared(byte[] photo)
                {
                    _faces.Enrol(photo);
                    Action later = () => _faces.Enrol(photo);
                    later();
                }

                [RequiresSeparateConsent(Category.Biometric)]
                void SecondLevel(byte[] photo) => Declared(photo);

                void CallsDeclared(byte[] photo) => {|#2:Declared(photo)|};

                void CallsSecondLevel(byte[] photo) => {|#3:SecondLevel(photo)|};
            }
            """,
            Expect(0, "Faces.Enrol", "Biometric data", "Biometric"),
            Expect(1, "Faces.Enrol", "Biometric data", "Biometric"),
            Expect(2, "C.Declared", "Biometric data", "Biometric"),
            Expect(3, "C.SecondLevel", "Biometric data", "Biometric"));
    }

    // rules.md SPI003 (a): a method requiring consent handed as a delegate to a method of a referenced assembly (a route
    // handler, a callback) is a call at that argument; handed to a method of the project, its calls there are checked instead.
    [Fact]
    public async Task A_method_requiring_consent_handed_to_a_library_as_a_delegate_is_a_call_there()
    {
        await VerifyAsync("""
            class C
            {
                private readonly Consent _consent = new();

                [RequiresSeparateConsent(Category.Biometric)]
                static void Enrol(byte[] photo) { }

                static void Plain(byte[] photo) { }

                void Register(System.Collections.Generic.List<byte[]> photos)
                {
                    photos.ForEach({|#0:Enrol|});
                    System.Threading.Tasks.Task.Run(() => Plain(new byte[0]));
                    Action<byte[]> kept = Enrol;
                    Run(Enrol);
                    photos.ForEach(Plain);
                }

                void Guarded(string subject, System.Collections.Generic.List<byte[]> photos)
                {
                    if (!_consent.FaceConsent(subject)) return;
                    photos.ForEach(Enrol);
                }

                static void Run(Action<byte[]> action) { }
            }
            """,
            Expect(0, "C.Enrol", "Biometric data", "Biometric"));
    }

    [Fact]
    public async Task Constructors_overrides_and_interface_implementations_inherit_the_requirement()
    {
        await VerifyAsync("""
            class Scanner
            {
                [RequiresSeparateConsent(Category.Biometric)]
                public Scanner() { }
            }

            interface IRecords
            {
                [RequiresSeparateConsent(Category.MedicalHealth)]
                void Share(string note);
            }

            class Records : IRecords
            {
                public void Share(string note) { }
            }

            abstract class Exporter
            {
                [RequiresSeparateConsent(Category.MedicalHealth)]
                public abstract void Export();
            }

            class CsvExporter : Exporter
            {
                public override void Export() { }
            }

            class C
            {
                void M(Records records, CsvExporter exporter)
                {
                    var scanner = {|#0:new Scanner()|};
                    {|#1:records.Share("x")|};
                    {|#2:exporter.Export()|};
                }
            }
            """,
            Expect(0, "new Scanner", "Biometric data", "Biometric"),
            Expect(1, "Records.Share", "MedicalHealth data", "MedicalHealth"),
            Expect(2, "CsvExporter.Export", "MedicalHealth data", "MedicalHealth"));
    }

    [Fact]
    public async Task Stores_and_transmissions_of_consent_based_data_need_the_check_whatever_the_channel()
    {
        await VerifyAsync("""
            class C
            {
                private readonly Consent _consent = new();

                async Task M(Patient p, HttpClient http)
                {
                    {|#0:File.WriteAllText("notes.txt", p.Diagnosis)|};
                    await {|#1:http.PostAsync("https://insurer.example.cn/claims", new StringContent(p.Diagnosis))|};
                    File.WriteAllBytes("template.bin", p.Template);
                    File.WriteAllText("child.txt", p.ChildNote);
                    if (_consent.HealthConsent(p.Id))
                    {
                        File.WriteAllText("notes.txt", p.Diagnosis);
                    }

                    // Neither the console nor memory is storage or transmission.
                    Console.Out.WriteLine(p.Diagnosis);
                    using var memory = new MemoryStream();
                    memory.Write(System.Text.Encoding.UTF8.GetBytes(p.Diagnosis));
                    using var text = new StringWriter();
                    text.Write(p.Diagnosis);
                }
            }
            """,
            Expect(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(1, "HttpClient.PostAsync", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    // What ASP.NET Core hands a view component or a middleware to write is the response, not storage; another writer or
    // stream is, even when it was read from the response first (only the property read at the call is recognised).
    [Fact]
    public async Task A_views_writer_and_the_response_body_are_not_storage()
    {
        await VerifyAsync("""
            class C
            {
                void View(Microsoft.AspNetCore.Mvc.ViewComponents.ViewComponentContext context, Patient p) => context.Writer.Write(p.Diagnosis);

                Task Body(Microsoft.AspNetCore.Http.HttpResponse response, Patient p) =>
                    response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(p.Diagnosis)).AsTask();

                void File(TextWriter file, Patient p) => {|#0:file.Write(p.Diagnosis)|};

                void Copied(Microsoft.AspNetCore.Mvc.ViewComponents.ViewComponentContext context, Patient p)
                {
                    var writer = context.Writer;
                    {|#1:writer.Write(p.Diagnosis)|};
                }
            }

            namespace Microsoft.AspNetCore.Mvc.ViewComponents
            {
                public class ViewComponentContext
                {
                    public System.IO.TextWriter Writer { get; set; } = System.IO.TextWriter.Null;
                }
            }

            namespace Microsoft.AspNetCore.Http
            {
                public abstract class HttpResponse
                {
                    public abstract System.IO.Stream Body { get; set; }
                }
            }
            """,
            Expect(0, "TextWriter.Write", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(1, "TextWriter.Write", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    // A serialiser or a copy keeps data when it writes into a file stream; into memory or the response it keeps nothing, and
    // the overload that returns text is no store at all.
    [Fact]
    public async Task A_serialiser_or_a_copy_into_a_file_stream_stores_into_memory_it_does_not()
    {
        await VerifyAsync("""
            class C
            {
                async Task Serialised(Patient p, string path)
                {
                    using (var file = File.Create(path))
                    {
                        await {|#0:System.Text.Json.JsonSerializer.SerializeAsync(file, p.Diagnosis)|};
                    }

                    using var opened = new FileStream(path, FileMode.Create);
                    {|#1:System.Text.Json.JsonSerializer.Serialize(opened, new { p.Diagnosis })|};

                    using var memory = new MemoryStream();
                    System.Text.Json.JsonSerializer.Serialize(memory, p.Diagnosis);
                    var text = System.Text.Json.JsonSerializer.Serialize(p.Diagnosis);

                    // Overloads whose value is an `object`: the stream is the target, the object the data.
                    {|#4:System.Text.Json.JsonSerializer.Serialize(opened, (object)p.Diagnosis, typeof(string))|};
                    {|#5:new System.Xml.Serialization.XmlSerializer(typeof(string)).Serialize(opened, p.Diagnosis)|};
                    new System.Xml.Serialization.XmlSerializer(typeof(string)).Serialize(memory, p.Diagnosis);
                }

                async Task Copied(Scan scan, string path)
                {
                    using var file = File.OpenWrite(path);
                    await {|#2:scan.Upload.CopyToAsync(file)|};
                    {|#3:scan.Report.CopyTo(file)|};
                    using var stream = scan.Upload.OpenReadStream();
                    {|#6:stream.CopyTo(file)|};

                    using var memory = new MemoryStream();
                    await scan.Upload.CopyToAsync(memory);
                    scan.Upload.CopyTo(memory);
                    await scan.Plain.CopyToAsync(file);
                }
            }

            public class Scan
            {
                [SensitivePersonalInfo(Category.MedicalHealth)] public Microsoft.AspNetCore.Http.IFormFile Upload { get; set; } = null!;
                public Microsoft.AspNetCore.Http.IFormFile Plain { get; set; } = null!;
                [SensitivePersonalInfo(Category.MedicalHealth)] public Stream Report { get; set; } = Stream.Null;
            }

            namespace Microsoft.AspNetCore.Http
            {
                public interface IFormFile
                {
                    Stream OpenReadStream();
                    void CopyTo(Stream target);
                    Task CopyToAsync(Stream target, System.Threading.CancellationToken cancellationToken = default);
                }
            }
            """,
            Expect(0, "JsonSerializer.SerializeAsync", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(1, "JsonSerializer.Serialize", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(2, "IFormFile.CopyToAsync", "'Scan.Upload' (MedicalHealth)", "MedicalHealth"),
            Expect(3, "Stream.CopyTo", "'Scan.Report' (MedicalHealth)", "MedicalHealth"),
            Expect(4, "JsonSerializer.Serialize", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(5, "XmlSerializer.Serialize", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(6, "Stream.CopyTo", "'Scan.Upload' (MedicalHealth)", "MedicalHealth"));
    }

    // Encryption does not replace consent: a CryptoStream over a file keeps the data. Over memory, or over a stream whose
    // origin is not seen, it keeps nothing that can be shown.
    [Fact]
    public async Task A_CryptoStream_over_a_file_stores_over_memory_it_does_not()
    {
        await VerifyAsync("""
            class C
            {
                void Keep(Patient p, System.Security.Cryptography.Aes aes, string path, Stream somewhere, bool append)
                {
                    using var file = new FileStream(path, FileMode.Create);
                    using var crypto = new System.Security.Cryptography.CryptoStream(file, aes.CreateEncryptor(), System.Security.Cryptography.CryptoStreamMode.Write);
                    {|#0:crypto.Write(System.Text.Encoding.UTF8.GetBytes(p.Diagnosis))|};

                    using var memory = new MemoryStream();
                    using var inMemory = new System.Security.Cryptography.CryptoStream(memory, aes.CreateEncryptor(), System.Security.Cryptography.CryptoStreamMode.Write);
                    inMemory.Write(System.Text.Encoding.UTF8.GetBytes(p.Diagnosis));
                    using var unknown = new System.Security.Cryptography.CryptoStream(somewhere, aes.CreateEncryptor(), System.Security.Cryptography.CryptoStreamMode.Write);
                    unknown.Write(System.Text.Encoding.UTF8.GetBytes(p.Diagnosis));

                    // Given two values: where it writes is not one thing.
                    var either = new System.Security.Cryptography.CryptoStream(file, aes.CreateEncryptor(), System.Security.Cryptography.CryptoStreamMode.Write);
                    if (append) either = inMemory;
                    either.Write(System.Text.Encoding.UTF8.GetBytes(p.Diagnosis));
                }
            }
            """,
            Expect(0, "Stream.Write", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    [Fact]
    public async Task A_guard_at_the_top_of_a_body_covers_the_statements_after_it_but_not_lambdas_gotos_past_it_or_earlier_statements()
    {
        // Bodies that start with their guards are answered without a flow graph; these are the shapes it must refuse.
        await VerifyAsync("""
            class C
            {
                private readonly Consent _consent = new();

                void GuardFirst(Patient p)
                {
                    if (!_consent.HealthConsent(p.Id)) return;
                    File.WriteAllText("notes.txt", p.Diagnosis);
                }

                void ReadBeforeTheGuardStoredAfterIt(Patient p)
                {
                    var note = p.Diagnosis;
                    if (!_consent.HealthConsent(p.Id)) return;
                    File.WriteAllText("notes.txt", note);
                }

                void Lambda(Patient p)
                {
                    if (!_consent.HealthConsent(p.Id)) return;
                    Action later = () => {|#0:File.WriteAllText("notes.txt", p.Diagnosis)|};
                    later();
                }

                void GotoPastTheGuard(Patient p, bool skip)
                {
                    if (skip) goto store;
                    if (!_consent.HealthConsent(p.Id)) return;
                    store:
                    {|#1:File.WriteAllText("notes.txt", p.Diagnosis)|};
                }

                void StoredBetweenTwoGuards(Patient p)
                {
                    if (!_consent.FaceConsent(p.Id)) return;
                    {|#2:File.WriteAllText("early.txt", p.Diagnosis)|};
                    if (!_consent.HealthConsent(p.Id)) return;
                    File.WriteAllText("late.txt", p.Diagnosis);
                }

                void GuardOnOneBranchOnly(Patient p, bool fast)
                {
                    if (!fast) { if (!_consent.HealthConsent(p.Id)) return; }
                    {|#3:File.WriteAllText("notes.txt", p.Diagnosis)|};
                }

                void GrantedWhenTheCheckSaysNo(Patient p)
                {
                    if (_consent.HealthConsent(p.Id)) return;
                    {|#4:File.WriteAllText("notes.txt", p.Diagnosis)|};
                }

                void StoredWhereTheGuardSaysNo(Patient p)
                {
                    if (!_consent.HealthConsent(p.Id))
                    {
                        {|#6:File.WriteAllText("refused.txt", p.Diagnosis)|};
                        return;
                    }

                    File.WriteAllText("notes.txt", p.Diagnosis);
                }

                System.Collections.Generic.IEnumerable<int> YieldReturnDoesNotLeave(Patient p)
                {
                    if (!_consent.HealthConsent(p.Id)) yield return 0;
                    {|#5:File.WriteAllText("notes.txt", p.Diagnosis)|};
                }
            }
            """,
            Expect(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(1, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(2, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(3, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(4, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(5, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(6, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    // Regression (issue "Idiomatic C# read precisely"): a check's answer tested with `is false`, `is not true`
    // or `== false`, awaited or not, guards as `!check` does.
    [Fact]
    public async Task Checks_tested_against_a_constant_or_a_pattern_guard_the_operation()
    {
        await VerifyAsync("""
            class C
            {
                private readonly IAsyncConsent _async = null!;
                private readonly Consent _consent = new();

                async Task IsFalse(Patient p)
                {
                    if (await _async.HealthConsentAsync(p.Id) is false) return;
                    File.WriteAllText("notes.txt", p.Diagnosis);
                }

                async Task IsNotTrue(Patient p)
                {
                    if (await _async.HealthConsentAsync(p.Id) is not true) throw new InvalidOperationException();
                    File.WriteAllText("notes.txt", p.Diagnosis);
                }

                async Task EqualsFalse(Patient p)
                {
                    if (await _async.HealthConsentAsync(p.Id) == false) return;
                    File.WriteAllText("notes.txt", p.Diagnosis);
                }

                void FalseOnTheLeft(Patient p)
                {
                    if (false == _consent.HealthConsent(p.Id)) return;
                    File.WriteAllText("notes.txt", p.Diagnosis);
                }

                void RememberedAndTested(Patient p)
                {
                    var granted = _consent.HealthConsent(p.Id);
                    if (granted is false) return;
                    File.WriteAllText("notes.txt", p.Diagnosis);
                }

                void IsTrueGuardsItsBranch(Patient p)
                {
                    if (_consent.HealthConsent(p.Id) is true)
                    {
                        File.WriteAllText("notes.txt", p.Diagnosis);
                    }

                    {|#0:File.WriteAllText("other.txt", p.Diagnosis)|};
                }

                async Task IsTrueDoesNotGuardTheRest(Patient p)
                {
                    if (await _async.HealthConsentAsync(p.Id) is true) return;
                    {|#1:File.WriteAllText("notes.txt", p.Diagnosis)|};
                }

                void IsNotFalseGuardsItsBranch(Patient p)
                {
                    if (_consent.HealthConsent(p.Id) is not false) File.WriteAllText("notes.txt", p.Diagnosis);
                }
            }

            public interface IAsyncConsent
            {
                [SeparateConsentCheck(Category.MedicalHealth)] Task<bool> HealthConsentAsync(string subject);
            }
            """,
            Expect(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(1, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    // Regression (issue "Idiomatic C# read precisely"): setting a parameter's Value and then adding the
    // parameter to the command is one store, reported where the value is set.
    [Fact]
    public async Task A_parameter_added_after_its_value_is_set_is_one_store()
    {
        await VerifyAsync("""
            class C
            {
                void Store(System.Data.Common.DbCommand command, Patient p)
                {
                    var parameter = command.CreateParameter();
                    {|#0:parameter.Value = p.Diagnosis|};
                    command.Parameters.Add(parameter);
                }

                void AddedDirectly(System.Data.Common.DbCommand command, Patient p) => {|#1:command.Parameters.Add(p.Diagnosis)|};
            }
            """,
            Expect(0, "DbParameter.Value", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(1, "DbParameterCollection.Add", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    // Regression (issue "Idiomatic C# read precisely"): a value copied into a member with its own annotation takes
    // that member's legal basis; a holder without one keeps the source's.
    [Fact]
    public async Task The_holders_annotation_decides_the_legal_basis()
    {
        await VerifyAsync("""
            class C
            {
                void Filed(Patient p) =>
                    File.WriteAllText("filing.json", System.Text.Json.JsonSerializer.Serialize(new Filing { Diagnosis = p.Diagnosis }));

                void Copied(Patient p)
                {
                    var filing = new Filing();
                    filing.Diagnosis = p.Diagnosis;
                    File.WriteAllText("filing.json", System.Text.Json.JsonSerializer.Serialize(filing));
                }

                void UnclassifiedHolder(Patient p) =>
                    {|#0:File.WriteAllText("note.json", System.Text.Json.JsonSerializer.Serialize(new Note { Text = p.Diagnosis }))|};
            }

            public class Filing
            {
                [SensitivePersonalInfo(Category.MedicalHealth, LegalBasis = LegalBasis.LegalObligation)] public string Diagnosis { get; set; } = "";
            }

            public class Note
            {
                public string Text { get; set; } = "";
            }
            """,
            Expect(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    // Rule change (issue "Idiomatic C# read precisely"): encrypted or hashed personal information is still
    // processed and needs consent; only masking clears the consent rules.
    [Fact]
    public async Task Encrypted_or_hashed_data_still_needs_consent_masked_data_does_not()
    {
        await VerifyAsync("""
            class C
            {
                void Sealed(Patient p) =>
                    {|#0:File.WriteAllBytes("sealed.bin", Vault.Seal(System.Text.Encoding.UTF8.GetBytes(p.Diagnosis)))|};

                void Hashed(Patient p) =>
                    {|#1:File.WriteAllBytes("hash.bin", System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(p.Diagnosis)))|};

                void Masked(Patient p) => File.WriteAllText("masked.txt", PiMask.Full(p.Diagnosis));
            }

            public static class Vault
            {
                [EncryptsPersonalInfo] public static byte[] Seal(byte[] data) => data;
            }
            """,
            Expect(0, "File.WriteAllBytes", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(1, "File.WriteAllBytes", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    // Rule change (issue "Idiomatic C# read precisely"): a check given a constant purpose covers only an operation
    // declared for the same purpose (ignoring case and surrounding white space), or one declared for none.
    [Fact]
    public async Task A_check_for_one_purpose_does_not_cover_another()
    {
        await VerifyAsync("""
            class C
            {
                private readonly ISeparateConsentService _service = null!;
                private readonly Consent _consent = new();
                private readonly Faces _faces = new();

                void SamePurpose(Patient p, byte[] photo)
                {
                    if (!_service.HasSeparateConsent(p.Id, Category.Biometric, " Check-In ")) return;
                    _faces.Enrol(photo);
                }

                void OtherPurpose(Patient p, byte[] photo)
                {
                    if (!_service.HasSeparateConsent(p.Id, Category.Biometric, "marketing")) return;
                    {|#0:_faces.Enrol(photo)|};
                }

                void EveryPurpose(Patient p, byte[] photo)
                {
                    if (!_consent.FaceConsent(p.Id)) return;
                    _faces.Enrol(photo);
                }

                void DataNamesNoPurpose(Patient p)
                {
                    if (!_service.HasSeparateConsent(p.Id, Category.MedicalHealth, "marketing")) return;
                    File.WriteAllText("notes.txt", p.Diagnosis);
                }

                [RequiresSeparateConsent(Category.Biometric, Purpose = "archive")]
                void DeclaredForAnotherPurpose(byte[] photo) => {|#1:_faces.Enrol(photo)|};

                [RequiresSeparateConsent(Category.Biometric)]
                void DeclaredForEveryPurpose(byte[] photo) => _faces.Enrol(photo);
            }
            """,
            Expect(0, "Faces.Enrol", "Biometric data", "Biometric"),
            Expect(1, "Faces.Enrol", "Biometric data", "Biometric"));
    }

    // "training" and "door" shared "check-in"'s bit when a purpose's bit was a hash into eleven; each purpose a
    // compilation meets now has a bit of its own (docs/rules/SPI003.md, "Known limits").
    [Fact]
    public async Task Purposes_that_once_shared_a_bit_are_told_apart()
    {
        await VerifyAsync("""
            class C
            {
                private readonly ISeparateConsentService _service = null!;
                private readonly Faces _faces = new();

                void Training(Patient p, byte[] photo)
                {
                    if (!_service.HasSeparateConsent(p.Id, Category.Biometric, "training")) return;
                    {|#0:_faces.Enrol(photo)|};
                }

                async Task DoorAsync(Patient p, byte[] photo)
                {
                    if (await _service.HasSeparateConsentAsync(p.Id, Category.Biometric, "door") is false) return;
                    {|#1:_faces.Enrol(photo)|};
                }

                void CheckIn(Patient p, byte[] photo)
                {
                    if (!_service.HasSeparateConsent(p.Id, Category.Biometric, "check-in")) return;
                    _faces.Enrol(photo);
                }
            }
            """,
            Expect(0, "Faces.Enrol", "Biometric data", "Biometric"),
            Expect(1, "Faces.Enrol", "Biometric data", "Biometric"));
    }

    // `ok |= check` is true when ok already was: it shows consent only where both sides would (review finding).
    [Fact]
    public async Task A_local_or_ed_with_a_check_is_no_guard_and_one_and_ed_with_it_is()
    {
        await VerifyAsync("""
            class C
            {
                private readonly ISeparateConsentService _service = null!;
                private readonly Faces _faces = new();

                async Task OrAsync(Patient p, byte[] photo, bool staffOverride)
                {
                    var ok = staffOverride;
                    ok |= await _service.HasSeparateConsentAsync(p.Id, Category.Biometric, "check-in");
                    if (!ok) return;
                    {|#0:_faces.Enrol(photo)|};
                }

                void OrTwoChecks(Patient p, byte[] photo)
                {
                    var ok = _service.HasSeparateConsent(p.Id, Category.Biometric, "check-in");
                    ok |= _service.HasSeparateConsent(p.Id, Category.Biometric, "check-in");
                    if (!ok) return;
                    _faces.Enrol(photo);
                }

                void And(Patient p, byte[] photo, bool open)
                {
                    var ok = open;
                    ok &= _service.HasSeparateConsent(p.Id, Category.Biometric, "check-in");
                    if (!ok) return;
                    _faces.Enrol(photo);
                }

                // Review: a right side with a branch makes the graph capture the target first.
                void OrWithBranches(Patient p, byte[] photo, bool staff, bool kiosk)
                {
                    var ok = _service.HasSeparateConsent(p.Id, Category.Biometric, "check-in");
                    ok |= staff || kiosk;
                    if (!ok) return;
                    {|#2:_faces.Enrol(photo)|};
                }

                void ReassignedWithBranches(Patient p, byte[] photo, bool staff, bool kiosk)
                {
                    var ok = _service.HasSeparateConsent(p.Id, Category.Biometric, "check-in");
                    ok = staff || kiosk;
                    if (!ok) return;
                    {|#3:_faces.Enrol(photo)|};
                }

                void AndWithBranches(Patient p, byte[] photo, bool staff, bool kiosk)
                {
                    var ok = _service.HasSeparateConsent(p.Id, Category.Biometric, "check-in");
                    ok &= staff || kiosk;
                    if (!ok) return;
                    _faces.Enrol(photo);
                }

                void Xor(Patient p, byte[] photo, bool flip)
                {
                    var ok = _service.HasSeparateConsent(p.Id, Category.Biometric, "check-in");
                    ok ^= flip;
                    if (!ok) return;
                    {|#1:_faces.Enrol(photo)|};
                }
            }
            """,
            Expect(0, "Faces.Enrol", "Biometric data", "Biometric"),
            Expect(1, "Faces.Enrol", "Biometric data", "Biometric"),
            Expect(2, "Faces.Enrol", "Biometric data", "Biometric"),
            Expect(3, "Faces.Enrol", "Biometric data", "Biometric"));
    }

    [Fact]
    public async Task An_entity_store_keeps_the_entity_s_own_members_not_those_of_its_navigations()
    {
        // Review (jellyfin): adding a Device whose `Owner` navigation is a User with a classified password was reported
        // at every DbSet.Add; EF Core keeps the device's own columns, and the user row only through its own add.
        var test = new Verify.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using Microsoft.EntityFrameworkCore;
                using SensitivePi;

                public class User
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.AuthenticationCredential)] public string Password { get; set; } = "";
                }

                public class Device
                {
                    public int Id { get; set; }
                    public User? Owner { get; set; }
                    public List<User> Viewers { get; set; } = new();
                    [SensitivePersonalInfo(Category.LocationTrack)] public string LastSeenAt { get; set; } = "";
                }

                public class Chapter
                {
                    public int Id { get; set; }
                    public Device? Device { get; set; }
                }

                public class MediaContext : DbContext
                {
                    public DbSet<Device> Devices { get; set; } = null!;
                    public DbSet<Chapter> Chapters { get; set; } = null!;
                    public DbSet<User> Users { get; set; } = null!;
                }

                class Store
                {
                    void Keep(MediaContext db, Device device, Chapter chapter, User user, User[] users)
                    {
                        {|#0:db.Devices.Add(device)|};
                        db.Chapters.Add(chapter);
                        {|#1:db.Users.Add(user)|};
                        {|#2:db.Users.AddRange(users)|};
                    }
                }
                """,
        };
        EntityFrameworkStubs.AddTo(test.TestState);
        test.ExpectedDiagnostics.Add(Expect(0, "DbSet.Add", "'Device.LastSeenAt' (LocationTrack)", "LocationTrack"));
        test.ExpectedDiagnostics.Add(Expect(1, "DbSet.Add", "'User.Password' (AuthenticationCredential)", "AuthenticationCredential"));
        test.ExpectedDiagnostics.Add(Expect(2, "DbSet.AddRange", "'User.Password' (AuthenticationCredential)", "AuthenticationCredential"));
        await test.RunAsync(System.Threading.CancellationToken.None);
    }

    [Fact]
    public async Task A_stub_attached_to_mark_some_columns_holds_only_what_it_was_given()
    {
        // Review (bitwarden): `new User { Id = id, Storage = s }` attached and its column marked modified was reported as
        // processing the user's password; the entry's flags say which columns a save writes, not what the user holds.
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.EntityFrameworkCore;
                using SensitivePi;

                public class User
                {
                    public int Id { get; set; }
                    public long Storage { get; set; }
                    [SensitivePersonalInfo(Category.AuthenticationCredential)] public string Password { get; set; } = "";
                    public Profile? Profile { get; set; }
                }

                public class Profile
                {
                    [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
                }

                public class UserContext : DbContext
                {
                    public DbSet<User> Users { get; set; } = null!;
                }

                class Store
                {
                    void Bump(UserContext db, int id, long storage)
                    {
                        var user = new User { Id = id, Storage = storage };
                        db.Users.Attach(user);
                        db.Entry(user).Property(e => e.Storage).IsModified = true;
                        db.SaveChanges();
                    }

                    void Mark(UserContext db, int id)
                    {
                        var user = new User { Id = id };
                        db.Attach(user);
                        var entry = db.Users.Entry(user);
                        entry.State = EntityState.Modified;
                        if (entry.Property(e => e.Storage).IsModified) { }
                    }

                    void Copy(UserContext db, int id, User form)
                    {
                        var user = new User { Id = id };
                        {|#0:db.Users.Attach(user)|};
                        db.Entry(user).CurrentValues.SetValues(form);
                    }

                    void Write(UserContext db, int id, string password)
                    {
                        var user = new User { Id = id };
                        {|#1:db.Attach(user)|};
                        var entry = db.Entry(user);
                        entry.Property(e => e.Storage).IsModified = true;
                        entry.Property(e => e.Password).CurrentValue = password;
                    }

                    // Tracked, the stub has its navigations filled from what the context loads: they count as given.
                    async System.Threading.Tasks.Task Tracked(UserContext db, System.Net.Http.HttpClient http, int id)
                    {
                        var user = new User { Id = id };
                        db.Entry(user).State = EntityState.Unchanged;
                        await {|#3:System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "https://example.cn/users", user)|};
                    }

                    void Given(UserContext db, int id, string password)
                    {
                        var user = new User { Id = id, Password = password };
                        {|#2:db.Users.Attach(user)|};
                        db.Entry(user).Property(e => e.Password).IsModified = true;
                    }
                }
                """,
        };
        EntityFrameworkStubs.AddTo(test.TestState);
        test.ExpectedDiagnostics.Add(Expect(0, "DbSet.Attach", "'User.Password' (AuthenticationCredential)", "AuthenticationCredential"));
        test.ExpectedDiagnostics.Add(Expect(1, "DbContext.Attach", "'User.Password' (AuthenticationCredential)", "AuthenticationCredential"));
        test.ExpectedDiagnostics.Add(Expect(2, "DbSet.Attach", "'User.Password' (AuthenticationCredential)", "AuthenticationCredential"));
        test.ExpectedDiagnostics.Add(Expect(3, "HttpClient.PostAsJsonAsync", "'Profile.Diagnosis' (MedicalHealth)", "MedicalHealth"));
        await test.RunAsync(System.Threading.CancellationToken.None);
    }

    [Fact]
    public async Task A_private_helper_every_call_site_of_which_is_guarded_counts_as_guarded()
    {
        await VerifyAsync("""
            public class Records
            {
                private readonly Consent _consent = new();
                private readonly Faces _faces = new();

                public void Save(Patient p)
                {
                    if (!_consent.HealthConsent(p.Id)) return;
                    Store(p);
                    Relay(p);
                }

                public void Enrol(string subject, byte[] photo)
                {
                    if (_consent.FaceConsent(subject))
                    {
                        EnrolNow(photo);
                    }
                }

                // Guarded at its one call site; the recursive call is inside a call already decided.
                private void Store(Patient p)
                {
                    File.WriteAllText("notes.txt", p.Diagnosis);
                    if (p.Id.Length > 100) Store(p);
                }

                private void Relay(Patient p) => Store(p);

                private void EnrolNow(byte[] photo) => _faces.Enrol(photo);
            }
            """);
    }

    // rules.md "Across methods", consent: a local function every call site of which is guarded counts as guarded; one called
    // unguarded anywhere, or handed out as a delegate (its callers are unknown), is reported inside; its calls of itself aside.
    [Fact]
    public async Task A_local_function_every_call_of_which_is_guarded_counts_as_guarded()
    {
        await VerifyAsync("""
            public class Records
            {
                private readonly Consent _consent = new();

                public void Guarded(Patient p)
                {
                    if (!_consent.HealthConsent(p.Id)) return;
                    Store();
                    Store();

                    void Store() => File.WriteAllText("notes.txt", p.Diagnosis);
                }

                public void Partly(Patient p)
                {
                    if (_consent.HealthConsent(p.Id)) Store();
                    Store();

                    void Store() => {|#0:File.WriteAllText("notes.txt", p.Diagnosis)|};
                }

                public void AsDelegate(Patient p, System.Collections.Generic.List<int> items)
                {
                    if (!_consent.HealthConsent(p.Id)) return;
                    items.ForEach(Store);

                    void Store(int i) => {|#1:File.WriteAllText("notes.txt", p.Diagnosis)|};
                }

                public void Recursive(Patient p, int depth)
                {
                    if (!_consent.HealthConsent(p.Id)) return;
                    Store(depth);

                    void Store(int left)
                    {
                        File.WriteAllText("notes.txt", p.Diagnosis);
                        if (left > 0) Store(left - 1);
                    }
                }
            }
            """,
            Expect(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(1, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    [Fact]
    public async Task A_helper_is_reported_at_each_unguarded_call_site_naming_the_operation_inside()
    {
        await VerifyAsync("""
            public class Records
            {
                private readonly Consent _consent = new();

                public void Guarded(Patient p)
                {
                    if (!_consent.HealthConsent(p.Id)) return;
                    Store(p);
                }

                public void Unguarded(Patient p) => {|#0:Store(p)|};

                // Through a second helper: the question moves to its call sites.
                public void ThroughRelay(Patient p) => {|#1:Relay(p)|};

                public void WrongCategory(Patient p)
                {
                    if (!_consent.FaceConsent(p.Id)) return;
                    {|#2:Store(p)|};
                }

                private void Relay(Patient p) => Store(p);

                private void Store(Patient p) => File.WriteAllText("notes.txt", p.Diagnosis);
            }
            """,
            ExpectAtEnd(0, "File.WriteAllText' through 'Records.Store", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            ExpectAtEnd(1, "File.WriteAllText' through 'Records.Relay', 'Records.Store", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            ExpectAtEnd(2, "File.WriteAllText' through 'Records.Store", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    // rules.md "Across methods", reaches: data whose basis is consent handed to a method that keeps or sends it is reported at
    // the call through which it enters, naming the path and pointing at each step, unless a check at the call, on the way or
    // in the method before the operation shows consent for its category (or the caller declares the requirement).
    [Fact]
    public async Task Consent_based_data_handed_to_a_method_that_keeps_or_sends_it_is_reported_at_the_call_unless_consent_is_shown()
    {
        await VerifyAsync("""
            public class Archive
            {
                private readonly Consent _consent = new();

                public void Keep(string text) => File.WriteAllText("notes.txt", {|#10:text|});

                public void Relay(string text) => {|#11:Keep(text)|};

                public void Checked(string subject, string text)
                {
                    if (!_consent.HealthConsent(subject)) return;
                    Keep(text);
                }

                public Task Send(HttpClient http, string text) => http.PostAsync("https://records.example.cn/notes", {|#12:new StringContent(text)|});

                public void CheckedHere(string subject, string text)
                {
                    if (!_consent.HealthConsent(subject)) return;
                    File.WriteAllText("checked.txt", text);
                }
            }

            class Clinic
            {
                private readonly Consent _consent = new();

                void Unguarded(Archive archive, Patient p, HttpClient http)
                {
                    {|#0:archive.Keep(p.Diagnosis)|};
                    {|#1:archive.Relay(p.Diagnosis)|};
                    {|#2:archive.Send(http, p.Diagnosis)|};
                    archive.Keep(p.Id);
                    archive.Checked(p.Id, p.Diagnosis);
                    archive.CheckedHere(p.Id, p.Diagnosis);
                    archive.Keep(Convert.ToBase64String(p.Template));
                }

                void Guarded(Archive archive, Patient p)
                {
                    if (!_consent.HealthConsent(p.Id)) return;
                    archive.Keep(p.Diagnosis);
                }

                void WrongCategory(Archive archive, Patient p)
                {
                    if (!_consent.FaceConsent(p.Id)) return;
                    {|#3:archive.Keep(p.Diagnosis)|};
                }

                [RequiresSeparateConsent(Category.MedicalHealth)]
                void Declared(Archive archive, Patient p) => archive.Keep(p.Diagnosis);

                // A callee's result kept here: the store itself is the operation, a sink property's assignment too.
                void Copied(Patient p) => {|#4:File.WriteAllText("copy.txt", Copy(p))|};

                void Parameter(System.Data.Common.DbParameter parameter, System.Collections.Generic.List<Patient> patients) =>
                    patients.ForEach(p => {|#5:parameter.Value = Copy(p)|});

                static string Copy(Patient p) => p.Diagnosis;
            }
            """,
            ExpectAtEnd(0, "File.WriteAllText' through 'Archive.Keep(string)", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth").WithLocation(10),
            ExpectAtEnd(1, "File.WriteAllText' through 'Archive.Relay(string)', 'Archive.Keep(string)", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth").WithLocation(11).WithLocation(10),
            ExpectAtEnd(2, "HttpClient.PostAsync' through 'Archive.Send(HttpClient, string)", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth").WithLocation(12),
            ExpectAtEnd(3, "File.WriteAllText' through 'Archive.Keep(string)", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth").WithLocation(10),
            ExpectAtEnd(4, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            ExpectAtEnd(5, "DbParameter.Value", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    // Data handed on inside a helper (a method only this assembly calls) is decided at the helper's call sites, as the
    // helper's own operations are: guarded where every call site is, otherwise reported at each one that is not.
    [Fact]
    public async Task Data_handed_on_inside_a_helper_is_decided_at_the_helpers_call_sites()
    {
        await VerifyAsync("""
            public class Records
            {
                private readonly Consent _consent = new();

                public void Save(Patient p)
                {
                    if (!_consent.HealthConsent(p.Id)) return;
                    Keep(p);
                }

                public void SaveUnchecked(Patient p) => {|#0:Keep(p)|};

                private void Keep(Patient p) => Store(p.Diagnosis);

                public void Store(string text) => File.WriteAllText("notes.txt", {|#10:text|});
            }
            """,
            ExpectAtEnd(0, "File.WriteAllText' through 'Records.Keep', 'Records.Store(string)", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth").WithLocation(10));
    }

    // One report per call and category, whichever argument brings the data (rules.md, "Where diagnostics go").
    [Fact]
    public async Task A_call_bringing_the_same_category_twice_is_reported_once()
    {
        await VerifyAsync("""
            public class Archive
            {
                public void KeepBoth(string first, string second)
                {
                    File.WriteAllText("first.txt", {|#10:first|});
                    File.WriteAllText("second.txt", second);
                }
            }

            class Clinic
            {
                void Twice(Archive archive, Patient p) => {|#0:archive.KeepBoth(p.Diagnosis, p.Diagnosis)|};
            }
            """,
            ExpectAtEnd(0, "File.WriteAllText' through 'Archive.KeepBoth(string, string)", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth").WithLocation(10));
    }

    [Fact]
    public async Task A_helper_nothing_calls_and_a_public_method_are_reported_inside_as_before()
    {
        await VerifyAsync("""
            public class Records
            {
                public void Visible(Patient p) => {|#0:File.WriteAllText("a.txt", p.Diagnosis)|};

                private void Unused(Patient p) => {|#1:File.WriteAllText("b.txt", p.Diagnosis)|};

                internal void CalledFromVisible(Patient p) => File.WriteAllText("c.txt", p.Diagnosis);

                public void CallsInternal(Patient p) => {|#2:CalledFromVisible(p)|};
            }

            // Handed out as a delegate (a route or event handler): its callers are unknown, so the operation answers inside.
            public class Handlers
            {
                private readonly Consent _consent = new();

                public Action<Patient> Later() => OnSave;

                public void Guarded(Patient p)
                {
                    if (_consent.HealthConsent(p.Id)) OnSave(p);
                }

                private void OnSave(Patient p) => {|#3:File.WriteAllText("d.txt", p.Diagnosis)|};

                // Called only by itself: called nowhere.
                private void Retry(Patient p, int times)
                {
                    {|#4:File.WriteAllText("e.txt", p.Diagnosis)|};
                    if (times > 0) Retry(p, times - 1);
                }
            }
            """,
            Expect(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            ExpectAtEnd(1, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            ExpectAtEnd(2, "File.WriteAllText' through 'Records.CalledFromVisible", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            ExpectAtEnd(3, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            ExpectAtEnd(4, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    [Fact]
    public async Task A_public_method_of_an_internal_class_that_implements_an_interface_member_is_no_helper()
    {
        await VerifyAsync("""
            public interface IArchive
            {
                void Other();

                void Keep(Patient p);
            }

            // Called through IArchive from anywhere: the guard at its one direct call site does not cover it.
            internal class Archive : IArchive
            {
                public void Other() { }

                public void Keep(Patient p) => {|#0:File.WriteAllText("a.txt", p.Diagnosis)|};
            }

            // Implements nothing: a helper, guarded at its only call site.
            internal class Filing
            {
                private readonly Consent _consent = new();

                public void Note(Patient p) => File.WriteAllText("b.txt", p.Diagnosis);

                public void Save(Archive archive, Patient p)
                {
                    if (!_consent.HealthConsent(p.Id)) return;
                    archive.Keep(p);
                    Note(p);
                }
            }
            """,
            Expect(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    // rules.md "Across methods": a method that returns a check's result is itself a check.
    [Fact]
    public async Task A_method_returning_a_checks_result_is_a_check()
    {
        await VerifyAsync("""
            public class Records
            {
                private readonly Consent _consent = new();
                private readonly ISeparateConsentService _service = null!;

                public bool CanKeep(string id) => _consent.HealthConsent(id);
                public async Task<bool> CanKeepAsync(string id) => await _service.HasSeparateConsentAsync(id, Category.MedicalHealth, "records");
                public bool CanKeepToo(string id) { return CanKeep(id); }
                public bool NotACheck(string id) => id.Length > 0;
                public bool FaceOnly(string id) => _consent.FaceConsent(id);
                public bool Either(string id) => _consent.HealthConsent(id) || id.Length > 0;
                public bool Can(string id, string purpose) => _service.HasSeparateConsent(id, Category.Biometric, purpose);
                public bool CanHealth(string id, string purpose) => _service.HasSeparateConsent(id, Category.MedicalHealth, purpose);
                private readonly Faces _faces = new();

                // A purpose passed through is the caller's: the wrapper shows consent for some purpose, enough to keep data,
                // not for a call declared for one purpose.
                public void Enrol(Patient p, byte[] photo)
                {
                    if (Can(p.Id, "marketing")) {|#3:_faces.Enrol(photo)|};
                    if (CanHealth(p.Id, "marketing")) File.WriteAllText("g.txt", p.Diagnosis);
                }

                public void Save(Patient p)
                {
                    if (CanKeep(p.Id)) File.WriteAllText("a.txt", p.Diagnosis);
                    if (CanKeepToo(p.Id)) File.WriteAllText("b.txt", p.Diagnosis);
                    if (NotACheck(p.Id)) {|#0:File.WriteAllText("c.txt", p.Diagnosis)|};
                    if (FaceOnly(p.Id)) {|#1:File.WriteAllText("d.txt", p.Diagnosis)|};
                    if (Either(p.Id)) {|#2:File.WriteAllText("e.txt", p.Diagnosis)|};
                }

                public async Task SaveAsync(Patient p)
                {
                    if (!await CanKeepAsync(p.Id)) return;
                    File.WriteAllText("f.txt", p.Diagnosis);
                }
            }
            """,
            Expect(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(1, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(2, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"),
            Expect(3, "Faces.Enrol", "Biometric data", "Biometric"));
    }

    // A one-call helper's body is read only when its call's name is that of a check or of a method that may wrap one (a declared
    // check of a referenced assembly, implemented here; one of this compilation, through `this`, a chain of members, a derived
    // interface, an extension method, a static import, `ConfigureAwait` over `!` or a cast, or another wrapper). A helper
    // whose call names none (`_log.Remove`) is no check, and what it guards is reported.
    [Fact]
    public async Task Wrappers_are_read_whatever_names_lead_to_their_check()
    {
        await VerifyAsync("""
            using static Checks;

            public interface IHealthConsent { [SeparateConsentCheck(Category.MedicalHealth)] bool Healthy(string id); }
            public interface IPatientConsent : IHealthConsent { }

            public static class Checks
            {
                [SeparateConsentCheck(Category.MedicalHealth)] public static bool HealthOk(this Consent consent, string id) => true;
                [SeparateConsentCheck(Category.MedicalHealth)] public static bool Imported(string id) => true;
                [SeparateConsentCheck(Category.MedicalHealth)] public static Task<bool> Later(string id) => Task.FromResult(true);
            }

            public class Services { public Consent Consent { get; } = new(); public Services Self => this; }

            public sealed class StoredConsent : ISeparateConsentService
            {
                public bool HasSeparateConsent(string subjectId, Category category, string purpose) => true;
                public ValueTask<bool> HasSeparateConsentAsync(string subjectId, Category category, string purpose, System.Threading.CancellationToken cancellationToken = default) => new(true);
                public bool HasGuardianConsent(string childSubjectId, string purpose) => true;
                public ValueTask<bool> HasGuardianConsentAsync(string childSubjectId, string purpose, System.Threading.CancellationToken cancellationToken = default) => new(true);
            }

            public class Records
            {
                private readonly Consent _consent = new();
                private readonly Services _services = new();
                private readonly IPatientConsent _patients = null!;
                private readonly System.Collections.Generic.List<string> _log = new();

                private bool ThroughThis(string id) => this._consent.HealthConsent(id);
                private bool ThroughChain(string id) => _services.Self.Consent.HealthConsent(id);
                private bool ThroughInterface(string id) => _patients.Healthy(id);
                private bool ThroughExtension(string id) => _consent.HealthOk(id);
                private bool ThroughImport(string id) => Imported(id);
                private async Task<bool> ThroughAwait(string id) => await Later(id).ConfigureAwait(false);
                private async Task<bool> ThroughSuppressed(string id) => await Later(id)!.ConfigureAwait(false);
                private async Task<bool> ThroughCast(string id) => await ((Task<bool>)Later(id)).ConfigureAwait(false);
                private bool ThroughWrapper(string id) => ThroughChain(id);
                private readonly StoredConsent _stored = new();
                private bool ThroughImplementation(string id) => _stored.HasSeparateConsent(id, Category.MedicalHealth, "records");
                private bool Logs(string id) => _log.Remove(id);

                public async Task Save(Patient p)
                {
                    if (ThroughThis(p.Id)) File.WriteAllText("a.txt", p.Diagnosis);
                    if (ThroughChain(p.Id)) File.WriteAllText("b.txt", p.Diagnosis);
                    if (ThroughInterface(p.Id)) File.WriteAllText("c.txt", p.Diagnosis);
                    if (ThroughExtension(p.Id)) File.WriteAllText("d.txt", p.Diagnosis);
                    if (ThroughImport(p.Id)) File.WriteAllText("e.txt", p.Diagnosis);
                    if (await ThroughAwait(p.Id)) File.WriteAllText("f.txt", p.Diagnosis);
                    if (await ThroughSuppressed(p.Id)) File.WriteAllText("j.txt", p.Diagnosis);
                    if (await ThroughCast(p.Id)) File.WriteAllText("k.txt", p.Diagnosis);
                    if (ThroughWrapper(p.Id)) File.WriteAllText("g.txt", p.Diagnosis);
                    if (ThroughImplementation(p.Id)) File.WriteAllText("i.txt", p.Diagnosis);
                    if (Logs(p.Id)) {|#0:File.WriteAllText("h.txt", p.Diagnosis)|};
                }
            }
            """,
            Expect(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    // rules.md "Across methods": a wrapper returning a check's result, declared in another file than its caller, is a check too.
    // Whether it is one is known only once its own body has been read, so its callers' verdicts wait for compilation end,
    // whichever file is analysed first (which reports wait is WrapperElsewhereTests').
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_wrapper_check_declared_in_another_file_counts_at_compilation_end(bool wrappersFirst)
    {
        const string Wrappers = Usings + """
            public static class Gate
            {
                public static bool CanKeepHealth(Consent consent, string id) => consent.HealthConsent(id);
                public static async Task<bool> CanKeepAsync(ISeparateConsentService service, string id) => await service.HasSeparateConsentAsync(id, Category.MedicalHealth, "records");
                public static void RequireHealth(string id) => Demand.Health(id);
                public static bool NotACheck(string id) => id.Length > 0;
                public static bool FaceOnly(Consent consent, string id) => consent.FaceConsent(id);
            }

            public static class Demand
            {
                // Throws when consent is missing.
                [SeparateConsentCheck(Category.MedicalHealth)] public static void Health(string id) { }
            }

            public class Guard
            {
                private readonly Consent _consent = new();

                public bool Health(string id) => _consent.HealthConsent(id);

                // Another class may override it: never a check by its body.
                public virtual bool MayBeHealth(string id) => _consent.HealthConsent(id);
            }
            """;
        const string Callers = Usings + """
            public class Records
            {
                private readonly Consent _consent = new();
                private readonly Guard _guard = new();
                private readonly ISeparateConsentService _service = null!;

                public void Save(Patient p)
                {
                    if (Gate.CanKeepHealth(_consent, p.Id)) File.WriteAllText("a.txt", p.Diagnosis);
                    if (_guard.Health(p.Id)) File.WriteAllText("b.txt", p.Diagnosis);
                    if (Gate.NotACheck(p.Id)) {|#0:File.WriteAllText("c.txt", p.Diagnosis)|};
                    if (Gate.FaceOnly(_consent, p.Id)) {|#1:File.WriteAllText("d.txt", p.Diagnosis)|};
                    if (_guard.MayBeHealth(p.Id)) {|#2:File.WriteAllText("e.txt", p.Diagnosis)|};
                }

                public async Task SaveAsync(Patient p)
                {
                    if (!await Gate.CanKeepAsync(_service, p.Id)) return;
                    File.WriteAllText("f.txt", p.Diagnosis);
                }

                // A wrapper returning nothing counts only in its caller's file: reported as the body is analysed.
                public void SaveChecked(Patient p)
                {
                    Gate.RequireHealth(p.Id);
                    {|#4:File.WriteAllText("g.txt", p.Diagnosis)|};
                }

                // Calls no wrapper of another file: reported as the body is analysed.
                public void Unguarded(Patient p) => {|#3:File.WriteAllText("h.txt", p.Diagnosis)|};
            }
            """;
        var test = new Verify.Test();
        if (wrappersFirst)
        {
            test.TestState.Sources.Add(("Gate.cs", Wrappers));
        }

        test.TestState.Sources.Add(("Records.cs", Callers));
        if (!wrappersFirst)
        {
            test.TestState.Sources.Add(("Gate.cs", Wrappers));
        }

        test.TestState.Sources.Add(("Model.cs", Usings + Model));
        test.ExpectedDiagnostics.Add(ExpectAtEnd(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
        test.ExpectedDiagnostics.Add(ExpectAtEnd(1, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
        test.ExpectedDiagnostics.Add(ExpectAtEnd(2, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
        test.ExpectedDiagnostics.Add(Expect(3, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
        test.ExpectedDiagnostics.Add(Expect(4, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
        await test.RunAsync();
    }

    // Wrappers are read four deep from the call that asks: a chain one longer is no check, and reading it first must not change
    // the answer for a wrapper inside it, asked from its own call.
    [Fact]
    public async Task A_wrapper_read_inside_a_chain_too_deep_is_still_a_check_from_its_own_call()
    {
        await VerifyAsync("""
            public class Records
            {
                private readonly Consent _consent = new();

                public void Save(Patient p)
                {
                    if (W5(p.Id)) {|#0:File.WriteAllText("a.txt", p.Diagnosis)|};
                    if (W3(p.Id)) File.WriteAllText("b.txt", p.Diagnosis);
                }

                private bool W5(string id) => W4(id);
                private bool W4(string id) => W3(id);
                private bool W3(string id) => W2(id);
                private bool W2(string id) => W1(id);
                private bool W1(string id) => _consent.HealthConsent(id);
            }
            """,
            Expect(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
    }

    // A wrapper of another file's wrapper, and a wrapper of this file wrapping one of another file, are checks too, decided at
    // compilation end once every wrapper's body has been read, whichever file is analysed first.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Wrappers_of_wrappers_declared_in_other_files_count_at_compilation_end(int order)
    {
        var files = new (string Name, string Source)[]
        {
            ("Gate.cs", Usings + """
                public static class Gate
                {
                    public static bool CanKeepHealth(Consent consent, string id) => consent.HealthConsent(id);
                    public static bool NotACheck(string id) => id.Length > 0;
                }
                """),
            ("Policy.cs", Usings + """
                public static class Policy
                {
                    public static bool MayArchive(Consent consent, string id) => Gate.CanKeepHealth(consent, id);
                    public static bool MayArchiveToo(Consent consent, string id) { return MayArchive(consent, id); }
                    public static bool NotAChain(string id) => Gate.NotACheck(id);
                }
                """),
            ("Records.cs", Usings + """
                public class Records
                {
                    private readonly Consent _consent = new();

                    public void Save(Patient p)
                    {
                        if (Policy.MayArchive(_consent, p.Id)) File.WriteAllText("a.txt", p.Diagnosis);
                        if (Policy.MayArchiveToo(_consent, p.Id)) File.WriteAllText("b.txt", p.Diagnosis);
                        if (Allowed(p.Id)) File.WriteAllText("c.txt", p.Diagnosis);
                        if (Policy.NotAChain(p.Id)) {|#0:File.WriteAllText("d.txt", p.Diagnosis)|};
                        if (NotAllowed(p.Id)) {|#1:File.WriteAllText("e.txt", p.Diagnosis)|};
                    }

                    // Calls only a wrapper of this file, which wraps one of another file: it waits too.
                    public void SaveAllowed(Patient p)
                    {
                        if (Allowed(p.Id)) File.WriteAllText("f.txt", p.Diagnosis);
                    }

                    // Two wrappers of this file before the one of another file.
                    public void SaveAllowedTwice(Patient p)
                    {
                        if (AllowedTwice(p.Id)) File.WriteAllText("g.txt", p.Diagnosis);
                    }

                    private bool AllowedTwice(string id) => Allowed(id);

                    private bool Allowed(string id) => Policy.MayArchive(_consent, id);

                    private bool NotAllowed(string id) => Gate.NotACheck(id);
                }
                """),
        };
        var test = new Verify.Test();
        for (var i = 0; i < files.Length; i++)
        {
            test.TestState.Sources.Add(files[(i + order) % files.Length]);
        }

        test.TestState.Sources.Add(("Model.cs", Usings + Model));
        test.ExpectedDiagnostics.Add(ExpectAtEnd(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
        test.ExpectedDiagnostics.Add(ExpectAtEnd(1, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
        await test.RunAsync();
    }

    [Fact]
    public async Task With_cross_method_analysis_off_a_wrapper_in_another_file_is_no_check()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Gate.cs", Usings + """
            public static class Gate
            {
                public static bool CanKeepHealth(Consent consent, string id) => consent.HealthConsent(id);
            }
            """));
        test.TestState.Sources.Add(("Records.cs", Usings + """
            public class Records
            {
                private readonly Consent _consent = new();

                public void Save(Patient p)
                {
                    if (Gate.CanKeepHealth(_consent, p.Id)) {|#0:File.WriteAllText("a.txt", p.Diagnosis)|};
                }
            }
            """));
        test.TestState.Sources.Add(("Model.cs", Usings + Model));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nsensitivepi.cross_method_analysis = false\n"));
        test.ExpectedDiagnostics.Add(Expect(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
        await test.RunAsync();
    }

    [Fact]
    public async Task The_option_that_turns_cross_method_analysis_off_keeps_reports_inside_helpers()
    {
        var test = new Verify.Test { TestCode = Usings + """
            public class Records
            {
                private readonly Consent _consent = new();

                public void Guarded(Patient p)
                {
                    if (!_consent.HealthConsent(p.Id)) return;
                    Store(p);
                }

                private void Store(Patient p) => {|#0:File.WriteAllText("notes.txt", p.Diagnosis)|};
            }
            """ + Model };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nsensitivepi.cross_method_analysis = false\n"));
        test.ExpectedDiagnostics.Add(Expect(0, "File.WriteAllText", "'Patient.Diagnosis' (MedicalHealth)", "MedicalHealth"));
        await test.RunAsync();
    }

    private static DiagnosticResult ExpectAtEnd(int markup, string operation, string data, string category) =>
        Verify.Diagnostic(CompilationEndDescriptors.MissingSeparateConsent).WithLocation(markup).WithArguments(operation, data, category, ExpectedCitations.SeparateConsent(category));

    private static DiagnosticResult Expect(int markup, string operation, string data, string category) =>
        Verify.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(markup).WithArguments(operation, data, category, ExpectedCitations.SeparateConsent(category));

    private static Task VerifyAsync(string body, params DiagnosticResult[] expected) =>
        Verify.VerifyAnalyzerAsync(Usings + body + Model, expected);
}
