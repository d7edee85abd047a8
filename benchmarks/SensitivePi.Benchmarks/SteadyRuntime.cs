using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SensitivePi.Benchmarks;

/// <summary>
/// Keeps garbage collections out of the measured runs (benchmarks/results.md, "session 31"). A run of ours on 250k
/// real lines allocates about 1.6 GB, and under a 1 GB generation-0 budget one collection of 1.1–1.6 s (the compilation
/// is alive, so it is all copied) fell inside whichever callback was running: one run of the same build measured three
/// times another. The budget is read only from the environment when the runtime starts, so the benchmark starts itself
/// again with it set, unless it is set already or <c>--no-relaunch</c> is given. The measured runs' collections are
/// counted and reported beside the figures. Tiered compilation is off in the project file for the same reason: the
/// compiler server a build uses runs warm, and with tiering the first runs of a process measured partly unoptimised code.
/// </summary>
internal static class SteadyRuntime
{
    private const string Gen0Variable = "DOTNET_GCgen0size";

    // About twice what the largest measured run (400k generated lines, annotated: 3.2 GB) allocates, within this machine's 24 GiB;
    // the runtime does not always grant it all (one such run of three still had a collection).
    private const long Gen0Budget = 6L << 30;

    private static int s_measuredRuns;
    private static int s_runsWithCollections;

    /// <summary>The child's exit code once it has run, or null when this process is to measure.</summary>
    public static int? RelaunchIfNeeded(string[] args)
    {
        if (args.Contains("--no-relaunch") || Environment.GetEnvironmentVariable(Gen0Variable) is { Length: > 0 } || Environment.ProcessPath is not { } host)
        {
            return null;
        }

        var start = new ProcessStartInfo(host) { UseShellExecute = false };

        // `dotnet SensitivePi.Benchmarks.dll …` starts the host, `dotnet run` the app host: the first needs the assembly named.
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(SteadyRuntime).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[Gen0Variable] = "0x" + Gen0Budget.ToString("x", CultureInfo.InvariantCulture);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start " + host);
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>Counts one measured run and whether a collection fell inside it.</summary>
    public static void NoteRun(int collections)
    {
        s_measuredRuns++;
        if (collections > 0)
        {
            s_runsWithCollections++;
        }
    }

    // The environment overrides the project's setting (DOTNET_TieredCompilation=1 measures with tiering, as a cold process runs).
    private static bool TieredCompilation =>
        Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is { Length: > 0 } set ? set != "0"
        : !AppContext.TryGetSwitch("System.Runtime.TieredCompilation", out var tiered) || tiered;

    /// <summary>The runtime's settings and what they achieved, for the report's first line.</summary>
    public static string Describe() =>
        $"tiered compilation {(TieredCompilation ? "on" : "off")}, "
        + $"generation-0 budget {(Environment.GetEnvironmentVariable(Gen0Variable) is { Length: > 0 } budget ? budget : "the runtime's default")}: "
        + $"a garbage collection fell inside {s_runsWithCollections} of {s_measuredRuns} measured analyzer runs";
}
