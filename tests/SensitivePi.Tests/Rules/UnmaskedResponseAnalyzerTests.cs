using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;
using Fix = SensitivePi.Tests.Verifiers.CodeFixVerifier<
    SensitivePi.Tests.Verifiers.SingleRule.UnmaskedResponse,
    SensitivePi.CodeFixes.ResponseCodeFixProvider>;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.UnmaskedResponse>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI009: sensitive data handed to the client unmasked (results, writes, headers, cookies, SignalR, action returns), and the mask fix.</summary>
public class UnmaskedResponseAnalyzerTests
{
    private const string Usings = """
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.SignalR;
        using SensitivePi;

        """;

    private const string Model = """

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            public string City { get; set; } = "";
        }

        public class PatientCard
        {
            [JsonIgnore, SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            public string City { get; set; } = "";
        }

        public static class Vault
        {
            [EncryptsPersonalInfo] public static string Seal(string value) => value;
        }
        """;

    private const string IdNumber = "'Patient.IdNumber' (SpecificIdentity)";
    private const string Diagnosis = "'Patient.Diagnosis' (MedicalHealth)";

    // A container's origins, as the model lists them (by member name).
    private const string Both = Diagnosis + ", " + IdNumber;

    [Fact]
    public async Task Data_handed_to_results_writes_headers_cookies_and_hubs_is_reported()
    {
        await VerifyAsync("""
            public class PatientsController : ControllerBase
            {
                public IActionResult Show(Patient p) => Ok({|#0:p.IdNumber|});

                public IActionResult Whole(Patient p) => Ok({|#1:p|});

                public async Task Write(Patient p, IClientProxy clients)
                {
                    await Response.WriteAsync({|#2:"Diagnosis: " + p.Diagnosis|});
                    Response.Headers["X-Patient"] = {|#3:p.IdNumber|};
                    Response.Cookies.Append("patient", {|#4:p.IdNumber|});
                    await clients.SendAsync("patient", {|#5:p|});
                    await Response.WriteAsJsonAsync({|#6:p|});
                }
            }

            static class Api
            {
                public static IResult Get(Patient p) => Results.Text({|#7:p.Diagnosis|});
            }
            """,
            Expect(0, IdNumber, "ControllerBase.Ok"),
            Expect(1, Both, "ControllerBase.Ok"),
            Expect(2, Diagnosis, "HttpResponse.WriteAsync"),
            Expect(3, IdNumber, "IHeaderDictionary.this[]"),
            Expect(4, IdNumber, "IResponseCookies.Append"),
            Expect(5, Both, "IClientProxy.SendAsync"),
            Expect(6, Both, "HttpResponse.WriteAsJsonAsync"),
            Expect(7, Diagnosis, "Results.Text"));
    }

    // rules.md: on .NET Framework, System.Web's HttpResponse.Write and HttpCookie.Value/Values. The cookie's values are a
    // NameValueCollection: only one read from a cookie's Values at the call is the response's.
    [Fact]
    public async Task System_Web_cookies_and_writes_are_reported()
    {
        await VerifyAsync("""
            public class LegacyPage
            {
                public void Render(Patient p, System.Web.HttpResponse response, System.Collections.Specialized.NameValueCollection settings)
                {
                    var cookie = new System.Web.HttpCookie("patient", {|#0:p.IdNumber|});
                    cookie.Value = {|#1:p.IdNumber|};
                    cookie["diagnosis"] = {|#2:p.Diagnosis|};
                    cookie.Values["id"] = {|#3:p.IdNumber|};
                    cookie.Values.Add("diagnosis", {|#4:p.Diagnosis|});
                    response.Write({|#5:p.Diagnosis|});

                    settings["id"] = p.IdNumber;
                    settings.Add("city", p.City);
                    cookie.Values["city"] = p.City;
                }
            }

            namespace System.Web
            {
                public class HttpCookie
                {
                    public HttpCookie(string name) { }
                    public HttpCookie(string name, string value) { }
                    public string Value { get; set; } = "";
                    public System.Collections.Specialized.NameValueCollection Values { get; } = new();
                    public string this[string key] { get => ""; set { } }
                }

                public class HttpResponse
                {
                    public void Write(string s) { }
                }
            }
            """,
            Expect(0, IdNumber, "new HttpCookie"),
            Expect(1, IdNumber, "HttpCookie.Value"),
            Expect(2, Diagnosis, "HttpCookie.this[]"),
            Expect(3, IdNumber, "NameValueCollection.this[]"),
            Expect(4, Diagnosis, "NameValueCollection.Add"),
            Expect(5, Diagnosis, "HttpResponse.Write"));
    }

    [Fact]
    public async Task What_a_controller_action_returns_is_reported()
    {
        await VerifyAsync("""
            [ApiController]
            public class RecordsController
            {
                public Patient Get(Patient p) => {|#0:p|};

                public string Id(Patient p) => {|#1:p.IdNumber|};

                public async Task<ActionResult<Patient>> Find(Patient p)
                {
                    await Task.Yield();
                    return {|#2:p|};
                }

                public PatientCard Card(Patient p) => new PatientCard { City = p.City };

                public string City(Patient p) => p.City;

                [NonAction] public Patient Internal(Patient p) => p;
            }
            """,
            Expect(0, Both, "RecordsController.Get"),
            Expect(1, IdNumber, "RecordsController.Id"),
            Expect(2, Both, "RecordsController.Find"));
    }

    // An action or route handler declared to return `object` answers with the container it returns: the body is asked about,
    // though it reads no classified member itself.
    [Fact]
    public async Task A_container_returned_as_object_is_reported()
    {
        await VerifyAsync("""
            [ApiController]
            public class LooseController
            {
                public object Get(Patient p) => {|#0:p|};

                public object City(Patient p) => p.City;
            }

            static class LooseApi
            {
                public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app, Patient stored)
                {
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/loose", object (string id) => {|#1:stored|});
                }
            }
            """,
            Expect(0, Both, "LooseController.Get"),
            Expect(1, Both, "MapGet(\"/loose\")"));
    }

    // An object the action creates shows only the members something sets (an empty form for a GET, an envelope whose profile
    // is not given); given the member (by its initializer, an assignment, a nested object, a constructor, a member initializer
    // that calls out, or a method it is handed to first) it shows it. Also across methods: a base controller's helper that
    // writes the object it is handed.
    [Fact]
    public async Task An_object_created_here_shows_only_the_members_it_is_given()
    {
        await VerifyAsync("""
            public class Form
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
                public bool DisplayCaptcha { get; set; }
                public string City { get; set; } = string.Empty;
            }

            public class Envelope
            {
                public bool Success { get; set; }
                public Form? Profile { get; set; }
            }

            public class Seeded
            {
                public Seeded() { City = "none"; }
                public Seeded(string id) { IdNumber = id; City = System.DateTime.UtcNow.ToString(); }
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
                public string City { get; set; } = "";
            }

            public class Response
            {
                public Response(string kind) { Kind = kind ?? throw new System.ArgumentNullException(nameof(kind)); }
                public Response(string kind, string owner) : this(kind) { Owner = owner; }
                public string Kind { get; }
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string Owner { get; } = "";
            }

            public class Stamped : Response
            {
                public Stamped(string owner) : base("stamp", owner) { }
            }

            public class Payment : Response
            {
                public Payment() : base("payment") { }
                public Form? Profile { get; set; }
                public bool Success { get; set; }
            }

            public class Computed
            {
                private readonly string _id;
                public Computed(string id) { _id = id; }
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber => _id;
            }

            public class Raw
            {
                public string Input { set => IdNumber = value.Trim(); }
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; private set; } = "";
            }

            public struct GeoPoint
            {
                [SensitivePersonalInfo(Category.LocationTrack)] public double Latitude;
            }

            public class Visit
            {
                public GeoPoint Where { get; set; }
                public string City { get; set; } = "";
            }

            public class Defaulted
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = Lookup();
                private static string Lookup() => "";
            }

            [ApiController]
            public class FormsController : ControllerBase
            {
                public IActionResult Login() { var model = new Form { DisplayCaptcha = true }; model.City = "x"; return Ok(model); }
                public IActionResult Empty() => Ok(new Form());
                public Envelope Pay() => new Envelope { Success = true };
                public Seeded Fresh() => new Seeded();
                public IActionResult Page() { var model = new Form(); return Show(model); }
                public Payment Paid() => new Payment { Success = true };

                public IActionResult Filled(Patient p) { var model = new Form { DisplayCaptcha = true }; model.IdNumber = p.City; return Ok({|#0:model|}); }
                public Envelope Nested(Form f) => {|#1:new Envelope { Profile = f }|};
                public Seeded Made(string id) => {|#2:new Seeded(id)|};
                public Defaulted Initialised() => {|#3:new Defaulted()|};
                public IActionResult Prepared() { var model = new Form(); Prepare(model); return Ok({|#4:model|}); }
                public IActionResult Shown() { var model = new Form { IdNumber = "1" }; return Show({|#5:model|}); }
                public Payment PaidWith(Form f) => {|#6:new Payment { Profile = f }|};
                public Stamped Stamp(Patient p) => {|#7:new Stamped(p.City)|};
                public Computed Compute(Patient p) => {|#8:new Computed(p.City)|};
                public Visit Went(GeoPoint point) => {|#9:new Visit { Where = point }|};
                public Visit Stayed() => new Visit { City = "x" };
                public Raw Typed(Patient p) => {|#11:new Raw { Input = p.City }|};

                private static void Prepare(Form form) { }

                protected IActionResult Show(object model) => Ok(model);

                // A helper that may give the object more first: it counts whole.
                public IActionResult Mapped() { var model = new Form(); return Fill({|#10:model|}); }

                protected IActionResult Fill(object model)
                {
                    Mapper.Map(model);
                    return Ok(model);
                }
            }

            public static class Mapper
            {
                public static void Map(object target) { }
            }
            """,
            Expect(0, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(1, "'Form.IdNumber' (SpecificIdentity)", "FormsController.Nested"),
            Expect(2, "'Seeded.IdNumber' (SpecificIdentity)", "FormsController.Made"),
            Expect(3, "'Defaulted.IdNumber' (SpecificIdentity)", "FormsController.Initialised"),
            Expect(4, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(6, "'Form.IdNumber' (SpecificIdentity)", "FormsController.PaidWith"),
            Expect(7, "'Response.Owner' (SpecificIdentity)", "FormsController.Stamp"),
            Expect(8, "'Computed.IdNumber' (SpecificIdentity)", "FormsController.Compute"),
            Expect(9, "'GeoPoint.Latitude' (LocationTrack)", "FormsController.Went"),
            Expect(11, "'Raw.IdNumber' (SpecificIdentity)", "FormsController.Typed"),
            Verify.Diagnostic(CompilationEndDescriptors.UnmaskedResponse).WithLocation(5)
                .WithArguments("'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok' through 'FormsController.Show(object)", ExpectedCitations.Display("'Form.IdNumber' (SpecificIdentity)")),
            Verify.Diagnostic(CompilationEndDescriptors.UnmaskedResponse).WithLocation(10)
                .WithArguments("'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok' through 'FormsController.Fill(object)", ExpectedCitations.Display("'Form.IdNumber' (SpecificIdentity)")));
    }

    // A constructor that copies a parameter into a classified member gives it nothing where the creation passes a constant: a
    // literal, or an optional parameter left at its default. Unless the body mentions the parameter otherwise (changes it,
    // directly, in parentheses, through a ref local or a deconstruction, or passes it on), sets the member from something else
    // too, or copies it through a setter with a body; and not a named constant, which may be classified itself.
    [Fact]
    public async Task A_member_copied_from_a_parameter_given_a_constant_is_not_given()
    {
        await VerifyAsync("""
            public class Card
            {
                public Card(string kind, string? owner = null)
                {
                    Kind = kind;
                    Owner = owner;
                }

                public string Kind { get; }
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string? Owner { get; }
            }

            public class Looked
            {
                public Looked(string? owner = null)
                {
                    owner ??= Directory.Current;
                    Owner = owner;
                }

                [SensitivePersonalInfo(Category.SpecificIdentity)] public string? Owner { get; }
            }

            public class Either
            {
                public Either(string? owner = null, string? fallback = null)
                {
                    Owner = owner;
                    if (owner is null) { Owner = fallback; }
                }

                [SensitivePersonalInfo(Category.SpecificIdentity)] public string? Owner { get; }
            }

            public class Stamped
            {
                private string? _owner;
                public Stamped(string? owner = null) { Owner = owner; }
                public string? Owner { get => _owner; set { _owner = value; Holder = Directory.Current; } }
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string? Holder { get; private set; }
            }

            public class Changed
            {
                public Changed(Patient p, string? owner = null, string? alias = null, string? part = null)
                {
                    if (p.City.Length > 0) { (owner) = p.City; }
                    ref string? held = ref alias;
                    held = p.City;
                    int a, b;
                    ((part, a), b) = ((p.City, 1), 2);
                    Owner = owner;
                    Alias = alias;
                    Part = part;
                }

                [SensitivePersonalInfo(Category.SpecificIdentity)] public string? Owner { get; }
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string? Alias { get; }
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string? Part { get; }
            }

            public class Chained
            {
                public Chained(string? owner = null) : this(ref owner) { Owner = owner; }
                private Chained(ref string? owner) { owner = Directory.Current; }
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string? Owner { get; }
            }

            public static class Directory
            {
                public static string Current = "";
                [SensitivePersonalInfo(Category.SpecificIdentity)] public const string Officer = "dpo@example.com";
            }

            [ApiController]
            public class CardsController : ControllerBase
            {
                public Card Blank() => new Card("blank");
                public Card Anonymous() => new Card("anonymous", null);
                public Card Named(Patient p) => {|#0:new Card("named", p.City)|};
                public Looked Defaulted() => {|#1:new Looked()|};
                public Either Fallen(Patient p) => {|#2:new Either(fallback: p.City)|};
                public Stamped Set() => {|#3:new Stamped()|};
                public Changed Mentioned(Patient p) => {|#4:new Changed(p)|};
                public Card Staff() => {|#5:new Card("staff", Directory.Officer)|};
                public Chained Referenced() => {|#6:new Chained()|};
            }
            """,
            Expect(0, "'Card.Owner' (SpecificIdentity)", "CardsController.Named"),
            Expect(1, "'Looked.Owner' (SpecificIdentity)", "CardsController.Defaulted"),
            Expect(2, "'Either.Owner' (SpecificIdentity)", "CardsController.Fallen"),
            Expect(3, "'Stamped.Holder' (SpecificIdentity)", "CardsController.Set"),
            Expect(4, "'Changed.Alias' (SpecificIdentity), 'Changed.Owner' (SpecificIdentity), 'Changed.Part' (SpecificIdentity)", "CardsController.Mentioned"),
            Expect(5, "'Directory.Officer' (SpecificIdentity)", "CardsController.Staff"),
            Expect(6, "'Chained.Owner' (SpecificIdentity)", "CardsController.Referenced"));
    }

    // A member a constructor sets once to its argument as it is (`Data = data;`) holds what that argument is where the body made it:
    // an object it creates, or the elements of a `Select` whose lambda creates one (directly, through `ToList()`, or through a local
    // given nothing else), each showing only the members it is given. An argument the body did not make, a local changed after it
    // is made, a member the constructor also sets otherwise, mentions anywhere else (`Fill(Data, p)`) or copies only under a
    // condition, and an argument turned into the parameter's type by a user-defined conversion show every member their type can hold.
    [Fact]
    public async Task A_member_a_constructor_copies_shows_what_the_argument_made_here_is_given()
    {
        await VerifyAsync("""
            using System.Collections.Generic;
            using System.Linq;

            public class Row
            {
                public Row(Patient p) { City = p.City; IdNumber = p.IdNumber; }
                public Row(string city) { City = city; }
                public string City { get; }
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; } = "";
            }

            public class Page<T>
            {
                public Page(IEnumerable<T> data, string? next = null) { Data = data; Next = next; }
                public IEnumerable<T> Data { get; }
                public string? Next { get; }
            }

            public class Envelope
            {
                public Envelope(Row row) { this.Row = row; }
                public Row Row { get; }
            }

            public class Filled
            {
                public Filled(List<Row> data, Patient p) { Data = data; Rows.Fill(Data, p); }
                public List<Row> Data { get; }
            }

            public class Maybe
            {
                public Maybe(IEnumerable<Row> data, bool keep) { if (keep) { Data = data; } }
                public IEnumerable<Row> Data { get; } = Rows.All;
            }

            public class Card
            {
                public Card(string city) { City = city; }
                public string City { get; }
                public static implicit operator Row(Card card) => new Row(card.City);
            }

            public static class Rows
            {
                public static List<Row> All = new();
                public static void Fill(List<Row> rows, Patient p) { }
            }

            public class Mixed
            {
                public Mixed(IEnumerable<Row> data, Patient p) { Data = data; if (p.City.Length == 0) { Data = new[] { new Row(p) }; } }
                public IEnumerable<Row> Data { get; }
            }

            [ApiController]
            public class RowsController : ControllerBase
            {
                public Page<Row> Cities(string[] cities) => new Page<Row>(cities.Select(c => new Row(c)));
                public Page<Row> Listed(string[] cities)
                {
                    var rows = cities.Select(c => new Row(c)).ToList();
                    return new Page<Row>(rows);
                }

                public Envelope One(string city) => new Envelope(new Row(city));
                public Page<Row> Patients(Patient[] ps) => {|#0:new Page<Row>(ps.Select(p => new Row(p)))|};
                public Envelope Two(Patient p) => {|#1:new Envelope(new Row(p))|};
                public Page<Row> Added(string[] cities, Patient p)
                {
                    var rows = cities.Select(c => new Row(c)).ToList();
                    rows.Add(new Row(p));
                    return {|#2:new Page<Row>(rows)|};
                }

                public Page<Row> Loaded(string[] cities) => {|#3:new Page<Row>(Load(cities))|};
                public Mixed Twice(string[] cities, Patient p) => {|#4:new Mixed(cities.Select(c => new Row(c)), p)|};

                public Filled Refilled(string[] cities, Patient p) => {|#5:new Filled(cities.Select(c => new Row(c)).ToList(), p)|};
                public Maybe Kept(string[] cities) => {|#6:new Maybe(cities.Select(c => new Row(c)), true)|};
                public Envelope Converted(string city) => {|#7:new Envelope(new Card(city))|};

                private static List<Row> Load(string[] cities) => new();
            }
            """,
            Expect(0, "'Row.IdNumber' (SpecificIdentity)", "RowsController.Patients"),
            Expect(1, "'Row.IdNumber' (SpecificIdentity)", "RowsController.Two"),
            Expect(2, "'Row.IdNumber' (SpecificIdentity)", "RowsController.Added"),
            Expect(3, "'Row.IdNumber' (SpecificIdentity)", "RowsController.Loaded"),
            Expect(4, "'Row.IdNumber' (SpecificIdentity)", "RowsController.Twice"),
            Expect(5, "'Row.IdNumber' (SpecificIdentity)", "RowsController.Refilled"),
            Expect(6, "'Row.IdNumber' (SpecificIdentity)", "RowsController.Kept"),
            Expect(7, "'Row.IdNumber' (SpecificIdentity)", "RowsController.Converted"));
    }

    // A response envelope's loosely typed member (`object Data`) is written by the type of what it holds: a created envelope
    // shows what the body puts there (either of two values), not flow-sensitively. What the body cannot tell (a value typed
    // `object`, one a helper sets) shows nothing: a limit.
    [Fact]
    public async Task A_loosely_typed_member_of_a_created_object_shows_what_the_body_puts_there()
    {
        await VerifyAsync("""
            using System.Linq;

            public class ApiResult
            {
                public object? Data { get; set; }
                public bool Success { get; set; }
            }

            public class Page
            {
                public System.Collections.IEnumerable? Items { get; set; }
                public int Total { get; set; }
            }

            public class Traced
            {
                [System.Text.Json.Serialization.JsonIgnore] public object? Source { get; set; }
                internal object? Tag { get; set; }
                public string Kind { get; set; } = "";
            }

            [ApiController]
            public class ResultsController : ControllerBase
            {
                public ApiResult Get(Patient p) => {|#0:new ApiResult { Data = p, Success = true }|};
                public IActionResult Show(Patient p) => Ok({|#1:new ApiResult { Data = p }|});

                public IActionResult Many(Patient[] patients)
                {
                    var page = new Page { Total = patients.Length };
                    page.Items = patients.ToList();
                    return Ok({|#2:page|});
                }

                public IActionResult Text(Patient p) => Ok(new ApiResult { Data = p.City });
                public IActionResult Nothing() => Ok(new ApiResult { Data = null });
                public IActionResult Unknown(object anything) => Ok(new ApiResult { Data = anything });
                public IActionResult Emptied(Patient p) { var r = new ApiResult { Data = p }; r.Data = null; return Ok({|#3:r|}); }
                public IActionResult Filled(Patient p) { var r = new ApiResult { Data = null }; r.Data = p; return Ok({|#4:r|}); }
                public IActionResult Given(Patient p) { var r = new ApiResult(); Fill(r, p); return Ok(r); }

                public IActionResult Skipped(Patient p) => Ok(new Traced { Source = p, Tag = p, Kind = "visit" });
                public IActionResult Stub() => Ok(new ApiResult { Data = new Patient { City = "x" } });
                public IActionResult Made(Patient p) => Ok({|#5:new ApiResult { Data = new Patient { IdNumber = p.City } }|});

                private static void Fill(ApiResult result, Patient p) => result.Data = p;
            }
            """,
            Expect(0, "'Patient.Diagnosis' (MedicalHealth), 'Patient.IdNumber' (SpecificIdentity)", "ResultsController.Get"),
            Expect(1, "'Patient.Diagnosis' (MedicalHealth), 'Patient.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(2, "'Patient.Diagnosis' (MedicalHealth), 'Patient.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(3, "'Patient.Diagnosis' (MedicalHealth), 'Patient.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(4, "'Patient.Diagnosis' (MedicalHealth), 'Patient.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(5, "'Patient.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"));
    }

    // Review (grandnode2's GET ApplyVendor): a form returned early, before the body gives it a classified member, shows none of
    // it at that return. A later set counts where a loop may run it first, in a `finally` (it runs as the method returns),
    // in a local function (it may be called first), where a `goto` may jump back, at a later return and where the return
    // is a lambda's.
    [Fact]
    public async Task A_member_set_after_a_return_is_not_shown_at_that_return()
    {
        await VerifyAsync("""
            public class Form
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
                public bool Disabled { get; set; }
            }

            [ApiController]
            public class FormsController : ControllerBase
            {
                public IActionResult Apply(Patient p, bool closed)
                {
                    var model = new Form();
                    if (closed)
                    {
                        model.Disabled = true;
                        return Ok(model);
                    }

                    model.IdNumber = p.City;
                    return Ok({|#0:model|});
                }

                public Form Direct(Patient p, bool closed)
                {
                    var model = new Form();
                    if (closed) return model;
                    model.IdNumber = p.City;
                    return {|#1:model|};
                }

                public IActionResult Looped(Patient p, int[] ids)
                {
                    var model = new Form();
                    foreach (var id in ids)
                    {
                        if (id == 0) return Ok({|#2:model|});
                        model.IdNumber = p.City;
                    }

                    return Ok({|#3:model|});
                }

                public IActionResult Finally(Patient p)
                {
                    var model = new Form();
                    try
                    {
                        return Ok({|#4:model|});
                    }
                    finally
                    {
                        model.IdNumber = p.City;
                    }
                }

                public IActionResult Local(Patient p, bool closed)
                {
                    var model = new Form();
                    if (closed)
                    {
                        Fill();
                        return Ok({|#5:model|});
                    }

                    return Ok({|#6:model|});

                    void Fill() => model.IdNumber = p.City;
                }

                public IActionResult Jumped(Patient p, bool closed)
                {
                    var model = new Form();
                    again:
                    if (closed) return Ok({|#7:model|});
                    model.IdNumber = p.City;
                    closed = true;
                    goto again;
                }

                public IActionResult Lambda(Patient p)
                {
                    var model = new Form();
                    System.Func<IActionResult> show = () => { return Ok({|#9:model|}); };
                    model.IdNumber = p.City;
                    return show();
                }

                public IActionResult Caught(Patient p)
                {
                    var model = new Form();
                    try
                    {
                        return Ok({|#10:model|});
                    }
                    catch (System.InvalidOperationException)
                    {
                        model.IdNumber = p.City;
                        return Ok({|#11:model|});
                    }
                }

                public IActionResult Deferred(Patient p)
                {
                    var model = new Form();
                    var result = Ok({|#8:model|});
                    model.IdNumber = p.City;
                    return result;
                }
            }
            """,
            Expect(0, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(1, "'Form.IdNumber' (SpecificIdentity)", "FormsController.Direct"),
            Expect(2, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(3, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(4, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(5, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(6, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(7, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(8, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(9, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(10, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"),
            Expect(11, "'Form.IdNumber' (SpecificIdentity)", "ControllerBase.Ok"));
    }

    // rules.md "Across methods", returns: a callee's result an action returns is data displayed, reported at compilation end
    // where it is returned; declared data the action reads itself is its own report (the callee's is not added to it).
    [Fact]
    public async Task What_a_controller_action_returns_from_a_method_of_the_project_is_reported()
    {
        await VerifyAsync("""
            [ApiController]
            public class RecordsController
            {
                private readonly PatientDirectory _directory = new();

                public string Described(Patient p) => {|#0:Describe(p)|};

                public async Task<string> Later(string id) => {|#1:await _directory.IdOfAsync(id)|};

                public ActionResult<string> Kept(Patient p)
                {
                    var text = Describe(p);
                    return {|#2:text|};
                }

                public string Direct(Patient p) => {|#3:p.IdNumber + Describe(p)|};

                public string City(Patient p) => CityOf(p);

                public string Masked(Patient p) => PiMask.Full(Describe(p));

                [NonAction] public string Internal(Patient p) => Describe(p);

                // A container the action's own analysis reports, once; what another action passes is not sent by this one.
                public PatientCopy Copy(Patient p) => {|#4:ToCopy(p)|};

                public string Trimmed(string text) => text.Trim();

                public string Calls(Patient p)
                {
                    Trimmed(p.Diagnosis);
                    return "done";
                }

                private static PatientCopy ToCopy(Patient p) => new PatientCopy { IdNumber = p.IdNumber };

                private static string Describe(Patient p) => p.City + " " + p.Diagnosis;

                private static string CityOf(Patient p) => p.City;
            }

            public class PatientCopy
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            }

            public class PatientDirectory
            {
                public async Task<string> IdOfAsync(string id)
                {
                    await Task.Yield();
                    return new Patient().IdNumber;
                }
            }
            """,
            Expect(0, Diagnosis, "RecordsController.Described"),
            Expect(1, IdNumber, "RecordsController.Later"),
            Expect(2, Diagnosis, "RecordsController.Kept"),
            Expect(3, IdNumber, "RecordsController.Direct"),
            Expect(4, "'PatientCopy.IdNumber' (SpecificIdentity)", "RecordsController.Copy"));
    }

    [Fact]
    public async Task What_a_route_handler_returns_is_reported()
    {
        await VerifyAsync("""
            static class PatientApi
            {
                public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app, Patient stored)
                {
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}", (string id) => {|#0:stored|});
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/id", (string id) =>
                    {
                        var number = stored.IdNumber;
                        return {|#1:number|};
                    });
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/city", (string id) => stored.City);
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/masked", (string id) => PiMask.IdCardNumber(stored.IdNumber));
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/card", (string id) => new PatientCard { City = stored.City });
                }
            }
            """,
            Expect(0, Both, "MapGet(\"/patients/{id}\")"),
            Expect(1, IdNumber, "MapGet(\"/patients/{id}/id\")"));
    }

    [Fact]
    public async Task Method_group_route_handlers_are_reported_where_they_are_mapped()
    {
        // Their returns are in other bodies: what the signature says they return is reported at the method group.
        await VerifyAsync("""
            static class PatientEndpoints
            {
                public static Patient Get(string id) => new Patient();
                public static Task<Patient> Find(string id) => Task.FromResult(new Patient());
                [return: SensitivePersonalInfo(Category.SpecificIdentity)] public static string IdOf(string id) => id;
                public static PatientCard Card(string id) => new PatientCard();
                public static string City(string id) => id;
                public static IResult Masked(string id) => Results.Ok(id);
                public static void Nothing(string id) { }
            }

            static class PatientApi
            {
                public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
                {
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}", {|#0:PatientEndpoints.Get|});
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/find/{id}", {|#1:PatientEndpoints.Find|});
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/id", {|#2:PatientEndpoints.IdOf|});
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/card", PatientEndpoints.Card);
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/city", PatientEndpoints.City);
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/masked", PatientEndpoints.Masked);
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/none", PatientEndpoints.Nothing);
                }
            }
            """,
            Expect(0, Both, "MapGet(\"/patients/{id}\")"),
            Expect(1, Both, "MapGet(\"/patients/find/{id}\")"),
            Expect(2, "'PatientEndpoints.IdOf()' (SpecificIdentity)", "MapGet(\"/patients/{id}/id\")"));
    }

    [Fact]
    public async Task Method_group_route_handlers_returning_text_are_followed_into_their_bodies()
    {
        // A signature returning text says nothing: what the body returns is read once every body is summarised
        // (rules.md, "Across methods"), and reported at compilation end where the handler is mapped.
        await VerifyAsync("""
            static class PatientEndpoints
            {
                public static string IdOf(string id) => Load(id).IdNumber;
                public static async Task<string> DiagnosisOf(string id)
                {
                    await Task.Yield();
                    return Load(id).Diagnosis;
                }

                public static string Described(string id) => Describe(Load(id));
                public static string CityOf(string id) => Load(id).City;
                public static string Masked(string id) => PiMask.IdCardNumber(Load(id).IdNumber);
                public static string Echo(string id) => id;
                public static int Count(string id) => Load(id).IdNumber.Length;

                private static Patient Load(string id) => new Patient();
                private static string Describe(Patient p) => p.City + " " + p.Diagnosis;
            }

            static class PatientApi
            {
                public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
                {
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/id", {|#0:PatientEndpoints.IdOf|});
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/diagnosis", {|#1:PatientEndpoints.DiagnosisOf|});
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/text", {|#2:PatientEndpoints.Described|});
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/city", PatientEndpoints.CityOf);
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/masked", PatientEndpoints.Masked);
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/echo", PatientEndpoints.Echo);
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/patients/{id}/count", PatientEndpoints.Count);
                }
            }
            """,
            Expect(0, IdNumber, "MapGet(\"/patients/{id}/id\")"),
            Expect(1, Diagnosis, "MapGet(\"/patients/{id}/diagnosis\")"),
            Expect(2, Diagnosis, "MapGet(\"/patients/{id}/text\")"));
    }

    [Fact]
    public async Task A_route_handler_given_as_an_interface_method_is_followed_into_each_implementation()
    {
        // The group names an interface method, which has no body: what each implementation returns reaches the response
        // (docs/design/value-flow-engine.md, "Bodies no finding can pass through").
        await VerifyAsync("""
            public interface IPatientNames
            {
                string IdOf(string id);
                string CityOf(string id);
            }

            public sealed class PatientNames : IPatientNames
            {
                public string IdOf(string id) => new Patient().IdNumber;
                public string CityOf(string id) => new Patient().City;
            }

            static class NamesApi
            {
                public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app, IPatientNames names)
                {
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/names/{id}", {|#0:names.IdOf|});
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/names/{id}/city", names.CityOf);
                }
            }
            """,
            Expect(0, IdNumber, "MapGet(\"/names/{id}\")"));
    }

    [Fact]
    public async Task Masked_encrypted_ignored_and_redirected_values_are_not_reported()
    {
        await VerifyAsync("""
            public class PatientsController : ControllerBase
            {
                public IActionResult Masked(Patient p) => Ok(PiMask.IdCardNumber(p.IdNumber));

                public IActionResult Sealed(Patient p) => Ok(Vault.Seal(p.Diagnosis));

                public IActionResult Card(PatientCard c) => Ok(c);

                public IActionResult Length(Patient p) => Ok(p.IdNumber.Length);

                public IActionResult Away(Patient p) => Redirect("/patients/" + p.IdNumber);

                public IActionResult City(Patient p) => Content(p.City);
            }
            """);
    }

    [Fact]
    public async Task The_fix_masks_each_value_and_Fix_All_covers_the_document()
    {
        const string Source = """
            using System.Text.Json.Serialization;
            using Microsoft.AspNetCore.Mvc;
            using SensitivePi;

            public class PatientsController : ControllerBase
            {
                public IActionResult Show(Patient p) => Ok({|#0:p.IdNumber|});

                public IActionResult Cookie(Patient p)
                {
                    Response.Cookies.Append("patient", {|#1:p.Diagnosis|});
                    return Ok(null);
                }
            }
            """;
        const string Fixed = """
            using System.Text.Json.Serialization;
            using Microsoft.AspNetCore.Mvc;
            using SensitivePi;

            public class PatientsController : ControllerBase
            {
                public IActionResult Show(Patient p) => Ok(PiMask.IdCardNumber(p.IdNumber));

                public IActionResult Cookie(Patient p)
                {
                    Response.Cookies.Append("patient", PiMask.Full(p.Diagnosis));
                    return Ok(null);
                }
            }
            """;
        var test = new Fix.Test { TestCode = Source + Model + AspNetCoreResponseStubs.Source, FixedCode = Fixed + Model + AspNetCoreResponseStubs.Source };
        test.ExpectedDiagnostics.Add(Expect(0, IdNumber, "ControllerBase.Ok").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        test.ExpectedDiagnostics.Add(Expect(1, Diagnosis, "IResponseCookies.Append").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Data_a_helper_writes_to_the_response_is_reported_at_the_callers_argument_and_masked_there()
    {
        // A private helper of the project that writes what it is given: reported at compilation end where the data
        // enters it, naming the path; the helper's own write is not reported again, and a masked argument is clean.
        // Two reports: the fixed code is also what Fix All gives.
        const string Source = """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using SensitivePi;

            public class PatientsController : ControllerBase
            {
                public async Task<IActionResult> Card(Patient p)
                {
                    await WriteLine(Response, {|#0:p.IdNumber|});
                    await WriteLine(Response, {|#1:p.Diagnosis|});
                    await WriteLine(Response, PiMask.Full(p.Diagnosis));
                    await WriteLine(Response, p.City);
                    return Ok(null);
                }

                private static Task WriteLine(HttpResponse response, string text) => response.WriteAsync(text + "\n");
            }
            """;
        var fixedSource = Source.Replace("{|#0:p.IdNumber|}", "PiMask.IdCardNumber(p.IdNumber)", System.StringComparison.Ordinal)
            .Replace("{|#1:p.Diagnosis|}", "PiMask.Full(p.Diagnosis)", System.StringComparison.Ordinal);
        var test = new Fix.Test
        {
            TestCode = "using System.Text.Json.Serialization;\nusing System.Threading.Tasks;\n" + Source + Model + AspNetCoreResponseStubs.Source,
            FixedCode = "using System.Text.Json.Serialization;\nusing System.Threading.Tasks;\n" + fixedSource + Model + AspNetCoreResponseStubs.Source,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.ExpectedDiagnostics.Add(Expect(0, IdNumber, "HttpResponse.WriteAsync' through 'PatientsController.WriteLine(HttpResponse, string)").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        test.ExpectedDiagnostics.Add(Expect(1, Diagnosis, "HttpResponse.WriteAsync' through 'PatientsController.WriteLine(HttpResponse, string)").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Half_typed_code_raises_no_exception()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                using System.Collections.Generic;
                using System.Linq;

                public class PatientsController : ControllerBase
                {
                    public IActionResult Show(Patient p) => Ok(p.);
                    public Patient Get(Patient p) => 
                    public string Id(Patient p) { return {|#0:p.IdNumber|}
                    public Page Rows(Patient[] ps) => new Page(ps.Select(p => new Row(p.)));
                    public Page More(Patient[] ps) { var rows = ps.Select(p => new Row(p)).ToList(; return new Page(rows); }
                    public Page Less(Patient[] ps) => new Page(ps.Select(p => new Row(p)), 
                }

                public class Page { public Page(IEnumerable<Row> data) { Data = data } public IEnumerable<Row> Data { get; } }
                public class Row { public Row(Patient p) { IdNumber = p.IdNumber; } [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; } }
                """ + Model + AspNetCoreResponseStubs.Source,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };

        // What is typed so far returns the number: reported, and nothing throws.
        test.ExpectedDiagnostics.Add(Expect(0, IdNumber, "PatientsController.Id").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Expect(int markup, string data, string sink) =>
        Verify.Diagnostic(Descriptors.UnmaskedResponse).WithLocation(markup).WithArguments(data, sink, ExpectedCitations.Display(data));

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Usings + source + Model + AspNetCoreResponseStubs.Source };
        foreach (var diagnostic in expected)
        {
            test.ExpectedDiagnostics.Add(diagnostic.WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        }

        return test.RunAsync(CancellationToken.None);
    }
}
