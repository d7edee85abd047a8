namespace SensitivePi.Analyzers.Knowledge;

/// <summary>Metadata names of framework and library types that code (not only table rows) asks about.</summary>
internal static class WellKnownTypes
{
    public const string ILogger = "Microsoft.Extensions.Logging.ILogger";
    public const string LoggerMessageAttribute = "Microsoft.Extensions.Logging.LoggerMessageAttribute";
    public const string Console = "System.Console";
    public const string TextWriter = "System.IO.TextWriter";
    public const string BinaryWriter = "System.IO.BinaryWriter";
    public const string Stream = "System.IO.Stream";
    public const string FormFile = "Microsoft.AspNetCore.Http.IFormFile";
    public const string NetworkStream = "System.Net.Sockets.NetworkStream";
    public const string SslStream = "System.Net.Security.SslStream";
    public const string StringBuilder = "System.Text.StringBuilder";
    public const string InterpolatedStringHandlerAttribute = "System.Runtime.CompilerServices.InterpolatedStringHandlerAttribute";
    public const string PiMask = "SensitivePi.PiMask";
}
