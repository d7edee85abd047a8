using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SensitivePi.Analyzers.Model;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

public class SensitivityModelTests
{
    private const string Entities = """
        using System.Collections.Generic;
        using SensitivePi;

        public class Customer
        {
            [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)]
            public string IdNumber { get; set; } = "";

            [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample, LegalBasis = LegalBasis.ContractNecessity)]
            public byte[] Face = new byte[0];

            public string Nickname { get; set; } = "";

            [return: SensitivePersonalInfo(Category.MedicalHealth)]
            public string Diagnosis() => "";

            public void Register([SensitivePersonalInfo(Category.FinancialAccount)] string card) { }
        }

        public interface IHasPhone
        {
            [SensitivePersonalInfo(Category.Other, Mask = MaskKind.PhoneNumber)]
            string Phone { get; }
        }

        public class Implicit : IHasPhone { public string Phone => ""; }
        public class Explicit : IHasPhone { string IHasPhone.Phone => ""; public string Phone => ""; }

        public abstract class Base
        {
            [SensitivePersonalInfo(Category.LocationTrack)]
            public abstract string Position { get; }

            public abstract void Track([SensitivePersonalInfo(Category.LocationTrack)] string gps);
        }

        public class Derived : Base
        {
            public override string Position => "";
            public override void Track(string gps) { }
        }

        public record Patient([SensitivePersonalInfo(Category.MedicalHealth)] string Record, string Ward);

        public record Admission([SensitivePersonalInfo(Category.MedicalHealth)] string Note, [SensitivePersonalInfo(Category.SpecificIdentity)] string Id)
        {
            public string Id { get; init; } = Id;
        }

        public record Box<T>(T Value, [SensitivePersonalInfo(Category.MedicalHealth)] string Label);

        [SensitivePersonalInfo(Category.Biometric)]
        public class FaceImage { public byte[] Pixels = new byte[0]; }
        public class ColourFaceImage : FaceImage { }

        [SensitivePersonalInfo(Category.MinorUnder14)]
        public struct ChildRef { public int Id; }

        public class Order { public Customer Buyer = new(); public Order? Previous; public List<Patient> Patients = new(); }
        public class Plain { public string Name = ""; public Plain? Next; }
        """;

    [Fact]
    public async Task Reads_category_and_named_arguments_from_members()
    {
        var (model, compilation) = await CreateAsync();
        var customer = compilation.GetTypeByMetadataName("Customer")!;

        var id = model.GetMemberOrigin(customer.GetMembers("IdNumber").Single())!;
        Assert.Equal(PiCategory.SpecificIdentity, id.Category);
        Assert.Equal(PiMaskKind.IdCardNumber, id.EffectiveMask);
        Assert.Equal(PiLegalBasis.Consent, id.LegalBasis);
        Assert.Equal("'Customer.IdNumber' (SpecificIdentity)", id.Describe());

        var face = model.GetMemberOrigin(customer.GetMembers("Face").Single())!;
        Assert.Equal(PiCategory.Biometric, face.Category);
        Assert.Equal(PiBiometricForm.RawSample, face.Form);
        Assert.Equal(PiLegalBasis.ContractNecessity, face.LegalBasis);
        Assert.Equal(PiMaskKind.Remove, face.EffectiveMask);

        Assert.Null(model.GetMemberOrigin(customer.GetMembers("Nickname").Single()));
        Assert.Equal(PiCategory.MedicalHealth, model.GetMemberOrigin(customer.GetMembers("Diagnosis").Single())!.Category);

        var register = (IMethodSymbol)customer.GetMembers("Register").Single();
        Assert.Equal(PiCategory.FinancialAccount, model.GetMemberOrigin(register.Parameters[0])!.Category);
        Assert.Equal(PiMaskKind.Full, model.GetMemberOrigin(register.Parameters[0])!.EffectiveMask);
    }

    [Theory]
    [InlineData("Implicit")]
    [InlineData("Explicit")]
    public async Task Interface_implementations_inherit_the_classification(string typeName)
    {
        var (model, compilation) = await CreateAsync();
        var type = compilation.GetTypeByMetadataName(typeName)!;
        var implementation = type.GetMembers().OfType<IPropertySymbol>()
            .Single(p => typeName == "Implicit" ? p.Name == "Phone" : !p.ExplicitInterfaceImplementations.IsEmpty);

        var origin = model.GetMemberOrigin(implementation)!;
        Assert.Equal(PiCategory.Other, origin.Category);
        Assert.Equal(PiMaskKind.PhoneNumber, origin.Mask);
        Assert.Equal("IHasPhone.Phone", origin.DisplayName);
    }

    [Fact]
    public async Task Explicit_implementation_does_not_make_a_same_named_public_property_sensitive()
    {
        var (model, compilation) = await CreateAsync();
        var type = compilation.GetTypeByMetadataName("Explicit")!;
        var publicPhone = type.GetMembers("Phone").OfType<IPropertySymbol>().Single();

        Assert.Null(model.GetMemberOrigin(publicPhone));
    }

    [Fact]
    public async Task Overrides_inherit_property_and_parameter_classification()
    {
        var (model, compilation) = await CreateAsync();
        var derived = compilation.GetTypeByMetadataName("Derived")!;

        Assert.Equal(PiCategory.LocationTrack, model.GetMemberOrigin(derived.GetMembers("Position").Single())!.Category);
        var track = (IMethodSymbol)derived.GetMembers("Track").Single();
        Assert.Equal(PiCategory.LocationTrack, model.GetMemberOrigin(track.Parameters[0])!.Category);
    }

    [Fact]
    public async Task Record_positional_parameter_classifies_its_property()
    {
        var (model, compilation) = await CreateAsync();
        var patient = compilation.GetTypeByMetadataName("Patient")!;

        // Ward first: the record's primary constructor is found once and serves its other properties.
        Assert.Null(model.GetMemberOrigin(patient.GetMembers("Ward").Single()));
        Assert.Equal(PiCategory.MedicalHealth, model.GetMemberOrigin(patient.GetMembers("Record").Single())!.Category);

        // A property declared in the body is not the positional one, whatever the parameter of its name says.
        var admission = compilation.GetTypeByMetadataName("Admission")!;
        Assert.Null(model.GetMemberOrigin(admission.GetMembers("Id").OfType<IPropertySymbol>().Single()));
        Assert.Equal(PiCategory.MedicalHealth, model.GetMemberOrigin(admission.GetMembers("Note").Single())!.Category);

        // A constructed generic record's property answers as its definition's.
        var box = compilation.GetTypeByMetadataName("Box`1")!.Construct(compilation.GetSpecialType(SpecialType.System_Int32));
        Assert.Equal(PiCategory.MedicalHealth, model.GetMemberOrigin(box.GetMembers("Label").Single())!.Category);
    }

    [Fact]
    public async Task Annotated_types_and_their_subclasses_and_nullable_structs_are_sensitive()
    {
        var (model, compilation) = await CreateAsync();

        Assert.Equal(PiCategory.Biometric, model.GetTypeOrigin(compilation.GetTypeByMetadataName("FaceImage"))!.Category);
        Assert.Equal(PiCategory.Biometric, model.GetTypeOrigin(compilation.GetTypeByMetadataName("ColourFaceImage"))!.Category);
        var child = compilation.GetTypeByMetadataName("ChildRef")!;
        var nullableChild = compilation.GetSpecialType(SpecialType.System_Nullable_T).Construct(child);
        Assert.Equal(PiCategory.MinorUnder14, model.GetTypeOrigin(nullableChild)!.Category);
        Assert.Null(model.GetTypeOrigin(compilation.GetTypeByMetadataName("Customer")));
        Assert.Null(model.GetTypeOrigin(compilation.GetSpecialType(SpecialType.System_String)));
    }

    // The model answers every type question at once where no type is classified (docs/design/value-flow-engine.md, "Sources"):
    // a type annotated in a referenced library, or through an alias declared in another file, must still be seen.
    [Fact]
    public async Task A_type_annotated_in_a_referenced_library_classifies_where_the_compilation_annotates_none()
    {
        var library = (await TestCompilation.CreateAsync("""
            using SensitivePi;

            namespace Shared
            {
                [SensitivePersonalInfo(Category.Biometric)] public class FaceTemplate { public byte[] Pixels = new byte[0]; }
            }
            """)).WithAssemblyName("Shared");
        var app = (await TestCompilation.CreateAsync("""
            using SensitivePi;

            public class Scan : Shared.FaceTemplate { }
            public class Visitor { [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber = ""; }
            """, allowErrors: true)).AddReferences(Emit(library));
        Assert.Empty(app.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var model = new SensitivityModel(app, KnownSymbols.TryCreate(app)!);

        Assert.Equal(PiCategory.Biometric, model.GetTypeOrigin(app.GetTypeByMetadataName("Scan"))!.Category);
        Assert.Null(model.GetTypeOrigin(app.GetTypeByMetadataName("Visitor")));
    }

    // The compilation's own types are read from their syntax: each way of writing the attribute on a type must count.
    [Theory]
    [InlineData("global using Sensitive = SensitivePi.SensitivePersonalInfoAttribute;", "[Sensitive(SensitivePi.Category.Biometric)] public class FaceTemplate { }", "FaceTemplate")]
    [InlineData("", "namespace Kiosk; public class Outer { [SensitivePi.Sensitive\\u0050ersonalInfo(SensitivePi.Category.Biometric)] public class FaceTemplate { } }", "Kiosk.Outer+FaceTemplate")]
    [InlineData("", "[SensitivePi.SensitivePersonalInfoAttribute(SensitivePi.Category.Biometric)] public record struct FaceTemplate(int Id);", "FaceTemplate")]
    [InlineData("", "namespace Kiosk { using S = SensitivePi; [S::SensitivePersonalInfo(S.Category.Biometric)] partial class FaceTemplate { } partial class FaceTemplate { } }", "Kiosk.FaceTemplate")]
    [InlineData("global using PiiAttribute = SensitivePi.SensitivePersonalInfoAttribute;", "[Pii(SensitivePi.Category.Biometric)] public class FaceTemplate { }", "FaceTemplate")]
    [InlineData("", "namespace Kiosk { using Pii = SensitivePi.SensitivePersonalInfoAttribute; [Pii(SensitivePi.Category.Biometric)] public class FaceTemplate { } }", "Kiosk.FaceTemplate")]
    [InlineData("global using S = SensitivePi;", "[S.SensitivePersonalInfo(S.Category.Biometric)] public class FaceTemplate { }", "FaceTemplate")]
    public async Task A_type_annotated_however_the_attribute_is_written_classifies(string first, string second, string annotated)
    {
        var compilation = await TwoTextsAsync(first + " public class Plain { }", second);

        // Both ways: every text's syntax, and where the texts were read, those that may name the attribute (a global alias in
        // one of them sends the model back to every text).
        foreach (var model in new[] { new SensitivityModel(compilation, KnownSymbols.TryCreate(compilation)!), ReadingTexts(compilation) })
        {
            Assert.Null(model.GetTypeOrigin(compilation.GetTypeByMetadataName("Plain") ?? throw new System.InvalidOperationException("no Plain")));
            Assert.Equal(PiCategory.Biometric, model.GetTypeOrigin(compilation.GetTypeByMetadataName(annotated))!.Category);
        }
    }

    // Where the texts are read, a member of a type none of whose declarations is in a text that may apply the attribute is answered
    // without its attributes (docs/design/value-flow-engine.md, "Sources"): each way of writing it must count, the other part of a
    // partial type's included. Both ways, as for types; the member asked about is the second text's, another of its type is not.
    [Theory]
    [InlineData("", "public class Patient { [SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] public string Record { get; set; } public string Ward { get; set; } }", "Patient")]
    [InlineData("", "public class Patient { [SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] public string Record; public string Ward; }", "Patient")]
    [InlineData("", "public record Patient([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string Record, string Ward);", "Patient")]
    [InlineData("", "namespace Kiosk { public class Outer { public class Patient { [SensitivePi.Sensitive\\u0050ersonalInfo(SensitivePi.Category.MedicalHealth)] public string Record { get; set; } public string Ward { get; set; } } } }", "Kiosk.Outer+Patient")]
    [InlineData("global using Pii = SensitivePi.SensitivePersonalInfoAttribute;", "public class Patient { [Pii(SensitivePi.Category.MedicalHealth)] public string Record { get; set; } public string Ward { get; set; } }", "Patient")]
    [InlineData("global using S = SensitivePi;", "public class Patient { [S.SensitivePersonalInfo(S.Category.MedicalHealth)] public string Record { get; set; } public string Ward { get; set; } }", "Patient")]
    [InlineData("public partial class Patient { [SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] public string Record { get; set; } }", "public partial class Patient { public string Ward { get; set; } }", "Patient")]
    [InlineData("public interface IPatient { [SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string Record { get; } }", "public class Patient : IPatient { public string Record { get; set; } = \"\"; public string Ward { get; set; } }", "Patient")]
    public async Task A_member_annotated_however_the_attribute_is_written_classifies(string first, string second, string annotated)
    {
        var compilation = await TwoTextsAsync(first + " public class Plain { public string Record { get; set; } }", second);
        foreach (var model in new[] { new SensitivityModel(compilation, KnownSymbols.TryCreate(compilation)!), ReadingTexts(compilation) })
        {
            var type = compilation.GetTypeByMetadataName(annotated) ?? throw new System.InvalidOperationException("no " + annotated);
            Assert.Equal(PiCategory.MedicalHealth, model.GetMemberOrigin(type.GetMembers("Record").First(member => member is IFieldSymbol or IPropertySymbol))!.Category);
            Assert.Null(model.GetMemberOrigin(type.GetMembers("Ward").First(member => member is IFieldSymbol or IPropertySymbol)));
            Assert.Null(model.GetMemberOrigin(compilation.GetTypeByMetadataName("Plain")!.GetMembers("Record").Single()));
        }
    }

    // Where the texts are read, a parameter is answered at once unless some text may put the attribute on a parameter of a method
    // of its name (docs/design/value-flow-engine.md, "Sources"): each way of writing it, on each kind of parameter, must count.
    // The parameter asked about is the last one declared in the second text (a setter's value where it declares none); the owners
    // the attribute source names are the method names read (none: it may classify any parameter).
    [Theory]
    [InlineData("", "public class Clinic { public void Admit([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record) { } }", "Admit")]
    [InlineData("", "public class Clinic { public Clinic([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record) { } }", "Clinic")]
    [InlineData("", "public record Clinic([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string Record);", "Clinic")]
    [InlineData("", "public class Clinic([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record) { public string Kept => record; }", "Clinic")]
    [InlineData("", "public class Clinic { public string Record { get => \"\"; [param: SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] set { } } }", "Record")]
    [InlineData("", "public class Clinic { public void Run() { Admit(\"\"); static void Admit([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record) { } } }", "Admit")]
    [InlineData("", "public class Clinic { public System.Action<string> Admit = ([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record) => { }; }", null)]
    [InlineData("", "public delegate void Admit([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record);", null)]
    [InlineData("", "public class Clinic { public string this[[SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record] => record; }", null)]
    [InlineData("", "public interface IClinic { void Admit([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record); } public class Clinic : IClinic { void IClinic.Admit(string record) { } }", "Admit")]
    [InlineData("", "public abstract class Ward { public abstract void Admit([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record); } public class Clinic : Ward { public override void Admit(string record) { } }", "Admit")]
    [InlineData("", "public class Clinic { public void Admit<T>(T extra, [SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record) { } }", "Admit")]
    [InlineData("", "public partial class Clinic { public partial void Admit([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record); public partial void Admit(string record) { } }", "Admit")]
    [InlineData("", "public record struct Clinic([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string Record);", "Clinic")]
    [InlineData("", "public class Clinic { public string Record { get => \"\"; [param: SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] init { } } }", "Record")]
    [InlineData("", "public interface IClinic { string Record { set; } } public class Clinic : IClinic { string IClinic.Record { [param: SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] set { } } }", "Record")]
    [InlineData("", "public class Clinic { public static Clinic operator +(Clinic ward, [SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record) => ward; }", null)]
    [InlineData("global using Pii = SensitivePi.SensitivePersonalInfoAttribute;", "public class Clinic { public void Admit([Pii(SensitivePi.Category.MedicalHealth)] string record) { } }", null)]
    [InlineData("", "namespace Kiosk { using PiiAttribute = SensitivePi.SensitivePersonalInfoAttribute; public class Clinic { public void Admit([Pii(SensitivePi.Category.MedicalHealth)] string record) { } } }", "Admit")]
    [InlineData("", "public class Clinic { public void Admit([SensitivePi.Sensitive\\u0050ersonalInfo(SensitivePi.Category.MedicalHealth)] string record) { } }", "Admit")]
    [InlineData("public partial class Clinic { public partial void Admit([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record); }", "public partial class Clinic { public partial void Admit(string record) { } }", "Admit")]
    [InlineData("", "public class Clinic { /* SensitivePersonalInfo */ public void Admit([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record) { var name = \"SensitivePersonalInfo\"; var type = typeof(SensitivePi.SensitivePersonalInfoAttribute); } }", "Admit")]
    [InlineData("", "namespace Kiosk { using Pii = SensitivePi.SensitivePersonalInfoAttribute; public class Clinic { [System.Obsolete(nameof(Pii))] public void Admit([Pii(SensitivePi.Category.MedicalHealth)] string record) { } } }", "Admit")]
    [InlineData("", "using Pii = SensitivePi.SensitivePersonalInfoAttribute; namespace Kiosk { using Held = Pii; public class Clinic { public void Keep([System.ComponentModel.Description(nameof(SensitivePi.SensitivePersonalInfoAttribute))] string note) { } public void Admit([Held(SensitivePi.Category.MedicalHealth)] string record) { } } }", "Admit")]
    [InlineData("", "public class Clinic { [SensitivePi.SensitivePersonalInfo(SensitivePi.Category.Other)] public string Kept = \"\"; public void Admit([SensitivePi.Sensitive\u200BPersonalInfo(SensitivePi.Category.MedicalHealth)] string record) { } }", "Admit")]
    [InlineData("", "public class Clinic {\n#if NEVER\n public void Skip([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.Other)] string note) { }\n#endif\n public void Admit([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record) { } }", "Admit")]
    public async Task A_parameter_annotated_however_the_attribute_is_written_classifies(string first, string second, string? owner)
    {
        var compilation = await TwoTextsAsync(first + " public class Plain { public void Admit(string record) { } }", second);
        var annotated = compilation.SyntaxTrees.Last();
        var model = ReadingTexts(compilation);
        var semantic = compilation.GetSemanticModel(annotated);
        var root = annotated.GetRoot();
        var parameter = root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax>().LastOrDefault() is { } declared
            ? semantic.GetDeclaredSymbol(declared)!
            : ((IMethodSymbol)semantic.GetDeclaredSymbol(root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax>().Last())!).Parameters[0];

        Assert.Equal(PiCategory.MedicalHealth, model.GetMemberOrigin(parameter)!.Category);
        var owners = OwnersRead(compilation);
        Assert.Equal(owner, owners is null ? null : string.Join(",", owners));

        // Unannotated, whatever the set (a sanity check: the shortcut never classifies).
        var plain = (IMethodSymbol)compilation.GetTypeByMetadataName("Plain")!.GetMembers("Admit").Single();
        Assert.Null(model.GetMemberOrigin(plain.Parameters[0]));
    }

    // A parameter annotated in a library is seen by the compilation's overrides, whose own texts do not name the attribute; a
    // parameter of a method of another name, or of a lambda, is answered at once.
    [Fact]
    public async Task A_parameter_annotated_in_a_referenced_library_classifies_where_the_texts_name_no_attribute()
    {
        var library = (await TestCompilation.CreateAsync("""
            using SensitivePi;

            namespace Shared
            {
                public abstract class Desk { public abstract void Admit([SensitivePersonalInfo(Category.MedicalHealth)] string record); }
            }
            """)).WithAssemblyName("Shared");
        var app = (await TestCompilation.CreateAsync("""
            public class Clinic : Shared.Desk
            {
                public override void Admit(string record) { }
                public void Discharge(string record) { System.Func<string, int> length = text => text.Length; }
            }
            """, allowErrors: true)).AddReferences(Emit(library));
        Assert.Empty(app.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var model = ReadingTexts(app);
        var clinic = app.GetTypeByMetadataName("Clinic")!;
        var owners = OwnersRead(app);
        Assert.Equal(new[] { "Admit" }, owners);

        Assert.Equal(PiCategory.MedicalHealth, model.GetMemberOrigin(((IMethodSymbol)clinic.GetMembers("Admit").Single()).Parameters[0])!.Category);
        Assert.Equal(PiCategory.MedicalHealth, model.GetMemberOrigin(((IMethodSymbol)app.GetTypeByMetadataName("Shared.Desk")!.GetMembers("Admit").Single()).Parameters[0])!.Category);
        Assert.Null(model.GetMemberOrigin(((IMethodSymbol)clinic.GetMembers("Discharge").Single()).Parameters[0]));
        var tree = app.SyntaxTrees.Single();
        var lambda = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax>().Last();
        Assert.Null(model.GetMemberOrigin(app.GetSemanticModel(tree).GetDeclaredSymbol(lambda)));
    }

    // Another language may implement an interface member under another name (VB's `Implements`): a C# override of such a method
    // inherits the interface parameter's classification, though no owner the sources name is its.
    [Fact]
    public async Task A_parameter_inherited_under_another_name_through_a_visual_basic_library_classifies()
    {
        var contracts = (await TestCompilation.CreateAsync("""
            namespace Contracts
            {
                public interface IClinic { void Admit([SensitivePi.SensitivePersonalInfo(SensitivePi.Category.MedicalHealth)] string record); }
            }
            """)).WithAssemblyName("Contracts");
        var contractsImage = Emit(contracts);
        var basic = Microsoft.CodeAnalysis.VisualBasic.VisualBasicCompilation.Create(
            "Basic",
            new[]
            {
                Microsoft.CodeAnalysis.VisualBasic.VisualBasicSyntaxTree.ParseText("""
                    Public Class VbClinic
                        Implements Contracts.IClinic
                        Public Overridable Sub Register(record As String) Implements Contracts.IClinic.Admit
                        End Sub
                    End Class
                    """),
            },
            contracts.References.Append(contractsImage),
            new Microsoft.CodeAnalysis.VisualBasic.VisualBasicCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var app = (await TestCompilation.CreateAsync("""
            public class Clinic : VbClinic { public override void Register(string record) { } }
            """, allowErrors: true)).AddReferences(contractsImage, Emit(basic));
        Assert.Empty(app.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var model = ReadingTexts(app);

        Assert.Equal(new[] { "Admit" }, OwnersRead(app));
        var register = (IMethodSymbol)app.GetTypeByMetadataName("Clinic")!.GetMembers("Register").Single();
        Assert.Equal(PiCategory.MedicalHealth, model.GetMemberOrigin(register.Parameters[0])!.Category);
    }

    // Every ASP.NET Core application resolves Identity's attributes, declared for properties: they must not make every parameter
    // worth asking about. A data classification, or an Identity attribute that could sit on a parameter, does.
    [Theory]
    [InlineData("[System.AttributeUsage(System.AttributeTargets.Property)]", "", false, "")]
    [InlineData("[System.AttributeUsage(System.AttributeTargets.Property)]", "", true, "")]
    [InlineData("", "", false, null)]
    [InlineData("[System.AttributeUsage(System.AttributeTargets.Property | System.AttributeTargets.Parameter)]", "", true, null)]
    [InlineData("[System.AttributeUsage(System.AttributeTargets.Property)]", "namespace Microsoft.Extensions.Compliance.Classification { public class DataClassificationAttribute : System.Attribute { } }", false, null)]
    public async Task Third_party_attributes_name_parameter_owners_by_where_they_may_apply(string usage, string more, bool fromLibrary, string? owners)
    {
        var identity = usage + """
             public class PersonalDataAttribute : System.Attribute { }
            """;
        var declared = "namespace Microsoft.AspNetCore.Identity { " + identity + " public class ProtectedPersonalDataAttribute : PersonalDataAttribute { } }";
        Compilation compilation;
        if (fromLibrary)
        {
            var library = (await TestCompilation.CreateAsync(declared, withAnnotations: false)).WithAssemblyName("Identity");
            compilation = (await TestCompilation.CreateAsync(more + " public class Account { [Microsoft.AspNetCore.Identity.ProtectedPersonalData] public string Email { get; set; } = \"\"; }", allowErrors: true))
                .AddReferences(Emit(library));
        }
        else
        {
            compilation = await TestCompilation.CreateAsync(declared + more + " public class Account { [Microsoft.AspNetCore.Identity.ProtectedPersonalData] public string Email { get; set; } = \"\"; }");
        }

        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var source = ThirdPartyAttributeOrigins.TryCreate(compilation, AtRestDefaults.CredentialsOnly)!;

        var found = source.ParameterOwners();
        Assert.Equal(owners, found is null ? null : string.Join(",", found));
    }

    // A team's own copy of the attributes may allow more targets than the shipped one: an enum it classifies counts.
    [Fact]
    public async Task An_enum_annotated_through_a_copy_of_the_attribute_classifies()
    {
        var compilation = await TestCompilation.CreateAsync("""
            namespace SensitivePi
            {
                public enum Category { Biometric }
                [System.AttributeUsage(System.AttributeTargets.All)]
                public sealed class SensitivePersonalInfoAttribute : System.Attribute { public SensitivePersonalInfoAttribute(Category category) { } }
            }

            public class Outer { [SensitivePi.SensitivePersonalInfo(SensitivePi.Category.Biometric)] public enum Template { Left, Right } }
            public enum Plain { A }
            """, withAnnotations: false);
        var model = new SensitivityModel(compilation, KnownSymbols.TryCreate(compilation)!);

        Assert.Null(model.GetTypeOrigin(compilation.GetTypeByMetadataName("Plain")));
        Assert.Equal(PiCategory.Biometric, model.GetTypeOrigin(compilation.GetTypeByMetadataName("Outer+Template"))!.Category);
    }

    [Fact]
    public async Task Contained_origins_are_found_transitively_through_members_and_collections_despite_cycles()
    {
        var (model, compilation) = await CreateAsync();
        var order = compilation.GetTypeByMetadataName("Order")!;

        var names = model.GetContainedOrigins(order).Select(o => o.DisplayName).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();

        Assert.Equal(new[] { "Customer.Face", "Customer.IdNumber", "Patient.Record" }, names);
        Assert.Empty(model.GetContainedOrigins(compilation.GetTypeByMetadataName("Plain")));
        Assert.Empty(model.GetContainedOrigins(compilation.GetSpecialType(SpecialType.System_String)));
    }

    [Theory]
    [InlineData("Ring", "Audit", "Visit")]
    [InlineData("Audit", "Ring", "Visit")]
    [InlineData("Visit", "Audit", "Ring")]
    public async Task What_types_reach_is_answered_alike_whichever_is_asked_first(string first, string second, string third)
    {
        // A type found to reach nothing classified is kept as such, and a search that finds something keeps nothing: each answer
        // must not depend on which question came first.
        var compilation = await TestCompilation.CreateAsync(
            """
            using System.Collections.Generic;
            using SensitivePi;

            public class Ring { public Link? Next { get; set; } public string Label { get; set; } = ""; }
            public class Link { public Ring? Back { get; set; } public List<Ring> Others { get; set; } = new(); }
            public class Visit { public Ring? Route { get; set; } public Link? Step { get; set; } public Diagnosis? Finding { get; set; } }
            public class Diagnosis { [SensitivePersonalInfo(Category.MedicalHealth)] public string Code { get; set; } = ""; }
            public class Audit { public Ring? Ring { get; set; } public Visit? Last { get; set; } }
            """);
        var model = new SensitivityModel(compilation, KnownSymbols.TryCreate(compilation)!);
        var holds = new Dictionary<string, bool> { ["Ring"] = false, ["Audit"] = true, ["Visit"] = true };

        foreach (var name in new[] { first, second, third, "Link", "Diagnosis" })
        {
            var contained = model.GetContainedOrigins(compilation.GetTypeByMetadataName(name));
            Assert.Equal(holds.TryGetValue(name, out var expected) ? expected : name == "Diagnosis", !contained.IsEmpty);
        }
    }

    [Fact]
    public async Task Nothing_is_resolved_without_the_annotations_reference()
    {
        var compilation = await TestCompilation.CreateAsync("public class C { public string Id = \"\"; }", withAnnotations: false);

        Assert.Null(KnownSymbols.TryCreate(compilation));
    }

    [Fact]
    public async Task Half_typed_or_invalid_attributes_classify_nothing_and_do_not_throw()
    {
        const string broken = """
            using SensitivePi;
            public class Broken
            {
                [SensitivePersonalInfo] public string NoCategory = "";
                [SensitivePersonalInfo((Category)99)] public string OutOfRange = "";
                [SensitivePersonalInfo(Category.)] public string HalfTyped = "";
                [SensitivePersonalInfo(Category.Other, Mask = )] public string HalfNamed = "";
                public UnknownType Unresolved = null;
                public void Admit([SensitivePersonalInfo(Category.MedicalHealth)] string record, [SensitivePersonalInfo(] string other, [SensitivePersonalInfo string third) { }
            }
            """;
        var compilation = await TestCompilation.CreateAsync(broken, allowErrors: true);

        // Both ways: the texts read where they spell the attribute, half-typed there too.
        foreach (var model in new[] { new SensitivityModel(compilation, KnownSymbols.TryCreate(compilation)!), ReadingTexts(compilation) })
        {
            var type = compilation.GetTypeByMetadataName("Broken")!;
            Assert.Null(model.GetMemberOrigin(type.GetMembers("NoCategory").Single()));
            Assert.Null(model.GetMemberOrigin(type.GetMembers("OutOfRange").Single()));
            Assert.Null(model.GetMemberOrigin(type.GetMembers("HalfTyped").Single()));
            Assert.Equal(PiCategory.Other, model.GetMemberOrigin(type.GetMembers("HalfNamed").Single())?.Category);
            Assert.Empty(model.GetContainedOrigins(((IFieldSymbol)type.GetMembers("Unresolved").Single()).Type));
            Assert.Equal("Broken.HalfNamed", Assert.Single(model.GetContainedOrigins(type)).DisplayName);
            var admit = (IMethodSymbol)type.GetMembers("Admit").Single();
            Assert.Equal(PiCategory.MedicalHealth, model.GetMemberOrigin(admit.Parameters[0])?.Category);
            Assert.All(admit.Parameters.Skip(1), parameter => Assert.Null(model.GetMemberOrigin(parameter)));
        }
    }

    private static MetadataReference Emit(Compilation library)
    {
        using var image = new MemoryStream();
        var emitted = library.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    // Two texts compiled without errors at the latest language version (a global using must open its own file).
    private static async Task<Compilation> TwoTextsAsync(string first, string second)
    {
        var references = (await TestCompilation.CreateAsync("public class Empty { }")).References;
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Written",
            new[] { CSharpSyntaxTree.ParseText(first, options), CSharpSyntaxTree.ParseText(second, options) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    // The owners our attribute's source names where the texts are read (IOriginSource.ParameterOwners).
    private static System.Collections.Immutable.ImmutableHashSet<string>? OwnersRead(Compilation compilation) =>
        new AttributeOrigins(compilation, KnownSymbols.TryCreate(compilation)!, mentions: TextsRead.Of(compilation)).ParameterOwners();

    // A model as the value-flow engine makes one: its texts read for what they name (each read here, uncached).
    private static SensitivityModel ReadingTexts(Compilation compilation)
    {
        var symbols = KnownSymbols.TryCreate(compilation)!;
        var mentions = TextsRead.Of(compilation);
        return new SensitivityModel(compilation, symbols, OriginSources.Of(compilation, symbols, mentions: mentions));
    }

    private static async Task<(SensitivityModel Model, Compilation Compilation)> CreateAsync()
    {
        var compilation = await TestCompilation.CreateAsync(Entities);
        var symbols = KnownSymbols.TryCreate(compilation);
        Assert.NotNull(symbols);
        return (new SensitivityModel(compilation, symbols!), compilation);
    }
}
