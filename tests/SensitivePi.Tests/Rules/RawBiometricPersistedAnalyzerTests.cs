using System.Threading.Tasks;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.RawBiometricPersisted>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI006: raw biometric samples reaching storage, and what makes keeping them acceptable.</summary>
public class RawBiometricPersistedAnalyzerTests
{
    [Fact]
    public async Task Raw_samples_reaching_files_streams_and_entities_are_reported_templates_guarded_and_encrypted_ones_are_not()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using SensitivePi;

            namespace Microsoft.EntityFrameworkCore
            {
                public abstract class DbSet<TEntity> where TEntity : class
                {
                    public virtual void Add(TEntity entity) { }
                }
            }

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
