using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Inventory;
using SensitivePi.Analyzers.Rules;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Inventory;

/// <summary>
/// The record of processing the command-line tool writes (docs/command-line-tool.md), kept by the analyzers while they
/// run: each kind of fact on a small compilation (the end-to-end test compares the whole sample's record).
/// </summary>
public class ProcessingRecorderTests
{
    private const string Source = """
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using SensitivePi;

        namespace Clinic;

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)]
            public string IdNumber { get; set; } = "";

            [SensitivePersonalInfo(Category.MedicalHealth)]
            public string Diagnosis { get; set; } = "";

            public string Name { get; set; } = "";
        }

        public record Visit([SensitivePersonalInfo(Category.LocationTrack)] double Latitude);

        public interface IConsents
        {
            [SeparateConsentCheck(Category.MedicalHealth)]
            bool HasSeparateConsent(string subject, string purpose);
        }

        public static class Vault
        {
            [EncryptsPersonalInfo]
            public static string Seal(string value) => value;
        }

        public class RecordsService
        {
            private readonly ILogger _log;
            private readonly IConsents _consents;

            public RecordsService(ILogger log, IConsents consents) { _log = log; _consents = consents; }

            public void Register(Patient p)
            {
                _log.LogInformation("Registered {Id}", PiMask.IdCardNumber(p.IdNumber));
                _log.LogInformation("Registered {Id}", p.IdNumber);
                if (_consents.HasSeparateConsent(p.Name, "treatment"))
                {
                    File.WriteAllText("notes.txt", p.Diagnosis);
                }

                File.WriteAllText("vault.txt", Vault.Seal(p.Diagnosis));
                Audit(p.IdNumber);
                Keep(p.Diagnosis);
                if (_consents.HasSeparateConsent(p.Name, "treatment"))
                {
                    Keep(p.Diagnosis);
                }
            }

            private void Audit(string text) => _log.LogWarning(text);

            private void Keep(string text) => File.WriteAllText("kept.txt", text);

            [IdentityVerification("front desk")]
            public bool VerifyByCode(string code) => code.Length == 6;

            [RequiresSeparateConsent(Category.MedicalHealth)]
            public void Archive(Patient p) => Keep(p.Diagnosis);
        }
        """;

    [Fact]
    public async Task Keeps_every_classified_member_with_how_it_is_classified()
    {
        var recorder = await RunAsync();
        var members = recorder.Members.OrderBy(m => m.Symbol, StringComparer.Ordinal).Select(m => (m.Symbol, m.Kind, m.Category, m.Mask, m.ClassifiedBy)).ToArray();
        Assert.Equal(
            new[]
            {
                ("M:Clinic.Visit.#ctor(System.Double)#Latitude", "parameter", "LocationTrack", "Full", "attribute"),
                ("P:Clinic.Patient.Diagnosis", "property", "MedicalHealth", "Full", "attribute"),
                ("P:Clinic.Patient.IdNumber", "property", "SpecificIdentity", "IdCardNumber", "attribute"),
                ("P:Clinic.Visit.Latitude", "property", "LocationTrack", "Full", "attribute"),
            },
            members);
    }

    [Fact]
    public async Task Keeps_masked_plain_encrypted_guarded_and_cross_method_flows()
    {
        var recorder = await RunAsync();
        var flows = recorder.Flows
            .OrderBy(f => f.At!.Line).ThenBy(f => f.At!.Column)
            .Select(f => (f.At!.Line, f.DataName, f.SinkKind, f.Sink, f.Target, f.Protection, Consent: f.Consent.IsDefault ? "?" : string.Join("; ", f.Consent), Through: string.Join(",", f.Through)))
            .ToArray();
        Assert.Equal(
            new[]
            {
                (42, "Patient.IdNumber", "Logging", "ILogger.LogInformation", (string?)null, "masked", "", ""),
                (43, "Patient.IdNumber", "Logging", "ILogger.LogInformation", null, "none", "", ""),
                (46, "Patient.Diagnosis", "Storage", "File.WriteAllText", "notes.txt", "none", "'IConsents.HasSeparateConsent' for 'treatment'", ""),
                (49, "Patient.Diagnosis", "Storage", "File.WriteAllText", "vault.txt", "encrypted", "", ""),
                (50, "Patient.IdNumber", "Logging", "ILogger.LogWarning", null, "none", "?", "RecordsService.Audit(string)"),
                (51, "Patient.Diagnosis", "Storage", "File.WriteAllText", null, "none", "", "RecordsService.Keep(string)"),
                (54, "Patient.Diagnosis", "Storage", "File.WriteAllText", null, "none", "'IConsents.HasSeparateConsent' for 'treatment'", "RecordsService.Keep(string)"),
                (66, "Patient.Diagnosis", "Storage", "File.WriteAllText", null, "none", "required of callers ([RequiresSeparateConsent])", "RecordsService.Keep(string)"),
            },
            flows);
        Assert.All(recorder.Flows.Where(f => f.Through.IsEmpty), f => Assert.Equal("M:Clinic.RecordsService.Register(Clinic.Patient)", f.Member));
    }

    [Fact]
    public async Task Keeps_each_identity_verification_method_with_its_verdict()
    {
        var recorder = await RunAsync();
        var verification = Assert.Single(recorder.Verifications);
        Assert.Equal(("front desk", "M:Clinic.RecordsService.VerifyByCode(System.String)", "alternative without biometrics", 63), (verification.Purpose, verification.Method, verification.Verdict, verification.At!.Line));
    }

    [Fact]
    public async Task Keeps_nothing_and_says_so_where_nothing_is_classified()
    {
        var recorder = await RunAsync("namespace Clinic; public class Patient { public string IdNumber { get; set; } = \"\"; }");
        Assert.False(recorder.EngineRan);
        Assert.Empty(recorder.Members);
        Assert.Empty(recorder.Flows);
    }

    private static async Task<ProcessingRecorder> RunAsync(string source = Source)
    {
        var compilation = await TestCompilation.CreateAsync(source);
        var recorder = new ProcessingRecorder();
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new SensitiveDataFlowAnalyzer(recorder), new BiometricOnlyIdentificationAnalyzer(recorder));
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => throw e, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        return recorder;
    }
}
