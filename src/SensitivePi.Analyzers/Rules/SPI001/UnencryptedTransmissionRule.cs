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

    /// <summary>
    /// A send to a relative URI on a factory client whose registration gives it an http:// BaseAddress; the fix
    /// rewrites the scheme in the registration.
    /// </summary>
    internal static Diagnostic CreateRegistered(RegisteredSend send, ChannelVerdict verdict) =>
        Diagnostic.Create(
            CompilationEndDescriptors.UnencryptedTransmission,
            send.Location,
            verdict.SchemeLiteral is { } literal ? ImmutableArray.Create(literal.GetLocation()) : ImmutableArray<Location>.Empty,
            verdict.SchemeLiteral is not null ? ImmutableDictionary<string, string?>.Empty.Add(SchemeLiteralProperty, "true") : ImmutableDictionary<string, string?>.Empty,
            send.Data,
            $"{send.Sink}' with the BaseAddress of '{send.Client.Display}",
            send.Citation);

    /// <summary>Data entering a path to a plaintext send in another method: reported where it enters, naming the path (no fix: the channel is elsewhere).</summary>
    internal static Diagnostic CreateAcross(CrossMethodFinding finding, Taint readable, HttpClientKey? registration = null) =>
        Diagnostic.Create(
            CompilationEndDescriptors.UnencryptedTransmission,
            finding.Node.GetLocation(),
            finding.StepLocations(),
            readable.Describe(),
            registration is { } client ? $"{finding.SinkAndPath}' with the BaseAddress of '{client.Display}" : finding.SinkAndPath,
            Citations.Transmission(readable.Categories()));
}

/// <summary>A send whose channel waits for the registrations of its client: what its diagnostic will say.</summary>
internal sealed class RegisteredSend
{
    public RegisteredSend(HttpClientKey client, SinkHit hit, Taint readable)
    {
        Client = client;
        Location = hit.Node.GetLocation();
        Data = hit.DescribeData(readable);
        Sink = hit.Sink.DisplayName;
        Citation = Citations.Transmission(readable.Categories());
    }

    public HttpClientKey Client { get; }

    public Location Location { get; }

    public string Data { get; }

    public string Sink { get; }

    public string Citation { get; }
}
