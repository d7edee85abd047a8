using System;
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
using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Rules;

namespace SensitivePi.CodeFixes;

/// <summary>
/// SPI001: rewrites the scheme of the literal that decides the channel (<c>http</c>→<c>https</c>,
/// <c>ws</c>→<c>wss</c>), wherever in the solution that literal is declared.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnencryptedTransmissionCodeFixProvider))]
[Shared]
public sealed class UnencryptedTransmissionCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the scheme fix.</summary>
    public const string UseSecureSchemeKey = "SPI001.UseSecureScheme";

    /// <summary>The equivalence key of the fix that sets <c>EnableSsl = true</c> where the client is created.</summary>
    public const string EnableSslKey = "SPI001.EnableSsl";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.UnencryptedTransmission.Id);

    public override FixAllProvider GetFixAllProvider() => SchemeFixAllProvider.Instance;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (SchemeLiteral(diagnostic) is { } literal && literal.SourceTree is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use an encrypted scheme (https/wss)",
                        token => RewriteAsync(context.Document.Project.Solution, new[] { literal }, token),
                        UseSecureSchemeKey),
                    diagnostic);
            }
            else if ((ClientCreation(diagnostic) ?? RequestDeclaration(diagnostic)) is { } target && target.SourceTree is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Set EnableSsl = true",
                        token => EnableSslAsync(context.Document.Project.Solution, new[] { target }, token),
                        EnableSslKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static Location? SchemeLiteral(Diagnostic diagnostic) =>
        diagnostic.Properties.ContainsKey(UnencryptedTransmissionRule.SchemeLiteralProperty) && diagnostic.AdditionalLocations.Count == 1
            ? diagnostic.AdditionalLocations[0]
            : null;

    private static Location? ClientCreation(Diagnostic diagnostic) =>
        diagnostic.Properties.ContainsKey(UnencryptedTransmissionRule.ClientCreationProperty) && diagnostic.AdditionalLocations.Count == 1
            ? diagnostic.AdditionalLocations[0]
            : null;

    private static Location? RequestDeclaration(Diagnostic diagnostic) =>
        diagnostic.Properties.ContainsKey(UnencryptedTransmissionRule.RequestDeclarationProperty) && diagnostic.AdditionalLocations.Count == 1
            ? diagnostic.AdditionalLocations[0]
            : null;

    // new SmtpClient(host) → new SmtpClient(host) { EnableSsl = true }; an initializer's EnableSsl = false becomes true.
    // var request = (FtpWebRequest)WebRequest.Create(uri); → followed by request.EnableSsl = true;
    private static async Task<Solution> EnableSslAsync(Solution solution, IEnumerable<Location> creations, CancellationToken cancellationToken)
    {
        foreach (var group in creations.Where(l => l.SourceTree is not null).GroupBy(l => l.SourceTree!))
        {
            var document = solution.GetDocument(group.Key);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (document is null || root is null)
            {
                continue;
            }

            var found = group.Select(l => root.FindNode(l.SourceSpan, getInnermostNodeForTie: true)).Distinct().ToList();
            var declarations = found.OfType<LocalDeclarationStatementSyntax>().ToList();
            var newRoot = root.ReplaceNodes(
                found.OfType<BaseObjectCreationExpressionSyntax>().Cast<SyntaxNode>().Concat(declarations.Select(d => d.Parent!)).Distinct(),
                (original, rewritten) => rewritten switch
                {
                    BaseObjectCreationExpressionSyntax creation => WithEnableSsl(creation),
                    BlockSyntax block => WithEnableSslStatements((BlockSyntax)original, block, declarations),
                    _ => rewritten,
                });
            solution = solution.WithDocumentSyntaxRoot(document.Id, newRoot);
        }

        return solution;
    }

    // Inserts `name.EnableSsl = true;` after each listed declaration of this block (indices are the original's).
    private static SyntaxNode WithEnableSslStatements(BlockSyntax original, BlockSyntax rewritten, List<LocalDeclarationStatementSyntax> declarations)
    {
        var statements = rewritten.Statements;
        for (var i = original.Statements.Count - 1; i >= 0; i--)
        {
            if (original.Statements[i] is LocalDeclarationStatementSyntax declaration && declarations.Contains(declaration)
                && declaration.Declaration.Variables.Count == 1)
            {
                var name = declaration.Declaration.Variables[0].Identifier.ValueText;
                // Same indentation and line ending as the declaration it follows.
                var statement = SyntaxFactory.ParseStatement(name + ".EnableSsl = true;")
                    .WithLeadingTrivia(declaration.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
                    .WithTrailingTrivia(declaration.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));
                statements = statements.Insert(i + 1, statement);
            }
        }

        return rewritten.WithStatements(statements);
    }

    private static SyntaxNode WithEnableSsl(BaseObjectCreationExpressionSyntax creation)
    {
        var enableSsl = SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName("EnableSsl"),
            SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));
        if (creation.Initializer is null)
        {
            var newCreation = creation is ObjectCreationExpressionSyntax { ArgumentList: null } bare
                ? bare.WithType(bare.Type.WithoutTrailingTrivia()).WithArgumentList(SyntaxFactory.ArgumentList())
                : creation.WithoutTrailingTrivia();
            return newCreation
                .WithInitializer(SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(enableSsl)))
                .WithTrailingTrivia(creation.GetTrailingTrivia())
                .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
        }

        var expressions = creation.Initializer.Expressions;
        var existing = expressions.OfType<AssignmentExpressionSyntax>()
            .FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "EnableSsl" });
        var newExpressions = existing is null
            ? expressions.Add(enableSsl)
            : expressions.Replace(existing, existing.WithRight(SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)));
        return creation.WithInitializer(creation.Initializer.WithExpressions(newExpressions))
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
    }

    private static async Task<Solution> RewriteAsync(Solution solution, IEnumerable<Location> literals, CancellationToken cancellationToken)
    {
        // One edit per literal, however many diagnostics share it (a constant used by many calls).
        foreach (var group in literals.Where(l => l.SourceTree is not null).GroupBy(l => l.SourceTree!))
        {
            var document = solution.GetDocument(group.Key);
            if (document is null)
            {
                continue;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
            }

            var tokens = group.Select(l => l.SourceSpan).Distinct()
                .Select(span => root.FindToken(span.Start))
                .Where(token => token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken))
                .Distinct()
                .ToList();
            var newRoot = root.ReplaceTokens(tokens, (original, _) => Secure(original));
            solution = solution.WithDocumentSyntaxRoot(document.Id, newRoot);
        }

        return solution;
    }

    // Only the scheme changes; the rest of the literal (and its quoting style) is kept as written.
    private static SyntaxToken Secure(SyntaxToken token)
    {
        var text = token.Text;
        foreach (var (plain, secure) in new[] { ("http://", "https://"), ("ws://", "wss://") })
        {
            var index = text.IndexOf(plain, StringComparison.OrdinalIgnoreCase);
            if (index >= 0 && index <= 2)
            {
                var newText = text.Substring(0, index) + secure + text.Substring(index + plain.Length);
                var value = token.ValueText.Length >= plain.Length && token.ValueText.StartsWith(plain, StringComparison.OrdinalIgnoreCase)
                    ? secure + token.ValueText.Substring(plain.Length)
                    : token.ValueText;
                return SyntaxFactory.Token(token.LeadingTrivia, token.Kind(), newText, value, token.TrailingTrivia);
            }
        }

        return token;
    }

    /// <summary>Fix All: every literal (or client creation) named by the diagnostics in scope, each rewritten once.</summary>
    private sealed class SchemeFixAllProvider : FixAllProvider
    {
        public static readonly SchemeFixAllProvider Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var diagnostics = new List<Diagnostic>();
            switch (fixAllContext.Scope)
            {
                case FixAllScope.Document when fixAllContext.Document is not null:
                    diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false));
                    break;
                case FixAllScope.Project:
                    diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false));
                    break;
                case FixAllScope.Solution:
                    foreach (var project in fixAllContext.Solution.Projects)
                    {
                        diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                    }

                    break;
            }

            if (fixAllContext.CodeActionEquivalenceKey == EnableSslKey)
            {
                var creations = diagnostics.Select(d => ClientCreation(d) ?? RequestDeclaration(d)).OfType<Location>().ToList();
                return creations.Count == 0
                    ? null
                    : CodeAction.Create("Set EnableSsl = true", token => EnableSslAsync(fixAllContext.Solution, creations, token), EnableSslKey);
            }

            var literals = diagnostics.Select(SchemeLiteral).OfType<Location>().ToList();
            return literals.Count == 0
                ? null
                : CodeAction.Create(
                    "Use encrypted schemes",
                    token => RewriteAsync(fixAllContext.Solution, literals, token),
                    UseSecureSchemeKey);
        }
    }
}
