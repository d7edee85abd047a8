using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SensitivePi.Benchmarks;

/// <summary>
/// The benchmark's options, checked before anything runs: an option it does not know, or one missing its value, stops it
/// with the usage rather than starting the default command (which takes minutes and rewrites benchmarks/results.md).
/// </summary>
internal static class CommandLine
{
    private static readonly string[] ValueOptions = { "--sizes", "--runs", "--out", "--analyzer", "--src", "--with", "--ref", "--peers", "--option" };

    private static readonly string[] Flags = { "--concurrent", "--no-relaunch", "--fresh-texts", "--shared-texts" };

    private static readonly string[] GeneratedOnly = { "--sizes", "--analyzer", "--concurrent" };

    private static readonly string[] RealCodeOnly = { "--with", "--ref", "--peers" };

    private const string Usage = """
        Usage: dotnet run -c Release --project benchmarks/SensitivePi.Benchmarks [-- OPTIONS]

        Generated code (the default; writes benchmarks/results.md unless --out says otherwise):
          --sizes N,N,…       lines of generated code per measurement (default 25000,100000,400000)
          --runs N            measured runs per measurement, after an unmeasured one (default 3)
          --out FILE          where the table goes
          --analyzer DLL      a peer analyzer assembly measured beside ours
          --concurrent        let the driver run analyzers concurrently (single-threaded by default)

        Real code (writes benchmarks/results-real-code.md unless --out says otherwise):
          --src DIR           a folder of C# sources to compile, source-only (repeatable)
          --with FILE         a stand-in source file compiled with them (repeatable)
          --ref DIR           a folder of reference assemblies (repeatable)
          --peers scs,sonar   Security Code Scan and SonarAnalyzer.CSharp, measured in the same run
          --runs N, --out FILE

        Both:
          --option KEY=VALUE  an .editorconfig option given to the analyzers (repeatable)
          --no-relaunch       measure in this process, with its own runtime settings
          --shared-texts      every analysis reads the texts parsed once, as an editor does for the files not being
                              edited (by default each analysis of ours parses its sources anew, as a build does; what
                              the analyzers keep per text is then computed in every run)
          --fresh-texts       the default, said explicitly
          --help              this text
        """;

    /// <summary>Null when the benchmark may run; otherwise the exit code (0 for --help, 2 for a mistake).</summary>
    public static int? Check(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h") || args.Contains("-?"))
        {
            Console.Out.WriteLine(Usage);
            return 0;
        }

        if (args.Contains("--fresh-texts") && args.Contains("--shared-texts"))
        {
            return Refuse("'--fresh-texts' and '--shared-texts' contradict each other");
        }

        // Each mode reads its own options: one given to the other would be ignored, and the run would not be the one asked for.
        var realCode = args.Contains("--src");
        foreach (var option in realCode ? GeneratedOnly : RealCodeOnly)
        {
            if (args.Contains(option))
            {
                return Refuse(realCode ? $"'{option}' measures generated code; it does not go with '--src'" : $"'{option}' measures real code; it needs '--src'");
            }
        }

        for (var i = 0; i < args.Length; i++)
        {
            if (Array.IndexOf(Flags, args[i]) >= 0)
            {
                continue;
            }

            if (Array.IndexOf(ValueOptions, args[i]) < 0)
            {
                return Refuse($"unknown option '{args[i]}'");
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return Refuse($"'{args[i]}' needs a value");
            }

            if (args[i] is "--runs" && !(int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs > 0))
            {
                return Refuse($"'--runs' takes a positive whole number, not '{args[i + 1]}'");
            }

            if (args[i] is "--sizes" && !args[i + 1].Split(',').All(size => int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var lines) && lines > 0))
            {
                return Refuse($"'--sizes' takes positive whole numbers separated by commas, not '{args[i + 1]}'");
            }

            if (args[i] is "--option" && (args[i + 1].IndexOf('=') <= 0))
            {
                return Refuse($"'--option' takes KEY=VALUE, not '{args[i + 1]}'");
            }

            if (args[i] is "--peers" && args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(peer => !Peers.IsKnown(peer)) is { } unknown)
            {
                return Refuse($"'--peers': no peer '{unknown}' (known: {string.Join(", ", Peers.Names)})");
            }

            if (args[i] is "--src" or "--ref" && !Directory.Exists(args[i + 1]))
            {
                return Refuse($"'{args[i]}': no folder '{args[i + 1]}'");
            }

            if (args[i] is "--with" or "--analyzer" && !File.Exists(args[i + 1]))
            {
                return Refuse($"'{args[i]}': no file '{args[i + 1]}'");
            }

            i++;
        }

        return null;
    }

    private static int Refuse(string problem)
    {
        Console.Error.WriteLine("error: " + problem);
        Console.Error.WriteLine();
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
