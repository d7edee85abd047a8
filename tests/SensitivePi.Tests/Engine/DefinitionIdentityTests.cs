using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

public class DefinitionIdentityTests
{
    // The premise of the identity-keyed caches: the definition of what a call, a member read or a type names is one
    // object, whichever file and semantic model the operation comes from.
    [Fact]
    public async Task The_definitions_that_operations_in_two_files_name_are_the_same_objects()
    {
        const string Uses = """
            using System.Collections.Generic;
            using System.Linq;

            public class {0}
            {{
                public string Run(Clinic.Patient? patient, List<string> names, List<int> counts)
                {{
                    names.Add(patient!.Name);
                    counts.Add(patient.Age);
                    var first = names.FirstOrDefault();
                    return Clinic.Audit.Describe(patient) + first + string.Concat(names);
                }}
            }}
            """;
        var compilation = (await TestCompilation.CreateAsync("""
            namespace Clinic;

            public class Patient { public string Name { get; set; } = ""; public int Age; }

            public static class Audit { public static string Describe<T>(T value) => ""; }
            """)).AddSyntaxTrees(
                CSharpSyntaxTree.ParseText(string.Format(Uses, "First"), new CSharpParseOptions(LanguageVersion.Latest), "First.cs"),
                CSharpSyntaxTree.ParseText(string.Format(Uses, "Second"), new CSharpParseOptions(LanguageVersion.Latest), "Second.cs"));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var named = compilation.SyntaxTrees.Where(tree => tree.FilePath is "First.cs" or "Second.cs").Select(Named).ToList();
        Assert.Equal(2, named.Count);
        Assert.Equal(named[0].Count, named[1].Count);
        Assert.True(named[0].Count >= 10);
        var cache = new Dictionary<ISymbol, int>(DefinitionIdentity<ISymbol>.Instance);
        for (var i = 0; i < named[0].Count; i++)
        {
            Assert.Same(named[0][i], named[1][i]);
            cache[named[0][i]] = i;
        }

        Assert.All(named[1], definition => Assert.True(cache.ContainsKey(definition), definition.ToDisplayString()));

        // Each file's own semantic model, as the driver gives each body its tree's model.
        List<ISymbol> Named(SyntaxTree tree)
        {
            var model = compilation.GetSemanticModel(tree);
            var body = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Single();
            var definitions = new List<ISymbol>();
            foreach (var operation in model.GetOperation(body)!.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IInvocationOperation call:
                        definitions.Add(call.TargetMethod.ReducedFrom ?? call.TargetMethod.OriginalDefinition);
                        break;
                    case IMemberReferenceOperation member:
                        definitions.Add(member.Member.OriginalDefinition);
                        break;
                }

                if (operation.Type is INamedTypeSymbol { SpecialType: SpecialType.None } type)
                {
                    definitions.Add(type.OriginalDefinition);
                }
            }

            return definitions;
        }
    }
}
