using System;
using System.Threading;
using System.Threading.Tasks;

namespace SensitivePi.Tool;

/// <summary>
/// <c>sensitivepi inventory|baseline|check &lt;project-or-solution&gt; …</c> (docs/command-line-tool.md). Exit codes: 0 done
/// and nothing reported, 1 findings reported (check), 2 the input could not be analysed or the command line is wrong, 3 a bug of the tool.
/// </summary>
internal static class Program
{
    public const int Clean = 0;
    public const int Findings = 1;
    public const int InputError = 2;
    public const int InternalError = 3;

    private static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            var command = CommandLine.Parse(args);
            if (command.Help)
            {
                Console.Out.Write(CommandLine.Usage);
                return Clean;
            }

            return await command.RunAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (ToolError e)
        {
            Console.Error.WriteLine("sensitivepi: " + e.Message);
            return InputError;
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            // A file the user named cannot be written (a folder in the way, no permission, a locked baseline).
            Console.Error.WriteLine("sensitivepi: " + e.Message);
            return InputError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("sensitivepi: cancelled");
            return InputError;
        }
        catch (Exception e)
        {
            // A bug of ours: one line the user can report, not a stack trace.
            Console.Error.WriteLine($"sensitivepi: unexpected error, please report it: {e.GetType().Name}: {e.Message}");
            return InternalError;
        }
    }
}
