using System;
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
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Rules;

namespace SensitivePi.CodeFixes;

/// <summary>
/// SPI003, SPI005 and SPI014: inserts a consent check before the statement, through an
/// <c>ISeparateConsentService</c> in scope, for the person a <c>[ConsentSubject]</c> member (or a
/// parameter or property named like <c>subjectId</c>, <c>userId</c>, <c>customerId</c>, <c>patientId</c>)
/// identifies. Not offered unless both are found, so that the inserted code compiles and checks the
/// right person.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertConsentGuardCodeFixProvider))]
[Shared]
public sealed class InsertConsentGuardCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the guard fix.</summary>
    public const string EquivalenceKey = "SPI003.InsertConsentGuard";

    private static readonly string[] SubjectNames = { "subjectid", "userid", "customerid", "patientid", "childid", "subject" };

    /// <summary>
    /// The <c>.editorconfig</c> option that adds names the fix may take as the subject
    /// (<c>sensitivepi.consent_subject_names = pupilId, residentNo</c>), read for the file being fixed.
    /// </summary>
    public const string SubjectNamesOption = "sensitivepi.consent_subject_names";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.MissingSeparateConsent.Id, Descriptors.MissingGuardianConsent.Id, Descriptors.BiometricLeavesDevice.Id);

    // Guards are inserted one statement at a time: each needs its own look at what is in scope.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        var subjectNames = SubjectNamesFor(context.Document, root.SyntaxTree);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ConsentRuleDiagnostics.CategoryProperty, out var category) || category is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node
                || node.FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax } statement
                || Plan(model, statement, node, category, diagnostic.Id == Descriptors.MissingGuardianConsent.Id, subjectNames, context.CancellationToken) is not { } guard)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    diagnostic.Id == Descriptors.MissingGuardianConsent.Id ? "Check guardian consent first" : "Check separate consent (" + category + ") first",
                    token => InsertAsync(context.Document, statement, guard, token),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> InsertAsync(Document document, StatementSyntax statement, StatementSyntax guard, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        // Same indentation and line ending as the statement it protects.
        var lineEnd = statement.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        editor.InsertBefore(statement, guard.WithLeadingTrivia(statement.GetLeadingTrivia()).WithTrailingTrivia(lineEnd));
        var changed = editor.GetChangedDocument();
        changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // if (![await ]service.HasSeparateConsent[Async](subject, Category.C, "purpose")) throw new SeparateConsentRequiredException(Category.C, "purpose");
    // The built-in names and the option's, lower-cased.
    private static System.Collections.Generic.HashSet<string> SubjectNamesFor(Document document, SyntaxTree tree)
    {
        var names = new System.Collections.Generic.HashSet<string>(SubjectNames, StringComparer.Ordinal);
        if (document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(SubjectNamesOption, out var value))
        {
            foreach (var name in value.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(name.Trim().ToLowerInvariant());
            }
        }

        return names;
    }

    private static StatementSyntax? Plan(SemanticModel model, StatementSyntax statement, SyntaxNode operation, string category, bool guardian, System.Collections.Generic.HashSet<string> subjectNames, CancellationToken cancellationToken)
    {
        var position = statement.SpanStart;
        var function = statement.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);
        // A static local function or lambda captures nothing from outside itself; a static member has no instance.
        var staticFunction = statement.Ancestors().FirstOrDefault(a =>
            (a is LocalFunctionStatementSyntax local && local.Modifiers.Any(SyntaxKind.StaticKeyword))
            || (a is AnonymousFunctionExpressionSyntax lambda && lambda.Modifiers.Any(SyntaxKind.StaticKeyword)));
        var member = Member(model.GetEnclosingSymbol(position, cancellationToken));
        var inConstructorInitializer = statement.Ancestors().Any(a => a is ConstructorInitializerSyntax);

        // `this` exists in instance methods and accessors, not in initializers of fields, properties or `: base(…)`;
        // a primary constructor's parameters reach its type's instance members and their initializers.
        var instanceReachable = staticFunction is null && !inConstructorInitializer && member is IMethodSymbol { IsStatic: false };
        var primaryReachable = staticFunction is null && !inConstructorInitializer && member is { IsStatic: false };
        var isAsync = function switch
        {
            BaseMethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            LocalFunctionStatementSyntax localFunction => localFunction.Modifiers.Any(SyntaxKind.AsyncKeyword),
            AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
            _ => false,
        };

        var checkAttribute = model.Compilation.GetTypeByMetadataName(
            guardian ? "SensitivePi.GuardianConsentCheckAttribute" : "SensitivePi.SeparateConsentCheckAttribute");
        var subjectAttribute = model.Compilation.GetTypeByMetadataName("SensitivePi.ConsentSubjectAttribute");
        if (checkAttribute is null || subjectAttribute is null)
        {
            return null;
        }

        // Locals declared further down are in scope but not yet assigned; instance members are out of reach in static code.
        var inScope = model.LookupSymbols(position)
            .Where(s => s is not ILocalSymbol local || local.DeclaringSyntaxReferences.All(r => r.Span.End <= position))
            .Where(s => Reachable(s, staticFunction, instanceReachable, primaryReachable ? member!.ContainingType : null))
            .ToList();
        if (Subject(inScope, subjectAttribute, subjectNames) is not { } subject)
        {
            return null;
        }

        var purpose = Purpose(model, operation, cancellationToken) ?? (model.GetEnclosingSymbol(position, cancellationToken)?.Name ?? "processing");
        var purposeLiteral = SyntaxFactory.Literal(purpose).Text;
        var categoryExpression = "global::SensitivePi.Category." + category;

        // A check method in scope, or on a service held in a field, property, parameter or local (ISeparateConsentService's
        // methods are checks too): a boolean one first, the asynchronous form in async code, a throwing one otherwise.
        var best = CheckCandidates(inScope)
            .Where(c => Covers(c.Method, checkAttribute, category, guardian))
            .Select(c => (c.Receiver, c.Method, Shape: ShapeOf(c.Method), Arguments: Arguments(c.Method, subject, categoryExpression, purposeLiteral)))
            .Where(c => c.Arguments is not null && c.Shape is { } shape && (isAsync || !shape.IsAsync))
            .OrderBy(c => c.Shape!.Value.ReturnsResult ? 0 : 1)
            .ThenBy(c => c.Shape!.Value.IsAsync == isAsync ? 0 : 1)
            .FirstOrDefault();
        if (best.Method is null)
        {
            return null;
        }

        var call = $"{(best.Shape!.Value.IsAsync ? "await " : string.Empty)}{best.Receiver}{best.Method.Name}({best.Arguments})";
        var refusal = Refusal(model, function, member, isAsync, cancellationToken)
            ?? $"throw new global::SensitivePi.SeparateConsentRequiredException({categoryExpression}, {purposeLiteral})";
        var text = best.Shape.Value.ReturnsResult
            ? $"if (!{call}) {refusal};"
            : call + ";";
        var guard = SyntaxFactory.ParseStatement(text);

        // Written fully qualified, then reduced to Category / SeparateConsentRequiredException / Results with their usings.
        return guard.ReplaceNodes(
            guard.DescendantNodes().Where(n => n.ToString() is "global::SensitivePi.Category" or "global::SensitivePi.SeparateConsentRequiredException"
                or "global::Microsoft.AspNetCore.Http.Results"),
            (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
    }

    // A web handler answers a refusal instead of throwing: `return Results.Forbid();` where it returns IResult,
    // `return Forbid();` in a controller action returning an MVC result (docs/rules/SPI003.md, "How to fix").
    private static string? Refusal(SemanticModel model, SyntaxNode? function, ISymbol? member, bool isAsync, CancellationToken cancellationToken)
    {
        var symbol = function switch
        {
            AnonymousFunctionExpressionSyntax lambda => model.GetSymbolInfo(lambda, cancellationToken).Symbol,
            null => null,
            _ => model.GetDeclaredSymbol(function, cancellationToken),
        };
        // A task is unwrapped only where `return x;` gives its result: in an async function.
        if (symbol is not IMethodSymbol method
            || (isAsync ? FrameworkEntryPoints.ResultType(method) : method.ReturnType) is not INamedTypeSymbol result)
        {
            return null;
        }

        if (TypeHierarchy.HasMetadataName(result, EntryPoints.HttpResult) && model.Compilation.GetTypeByMetadataName(EntryPoints.HttpResults) is not null)
        {
            return "return global::Microsoft.AspNetCore.Http.Results.Forbid()";
        }

        return EntryPoints.ActionResults.Any(name => TypeHierarchy.HasMetadataName(result.OriginalDefinition, name))
            && function is not AnonymousFunctionExpressionSyntax && method.ContainingType is { } type
            && TypeHierarchy.FirstBaseNamed(type, EntryPoints.ControllerBaseTypes) is not null
            && SymbolEqualityComparer.Default.Equals(member, method)
            ? "return Forbid()"
            : null;
    }

    // Locals and parameters are reachable unless a static function lies between them and the guard; a
    // primary constructor's parameters and instance members need an instance.
    private static bool Reachable(ISymbol symbol, SyntaxNode? staticFunction, bool instanceReachable, INamedTypeSymbol? primaryConstructorOf)
    {
        if (symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor }
            && constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax))
        {
            return SymbolEqualityComparer.Default.Equals(constructor.ContainingType, primaryConstructorOf);
        }

        // Implicit parameters (a setter's `value`, top-level `args`) have no declaration inside any function.
        if (symbol is ILocalSymbol or IParameterSymbol)
        {
            var declarations = symbol.DeclaringSyntaxReferences;
            return staticFunction is null || (!declarations.IsEmpty && declarations.All(r => staticFunction.Span.Contains(r.Span)));
        }

        return symbol.IsStatic || instanceReachable;
    }

    // The member a position belongs to, through any lambdas and local functions around it.
    private static ISymbol? Member(ISymbol? symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol;
    }

    private static System.Collections.Generic.IEnumerable<(string Receiver, IMethodSymbol Method)> CheckCandidates(System.Collections.Generic.List<ISymbol> inScope)
    {
        foreach (var symbol in inScope)
        {
            if (symbol is IMethodSymbol method)
            {
                yield return (string.Empty, method);
            }
            else if (symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol or IPropertySymbol
                && SymbolTypes.TypeOf(symbol) is INamedTypeSymbol { SpecialType: SpecialType.None } type)
            {
                foreach (var member in type.GetMembers().Concat(type.AllInterfaces.SelectMany(i => i.GetMembers())))
                {
                    if (member is IMethodSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public or Accessibility.Internal } candidate)
                    {
                        yield return (symbol.Name + ".", candidate);
                    }
                }
            }
        }
    }

    // [SeparateConsentCheck] covers C when it lists C, or lists nothing (its Category argument, or every category).
    private static bool Covers(IMethodSymbol method, INamedTypeSymbol checkAttribute, string category, bool guardian)
    {
        foreach (var holder in SensitivePi.Analyzers.Framework.MemberHierarchy.SelfOverriddenAndImplemented(method))
        {
            foreach (var attribute in holder.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, checkAttribute))
                {
                    continue;
                }

                if (guardian || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array
                    || attribute.ConstructorArguments[0].Values.IsDefaultOrEmpty)
                {
                    return true;
                }

                return attribute.ConstructorArguments[0].Values.Any(v => v.Kind == TypedConstantKind.Enum
                    && v.Type is INamedTypeSymbol enumType
                    && enumType.GetMembers(category).OfType<IFieldSymbol>().Any(f => Equals(f.ConstantValue, v.Value)));
            }
        }

        return false;
    }

    private static (bool ReturnsResult, bool IsAsync)? ShapeOf(IMethodSymbol method)
    {
        var type = method.ReturnType;
        if (type.SpecialType == SpecialType.System_Boolean)
        {
            return (true, false);
        }

        if (method.ReturnsVoid)
        {
            return (false, false);
        }

        if (type is INamedTypeSymbol { Name: "Task" or "ValueTask" } task)
        {
            return task.TypeArguments.Length == 0 ? (false, true)
                : task.TypeArguments[0].SpecialType == SpecialType.System_Boolean ? (true, true) : null;
        }

        return null;
    }

    // Fills every required parameter: the subject, the category, the purpose; optional ones are left out.
    private static string? Arguments(IMethodSymbol method, string subject, string category, string purpose)
    {
        var arguments = new System.Collections.Generic.List<string>();
        foreach (var parameter in method.Parameters)
        {
            var name = parameter.Name.ToLowerInvariant();
            if (parameter.Type is INamedTypeSymbol { Name: "Category", ContainingNamespace.Name: "SensitivePi" })
            {
                arguments.Add(category);
            }
            else if (parameter.Type.SpecialType == SpecialType.System_String && name.Contains("purpose"))
            {
                arguments.Add(purpose);
            }
            else if (parameter.Type.SpecialType == SpecialType.System_String && (name.Contains("subject") || name.EndsWith("id", StringComparison.Ordinal)))
            {
                arguments.Add(subject);
            }
            else if (parameter.IsOptional)
            {
                break;
            }
            else
            {
                return null;
            }
        }

        return string.Join(", ", arguments);
    }

    // [ConsentSubject] on a parameter or member in scope, or on a member of a parameter's type; else a well-named id.
    private static string? Subject(System.Collections.Generic.List<ISymbol> inScope, INamedTypeSymbol subjectAttribute, System.Collections.Generic.HashSet<string> subjectNames)
    {
        bool IsSubject(ISymbol symbol) => symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, subjectAttribute));

        foreach (var symbol in inScope)
        {
            if (symbol is IParameterSymbol or IFieldSymbol or IPropertySymbol && IsSubject(symbol) && AsText(symbol.Name, SymbolTypes.TypeOf(symbol)) is { } direct)
            {
                return direct;
            }
        }

        foreach (var parameter in inScope.OfType<IParameterSymbol>())
        {
            foreach (var member in parameter.Type.GetMembers())
            {
                if (member is IFieldSymbol or IPropertySymbol && !member.IsStatic && member.DeclaredAccessibility == Accessibility.Public
                    && IsSubject(member) && AsText(parameter.Name + "." + member.Name, SymbolTypes.TypeOf(member)) is { } nested)
                {
                    return nested;
                }
            }
        }

        foreach (var symbol in inScope)
        {
            if (symbol is IParameterSymbol or IPropertySymbol or ILocalSymbol
                && subjectNames.Contains(symbol.Name.ToLowerInvariant()) && AsText(symbol.Name, SymbolTypes.TypeOf(symbol)) is { } named)
            {
                return named;
            }
        }

        return null;
    }

    // The service takes a string subject: strings as they are, Guids and integers through ToString().
    private static string? AsText(string expression, ITypeSymbol? type) =>
        type?.SpecialType switch
        {
            SpecialType.System_String => expression,
            SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64 => expression + ".ToString()",
            _ when type is { Name: "Guid", ContainingNamespace.Name: "System" } => expression + ".ToString()",
            _ => null,
        };

    // The callee's [RequiresSeparateConsent(Purpose = …)], when the operation is such a call.
    private static string? Purpose(SemanticModel model, SyntaxNode operation, CancellationToken cancellationToken)
    {
        var symbol = model.GetSymbolInfo(operation, cancellationToken).Symbol;
        return symbol?.GetAttributes()
            .Where(a => a.AttributeClass is { Name: "RequiresSeparateConsentAttribute" })
            .SelectMany(a => a.NamedArguments)
            .Where(n => n.Key == "Purpose" && n.Value.Value is string)
            .Select(n => (string)n.Value.Value!)
            .FirstOrDefault();
    }
}
