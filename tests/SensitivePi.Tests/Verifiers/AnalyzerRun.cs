using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SensitivePi.Tests.Verifiers;

/// <summary>One analyzer run over a compilation, keeping what the analyzer threw (a build's AD0001) apart from its diagnostics.</summary>
public static class AnalyzerRun
{
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<Exception> Exceptions)> WithExceptionsAsync(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return (diagnostics, exceptions);
    }
}
