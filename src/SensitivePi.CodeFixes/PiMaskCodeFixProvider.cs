using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SensitivePi.CodeFixes;

/// <summary>
/// The display rules' fix (SPI002 logs, SPI011 exception messages): wraps each part of an argument that carries
/// sensitive data in the <c>PiMask</c> helper its origin asks for. The analyzer decides which parts (its
/// additional locations) and which masks (the <see cref="MaskFix.MasksProperty"/> property); no targets, no fix.
/// </summary>
public abstract class PiMaskCodeFixProvider : CodeFixProvider
{
    private readonly string _equivalenceKey;

    private protected PiMaskCodeFixProvider(string diagnosticId, string equivalenceKey)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        _equivalenceKey = equivalenceKey;
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (semanticModel?.Compilation.GetTypeByMetadataName("SensitivePi.PiMask") is not { } piMask)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            // An annotations package older than the analyzer may lack a helper: no fix rather than CS0117.
            var targets = Targets(diagnostic);
            if (targets.Count == 0 || targets.Any(t => piMask.GetMembers(t.Mask).IsEmpty))
            {
                continue;
            }

            var title = targets.Select(t => t.Mask).Distinct().Count() == 1
                ? "Mask with PiMask." + targets[0].Mask
                : "Mask with PiMask";
            context.RegisterCodeFix(
                CodeAction.Create(title, token => FixAsync(context.Document, new[] { diagnostic }, token), _equivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
        await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

    private static async Task<Document> FixAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return document;
        }

        // Target expression → mask; a hole with a format clause is replaced whole (the format moves into ToString).
        var masks = new Dictionary<SyntaxNode, string>();
        foreach (var diagnostic in diagnostics)
        {
            foreach (var (location, mask) in Targets(diagnostic))
            {
                if (root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax expression)
                {
                    var node = expression.Parent is InterpolationSyntax { FormatClause: not null } hole && !IsString(semanticModel, expression, cancellationToken)
                        ? (SyntaxNode)hole
                        : expression;
                    masks[node] = mask;
                }
            }
        }

        if (masks.Count == 0)
        {
            return document;
        }

        var newRoot = root.ReplaceNodes(masks.Keys, (original, rewritten) => original switch
        {
            InterpolationSyntax hole => ((InterpolationSyntax)rewritten)
                .WithExpression(Mask(ToText(semanticModel, hole.Expression, ((InterpolationSyntax)rewritten).Expression, hole.FormatClause, cancellationToken), masks[original]))
                .WithFormatClause(null),
            ExpressionSyntax expression => Mask(ToText(semanticModel, expression, (ExpressionSyntax)rewritten, null, cancellationToken), masks[original])
                .WithTriviaFrom(rewritten),
            _ => rewritten,
        });

        var fixedDocument = document.WithSyntaxRoot(newRoot);
        fixedDocument = await ImportAdder.AddImportsAsync(fixedDocument, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Simplifier.ReduceAsync(fixedDocument, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // SensitivePi.PiMask.Mask(value), written in full and simplified to PiMask.Mask(value) with `using SensitivePi;`.
    private static ExpressionSyntax Mask(ExpressionSyntax value, string mask) =>
        InvocationExpression(
                MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    ParseName("global::SensitivePi.PiMask").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                    IdentifierName(mask)),
                ArgumentList(SingletonSeparatedList(Argument(value.WithoutTrivia()))))
            .WithAdditionalAnnotations(Simplifier.Annotation);

    // Masks take strings: other values are converted, keeping a hole's format (`{date:yyyy-MM-dd}`).
    private static ExpressionSyntax ToText(SemanticModel model, ExpressionSyntax original, ExpressionSyntax rewritten, InterpolationFormatClauseSyntax? format, CancellationToken cancellationToken)
    {
        var type = model.GetTypeInfo(original, cancellationToken).Type;
        if (type is null || type.SpecialType == SpecialType.System_String)
        {
            return rewritten;
        }

        var arguments = format is null || !HasFormattingToString(type)
            ? ArgumentList()
            : ArgumentList(SingletonSeparatedList(Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(format.FormatStringToken.ValueText)))));
        var receiver = ParenthesizedExpression(rewritten.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation);
        var canBeNull = !type.IsValueType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
        return canBeNull
            ? ConditionalAccessExpression(receiver, InvocationExpression(MemberBindingExpression(IdentifierName("ToString")), arguments))
            : InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, IdentifierName("ToString")), arguments);
    }

    // DateTime.ToString("yyyy-MM-dd") exists; object.ToString("G") does not (CS1501): then the format is dropped.
    private static bool HasFormattingToString(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers("ToString"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 1 } method
                    && method.Parameters[0].Type.SpecialType == SpecialType.System_String
                    && method.DeclaredAccessibility == Accessibility.Public)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsString(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken) =>
        model.GetTypeInfo(expression, cancellationToken).Type?.SpecialType == SpecialType.System_String;

    private static IReadOnlyList<(Location Location, string Mask)> Targets(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(MaskFix.MasksProperty, out var joined) || joined is null)
        {
            return System.Array.Empty<(Location, string)>();
        }

        var masks = joined.Split(',');
        if (masks.Length > diagnostic.AdditionalLocations.Count)
        {
            return System.Array.Empty<(Location, string)>();
        }

        return diagnostic.AdditionalLocations.Take(masks.Length).Select((location, i) => (location, masks[i])).ToList();
    }
}
