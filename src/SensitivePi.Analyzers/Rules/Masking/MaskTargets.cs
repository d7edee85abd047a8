using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// The mask fix's targets (the display rules' fix: a log, an exception message): the expressions of a sink
/// argument a fix wraps in a mask, with the mask each needs, worked out from what the taint analysis recorded. Default when no mask can express the fix (a
/// container, a parameter that takes no string).
/// </summary>
internal static class MaskTargets
{
    public static ImmutableArray<(SyntaxNode Node, PiMaskKind Mask)> Find(SinkHit hit, Taint readable, MethodAnalysis analysis)
    {
        if (hit.IsContainer || hit.Node is not ExpressionSyntax expression)
        {
            return default;
        }

        var targets = ImmutableArray.CreateBuilder<(SyntaxNode, PiMaskKind)>();
        if (!Collect(expression, readable, hit, analysis, targets, isWholeArgument: true) || targets.Count == 0)
        {
            return default;
        }

        return targets.ToImmutable();
    }

    // Mask the parts that carry the data: interpolation holes and concatenation operands keep the message
    // readable; otherwise the whole argument, when the parameter takes a string.
    private static bool Collect(ExpressionSyntax expression, Taint readable, SinkHit hit, MethodAnalysis analysis, ImmutableArray<(SyntaxNode, PiMaskKind)>.Builder targets, bool isWholeArgument)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        var taint = Readable(analysis, expression);
        if (analysis.IsRendered(expression))
        {
            return false;
        }

        switch (expression)
        {
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (var content in interpolated.Contents)
                {
                    if (content is InterpolationSyntax hole && (analysis.IsRendered(hole.Expression)
                        || (!Readable(analysis, hole.Expression).IsEmpty && !CollectHole(hole.Expression, analysis, targets))))
                    {
                        return false;
                    }
                }

                return true;

            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) && analysis.IsConcatenation(binary):
                // Left-deep chains (`a + b + c + …`) are walked iteratively: no recursion per operand.
                var operands = new Stack<ExpressionSyntax>();
                for (ExpressionSyntax current = binary; ; current = ((BinaryExpressionSyntax)current).Left)
                {
                    if (current is BinaryExpressionSyntax inner && inner.IsKind(SyntaxKind.AddExpression) && analysis.IsConcatenation(inner))
                    {
                        operands.Push(inner.Right);
                        continue;
                    }

                    operands.Push(current);
                    break;
                }

                foreach (var operand in operands)
                {
                    if (analysis.IsRendered(operand)
                        || (!Readable(analysis, operand).IsEmpty && !Collect(operand, readable, hit, analysis, targets, isWholeArgument: false)))
                    {
                        return false;
                    }
                }

                return true;

            default:
                if (isWholeArgument && !hit.AcceptsString)
                {
                    return false;
                }

                targets.Add((expression, (taint.IsEmpty ? readable : taint).CommonMask));
                return true;
        }
    }

    private static bool CollectHole(ExpressionSyntax expression, MethodAnalysis analysis, ImmutableArray<(SyntaxNode, PiMaskKind)>.Builder targets)
    {
        if (analysis.IsRendered(expression))
        {
            return false;
        }

        targets.Add((expression, Readable(analysis, expression).CommonMask));
        return true;
    }

    // What a mask would hide: encrypted or hashed parts need none.
    private static Taint Readable(MethodAnalysis analysis, SyntaxNode syntax) => analysis.RecordedTaint(syntax).Unprotected();
}
