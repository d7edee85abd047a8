using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Rules;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

// docs/design/value-flow-engine.md, "Bodies no finding can pass through": a body whose values can reach no sink, in it or
// beyond, is not summarised, whatever data it reads; the findings stay those of a pass that summarised it.
public class SinkDemandTests
{
    private const string Source = """
        using System;
        using Microsoft.Extensions.Logging;
        using SensitivePi;

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
        }

        public class Registry
        {
            // Both read data and hand it back; only Lookup's caller shows what it gets.
            public string Lookup(Patient p) => p.IdNumber.Trim();
            public string Quiet(Patient p) => p.IdNumber.Trim();
        }

        public static class Guard
        {
            // A sink given only literals takes nothing callers bring.
            public static void Require(string value)
            {
                if (value.Length == 0)
                {
                    throw new ArgumentException("Empty", nameof(value));
                }
            }

            // This one shows what callers bring.
            public static void Describe(string value) => throw new ArgumentException($"Bad {value}");
        }

        public class C
        {
            void Shown(ILogger logger, Registry registry, Patient p) => logger.LogInformation("{Id}", registry.Lookup(p));

            bool Checked(Registry registry, Patient p) => registry.Quiet(p) == "x";

            void Saved(Patient p) => Guard.Require(p.IdNumber);

            void Refused(Patient p) => Guard.Describe(p.IdNumber);
        }
        """;

    [Fact]
    public async Task Bodies_whose_values_reach_no_sink_are_not_summarised()
    {
        var compilation = await TestCompilation.CreateAsync(Source);
        var analyzer = new Recording();
        var (diagnostics, exceptions) = await AnalyzerRun.WithExceptionsAsync(compilation, analyzer);
        Assert.Empty(exceptions);

        // Lookup hands its data to a logging caller; Describe's sink shows what Refused hands it.
        Assert.Equal(new[] { "Describe", "Lookup", "Refused", "Shown" }, analyzer.Summarised.OrderBy(name => name, System.StringComparer.Ordinal));

        // Quiet's only caller compares what it gets; Require's only sink is given literals; their callers feed nothing.
        Assert.Equal(new[] { "SPI002 registry.Lookup(p)", "SPI011 p.IdNumber" }, diagnostics
            .Select(d => d.Id + " " + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))
            .OrderBy(text => text, System.StringComparer.Ordinal));
        var refused = Assert.Single(diagnostics, d => d.Id == "SPI011");
        Assert.Contains("through 'Guard.Describe(string)'", refused.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Written", false)]
    [InlineData("Compared", false)]
    [InlineData("Measured", false)]
    [InlineData("AssignedAsValue", true)]
    [InlineData("Initialised", true)]
    [InlineData("Copied", true)]
    [InlineData("Bound", true)]
    [InlineData("Appended", true)]
    public async Task A_classified_member_only_written_compared_or_measured_is_no_read(string method, bool expected)
    {
        var compilation = await TestCompilation.CreateAsync("""
            using SensitivePi;

            public class Patient
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            }

            public class C
            {
                void Written(Patient p, string id) => p.IdNumber = id;
                string AssignedAsValue(Patient p, string id) => p.IdNumber = id;
                object Initialised(string id) => new Patient { IdNumber = id };
                bool Compared(Patient p) => p.IdNumber == "x";
                int Measured(Patient p) => p.IdNumber.Length;
                string Copied(Patient p) => p.IdNumber;
                string Bound(Patient p) => p.IdNumber is { } id ? id : "";
                void Appended(Patient p, string suffix) => p.IdNumber += suffix;
            }
            """);
        var tree = compilation.SyntaxTrees.Single();
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == method);
        var body = compilation.GetSemanticModel(tree).GetOperation(declaration)!;
        var engine = ValueFlowEngine.TryCreate(compilation)!;

        Assert.Equal(expected, engine.Surveyor.ReadsData(body));
        Assert.Equal(expected, SurveyedReads(engine, body));
    }

    [Fact]
    public async Task A_value_stored_from_a_followed_getter_still_reaches_its_sink()
    {
        // The store's value sets no survey flag (a followed getter): the storing body is a storer all the same.
        var compilation = await TestCompilation.CreateAsync("""
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            public class Visit
            {
                [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
                public string Label => "V " + IdNumber;
            }

            public static class Registry
            {
                public static Visit Current { get; set; } = new();
            }

            public class Tracker
            {
                private string _last = "";

                public void Remember() => _last = Registry.Current.Label;

                public void Report(ILogger logger) => logger.LogInformation("{Last}", _last);
            }
            """);
        var analyzer = new Recording();
        var (diagnostics, exceptions) = await AnalyzerRun.WithExceptionsAsync(compilation, analyzer);
        Assert.Empty(exceptions);
        Assert.Equal(new[] { "SPI002 _last" }, diagnostics
            .Select(d => d.Id + " " + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))
            .OrderBy(text => text, System.StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_waiting_body_is_not_summarised_for_a_parameter_whose_value_dies_in_it()
    {
        // Both helpers read nothing themselves and have a sink a caller's data could reach; Exists only compares, measures,
        // names and null-checks what `id` brings, so the data its caller passes goes nowhere in it.
        var compilation = await TestCompilation.CreateAsync("""
            using System;
            using System.Linq;
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            public class Patient
            {
                [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
            }

            public class Directory
            {
                private readonly ILogger _logger;
                private readonly string[] _names = { "a" };
                private string _source = "db";

                public Directory(ILogger logger) => _logger = logger;

                public bool Exists(string id)
                {
                    ArgumentNullException.ThrowIfNull(id);
                    if (id.Length == 0 || string.IsNullOrWhiteSpace(id))
                    {
                        throw new ArgumentException("Empty", nameof(id));
                    }

                    _logger.LogInformation("Looking up in {Source}", _source);
                    return _names.Any(name => name == id) || id is null;
                }

                public void Record(string id) => _logger.LogInformation("{Id}", id.Trim());
            }

            public class C
            {
                void Use(Directory directory, Patient p)
                {
                    if (directory.Exists(p.IdNumber))
                    {
                        directory.Record(p.IdNumber);
                    }
                }
            }
            """);
        var analyzer = new Recording();
        var (diagnostics, exceptions) = await AnalyzerRun.WithExceptionsAsync(compilation, analyzer);
        Assert.Empty(exceptions);
        Assert.Equal(new[] { "Record", "Use" }, analyzer.Summarised.OrderBy(name => name, System.StringComparer.Ordinal));
        var logged = Assert.Single(diagnostics);
        Assert.Equal("SPI002 p.IdNumber", logged.Id + " " + logged.Location.SourceTree!.GetText().ToString(logged.Location.SourceSpan));
        Assert.Contains("through 'Directory.Record(string)'", logged.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Compared", false)]
    [InlineData("ComparedInLambda", false)]
    [InlineData("TestedForNull", false)]
    [InlineData("Measured", false)]
    [InlineData("Named", false)]
    [InlineData("NullChecked", false)]
    [InlineData("AssignedOver", false)]
    [InlineData("AskedAFact", false)]
    [InlineData("Returned", true)]
    [InlineData("Bound", true)]
    [InlineData("Trimmed", true)]
    [InlineData("Interpolated", true)]
    [InlineData("Kept", true)]
    [InlineData("HandedOn", true)]
    [InlineData("Added", true)]
    [InlineData("ReadInAConstructor", true)]
    [InlineData("EachGivenToALambda", true)]
    [InlineData("LookedUpIntoAnOut", true)]
    [InlineData("CountedByALambda", true)]
    [InlineData("TrimmedThenCompared", false)]
    [InlineData("KeptThenCompared", false)]
    [InlineData("KeptOverThenMeasured", false)]
    [InlineData("TrimmedAndDiscarded", false)]
    [InlineData("AwaitedThenCompared", false)]
    [InlineData("TestedInACondition", false)]
    [InlineData("KeptThenReturned", true)]
    [InlineData("ChosenByACondition", true)]
    [InlineData("KeptForALambda", true)]
    [InlineData("TrimmedIfThere", true)]
    [InlineData("ReadThroughAComputedGetter", true)]
    public async Task A_parameter_read_only_where_its_value_dies_carries_nothing(string method, bool expected)
    {
        var compilation = await TestCompilation.CreateAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using SensitivePi;

            public class Patient
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            }

            public class Holder
            {
                public static string Last = "";
                public string Name { get; set; } = "";
                public string Computed { get { Last = Name; return "x"; } }
            }

            public class C
            {
                private string _kept = "";
                private readonly List<string> _all = new();

                bool Compared(string id) => id == "x" || id != "y";
                bool ComparedInLambda(string[] names, string id) => names.Any(n => n == id);
                bool TestedForNull(string id) => id is null or { Length: 0 };
                int Measured(string id) => id.Length;
                string Named(string id) => nameof(id);
                void NullChecked(string id) { ArgumentNullException.ThrowIfNull(id); _ = string.IsNullOrEmpty(id); }
                void AssignedOver(string id) => id = "";
                bool AskedAFact(string id) => id.StartsWith("1", StringComparison.Ordinal);
                string Returned(string id) => id;
                string Bound(object id) => id is string text ? text : "";
                string Trimmed(string id) => id.Trim();
                string Interpolated(string id) => $"{id}";
                void Kept(string id) => _kept = id;
                void HandedOn(string id) => Kept(id);
                void Added(string id) => _all.Add(id);
                bool EachGivenToALambda(List<string> ids) => ids.All(id => Keep2(id));
                bool LookedUpIntoAnOut(Dictionary<string, string> ids) => ids.TryGetValue("a", out var found) && Keep2(found);
                int CountedByALambda(List<string> ids) => ids.Count(id => Keep2(id));
                bool Keep2(string id) { _kept = id; return true; }
                bool TrimmedThenCompared(string id) => id.Trim().ToUpperInvariant() == "X";
                bool KeptThenCompared(string id) { var upper = $"{id.ToUpperInvariant()}!"; return upper == "X!"; }
                bool KeptOverThenMeasured(string id) { string held = ""; held = id; return held.Length > 0; }
                void TrimmedAndDiscarded(string id) { id.Trim(); }
                async System.Threading.Tasks.Task<bool> AwaitedThenCompared(System.Threading.Tasks.Task<string> id) => await id == "x";
                string TestedInACondition(bool id) => id ? "some" : "none";
                bool ReadThroughAComputedGetter(Holder id) => id.Computed == "x";
                string KeptThenReturned(string id) { var held = id.Trim(); return held; }
                string ChosenByACondition(bool which, string id) => which ? id : "";
                Func<string> KeptForALambda(string id) { var held = id; return () => held; }
                string? TrimmedIfThere(string? id) => id?.Trim();

                public C(string id) => _kept = id == "" ? "" : "x";
                void ReadInAConstructor() { }
            }
            """);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var declaration = method == "ReadInAConstructor"
            ? (Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax)tree.GetRoot().DescendantNodes().OfType<ConstructorDeclarationSyntax>().Single()
            : tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == method);
        var symbol = (IMethodSymbol)model.GetDeclaredSymbol(declaration)!;
        var engine = ValueFlowEngine.TryCreate(compilation)!;

        Assert.Equal(expected, ValueUses.MayCarry(engine, symbol, model.GetOperation(declaration)!, symbol.Parameters.Length - 1));
    }

    [Fact]
    public async Task A_tuple_parameters_elements_are_inputs_that_always_carry()
    {
        // An element is an input numbered after the parameters (CrossMethodPass.TupleInput); the one walk does not judge it.
        var compilation = await TestCompilation.CreateAsync("""
            using SensitivePi;

            public class Patient
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            }

            public class C
            {
                bool RowCompared((string Id, string City) row) => row.Id == "x";
            }
            """);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
        var symbol = (IMethodSymbol)model.GetDeclaredSymbol(declaration)!;
        var engine = ValueFlowEngine.TryCreate(compilation)!;

        var element = CrossMethodPass.TupleInput(symbol.Parameters.Length, 0, 0);
        Assert.True(element >= symbol.Parameters.Length);
        Assert.True(ValueUses.MayCarry(engine, symbol, model.GetOperation(declaration)!, element));
    }

    [Theory]
    [InlineData("Checked", "Load", false)]
    [InlineData("CheckedThroughALocal", "Load", false)]
    [InlineData("Awaited", "LoadAsync", false)]
    [InlineData("Read", "Load", true)]
    [InlineData("Grouped", "Load", true)]
    [InlineData("LeftInAnOut", "TryLoad", true)]
    [InlineData("NeverCalled", "Load", true)]
    [InlineData("MemberCompared", "_held", false)]
    [InlineData("MemberReturned", "_held", true)]
    [InlineData("ViewCompared", "get_View", false)]
    [InlineData("ViewKept", "get_View", true)]
    [InlineData("AutoPropertyCompared", "Held", false)]
    [InlineData("AutoPropertyReturned", "Held", true)]
    public async Task What_a_call_returns_or_a_member_holds_can_die_where_it_is_used(string method, string used, bool expected)
    {
        var compilation = await TestCompilation.CreateAsync("""
            using System;
            using System.Threading.Tasks;
            using SensitivePi;

            public class Patient
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            }

            public class Repo
            {
                public Patient Load(string id) => new Patient();
                public Task<Patient> LoadAsync(string id) => Task.FromResult(new Patient());
                public bool TryLoad(string id, out Patient found) { found = new Patient(); return true; }
            }

            public class C
            {
                private readonly Repo _repo = new();
                private string _held = "";
                private string _kept = "";

                public string View => _held;
                public string Held { get; set; } = "";

                bool Checked() => _repo.Load("1") == null;
                bool CheckedThroughALocal() { var found = _repo.Load("1"); return found is null; }
                async Task<bool> Awaited() => (await _repo.LoadAsync("1")).IdNumber.Length > 0;
                string Read() => _repo.Load("1").IdNumber;
                Func<string, Patient>? Grouped() => _repo.Load("1") == null ? null : _repo.Load;
                bool LeftInAnOut() => _repo.TryLoad("1", out var found) && found is null;
                bool NeverCalled() => true;
                bool MemberCompared() => _held == "x" || _held.Trim() == "y";
                string MemberReturned() => _held;
                bool ViewCompared() => View == "x";
                void ViewKept() => _kept = View;
                bool AutoPropertyCompared() => Held.Trim() == "x";
                string AutoPropertyReturned() => Held;
            }
            """);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == method);
        var members = compilation.GetTypeByMetadataName("Repo")!.GetMembers().Concat(compilation.GetTypeByMetadataName("C")!.GetMembers());
        var symbol = members.Single(m => m.Name == used);
        var engine = ValueFlowEngine.TryCreate(compilation)!;

        // A computed property is asked about through its getter (a method returning data), an auto-property as a member holding it.
        Assert.Equal(expected, ValueUses.MayCarryFrom(engine, model.GetOperation(declaration)!, symbol));
    }

    [Theory]
    [InlineData("Matched", false)]
    [InlineData("MatchedThroughALocal", false)]
    [InlineData("Shown", true)]
    [InlineData("HandedToAClassifiedParameter", true)]
    [InlineData("BoundThenReturned", true)]
    [InlineData("OnlyBound", true)]
    public async Task Declared_data_a_body_reads_can_die_in_it(string method, bool expected)
    {
        var compilation = await TestCompilation.CreateAsync("""
            using SensitivePi;

            public class Patient
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            }

            [SensitivePersonalInfo(Category.MedicalHealth)]
            public class Visit
            {
            }

            public class C
            {
                bool Matched(Patient p, string id) => p.IdNumber.Trim() == id;
                bool MatchedThroughALocal(Patient p, string id) { var trimmed = p.IdNumber.Trim(); return trimmed == id || trimmed.Length == 0; }
                string Shown(Patient p) => p.IdNumber.Trim();
                object? BoundThenReturned(Patient p, object o)
                {
                    if (p.IdNumber.Trim() == "x")
                    {
                        return null;
                    }

                    if (o is Visit v)
                    {
                        return v;
                    }

                    return null;
                }
                object? OnlyBound(object o)
                {
                    if (o is Visit v)
                    {
                        return v;
                    }

                    return null;
                }
                void HandedToAClassifiedParameter(string id) => Keep(id);
                void Keep([SensitivePersonalInfo(Category.SpecificIdentity)] string id) { }
            }
            """);
        var tree = compilation.SyntaxTrees.Single();
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == method);
        var body = compilation.GetSemanticModel(tree).GetOperation(declaration)!;
        var engine = ValueFlowEngine.TryCreate(compilation)!;

        Assert.True(engine.Surveyor.ReadsData(body));
        Assert.True(SurveyedReads(engine, body));
        Assert.Equal(expected, ValueUses.DataMayCarry(engine, body));
    }

    [Fact]
    public async Task Bodies_where_the_data_they_get_dies_are_not_summarised_for_it()
    {
        // Matched reads data and only compares it; Exists gets data from Find and only compares it. Neither is summarised, though
        // each calls Write, whose sink shows what callers bring; Handed and Logged hand data on and are.
        var compilation = await TestCompilation.CreateAsync("""
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            public class Patient
            {
                [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
            }

            public class Audit
            {
                private readonly ILogger _logger;

                public Audit(ILogger logger) => _logger = logger;

                public void Write(string text) => _logger.LogInformation("{Text}", text);
            }

            public class Registry
            {
                private readonly Patient _current = new();

                public string Find() => _current.IdNumber;
            }

            public class C
            {
                void Matched(Audit audit, Patient p, string id)
                {
                    var trimmed = p.IdNumber.Trim();
                    if (trimmed == id)
                    {
                        audit.Write("matched");
                    }
                }

                void Exists(Audit audit, Registry registry)
                {
                    if (registry.Find().ToUpperInvariant() == "X")
                    {
                        audit.Write("found");
                    }
                }

                void Handed(Audit audit, Patient p) => audit.Write(p.IdNumber);

                void Logged(Audit audit, Registry registry) => audit.Write(registry.Find());
            }
            """);
        var analyzer = new Recording();
        var (diagnostics, exceptions) = await AnalyzerRun.WithExceptionsAsync(compilation, analyzer);
        Assert.Empty(exceptions);
        Assert.Equal(new[] { "Find", "Handed", "Logged", "Write" }, analyzer.Summarised.OrderBy(name => name, System.StringComparer.Ordinal));
        Assert.Equal(new[] { "SPI002 p.IdNumber", "SPI002 registry.Find()" }, diagnostics
            .Select(d => d.Id + " " + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))
            .OrderBy(text => text, System.StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("OwnSink", false, true)]
    [InlineData("BackFromAHelper", true, true)]
    [InlineData("ToAFeedingHelper", true, true)]
    [InlineData("ToAQuietHelper", false, true)]
    [InlineData("IntoADemandedMember", true, true)]
    [InlineData("IntoAQuietMember", false, true)]
    [InlineData("IntoAnObjectReturned", true, true)]
    [InlineData("IntoAnObjectKept", false, true)]
    [InlineData("ReturnedWhereNoCallerShowsIt", false, true)]
    [InlineData("EachElementToAFeedingHelper", true, true)]
    [InlineData("EachElementToAQuietHelper", false, true)]
    [InlineData("SelectedToAFeedingHelper", true, true)]
    [InlineData("AddedToAListHandedOn", true, true)]
    [InlineData("AddedToAListKept", false, true)]
    [InlineData("TrimmedIfThereToAFeedingHelper", true, true)]
    [InlineData("InCodeThatDoesNotBind", false, false)]
    [InlineData("IntoAParametersObject", false, true)]
    [InlineData("IntoAParametersObjectThenShown", true, true)]
    [InlineData("SerialisedThenHandedOn", true, true)]
    [InlineData("KeptInAFieldThenHandedOn", true, true)]
    [InlineData("KeptInAFieldThenKept", false, true)]
    [InlineData("InALibraryObjectHandedOn", true, true)]
    [InlineData("InALibraryObjectKept", false, true)]
    [InlineData("InALibraryObjectsMemberKept", false, true)]
    [InlineData("InALibraryObjectThatIsASinkKept", true, true)]
    [InlineData("WholeToAFeedingHelper", true, true)]
    [InlineData("WholeToAQuietHelper", false, true)]
    [InlineData("WholeThroughAHelpersResultToAFeedingHelper", true, true)]
    [InlineData("WholeThroughAHelperReturned", false, true)]
    public async Task Where_a_bodys_own_data_goes_counts_only_where_a_sink_is_beyond(string method, bool expected, bool unjudged)
    {
        // A scope judges each destination by what the surveys tell of the rest (docs/design/value-flow-engine.md, "Summaries on
        // demand"): here Write feeds a sink, IntoAnObjectReturned's and WholeThroughAHelperReturned's callers show their result,
        // and _shown is read where it is shown.
        var compilation = await TestCompilation.CreateAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            public class Patient
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
                [SensitivePersonalInfo(Category.SpecificIdentity)] public List<string> Ids { get; set; } = new();
            }

            public class Row
            {
                public string Text { get; set; } = "";
            }

            public class C
            {
                private readonly ILogger _logger = null!;
                private string _shown = "";
                private string _quiet = "";
                private object _held = "";

                void Write(string text) { }
                void Quiet(string text) { }
                static string Trim(string text) => text.Trim();

                void OwnSink(Patient p) => _logger.LogInformation("{Id}", p.IdNumber);
                void BackFromAHelper(Patient p) => _logger.LogInformation("{Id}", Trim(p.IdNumber));
                void ToAFeedingHelper(Patient p) => Write(p.IdNumber.Trim());
                void ToAQuietHelper(Patient p) => Quiet(p.IdNumber);
                void IntoADemandedMember(Patient p) => _shown = p.IdNumber;
                void IntoAQuietMember(Patient p) => _quiet = p.IdNumber;
                Row IntoAnObjectReturned(Patient p) => new Row { Text = p.IdNumber };
                void IntoAnObjectKept(Patient p) { var row = new Row { Text = p.IdNumber }; Quiet(row.Text); }
                string ReturnedWhereNoCallerShowsIt(Patient p) => p.IdNumber.Trim();
                void EachElementToAFeedingHelper(Patient p) { foreach (var id in p.Ids) { Write(id); } }
                void EachElementToAQuietHelper(Patient p) { foreach (var id in p.Ids) { Quiet(id); } }
                void SelectedToAFeedingHelper(List<Patient> ps) => Write(string.Join(",", ps.Select(x => x.IdNumber)));
                void AddedToAListHandedOn(Patient p) { var ids = new List<string>(); ids.Add(p.IdNumber); Write(ids[0]); }
                void AddedToAListKept(Patient p) { var ids = new List<string>(); ids.Add(p.IdNumber); Quiet(ids[0]); }
                void TrimmedIfThereToAFeedingHelper(Patient p) => Write(p.IdNumber?.Trim() ?? "");
                void InCodeThatDoesNotBind(Patient p) { var id = p.IdNumber; Unknown.Keep(id); }
                void IntoAParametersObject(Patient p, Row row) => row.Text = p.IdNumber;
                void IntoAParametersObjectThenShown(Patient p, Row row) { row.Text = p.IdNumber; Write(row.Text); }
                void SerialisedThenHandedOn(Patient p) { var json = System.Text.Json.JsonSerializer.Serialize(p.IdNumber); Write(json); }
                void KeptInAFieldThenHandedOn(Patient p) { _held = p.IdNumber; Write((string)_held); }
                void KeptInAFieldThenKept(Patient p) { _held = p.IdNumber; Quiet((string)_held); }
                void InALibraryObjectHandedOn(Patient p) { var text = new System.Text.StringBuilder(p.IdNumber); Write(text.ToString()); }
                void InALibraryObjectKept(Patient p) { var text = new System.Text.StringBuilder(p.IdNumber); Quiet(text.ToString()); }
                void InALibraryObjectsMemberKept(Patient p) { var pair = new KeyValuePair<string, string>("id", p.IdNumber); Quiet(pair.Value); }
                void InALibraryObjectThatIsASinkKept(Patient p) { var error = new System.InvalidOperationException(p.IdNumber); Quiet(error.Message); }
                void Write(object whole) { }
                void Keep(object whole) { }
                static T Same<T>(T value) => value;
                void WholeToAFeedingHelper(Patient p) => Write(p);
                void WholeToAQuietHelper(Patient p) => Keep(p);
                void WholeThroughAHelpersResultToAFeedingHelper(Patient p) => Write(Same(p).IdNumber);
                Patient WholeThroughAHelperReturned(Patient p) => Same(p);
            }
            """, allowErrors: true);
        var (engine, symbol, body) = MethodNamed(compilation, method);

        Assert.True(engine.Surveyor.ReadsData(body));
        Assert.True(SurveyedReads(engine, body));
        Assert.Equal(expected, ValueUses.DataMayCarry(engine, body, new ValueUses.UseScope(new Demand(), symbol, returnSink: false)));

        // Without a scope every destination counts, the body's own sink too; code that does not bind gives a value nothing in
        // either case.
        Assert.Equal(unjudged, ValueUses.DataMayCarry(engine, body));
    }

    [Theory]
    [InlineData("HandsItsParameterToAFeedingHelper")]
    [InlineData("LogsItsParameter")]
    [InlineData("ReturnsItWhereTheResultIsShown")]
    [InlineData("StoresItsParameterInADemandedMember")]
    [InlineData("LogsAnUnclassifiedMember")]
    public async Task A_body_that_reads_no_declared_data_has_none_to_carry(string method)
    {
        // The survey answers whether a waiting body reads declared data, and the compilation end walks for where that data goes
        // only where it reads some (docs/design/value-flow-engine.md, "Summaries on demand"): a body that reads none has none to
        // carry, wherever its values go, judged or not, and the survey says so.
        var compilation = await TestCompilation.CreateAsync("""
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            public class Patient
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
                public string Ward { get; set; } = "";
            }

            public class C
            {
                private readonly ILogger _logger = null!;
                private string _shown = "";

                void Write(string text) { }
                void HandsItsParameterToAFeedingHelper(string id) => Write(id);
                void LogsItsParameter(string id) => _logger.LogInformation("{Id}", id);
                string ReturnsItWhereTheResultIsShown(string id) => id;
                void StoresItsParameterInADemandedMember(string id) => _shown = id;
                void LogsAnUnclassifiedMember(Patient p) => _logger.LogInformation("{Ward}", p.Ward);
            }
            """);
        var (engine, symbol, body) = MethodNamed(compilation, method);

        Assert.False(engine.Surveyor.ReadsData(body));
        Assert.False(SurveyedReads(engine, body));
        Assert.False(ValueUses.DataMayCarry(engine, body, new ValueUses.UseScope(new Demand(), symbol, returnSink: false)));
        Assert.False(ValueUses.DataMayCarry(engine, body));
    }

    [Theory]
    [InlineData("Logs", 1, true)]
    [InlineData("Measures", 1, false)]
    [InlineData("HandsToAFeedingHelper", 1, true)]
    [InlineData("HandsToAQuietHelper", 1, false)]
    [InlineData("ReturnsIt", 0, false)]
    [InlineData("ReturnsItWhereTheResultIsShown", 0, true)]
    [InlineData("KeptInAFieldThenLogged", 1, true)]
    public async Task Where_a_parameters_value_goes_counts_only_where_a_sink_is_beyond(string method, int ordinal, bool expected)
    {
        var compilation = await TestCompilation.CreateAsync("""
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            public class Patient
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            }

            public class C
            {
                private object _held = "";

                void Write(string text) { }
                void Quiet(string text) { }

                void Logs(ILogger logger, string id) => logger.LogInformation("{Id}", id);
                int Measures(ILogger logger, string id) { logger.LogInformation("{Id}", id.Length); return id.Length; }
                void HandsToAFeedingHelper(ILogger logger, string id) => Write(id);
                void HandsToAQuietHelper(ILogger logger, string id) => Quiet(id);
                string ReturnsIt(string id) => id.Trim();
                string ReturnsItWhereTheResultIsShown(string id) => id.Trim();
                void KeptInAFieldThenLogged(ILogger logger, string id) { _held = id; logger.LogInformation("{Id}", _held); }
            }
            """);
        var (engine, symbol, body) = MethodNamed(compilation, method);

        Assert.Equal(expected, ValueUses.MayCarry(engine, symbol, body, ordinal, new ValueUses.UseScope(new Demand(), symbol, returnSink: false)));
    }

    [Fact]
    public async Task Bodies_whose_values_reach_only_their_own_sinks_or_helpers_that_show_nothing_are_not_summarised()
    {
        // Shown logs its own data (its own report, made as it is analysed); Touched hands data to Touch, which has a sink its
        // parameter never reaches; Kept stores data into a member no body shows. None is summarised. Handed's data reaches
        // Write's sink; Remembered's reaches Report's through _last; Trimmed's comes back from a helper to its own sink.
        var compilation = await TestCompilation.CreateAsync("""
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            public class Patient
            {
                [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)] public string IdNumber { get; set; } = "";
            }

            public class Audit
            {
                private readonly ILogger _logger;
                private readonly string _source = "db";
                private string _last = "";
                private string _kept = "";

                public Audit(ILogger logger) => _logger = logger;

                public void Write(string text) => _logger.LogInformation("{Text}", text);

                public void Touch(string text)
                {
                    if (text.Length > 3)
                    {
                        _logger.LogInformation("{Source}", _source);
                    }
                }

                public void Remembered(Patient p) => _last = p.IdNumber;

                public void Kept(Patient p) => _kept = p.IdNumber;

                public void Report() => _logger.LogInformation("{Last}", _last);

                public bool IsKept(string id) => _kept == id;
            }

            public class C
            {
                static string Trim(string text) => text.Trim();

                void Shown(ILogger logger, Patient p) => logger.LogInformation("{Id}", p.IdNumber);

                void Touched(Audit audit, Patient p) => audit.Touch(p.IdNumber);

                void Handed(Audit audit, Patient p) => audit.Write(p.IdNumber);

                void Trimmed(ILogger logger, Patient p) => logger.LogInformation("{Id}", Trim(p.IdNumber));
            }
            """);
        var analyzer = new Recording();
        var (diagnostics, exceptions) = await AnalyzerRun.WithExceptionsAsync(compilation, analyzer);
        Assert.Empty(exceptions);
        Assert.Equal(new[] { "Handed", "Remembered", "Report", "Trim", "Trimmed", "Write" }, analyzer.Summarised.OrderBy(name => name, System.StringComparer.Ordinal));
        Assert.Equal(new[] { "SPI002 Trim(p.IdNumber)", "SPI002 _last", "SPI002 p.IdNumber", "SPI002 p.IdNumber" }, diagnostics
            .Select(d => d.Id + " " + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))
            .OrderBy(text => text, System.StringComparer.Ordinal));
    }

    // The survey's answer to the same question, asked by its walk when it follows calls (BodySurvey.ReadsData): the compilation end
    // trusts it instead of walking the body again.
    private static bool? SurveyedReads(ValueFlowEngine engine, IOperation body) =>
        engine.Surveyor.Survey(body, SinkKindSet.Every, askRequiredCalls: false, _ => DataClasses.Any, followCalls: true).ReadsData;

    // The method of that name in the compilation's one file: its symbol and body, with the compilation's engine.
    private static (ValueFlowEngine Engine, IMethodSymbol Symbol, IOperation Body) MethodNamed(Compilation compilation, string method)
    {
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == method);
        return (ValueFlowEngine.TryCreate(compilation)!, (IMethodSymbol)model.GetDeclaredSymbol(declaration)!, model.GetOperation(declaration)!);
    }

    // What the surveys would say of the theories' code: Write feeds a sink, IntoAnObjectReturned's,
    // ReturnsItWhereTheResultIsShown's and WholeThroughAHelperReturned's callers show their result, and _shown is read where it is shown.
    private sealed class Demand : ValueUses.IDemand
    {
        public bool Feeds(IMethodSymbol callee) => callee.Name == "Write";

        public bool ResultMatters(IMethodSymbol method) => method.Name is "IntoAnObjectReturned" or "ReturnsItWhereTheResultIsShown" or "WholeThroughAHelperReturned";

        public bool Demanded(ISymbol member) => member.Name == "_shown";
    }

    // Records the bodies given a summarising run (every such run goes through SummarizeWaiting).
    private sealed class Recording : SensitiveDataFlowAnalyzer
    {
        public Recording()
            : base(ValueFlowRules.UnmaskedLogging | ValueFlowRules.SensitiveDataInException)
        {
        }

        public ConcurrentBag<string> Summarised { get; } = new();

        private protected override MethodFacts? SummarizeWaiting(PendingBody pending, ValueFlowEngine engine, IValueFlowCheck[] checks, CancellationToken cancellationToken)
        {
            Summarised.Add(pending.Owner.Name);
            return base.SummarizeWaiting(pending, engine, checks, cancellationToken);
        }
    }
}
