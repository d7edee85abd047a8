using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SensitivePi.Analyzers.Engine;

namespace SensitivePi.Analyzers.Rules;

/// <summary>SPI001: a sensitive value or container is sent over a channel the code shows to be plaintext.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnencryptedTransmissionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: present when the first additional location is the literal whose scheme the fix rewrites.</summary>
    public const string SchemeLiteralProperty = "SchemeLiteral";

    /// <summary>Diagnostic property: present when the first additional location is the SmtpClient creation the fix sets EnableSsl on.</summary>
    public const string ClientCreationProperty = "ClientCreation";

    /// <summary>Diagnostic property: the first additional location is the FtpWebRequest declaration the fix sets EnableSsl after.</summary>
    public const string RequestDeclarationProperty = "RequestDeclaration";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnencryptedTransmission);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ValueFlowEngine.TryCreate(start.Compilation, start.CancellationToken) is not { } engine)
            {
                return;
            }

            // Per type: a client's BaseAddress or EnableSsl may be set in a constructor or field initializer,
            // so calls through fields are resolved once every member of the type has been seen.
            start.RegisterSymbolStartAction(symbolStart => AnalyzeType(symbolStart, engine), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolStartAnalysisContext context, ValueFlowEngine engine)
    {
        var type = context.Symbol;
        var typeFacts = new ValueDefinitions();
        var deferred = new ConcurrentQueue<(SinkHit Hit, ValueDefinitions Body)>();
        context.RegisterOperationAction(
            operation => typeFacts.Collect(operation.Operation),
            OperationKind.FieldInitializer,
            OperationKind.PropertyInitializer,
            OperationKind.SimpleAssignment);

        context.RegisterOperationBlockAction(block =>
        {
            // Members of nested types belong to their own type's analysis.
            if (!SymbolEqualityComparer.Default.Equals(block.OwningSymbol.ContainingType, type))
            {
                return;
            }

            ValueDefinitions? body = null;
            foreach (var hit in engine.Analyze(block, SinkKind.Network))
            {
                body ??= ValueDefinitions.Of(hit.Root);
                var verdict = new ChannelResolver(body, type: null).Resolve(hit);
                if (verdict.NeedsTypeFacts)
                {
                    deferred.Enqueue((hit, body));
                }
                else if (verdict.Security == ChannelSecurity.Plaintext)
                {
                    block.ReportDiagnostic(Create(hit, verdict));
                }
            }
        });

        context.RegisterSymbolEndAction(end =>
        {
            foreach (var (hit, body) in deferred)
            {
                var verdict = new ChannelResolver(body, typeFacts).Resolve(hit);
                if (verdict.Security == ChannelSecurity.Plaintext)
                {
                    end.ReportDiagnostic(Create(hit, verdict));
                }
            }
        });
    }

    private static Diagnostic Create(SinkHit hit, ChannelVerdict verdict)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        var additionalLocations = ImmutableArray<Location>.Empty;
        if (verdict.SchemeLiteral is { } literal)
        {
            properties = properties.Add(SchemeLiteralProperty, "true");
            additionalLocations = ImmutableArray.Create(literal.GetLocation());
        }
        else if (verdict.ClientCreation is { } creation)
        {
            properties = properties.Add(ClientCreationProperty, "true");
            additionalLocations = ImmutableArray.Create(creation.GetLocation());
        }
        else if (verdict.RequestDeclaration is { } declaration)
        {
            properties = properties.Add(RequestDeclarationProperty, "true");
            additionalLocations = ImmutableArray.Create(declaration.GetLocation());
        }

        return Diagnostic.Create(
            Descriptors.UnencryptedTransmission,
            hit.Node.GetLocation(),
            additionalLocations,
            properties,
            hit.Taint.Describe(),
            hit.Sink.DisplayName);
    }
}
