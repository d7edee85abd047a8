using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.CodeFixes;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.CodeFixVerifier<
    SensitivePi.Tests.Verifiers.SingleRule.UnencryptedTransmission,
    SensitivePi.CodeFixes.UnencryptedTransmissionCodeFixProvider>;

namespace SensitivePi.Tests.Rules;

/// <summary>The SPI001 scheme fix: the deciding literal is rewritten where it is declared, once.</summary>
public class UnencryptedTransmissionCodeFixTests
{
    private const string Model = """
        using SensitivePi;

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
        }
        """;

    private const string Endpoints = """
        public static class Endpoints
        {
            public const string Records = "http://records.example.cn/api";
        }
        """;

    private const string FixedEndpoints = """
        public static class Endpoints
        {
            public const string Records = "https://records.example.cn/api";
        }
        """;

    private const string IdNumber = "'Patient.IdNumber' (SpecificIdentity)";

    [Fact]
    public async Task Rewrites_a_literal_an_interpolation_and_a_websocket_uri_in_place()
    {
        var test = NewTest();
        test.TestState.Sources.Add(("Test.cs", """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task M(HttpClient http, Patient p, string host)
                {
                    await http.PostAsync("http://records.example.cn/api", {|#0:new StringContent(p.IdNumber)|});
                    await http.PostAsync($"http://{host}/api", {|#1:new StringContent(p.IdNumber)|});
                    using var socket = new System.Net.WebSockets.ClientWebSocket();
                    await socket.ConnectAsync(new Uri("ws://records.example.cn/live"), default);
                    await socket.SendAsync({|#2:new ArraySegment<byte>(System.Text.Encoding.UTF8.GetBytes(p.IdNumber))|}, System.Net.WebSockets.WebSocketMessageType.Text, true, default);
                }
            }
            """));
        test.FixedState.Sources.Add(("Test.cs", """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task M(HttpClient http, Patient p, string host)
                {
                    await http.PostAsync("https://records.example.cn/api", new StringContent(p.IdNumber));
                    await http.PostAsync($"https://{host}/api", new StringContent(p.IdNumber));
                    using var socket = new System.Net.WebSockets.ClientWebSocket();
                    await socket.ConnectAsync(new Uri("wss://records.example.cn/live"), default);
                    await socket.SendAsync(new ArraySegment<byte>(System.Text.Encoding.UTF8.GetBytes(p.IdNumber)), System.Net.WebSockets.WebSocketMessageType.Text, true, default);
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Diagnostic(0, "HttpClient.PostAsync"));
        test.ExpectedDiagnostics.Add(Diagnostic(1, "HttpClient.PostAsync"));
        test.ExpectedDiagnostics.Add(Diagnostic(2, "ClientWebSocket.SendAsync"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Rewrites_a_constant_declared_in_another_file_once_for_all_its_uses()
    {
        var test = NewTest();
        test.TestState.Sources.Add(("Endpoints.cs", Endpoints));
        test.TestState.Sources.Add(("Test.cs", """
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task M(HttpClient http, Patient p)
                {
                    await http.PostAsync(Endpoints.Records, {|#0:new StringContent(p.IdNumber)|});
                    await http.PutAsync(Endpoints.Records, {|#1:new StringContent(p.IdNumber)|});
                }
            }
            """));
        test.FixedState.Sources.Add(("Endpoints.cs", FixedEndpoints));
        test.FixedState.Sources.Add(("Test.cs", """
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task M(HttpClient http, Patient p)
                {
                    await http.PostAsync(Endpoints.Records, new StringContent(p.IdNumber));
                    await http.PutAsync(Endpoints.Records, new StringContent(p.IdNumber));
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Diagnostic(0, "HttpClient.PostAsync"));
        test.ExpectedDiagnostics.Add(Diagnostic(1, "HttpClient.PutAsync"));

        // One fix rewrites the shared constant, so the second diagnostic goes with the first.
        test.NumberOfIncrementalIterations = 1;
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Offers_nothing_where_no_literal_decides_the_channel()
    {
        const string source = """
            class C
            {
                void M(System.Net.Sockets.Socket socket, Patient p)
                {
                    socket.Send({|#0:System.Text.Encoding.UTF8.GetBytes(p.IdNumber)|});
                }
            }
            """;
        var test = NewTest();
        test.TestState.Sources.Add(("Test.cs", source));
        test.FixedState.Sources.Add(("Test.cs", source));
        test.ExpectedDiagnostics.Add(Diagnostic(0, "Socket.Send"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Sets_EnableSsl_where_the_smtp_client_is_created()
    {
        var test = NewTest();
        test.CodeActionEquivalenceKey = UnencryptedTransmissionCodeFixProvider.EnableSslKey;
        test.TestState.Sources.Add(("Test.cs", """
            using System.Net.Mail;

            class C
            {
                private readonly SmtpClient _relay = new SmtpClient("relay.example.cn") { Port = 25, EnableSsl = false };

                void Send(Patient p)
                {
                    using var smtp = new SmtpClient("smtp.example.cn");
                    smtp.Send("a@example.cn", "b@example.cn", "Claim", {|#0:p.IdNumber|});
                }

                void Relay(Patient p) => _relay.Send("a@example.cn", "b@example.cn", "Claim", {|#1:p.IdNumber|});
            }
            """));
        test.FixedState.Sources.Add(("Test.cs", """
            using System.Net.Mail;

            class C
            {
                private readonly SmtpClient _relay = new SmtpClient("relay.example.cn") { Port = 25, EnableSsl = true };

                void Send(Patient p)
                {
                    using var smtp = new SmtpClient("smtp.example.cn") { EnableSsl = true };
                    smtp.Send("a@example.cn", "b@example.cn", "Claim", p.IdNumber);
                }

                void Relay(Patient p) => _relay.Send("a@example.cn", "b@example.cn", "Claim", p.IdNumber);
            }
            """));
        test.ExpectedDiagnostics.Add(Diagnostic(0, "SmtpClient.Send"));
        test.ExpectedDiagnostics.Add(Diagnostic(1, "SmtpClient.Send"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Sets_EnableSsl_on_an_ftp_request_after_its_declaration()
    {
        var test = NewTest();
        test.CodeActionEquivalenceKey = UnencryptedTransmissionCodeFixProvider.EnableSslKey;
        test.TestState.Sources.Add(("Test.cs", """
            using System.Net;

            class C
            {
                #pragma warning disable SYSLIB0014
                void Upload(Patient p)
                {
                    var request = (FtpWebRequest)WebRequest.Create("ftp://files.example.cn/patients.csv");
                    request.Method = WebRequestMethods.Ftp.UploadFile;
                    using var stream = request.GetRequestStream();
                    stream.Write({|#0:System.Text.Encoding.UTF8.GetBytes(p.IdNumber)|});
                }
            }
            """));
        test.FixedState.Sources.Add(("Test.cs", """
            using System.Net;

            class C
            {
                #pragma warning disable SYSLIB0014
                void Upload(Patient p)
                {
                    var request = (FtpWebRequest)WebRequest.Create("ftp://files.example.cn/patients.csv");
                    request.EnableSsl = true;
                    request.Method = WebRequestMethods.Ftp.UploadFile;
                    using var stream = request.GetRequestStream();
                    stream.Write(System.Text.Encoding.UTF8.GetBytes(p.IdNumber));
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Diagnostic(0, "Stream.Write"));
        await test.RunAsync(CancellationToken.None);
    }

    // The address a registration gives decides, so the fix rewrites it there (docs/rules/SPI001.md). The report
    // waits for every body (compilation end); the IDE offers its fix where it was computed.
    [Fact]
    public async Task Rewrites_the_BaseAddress_of_the_AddHttpClient_registration()
    {
        const string Client = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public class RecordsClient(HttpClient http)
            {
                public Task Push(Patient p) => http.PostAsync("api/patients", {|#0:new StringContent(p.IdNumber)|});
            }
            """;
        const string Registration = """
            using System;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registrations
            {
                public static void Add(IServiceCollection services) =>
                    services.AddHttpClient<RecordsClient>(c => c.BaseAddress = new Uri("http://records.example.cn/"));
            }
            """;
        var test = NewTest();
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        test.TestState.Sources.Add(("Stubs.cs", HttpClientFactoryStubs.Source));
        test.TestState.Sources.Add(("Program.cs", Registration));
        test.TestState.Sources.Add(("Client.cs", Client));
        test.FixedState.Sources.Add(("Stubs.cs", HttpClientFactoryStubs.Source));
        test.FixedState.Sources.Add(("Program.cs", Registration.Replace("http://records", "https://records")));
        test.FixedState.Sources.Add(("Client.cs", Client.Replace("{|#0:", "").Replace(")|})", "))")));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.UnencryptedTransmission).WithLocation(0)
            .WithArguments(IdNumber, "HttpClient.PostAsync' with the BaseAddress of 'AddHttpClient<RecordsClient>", ExpectedCitations.Transmission(IdNumber))
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync(CancellationToken.None);
    }

    private static Verify.Test NewTest()
    {
        var test = new Verify.Test { CodeActionEquivalenceKey = UnencryptedTransmissionCodeFixProvider.UseSecureSchemeKey };
        test.TestState.Sources.Add(("Model.cs", Model));
        test.FixedState.Sources.Add(("Model.cs", Model));
        return test;
    }

    private static DiagnosticResult Diagnostic(int markup, string sink) =>
        Verify.Diagnostic(Descriptors.UnencryptedTransmission).WithLocation(markup).WithArguments(IdNumber, sink, ExpectedCitations.Transmission(IdNumber))
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
}
