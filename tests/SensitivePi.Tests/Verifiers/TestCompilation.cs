using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SensitivePi.Tests.Verifiers;

/// <summary>Builds a real compilation over the test reference set, for engine tests that query symbols.</summary>
public static class TestCompilation
{
    public static async Task<CSharpCompilation> CreateAsync(string source, bool withAnnotations = true, bool allowErrors = false)
    {
        var references = await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        if (withAnnotations)
        {
            references = references.Add(TestReferences.Annotations);
        }

        var compilation = CSharpCompilation.Create(
            "TestAssembly",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        if (!allowErrors && !errors.IsEmpty)
        {
            throw new InvalidOperationException("Test source does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        return compilation;
    }
}
