using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;
using Both = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.UrlAndTransmission>;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.SensitiveDataInUrl>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI010: sensitive data in request addresses, redirects and navigation, over any scheme.</summary>
public class SensitiveDataInUrlAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Net;
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
            [SensitivePersonalInfo(Category.LocationTrack)] public double Lat { get; set; }
            public string City { get; set; } = "";
            public int RecordId { get; set; }
        }

        public static class Redactor
        {
            [EncryptsPersonalInfo] public static string Seal(string value) => value;
        }
        """;

    private const string IdNumber = "'Patient.IdNumber' (SpecificIdentity)";
    private const string Diagnosis = "'Patient.Diagnosis' (MedicalHealth)";

    [Fact]
    public async Task Data_in_the_address_of_a_request_is_reported_over_https_and_unknown_schemes()
    {
        await VerifyAsync("""
            class C
            {
                async Task M(HttpClient http, WebClient web, Patient p, string baseUrl)
                {
                    await http.GetAsync({|#0:$"https://records.example.cn/patients?id={p.IdNumber}"|});
                    await http.GetStringAsync({|#1:baseUrl + "/search/" + p.Diagnosis|});
                    await http.DeleteAsync({|#2:new Uri("https://records.example.cn/patients/" + p.IdNumber)|});
                    web.DownloadString({|#3:"https://records.example.cn/lookup?q=" + Uri.EscapeDataString(p.IdNumber)|});
                }
            }
            """,
            Expect(0, IdNumber, "HttpClient.GetAsync"),
            Expect(1, Diagnosis, "HttpClient.GetStringAsync"),
            Expect(2, IdNumber, "HttpClient.DeleteAsync"),
            Expect(3, IdNumber, "WebClient.DownloadString"));
    }

    // rules.md names UriBuilder beside new Uri(...): what is put into a builder's path or query is in the address it builds.
    [Fact]
    public async Task An_address_built_with_a_UriBuilder_carries_what_was_put_into_it()
    {
        await VerifyAsync("""
            class C
            {
                async Task Initialised(HttpClient http, Patient p)
                {
                    var builder = new UriBuilder("https://records.example.cn/patients") { Query = "id=" + p.IdNumber };
                    await http.GetAsync({|#0:builder.Uri|});
                }

                async Task Assigned(HttpClient http, Patient p)
                {
                    var builder = new UriBuilder("https", "records.example.cn");
                    builder.Path = "/search/" + p.Diagnosis;
                    await http.GetStringAsync({|#1:builder.ToString()|});
                }

                async Task Built(HttpClient http, Patient p) =>
                    await http.DeleteAsync({|#2:new UriBuilder("https://records.example.cn/" + p.IdNumber).Uri|});

                async Task Helpers(HttpClient http, Patient p)
                {
                    await http.GetAsync({|#3:Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("https://records.example.cn/find", "id", p.IdNumber)|});
                    var query = Microsoft.AspNetCore.Http.QueryString.Create("diagnosis", p.Diagnosis);
                    await http.GetAsync({|#4:"https://records.example.cn/find" + query.ToUriComponent()|});
                }

                async Task Clean(HttpClient http, Patient p)
                {
                    await http.GetAsync(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("https://records.example.cn/find", "city", p.City));
                    var builder = new UriBuilder("https://records.example.cn/patients") { Query = "record=" + p.RecordId };
                    await http.GetAsync(builder.Uri);
                    var other = new UriBuilder("https://records.example.cn/patients");
                    other.Query = "city=" + p.City;
                    await http.GetAsync(other.Uri);
                }
            }
            """ + QueryHelperStubs,
            Expect(0, IdNumber, "HttpClient.GetAsync"),
            Expect(1, Diagnosis, "HttpClient.GetStringAsync"),
            Expect(2, IdNumber, "HttpClient.DeleteAsync"),
            Expect(3, IdNumber, "HttpClient.GetAsync"),
            Expect(4, Diagnosis, "HttpClient.GetAsync"));
    }

    // ASP.NET Core's query helpers as their assemblies declare them (the test references have no ASP.NET Core): the bodies
    // return nothing of their arguments, so only the propagator rows carry the data.
    private const string QueryHelperStubs = """

        namespace Microsoft.AspNetCore.WebUtilities
        {
            public static class QueryHelpers
            {
                public static string AddQueryString(string uri, string name, string value) => throw null!;
            }
        }

        namespace Microsoft.AspNetCore.Http
        {
            public readonly struct QueryString
            {
                public static QueryString Create(string name, string value) => throw null!;
                public string ToUriComponent() => throw null!;
            }
        }
        """;

    [Fact]
    public async Task Redirects_route_values_and_navigation_put_their_arguments_in_the_url()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(AspNetCoreStubs.Source);
        test.TestState.Sources.Add(Usings + """
            using Microsoft.AspNetCore.Components;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            class PatientsController : ControllerBase
            {
                public IActionResult Created(Patient p) => RedirectToAction("Details", {|#0:new { id = p.IdNumber }|});
                public IActionResult Search(Patient p) => Redirect({|#1:"/search?q=" + p.Diagnosis|});
                public IActionResult ByRecord(Patient p) => RedirectToAction("Details", new { id = p.RecordId });
            }

            static class Handlers
            {
                public static IResult Find(Patient p) => Results.Redirect({|#2:$"/patients/{p.IdNumber}"|});
                public static void Go(NavigationManager navigation, Patient p) => navigation.NavigateTo({|#3:$"/map?lat={p.Lat}"|});
                public static void Masked(NavigationManager navigation, Patient p) => navigation.NavigateTo($"/patients/{PiMask.IdCardNumber(p.IdNumber)}");
            }
            """ + Model);
        test.ExpectedDiagnostics.Add(Expect(0, IdNumber, "ControllerBase.RedirectToAction"));
        test.ExpectedDiagnostics.Add(Expect(1, Diagnosis, "ControllerBase.Redirect"));
        test.ExpectedDiagnostics.Add(Expect(2, IdNumber, "Results.Redirect"));
        test.ExpectedDiagnostics.Add(Expect(3, "'Patient.Lat' (LocationTrack)", "NavigationManager.NavigateTo"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Content_constant_addresses_masked_and_encrypted_values_are_clean()
    {
        await VerifyAsync("""
            class C
            {
                async Task M(HttpClient http, Patient p)
                {
                    await http.PostAsJsonAsync("https://records.example.cn/patients", p.IdNumber);
                    await http.PostAsync($"https://records.example.cn/patients/{p.RecordId}", new StringContent(p.Diagnosis));
                    await http.GetAsync($"https://records.example.cn/cities/{p.City}");
                    await http.GetAsync($"https://records.example.cn/patients?id={PiMask.IdCardNumber(p.IdNumber)}");
                    await http.GetAsync($"https://records.example.cn/patients?id={Redactor.Seal(p.IdNumber)}");
                }
            }
            """);
    }

    // rules.md, "Where diagnostics go": a path through a helper is reported at the call's argument.
    [Fact]
    public async Task Data_handed_to_a_helper_that_puts_it_in_an_address_is_reported_at_the_argument()
    {
        await VerifyAsync("""
            class Records
            {
                private readonly HttpClient _http = new();
                public Task<string> Find(string id) => _http.GetStringAsync($"https://records.example.cn/patients?id={id}");
                public Task<string> FindPlain(string id) => _http.GetStringAsync($"http://records.example.cn/patients?id={id}");
                public Task<HttpResponseMessage> Send(string body) => _http.PostAsJsonAsync("https://records.example.cn/patients", body);
            }

            class C
            {
                async Task M(Records records, Patient p)
                {
                    await records.Find({|#0:p.IdNumber|});
                    await records.Find(p.City);
                    await records.FindPlain(p.IdNumber);
                    await records.Send(p.IdNumber);
                }
            }
            """,
            Expect(0, IdNumber, "HttpClient.GetStringAsync' through 'Records.Find(string)").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task The_address_of_a_request_message_is_reported_where_the_data_is_put_there()
    {
        await VerifyAsync("""
            class C
            {
                async Task M(HttpClient http, Patient p)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, {|#0:$"https://records.example.cn/patients?id={p.IdNumber}"|});
                    await http.SendAsync(request);

                    await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, {|#1:new Uri("https://records.example.cn/patients/" + p.IdNumber)|}));

                    // The data in the body, the address constant: not a URL problem.
                    var post = new HttpRequestMessage(HttpMethod.Post, "https://records.example.cn/patients") { Content = JsonContent.Create(p) };
                    await http.SendAsync(post);

                    // The address given after the creation: in the initializer, or set on the local.
                    var get = new HttpRequestMessage { Method = HttpMethod.Get, RequestUri = {|#2:new Uri("https://records.example.cn/patients/" + p.IdNumber)|} };
                    await http.SendAsync(get);

                    var later = new HttpRequestMessage();
                    later.RequestUri = {|#3:new Uri($"https://records.example.cn/patients?id={p.IdNumber}")|};
                    await http.SendAsync(later);

                    var constant = new HttpRequestMessage { RequestUri = new Uri("https://records.example.cn/patients") };
                    constant.Content = JsonContent.Create(p);
                    await http.SendAsync(constant);
                }
            }
            """,
            Expect(0, IdNumber, "HttpClient.SendAsync"),
            Expect(1, IdNumber, "HttpClient.SendAsync"),
            Expect(2, IdNumber, "HttpClient.SendAsync"),
            Expect(3, IdNumber, "HttpClient.SendAsync"));
    }

    // One diagnostic per problem: over a channel the code shows to be plaintext, SPI001 reports the URL's data.
    [Fact]
    public async Task Over_a_plaintext_channel_the_url_is_SPI001s()
    {
        await Both.VerifyAnalyzerAsync(Usings + """
            class C
            {
                async Task M(HttpClient http, Patient p)
                {
                    await http.GetAsync({|#0:$"http://records.example.cn/patients?id={p.IdNumber}"|});
                    await http.GetAsync({|#1:$"https://records.example.cn/patients?id={p.IdNumber}"|});
                    await http.SendAsync({|#2:new HttpRequestMessage(HttpMethod.Get, $"http://records.example.cn/patients?id={p.IdNumber}")|});
                    var plain = new HttpRequestMessage { RequestUri = new Uri("http://records.example.cn/patients/" + p.IdNumber) };
                    await http.SendAsync({|#3:plain|});
                }
            }
            """ + Model,
            Both.Diagnostic(Descriptors.UnencryptedTransmission).WithLocation(0)
                .WithArguments(IdNumber, "HttpClient.GetAsync", ExpectedCitations.Transmission(IdNumber)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Both.Diagnostic(Descriptors.SensitiveDataInUrl).WithLocation(1)
                .WithArguments(IdNumber, "HttpClient.GetAsync", ExpectedCitations.Url(IdNumber)),
            Both.Diagnostic(Descriptors.UnencryptedTransmission).WithLocation(2)
                .WithArguments(IdNumber, "HttpClient.SendAsync", ExpectedCitations.Transmission(IdNumber)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Both.Diagnostic(Descriptors.UnencryptedTransmission).WithLocation(3)
                .WithArguments(IdNumber, "HttpClient.SendAsync", ExpectedCitations.Transmission(IdNumber)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    // A relative address on a factory client waits for its registration: https (or unknown) is SPI010's, http SPI001's.
    [Fact]
    public async Task A_factory_client_waits_for_its_registration()
    {
        var test = new Both.Test();
        test.TestState.Sources.Add(("Stubs.cs", HttpClientFactoryStubs.Source));
        test.TestState.Sources.Add(("Model.cs", Usings + Model));
        test.TestState.Sources.Add(("Clients.cs", """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            public class SecureClient(HttpClient http)
            {
                public Task Find(Patient p) => http.GetAsync({|#0:"patients?id=" + p.IdNumber|});
            }

            public class PlainClient(HttpClient http)
            {
                public Task Find(Patient p) => http.GetAsync({|#1:"patients?id=" + p.IdNumber|});
            }

            public static class Registrations
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHttpClient<SecureClient>(c => c.BaseAddress = new Uri("https://records.example.cn/"));
                    services.AddHttpClient<PlainClient>(c => c.BaseAddress = new Uri("http://records.example.cn/"));
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Both.Diagnostic(Descriptors.SensitiveDataInUrl).WithLocation(0)
            .WithArguments(IdNumber, "HttpClient.GetAsync", ExpectedCitations.Url(IdNumber)));
        test.ExpectedDiagnostics.Add(Both.Diagnostic(Descriptors.UnencryptedTransmission).WithLocation(1)
            .WithArguments(IdNumber, "HttpClient.GetAsync' with the BaseAddress of 'AddHttpClient<PlainClient>", ExpectedCitations.Transmission(IdNumber))
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync();
    }

    private static DiagnosticResult Expect(int markup, string data, string sink) =>
        Verify.Diagnostic(Descriptors.SensitiveDataInUrl).WithLocation(markup).WithArguments(data, sink, ExpectedCitations.Url(data));

    private static Task VerifyAsync(string body, params DiagnosticResult[] expected) =>
        Verify.VerifyAnalyzerAsync(Usings + body + Model, expected);
}
