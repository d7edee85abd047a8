using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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

namespace SensitivePi.Benchmarks;

/// <summary>
/// The real-code mode: <c>--src DIR [--src DIR …] [--with FILE …] [--ref DIR …] [--peers scs,sonar] [--runs 3] [--out FILE]</c>. Each
/// folder's C# files are compiled source-only, as the IDE sees a half-restored solution (framework reference
/// assemblies and the logging abstractions; every other package unresolved), once as they are and once with
/// members named like personal data classified (<see cref="NameTable"/>). Reported per code base: lines, compile
/// ms, our analyzers' ms on both, the floor (one walk over every operation, <see cref="FloorAnalyzers"/>), each peer's
/// ms on the original, our diagnostics per rule on the annotated code, and analyzer exceptions (which must be none).
/// </summary>
internal static class RealCode
{
    // Issue 23's targets on real code: ours within 3 % of compile time where members are classified, 0.2 % where nothing is,
    // and within 0.05× Security Code Scan's time on the same compilation. Code that uses classified members as it is (ASP.NET
    // Core Identity's user type, whose members carry [ProtectedPersonalData]) has its original run held to the 3 % target.
    private const double AnnotatedTarget = 0.03;
    private const double UnannotatedTarget = 0.002;
    private const double PeerTarget = 0.05;

    // What the SDK's implicit usings add to every project (Microsoft.NET.Sdk), plus logging, which services use.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        global using global::Microsoft.Extensions.Logging;
        """;

    public static async Task<int> RunAsync(string[] args, int runs, string output)
    {
        var folders = Values(args, "--src");
        var extra = Values(args, "--with");
        var peers = Peers.Load(Values(args, "--peers").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries)));
        // `--ref DIR`: every assembly of a folder referenced too (a reference pack, a package's lib folder), so that the
        // types a rule needs to see (ASP.NET Core, EF Core) resolve as in a restored build.
        // An assembly already referenced (System.*, the logging abstractions) keeps its first copy.
        var platform = Program.References();
        var named = new HashSet<string>(platform.Select(r => Path.GetFileName(r.Display ?? string.Empty)), StringComparer.OrdinalIgnoreCase);
        var references = platform.AddRange(Values(args, "--ref")
            .SelectMany(folder => Directory.GetFiles(folder, "*.dll"))
            .Where(path => named.Add(Path.GetFileName(path)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)));
        var ours = Program.OurAnalyzers();
        var failures = new List<string>();
        var text = new StringBuilder();
        text.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, .NET {Environment.Version}; single-threaded; median of {runs} runs after one warm-up run per code base, each run compiling and then running our analyzers on the annotated and the original code (a ratio is the median of the runs' own ratios). "
            + Program.TextsDescription + " "
            + "Source-only compilation: framework reference assemblies and Microsoft.Extensions.Logging.Abstractions"
            + (Values(args, "--ref").Count > 0 ? ", and the assemblies of " + string.Join(", ", Values(args, "--ref").Select(Path.GetFileName)) : string.Empty)
            + "; other packages unresolved, so compile errors are expected and ignored."
            + (GlobalOptions.Describe() is { Length: > 0 } set ? $" Options: {set}." : string.Empty));
        text.AppendLine();
        text.Append("| code base | files | lines | compile ms | classified members | classified members the original uses | ours annotated ms | ratio | ours original ms | ratio | one walk over every operation ms | ratio | our diagnostics (annotated) | analyzer exceptions |");
        text.AppendLine(string.Concat(peers.Select(p => $" {p.Name} ms |")));
        text.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|").AppendLine(string.Concat(peers.Select(_ => "---:|")));

        foreach (var folder in folders)
        {
            var (trees, lines) = Parse(folder, extra);
            var annotated = ImmutableArray.CreateBuilder<SyntaxTree>(trees.Length);
            var classified = 0;
            foreach (var tree in trees)
            {
                annotated.Add(NameTable.Annotate(tree, out var count));
                classified += count;
            }

            // `eShop/src` reads better than `src`.
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
            var name = Path.GetFileName(full) is "src" or "source" ? Path.GetFileName(Path.GetDirectoryName(full)!) + "/src" : Path.GetFileName(full);
            Console.Error.WriteLine($"{name}: {trees.Length} files, {lines:N0} lines, {classified} members classified by name");

            // The classified members the code as it is uses (ASP.NET Core Identity's user type carries [ProtectedPersonalData]):
            // where there are any, its original run is no unannotated one.
            var ownClassified = OwnClassified(Program.Compile(trees, references));
            var selfClassified = ownClassified > 0;

            // One unmeasured run per code base: the JIT settles on its shapes before anything is timed.
            await Program.MeasureAnalyzersAsync(annotated.ToImmutable(), references, ours, runs: 1, counted: false);

            // Interleaved: each measured run compiles, then runs our analyzers on the annotated and on the original code, and each
            // ratio is taken within its run. This machine's speed drifts by half within minutes; measured minutes apart, the two
            // sides of a ratio would not see the same machine.
            var measuredRuns = new List<(double Compile, double Annotated, double Unannotated)>();
            Dictionary<string, double>? perAnalyzer = null;
            for (var run = 0; run < runs; run++)
            {
                var compiled = Program.Time(() => Program.Compile(trees, references).GetDiagnostics());
                var withAnnotations = await Program.MeasureAnalyzersAsync(annotated.ToImmutable(), references, ours, runs: 1);
                var without = await Program.MeasureAnalyzersAsync(trees, references, ours, runs: 1);
                measuredRuns.Add((compiled, withAnnotations.Times.Values.Sum(), without.Times.Values.Sum()));
                perAnalyzer ??= withAnnotations.Times;
                Console.Error.WriteLine($"{name}: run {run + 1}: compile {compiled:F0} ms, ours annotated {measuredRuns[run].Annotated:F0} ms, unannotated {measuredRuns[run].Unannotated:F0} ms");
            }

            var compile = Program.Median(measuredRuns.Select(r => r.Compile));
            var annotatedMs = Program.Median(measuredRuns.Select(r => r.Annotated));
            var unannotatedMs = Program.Median(measuredRuns.Select(r => r.Unannotated));
            var annotatedRatio = Program.Median(measuredRuns.Select(r => r.Annotated / r.Compile));
            var unannotatedRatio = Program.Median(measuredRuns.Select(r => r.Unannotated / r.Compile));

            // The floor: an analyzer that only walks every operation of every body (FloorAnalyzers), alone, as ours runs alone.
            // It pays what any analyzer that looks at every body pays: the operation trees built for it.
            var walk = (await Program.MeasureAnalyzersAsync(annotated.ToImmutable(), references, FloorAnalyzers.All, runs)).Times[FloorAnalyzers.WalkerName];
            Console.Error.WriteLine($"{name}: per analyzer, annotated (first run): {string.Join(", ", perAnalyzer!.Select(t => $"{t.Key} {t.Value:F0} ms"))}");
            var (diagnostics, exceptions) = await DiagnosticsAsync(annotated.ToImmutable(), references, ours);

            text.Append($"| {name} | {trees.Length:N0} | {lines:N0} | {compile:F0} | {classified:N0} | {ownClassified:N0} | {annotatedMs:F0} | {annotatedRatio:P1} | {unannotatedMs:F0} | {unannotatedRatio:P2} | {walk:F0} | {walk / compile:P1} | {diagnostics} | {exceptions} |");
            Miss(annotatedRatio > AnnotatedTarget, $"{name}: ours annotated {annotatedRatio:P1} of compile time (target ≤ {AnnotatedTarget:P0})");
            var originalTarget = selfClassified ? AnnotatedTarget : UnannotatedTarget;
            Miss(unannotatedRatio > originalTarget, selfClassified
                ? $"{name}: ours on the original code, which uses {ownClassified} classified members, {unannotatedRatio:P1} of compile time (target ≤ {originalTarget:P0})"
                : $"{name}: ours unannotated {unannotatedRatio:P2} of compile time (target ≤ {originalTarget:P1})");
            Miss(exceptions > 0, $"{name}: {exceptions} analyzer exceptions");
            foreach (var peer in peers)
            {
                await Program.MeasureAnalyzersAsync(trees, references, peer.Analyzers, runs: 1, counted: false);
                var measured = await Program.MeasureAnalyzersAsync(trees, references, peer.Analyzers, runs);
                var peerMs = measured.Times.Values.Sum();
                text.Append($" {peerMs:F0} |");
                Miss(peer.Name.StartsWith("Security Code Scan", StringComparison.Ordinal) && annotatedMs > PeerTarget * peerMs,
                    $"{name}: ours annotated {annotatedMs:F0} ms is {annotatedMs / peerMs:F3}× Security Code Scan's {peerMs:F0} ms (target ≤ {PeerTarget}×)");
            }

            text.AppendLine();

            // Row by row: a code base that takes long must not cost the rows already measured.
            File.WriteAllText(output, text.ToString());
        }

        text.AppendLine().AppendLine("Runtime: " + SteadyRuntime.Describe() + ". " + Program.TextsDescription);
        foreach (var failure in failures)
        {
            text.AppendLine().Append("Target missed: ").Append(failure).AppendLine(".");
        }

        Console.WriteLine(text);
        File.WriteAllText(output, text.ToString());
        foreach (var failure in failures)
        {
            Console.Error.WriteLine("target missed: " + failure);
        }

        return failures.Count == 0 ? 0 : 1;

        void Miss(bool missed, string failure)
        {
            if (missed)
            {
                failures.Add(failure);
            }
        }
    }

    // The folder's files (their lines are the code base's), the implicit usings, and stand-ins given with --with.
    private static (ImmutableArray<SyntaxTree> Trees, int Lines) Parse(string folder, List<string> extra)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: new[] { "NET", "NETCOREAPP", "NET8_0", "NET8_0_OR_GREATER", "RELEASE" });
        var trees = ImmutableArray.CreateBuilder<SyntaxTree>();
        var lines = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "obj" or "bin" or ".git"))
            {
                continue;
            }

            var source = File.ReadAllText(path);
            lines += source.Count(c => c == '\n');
            trees.Add(CSharpSyntaxTree.ParseText(source, options, path));
        }

        trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, options, "ImplicitUsings.g.cs"));
        foreach (var path in extra)
        {
            trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path));
        }

        return (trees.ToImmutable(), lines);
    }

    // Our diagnostics by rule, and how many times an analyzer threw (AD0001 in a build).
    private static async Task<(string ByRule, int Exceptions)> DiagnosticsAsync(
        ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var exceptions = 0;
        var options = new CompilationWithAnalyzersOptions(
            GlobalOptions.Create(),
            onAnalyzerException: (exception, analyzer, diagnostic) =>
            {
                Interlocked.Increment(ref exceptions);
                Console.Error.WriteLine($"  {analyzer.GetType().Name} threw: {exception.GetType().Name}: {exception.Message}");
            },
            concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var diagnostics = await Program.Compile(trees, references).WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("SPI", StringComparison.Ordinal)).OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
        {
            var line = diagnostic.Location.GetLineSpan();
            Console.Error.WriteLine($"  {Path.GetFileName(line.Path)}({line.StartLinePosition.Line + 1}): {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
        }

        var byRule = diagnostics.Where(d => d.Id.StartsWith("SPI", StringComparison.Ordinal))
            .GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}");
        var ad0001 = diagnostics.Count(d => d.Id == "AD0001");
        return (string.Join(", ", byRule) is { Length: > 0 } listed ? listed : "none", exceptions + ad0001);
    }

    // The fields and properties our engine finds classified without the name table (its own model, as the analyzers read it) among
    // those the compilation's types declare or inherit and those of the types its declarations use: a base, an interface, a field,
    // property, parameter or return type, and their type arguments (`IUserStore<IdentityUser>` uses Identity's user type, whose
    // members carry [ProtectedPersonalData]).
    private static int OwnClassified(Compilation compilation)
    {
        if (SensitivePi.Analyzers.Analysis.ValueFlowEngine.TryCreate(compilation) is not { } engine)
        {
            return 0;
        }

        var used = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var scopes = new Stack<INamespaceOrTypeSymbol>();
        scopes.Push(compilation.Assembly.GlobalNamespace);
        while (scopes.Count > 0)
        {
            foreach (var member in scopes.Pop().GetMembers())
            {
                if (member is INamespaceOrTypeSymbol scope)
                {
                    scopes.Push(scope);
                }

                if (member is INamedTypeSymbol type)
                {
                    Use(type, depth: 0);
                    Use(type.BaseType, depth: 0);
                    foreach (var implemented in type.Interfaces)
                    {
                        Use(implemented, depth: 0);
                    }

                    foreach (var declared in type.GetMembers())
                    {
                        switch (declared)
                        {
                            case IFieldSymbol field:
                                Use(field.Type, depth: 0);
                                break;
                            case IPropertySymbol property:
                                Use(property.Type, depth: 0);
                                break;
                            case IMethodSymbol method:
                                Use(method.ReturnType, depth: 0);
                                foreach (var parameter in method.Parameters)
                                {
                                    Use(parameter.Type, depth: 0);
                                }

                                break;
                        }
                    }
                }
            }
        }

        var classified = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var type in used)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IFieldSymbol or IPropertySymbol && engine.Model.GetMemberOrigin(member) is not null)
                    {
                        classified.Add(member.OriginalDefinition);
                    }
                }
            }
        }

        return classified.Count;

        void Use(ITypeSymbol? type, int depth)
        {
            if (depth > 4)
            {
                return;
            }

            if (type is IArrayTypeSymbol array)
            {
                Use(array.ElementType, depth + 1);
            }
            else if (type is INamedTypeSymbol named && used.Add(named.OriginalDefinition))
            {
                foreach (var argument in named.TypeArguments)
                {
                    Use(argument, depth + 1);
                }
            }
            else if (type is INamedTypeSymbol generic)
            {
                foreach (var argument in generic.TypeArguments)
                {
                    Use(argument, depth + 1);
                }
            }
        }
    }

    private static List<string> Values(string[] args, string name)
    {
        var values = new List<string>();
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == name)
            {
                values.Add(args[i + 1]);
            }
        }

        return values;
    }
}

/// <summary>
/// Peer analyzers loaded as the compiler loads them (<see cref="AnalyzerFileReference"/>), from the packages this
/// project restores without using them (see the project file): a package whose code fixes reference an older
/// Workspaces (Security Code Scan) still yields its analyzers, because only the analyzer types are instantiated.
/// Meziantou.Analyzer is not among them: every version the feed serves is built for Roslyn 5, and this program
/// compiles with Roslyn 4.8, the version the package supports.
/// </summary>
internal static class Peers
{
    private static readonly Dictionary<string, (string Name, string Package, string[] Paths)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["scs"] = ("Security Code Scan 5.6.7", "securitycodescan.vs2019/5.6.7", new[] { "analyzers/dotnet/SecurityCodeScan.VS2019.dll" }),
        ["sonar"] = ("SonarAnalyzer.CSharp 9.32", "sonaranalyzer.csharp/9.32.0.97167", new[] { "analyzers/SonarAnalyzer.CSharp.dll" }),
    };

    /// <summary>The keys <c>--peers</c> accepts.</summary>
    public static IEnumerable<string> Names => Known.Keys;

    public static bool IsKnown(string key) => Known.ContainsKey(key);

    public static List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> Load(IEnumerable<string> keys)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var loader = new Loader();
        var loaded = new List<(string, ImmutableArray<DiagnosticAnalyzer>)>();
        foreach (var key in keys)
        {
            if (!Known.TryGetValue(key, out var peer))
            {
                throw new ArgumentException($"unknown peer '{key}'; known: {string.Join(", ", Known.Keys)}");
            }

            var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            foreach (var relative in peer.Paths)
            {
                var path = Path.Combine(packages, peer.Package, relative);
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"{peer.Name} is not restored: build benchmarks/SensitivePi.Benchmarks first", path);
                }

                loader.AddDependencyLocation(path);
                analyzers.AddRange(new AnalyzerFileReference(path, loader).GetAnalyzers(LanguageNames.CSharp));
            }

            Console.Error.WriteLine($"{peer.Name}: {analyzers.Count} analyzers");
            loaded.Add((peer.Name, analyzers.ToImmutable()));
        }

        return loaded;
    }

    // Loads each analyzer assembly once; its dependencies resolve from the folders the peers' assemblies are in.
    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        private readonly List<string> _folders = new();

        public Loader() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        public void AddDependencyLocation(string fullPath)
        {
            var folder = Path.GetDirectoryName(fullPath)!;
            if (!_folders.Contains(folder))
            {
                _folders.Add(folder);
            }
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);

        private Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var file = new AssemblyName(args.Name).Name + ".dll";
            return _folders.Select(folder => Path.Combine(folder, file)).Where(File.Exists).Select(Assembly.LoadFrom).FirstOrDefault();
        }
    }
}
