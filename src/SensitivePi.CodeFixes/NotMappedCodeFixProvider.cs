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
/// SPI007: leaves an entity member that must never be stored out of the EF Core model with <c>[NotMapped]</c> (and
/// <c>using System.ComponentModel.DataAnnotations.Schema;</c>). Offered on the member's declaration only, and only
/// where the attribute type is referenced.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NotMappedCodeFixProvider))]
[Shared]
public sealed class NotMappedCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string EquivalenceKey = "SPI007.AddNotMapped";

    private const string NotMappedAttribute = "System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.NeverStoredPaymentData.Id);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel?.Compilation.GetTypeByMetadataName(NotMappedAttribute) is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Member(root, diagnostic) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Add [NotMapped]", token => FixAsync(context.Document, new[] { diagnostic }, token), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static PropertyDeclarationSyntax? Member(SyntaxNode root, Diagnostic diagnostic) =>
        diagnostic.Properties.ContainsKey(NeverStoredPaymentDataRule.EntityMemberProperty)
        && root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is PropertyDeclarationSyntax property
        && property.Identifier.Span == diagnostic.Location.SourceSpan
            ? property
            : null;

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var semanticModel = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        return semanticModel?.Compilation.GetTypeByMetadataName(NotMappedAttribute) is null
            ? null
            : await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> FixAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var members = diagnostics.Select(d => Member(root, d)).OfType<PropertyDeclarationSyntax>().Distinct().ToList();
        if (members.Count == 0)
        {
            return document;
        }

        // `[NotMapped]` first, on a line of its own: written in full and simplified, with the namespace imported.
        var newLine = AttributeLists.NewLineOf(root);
        var notMapped = AttributeList(SingletonSeparatedList(Attribute(ParseName("global::System.ComponentModel.DataAnnotations.Schema.NotMapped")
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))));
        var newRoot = root.ReplaceNodes(members, (_, rewritten) => AttributeLists.FirstOnItsOwnLine(rewritten, notMapped, newLine));
        var fixedDocument = document.WithSyntaxRoot(newRoot);
        fixedDocument = await ImportAdder.AddImportsAsync(fixedDocument, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Simplifier.ReduceAsync(fixedDocument, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
