using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SensitivePi.Tool;

/// <summary>
/// <c>sensitivepi check</c>: the diagnostics a build reports, in the compiler's format, and optionally SARIF 2.1 with
/// the paths of cross-method findings as code flows. Exit code 1 when any warning or error is left unsuppressed.
/// </summary>
internal static class CheckCommand
{
    public static int Run(string input, IReadOnlyList<ProjectAnalysis> analyses, string? sarifPath)
    {
        var reported = 0;
        var accepted = 0;
        foreach (var analysis in analyses)
        {
            if (analysis.Problem is { } problem && !analysis.Analysed)
            {
                Console.Error.WriteLine($"sensitivepi: {analysis.Name}: not analysed: {problem}");
                continue;
            }

            foreach (var diagnostic in analysis.Diagnostics)
            {
                if (diagnostic.IsSuppressed)
                {
                    accepted++;
                    continue;
                }

                if (diagnostic.Severity >= DiagnosticSeverity.Warning)
                {
                    reported++;
                }

                Console.Out.WriteLine(Format(diagnostic));
            }
        }

        if (sarifPath is not null)
        {
            var full = Path.GetFullPath(sarifPath);
            if (Directory.Exists(full) || Path.GetDirectoryName(full) is not { } folder)
            {
                throw new ToolError($"{sarifPath}: is a folder; --sarif names the file to write");
            }

            Directory.CreateDirectory(folder);
            SarifLog.Write(full, analyses);
        }

        Console.Out.WriteLine($"{reported} finding(s){(accepted > 0 ? $", {accepted} accepted by a baseline or suppression" : string.Empty)} in {analyses.Count(a => a.Analysed)} project(s).");
        if (analyses.All(a => !a.Analysed))
        {
            throw new ToolError($"{input}: nothing could be analysed");
        }

        return reported > 0 ? Program.Findings : Program.Clean;
    }

    /// <summary>As the compiler prints it: <c>path(line,col): warning SPI002: message</c>.</summary>
    public static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var level = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        var where = span.Path.Length == 0 ? string.Empty : $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): ";
        return $"{where}{level} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }
}
