using System.Threading.Tasks;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.RawBiometricPersisted>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI006: raw biometric samples reaching storage, and what makes keeping them acceptable.</summary>
public class RawBiometricPersistedAnalyzerTests
{
    private const string Usings = """
        using System.IO;
        using SensitivePi;

        """;

    // EF Core's DbSet as the storage rows name it: the test references have no EF Core package.
    private const string DbSetStub = """
        namespace Microsoft.EntityFrameworkCore
        {
            public abstract class DbSet<TEntity> where TEntity : class
            {
                public virtual void Add(TEntity entity) { }
            }
        }

        """;

    [Fact]
    public async Task Raw_samples_reaching_files_streams_and_entities_are_reported_templates_guarded_and_encrypted_ones_are_not()
    {
        await Verify.VerifyAnalyzerAsync(Usings + DbSetStub + """

            public class Capture
            {
                [ConsentSubject] public string PatientId { get; set; } = "";
                [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)] public byte[] Photo { get; set; } = new byte[0];
                [SensitivePersonalInfo(Category.Biometric)] public Stream Fingerprint { get; set; } = Stream.Null;
                [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.Template)] public byte[] Template { get; set; } = new byte[0];
                [SensitivePersonalInfo(Category.Biometric)] public string MatcherId { get; set; } = "";
            }

            public static class Vault
            {
                [EncryptsPersonalInfo] public static byte[] Seal(byte[] data) => data;
            }

            class C
            {
                private readonly ISeparateConsentService _consent = null!;

                void Store(Capture capture, Stream archive, Microsoft.EntityFrameworkCore.DbSet<Capture> captures)
                {
                    File.WriteAllBytes("face.jpg", {|#0:capture.Photo|});
                    archive.Write({|#1:capture.Photo|});
                    captures.Add({|#2:capture|});
                    capture.Fingerprint.CopyTo(archive);
                    File.WriteAllBytes("template.bin", capture.Template);
                    File.WriteAllText("matcher.txt", capture.MatcherId);
                    File.WriteAllBytes("sealed.bin", {|#3:Vault.Seal(capture.Photo)|});
                    File.WriteAllText("blank.txt", PiMask.Remove(System.Convert.ToBase64String(capture.Photo)));
                }

                void Consented(Capture capture)
                {
                    if (!_consent.HasSeparateConsent(capture.PatientId, Category.Biometric, "archive")) return;
                    File.WriteAllBytes("face.jpg", capture.Photo);
                }
            }
            """,
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(0).WithArguments("'Capture.Photo' (Biometric)", "File.WriteAllBytes", ExpectedCitations.RawSamples),
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(1).WithArguments("'Capture.Photo' (Biometric)", "Stream.Write", ExpectedCitations.RawSamples),
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(2).WithArguments("'Capture.Fingerprint' (Biometric), 'Capture.Photo' (Biometric)", "DbSet.Add", ExpectedCitations.RawSamples),

            // Encryption does not turn a raw sample into a template (only masking clears the consent rules).
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(3).WithArguments("'Capture.Photo' (Biometric)", "File.WriteAllBytes", ExpectedCitations.RawSamples));
    }

    // An uploaded photo copied into a file is kept as it was captured; copied into memory, or a stream whose target is not
    // known, it is not reported there (no evidence of storage), but the copy carries it on.
    [Fact]
    public async Task An_uploaded_sample_copied_into_a_file_is_reported_into_memory_it_is_not()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using System.Threading.Tasks;

            public class Enrolment
            {
                [SensitivePersonalInfo(Category.Biometric)] public Microsoft.AspNetCore.Http.IFormFile Face { get; set; } = null!;
                [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.Template)] public Microsoft.AspNetCore.Http.IFormFile Vector { get; set; } = null!;
                [SensitivePersonalInfo(Category.Biometric)] public System.Collections.Generic.List<Microsoft.AspNetCore.Http.IFormFile> Faces { get; set; } = new();
            }

            class C
            {
                async Task Keep(Enrolment enrolment, string path, Stream somewhere)
                {
                    using (var file = File.Create(path))
                    {
                        await {|#0:enrolment.Face|}.CopyToAsync(file);
                        await enrolment.Vector.CopyToAsync(file);
                    }

                    using var memory = new MemoryStream();
                    await enrolment.Face.CopyToAsync(memory);
                    enrolment.Face.CopyTo(somewhere);

                    // The copy in memory holds the upload; its name and type are not the face.
                    File.WriteAllBytes(path, {|#1:memory.ToArray()|});
                    File.WriteAllText(path + ".name", enrolment.Face.FileName + enrolment.Face.ContentType + memory.Position);

                    // A stream typed as such but given a file; a helper that saves what it is handed.
                    Stream opened = File.Create(path + ".copy");
                    await {|#2:enrolment.Face|}.CopyToAsync(opened);
                    await Photos.SaveAsync({|#3:enrolment.Face|}, path);

                    // Several uploads at once: each is a sample.
                    foreach (var face in enrolment.Faces)
                    {
                        await {|#5:face|}.CopyToAsync(opened);
                    }
                }
            }

            static class Photos
            {
                public static async Task SaveAsync(Microsoft.AspNetCore.Http.IFormFile photo, string path)
                {
                    using var file = File.Create(path);
                    await {|#4:photo|}.CopyToAsync(file);
                }
            }

            namespace Microsoft.AspNetCore.Http
            {
                public interface IFormFile
                {
                    string FileName { get; }
                    string ContentType { get; }
                    void CopyTo(Stream target);
                    Task CopyToAsync(Stream target, System.Threading.CancellationToken cancellationToken = default);
                }
            }
            """,
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(0).WithArguments("'Enrolment.Face' (Biometric)", "IFormFile.CopyToAsync", ExpectedCitations.RawSamples),
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(1).WithArguments("'Enrolment.Face' (Biometric)", "File.WriteAllBytes", ExpectedCitations.RawSamples),
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(2).WithArguments("'Enrolment.Face' (Biometric)", "IFormFile.CopyToAsync", ExpectedCitations.RawSamples),
            Verify.Diagnostic(CompilationEndDescriptors.RawBiometricPersisted).WithLocation(3).WithLocation(4)
                .WithArguments("'Enrolment.Face' (Biometric)", "IFormFile.CopyToAsync' through 'Photos.SaveAsync(IFormFile, string)", ExpectedCitations.RawSamples),
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(5).WithArguments("'Enrolment.Faces' (Biometric)", "IFormFile.CopyToAsync", ExpectedCitations.RawSamples));
    }

    // rules.md "Across methods": a helper that copies an upload into a stream its caller passes hands the sample back in that
    // stream, which the caller then writes to a file (reported there, at compilation end); a template copied so is not a raw sample.
    [Fact]
    public async Task An_upload_a_helper_copies_into_the_callers_stream_is_carried_back()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using System.Threading.Tasks;

            public class Enrolment
            {
                [SensitivePersonalInfo(Category.Biometric)] public Microsoft.AspNetCore.Http.IFormFile Face { get; set; } = null!;
                [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.Template)] public Microsoft.AspNetCore.Http.IFormFile Vector { get; set; } = null!;
            }

            class C
            {
                async Task Keep(Enrolment enrolment, string path)
                {
                    using var memory = new MemoryStream();
                    await Streams.Pump(enrolment.Face, memory);
                    File.WriteAllBytes(path, {|#0:memory.ToArray()|});

                    using var vector = new MemoryStream();
                    await Streams.Pump(enrolment.Vector, vector);
                    File.WriteAllBytes(path + ".vector", vector.ToArray());
                }
            }

            static class Streams
            {
                public static Task Pump(Microsoft.AspNetCore.Http.IFormFile upload, Stream target) => upload.CopyToAsync(target);
            }

            namespace Microsoft.AspNetCore.Http
            {
                public interface IFormFile
                {
                    Task CopyToAsync(Stream target, System.Threading.CancellationToken cancellationToken = default);
                }
            }
            """,
            Verify.Diagnostic(CompilationEndDescriptors.RawBiometricPersisted).WithLocation(0)
                .WithArguments("'Enrolment.Face' (Biometric)", "File.WriteAllBytes", ExpectedCitations.RawSamples));
    }

    // rules.md "Across methods": a wrapper returning a check's result counts in other files than its caller too, at compilation end.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_wrapper_check_declared_in_another_file_counts_at_compilation_end(bool gateFirst)
    {
        const string Gate = Usings + """
            public static class FaceGate
            {
                public static bool CanArchive(ISeparateConsentService consent, string id) => consent.HasSeparateConsent(id, Category.Biometric, "archive");
                public static bool NotACheck(string id) => id.Length > 0;
            }

            public class Capture
            {
                [ConsentSubject] public string PatientId { get; set; } = "";
                [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)] public byte[] Photo { get; set; } = new byte[0];
            }
            """;
        const string Archive = Usings + """
            public class Archive
            {
                private readonly ISeparateConsentService _consent = null!;

                public void Keep(Capture c)
                {
                    if (FaceGate.CanArchive(_consent, c.PatientId)) File.WriteAllBytes("face.jpg", c.Photo);
                    if (FaceGate.NotACheck(c.PatientId)) File.WriteAllBytes("other.jpg", {|#0:c.Photo|});
                }
            }
            """;
        var test = new Verify.Test();
        test.TestState.Sources.Add(gateFirst ? ("FaceGate.cs", Gate) : ("Archive.cs", Archive));
        test.TestState.Sources.Add(gateFirst ? ("Archive.cs", Archive) : ("FaceGate.cs", Gate));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(CompilationEndDescriptors.RawBiometricPersisted).WithLocation(0)
            .WithArguments("'Capture.Photo' (Biometric)", "File.WriteAllBytes", ExpectedCitations.RawSamples));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_raw_sample_handed_to_a_helper_that_stores_it_is_reported_where_it_enters_unless_consent_is_shown()
    {
        // rules.md, "Across methods": at compilation end, at the argument, naming the path; a Biometric check at the
        // call, on the way or in the helper before the store clears it.
        await Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using SensitivePi;

            public class Capture
            {
                [ConsentSubject] public string PatientId { get; set; } = "";
                [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)] public byte[] Photo { get; set; } = new byte[0];
                [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.Template)] public byte[] Template { get; set; } = new byte[0];
            }

            public sealed class PhotoArchive
            {
                private readonly ISeparateConsentService _consent = null!;

                public void Save(string path, byte[] data) => File.WriteAllBytes(path, data);

                public void Relay(string path, byte[] data) => Save(path, data);

                public void Checked(string patientId, byte[] data)
                {
                    if (!_consent.HasSeparateConsent(patientId, Category.Biometric, "archive")) return;
                    Save("checked.jpg", data);
                }
            }

            class Kiosk
            {
                private readonly ISeparateConsentService _consent = null!;

                void Keep(PhotoArchive archive, Capture capture)
                {
                    archive.Save("a.jpg", {|#0:capture.Photo|});
                    archive.Relay("b.jpg", {|#1:capture.Photo|});
                    archive.Save("t.bin", capture.Template);
                    archive.Checked(capture.PatientId, capture.Photo);
                }

                void Consented(PhotoArchive archive, Capture capture)
                {
                    if (!_consent.HasSeparateConsent(capture.PatientId, Category.Biometric, "archive")) return;
                    archive.Save("c.jpg", capture.Photo);
                }
            }
            """,
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(0)
                .WithArguments("'Capture.Photo' (Biometric)", "File.WriteAllBytes' through 'PhotoArchive.Save(string, byte[])", ExpectedCitations.RawSamples)
                .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations),
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(1)
                .WithArguments("'Capture.Photo' (Biometric)", "File.WriteAllBytes' through 'PhotoArchive.Relay(string, byte[])', 'PhotoArchive.Save(string, byte[])", ExpectedCitations.RawSamples)
                .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task A_capture_handed_whole_to_a_generic_store_and_a_guarded_path_beside_an_unguarded_one_are_reported()
    {
        // The object's raw samples, where its type is known; a guarded call inside the helper does not hide the unguarded
        // one beside it.
        await Verify.VerifyAnalyzerAsync(Usings + DbSetStub + """

            public class Capture
            {
                [ConsentSubject] public string PatientId { get; set; } = "";
                [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)] public byte[] Photo { get; set; } = new byte[0];
            }

            public sealed class Store
            {
                private readonly ISeparateConsentService _consent = null!;

                public void Keep<T>(Microsoft.EntityFrameworkCore.DbSet<T> set, T item) where T : class => set.Add(item);

                public void Twice(string patientId, byte[] data)
                {
                    if (_consent.HasSeparateConsent(patientId, Category.Biometric, "archive")) Write("kept.jpg", data);
                    Write("copy.jpg", data);
                }

                private static void Write(string path, byte[] data) => File.WriteAllBytes(path, data);
            }

            class Kiosk
            {
                void Keep(Store store, Microsoft.EntityFrameworkCore.DbSet<Capture> captures, Capture capture)
                {
                    store.Keep(captures, {|#0:capture|});
                    store.Twice(capture.PatientId, {|#1:capture.Photo|});
                }
            }
            """,
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(0)
                .WithArguments("'Capture.Photo' (Biometric)", "DbSet.Add' through 'Store.Keep(DbSet<T>, T)", ExpectedCitations.RawSamples)
                .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations),
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(1)
                .WithArguments("'Capture.Photo' (Biometric)", "File.WriteAllBytes' through 'Store.Twice(string, byte[])', 'Store.Write(string, byte[])", ExpectedCitations.RawSamples)
                .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task A_biometric_guard_at_the_top_of_a_body_covers_the_statements_after_it_not_a_lambda_nor_another_category()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using SensitivePi;

            public class Capture
            {
                [ConsentSubject] public string PatientId { get; set; } = "";
                [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)] public byte[] Photo { get; set; } = new byte[0];
            }

            class C
            {
                private readonly ISeparateConsentService _consent = null!;

                void Guarded(Capture capture)
                {
                    if (!_consent.HasSeparateConsent(capture.PatientId, Category.Biometric, "archive"))
                    {
                        throw new SeparateConsentRequiredException(Category.Biometric, "archive");
                    }

                    File.WriteAllBytes("face.jpg", capture.Photo);
                }

                void Later(Capture capture)
                {
                    if (!_consent.HasSeparateConsent(capture.PatientId, Category.Biometric, "archive")) return;
                    Action later = () => File.WriteAllBytes("face.jpg", {|#0:capture.Photo|});
                    later();
                }

                void OtherCategory(Capture capture)
                {
                    if (!_consent.HasSeparateConsent(capture.PatientId, Category.MedicalHealth, "archive")) return;
                    File.WriteAllBytes("face.jpg", {|#1:capture.Photo|});
                }
            }
            """,
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(0).WithArguments("'Capture.Photo' (Biometric)", "File.WriteAllBytes", ExpectedCitations.RawSamples),
            Verify.Diagnostic(Descriptors.RawBiometricPersisted).WithLocation(1).WithArguments("'Capture.Photo' (Biometric)", "File.WriteAllBytes", ExpectedCitations.RawSamples));
    }
}
