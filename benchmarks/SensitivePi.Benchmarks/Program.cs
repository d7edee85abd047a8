using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SensitivePi.Benchmarks;

/// <summary>
/// Measures the analyzers against plain compilation on generated code (see README "Performance").
/// Usage: dotnet run -c Release --project benchmarks/SensitivePi.Benchmarks [-- --sizes 25000,100000,400000]
/// [--runs 3] [--out benchmarks/results.md] [--analyzer path/to/Other.Analyzers.dll] [--concurrent]
/// Real code: [-- --src DIR [--src DIR …] [--with FILE …] [--ref DIR …] [--peers scs,sonar] [--runs 3] [--out FILE]] (<see cref="RealCode"/>).
/// `--help` lists the options. Single-threaded by default: the driver's per-analyzer times add up CPU time across threads, so the
/// compile time they are compared with must not be spread over cores either.
/// </summary>
internal static class Program
{
    // Targets of the performance issue: checked here, never in timed unit tests.
    private const double MaxRatioAnnotated = 0.10;
    private const double MaxRatioUnannotated = 0.01;
    private const double MaxGrowth100kTo400k = 4.4;

    // The size of the warm-up code: large enough for the JIT to settle, small enough to take seconds.
    private const int WarmUpLines = 100_000;

    private static bool Concurrent { get; set; }

    /// <summary>
    /// Whether each analysis gets texts and trees of its own, as a build does (the default): with --shared-texts every run shares
    /// the texts parsed once, and what the analyzers keep per text is computed only the first time a text is analysed, as in an
    /// editor where the other files have not changed. The targets judge a build, which CI pays for every change. Compile time
    /// is measured on the shared texts either way (parsing is no part of it).
    /// </summary>
    internal static bool FreshTexts { get; private set; }

    /// <summary>How the runs got their texts, for the tables' headers.</summary>
    internal static string TextsDescription => FreshTexts
        ? "Each analysis parses its texts anew, as a build does."
        : "Every analysis reads the texts parsed once, as an editor does for unchanged files (--shared-texts).";

    private static int Runs { get; set; }

    private static int FloorRuns => Math.Max(3, (Runs + 1) / 2);

    public static async Task<int> Main(string[] args)
    {
        if (CommandLine.Check(args) is { } refused)
        {
            return refused;
        }

        if (SteadyRuntime.RelaunchIfNeeded(args) is { } exitCode)
        {
            return exitCode;
        }

        GlobalOptions.Parse(args);
        FreshTexts = !args.Contains("--shared-texts");
        if (args.Contains("--src"))
        {
            Runs = int.Parse(Option(args, "--runs", "3"), CultureInfo.InvariantCulture);
            return await RealCode.RunAsync(args, Runs, Option(args, "--out", Path.Combine("benchmarks", "results-real-code.md")));
        }

        var sizes = Option(args, "--sizes", "25000,100000,400000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var runs = Runs = int.Parse(Option(args, "--runs", "3"), CultureInfo.InvariantCulture);
        var output = Option(args, "--out", Path.Combine("benchmarks", "results.md"));
        var peer = Option(args, "--analyzer", string.Empty);
        Concurrent = args.Contains("--concurrent");

        var ours = OurAnalyzers();
        var peers = peer.Length == 0 ? ImmutableArray<DiagnosticAnalyzer>.Empty : LoadAnalyzers(peer);
        var references = References();

        await WarmUpAsync(references, ours.AddRange(FloorAnalyzers.All).AddRange(peers));

        var rows = new List<Row>();
        foreach (var size in sizes)
        {
            foreach (var annotated in new[] { true, false })
            {
                var trees = Generate(size, annotated, out var lines);
                Console.Error.WriteLine($"measuring {lines} lines, {(annotated ? "annotated" : "unannotated")}…");

                var errors = new List<Diagnostic>();
                var compile = Median(runs, () => Time(() => errors = Compile(trees, references).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList()));
                if (errors.Count > 0)
                {
                    // Measuring code that does not compile would measure error recovery, not analysis.
                    Console.Error.WriteLine("generated code does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Take(5)));
                    return 2;
                }

                // With the floor analyzers beside ours, both runs bind every body, whether or not ours register anything.
                var measured = await MeasureAnalyzersAsync(trees, references, ours.AddRange(FloorAnalyzers.All), runs);
                foreach (var floorAnalyzer in FloorAnalyzers.All)
                {
                    measured.Times.Remove(floorAnalyzer.GetType().Name);
                }

                var peerMs = peers.IsEmpty ? (double?)null : (await MeasureAnalyzersAsync(trees, references, peers, runs)).Times.Values.Sum();

                // The floor only gives the walk time and turns allocations into added allocations: fewer runs suffice.
                var floor = await MeasureAnalyzersAsync(trees, references, FloorAnalyzers.All, FloorRuns);
                rows.Add(new Row(lines, annotated, compile, measured.Times, peerMs, measured.AllocatedMb - floor.AllocatedMb, floor.Times[FloorAnalyzers.WalkerName]));
            }
        }

        var (table, failures) = Report(rows, ours);
        Console.WriteLine(table);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, table);
        foreach (var failure in failures)
        {
            Console.Error.WriteLine("target missed: " + failure);
        }

        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Brings the compiler and the analyzers to steady state before anything is timed. With tiered JIT
    /// compilation one run at 25k lines is not enough: the code stays partly unoptimised for several runs,
    /// and the first size measured took four times longer per line than the next.
    /// </summary>
    private static async Task WarmUpAsync(ImmutableArray<MetadataReference> references, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Console.Error.WriteLine($"warming up on about {WarmUpLines:N0} lines…");
        foreach (var annotated in new[] { true, false })
        {
            var trees = Generate(WarmUpLines, annotated, out _);
            _ = Compile(trees, references).GetDiagnostics();
            await MeasureAnalyzersAsync(trees, references, analyzers, runs: annotated ? 2 : 1, counted: false);
        }
    }

    /// <summary>
    /// Per analyzer, the execution time the driver logs; for the whole run, the bytes allocated, which the
    /// same run with the floor analyzers turns into what our analyzers add.
    /// </summary>
    internal static async Task<(Dictionary<string, double> Times, double AllocatedMb)> MeasureAnalyzersAsync(
        ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references, ImmutableArray<DiagnosticAnalyzer> analyzers, int runs, bool counted = true)
    {
        var samples = new List<Dictionary<string, double>>();
        var allocations = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            // A fresh compilation per run: nothing bound or cached from the previous one.
            var options = new CompilationWithAnalyzersOptions(
                GlobalOptions.Create(), onAnalyzerException: null,
                concurrentAnalysis: Concurrent, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
            var compilation = Compile(FreshTexts ? Reparsed(trees) : trees, references);

            // The compiler's declaration table and reference binding, which any build makes once: without this,
            // the first analyzer to look up a type at compilation start is charged with building them.
            _ = compilation.GetTypeByMetadataName(typeof(object).FullName!);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
            Settle();
            // The runtime's total is not monotonic under the server collector's dynamic adaptation (dotnet/runtime#131069):
            // now and then one run reads gigabytes too many (or a little too few). The median ignores such a run.
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var pausedBefore = GC.GetTotalPauseDuration();
            var collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
            var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0;
            var times = analyzers.ToDictionary(a => a.GetType().Name, a => result.AnalyzerTelemetryInfo[a].ExecutionTime.TotalMilliseconds);

            // Per run, on the error stream: garbage-collection pauses land in whichever callback is running, so
            // one run can differ from the next by tens of milliseconds; the spread shows how much.
            // A peer package brings hundreds of analyzers: its runs show the total.
            var shown = times.Count > 12 ? $"{times.Count} analyzers {times.Values.Sum():F0} ms" : string.Join(", ", times.Select(t => $"{t.Key} {t.Value:F0} ms"));
            Console.Error.WriteLine($"  run {run}: {shown}; "
                + $"allocated {allocatedMb:F0} MB, GC pauses {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:F0} ms "
                + $"(collections of generation 0/1/2: {GC.CollectionCount(0) - collectionsBefore.Item1}/{GC.CollectionCount(1) - collectionsBefore.Item2}/{GC.CollectionCount(2) - collectionsBefore.Item3})");
            if (counted)
            {
                SteadyRuntime.NoteRun(GC.CollectionCount(0) - collectionsBefore.Item1);
            }

            samples.Add(times);
            allocations.Add(allocatedMb);
        }

        return (samples[0].Keys.ToDictionary(name => name, name => Median(samples.Select(s => s[name]))), Median(allocations));
    }

    private static (string Table, List<string> Failures) Report(List<Row> rows, ImmutableArray<DiagnosticAnalyzer> ours)
    {
        var text = new StringBuilder();
        var names = ours.Select(a => a.GetType().Name).ToList();
        text.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, .NET {Environment.Version}; "
            + $"{(Concurrent ? "concurrent" : "single-threaded")} compilation and analysis; {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} garbage collector (the compiler's is server); median of {Runs} runs after a warm-up on {WarmUpLines:N0} lines (the floor: {FloorRuns} runs); {SteadyRuntime.Describe()}."
            + (GlobalOptions.Describe() is { Length: > 0 } set ? $" Options: {set}." : string.Empty)
            + " " + TextsDescription);
        text.AppendLine();
        text.AppendLine("- compile ms: binding and checking every body without analyzers (`GetDiagnostics`, no emit).");
        text.AppendLine("- our ms: the execution time the analyzer driver logs for our analyzers together (SPI004, SPI013, and one value-flow analyzer for every other rule) (ratio = our ms / compile ms, the target's measure); it includes the garbage collections that fall inside our callbacks.");
        text.AppendLine("- added MB: allocations of a run with ours and two reference analyzers, minus those of a run with the reference analyzers alone (control-flow graphs our rules ask for included). Wall-clock differences are not shown: on this machine garbage collection makes them vary by seconds at 400k lines.");
        text.AppendLine("- walk ms: the reference analyzer that only walks every operation of every body, for scale (the other does nothing).");
        text.AppendLine();
        text.Append("| lines | annotations | compile ms | our ms | ratio | added MB | walk ms |");
        foreach (var name in names)
        {
            text.Append(' ').Append(name.Replace("Analyzer", string.Empty, StringComparison.Ordinal)).Append(" ms |");
        }

        var hasPeer = rows.Any(r => r.PeerMs is not null);
        text.AppendLine(hasPeer ? " peer ms |" : string.Empty);
        text.Append("|---:|---|---:|---:|---:|---:|---:|").Append(string.Concat(names.Select(_ => "---:|"))).AppendLine(hasPeer ? "---:|" : string.Empty);
        foreach (var row in rows)
        {
            text.Append($"| {row.Lines:N0} | {(row.Annotated ? "yes" : "none")} | {row.CompileMs:F0} | {row.OursMs:F0} | {row.Ratio:P1} | {row.AddedMb:F0} | {row.WalkMs:F0} |");
            foreach (var name in names)
            {
                text.Append($" {row.PerAnalyzer[name]:F0} |");
            }

            text.AppendLine(hasPeer ? $" {row.PeerMs:F0} |" : string.Empty);
        }

        var failures = new List<string>();
        var growthChecked = false;
        text.AppendLine();
        foreach (var annotated in new[] { true, false })
        {
            var series = rows.Where(r => r.Annotated == annotated).OrderBy(r => r.Lines).ToList();
            for (var i = 1; i < series.Count; i++)
            {
                var growth = series[i].OursMs / Math.Max(series[i - 1].OursMs, 0.001);
                var exponent = Math.Log(growth) / Math.Log((double)series[i].Lines / series[i - 1].Lines);
                text.AppendLine($"- {(annotated ? "annotated" : "unannotated")} {series[i - 1].Lines:N0} → {series[i].Lines:N0} lines: our time ×{growth:F2} (growth exponent {exponent:F2})");
                // The target is the step from about 100k lines to four times that, not the steps below it.
                var growthStep = annotated && series[i - 1].Lines is >= 90_000 and <= 110_000 && series[i].Lines >= 4 * series[i - 1].Lines;
                growthChecked |= growthStep;
                if (growthStep && growth > MaxGrowth100kTo400k)
                {
                    failures.Add($"growth ×{growth:F2} from {series[i - 1].Lines:N0} to {series[i].Lines:N0} lines exceeds ×{MaxGrowth100kTo400k}");
                }
            }
        }

        foreach (var row in rows.Where(r => r.Lines >= 90_000 && r.Lines <= 110_000))
        {
            var limit = row.Annotated ? MaxRatioAnnotated : MaxRatioUnannotated;
            if (row.Ratio > limit)
            {
                failures.Add($"{(row.Annotated ? "annotated" : "unannotated")} {row.Lines:N0} lines: our analyzers take {row.Ratio:P1} of compile time, target ≤ {limit:P0}");
            }
        }

        // A target the sizes measured do not reach is reported as not checked, not as met.
        var notChecked = new List<string>();
        foreach (var annotated in new[] { true, false })
        {
            if (!rows.Any(r => r.Annotated == annotated && r.Lines is >= 90_000 and <= 110_000))
            {
                notChecked.Add($"the {(annotated ? "annotated" : "unannotated")} ratio (no size near 100k lines)");
            }
        }

        if (!growthChecked)
        {
            notChecked.Add("growth (no step from about 100k lines straight to four times that)");
        }

        text.AppendLine();
        text.AppendLine(failures.Count == 0 && notChecked.Count == 0
            ? $"All targets met: ≤ {MaxRatioAnnotated:P0} of compile time at 100k annotated lines, ≤ {MaxRatioUnannotated:P0} unannotated, ≤ ×{MaxGrowth100kTo400k} from 100k to 400k lines."
            : failures.Count == 0
                ? "No target missed among those these sizes check; not checked: " + string.Join("; ", notChecked) + "."
                : "Targets missed: " + string.Join("; ", failures) + "." + (notChecked.Count == 0 ? string.Empty : " Not checked: " + string.Join("; ", notChecked) + "."));
        return (text.ToString(), failures);
    }

    private static ImmutableArray<SyntaxTree> Generate(int lines, bool annotated, out int actualLines)
    {
        var units = Math.Max(1, lines / CodeGenerator.LinesPerUnit);
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = ImmutableArray.CreateBuilder<SyntaxTree>(units);
        actualLines = 0;
        for (var i = 0; i < units; i++)
        {
            var text = CodeGenerator.Unit(i, annotated);
            actualLines += text.Count(c => c == '\n');
            trees.Add(CSharpSyntaxTree.ParseText(text, options, path: $"Unit{i}.cs"));
        }

        return trees.MoveToImmutable();
    }

    // The same sources as new texts and trees, parsed before anything is timed. Read from bytes as the compiler reads a file
    // (SHA-256, its default checksum algorithm): such a text has its checksum from the start, computed while the bytes are in
    // hand, so no analyzer that asks for it is charged with it (a text made from a string computes it when first asked).
    private static ImmutableArray<SyntaxTree> Reparsed(ImmutableArray<SyntaxTree> trees) =>
        trees.Select(tree =>
        {
            using var bytes = new MemoryStream(Encoding.UTF8.GetBytes(tree.GetText().ToString()), writable: false);
            return CSharpSyntaxTree.ParseText(SourceText.From(bytes, Encoding.UTF8, SourceHashAlgorithm.Sha256), (CSharpParseOptions)tree.Options, tree.FilePath);
        }).ToImmutableArray();

    internal static CSharpCompilation Compile(ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references) =>
        CSharpCompilation.Create(
            "Bench",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: Concurrent));

    // The running .NET's own assemblies, the annotations and the logging abstractions next to this program.
    internal static ImmutableArray<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll" or "Microsoft.Extensions.Logging.Abstractions.dll");
        return platform
            .Append(typeof(SensitivePersonalInfoAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    /// <summary>Every analyzer this package ships, by name.</summary>
    internal static ImmutableArray<DiagnosticAnalyzer> OurAnalyzers() =>
        typeof(SensitivePi.Analyzers.Descriptors).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .OrderBy(a => a.GetType().Name, StringComparer.Ordinal)
            .ToImmutableArray();

    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers(string path) =>
        Assembly.LoadFrom(path).GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    // A full collection before each timed run, so that no run pays for the garbage of the one before.
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    internal static double Time(Action action)
    {
        Settle();
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    internal static double Median(int runs, Func<double> measure)
    {
        return Median(Enumerable.Range(0, runs).Select(_ => measure()));
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private sealed record Row(
        int Lines, bool Annotated, double CompileMs, Dictionary<string, double> PerAnalyzer, double? PeerMs, double AddedMb, double WalkMs)
    {
        public double OursMs => PerAnalyzer.Values.Sum();

        public double Ratio => OursMs / CompileMs;
    }
}
