using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace SensitivePi.Tests.Package;

/// <summary>The output of one <c>dotnet</c> command: exit code, stdout and stderr interleaved as they arrived.</summary>
public sealed record DotnetResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:0.0} s:{Environment.NewLine}{Output}";
}

/// <summary>
/// Runs the <c>dotnet</c> CLI as a user would, in a child process with a time limit. It takes no lock: when
/// the test run itself was started under the repository's build lock, these nested builds just run.
/// </summary>
public static class DotnetCli
{
    // Set by the dotnet CLI (and inherited by the test host) to the muxer that runs it: the same SDK again.
    private static readonly string Executable =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    // What the parent dotnet test / MSBuild sets for itself; the child CLI sets its own.
    private static readonly string[] InheritedMsBuildVariables =
    {
        "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
    };

    public static DotnetResult Run(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunProgram(Executable, workingDirectory, timeout, arguments);

    /// <summary>As <see cref="Run(string, TimeSpan, string[])"/>, with environment variables of its own (a separate DOTNET_CLI_HOME).</summary>
    public static DotnetResult Run(string workingDirectory, TimeSpan timeout, System.Collections.Generic.IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunProgram(Executable, workingDirectory, timeout, arguments, environment);

    /// <summary>
    /// Runs another program the way <see cref="Run"/> runs the CLI (an installed .NET tool's command): its runtime is
    /// the SDK's, found through DOTNET_ROOT as a user's shell would have it.
    /// </summary>
    public static DotnetResult RunProgram(string program, string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunProgram(program, workingDirectory, timeout, arguments, environment: null);

    private static DotnetResult RunProgram(string program, string workingDirectory, TimeSpan timeout, string[] arguments, System.Collections.Generic.IReadOnlyDictionary<string, string>? environment)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var name in InheritedMsBuildVariables)
        {
            startInfo.Environment.Remove(name);
        }

        // No build servers outliving the command (they would hold its output pipes open), and the package
        // folder each project's nuget.config names rather than a machine-wide override.
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        startInfo.Environment["UseSharedCompilation"] = "false";
        startInfo.Environment.Remove("NUGET_PACKAGES");
        if (Path.GetDirectoryName(Path.GetFullPath(Executable == "dotnet" ? FindOnPath("dotnet") ?? "dotnet" : Executable)) is { } root)
        {
            startInfo.Environment["DOTNET_ROOT"] = ResolveLinks(root);
        }

        foreach (var (name, value) in environment ?? new System.Collections.Generic.Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var commandLine = (program == Executable ? "dotnet" : Path.GetFileName(program)) + " " + string.Join(" ", arguments);
        var output = new StringBuilder();
        var stdoutClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderrClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data, stdoutClosed);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data, stderrClosed);

        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the timeout and the kill.
            }

            throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds} s; output so far:{Environment.NewLine}{Snapshot(output)}");
        }

        // A build server started by the child may hold the pipes open after it exits; what the command
        // printed has arrived by then, so wait for the end of the streams only briefly.
        Task.WhenAll(stdoutClosed.Task, stderrClosed.Task).Wait(TimeSpan.FromSeconds(30));
        stopwatch.Stop();
        return new DotnetResult(commandLine, process.ExitCode, Snapshot(output), stopwatch.Elapsed);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);

    // /usr/bin/dotnet is often a link into the installation folder, which is what DOTNET_ROOT must name.
    private static string ResolveLinks(string folder)
    {
        var muxer = new FileInfo(Path.Combine(folder, "dotnet"));
        return muxer.Exists && muxer.ResolveLinkTarget(returnFinalTarget: true) is { } target ? Path.GetDirectoryName(target.FullName) ?? folder : folder;
    }

    private static void Append(StringBuilder output, string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
