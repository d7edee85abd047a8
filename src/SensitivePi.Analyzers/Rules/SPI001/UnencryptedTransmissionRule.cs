using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Analysis;

namespace SensitivePi.Analyzers.Rules;

/// <summary>The diagnostics of SPI001 (docs/rules/SPI001.md), with the properties its code fix reads.</summary>
public static class UnencryptedTransmissionRule
{
    /// <summary>Diagnostic property: present when the first additional location is the literal whose scheme the fix rewrites.</summary>
    public const string SchemeLiteralProperty = "SchemeLiteral";

    /// <summary>Diagnostic property: present when the first additional location is the SmtpClient creation the fix sets EnableSsl on.</summary>
    public const string ClientCreationProperty = "ClientCreation";

    /// <summary>Diagnostic property: the first additional location is the FtpWebRequest declaration the fix sets EnableSsl after.</summary>
    public const string RequestDeclarationProperty = "RequestDeclaration";

    internal static Diagnostic Create(SinkHit hit, Taint readable, ChannelVerdict verdict)
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
            hit.DescribeData(readable),
            hit.Sink.DisplayName,
            Citations.Transmission(readable.Categories()));
    }

    /// <summary>Data entering a path to a plaintext send in another method: reported where it enters, naming the path (no fix: the channel is elsewhere).</summary>
    internal static Diagnostic CreateAcross(CrossMethodFinding finding, Taint readable) =>
        Diagnostic.Create(
            CompilationEndDescriptors.UnencryptedTransmission,
            finding.Node.GetLocation(),
            finding.StepLocations(),
            readable.Describe(),
            finding.SinkAndPath,
            Citations.Transmission(readable.Categories()));
}
