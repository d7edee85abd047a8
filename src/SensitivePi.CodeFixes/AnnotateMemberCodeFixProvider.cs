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
/// SPI012: classifies the member as its name suggests, <c>[SensitivePersonalInfo(Category.X, Mask = MaskKind.Y)]</c>
/// (and <c>AtRest = AtRest.NeverStore</c> for card security codes, track data and PINs), with <c>using SensitivePi;</c>.
/// Offered on a property, a field declaring one variable, or a record's positional parameter.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AnnotateMemberCodeFixProvider))]
[Shared]
public sealed class AnnotateMemberCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string EquivalenceKey = "SPI012.Annotate";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.UnclassifiedSensitiveMember.Id);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Target(root, diagnostic) is not null && Attribute(diagnostic, semanticModel.Compilation) is { } attribute)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Classify as " + diagnostic.Properties[UnclassifiedSensitiveMemberRule.CategoryProperty], token => FixAsync(context.Document, new[] { diagnostic }, token), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    // The declaration the attribute goes on.
    private static SyntaxNode? Target(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindToken(diagnostic.Location.SourceSpan.Start).Parent switch
        {
            PropertyDeclarationSyntax property when property.Identifier.Span == diagnostic.Location.SourceSpan => property,
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax field } } variable
                when variable.Identifier.Span == diagnostic.Location.SourceSpan => field,
            ParameterSyntax parameter when parameter.Identifier.Span == diagnostic.Location.SourceSpan => parameter,
            _ => null,
        };

    // `[global::SensitivePi.SensitivePersonalInfo(global::SensitivePi.Category.X, Mask = …, AtRest = …)]`, simplified;
    // null when the referenced annotations lack a named member (an older package: no fix rather than CS0117).
    private static AttributeSyntax? Attribute(Diagnostic diagnostic, Compilation compilation)
    {
        if (!diagnostic.Properties.TryGetValue(UnclassifiedSensitiveMemberRule.CategoryProperty, out var category) || category is null
            || !HasMember(compilation, "SensitivePi.Category", category))
        {
            return null;
        }

        var arguments = new List<AttributeArgumentSyntax> { AttributeArgument(Qualified("Category", category)) };
        foreach (var (property, enumName, argumentName) in new[]
        {
            (UnclassifiedSensitiveMemberRule.MaskProperty, "MaskKind", "Mask"),
            (UnclassifiedSensitiveMemberRule.AtRestProperty, "AtRest", "AtRest"),
        })
        {
            if (diagnostic.Properties.TryGetValue(property, out var value) && value is not null)
            {
                if (!HasMember(compilation, "SensitivePi." + enumName, value))
                {
                    return null;
                }

                arguments.Add(AttributeArgument(Qualified(enumName, value)).WithNameEquals(NameEquals(IdentifierName(argumentName))));
            }
        }

        return SyntaxFactory.Attribute(
            ParseName("global::SensitivePi.SensitivePersonalInfo").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
            AttributeArgumentList(SeparatedList(arguments)));
    }

    private static ExpressionSyntax Qualified(string enumName, string member) =>
        MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            ParseName("global::SensitivePi." + enumName).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
            IdentifierName(member));

    private static bool HasMember(Compilation compilation, string type, string member) =>
        compilation.GetTypeByMetadataName(type) is { } found && !found.GetMembers(member).IsEmpty;

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

        var attributes = new Dictionary<SyntaxNode, AttributeSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (Target(root, diagnostic) is { } target && Attribute(diagnostic, semanticModel.Compilation) is { } attribute)
            {
                attributes[target] = attribute;
            }
        }

        if (attributes.Count == 0)
        {
            return document;
        }

        var newLine = AttributeLists.NewLineOf(root);
        var newRoot = root.ReplaceNodes(attributes.Keys, (original, rewritten) => rewritten switch
        {
            ParameterSyntax parameter => parameter.WithoutLeadingTrivia()
                .WithAttributeLists(parameter.AttributeLists.Insert(0, AttributeList(SingletonSeparatedList(attributes[original])).WithTrailingTrivia(Space)))
                .WithLeadingTrivia(parameter.GetLeadingTrivia()),
            MemberDeclarationSyntax member => AttributeLists.FirstOnItsOwnLine(member, AttributeList(SingletonSeparatedList(attributes[original])), newLine),
            _ => rewritten,
        });

        var fixedDocument = document.WithSyntaxRoot(newRoot);
        fixedDocument = await ImportAdder.AddImportsAsync(fixedDocument, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Simplifier.ReduceAsync(fixedDocument, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
