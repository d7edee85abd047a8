using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.UnencryptedTransmission>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI001 diagnostics: sinks, how the scheme is decided, TLS negatives and sensitive URLs.</summary>
public class UnencryptedTransmissionAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using SensitivePi;

        """;

    private const string Model = """

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            [SensitivePersonalInfo(Category.Biometric)] public byte[] FaceImage { get; set; } = new byte[0];
            public string City { get; set; } = "";
        }

        public static class Endpoints
        {
            public const string Plain = "http://records.example.cn/api";
            public const string Secure = "https://records.example.cn/api";
            public static readonly Uri PlainUri = new Uri("http://records.example.cn/api");
            public static readonly string PlainText = "http://records.example.cn/api";
        }
        """;

    private const string IdNumber = "'Patient.IdNumber' (SpecificIdentity)";
    private const string Diagnosis = "'Patient.Diagnosis' (MedicalHealth)";
    private const string Container = "'Patient.Diagnosis' (MedicalHealth), 'Patient.FaceImage' (Biometric), 'Patient.IdNumber' (SpecificIdentity)";

    [Fact]
    public async Task Every_way_of_writing_an_http_uri_decides_the_channel()
    {
        await VerifyAsync("""
            class C
            {
                async Task M(HttpClient http, Patient p)
                {
                    await http.PostAsync("http://records.example.cn/api", {|#0:new StringContent(p.IdNumber)|});
                    await http.PostAsync(Endpoints.Plain, {|#1:new StringContent(p.IdNumber)|});
                    await http.PostAsync(Endpoints.PlainUri, {|#2:new StringContent(p.Diagnosis)|});
                    await http.PostAsync(Endpoints.PlainText, {|#3:new StringContent(p.Diagnosis)|});
                    await http.PostAsync(new Uri("http://records.example.cn/api"), {|#4:new StringContent(p.IdNumber)|});
                    var host = "records.example.cn";
                    await http.PostAsync($"http://{host}/api", {|#5:new StringContent(p.IdNumber)|});
                    await http.PostAsync("http://" + host + "/api", {|#6:new StringContent(p.IdNumber)|});
                    var url = "http://records.example.cn/api";
                    await http.PutAsync(url, {|#7:new StringContent(p.IdNumber)|});
                }
            }
            """,
            Expect(0, IdNumber, "HttpClient.PostAsync"),
            Expect(1, IdNumber, "HttpClient.PostAsync"),
            Expect(2, Diagnosis, "HttpClient.PostAsync"),
            Expect(3, Diagnosis, "HttpClient.PostAsync"),
            Expect(4, IdNumber, "HttpClient.PostAsync"),
            Expect(5, IdNumber, "HttpClient.PostAsync"),
            Expect(6, IdNumber, "HttpClient.PostAsync"),
            Expect(7, IdNumber, "HttpClient.PutAsync"));
    }

    [Fact]
    public async Task A_plain_send_beside_secure_ones_is_reported_wherever_it_is_in_the_body()
    {
        // Bodies whose every send is encrypted (or undecidable) are settled without a graph; one plain send, in a
        // lambda or through a client whose BaseAddress is plain, sends the whole body to the taint analysis.
        await VerifyAsync("""
            class C
            {
                async Task InLambda(HttpClient http, Patient p)
                {
                    await http.PostAsync(Endpoints.Secure, new StringContent(p.IdNumber));
                    Func<Task> later = () => http.PostAsync(Endpoints.Plain, {|#0:new StringContent(p.Diagnosis)|});
                    await later();
                }

                async Task RelativeToAPlainBase(Patient p)
                {
                    var http = new HttpClient { BaseAddress = new Uri("http://records.example.cn/") };
                    await http.PostAsync("api", {|#1:new StringContent(p.IdNumber)|});
                }
            }
            """,
            Expect(0, Diagnosis, "HttpClient.PostAsync"),
            Expect(1, IdNumber, "HttpClient.PostAsync"));
    }

    [Fact]
    public async Task Data_passed_to_a_helper_that_sends_it_in_plaintext_is_reported_at_the_argument()
    {
        // docs/design/value-flow-engine.md, "Across methods": the helper's channel decides; a secure helper is clean,
        // and an object the helper itself reports as a container is not reported again at its callers.
        await VerifyAsync("""
            class Partner
            {
                private readonly HttpClient _http;
                public Partner(HttpClient http) => _http = http;
                public Task Plain(string value) => _http.PostAsync(Endpoints.Plain, new StringContent(value));
                public Task Secure(string value) => _http.PostAsync(Endpoints.Secure, new StringContent(value));
                public Task Whole(Patient patient) => _http.PostAsJsonAsync(Endpoints.Plain, {|#1:patient|});
            }

            class C
            {
                async Task M(Partner partner, Patient p)
                {
                    await partner.Plain({|#0:p.IdNumber|});
                    await partner.Secure(p.IdNumber);
                    await partner.Plain(p.City);
                    await partner.Whole(p);
                }
            }
            """,
            Expect(0, IdNumber, "HttpClient.PostAsync' through 'Partner.Plain(string)"),
            Expect(1, "'Patient.Diagnosis' (MedicalHealth), 'Patient.FaceImage' (Biometric), 'Patient.IdNumber' (SpecificIdentity)", "HttpClient.PostAsJsonAsync"));
    }

    [Fact]
    public async Task Json_content_serialises_containers_and_sensitive_data_in_the_url_counts()
    {
        await VerifyAsync("""
            class C
            {
                async Task M(HttpClient http, Patient p)
                {
                    await http.PostAsJsonAsync(Endpoints.Plain, {|#0:p|});
                    await http.GetAsync({|#1:"http://records.example.cn/api?id=" + p.IdNumber|});
                    await http.GetStringAsync({|#2:$"http://records.example.cn/patients/{p.IdNumber}"|});
                }
            }
            """,
            Expect(0, Container, "HttpClient.PostAsJsonAsync"),
            Expect(1, IdNumber, "HttpClient.GetAsync"),
            Expect(2, IdNumber, "HttpClient.GetStringAsync"));
    }

    [Fact]
    public async Task BaseAddress_set_in_the_same_method_decides_relative_uris()
    {
        await VerifyAsync("""
            class C
            {
                async Task Initializer(Patient p)
                {
                    using var http = new HttpClient { BaseAddress = new Uri("http://records.example.cn/") };
                    await http.PostAsync("api/patients", {|#0:new StringContent(p.IdNumber)|});
                }

                async Task Assignment(Patient p)
                {
                    using var http = new HttpClient();
                    http.BaseAddress = new Uri(Endpoints.Plain);
                    await http.PostAsJsonAsync("patients", {|#1:p|});
                }

                async Task Secure(Patient p)
                {
                    using var http = new HttpClient { BaseAddress = new Uri(Endpoints.Secure) };
                    await http.PostAsync("api/patients", new StringContent(p.IdNumber));
                }

                async Task Unknown(HttpClient http, Patient p) => await http.PostAsync("api/patients", new StringContent(p.IdNumber));
            }
            """,
            Expect(0, IdNumber, "HttpClient.PostAsync"),
            Expect(1, Container, "HttpClient.PostAsJsonAsync"));
    }

    [Fact]
    public async Task Requests_websockets_smtp_and_raw_sockets_are_sinks()
    {
        await VerifyAsync("""
            class C
            {
                async Task Request(HttpClient http, Patient p)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "http://records.example.cn/api") { Content = new StringContent(p.IdNumber) };
                    await http.SendAsync({|#0:request|});
                }

                async Task Socket(Patient p)
                {
                    using var socket = new System.Net.WebSockets.ClientWebSocket();
                    await socket.ConnectAsync(new Uri("ws://records.example.cn/live"), default);
                    await socket.SendAsync({|#1:new ArraySegment<byte>(System.Text.Encoding.UTF8.GetBytes(p.IdNumber))|}, System.Net.WebSockets.WebSocketMessageType.Text, true, default);
                }

                void Mail(Patient p)
                {
                    using var smtp = new System.Net.Mail.SmtpClient("smtp.example.cn");
                    smtp.Send("clinic@example.cn", "insurer@example.cn", "Claim", {|#2:p.Diagnosis|});
                }

                void Raw(System.Net.Sockets.Socket socket, System.Net.Sockets.NetworkStream stream, Patient p)
                {
                    socket.Send({|#3:System.Text.Encoding.UTF8.GetBytes(p.IdNumber)|});
                    stream.Write({|#4:System.Text.Encoding.UTF8.GetBytes(p.Diagnosis)|});
                }

                void Writers(System.Net.Sockets.TcpClient tcp, Patient p)
                {
                    using var text = new System.IO.StreamWriter(tcp.GetStream());
                    text.WriteLine({|#5:p.IdNumber|});
                    using var binary = new System.IO.BinaryWriter(tcp.GetStream());
                    binary.Write({|#6:p.Diagnosis|});
                    using var ssl = new System.Net.Security.SslStream(tcp.GetStream());
                    using var secure = new System.IO.StreamWriter(ssl);
                    secure.WriteLine(p.IdNumber);
                    using var file = new System.IO.StreamWriter("patients.txt");
                    file.WriteLine(p.IdNumber);
                    Console.Out.WriteLine(p.City);
                }
            }
            """,
            Expect(0, IdNumber, "HttpClient.SendAsync"),
            Expect(1, IdNumber, "ClientWebSocket.SendAsync"),
            Expect(2, Diagnosis, "SmtpClient.Send"),
            Expect(3, IdNumber, "Socket.Send"),
            Expect(4, Diagnosis, "NetworkStream.Write"),
            Expect(5, IdNumber, "StreamWriter.WriteLine"),
            Expect(6, Diagnosis, "BinaryWriter.Write"));
    }

    [Fact]
    public async Task Tls_unknown_channels_masked_encrypted_and_non_sensitive_payloads_are_clean()
    {
        await VerifyAsync("""
            public static class Crypto
            {
                [EncryptsPersonalInfo] public static string Seal(string value) => value;
            }

            class C
            {
                async Task M(HttpClient http, Patient p, string configuredUrl)
                {
                    await http.PostAsync("https://records.example.cn/api", new StringContent(p.IdNumber));
                    await http.PostAsync(Endpoints.Secure, new StringContent(p.IdNumber));
                    await http.PostAsync(configuredUrl, new StringContent(p.IdNumber));
                    await http.PostAsync(Endpoints.Plain, new StringContent(Crypto.Seal(p.IdNumber)));
                    await http.PostAsync(Endpoints.Plain, new StringContent(PiMask.IdCardNumber(p.IdNumber)));
                    await http.PostAsync(Endpoints.Plain, new StringContent(p.City));
                    using var socket = new System.Net.WebSockets.ClientWebSocket();
                    await socket.ConnectAsync(new Uri("wss://records.example.cn/live"), default);
                    await socket.SendAsync(new ArraySegment<byte>(System.Text.Encoding.UTF8.GetBytes(p.IdNumber)), System.Net.WebSockets.WebSocketMessageType.Text, true, default);
                    using var smtp = new System.Net.Mail.SmtpClient("smtp.example.cn") { EnableSsl = true };
                    smtp.Send("clinic@example.cn", "insurer@example.cn", "Claim", p.Diagnosis);
                    using var later = new System.Net.Mail.SmtpClient("smtp.example.cn");
                    later.EnableSsl = true;
                    later.Send("clinic@example.cn", "insurer@example.cn", "Claim", p.Diagnosis);
                }

                void Ssl(System.Net.Sockets.NetworkStream network, Patient p)
                {
                    using var ssl = new System.Net.Security.SslStream(network);
                    ssl.Write(System.Text.Encoding.UTF8.GetBytes(p.IdNumber));
                }
            }
            """);
    }

    [Fact]
    public async Task BaseAddress_and_EnableSsl_set_in_constructors_and_field_initializers_decide_calls_through_fields()
    {
        await VerifyAsync("""
            class FieldInitializer
            {
                private readonly HttpClient _http = new HttpClient { BaseAddress = new Uri(Endpoints.Plain) };

                Task Send(Patient p) => _http.PostAsync("patients", {|#0:new StringContent(p.IdNumber)|});
            }

            class Constructor
            {
                private readonly HttpClient _http;
                private readonly System.Net.Mail.SmtpClient _smtp;
                private readonly System.Net.Mail.SmtpClient _secureSmtp;

                Constructor()
                {
                    _http = new HttpClient();
                    _http.BaseAddress = new Uri("http://records.example.cn/");
                    _smtp = new System.Net.Mail.SmtpClient("smtp.example.cn");
                    _secureSmtp = new System.Net.Mail.SmtpClient("smtp.example.cn") { EnableSsl = true };
                }

                Task Send(Patient p) => _http.PostAsJsonAsync("patients", {|#1:p|});

                void Mail(Patient p)
                {
                    _smtp.Send("a@example.cn", "b@example.cn", "Claim", {|#2:p.Diagnosis|});
                    _secureSmtp.Send("a@example.cn", "b@example.cn", "Claim", p.Diagnosis);
                }

                class Nested
                {
                    private readonly HttpClient _http = new HttpClient { BaseAddress = new Uri("https://records.example.cn/") };

                    Task Send(Patient p) => _http.PostAsync("patients", new StringContent(p.IdNumber));
                }
            }

            class Injected
            {
                private readonly HttpClient _http;

                Injected(HttpClient http) => _http = http;

                Task Send(Patient p) => _http.PostAsync("patients", new StringContent(p.IdNumber));
            }

            class UrlField
            {
                private readonly string _url;

                UrlField() => _url = "http://records.example.cn/api";

                Task Send(HttpClient http, Patient p) => http.PostAsync(_url, {|#3:new StringContent(p.IdNumber)|});
            }

            class ConstantUrlField
            {
                private readonly string _url = "http://records.example.cn/api";

                Task Send(HttpClient http, Patient p) => http.PostAsync(_url, {|#4:new StringContent(p.IdNumber)|});
            }

            partial class Split
            {
                private readonly HttpClient _http;

                Task Send(Patient p) => _http.PostAsync("patients", {|#5:new StringContent(p.IdNumber)|});
            }

            partial class Split
            {
                Split() => _http = new HttpClient { BaseAddress = new Uri("http://records.example.cn/") };
            }

            class PropertyAndStatic
            {
                private HttpClient Http { get; } = new HttpClient { BaseAddress = new Uri("http://records.example.cn/") };
                private static readonly HttpClient Shared = new HttpClient { BaseAddress = new Uri("http://records.example.cn/") };

                Task Send(Patient p) => Http.PostAsync("patients", {|#6:new StringContent(p.IdNumber)|});
                Task SendShared(Patient p) => Shared.PostAsync("patients", {|#7:new StringContent(p.Diagnosis)|});
            }
            """,
            Expect(0, IdNumber, "HttpClient.PostAsync"),
            Expect(1, Container, "HttpClient.PostAsJsonAsync"),
            Expect(2, Diagnosis, "SmtpClient.Send"),
            Expect(3, IdNumber, "HttpClient.PostAsync"),
            Expect(4, IdNumber, "HttpClient.PostAsync"),
            Expect(5, IdNumber, "HttpClient.PostAsync"),
            Expect(6, IdNumber, "HttpClient.PostAsync"),
            Expect(7, Diagnosis, "HttpClient.PostAsync"));
    }

    [Fact]
    public async Task A_partial_type_declared_in_two_files_is_not_searched_so_its_fields_decide_nothing()
    {
        // Never guessing: the other file may assign the field again, and its semantic model is not ours to create.
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Send.cs", Usings + """
            partial class Split
            {
                private readonly HttpClient _http = new HttpClient { BaseAddress = new Uri("http://records.example.cn/") };

                Task Send(Patient p) => _http.PostAsync("patients", new StringContent(p.IdNumber));
            }
            """ + Model));
        test.TestState.Sources.Add(("Configure.cs", Usings + """
            partial class Split
            {
                void Configure() { }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task WebClient_UdpClient_mail_messages_and_ftp_uploads_are_sinks()
    {
        await VerifyAsync("""
            class C
            {
                #pragma warning disable SYSLIB0014 // WebClient and FtpWebRequest are obsolete, and still in use.
                void Legacy(Patient p)
                {
                    using var web = new System.Net.WebClient();
                    web.UploadString("http://records.example.cn/api", {|#0:p.IdNumber|});
                    web.UploadString("https://records.example.cn/api", p.IdNumber);

                    var ftp = (System.Net.FtpWebRequest)System.Net.WebRequest.Create("ftp://files.example.cn/patients.csv");
                    ftp.Method = System.Net.WebRequestMethods.Ftp.UploadFile;
                    using var upload = ftp.GetRequestStream();
                    upload.Write({|#1:System.Text.Encoding.UTF8.GetBytes(p.Diagnosis)|});

                    var secureFtp = (System.Net.FtpWebRequest)System.Net.WebRequest.Create("ftp://files.example.cn/patients.csv");
                    secureFtp.EnableSsl = true;
                    using var secureUpload = secureFtp.GetRequestStream();
                    secureUpload.Write(System.Text.Encoding.UTF8.GetBytes(p.Diagnosis));
                }
                #pragma warning restore SYSLIB0014

                void Datagram(System.Net.Sockets.UdpClient udp, Patient p)
                {
                    var bytes = System.Text.Encoding.UTF8.GetBytes(p.IdNumber);
                    udp.Send({|#2:bytes|}, bytes.Length);
                }

                void Mail(Patient p)
                {
                    using var smtp = new System.Net.Mail.SmtpClient("smtp.example.cn");
                    var message = new System.Net.Mail.MailMessage("clinic@example.cn", "insurer@example.cn", "Claim", p.Diagnosis);
                    smtp.Send({|#3:message|});
                    var withAttachment = new System.Net.Mail.MailMessage("clinic@example.cn", "insurer@example.cn");
                    withAttachment.Attachments.Add(new System.Net.Mail.Attachment(new System.IO.MemoryStream(p.FaceImage), "face.jpg"));
                    smtp.Send({|#4:withAttachment|});
                }
            }
            """,
            Expect(0, IdNumber, "WebClient.UploadString"),
            Expect(1, Diagnosis, "Stream.Write"),
            Expect(2, IdNumber, "UdpClient.Send"),
            Expect(3, Diagnosis, "SmtpClient.Send"),
            Expect(4, "'Patient.FaceImage' (Biometric)", "SmtpClient.Send"));
    }

    // Regression (issue "Idiomatic C# read precisely"): EnableSsl set by a deconstruction counts like an assignment.
    [Fact]
    public async Task EnableSsl_set_by_deconstruction_decides_the_channel()
    {
        await VerifyAsync("""
            class C
            {
                void Secure(Patient p)
                {
                    using var smtp = new System.Net.Mail.SmtpClient("smtp.example.cn");
                    (smtp.EnableSsl, _) = (true, 0);
                    smtp.Send("clinic@example.cn", "insurer@example.cn", "Claim", p.Diagnosis);
                }

                void Plain(Patient p)
                {
                    using var smtp = new System.Net.Mail.SmtpClient("smtp.example.cn");
                    (smtp.EnableSsl, smtp.Port) = (false, 25);
                    smtp.Send("clinic@example.cn", "insurer@example.cn", "Claim", {|#0:p.Diagnosis|});
                }

                void Unknown(Patient p, (bool Ssl, int Port) settings)
                {
                    using var smtp = new System.Net.Mail.SmtpClient("smtp.example.cn");
                    (smtp.EnableSsl, smtp.Port) = settings;
                    smtp.Send("clinic@example.cn", "insurer@example.cn", "Claim", p.Diagnosis);
                }
            }
            """,
            Expect(0, Diagnosis, "SmtpClient.Send"));
    }

    // Missed before (issue "Idiomatic C# read precisely"): a download sends its address.
    [Fact]
    public async Task WebClient_downloads_send_the_data_in_their_address()
    {
        await VerifyAsync("""
            class C
            {
                void Lookup(System.Net.WebClient web, Patient p)
                {
                    web.DownloadString({|#0:"http://records.example.cn/find?id=" + p.IdNumber|});
                    web.DownloadString("https://records.example.cn/find?id=" + p.IdNumber);
                }
            }
            """,
            Expect(0, IdNumber, "WebClient.DownloadString"));
    }

    // Missed before (issue "Idiomatic C# read precisely"): an interpolation whose first hole is a constant or a
    // field holding the scheme resolves like a concatenation.
    [Fact]
    public async Task The_first_hole_of_an_interpolation_can_fix_the_scheme()
    {
        await VerifyAsync("""
            class C
            {
                private const string Scheme = "http://";
                private static readonly string BaseUrl = "http://records.example.cn";

                async Task Send(HttpClient http, Patient p, string host)
                {
                    await http.PostAsync($"{Endpoints.Plain}/patients", {|#0:new StringContent(p.IdNumber)|});
                    await http.PostAsync($"{Scheme}{host}/patients", {|#1:new StringContent(p.IdNumber)|});
                    await http.PostAsync($"{BaseUrl}/patients", {|#2:new StringContent(p.IdNumber)|});
                    await http.PostAsync($"{Endpoints.Secure}/patients", new StringContent(p.IdNumber));
                    await http.PostAsync($"{host}/patients", new StringContent(p.IdNumber));
                }
            }
            """,
            Expect(0, IdNumber, "HttpClient.PostAsync"),
            Expect(1, IdNumber, "HttpClient.PostAsync"),
            Expect(2, IdNumber, "HttpClient.PostAsync"));
    }

    // Missed before (issue "Idiomatic C# read precisely"): an FtpWebRequest whose EnableSsl is never set is
    // plaintext whatever its address.
    [Fact]
    public async Task An_FtpWebRequest_made_from_any_address_is_plaintext_without_EnableSsl()
    {
        await VerifyAsync("""
            class C
            {
                #pragma warning disable SYSLIB0014 // FtpWebRequest is obsolete, and still in use.
                void Upload(Patient p, Uri address)
                {
                    var ftp = (System.Net.FtpWebRequest)System.Net.WebRequest.Create(address);
                    using var upload = ftp.GetRequestStream();
                    upload.Write({|#0:System.Text.Encoding.UTF8.GetBytes(p.Diagnosis)|});

                    var secure = (System.Net.FtpWebRequest)System.Net.WebRequest.Create(address);
                    secure.EnableSsl = true;
                    using var secureUpload = secure.GetRequestStream();
                    secureUpload.Write(System.Text.Encoding.UTF8.GetBytes(p.Diagnosis));

                    var unknown = System.Net.WebRequest.Create(address);
                    using var unknownUpload = unknown.GetRequestStream();
                    unknownUpload.Write(System.Text.Encoding.UTF8.GetBytes(p.Diagnosis));
                }
                #pragma warning restore SYSLIB0014
            }
            """,
            Expect(0, Diagnosis, "Stream.Write"));
    }

    // Regression (issue "Idiomatic C# read precisely"): for a local client the last EnableSsl set before the send decides.
    [Fact]
    public async Task The_last_EnableSsl_before_the_send_decides()
    {
        await VerifyAsync("""
            class C
            {
                void TurnedOff(Patient p)
                {
                    using var smtp = new System.Net.Mail.SmtpClient("smtp.example.cn") { EnableSsl = true };
                    smtp.EnableSsl = false;
                    smtp.Send("clinic@example.cn", "insurer@example.cn", "Claim", {|#0:p.Diagnosis|});
                }

                void TurnedOnTooLate(Patient p)
                {
                    using var smtp = new System.Net.Mail.SmtpClient("smtp.example.cn");
                    smtp.Send("clinic@example.cn", "insurer@example.cn", "Claim", {|#1:p.Diagnosis|});
                    smtp.EnableSsl = true;
                }

                // Review: an assignment in a branch does not always run; every assignment counts then.
                void TurnedOffSometimes(Patient p, bool legacyRelay)
                {
                    using var smtp = new System.Net.Mail.SmtpClient("smtp.example.cn") { EnableSsl = true };
                    if (legacyRelay)
                    {
                        smtp.EnableSsl = false;
                    }

                    smtp.Send("clinic@example.cn", "insurer@example.cn", "Claim", p.Diagnosis);
                }

                void TurnedOn(Patient p)
                {
                    using var smtp = new System.Net.Mail.SmtpClient("smtp.example.cn");
                    smtp.EnableSsl = false;
                    smtp.EnableSsl = true;
                    smtp.Send("clinic@example.cn", "insurer@example.cn", "Claim", p.Diagnosis);
                }
            }
            """,
            Expect(0, Diagnosis, "SmtpClient.Send"),
            Expect(1, Diagnosis, "SmtpClient.Send"));
    }

    // The graph spills the receiver into a capture when a later argument is an anonymous object (or holds an
    // await): the channel is read from the call as written (found building the sample).
    [Fact]
    public async Task A_receiver_the_graph_captures_still_decides_the_channel()
    {
        await VerifyAsync("""
            class C
            {
                async Task M(Patient p, bool urgent)
                {
                    var http = new HttpClient { BaseAddress = new Uri("http://records.example.cn/") };
                    await http.PostAsJsonAsync("api/patients", {|#0:new { p.IdNumber, p.City }|});
                    await http.PostAsJsonAsync("api/patients", {|#1:urgent ? p.Diagnosis : p.City|});
                    var secure = new HttpClient { BaseAddress = new Uri("https://records.example.cn/") };
                    await secure.PostAsJsonAsync("api/patients", new { p.IdNumber });
                }
            }
            """,
            Expect(0, IdNumber, "HttpClient.PostAsJsonAsync"),
            Expect(1, Diagnosis, "HttpClient.PostAsJsonAsync"));
    }

    // A relative URI on a client from the HTTP client factory goes to the BaseAddress its AddHttpClient registration
    // gives, wherever in the compilation that is (docs/rules/SPI001.md, "Where the address comes from").
    [Fact]
    public async Task The_BaseAddress_of_an_AddHttpClient_registration_decides_its_clients()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Stubs.cs", HttpClientFactoryStubs.Source));
        test.TestState.Sources.Add(("Model.cs", Usings + Model));
        test.TestState.Sources.Add(("Program.cs", """
            using System;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registrations
            {
                public static void Add(IServiceCollection services, Func<string, string> config)
                {
                    services.AddHttpClient<RecordsClient>(c => c.BaseAddress = new Uri("http://records.example.cn/"));
                    services.AddHttpClient<IClaims, ClaimsClient>(c => c.BaseAddress = new Uri("https://claims.example.cn/"));
                    services.AddHttpClient<LabClient>().AddHttpMessageHandler(() => null!).ConfigureHttpClient(c => c.BaseAddress = new Uri(Endpoints.Plain));
                    services.AddHttpClient("pharmacy", c => { c.BaseAddress = new Uri("http://pharmacy.example.cn/"); });
                    services.AddHttpClient<ConfiguredClient>(c => c.BaseAddress = new Uri(config("Configured")));
                    services.AddHttpClient<TwiceClient>(c => c.BaseAddress = new Uri("http://a.example.cn/"));
                    services.AddHttpClient<TwiceClient>(c => c.BaseAddress = new Uri("https://b.example.cn/"));
                    services.AddHttpClient<BareClient>();
                    services.AddHttpClient<OwnAddressClient>(c => c.BaseAddress = new Uri("http://own.example.cn/"));
                    services.AddHttpClient<InventoryClient>("inventory");
                    services.AddHttpClient("inventory", c => c.BaseAddress = new Uri("http://inventory.example.cn/"));
                    Timeouts(services.AddHttpClient<RecordsClient>());
                }

                // Configures no address: it leaves every client's address as the registrations give it.
                private static void Timeouts(IHttpClientBuilder builder) => builder.ConfigureHttpClient(c => c.Timeout = TimeSpan.FromSeconds(5));
            }
            """));
        test.TestState.Sources.Add(("Clients.cs", """
            using System;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            public class RecordsClient
            {
                private readonly HttpClient _http;
                public RecordsClient(HttpClient http) => _http = http;
                public Task Push(Patient p) => _http.PostAsJsonAsync("api/patients", {|#0:p.IdNumber|});
                public Task PushAbsolute(Patient p) => _http.PostAsJsonAsync("https://records.example.cn/api", p.IdNumber);
                public Task PushId(string id) => _http.PostAsJsonAsync("api/ids", id);
            }

            public class Caller
            {
                public async Task M(RecordsClient records, ClaimsClient claims, Patient p)
                {
                    await records.PushId({|#4:p.IdNumber|});
                    await records.PushId(p.City);
                    await claims.SendId(p.IdNumber);
                }
            }

            public class InventoryClient(HttpClient http)
            {
                public Task Send(Patient p) => http.PostAsync("stock", {|#5:new StringContent(p.Diagnosis)|});
            }

            public interface IClaims { Task Send(Patient p); }

            public class ClaimsClient : IClaims
            {
                private readonly HttpClient _http;
                public ClaimsClient(HttpClient http) => _http = http;
                public Task Send(Patient p) => _http.PostAsJsonAsync("claims", p.Diagnosis);
                public Task SendId(string id) => _http.PostAsJsonAsync("claims/ids", id);
            }

            public class LabClient(HttpClient http)
            {
                public Task Send(Patient p) => http.PostAsync("results", {|#1:new StringContent(p.Diagnosis)|});
            }

            public class Pharmacy(IHttpClientFactory factory)
            {
                public async Task Send(Patient p)
                {
                    var client = factory.CreateClient("pharmacy");
                    await client.PostAsync("orders", {|#2:new StringContent(p.IdNumber)|});
                    await factory.CreateClient("pharmacy").PutAsync("orders", {|#3:new StringContent(p.IdNumber)|});
                    await factory.CreateClient("other").PutAsync("orders", new StringContent(p.IdNumber));
                }
            }

            public class ConfiguredClient(HttpClient http)
            {
                public Task Send(Patient p) => http.PostAsync("x", new StringContent(p.IdNumber));
            }

            public class TwiceClient(HttpClient http)
            {
                public Task Send(Patient p) => http.PostAsync("x", new StringContent(p.IdNumber));
            }

            public class BareClient(HttpClient http)
            {
                public Task Send(Patient p) => http.PostAsync("x", new StringContent(p.IdNumber));
            }

            public class OwnAddressClient
            {
                private readonly HttpClient _http;

                public OwnAddressClient(HttpClient http)
                {
                    http.BaseAddress = new Uri("https://own.example.cn/");
                    _http = http;
                }

                public Task Send(Patient p) => _http.PostAsync("x", new StringContent(p.IdNumber));
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, IdNumber, "HttpClient.PostAsJsonAsync' with the BaseAddress of 'AddHttpClient<RecordsClient>"));
        test.ExpectedDiagnostics.Add(Expect(1, Diagnosis, "HttpClient.PostAsync' with the BaseAddress of 'AddHttpClient<LabClient>"));
        test.ExpectedDiagnostics.Add(Expect(2, IdNumber, "HttpClient.PostAsync' with the BaseAddress of 'AddHttpClient(\"pharmacy\")"));
        test.ExpectedDiagnostics.Add(Expect(3, IdNumber, "HttpClient.PutAsync' with the BaseAddress of 'AddHttpClient(\"pharmacy\")"));
        test.ExpectedDiagnostics.Add(Expect(4, IdNumber, "HttpClient.PostAsJsonAsync' through 'RecordsClient.PushId(string)' with the BaseAddress of 'AddHttpClient<RecordsClient>"));
        test.ExpectedDiagnostics.Add(Expect(5, Diagnosis, "HttpClient.PostAsync' with the BaseAddress of 'AddHttpClient<InventoryClient>"));
        await test.RunAsync();
    }

    private static DiagnosticResult Expect(int markup, string data, string sink) =>
        Verify.Diagnostic(Descriptors.UnencryptedTransmission).WithLocation(markup).WithArguments(data, sink, ExpectedCitations.Transmission(data))
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static Task VerifyAsync(string body, params DiagnosticResult[] expected) =>
        Verify.VerifyAnalyzerAsync(Usings + body + Model, expected);
}
