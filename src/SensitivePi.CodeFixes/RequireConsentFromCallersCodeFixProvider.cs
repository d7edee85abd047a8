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
/// SPI003 and SPI005: declares the duty on the containing method or constructor with
/// <c>[RequiresSeparateConsent(Category.C)]</c>, so that its callers must check consent (the way
/// [RequiresUnreferencedCode] moves a duty outwards). Not offered where the framework is the caller (a
/// controller action, a hosted service, a handler or lambda handed to <c>Map*</c>): nobody would check.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RequireConsentFromCallersCodeFixProvider))]
[Shared]
public sealed class RequireConsentFromCallersCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the fix, shared by both rules so Fix All applies them together.</summary>
    public const string EquivalenceKey = "SPI003.RequireConsentFromCallers";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.MissingSeparateConsent.Id, Descriptors.MissingGuardianConsent.Id);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Target(root, diagnostic) is { } target
                && !await FrameworkEntryPoints.ContainsAsync(context.Document, model, root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), context.CancellationToken).ConfigureAwait(false))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Require separate consent (" + target.Category + ") from callers",
                        token => FixAsync(context.Document, new[] { diagnostic }, token),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
        await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

    private static async Task<Document> FixAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        // Fix All skips what a single fix would not offer: members the framework calls.
        var targets = new List<(BaseMethodDeclarationSyntax Member, string Category)>();
        foreach (var diagnostic in diagnostics)
        {
            if (Target(root, diagnostic) is { } target
                && !await FrameworkEntryPoints.ContainsAsync(document, model, root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), cancellationToken).ConfigureAwait(false))
            {
                targets.Add(target);
            }
        }

        // One attribute per member and category, however many operations asked for it.
        var categoriesByMember = targets
            .GroupBy(t => t.Member)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Category).Distinct().OrderBy(c => c, System.StringComparer.Ordinal).ToList());
        // The generator places attributes the way the IDE does: own line, member's indentation and leading trivia kept.
        var generator = SyntaxGenerator.GetGenerator(document);
        var newRoot = root.ReplaceNodes(categoriesByMember.Keys, (original, rewritten) =>
            generator.AddAttributes(rewritten, categoriesByMember[original].Select(category => (SyntaxNode)AttributeList(SingletonSeparatedList(Attribute(category))))));

        var fixedDocument = document.WithSyntaxRoot(newRoot);
        fixedDocument = await ImportAdder.AddImportsAsync(fixedDocument, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Simplifier.ReduceAsync(fixedDocument, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // global::SensitivePi.RequiresSeparateConsent(global::SensitivePi.Category.C), simplified with `using SensitivePi;`.
    private static AttributeSyntax Attribute(string category) =>
        SyntaxFactory.Attribute(
            ParseName("global::SensitivePi.RequiresSeparateConsent").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
            AttributeArgumentList(SingletonSeparatedList(AttributeArgument(
                MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    ParseTypeName("global::SensitivePi.Category").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                    IdentifierName(category))))));

    // The method or constructor whose body (or lambda, or local function) holds the operation.
    private static (BaseMethodDeclarationSyntax Member, string Category)? Target(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(ConsentRuleDiagnostics.CategoryProperty, out var category) || category is null
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node)
        {
            return null;
        }

        var member = node.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>();
        return member is MethodDeclarationSyntax or ConstructorDeclarationSyntax ? (member, category) : null;
    }
}
