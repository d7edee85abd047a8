using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI012 (docs/rules/SPI012.md): a field, property or record parameter whose name says sensitive data (the name table,
/// <see cref="PersonalDataNames"/>) and whose type can hold it, that no source classifies, in a project that references
/// the annotations. A suggestion (Info): names are never evidence for any other rule.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnclassifiedSensitiveMemberAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnclassifiedSensitiveMember);

    public override void Initialize(AnalysisContext context)
    {
        // The driver still skips generated declarations; it no longer walks every token of each file reported in to
        // check each report (docs/design/architecture.md, "Generated code").
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Unlike the other rules, this one speaks where nothing is classified yet: that is where it helps most.
            if (KnownSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            var compilation = start.Compilation;
            var options = start.Options;
            var cancellationToken = start.CancellationToken;

            // Made for the first member whose name a row may match. It reads which texts may name our attributes (through the
            // cache our analyzers share): only they can put one on a type, so in code that classifies nothing the first type
            // question does not read every file's declarations. Where nothing can be classified (no annotation file classifies,
            // the shortcut every rule takes says so, AnnotationUsage, and no DataClassification subclass can be applied under
            // a name the shortcut does not read), no member or type is asked about: each suggestion asked the model twice for
            // nothing (benchmarks/results.md, session 55).
            var model = new Lazy<(SensitivityModel Model, bool ClassifiesNothing)>(
                () =>
                {
                    var mentions = SourceMentions.Of(compilation, cancellationToken);
                    var atRest = AtRestDefaults.Read(options);
                    var files = AnnotationFiles.Read(options, compilation, atRest, cancellationToken);
                    var classifiesNothing = files.Origins.Count == 0 && files.Attributes.IsEmpty && files.Taxonomies.IsEmpty
                        && !AnnotationUsage.MayClassify(compilation, symbols, mentions, cancellationToken)
                        && compilation.GetTypeByMetadataName(ThirdPartyAttributeOrigins.DataClassificationAttribute) is null;
                    return (new SensitivityModel(compilation, symbols, OriginSources.Of(compilation, symbols, atRest, files, mentions)), classifiesNothing);
                },
                LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSymbolAction(symbol => Analyze(symbol, model), SymbolKind.Field, SymbolKind.Property);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, Lazy<(SensitivityModel Model, bool ClassifiesNothing)> model)
    {
        // The name first: almost every member stops here, before its locations are made (each asking makes an array), its type is
        // bound (where nothing else asks, this is the member's first binding) or any classification is looked up.
        var member = context.Symbol;
        if (!PersonalDataNames.MayMatch(member.Name)
            || member.IsStatic || member.IsImplicitlyDeclared || member.Locations.IsEmpty || !member.Locations[0].IsInSource
            || member is IFieldSymbol { IsConst: true } or IPropertySymbol { IsIndexer: true } or IPropertySymbol { IsOverride: true })
        {
            return;
        }

        if (PersonalDataNames.Match(IdentifierWords.Of(member.Name)) is not { } row || SymbolTypes.TypeOf(member) is not { } type || !CanHoldData(type))
        {
            return;
        }

        var (classified, classifiesNothing) = model.Value;
        if ((!classifiesNothing
                && (classified.GetMemberOrigin(member) is not null || (member.ContainingType is { } owner && classified.GetTypeOrigin(owner) is not null)))
            || classified.IsDeclaredNotPersonal(member))
        {
            return;
        }

        var name = (member.ContainingType is null ? string.Empty : member.ContainingType.Name + ".") + member.Name;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnclassifiedSensitiveMember, member.Locations[0], FixProperties.Of(row), name, row.Category));
    }

    // What the fix reads, made once per row of the name table: a large code base can have thousands of suggestions.
    private static class FixProperties
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string[], ImmutableDictionary<string, string?>> ByRow = new();

        public static ImmutableDictionary<string, string?> Of(PersonalDataName row) => ByRow.GetValue(row.Words, _ => Create(row));

        private static ImmutableDictionary<string, string?> Create(PersonalDataName row)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(UnclassifiedSensitiveMemberRule.CategoryProperty, row.Category.ToString());
            var auto = row.Category == PiCategory.Biometric ? PiMaskKind.Remove : PiMaskKind.Full;
            if (row.Mask != PiMaskKind.Auto && row.Mask != auto)
            {
                properties = properties.Add(UnclassifiedSensitiveMemberRule.MaskProperty, row.Mask.ToString());
            }

            return row.AtRest == PiAtRest.Unspecified ? properties : properties.Add(UnclassifiedSensitiveMemberRule.AtRestProperty, row.AtRest.ToString());
        }
    }

    // Text, bytes, streams, numbers, dates and ids can hold the data; flags, single characters and collections cannot
    // (a collection's elements are classified where they are declared).
    private static bool CanHoldData(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Int16:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt16:
            case SpecialType.System_UInt32:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Double:
            case SpecialType.System_Single:
            case SpecialType.System_DateTime:
                return true;
            case SpecialType.None:
                break;
            default:
                return false;
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Char or SpecialType.System_Byte })
        {
            return true;
        }

        return type is INamedTypeSymbol named
            && (TypeHierarchy.FirstBaseNamed(named, "System.IO.Stream") is not null
                || TypeHierarchy.HasMetadataName(named, "System.DateOnly") || TypeHierarchy.HasMetadataName(named, "System.DateTimeOffset")
                || TypeHierarchy.HasMetadataName(named, "System.Guid"));
    }
}
