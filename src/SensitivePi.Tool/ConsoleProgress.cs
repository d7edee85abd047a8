using System;

namespace SensitivePi.Tool;

/// <summary>
/// The progress line of a long run (projects loaded, documents analysed), on standard error and only on a terminal:
/// quiet when output is redirected, so CI logs and piped JSON stay clean.
/// </summary>
internal sealed class ConsoleProgress
{
    private readonly bool _enabled;
    private int _lastLength;

    public ConsoleProgress(bool quiet) => _enabled = !quiet && !Console.IsErrorRedirected && !Console.IsOutputRedirected;

    public void Report(string text)
    {
        if (!_enabled)
        {
            return;
        }

        var line = text.Length > 100 ? text.Substring(0, 97) + "..." : text;
        Console.Error.Write("\r" + line.PadRight(_lastLength));
        _lastLength = line.Length;
    }

    public void Done()
    {
        if (_enabled && _lastLength > 0)
        {
            Console.Error.Write("\r" + new string(' ', _lastLength) + "\r");
            _lastLength = 0;
        }
    }
}
