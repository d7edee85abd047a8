namespace SensitivePi.Analyzers.Knowledge;

/// <summary>Calls that send over a network; the channel column says how encryption is decided.</summary>
internal static class NetworkSinks
{
    private static readonly string[] HttpVerbs = { "Get*", "Post*", "Put*", "Patch*", "Delete*", "Send*" };

    public static readonly SinkEntry[] Rows =
    {
        new(SinkKind.Network, "System.Net.Http.Json.HttpClientJsonExtensions", HttpVerbs, channel: NetworkChannel.Http, serializes: true),
        new(SinkKind.Network, "System.Net.Http.HttpClient", HttpVerbs, channel: NetworkChannel.Http),
        // A download sends its address: data in the URL goes out too.
        new(SinkKind.Network, "System.Net.WebClient", new[] { "Upload*", "Download*" }, channel: NetworkChannel.Http),
        new(SinkKind.Network, "System.Net.WebSockets.WebSocket", new[] { "SendAsync" }, channel: NetworkChannel.WebSocket),
        new(SinkKind.Network, "System.Net.Mail.SmtpClient", new[] { "Send", "SendAsync", "SendMailAsync" }, channel: NetworkChannel.Smtp),
        new(SinkKind.Network, "System.Net.Sockets.Socket", new[] { "Send*" }, channel: NetworkChannel.Raw),
        new(SinkKind.Network, "System.Net.Sockets.UdpClient", new[] { "Send*" }, channel: NetworkChannel.Raw),
        new(SinkKind.Network, WellKnownTypes.NetworkStream, new[] { "Write*" }, channel: NetworkChannel.Raw),
        new(SinkKind.Network, WellKnownTypes.TextWriter, new[] { "Write*", "WriteLine*" }, channel: NetworkChannel.Writer),
        new(SinkKind.Network, WellKnownTypes.BinaryWriter, new[] { "Write*" }, channel: NetworkChannel.Writer),
        new(SinkKind.Network, WellKnownTypes.Stream, new[] { "Write*" }, channel: NetworkChannel.FtpStream),
    };
}
