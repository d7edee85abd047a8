using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI013 (docs/rules/SPI013.md): annotations that cannot mean what they say, reported on the attribute. Read from
/// each of our attributes in the source and the symbol it annotates, with no data flow; nothing is registered in a
/// compilation that does not reference the annotations or names none of them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AnnotationMisuseAnalyzer : DiagnosticAnalyzer
{
    // The enum values as the annotations declare them (Model/PiEnums mirrors them; a meta-test keeps them equal).
    private const int MaskAuto = (int)PiMaskKind.Auto;
    private const int MaskFull = (int)PiMaskKind.Full;
    private const int MaskRemove = (int)PiMaskKind.Remove;
    private const int MaskDate = (int)PiMaskKind.Date;
    private const int Biometric = (int)PiCategory.Biometric;
    private const int FormUnspecified = (int)PiBiometricForm.Unspecified;
    private const int NeverStore = (int)PiAtRest.NeverStore;
    private const int FinancialAccount = (int)PiCategory.FinancialAccount;
    private const int AuthenticationCredential = (int)PiCategory.AuthenticationCredential;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AnnotationMisuse);

    public override void Initialize(AnalysisContext context)
    {
        // The driver still skips generated declarations; it no longer walks every token of each file reported in to
        // check each report (docs/design/architecture.md, "Generated code").
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            // The baseline is read by the suppressor, which cannot report: what it cannot read is reported here, in the file.
            start.RegisterAdditionalFileAction(CheckBaseline);
            start.RegisterAdditionalFileAction(CheckAnnotationFile);
            if (!AnnotationUsage.MayClassify(start.Compilation, symbols, SourceMentions.Of(start.Compilation, start.CancellationToken), start.CancellationToken))
            {
                return;
            }

            // A global alias named like one of our attributes can apply another of them under that name: then every attribute is bound.
            var compilation = start.Compilation;
            var cancellation = start.CancellationToken;
            var globalAlias = new System.Lazy<bool>(() => compilation.SyntaxTrees.Any(tree =>
                tree.GetRoot(cancellation) is CompilationUnitSyntax unit && AttributeOrigins.HasGlobalAlias(unit) && AliasesOurName(unit.Usings)));

            // Attributes are few, and ours fewer: a name test first, the symbols only for them (a symbol action per
            // type bound the attributes of every member, and cost a few percent of compile time).
            start.RegisterSyntaxNodeAction(node => AnalyzeAttribute(node, symbols, globalAlias), SyntaxKind.Attribute);
        });
    }

    // What an annotation file cannot say (malformed, an entry naming no symbol), in the file (docs/annotation-files.md).
    private static void CheckAnnotationFile(AdditionalFileAnalysisContext context)
    {
        if (!AnnotationFiles.IsAnnotationFile(context.AdditionalFile.Path) || context.AdditionalFile.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        var atRest = AtRestDefaults.Read(context.Options);
        foreach (var problem in AnnotationFiles.Read(context.AdditionalFile.Path, text, context.Compilation, atRest).Problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AnnotationMisuse, problem.Location, System.IO.Path.GetFileName(problem.Path) + ": " + problem.Message));
        }
    }

    private static void CheckBaseline(AdditionalFileAnalysisContext context)
    {
        if (!Suppression.Baseline.IsBaseline(context.AdditionalFile.Path) || context.AdditionalFile.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        foreach (var problem in Suppression.Baseline.Read(text).Problems)
        {
            var location = Location.Create(context.AdditionalFile.Path, problem.Span, text.Lines.GetLinePositionSpan(problem.Span));
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AnnotationMisuse, location, Suppression.Baseline.FileName + ": " + problem.Message));
        }
    }

    private static readonly ImmutableHashSet<string> OurNames = ImmutableHashSet.Create(
        "SensitivePersonalInfo", "SeparateConsentCheck", "GuardianConsentCheck", "IdentityVerification", "ConsentSubject", "MasksPersonalInfo", "EncryptsPersonalInfo");

    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context, KnownSymbols symbols, System.Lazy<bool> globalAlias)
    {
        var attribute = (AttributeSyntax)context.Node;
        var name = AttributeOrigins.WithoutSuffix(AttributeOrigins.RightmostName(attribute.Name));

        if (!OurNames.Contains(name) || attribute.Parent is not AttributeListSyntax list)
        {
            return;
        }

        // Binding the annotated declaration costs more than everything else here, and most annotations need no binding to be
        // seen to fit: only what the syntax leaves open is bound (benchmarks/results.md, session 53).
        if (!MayBeMisused(name, attribute, list) && !Aliased(attribute, globalAlias))
        {
            return;
        }

        var isReturn = list.Target?.Identifier.ValueText == "return";
        var declaration = list.Parent is BaseFieldDeclarationSyntax field && field.Declaration.Variables.Count > 0 ? field.Declaration.Variables[0] : list.Parent;
        if (declaration is null || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } holder)
        {
            return;
        }

        var attributes = isReturn && holder is IMethodSymbol returning ? returning.GetReturnTypeAttributes() : holder.GetAttributes();
        AttributeData? data = null;
        foreach (var candidate in attributes)
        {
            if (candidate.ApplicationSyntaxReference?.Span == attribute.Span && candidate.ApplicationSyntaxReference.SyntaxTree == attribute.SyntaxTree)
            {
                data = candidate;
            }
        }

        if (data?.AttributeClass is not { } attributeClass)
        {
            return;
        }

        void Report(string problem) => context.ReportDiagnostic(Diagnostic.Create(Descriptors.AnnotationMisuse, attribute.GetLocation(), problem));

        if (SymbolEqualityComparer.Default.Equals(attributeClass, symbols.SensitivePersonalInfoAttribute))
        {
            var type = holder switch
            {
                IMethodSymbol method when isReturn => method.ReturnType,
                IFieldSymbol f => f.Type,
                IPropertySymbol property => property.Type,
                IParameterSymbol parameter => parameter.Type,
                INamedTypeSymbol named => named,
                _ => null,
            };
            if (type is not null && (isReturn || holder is not IMethodSymbol))
            {
                CheckClassification(holder, type, data, Report);
            }
        }
        else if (holder is IMethodSymbol method)
        {
            CheckMethod(method, data, attributeClass, symbols, Report);
        }
        else if (SymbolEqualityComparer.Default.Equals(attributeClass, symbols.ConsentSubjectAttribute) && holder.ContainingType is { } owner)
        {
            // More than one [ConsentSubject] in a type: which one identifies the person is a guess. Each after the
            // first, in source order, is reported.
            foreach (var member in owner.GetMembers())
            {
                if (!SymbolEqualityComparer.Default.Equals(member, holder) && member.Locations.Length > 0 && holder.Locations.Length > 0
                    && member.Locations[0].SourceTree == holder.Locations[0].SourceTree && member.Locations[0].SourceSpan.Start < holder.Locations[0].SourceSpan.Start
                    && Find(member.GetAttributes(), attributeClass) is not null)
                {
                    Report($"'{owner.Name}' has more than one [ConsentSubject]; '{holder.Name}' is not the first: keep one");
                    return;
                }
            }
        }
    }

    // Whether the checks below could report this attribute, as far as its syntax tells: a classification reports only through
    // its Mask, Form or AtRest; a purpose only when it is empty or white space; a subject only when an earlier member of its
    // type, in the same file, carries an attribute too. False only where the answer is certain, if the name is the attribute's
    // own (Aliased says when it may not be).
    private static bool MayBeMisused(string name, AttributeSyntax attribute, AttributeListSyntax list) => name switch
    {
        "SensitivePersonalInfo" => attribute.ArgumentList?.Arguments.Any(argument =>
            argument.NameEquals?.Name.Identifier.ValueText is "Mask" or "Form" or "AtRest") == true,
        "IdentityVerification" => attribute.ArgumentList?.Arguments is not { Count: 1 } arguments
            || arguments[0] is not { NameEquals: null, NameColon: null, Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } purpose }
            || string.IsNullOrWhiteSpace(purpose.Token.ValueText),
        "ConsentSubject" => !FirstAttributedMember(list),
        _ => true,
    };

    // Whether the name may be an alias (`using SensitivePersonalInfo = SensitivePi.MasksPersonalInfoAttribute;`) declared in the
    // attribute's file or globally.
    private static bool Aliased(AttributeSyntax attribute, System.Lazy<bool> globalAlias)
    {
        foreach (var scope in attribute.Ancestors())
        {
            if ((scope is CompilationUnitSyntax unit && AliasesOurName(unit.Usings))
                || (scope is BaseNamespaceDeclarationSyntax space && AliasesOurName(space.Usings)))
            {
                return true;
            }
        }

        return globalAlias.Value;
    }

    private static bool AliasesOurName(SyntaxList<UsingDirectiveSyntax> usings)
    {
        foreach (var directive in usings)
        {
            if (directive.Alias is { } alias && OurNames.Contains(AttributeOrigins.WithoutSuffix(alias.Name.Identifier.ValueText)))
            {
                return true;
            }
        }

        return false;
    }

    // Whether the attribute list is on a member of a type declared in one piece (not partial, no primary constructor
    // parameters with attributes), and no member declared before it has attributes: then no member before it can carry
    // [ConsentSubject]. Anything else (a parameter, an enum member, a record parameter) is left to the symbols.
    private static bool FirstAttributedMember(AttributeListSyntax list)
    {
        if (list.Parent is not MemberDeclarationSyntax annotated || annotated.Parent is not TypeDeclarationSyntax type
            || type.Modifiers.Any(SyntaxKind.PartialKeyword)
            || type.ParameterList?.Parameters.Any(parameter => parameter.AttributeLists.Count > 0) == true)
        {
            return false;
        }

        foreach (var member in type.Members)
        {
            if (member == annotated)
            {
                return true;
            }

            if (member.AttributeLists.Count > 0)
            {
                return false;
            }
        }

        return false;
    }

    private static void CheckMethod(IMethodSymbol method, AttributeData found, INamedTypeSymbol attributeClass, KnownSymbols symbols, System.Action<string> report)
    {
        if ((SymbolEqualityComparer.Default.Equals(attributeClass, symbols.SeparateConsentCheckAttribute)
                || SymbolEqualityComparer.Default.Equals(attributeClass, symbols.GuardianConsentCheckAttribute))
            && !IsCheckShape(method.ReturnType))
        {
            report($"'{method.Name}' is marked [{Short(attributeClass)}] but returns '{method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}': a check returns bool (true: granted), Task<bool> or ValueTask<bool>, or void, Task or ValueTask (it throws when refused)");
        }

        if (SymbolEqualityComparer.Default.Equals(attributeClass, symbols.IdentityVerificationAttribute)
            && found.ConstructorArguments.Length == 1 && string.IsNullOrWhiteSpace(found.ConstructorArguments[0].Value as string))
        {
            report($"'{method.Name}' is marked [IdentityVerification] with an empty purpose: name the purpose the method verifies identity for");
        }

        if ((SymbolEqualityComparer.Default.Equals(attributeClass, symbols.MasksPersonalInfoAttribute)
                || SymbolEqualityComparer.Default.Equals(attributeClass, symbols.EncryptsPersonalInfoAttribute))
            && ReturnsAParameterUnchanged(method))
        {
            report($"'{method.Name}' is marked [{Short(attributeClass)}] but returns its parameter unchanged: every value passed through it would count as masked or encrypted");
        }
    }

    // Mask and Form must fit the annotated value (docs/rules/SPI013.md).
    private static void CheckClassification(ISymbol holder, ITypeSymbol type, AttributeData found, System.Action<string> report)
    {
        if (found.ConstructorArguments.Length != 1 || found.ConstructorArguments[0].Value is not int category)
        {
            return;
        }

        int? mask = null;
        int? form = null;
        int? atRest = null;
        foreach (var named in found.NamedArguments)
        {
            if (named.Key == "Mask" && named.Value.Value is int maskValue)
            {
                mask = maskValue;
            }
            else if (named.Key == "Form" && named.Value.Value is int formValue)
            {
                form = formValue;
            }
            else if (named.Key == "AtRest" && named.Value.Value is int atRestValue)
            {
                atRest = atRestValue;
            }
        }

        // A type annotation describes its instances, not one value: its members carry their own masks.
        if (holder is not INamedTypeSymbol && mask is { } kind && kind != MaskAuto && kind != MaskFull && kind != MaskRemove)
        {
            var kindName = ((PiMaskKind)kind).ToString();
            if (kind == MaskDate ? !IsDate(type) && !IsText(type) : !IsText(type) && !IsNumeric(type) && !IsDate(type))
            {
                report($"'Mask = MaskKind.{kindName}' cannot apply to '{holder.Name}' of type '{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}': a {kindName} mask formats text{(kind == MaskDate ? " or dates" : ", numbers or dates")}; use Full or Remove");
            }
        }

        if (form is { } biometricForm && biometricForm != FormUnspecified && category != Biometric)
        {
            report($"'Form = BiometricForm.{(PiBiometricForm)biometricForm}' is set on '{holder.Name}', whose category is {(PiCategory)category}: a form describes biometric data only");
        }

        // GB/T 45574 §6.5 names payment data (track data, CVN2, expiry, PIN, payment password): elsewhere, double-check.
        if (atRest == NeverStore && category != FinancialAccount && category != AuthenticationCredential)
        {
            report($"'AtRest = AtRest.NeverStore' is set on '{holder.Name}', whose category is {(PiCategory)category}: never storing is meant for payment data (card track data, CVN2, expiry dates, card PINs, payment passwords); check that this data really must not be kept, or use AtRest.Encrypted");
        }
    }

    private static bool IsCheckShape(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Void
        || type is INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace.Name: "Threading" } } task
            && (task.TypeArguments.Length == 0 || task.TypeArguments[0].SpecialType == SpecialType.System_Boolean);

    // Every `return` (or the expression body) is one of the method's parameters, as given.
    private static bool ReturnsAParameterUnchanged(IMethodSymbol method)
    {
        if (method.Parameters.IsEmpty)
        {
            return false;
        }

        var returns = 0;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax();
            if (declaration is MethodDeclarationSyntax { ExpressionBody.Expression: var expression })
            {
                return IsParameter(expression, method);
            }

            foreach (var node in declaration.DescendantNodes(child => child == declaration || child is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is ReturnStatementSyntax statement)
                {
                    if (statement.Expression is null || !IsParameter(statement.Expression, method))
                    {
                        return false;
                    }

                    returns++;
                }
            }
        }

        return returns > 0;
    }

    private static bool IsParameter(ExpressionSyntax expression, IMethodSymbol method)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        if (expression is not IdentifierNameSyntax identifier)
        {
            return false;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == identifier.Identifier.ValueText)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsText(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_String
        || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Char };

    private static bool IsNumeric(ITypeSymbol type) =>
        Underlying(type).SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Decimal;

    private static bool IsDate(ITypeSymbol type) =>
        Underlying(type) is { SpecialType: SpecialType.System_DateTime } or INamedTypeSymbol { Name: "DateTimeOffset" or "DateOnly", ContainingNamespace.Name: "System" };

    private static ITypeSymbol Underlying(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable ? nullable.TypeArguments[0] : type;

    private static AttributeData? Find(ImmutableArray<AttributeData> attributes, INamedTypeSymbol attribute)
    {
        foreach (var data in attributes)
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return data;
            }
        }

        return null;
    }

    private static string Short(INamedTypeSymbol attribute) => AttributeOrigins.WithoutSuffix(attribute.Name);
}
