using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Model;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

/// <summary>
/// Which methods' hierarchies are searched for <c>[RequiresSeparateConsent]</c>, <c>[MasksPersonalInfo]</c> and
/// <c>[EncryptsPersonalInfo]</c>: an application that never names one skips the search for its own methods.
/// </summary>
public class AttributeReachTests
{
    [Fact]
    public void The_shipped_annotations_apply_only_the_attributes_listed_as_applied()
    {
        // AnnotationUsage.AppliedWithin reads the package's own assembly through its symbols: this reads it through reflection.
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var annotations = typeof(SensitivePersonalInfoAttribute).Assembly;
        var applied = annotations.GetTypes()
            .SelectMany(type => new ICustomAttributeProvider[] { type }
                .Concat(type.GetMembers(All))
                .Concat(type.GetMethods(All).SelectMany(method => method.GetParameters().Append(method.ReturnParameter)))
                .Concat(type.GetConstructors(All).SelectMany(constructor => constructor.GetParameters())))
            .SelectMany(holder => holder is MemberInfo member ? member.GetCustomAttributesData() : ((ParameterInfo)holder).GetCustomAttributesData())
            .Select(attribute => attribute.AttributeType)
            .Where(type => type.Assembly == annotations && type.Namespace == "SensitivePi")
            .Select(type => type.FullName!)
            .Distinct()
            .OrderBy(name => name, System.StringComparer.Ordinal);

        Assert.Equal(AnnotationUsage.AppliedByShippedAnnotations.OrderBy(name => name, System.StringComparer.Ordinal), applied);
    }

    [Fact]
    public async Task A_copy_of_the_annotations_named_like_them_is_read_not_trusted_by_its_name()
    {
        // The shipped assembly, read through its symbols, applies only the consent checks' attributes.
        var compilation = await TestCompilation.CreateAsync("public class C { }");
        var symbols = KnownSymbols.TryCreate(compilation)!;
        Assert.Equal(AnnotationUsage.AppliedByShippedAnnotations.OrderBy(name => name, System.StringComparer.Ordinal), AnnotationUsage.AppliedWithin(symbols.AnnotationsAssembly)!.OrderBy(name => name, System.StringComparer.Ordinal));
        Assert.False(AnnotationUsage.MayClassify(compilation, symbols, default, TextsRead.Mentions));
        Assert.False(new AttributeReach(null, TextMentions.None, symbols.RequiresSeparateConsentAttribute).MayReach(symbols.AnnotationsAssembly));

        // A team's own build of the attributes, under the same name, that classifies and requires consent on its own members.
        var copy = (await TestCompilation.CreateAsync("""
            namespace SensitivePi
            {
                public enum Category { Biometric }
                public sealed class SensitivePersonalInfoAttribute : System.Attribute { public SensitivePersonalInfoAttribute(Category category) { } }
                public sealed class RequiresSeparateConsentAttribute : System.Attribute { public RequiresSeparateConsentAttribute(Category category) { } }
            }

            namespace Shared
            {
                public class Face
                {
                    [SensitivePi.SensitivePersonalInfo(SensitivePi.Category.Biometric)] public byte[] Template { get; set; } = new byte[0];

                    [SensitivePi.RequiresSeparateConsent(SensitivePi.Category.Biometric)] public virtual void Enrol() { }
                }
            }
            """, withAnnotations: false)).WithAssemblyName("SensitivePi.Annotations");
        var app = (await TestCompilation.CreateAsync("public class Kiosk : Shared.Face { public override void Enrol() { } }", withAnnotations: false, allowErrors: true))
            .AddReferences(Emit(copy));
        Assert.Empty(app.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var copySymbols = KnownSymbols.TryCreate(app)!;
        Assert.Equal("SensitivePi.Annotations", copySymbols.AnnotationsAssembly.Identity.Name);

        Assert.True(AnnotationUsage.MayClassify(app, copySymbols, default, TextsRead.Mentions));
        Assert.True(new AttributeReach(TextsRead.Of(app), TextMentions.Consent, copySymbols.RequiresSeparateConsentAttribute)
            .MayReach(app.Assembly));
    }

    [Theory]
    [InlineData("public class C { public void M() { } }", false, false, false)]
    [InlineData("using SensitivePi; public class C { public string M(string id) => PiMask.IdCardNumber(id); }", false, false, false)]
    [InlineData("using SensitivePi; public class S { [RequiresSeparateConsent(Category.Biometric)] public void Enrol() { } }", true, false, false)]
    [InlineData("using SensitivePi; public class S { [Requires\\u0053eparateConsent(Category.Biometric)] public void Enrol() { } }", true, false, false)]
    [InlineData("using SensitivePi; public static class Masks { [MasksPersonalInfo] public static string Hide(string s) => \"\"; }", false, true, false)]
    [InlineData("using SensitivePi; public static class Keys { [EncryptsPersonalInfo] public static string Seal(string s) => \"\"; }", false, true, false)]
    [InlineData("using SensitivePi; public class Gate { [IdentityVerification(\"door\")] public bool Open(byte[] face) => true; }", false, false, true)]
    [InlineData("using SensitivePi; public class Gate { [Identity\\u0056erification(\"door\")] public bool Open(byte[] face) => true; }", false, false, true)]
    public async Task The_compilations_own_methods_are_searched_only_where_a_text_names_an_attribute(string source, bool consent, bool sanitizer, bool verification)
    {
        var compilation = await TestCompilation.CreateAsync(source);
        var symbols = KnownSymbols.TryCreate(compilation)!;
        var mentions = TextsRead.Of(compilation);

        Assert.Equal(consent, new AttributeReach(mentions, TextMentions.Consent, symbols.RequiresSeparateConsentAttribute).MayReach(compilation.Assembly));
        Assert.Equal(sanitizer, new AttributeReach(mentions, TextMentions.Sanitizer, symbols.MasksPersonalInfoAttribute, symbols.EncryptsPersonalInfoAttribute).MayReach(compilation.Assembly));

        // SPI004 registers nothing where no method can carry [IdentityVerification] (docs/rules/SPI004.md).
        Assert.Equal(verification, new AttributeReach(mentions, TextMentions.Verification, symbols.IdentityVerificationAttribute).MayReach(compilation.Assembly));
    }

    [Fact]
    public async Task The_consent_checks_the_shipped_annotations_apply_keep_every_implementation_searched()
    {
        // An application's ISeparateConsentService inherits [SeparateConsentCheck]; the framework's methods can inherit nothing.
        var compilation = await TestCompilation.CreateAsync("public class C { public void M() { } }");
        var symbols = KnownSymbols.TryCreate(compilation)!;
        // As ConsentCatalog builds it: the texts are not read for the checks' names.
        var reach = new AttributeReach(null, TextMentions.None, symbols.SeparateConsentCheckAttribute, symbols.GuardianConsentCheckAttribute);

        Assert.True(reach.MayReach(compilation.Assembly));
        Assert.False(reach.MayReach(compilation.GetSpecialType(SpecialType.System_String).ContainingAssembly));
    }

    [Fact]
    public async Task Texts_not_read_leave_every_method_searched()
    {
        var compilation = await TestCompilation.CreateAsync("public class C { public void M() { } }");
        var symbols = KnownSymbols.TryCreate(compilation)!;

        Assert.True(new AttributeReach(new SourceMentions(compilation, null), TextMentions.Consent, symbols.RequiresSeparateConsentAttribute).MayReach(compilation.Assembly));
    }

    [Fact]
    public async Task A_library_built_against_the_annotations_keeps_the_methods_that_may_override_its_own_searched()
    {
        // The library's methods may carry the attribute, and a method here may override or implement one of them.
        var library = await TestCompilation.CreateAsync("using SensitivePi; public interface IEnrolment { [RequiresSeparateConsent(Category.Biometric)] void Enrol(); }");
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var consumer = (await TestCompilation.CreateAsync("public class Enrolment : IEnrolment { public void Enrol() { } }", allowErrors: true))
            .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        Assert.Empty(consumer.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var symbols = KnownSymbols.TryCreate(consumer)!;
        var mentions = TextsRead.Of(consumer);

        Assert.True(new AttributeReach(mentions, TextMentions.Consent, symbols.RequiresSeparateConsentAttribute).MayReach(consumer.Assembly));
    }

    [Fact]
    public async Task An_override_in_a_library_that_reaches_the_annotations_only_through_another_keeps_its_hierarchy_searched()
    {
        // Lib1 is built against the annotations; Lib2 only against Lib1, and overrides Lib1's attributed method: the override
        // carries nothing itself, but a call to it requires what the method it overrides declares.
        var lib1 = (await TestCompilation.CreateAsync("using SensitivePi; public class Enrolment { [RequiresSeparateConsent(Category.Biometric)] public virtual void Enrol() { } }"))
            .WithAssemblyName("Lib1");
        var lib1Image = Emit(lib1);
        var lib2 = (await TestCompilation.CreateAsync("public class KioskEnrolment : Enrolment { public override void Enrol() { } }", allowErrors: true))
            .WithAssemblyName("Lib2").AddReferences(lib1Image);
        var lib2Image = Emit(lib2);
        var app = (await TestCompilation.CreateAsync("public class App { public void M(KioskEnrolment kiosk) => kiosk.Enrol(); }", allowErrors: true))
            .AddReferences(lib1Image, lib2Image);
        Assert.Empty(app.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var symbols = KnownSymbols.TryCreate(app)!;
        var enrol = app.GetTypeByMetadataName("KioskEnrolment")!.GetMembers("Enrol").OfType<IMethodSymbol>().Single();

        // The premise: Lib2's metadata names Lib1, not the annotations, so only the references' references reach them.
        Assert.False(AnnotationUsage.References(enrol.ContainingAssembly, symbols.AnnotationsAssembly));
        var mentions = TextsRead.Of(app);
        Assert.True(new AttributeReach(mentions, TextMentions.Consent, symbols.RequiresSeparateConsentAttribute).MayReach(enrol.ContainingAssembly));
        Assert.Equal(ConsentCatalog.Bit(PiCategory.Biometric), new ConsentCatalog(symbols, source: mentions).GetRequirement(enrol));

        // One more library: Lib3 overrides Lib2's override and names only Lib2, two references away from the annotations.
        var lib3 = (await TestCompilation.CreateAsync("public class NightKioskEnrolment : KioskEnrolment { public override void Enrol() { } }", allowErrors: true))
            .WithAssemblyName("Lib3").AddReferences(lib1Image, lib2Image);
        var lib3Image = Emit(lib3);
        var app3 = (await TestCompilation.CreateAsync("public class App { public void M(NightKioskEnrolment kiosk) => kiosk.Enrol(); }", allowErrors: true))
            .AddReferences(lib1Image, lib2Image, lib3Image);
        Assert.Empty(app3.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var symbols3 = KnownSymbols.TryCreate(app3)!;
        var night = app3.GetTypeByMetadataName("NightKioskEnrolment")!.GetMembers("Enrol").OfType<IMethodSymbol>().Single();
        Assert.DoesNotContain(night.ContainingAssembly.Modules.Single().ReferencedAssemblies, identity => identity.Name is "Lib1" or "SensitivePi.Annotations");
        var mentions3 = TextsRead.Of(app3);
        Assert.True(new AttributeReach(mentions3, TextMentions.Consent, symbols3.RequiresSeparateConsentAttribute).MayReach(night.ContainingAssembly));
        Assert.Equal(ConsentCatalog.Bit(PiCategory.Biometric), new ConsentCatalog(symbols3, source: mentions3).GetRequirement(night));
    }

    private static MetadataReference Emit(Compilation library)
    {
        using var image = new MemoryStream();
        var emitted = library.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

}
