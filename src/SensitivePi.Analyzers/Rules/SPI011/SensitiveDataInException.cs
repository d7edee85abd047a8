using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI011 (docs/rules/SPI011.md): a sensitive value given to the constructor of an exception that the method
/// throws (<c>throw new …Exception($"… {p.IdNumber}")</c>, or a local holding the new exception, thrown). The
/// message goes wherever the exception goes: logs, error pages, telemetry.
/// </summary>
internal sealed class SensitiveDataInException : ValueFlowRule, IValueFlowCheck
{
    public SensitiveDataInException()
        : base(ValueFlowRules.SensitiveDataInException, Descriptors.SensitiveDataInException, SinkKinds.Exception, DataClasses.Any, SinkKinds.Exception)
    {
    }

    public override IValueFlowCheck Start(ValueFlowEngine engine) => this;

    public bool CannotReport(ValueFlowBody body) => false;

    public void Report(ValueFlowBody body)
    {
        foreach (var hit in body.Taint.Hits)
        {
            // Encrypted or hashed data is unreadable in a message.
            if (hit.Sink.Kind == SinkKind.Exception && hit.Taint.Unprotected() is { IsEmpty: false } readable && IsThrown(hit.Call.Syntax))
            {
                var (properties, locations) = MaskFix.For(MaskTargets.Find(hit, readable, body.Taint));
                body.Report(Diagnostic.Create(
                    Descriptors.SensitiveDataInException,
                    hit.Node.GetLocation(),
                    locations,
                    properties,
                    hit.DescribeData(readable),
                    hit.Sink.DisplayName,
                    Citations.Display(readable.Categories())));
            }
        }
    }

    public bool ReportsAt(ValueFlowBody body, SinkHit hit) => false;

    public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
    {
    }

    // `throw new X(…)`, `… ?? throw new X(…)`, or `var e = new X(…); … throw e;` in the same member. An exception
    // only created (handed to a logger, a task, returned by a factory) is not thrown here.
    private static bool IsThrown(SyntaxNode creation)
    {
        var node = creation;
        while (node.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            node = node.Parent;
        }

        switch (node.Parent)
        {
            case ThrowStatementSyntax or ThrowExpressionSyntax:
                return true;
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                var scope = declarator.FirstAncestorOrSelf<BlockSyntax>();
                if (scope is null)
                {
                    return false;
                }

                foreach (var candidate in scope.DescendantNodes())
                {
                    if (candidate is ThrowStatementSyntax { Expression: IdentifierNameSyntax thrown } && thrown.Identifier.ValueText == declarator.Identifier.ValueText)
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }
}
