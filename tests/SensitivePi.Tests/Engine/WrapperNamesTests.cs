using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SensitivePi;
using SensitivePi.Analyzers.Model;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

public class WrapperNamesTests
{
    // docs/design/value-flow-engine.md, "Consent across methods": a one-call method's body is bound to tell whether it wraps a
    // check only when its call's name may lead to one. Each method below is asked from the catalog, both ways.
    [Fact]
    public async Task A_one_call_body_is_read_only_when_its_calls_name_may_lead_to_a_check()
    {
        var compilation = await TestCompilation.CreateAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using SensitivePi;

            public class Consent { [SeparateConsentCheck(Category.MedicalHealth)] public bool HealthConsent(string id) => true; }

            public static class Helpers
            {
                public static Task<bool> Later(string id) => Task.FromResult(true);
                public static void Keep(List<string> log, string text) => log.Add(text);
                public static bool Drop(List<string> log, string text) => log.Remove(text);
                public static async Task<bool> Awaited(string id) => await Later(id)!.ConfigureAwait(false);
                public static bool Direct(Consent consent, string id) => consent.HealthConsent(id);
                public static bool ThroughDirect(Consent consent, string id) => Direct(consent, id);
                public static bool Service(ISeparateConsentService service, string id) => service.HasSeparateConsent(id, Category.Biometric, "x");
                public static bool ThroughDrop(List<string> log, string text) => Drop(log, text);
            }
            """);
        var catalog = new ConsentCatalog(KnownSymbols.TryCreate(compilation)!, compilation: compilation);
        var helpers = compilation.GetTypeByMetadataName("Helpers")!;
        bool Reads(string name) => catalog.ReadsAsWrapper(helpers.GetMembers(name).OfType<IMethodSymbol>().Single());

        // A check of this compilation, one of the annotations' assembly, and a wrapper of a check.
        Assert.True(Reads("Direct"));
        Assert.True(Reads("Service"));
        Assert.True(Reads("ThroughDirect"));

        // Calls that can reach no check: a library's method, a method of this compilation that wraps none.
        Assert.False(Reads("Keep"));
        Assert.False(Reads("Drop"));
        Assert.False(Reads("ThroughDrop"));

        // Under `!` and ConfigureAwait the call is `Later`, which wraps no check.
        Assert.False(Reads("Awaited"));
    }

    // A compilation whose texts name no check attribute and no shipped check declares no check and wraps none: no name is looked
    // up among its members. Read without its texts, the same compilation has its calls' names looked up.
    [Fact]
    public async Task A_compilation_naming_no_check_has_no_name_looked_up()
    {
        var compilation = await TestCompilation.CreateAsync(Helpers);
        var symbols = KnownSymbols.TryCreate(compilation)!;
        var read = new ConsentCatalog(symbols, source: Mentions(compilation), compilation: compilation);
        var unread = new ConsentCatalog(symbols, compilation: compilation);

        foreach (var catalog in new[] { read, unread })
        {
            Assert.False(catalog.ReadsAsWrapper(Method(compilation, "Drop")));
            Assert.False(catalog.ReadsAsWrapper(Method(compilation, "ThroughDrop")));
        }

        Assert.Equal(0, read.NameSearches);
        Assert.Equal(2, unread.NameSearches);
    }

    // Texts that name a check, as a shipped check's name or as an attribute (spelled with an escape too), keep the lookups: a
    // method calling a wrapper of a shipped check, or a method of the compilation declared a check, wraps a check.
    [Theory]
    [InlineData("public static bool Service(ISeparateConsentService service, string id) => service.HasSeparateConsent(id, Category.Biometric, \"x\");", "Service")]
    [InlineData("public static bool Guardian(ISeparateConsentService service, string id) => service.HasGuardianConsent(id, \"x\");", "Guardian")]
    [InlineData("[SeparateConsentCheck(Category.MedicalHealth)] public static bool Health(string id) => true;", "Health")]
    [InlineData("[GuardianConsentCheck] public static bool Parent(string id) => true;", "Parent")]
    [InlineData("[SeparateConsent\\u0043heck(Category.MedicalHealth)] public static bool Escaped(string id) => true;", "Escaped")]
    public async Task A_compilation_naming_a_check_has_its_wrappers_read(string check, string name)
    {
        var compilation = await TestCompilation.CreateAsync(Helpers.Replace("/* check */", check + $"\n    public static bool Through(string id) => {name}(" + (name is "Service" or "Guardian" ? "null!, id" : "id") + ");"));
        var catalog = new ConsentCatalog(KnownSymbols.TryCreate(compilation)!, source: Mentions(compilation), compilation: compilation);

        Assert.True(catalog.ReadsAsWrapper(Method(compilation, "Through")));
        Assert.False(catalog.ReadsAsWrapper(Method(compilation, "ThroughDrop")));
        Assert.NotEqual(0, catalog.NameSearches);
    }

    // The shortcut above holds only while the anchors name every check the shipped annotations declare.
    [Fact]
    public void The_shipped_checks_are_the_ones_the_texts_are_searched_for()
    {
        var checks = typeof(ISeparateConsentService).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Where(method => method.GetCustomAttributes(inherit: false).Any(attribute => attribute is SeparateConsentCheckAttribute or GuardianConsentCheckAttribute))
            .Select(method => method.Name)
            .ToList();

        Assert.Equal(4, checks.Count);
        Assert.All(checks, name => Assert.Contains(AnnotationUsage.ShippedChecks, shipped => name.StartsWith(shipped, System.StringComparison.Ordinal)));
    }

    private const string Helpers = """
        using System.Collections.Generic;
        using SensitivePi;

        public static class Helpers
        {
            public static bool Drop(List<string> log, string text) => log.Remove(text);
            public static bool ThroughDrop(List<string> log, string text) => Drop(log, text);
            /* check */
        }
        """;

    private static IMethodSymbol Method(Compilation compilation, string name) =>
        compilation.GetTypeByMetadataName("Helpers")!.GetMembers(name).OfType<IMethodSymbol>().Single();

    // What the analyzer reads of the texts, uncached.
    private static SourceMentions Mentions(Compilation compilation) => TextsRead.Of(compilation);

    // An annotation file may declare a delegate's Invoke a check; a delegate is called by its variable's name, so every one-call
    // body is read then.
    [Fact]
    public async Task A_delegate_declared_a_check_by_file_makes_every_one_call_body_read()
    {
        var compilation = await TestCompilation.CreateAsync("""
            using System.Collections.Generic;

            namespace Vendor { public delegate bool Gate(string id); }

            public static class Helpers
            {
                public static bool Open(Vendor.Gate gate, string id) => gate(id);
                public static bool Drop(List<string> log, string text) => log.Remove(text);
            }
            """);
        var symbols = KnownSymbols.TryCreate(compilation)!;
        var files = AnnotationFiles.Read("vendor.sensitivepi.json", SourceText.From("""
            { "consentChecks": [ { "symbol": "M:Vendor.Gate.Invoke(System.String)", "categories": ["Biometric"] } ] }
            """), compilation, AtRestDefaults.CredentialsOnly);
        Assert.Empty(files.Problems);
        var helpers = compilation.GetTypeByMetadataName("Helpers")!;
        IMethodSymbol Method(string name) => helpers.GetMembers(name).OfType<IMethodSymbol>().Single();

        Assert.True(new ConsentCatalog(symbols, files, compilation: compilation).ReadsAsWrapper(Method("Open")));
        Assert.True(new ConsentCatalog(symbols, files, compilation: compilation).ReadsAsWrapper(Method("Drop")));
        Assert.False(new ConsentCatalog(symbols, compilation: compilation).ReadsAsWrapper(Method("Drop")));
    }

    // Half-typed code: a call without a name is read as before (binding decides); one to a method that does not exist yet
    // is no check either way; nothing throws.
    [Fact]
    public async Task A_call_being_typed_is_read_as_before()
    {
        var compilation = await TestCompilation.CreateAsync("""
            public static class Helpers
            {
                public static bool Half(string id) => id.(id);
                public static bool Unknown(string id) => Missing(id);
            }
            """, allowErrors: true);
        var catalog = new ConsentCatalog(KnownSymbols.TryCreate(compilation)!, compilation: compilation);
        var helpers = compilation.GetTypeByMetadataName("Helpers")!;

        Assert.True(catalog.ReadsAsWrapper(helpers.GetMembers("Half").OfType<IMethodSymbol>().Single()));
        Assert.False(catalog.ReadsAsWrapper(helpers.GetMembers("Unknown").OfType<IMethodSymbol>().Single()));
    }

    // A referenced library built against the annotations has its checks' names listed once per compilation; one with more
    // types than are listed then is not read, and every one-call body is read instead (binding decides, as before).
    [Theory]
    [InlineData(10, false)]
    [InlineData(600, true)]
    public async Task A_large_library_of_checks_is_not_listed_and_every_one_call_body_is_read(int types, bool readsEverything)
    {
        var library = (await TestCompilation.CreateAsync(
            "namespace Vendor { public class Gate { [SensitivePi.SeparateConsentCheck(SensitivePi.Category.MedicalHealth)] public bool Allowed(string id) => true; } }\n"
            + string.Concat(Enumerable.Range(0, types).Select(i => $"public class Filler{i} {{ }}\n")))).WithAssemblyName("Vendor");
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var compilation = (await TestCompilation.CreateAsync("""
            using System.Collections.Generic;

            public static class Helpers
            {
                public static bool Open(Vendor.Gate gate, string id) => gate.Allowed(id);
                public static bool Drop(List<string> log, string text) => log.Remove(text);
            }
            """, allowErrors: true)).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var catalog = new ConsentCatalog(KnownSymbols.TryCreate(compilation)!, compilation: compilation);
        var helpers = compilation.GetTypeByMetadataName("Helpers")!;

        Assert.True(catalog.ReadsAsWrapper(helpers.GetMembers("Open").OfType<IMethodSymbol>().Single()));
        Assert.Equal(readsEverything, catalog.ReadsAsWrapper(helpers.GetMembers("Drop").OfType<IMethodSymbol>().Single()));
    }
}
