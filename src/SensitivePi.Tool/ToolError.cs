using System;

namespace SensitivePi.Tool;

/// <summary>
/// A problem with the input the user can act on (a path that is no project, a project that does not load): shown
/// as one line, exit code 2, never as a stack trace (docs/command-line-tool.md, "Exit codes").
/// </summary>
internal sealed class ToolError : Exception
{
    public ToolError(string message)
        : base(message)
    {
    }
}
