using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers;
using SensitivePi.CodeFixes;

namespace SensitivePi.Tests.Verifiers;

/// <summary>Fresh instances of every analyzer and code fix the package ships, found by reflection, in name order.</summary>
public static class Shipped
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers() => Create<DiagnosticAnalyzer>(typeof(Descriptors));

    public static ImmutableArray<CodeFixProvider> CodeFixes() => Create<CodeFixProvider>(typeof(UnmaskedLoggingCodeFixProvider));

    /// <summary>
    /// Runs the shipped analyzers (fresh ones unless <paramref name="analyzers"/> are given, as an IDE reuses
    /// them across edits) over <paramref name="compilation"/> as a build would: what they report, and what any
    /// of them threw ("Analyzer: exception"), which a build turns into AD0001.
    /// </summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> Exceptions)> AnalyzeAsync(
        Compilation compilation, bool concurrent = false, ImmutableArray<DiagnosticAnalyzer> analyzers = default)
    {
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue(analyzer.GetType().Name + ": " + exception),
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers.IsDefault ? Analyzers() : analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return (diagnostics, exceptions.ToList());
    }

    private static ImmutableArray<T> Create<T>(Type inAssembly) =>
        inAssembly.Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(T).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}
