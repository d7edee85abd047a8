using System.IO;
using System.Linq;
using System.Text;

namespace SensitivePi.Tool.Inventory;

/// <summary>inventory.md: the record of processing for review in a pull request or a document.</summary>
internal static class InventoryMarkdown
{
    public static void Write(Stream stream, InventoryDocument document)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        writer.WriteLine($"# Record of processing: {document.Input}");
        writer.WriteLine();
        writer.WriteLine("Written by `sensitivepi inventory` from the code's own classifications (PIPL Art. 55–56; Face Measures Art. 9). "
            + "Each flow is where classified data reaches a log, the network, storage, a response, an address or an exception; "
            + "*protection* says whether it was masked or encrypted on the way, *consent* which check guards it there.");
        foreach (var project in document.Projects)
        {
            writer.WriteLine();
            writer.WriteLine($"## {project.Name} (`{project.Path}`)");
            if (project.Note is { } note)
            {
                writer.WriteLine();
                writer.WriteLine($"> {note}");
            }

            writer.WriteLine();
            writer.WriteLine($"### Classified data ({project.Members.Length})");
            writer.WriteLine();
            if (project.Members.IsEmpty)
            {
                writer.WriteLine("None.");
            }
            else
            {
                writer.WriteLine("| Data | Kind | Category | Legal basis | Mask | At rest | Classified by | Declared at |");
                writer.WriteLine("|---|---|---|---|---|---|---|---|");
                foreach (var m in project.Members)
                {
                    writer.WriteLine($"| `{Cell(m.Name)}` | {m.Kind} | {m.Category}{(m.Form is { } form ? " (" + form + ")" : string.Empty)} | {m.LegalBasis} | {m.Mask} | {m.AtRest} | {Cell(m.ClassifiedBy)} | {(m.DeclaredAt is { } at ? $"`{at.Path}:{at.Line}`" : string.Empty)} |");
                }
            }

            writer.WriteLine();
            writer.WriteLine($"### Flows ({project.Flows.Length})");
            writer.WriteLine();
            if (project.Flows.IsEmpty)
            {
                writer.WriteLine("None.");
            }
            else
            {
                writer.WriteLine("| Data | Category | To | Sink | Target | Protection | Consent | Where | Through | Finding |");
                writer.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
                foreach (var f in project.Flows)
                {
                    var consent = f.Consent is { } c ? (c.IsEmpty ? "**none**" : Cell(string.Join("; ", c))) : "not followed across methods";
                    writer.WriteLine($"| `{Cell(f.DataName)}` | {f.Category} | {f.SinkKind} | `{Cell(f.Sink)}` | {Cell(f.Target ?? string.Empty)} | {(f.Protection == "none" ? "**none**" : f.Protection)} | {consent} | `{f.At}` | {Cell(string.Join(" → ", f.Through))} | {string.Join(", ", f.Findings)} |");
                }
            }

            writer.WriteLine();
            writer.WriteLine($"### Identity verification ({project.Purposes.Length} purposes)");
            writer.WriteLine();
            if (project.Purposes.IsEmpty)
            {
                writer.WriteLine("None.");
            }
            else
            {
                writer.WriteLine("| Purpose | Method | Verdict | Where |");
                writer.WriteLine("|---|---|---|---|");
                foreach (var purpose in project.Purposes)
                {
                    foreach (var method in purpose.Methods)
                    {
                        writer.WriteLine($"| {Cell(purpose.Purpose)}{(purpose.BiometricOnly ? " (**biometric only**)" : string.Empty)} | `{Cell(method.Name)}` | {method.Verdict} | `{method.At}` |");
                    }
                }
            }

            writer.WriteLine();
            writer.WriteLine($"### Findings ({project.Findings.Count(f => !f.Accepted)} open, {project.Findings.Count(f => f.Accepted)} accepted)");
            writer.WriteLine();
            if (project.Findings.IsEmpty)
            {
                writer.WriteLine("None.");
            }

            foreach (var finding in project.Findings)
            {
                writer.WriteLine($"- {finding.Rule} `{finding.At}`{(finding.Accepted ? " (accepted)" : string.Empty)}: {finding.Message}");
            }
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
