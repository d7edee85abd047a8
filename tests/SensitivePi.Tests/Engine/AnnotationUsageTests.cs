using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Model;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.UnmaskedLogging>;

namespace SensitivePi.Tests.Engine;

/// <summary>
/// The compilation-wide shortcut: code that references the annotations but classifies nothing gets no
/// engine, and nothing that does classify is ever skipped.
/// </summary>
public class AnnotationUsageTests
{
    [Theory]
    [InlineData("using SensitivePi; public class C { public string M(string id) => PiMask.IdCardNumber(id); }", false)]
    [InlineData("using SensitivePi; public class C { public Category M() => Category.Biometric; }", false)]
    [InlineData("using SensitivePi; public class P { [SensitivePersonalInfo(Category.Other)] public string X { get; set; } = \"\"; }", true)]
    [InlineData("using SensitivePi; public class S { [RequiresSeparateConsent(Category.Biometric)] public void Enrol() { } }", true)]
    [InlineData("using SensitivePi; public class S { [IdentityVerification(\"gate\")] public bool Pass() => true; }", true)]
    [InlineData("using Pii = SensitivePi.SensitivePersonalInfoAttribute; public class P { [Pii(SensitivePi.Category.Other)] public string X { get; set; } = \"\"; }", true)]
    [InlineData("using SensitivePi; public class P { [SensitivePersonal\\u0049nfo(Category.Other)] public string X { get; set; } = \"\"; }", true)]
    [InlineData("using SensitivePi; public class P { public string Note = \"a\\\\u0041\"; [SensitivePersonal\\U00000049nfo(Category.Other)] public string X { get; set; } = \"\"; }", true)]
    // Words our names share are looked for first; alone they classify nothing.
    [InlineData("using SensitivePi; public class ClaimsIdentityView { public string PersonalNote = \"\"; public string IdentityVerifier = \"\"; }", false)]
    [InlineData("using SensitivePi; public class ClaimsIdentity { } public class S { [IdentityVerification(\"gate\")] public bool Pass() => true; }", true)]
    // Third-party attributes count where the compilation can resolve them (a source-only Identity application cannot).
    [InlineData("public class IdentityUserView { public string ProtectedPersonalDataNote { get; set; } = \"\"; public string DataClassification { get; set; } = \"\"; }", false)]
    [InlineData("namespace Microsoft.AspNetCore.Identity { public class ProtectedPersonalDataAttribute : System.Attribute { } } public class U { [Microsoft.AspNetCore.Identity.ProtectedPersonalData] public string Card { get; set; } = \"\"; }", true)]
    [InlineData("public class IdentityUserView { } public class P { [SensitivePi.SensitivePersonal\\u0049nfo(SensitivePi.Category.Other)] public string X { get; set; } = \"\"; }", true)]
    [InlineData("namespace Microsoft.Extensions.Compliance.Classification { public class DataClassificationAttribute : System.Attribute { } } public sealed class PrivateDataAttribute : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute { } public class U { [PrivateData] public string Card { get; set; } = \"\"; }", true)]
    public async Task An_engine_exists_only_where_something_is_classified(string source, bool expected)
    {
        var compilation = await TestCompilation.CreateAsync(source);

        Assert.Equal(expected, ValueFlowEngine.TryCreate(compilation) is not null);
    }

    [Theory]
    [InlineData("using SensitivePi; public class C { public string Nbsp = \"a\\u00A0b\"; public char Tab = '\\u0009'; }")]
    [InlineData("using SensitivePi; public class C { public int Caf\\u00E9 = 1; public int M() => Caf\\u00E9; }")]
    [InlineData("using SensitivePi; public class C { // [Sensitive\\u0050ersonalInfo(Category.Other)]\n public string X = \"\\u0053ensitivePersonalInfo\"; }")]
    public async Task Escapes_outside_identifiers_or_spelling_other_names_do_not_count(string source)
    {
        var compilation = await TestCompilation.CreateAsync(source);

        Assert.Null(ValueFlowEngine.TryCreate(compilation));
    }

    [Fact]
    public void Every_name_is_looked_for_under_an_anchor_it_contains()
    {
        // A chunk is searched for a name only when it holds the name's anchor: a name without it would never be found.
        foreach (var (anchor, names) in AnnotationUsage.Anchors)
        {
            foreach (var (name, _) in names)
            {
                Assert.Contains(anchor, name, System.StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("using SensitivePi; public class P { [SensitivePersonalInfo(Category.FinancialAccount)] public string Account { get; set; } = \"\"; }")]
    [InlineData("using SensitivePi; public class P { [SensitivePersonalInfo(Category.FinancialAccount)] public string Account { get; set; } = \"\\u00A0\"; }")]
    public async Task Every_analyzer_together_reads_a_text_once_and_takes_no_checksum_of_it(string source)
    {
        // All our analyzers ask each text what it mentions; the first asking reads it, the others find the answer kept with the
        // text. No content hash is taken either (the driver's own per-text cache takes the text's checksum, a second read of
        // every character): the analysis reads exactly what one scan reads. Nothing here is reported (a report reads the text's
        // lines), nothing asks which parameters are classified (that question reads the texts naming ours), and the analyzers run one
        // after another (the count is not atomic). A text with an escape has its escapes read too, once for the compilation (each
        // analyzer read them again when each read the compilation's texts itself).
        var scanned = new CountingText(source);
        var mentioned = AnnotationUsage.Scan(scanned);
        Assert.True(scanned.Read > source.Length / 2);
        var expected = scanned.Read;
        if ((mentioned & TextMentions.Escape) != 0)
        {
            var escaped = new CountingText(source);
            var tree = CSharpSyntaxTree.ParseText(escaped, new CSharpParseOptions(LanguageVersion.Latest));
            var parsed = escaped.Read;
            Assert.Equal(TextMentions.None, AnnotationUsage.EscapedMentions(tree, CancellationToken.None));
            Assert.True(escaped.Read > parsed);
            expected += escaped.Read - parsed;
        }

        var text = new CountingText(source);
        var compiled = await TestCompilation.CreateAsync(source);
        var compilation = compiled.ReplaceSyntaxTree(compiled.SyntaxTrees[0], CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)));
        var readByParser = text.Read;

        var (diagnostics, exceptions) = await Shipped.AnalyzeAsync(compilation, concurrent: false);

        Assert.Empty(exceptions);
        Assert.Empty(diagnostics);
        Assert.Equal(expected, text.Read - readByParser);

        // Kept with that text: asking again reads nothing; a copy of it is another text, read anew.
        Assert.Equal(TextMentions.Ours, AnnotationUsage.MentionsOf(text) & TextMentions.Ours);
        Assert.Equal(expected, text.Read - readByParser);
        var copy = new CountingText(source);
        Assert.Equal(AnnotationUsage.MentionsOf(text), AnnotationUsage.MentionsOf(copy));
        Assert.Equal(scanned.Read, copy.Read);
    }

    // A text that counts the characters read from it, by either way SourceText offers.
    private sealed class CountingText : Microsoft.CodeAnalysis.Text.SourceText
    {
        private readonly string _content;

        public CountingText(string content) => _content = content;

        public int Read { get; private set; }

        public override System.Text.Encoding? Encoding => System.Text.Encoding.UTF8;

        public override int Length => _content.Length;

        public override char this[int position]
        {
            get
            {
                Read++;
                return _content[position];
            }
        }

        public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count)
        {
            Read += count;
            _content.CopyTo(sourceIndex, destination, destinationIndex, count);
        }
    }

    [Fact]
    public async Task A_large_file_full_of_escapes_in_strings_classifies_nothing()
    {
        // Real code bases hold "\u00A0" and friends in strings; they must not wake the engine up.
        var lines = new System.Text.StringBuilder("using SensitivePi;\npublic static class Strings\n{\n");
        for (var i = 0; i < 5000; i++)
        {
            lines.Append("    public const string S").Append(i).Append(" = \"x\\u00A0y\\U0001F600z\"; // \\u2028\n");
        }

        var compilation = await TestCompilation.CreateAsync(lines.Append("}\n").ToString());

        Assert.Null(ValueFlowEngine.TryCreate(compilation));
    }

    // Makes a text too long to be read whole, so that it is read in chunks (short texts are read whole, without a copy).
    private static readonly string LongTextTail = "\n" + new string(' ', AnnotationUsage.WholeLength);

    // An identifier's escape is found wherever its backslash falls: the last character of the first chunk (its `u` in the next), the
    // one before, or well inside; an escape in a string comes first.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(40)]
    public async Task An_escaped_name_at_the_end_of_a_chunk_is_found(int charactersBeforeTheBoundary)
    {
        const string Head = "using SensitivePi; public class P { public string S = \"\\u00A0\";";
        const string Before = " [SensitivePersonal";
        var padding = new string(' ', AnnotationUsage.ChunkLength - charactersBeforeTheBoundary - Head.Length - Before.Length);
        var compilation = await TestCompilation.CreateAsync(Head + padding + Before + "\\u0049nfo(Category.Other)] public string X { get; set; } = \"\"; }" + LongTextTail);

        Assert.NotNull(ValueFlowEngine.TryCreate(compilation));
    }

    // The longest name, RequiresSeparateConsent (23 characters), split one character short of the chunks' overlap too.
    [Theory]
    [InlineData(10, "SensitivePersonalInfo(Category.Other)] public string X { get; set; } = \"\"; }")]
    [InlineData(1, "SensitivePersonalInfo(Category.Other)] public string X { get; set; } = \"\"; }")]
    [InlineData(20, "SensitivePersonalInfo(Category.Other)] public string X { get; set; } = \"\"; }")]
    [InlineData(1, "RequiresSeparateConsent(Category.Biometric)] public void Enrol() { } }")]
    [InlineData(12, "RequiresSeparateConsent(Category.Biometric)] public void Enrol() { } }")]
    [InlineData(22, "RequiresSeparateConsent(Category.Biometric)] public void Enrol() { } }")]
    public async Task A_name_split_across_two_chunks_of_a_long_file_is_found(int charactersBeforeTheBoundary, string attributedMember)
    {
        // The attribute name starts this many characters before the end of the first chunk the text is read in.
        const string Prefix = "using SensitivePi; public class P { [";
        var padding = new string(' ', AnnotationUsage.ChunkLength - charactersBeforeTheBoundary - Prefix.Length);
        var source = Prefix + padding + attributedMember + LongTextTail;
        var compilation = await TestCompilation.CreateAsync(source);

        Assert.NotNull(ValueFlowEngine.TryCreate(compilation));
    }

    [Fact]
    public async Task A_library_with_its_own_copy_of_the_attributes_may_have_classified_its_types()
    {
        var library = await TestCompilation.CreateAsync(
            """
            namespace SensitivePi
            {
                public enum Category { Biometric, Other }

                [System.AttributeUsage(System.AttributeTargets.All)]
                public sealed class SensitivePersonalInfoAttribute : System.Attribute
                {
                    public SensitivePersonalInfoAttribute(Category category) { }
                }
            }

            namespace Clinic
            {
                [SensitivePi.SensitivePersonalInfo(SensitivePi.Category.Biometric)]
                public sealed class FaceTemplate { }
            }
            """,
            withAnnotations: false);
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var consumer = (await TestCompilation.CreateAsync("public class C { }", withAnnotations: false))
            .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));

        Assert.NotNull(ValueFlowEngine.TryCreate(consumer));

        // The same copy applied nowhere in it classifies nothing: its symbols are read, its name is not what counts.
        var unused = await TestCompilation.CreateAsync(
            """
            namespace SensitivePi
            {
                public enum Category { Biometric, Other }
                public sealed class SensitivePersonalInfoAttribute : System.Attribute { public SensitivePersonalInfoAttribute(Category category) { } }
            }
            """,
            withAnnotations: false);
        using var unusedImage = new MemoryStream();
        Assert.True(unused.Emit(unusedImage).Success);
        Assert.Null(ValueFlowEngine.TryCreate((await TestCompilation.CreateAsync("public class C { }", withAnnotations: false))
            .AddReferences(MetadataReference.CreateFromImage(unusedImage.ToArray()))));
    }

    // DataClassification is looked for in the texts only where its attribute resolves (here from a referenced assembly, which
    // itself names nothing of ours).
    [Theory]
    [InlineData("public class U { [Microsoft.Extensions.Compliance.Classification.DataClassification] public string Card { get; set; } = \"\"; }", true)]
    [InlineData("public class U { public string Card { get; set; } = \"\"; }", false)]
    [InlineData("public class U { public string Card { get; set; } = \"\"; public string DataClassification = \"\"; }", true)]
    public async Task DataClassification_is_read_from_the_texts_where_its_attribute_resolves(string source, bool expected)
    {
        var reference = await ComplianceAbstractionsAsync();
        var app = (await TestCompilation.CreateAsync(source, allowErrors: true)).AddReferences(reference);
        Assert.Empty(app.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
        var other = CSharpSyntaxTree.ParseText("public class Other { }", new CSharpParseOptions(LanguageVersion.Latest));

        Assert.Equal(expected, ValueFlowEngine.TryCreate(app.AddSyntaxTrees(other)) is not null);

        // The same answer through what our analyzers share.
        var shared = app.AddSyntaxTrees(other);
        Assert.Equal(expected, AnnotationUsage.MayClassify(shared, KnownSymbols.TryCreate(shared)!, SourceMentions.Of(shared, CancellationToken.None), CancellationToken.None));

        // Without the reference the name alone classifies nothing.
        Assert.Null(ValueFlowEngine.TryCreate(await TestCompilation.CreateAsync(source.Replace("[Microsoft.Extensions.Compliance.Classification.DataClassification] ", string.Empty))));
    }

    // A Microsoft package that defines a classification attribute (as Compliance.Testing does) may have it applied under its own
    // name; one built on Compliance that defines none (as redaction) classifies nothing.
    [Theory]
    [InlineData("namespace Microsoft.Extensions.Compliance.Testing { public sealed class PrivateDataAttribute : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute { } }", "using Microsoft.Extensions.Compliance.Testing; public class U { [PrivateData] public string Card { get; set; } = \"\"; }", true)]
    [InlineData("namespace Microsoft.Extensions.Compliance.Redaction { public abstract class Redactor { public Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute? For; } }", "public class U { public string Card { get; set; } = \"\"; }", false)]
    public async Task A_Microsoft_package_that_defines_classification_attributes_may_classify(string package, string source, bool expected)
    {
        var abstractionsReference = await ComplianceAbstractionsAsync();
        var packaged = (await TestCompilation.CreateAsync(package, withAnnotations: false, allowErrors: true))
            .WithAssemblyName("Microsoft.Extensions.Compliance.Package").AddReferences(abstractionsReference);
        using var packageImage = new MemoryStream();
        Assert.True(packaged.Emit(packageImage).Success);
        var packageReference = MetadataReference.CreateFromImage(packageImage.ToArray());
        var app = (await TestCompilation.CreateAsync(source, allowErrors: true)).AddReferences(abstractionsReference, packageReference);
        Assert.Empty(app.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));

        // Both packages are built on Compliance: what they define decides.
        var built = (IAssemblySymbol)app.GetAssemblyOrModuleSymbol(packageReference)!;
        Assert.Contains(built.Modules.Single().ReferencedAssemblies, identity => identity.Name == "Microsoft.Extensions.Compliance.Abstractions");
        Assert.Equal(expected, ValueFlowEngine.TryCreate(app) is not null);
    }

    // Microsoft.Extensions.Compliance.Abstractions as far as these tests need it: the attribute.
    private static async Task<MetadataReference> ComplianceAbstractionsAsync()
    {
        var abstractions = (await TestCompilation.CreateAsync(
            "namespace Microsoft.Extensions.Compliance.Classification { public class DataClassificationAttribute : System.Attribute { } }",
            withAnnotations: false)).WithAssemblyName("Microsoft.Extensions.Compliance.Abstractions");
        using var image = new MemoryStream();
        Assert.True(abstractions.Emit(image).Success);
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    // The same on-demand read of a long text, the name split across two of its chunks (or just inside the first).
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(17)]
    [InlineData(40)]
    public async Task DataClassification_split_across_two_chunks_is_found_where_its_attribute_resolves(int charactersBeforeTheBoundary)
    {
        const string Prefix = "using Microsoft.Extensions.Compliance.Classification; public class U { [";
        var padding = new string(' ', AnnotationUsage.ChunkLength - charactersBeforeTheBoundary - Prefix.Length);
        var source = Prefix + padding + "DataClassification] public string Card { get; set; } = \"\"; }" + LongTextTail;
        var app = (await TestCompilation.CreateAsync(source, allowErrors: true)).AddReferences(await ComplianceAbstractionsAsync());

        Assert.NotNull(ValueFlowEngine.TryCreate(app));
    }

    [Fact]
    public async Task Data_classified_in_a_referenced_library_is_followed_in_code_that_never_names_the_attributes()
    {
        var library = await TestCompilation.CreateAsync("""
            using SensitivePi;

            namespace Clinic.Model;

            public class Patient
            {
                [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            }
            """);
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.Extensions.Logging;
                using Clinic.Model;

                class C
                {
                    void M(ILogger logger, Patient p) => logger.LogInformation("Patient {Id}", {|#0:p.IdNumber|});
                }
                """,
        };
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromImage(image.ToArray()));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.UnmaskedLogging).WithLocation(0)
            .WithArguments("'Patient.IdNumber' (SpecificIdentity)", "ILogger.LogInformation", ExpectedCitations.Display("(SpecificIdentity)"))
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

        await test.RunAsync(CancellationToken.None);
    }
}
