using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

public class TransferCatalogTests
{
    [Fact]
    public async Task A_library_method_inherits_the_mask_of_the_interface_it_implements_and_framework_methods_skip_the_search()
    {
        // The library references the annotations, so its methods are searched; the framework's, which cannot carry them, are not.
        var library = await TestCompilation.CreateAsync("""
            using SensitivePi;

            namespace Clinic.Masking;

            public interface IMasker { [MasksPersonalInfo] string Mask(string value); }

            public class StarMasker : IMasker { public string Mask(string value) => "***"; }

            public class Plain { public string Copy(string value) => value; }
            """);
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var consumer = (await TestCompilation.CreateAsync("public class C { }"))
            .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        var catalog = new TransferCatalog(consumer, KnownSymbols.TryCreate(consumer)!);

        IMethodSymbol Method(string type, string name) => consumer.GetTypeByMetadataName(type)!.GetMembers(name).OfType<IMethodSymbol>().First();

        Assert.Equal(CallEffect.Sanitizes, catalog.GetEffect(Method("Clinic.Masking.StarMasker", "Mask")));
        Assert.Equal(CallEffect.Sanitizes, catalog.GetEffect(Method("Clinic.Masking.IMasker", "Mask")));
        Assert.Equal(CallEffect.None, catalog.GetEffect(Method("Clinic.Masking.Plain", "Copy")));
        Assert.Equal(CallEffect.None, catalog.GetEffect(Method("System.Math", "Abs")));
        Assert.Equal(CallEffect.Propagates, catalog.GetEffect(Method("System.String", "Trim")));
    }
}
