using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI013 (docs/rules/SPI013.md): annotations that cannot mean what they say, reported on the attribute. Read from
/// symbols and attribute arguments once per type, with no data flow; nothing is registered in a compilation that
/// does not reference the annotations or names none of them.
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

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AnnotationMisuse);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.TryCreate(start.Compilation) is not { } symbols || !AnnotationUsage.MayClassify(start.Compilation, symbols, start.CancellationToken))
            {
                return;
            }

            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, symbols), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, KnownSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        CheckClassification(context, type, type, symbols);
        var subjects = 0;
        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared)
            {
                continue;
            }

            switch (member)
            {
                case IFieldSymbol field:
                    CheckClassification(context, field, field.Type, symbols);
                    break;
                case IPropertySymbol property:
                    CheckClassification(context, property, property.Type, symbols);
                    break;
                case IMethodSymbol method:
                    CheckMethod(context, method, symbols);
                    break;
            }

            // More than one [ConsentSubject] in a type: which one identifies the person is a guess.
            if (symbols.ConsentSubjectAttribute is { } subjectAttribute && Find(member.GetAttributes(), subjectAttribute) is { } subject && ++subjects > 1)
            {
                Report(context, subject, $"'{type.Name}' has more than one [ConsentSubject]; '{member.Name}' is not the first: keep one");
            }
        }
    }

    private static void CheckMethod(SymbolAnalysisContext context, IMethodSymbol method, KnownSymbols symbols)
    {
        CheckClassification(context, method, method.ReturnType, symbols, method.GetReturnTypeAttributes());
        foreach (var parameter in method.Parameters)
        {
            CheckClassification(context, parameter, parameter.Type, symbols);
        }

        var attributes = method.GetAttributes();
        foreach (var check in new[] { symbols.SeparateConsentCheckAttribute, symbols.GuardianConsentCheckAttribute })
        {
            if (check is not null && Find(attributes, check) is { } found && !IsCheckShape(method.ReturnType))
            {
                Report(context, found, $"'{method.Name}' is marked [{Short(check)}] but returns '{method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}': a check returns bool (true: granted), Task<bool> or ValueTask<bool>, or void, Task or ValueTask (it throws when refused)");
            }
        }

        if (symbols.IdentityVerificationAttribute is { } verification && Find(attributes, verification) is { } purpose
            && purpose.ConstructorArguments.Length == 1 && string.IsNullOrWhiteSpace(purpose.ConstructorArguments[0].Value as string))
        {
            Report(context, purpose, $"'{method.Name}' is marked [IdentityVerification] with an empty purpose: name the purpose the method verifies identity for");
        }

        foreach (var sanitizer in new[] { symbols.MasksPersonalInfoAttribute, symbols.EncryptsPersonalInfoAttribute })
        {
            if (sanitizer is not null && Find(attributes, sanitizer) is { } found && ReturnsAParameterUnchanged(method))
            {
                Report(context, found, $"'{method.Name}' is marked [{Short(sanitizer)}] but returns its parameter unchanged: every value passed through it would count as masked or encrypted");
            }
        }
    }

    // Mask and Form must fit the annotated value (docs/rules/SPI013.md).
    private static void CheckClassification(SymbolAnalysisContext context, ISymbol holder, ITypeSymbol type, KnownSymbols symbols, ImmutableArray<AttributeData> attributes = default)
    {
        var found = Find(attributes.IsDefault ? holder.GetAttributes() : attributes, symbols.SensitivePersonalInfoAttribute);
        if (found is null || found.ConstructorArguments.Length != 1 || found.ConstructorArguments[0].Value is not int category)
        {
            return;
        }

        int? mask = null;
        int? form = null;
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
        }

        // A type annotation describes its instances, not one value: its members carry their own masks.
        if (holder is not INamedTypeSymbol && mask is { } kind && kind != MaskAuto && kind != MaskFull && kind != MaskRemove)
        {
            var kindName = ((PiMaskKind)kind).ToString();
            if (kind == MaskDate ? !IsDate(type) && !IsText(type) : !IsText(type) && !IsNumeric(type) && !IsDate(type))
            {
                Report(context, found, $"'Mask = MaskKind.{kindName}' cannot apply to '{holder.Name}' of type '{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}': a {kindName} mask formats text{(kind == MaskDate ? " or dates" : ", numbers or dates")}; use Full or Remove");
            }
        }

        if (form is { } biometricForm && biometricForm != FormUnspecified && category != Biometric)
        {
            Report(context, found, $"'Form = BiometricForm.{(PiBiometricForm)biometricForm}' is set on '{holder.Name}', whose category is {(PiCategory)category}: a form describes biometric data only");
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

    private static string Short(INamedTypeSymbol attribute) =>
        attribute.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? attribute.Name.Substring(0, attribute.Name.Length - "Attribute".Length) : attribute.Name;

    private static void Report(SymbolAnalysisContext context, AttributeData attribute, string problem)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is { } syntax)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AnnotationMisuse, syntax.GetLocation(), problem));
        }
    }
}
