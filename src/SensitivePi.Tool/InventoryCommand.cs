using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using SensitivePi.Tool.Inventory;

namespace SensitivePi.Tool;

/// <summary>
/// <c>sensitivepi inventory</c>: the record of processing as inventory.json (for machines and diffs), inventory.md (for
/// review) and inventory.html (a self-contained page with a picture of the flows). docs/command-line-tool.md.
/// </summary>
internal static class InventoryCommand
{
    public static int Run(string input, IReadOnlyList<ProjectAnalysis> analyses, string outDirectory, ImmutableArray<string> formats)
    {
        var document = InventoryDocument.From(input, analyses);
        var directory = Path.GetFullPath(outDirectory);
        Directory.CreateDirectory(directory);
        foreach (var format in formats)
        {
            var path = Path.Combine(directory, "inventory." + format);
            using (var stream = File.Create(path))
            {
                switch (format)
                {
                    case "json":
                        InventoryJson.Write(stream, document);
                        stream.WriteByte((byte)'\n');
                        break;
                    case "md":
                        InventoryMarkdown.Write(stream, document);
                        break;
                    case "html":
                        InventoryHtml.Write(stream, document);
                        break;
                }
            }

            Console.Out.WriteLine("Wrote " + Path.GetRelativePath(Environment.CurrentDirectory, path));
        }

        foreach (var project in document.Projects.Where(p => p.Note is not null))
        {
            Console.Error.WriteLine($"sensitivepi: {project.Name}: {project.Note}");
        }

        var members = document.Projects.Sum(p => p.Members.Length);
        var flows = document.Projects.Sum(p => p.Flows.Length);
        Console.Out.WriteLine($"{members} classified member(s), {flows} flow(s), {document.Projects.Sum(p => p.Purposes.Length)} identity-verification purpose(s) in {document.Projects.Length} project(s).");
        return analyses.All(a => !a.Analysed) ? Program.InputError : Program.Clean;
    }
}
