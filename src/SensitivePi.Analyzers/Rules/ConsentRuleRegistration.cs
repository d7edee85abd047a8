using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers.Engine;

namespace SensitivePi.Analyzers.Rules;

/// <summary>The registration both consent rules share.</summary>
internal static class ConsentRuleRegistration
{
    public static void Register(AnalysisContext context, DiagnosticDescriptor descriptor, bool guardian)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (ValueFlowEngine.TryCreate(start.Compilation, start.CancellationToken) is not { } engine)
            {
                return;
            }

            var rule = new ConsentRule(engine, guardian);
            start.RegisterOperationBlockAction(block =>
            {
                foreach (var violation in rule.Analyze(block))
                {
                    var properties = ImmutableDictionary<string, string?>.Empty
                        .Add(MissingSeparateConsentAnalyzer.CategoryProperty, violation.Category.ToString());
                    var arguments = guardian
                        ? new object[] { violation.OperationName, violation.Data }
                        : new object[] { violation.OperationName, violation.Data, violation.Category.ToString() };
                    block.ReportDiagnostic(Diagnostic.Create(descriptor, violation.Operation.Syntax.GetLocation(), properties, arguments));
                }
            });
        });
    }
}
