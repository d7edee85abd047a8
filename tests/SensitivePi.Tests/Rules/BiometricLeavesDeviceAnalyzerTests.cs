using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;
using Both = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.BiometricAndConsent>;
using Fix = SensitivePi.Tests.Verifiers.CodeFixVerifier<
    SensitivePi.Tests.Verifiers.SingleRule.BiometricLeavesDevice,
    SensitivePi.CodeFixes.InsertConsentGuardCodeFixProvider>;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.BiometricLeavesDevice>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI014: biometric data sent over a network needs separate consent, whatever the scheme and basis.</summary>
public class BiometricLeavesDeviceAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using SensitivePi;

        """;

    private const string Model = """

        public class Capture
        {
            [ConsentSubject] public string PatientId { get; set; } = "";
            [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)] public byte[] Photo { get; set; } = new byte[0];
            [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.Template, LegalBasis = LegalBasis.ContractNecessity)] public byte[] Template { get; set; } = new byte[0];
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Note { get; set; } = "";
            public string KioskId { get; set; } = "";
        }

        public static class Vault
        {
            [EncryptsPersonalInfo] public static byte[] Seal(byte[] data) => data;
        }
        """;

    private const string Photo = "'Capture.Photo' (Biometric)";
    private const string Template = "'Capture.Template' (Biometric)";

    [Fact]
    public async Task Biometric_data_sent_without_a_check_is_reported_whatever_the_scheme_basis_and_encryption()
    {
        await VerifyAsync("""
            class C
            {
                private readonly ISeparateConsentService _consent = null!;

                async Task M(HttpClient http, Capture c)
                {
                    await http.PostAsync("https://faces.example.cn/match", {|#0:new ByteArrayContent(c.Photo)|});
                    await http.PostAsJsonAsync("https://faces.example.cn/templates", {|#1:c.Template|});
                    await http.PostAsync("https://faces.example.cn/sealed", {|#2:new ByteArrayContent(Vault.Seal(c.Photo))|});
                    await http.PostAsJsonAsync("https://faces.example.cn/kiosks", c.KioskId);
                }

                async Task Guarded(HttpClient http, Capture c)
                {
                    if (!await _consent.HasSeparateConsentAsync(c.PatientId, Category.Biometric, "matching")) return;
                    await http.PostAsync("https://faces.example.cn/match", new ByteArrayContent(c.Photo));
                }

                [RequiresSeparateConsent(Category.Biometric)]
                Task Declared(HttpClient http, Capture c) => http.PostAsync("https://faces.example.cn/match", new ByteArrayContent(c.Photo));

                async Task WrongCategory(HttpClient http, Capture c)
                {
                    if (!await _consent.HasSeparateConsentAsync(c.PatientId, Category.MedicalHealth, "matching")) return;
                    await http.PostAsync("https://faces.example.cn/match", {|#3:new ByteArrayContent(c.Photo)|});
                }

                async Task Masked(HttpClient http, Capture c) =>
                    await http.PostAsync("https://faces.example.cn/match", new StringContent(PiMask.Remove(Convert.ToBase64String(c.Photo))));

                // Review: a send in a lambda; a check for a purpose still covers it (purposes are not compared);
                // a writer whose target is unknown is not shown to be a transmission.
                void InLambda(HttpClient http, Capture c)
                {
                    Func<Task> send = () => http.PostAsync("https://faces.example.cn/match", {|#4:new ByteArrayContent(c.Photo)|});
                }

                [RequiresSeparateConsent(Category.Biometric, Purpose = "matching")]
                Task DeclaredForAPurpose(HttpClient http, Capture c) => http.PostAsync("https://faces.example.cn/match", new ByteArrayContent(c.Photo));

                void UnknownWriter(System.IO.TextWriter writer, Capture c) => writer.Write(Convert.ToBase64String(c.Photo));
            }
            """,
            Expect(0, Photo, "HttpClient.PostAsync"),
            Expect(1, Template, "HttpClient.PostAsJsonAsync"),
            Expect(2, Photo, "HttpClient.PostAsync"),
            Expect(3, Photo, "HttpClient.PostAsync"),
            Expect(4, Photo, "HttpClient.PostAsync"));
    }

    // One diagnostic per problem: sending consent-based biometric data is SPI014's; other data stays SPI003's,
    // and so does storing biometric data.
    [Fact]
    public async Task A_biometric_send_is_not_also_SPI003s()
    {
        await Both.VerifyAnalyzerAsync(Usings + """
            class C
            {
                async Task M(HttpClient http, Capture c)
                {
                    await http.PostAsync("https://faces.example.cn/match", {|#0:new ByteArrayContent(c.Photo)|});
                    await {|#1:http.PostAsync("https://records.example.cn/notes", new StringContent(c.Note))|};
                    {|#2:System.IO.File.WriteAllBytes("face.jpg", c.Photo)|};
                }
            }
            """ + Model,
            Both.Diagnostic(Descriptors.BiometricLeavesDevice).WithLocation(0).WithArguments(Photo, "HttpClient.PostAsync", ExpectedCitations.BiometricOnDevice),
            Both.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(1)
                .WithArguments("HttpClient.PostAsync", "'Capture.Note' (MedicalHealth)", "MedicalHealth", ExpectedCitations.SeparateConsent("MedicalHealth")),
            Both.Diagnostic(Descriptors.MissingSeparateConsent).WithLocation(2)
                .WithArguments("File.WriteAllBytes", Photo, "Biometric", ExpectedCitations.SeparateConsent("Biometric")));
    }

    // The fix of SPI003 inserts the Biometric check before the statement, with the consent subject in scope.
    [Fact]
    public async Task The_fix_inserts_a_biometric_consent_check_before_the_send()
    {
        var test = new Fix.Test
        {
            CodeActionEquivalenceKey = SensitivePi.CodeFixes.InsertConsentGuardCodeFixProvider.EquivalenceKey,

            // C.Send is a helper nothing calls: decided at compilation end (docs/rules/SPI003.md, "Helpers").
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.Sources.Add(Usings + """
            class C
            {
                private readonly ISeparateConsentService _consent = null!;

                async Task Send(HttpClient http, Capture capture)
                {
                    await http.PostAsync("https://faces.example.cn/match", {|#0:new ByteArrayContent(capture.Photo)|});
                }
            }
            """ + Model);
        test.FixedState.Sources.Add(Usings + """
            class C
            {
                private readonly ISeparateConsentService _consent = null!;

                async Task Send(HttpClient http, Capture capture)
                {
                    if (!await _consent.HasSeparateConsentAsync(capture.PatientId, Category.Biometric, "Send")) throw new SeparateConsentRequiredException(Category.Biometric, "Send");
                    await http.PostAsync("https://faces.example.cn/match", new ByteArrayContent(capture.Photo));
                }
            }
            """ + Model);
        test.ExpectedDiagnostics.Add(Fix.Diagnostic(Descriptors.BiometricLeavesDevice).WithLocation(0).WithArguments(Photo, "HttpClient.PostAsync", ExpectedCitations.BiometricOnDevice));
        await test.RunAsync();
    }

    // A helper's send is decided by its call sites: guarded where every one is, otherwise reported at those that are not.
    [Fact]
    public async Task A_helpers_send_is_decided_by_its_call_sites()
    {
        await VerifyAsync("""
            public class Kiosk
            {
                private readonly ISeparateConsentService _consent = null!;
                private readonly HttpClient _http = new();

                public async Task Guarded(Capture c)
                {
                    if (!await _consent.HasSeparateConsentAsync(c.PatientId, Category.Biometric, "match")) return;
                    await Upload(c);
                }

                public Task Unguarded(Capture c) => {|#0:Upload(c)|};

                private Task Upload(Capture c) => _http.PostAsync("https://faces.example.cn/match", new ByteArrayContent(c.Photo));

                private Task UploadUnused(Capture c) => _http.PostAsync("https://faces.example.cn/other", {|#1:new ByteArrayContent(c.Photo)|});
            }
            """,
            Verify.Diagnostic(CompilationEndDescriptors.BiometricLeavesDevice).WithLocation(0).WithArguments(Photo, "HttpClient.PostAsync' through 'Kiosk.Upload", ExpectedCitations.BiometricOnDevice),
            Verify.Diagnostic(CompilationEndDescriptors.BiometricLeavesDevice).WithLocation(1).WithArguments(Photo, "HttpClient.PostAsync", ExpectedCitations.BiometricOnDevice));
    }

    // rules.md "Across methods", reaches, and "Where diagnostics go" (the call argument, for a path through a helper): biometric
    // data of any form and basis handed to a method that sends it, unless a Biometric check at the call, on the way or in the
    // method before the send shows consent, or the caller declares the requirement (its callers then answer for it, SPI003).
    [Fact]
    public async Task Biometric_data_handed_to_a_method_that_sends_it_is_reported_where_it_enters_unless_consent_is_shown()
    {
        await VerifyAsync("""
            public class FaceClient
            {
                private readonly ISeparateConsentService _consent = null!;
                private readonly HttpClient _http = new();

                public Task Upload(byte[] data) => _http.PostAsync("https://faces.example.cn/match", {|#10:new ByteArrayContent(data)|});

                public Task Checked(string subject, byte[] data) =>
                    _consent.HasSeparateConsent(subject, Category.Biometric, "match") ? Upload(data) : Task.CompletedTask;

                public Task Save(System.IO.TextWriter writer, byte[] data) => writer.WriteAsync(Convert.ToBase64String(data));

                public async Task CheckedHere(string subject, byte[] data)
                {
                    if (!await _consent.HasSeparateConsentAsync(subject, Category.Biometric, "match")) return;
                    await _http.PostAsync("https://faces.example.cn/match", new ByteArrayContent(data));
                }
            }

            class Kiosk
            {
                private readonly ISeparateConsentService _consent = null!;

                async Task Unguarded(FaceClient faces, Capture c)
                {
                    await faces.Upload({|#0:c.Photo|});
                    await faces.Upload({|#1:c.Template|});
                    await faces.Checked(c.PatientId, c.Photo);
                    await faces.CheckedHere(c.PatientId, c.Photo);
                    await faces.Save(System.IO.TextWriter.Null, c.Photo);
                    await faces.Upload(System.Text.Encoding.UTF8.GetBytes(c.KioskId));
                }

                async Task Guarded(FaceClient faces, Capture c)
                {
                    if (!await _consent.HasSeparateConsentAsync(c.PatientId, Category.Biometric, "match")) return;
                    await faces.Upload(c.Photo);
                }

                [RequiresSeparateConsent(Category.Biometric)]
                Task Declared(FaceClient faces, Capture c) => faces.Upload(c.Template);
            }
            """,
            AtEnd(0, Photo, "HttpClient.PostAsync' through 'FaceClient.Upload(byte[])").WithLocation(10),
            AtEnd(1, Template, "HttpClient.PostAsync' through 'FaceClient.Upload(byte[])").WithLocation(10));
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
                public static ValueTask<bool> CanMatchAsync(ISeparateConsentService consent, string id) => consent.HasSeparateConsentAsync(id, Category.Biometric, "match");
                public static bool NotACheck(string id) => string.IsNullOrEmpty(id);
            }
            """;
        const string Kiosk = Usings + """
            public class Kiosk
            {
                private readonly ISeparateConsentService _consent = null!;
                private readonly HttpClient _http = new();

                // Calls a wrapper-shaped method of another file: the whole body waits for compilation end.
                public async Task Match(Capture c)
                {
                    if (await FaceGate.CanMatchAsync(_consent, c.PatientId)) await _http.PostAsync("https://faces.example.cn/match", new ByteArrayContent(c.Photo));
                    if (FaceGate.NotACheck(c.PatientId)) await _http.PostAsync("https://faces.example.cn/other", {|#0:new ByteArrayContent(c.Photo)|});
                }
            }
            """;
        var test = new Verify.Test();
        test.TestState.Sources.Add(gateFirst ? ("FaceGate.cs", Gate) : ("Kiosk.cs", Kiosk));
        test.TestState.Sources.Add(gateFirst ? ("Kiosk.cs", Kiosk) : ("FaceGate.cs", Gate));
        test.TestState.Sources.Add(("Model.cs", Usings + Model));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(CompilationEndDescriptors.BiometricLeavesDevice).WithLocation(0).WithArguments(Photo, "HttpClient.PostAsync", ExpectedCitations.BiometricOnDevice));
        await test.RunAsync();
    }

    private static DiagnosticResult AtEnd(int markup, string data, string sinkAndPath) =>
        Verify.Diagnostic(CompilationEndDescriptors.BiometricLeavesDevice).WithLocation(markup).WithArguments(data, sinkAndPath, ExpectedCitations.BiometricOnDevice);

    private static DiagnosticResult Expect(int markup, string data, string sink) =>
        Verify.Diagnostic(Descriptors.BiometricLeavesDevice).WithLocation(markup).WithArguments(data, sink, ExpectedCitations.BiometricOnDevice);

    private static Task VerifyAsync(string body, params DiagnosticResult[] expected) =>
        Verify.VerifyAnalyzerAsync(Usings + body + Model, expected);
}
