using System;
using System.Collections.Immutable;
using System.Linq;
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

    private static ImmutableArray<T> Create<T>(Type inAssembly) =>
        inAssembly.Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(T).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}
