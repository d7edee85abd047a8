using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SensitivePi.Tool;

/// <summary>The parsed command line: the command, the project or solution, and its options.</summary>
internal sealed class CommandLine
{
    public const string Usage = """
        sensitivepi - the record of processing, a baseline and SARIF from SensitivePiAnalyzers' analysis

        Usage:
          sensitivepi inventory <project-or-solution> [--out DIR] [--format json,md,html]
              The record of processing: every classified member, every flow of it (logs, network, storage,
              responses; masked, encrypted, guarded by which consent check), every identity-verification purpose.
              Writes inventory.json, inventory.md and inventory.html to DIR (default: the current folder).
          sensitivepi baseline <project-or-solution>
              Writes SensitivePi.baseline.json beside each project, accepting every current finding
              (entries that still match keep their justification).
          sensitivepi check <project-or-solution> [--sarif FILE]
              The diagnostics, as a build reports them; SARIF 2.1 with the paths of cross-method findings.

        Options:
          --quiet      no progress display (it is off anyway when output is redirected)
          --help       this text

        Exit codes: 0 nothing to report, 1 findings reported (check), 2 the input could not be analysed or the
        command line is wrong, 3 a bug of the tool.
        Documentation: https://github.com/SensitivePiAnalyzers/SensitivePiAnalyzers/blob/main/docs/command-line-tool.md

        """;

    private static readonly string[] KnownFormats = { "json", "md", "html" };

    private CommandLine(string name, string? input, IReadOnlyDictionary<string, string> options, bool quiet, bool help)
    {
        Name = name;
        Input = input;
        Options = options;
        Quiet = quiet;
        Help = help;
    }

    public string Name { get; }

    public string? Input { get; }

    public IReadOnlyDictionary<string, string> Options { get; }

    public bool Quiet { get; }

    public bool Help { get; }

    public static CommandLine Parse(string[] args)
    {
        if (args.Length == 0 || args[0] == "help" || args.Any(a => a is "--help" or "-h" or "-?"))
        {
            return new CommandLine("help", null, new Dictionary<string, string>(), quiet: true, help: true);
        }

        var name = args[0];
        var allowed = name switch
        {
            "inventory" => new[] { "--out", "--format" },
            "baseline" => Array.Empty<string>(),
            "check" => new[] { "--sarif" },
            _ => throw new ToolError($"unknown command '{name}'; the commands are inventory, baseline and check (sensitivepi --help)"),
        };

        string? input = null;
        var quiet = false;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--quiet")
            {
                quiet = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (!allowed.Contains(arg))
                {
                    throw new ToolError($"'{name}' has no option '{arg}' (sensitivepi --help)");
                }

                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(args[i + 1]))
                {
                    throw new ToolError($"option '{arg}' needs a value");
                }

                options[arg] = args[++i];
            }
            else if (input is null)
            {
                input = arg;
            }
            else
            {
                throw new ToolError($"one project or solution at a time; '{arg}' is one too many");
            }
        }

        if (input is null)
        {
            throw new ToolError($"'{name}' needs a project or solution: sensitivepi {name} <project-or-solution>");
        }

        if (options.TryGetValue("--format", out var formats))
        {
            if (Formats(formats).IsEmpty)
            {
                throw new ToolError("--format needs at least one of json, md and html");
            }

            foreach (var format in Formats(formats))
            {
                if (!KnownFormats.Contains(format))
                {
                    throw new ToolError($"unknown format '{format}'; the formats are json, md and html");
                }
            }
        }

        return new CommandLine(name, input, options, quiet, help: false);
    }

    public static ImmutableArray<string> Formats(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.ToLowerInvariant()).Distinct().ToImmutableArray();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var path = ProjectLoader.Resolve(Input!);
        var progress = new ConsoleProgress(Quiet);
        using var input = await ProjectLoader.LoadAsync(path, progress, cancellationToken).ConfigureAwait(false);
        foreach (var failure in input.Failures)
        {
            Console.Error.WriteLine("sensitivepi: warning: " + failure);
        }

        if (input.Projects.IsEmpty)
        {
            throw new ToolError($"{Input}: no C# project could be loaded" + (input.Failures.IsEmpty ? string.Empty : ": " + input.Failures[0]));
        }

        var analyses = new List<ProjectAnalysis>();
        foreach (var project in input.Projects)
        {
            var analysis = await ProjectAnalysis.RunAsync(project, progress, cancellationToken).ConfigureAwait(false);
            foreach (var failure in analysis.AnalyzerFailures)
            {
                Console.Error.WriteLine($"sensitivepi: warning: {project.Name}: analyzer failure (a bug, please report it): {failure}");
            }

            analyses.Add(analysis);
        }

        return Name switch
        {
            "inventory" => InventoryCommand.Run(path, analyses, Options.TryGetValue("--out", out var dir) ? dir : ".", Formats(Options.TryGetValue("--format", out var f) ? f : "json,md,html")),
            "baseline" => BaselineCommand.Run(analyses),
            _ => CheckCommand.Run(path, analyses, Options.TryGetValue("--sarif", out var sarif) ? sarif : null),
        };
    }
}
