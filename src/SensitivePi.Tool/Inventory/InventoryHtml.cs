using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;

namespace SensitivePi.Tool.Inventory;

/// <summary>
/// inventory.html: one self-contained page (no network, no external script or style) with, per project, a picture of
/// the flows (categories of data → the code that handles them → sinks, coloured by protection) and the tables of the
/// Markdown. A small inline script highlights a node's flows and says how many it drew (docs/command-line-tool.md).
/// </summary>
internal static class InventoryHtml
{
    private const int NodeWidth = 230;
    private const int RowHeight = 34;
    private static readonly int[] Columns = { 10, 380, 750 };

    public static void Write(Stream stream, InventoryDocument document)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        writer.WriteLine("<!DOCTYPE html>");
        writer.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        writer.WriteLine($"<title>Record of processing: {E(document.Input)}</title>");
        writer.WriteLine("<style>");
        writer.WriteLine("body{font-family:system-ui,sans-serif;margin:2em;color:#1b1b1b}table{border-collapse:collapse;margin:1em 0;font-size:13px}"
            + "th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f3f3f3}code{font-size:12px}"
            + ".none{color:#b00020;font-weight:600}.masked{color:#1b7f3b}.encrypted{color:#1f4fb0}"
            + "svg.flows{border:1px solid #ddd;background:#fcfcfc}svg.flows text{font-size:12px}svg.flows rect{fill:#fff;stroke:#888}"
            + "path.edge{fill:none;stroke-width:2;opacity:.75}path.edge.none{stroke:#d32f2f}path.edge.masked{stroke:#2e7d32}path.edge.encrypted{stroke:#1565c0}"
            + "path.edge.dim{opacity:.08}.legend span{margin-right:1.5em}");
        writer.WriteLine("</style></head><body>");
        writer.WriteLine($"<h1>Record of processing: {E(document.Input)}</h1>");
        writer.WriteLine("<p>Written by <code>sensitivepi inventory</code> from the code's own classifications (PIPL Art. 55–56; Face Measures Art. 9). "
            + "Each flow is where classified data reaches a log, the network, storage, a response, an address or an exception.</p>");
        writer.WriteLine("<p class=\"legend\"><span class=\"none\">━ not protected</span><span class=\"masked\">━ masked</span><span class=\"encrypted\">━ encrypted</span> <span id=\"status\"></span></p>");

        var index = 0;
        foreach (var project in document.Projects)
        {
            writer.WriteLine($"<h2>{E(project.Name)} <small><code>{E(project.Path)}</code></small></h2>");
            if (project.Note is { } note)
            {
                writer.WriteLine($"<p><em>{E(note)}</em></p>");
            }

            WritePicture(writer, project, index++);
            WriteTables(writer, project);
        }

        writer.WriteLine("<script>");
        writer.WriteLine("(function(){var edges=document.querySelectorAll('svg.flows path.edge');"
            + "document.querySelectorAll('svg.flows g.node').forEach(function(node){var key=node.getAttribute('data-key');"
            + "node.addEventListener('mouseenter',function(){edges.forEach(function(e){if(e.getAttribute('data-from')!==key&&e.getAttribute('data-to')!==key){e.classList.add('dim');}});});"
            + "node.addEventListener('mouseleave',function(){edges.forEach(function(e){e.classList.remove('dim');});});});"
            + "document.getElementById('status').textContent=edges.length+' flow edges drawn';document.body.setAttribute('data-rendered',String(edges.length));})();");
        writer.WriteLine("</script></body></html>");
    }

    private static void WritePicture(StreamWriter writer, ProjectRecord project, int projectIndex)
    {
        if (project.Flows.IsEmpty)
        {
            writer.WriteLine("<p>No flows to draw.</p>");
            return;
        }

        // Categories → code (the type whose member handles the data) → sinks; an edge takes its flows' worst protection.
        var categories = project.Flows.Select(f => f.Category).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
        var code = project.Flows.Select(CodeOf).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
        var sinks = project.Flows.Select(SinkOf).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        var left = Edges(project.Flows.Select(f => (f.Category, CodeOf(f), f.Protection)));
        var right = Edges(project.Flows.Select(f => (CodeOf(f), SinkOf(f), f.Protection)));
        var rows = Math.Max(categories.Count, Math.Max(code.Count, sinks.Count));
        var height = (rows * RowHeight) + 50;
        var width = Columns[2] + NodeWidth + 10;
        writer.WriteLine($"<svg class=\"flows\" role=\"img\" aria-label=\"Flows of {E(project.Name)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        writer.WriteLine($"<text x=\"{Columns[0]}\" y=\"18\" font-weight=\"600\">Data (category)</text><text x=\"{Columns[1]}\" y=\"18\" font-weight=\"600\">Code</text><text x=\"{Columns[2]}\" y=\"18\" font-weight=\"600\">Sink</text>");
        foreach (var (from, to, protection) in left)
        {
            WriteEdge(writer, projectIndex, 0, categories.IndexOf(from), from, 1, code.IndexOf(to), to, protection);
        }

        foreach (var (from, to, protection) in right)
        {
            WriteEdge(writer, projectIndex, 1, code.IndexOf(from), from, 2, sinks.IndexOf(to), to, protection);
        }

        WriteNodes(writer, projectIndex, 0, categories);
        WriteNodes(writer, projectIndex, 1, code);
        WriteNodes(writer, projectIndex, 2, sinks);
        writer.WriteLine("</svg>");
    }

    private static List<(string From, string To, string Protection)> Edges(IEnumerable<(string From, string To, string Protection)> flows) =>
        flows.GroupBy(f => (f.From, f.To))
            .Select(g => (g.Key.From, g.Key.To, g.Select(f => f.Protection).OrderBy(Rank).First()))
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
            .ToList();

    private static int Rank(string protection) => protection switch { "none" => 0, "encrypted" => 1, _ => 2 };

    private static void WriteEdge(StreamWriter writer, int project, int fromColumn, int fromRow, string from, int toColumn, int toRow, string to, string protection)
    {
        var x1 = Columns[fromColumn] + NodeWidth;
        var x2 = Columns[toColumn];
        var y1 = Y(fromRow) + 12;
        var y2 = Y(toRow) + 12;
        var mid = (x1 + x2) / 2;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"<path class=\"edge {protection}\" data-from=\"{Key(project, fromColumn, from)}\" data-to=\"{Key(project, toColumn, to)}\" d=\"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}\"><title>{E(from)} → {E(to)}: {protection}</title></path>"));
    }

    private static void WriteNodes(StreamWriter writer, int project, int column, List<string> labels)
    {
        for (var row = 0; row < labels.Count; row++)
        {
            var label = labels[row];
            var shown = label.Length > 34 ? label.Substring(0, 33) + "…" : label;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"<g class=\"node\" data-key=\"{Key(project, column, label)}\"><rect x=\"{Columns[column]}\" y=\"{Y(row)}\" width=\"{NodeWidth}\" height=\"24\" rx=\"4\"/><text x=\"{Columns[column] + 6}\" y=\"{Y(row) + 16}\">{E(shown)}<title>{E(label)}</title></text></g>"));
        }
    }

    private static int Y(int row) => 30 + (row * RowHeight);

    private static string Key(int project, int column, string label) => E(project.ToString(CultureInfo.InvariantCulture) + "/" + column.ToString(CultureInfo.InvariantCulture) + "/" + label);

    // The type of the member a flow is in: "M:Clinic.RegistrationService.Register(…)" → "RegistrationService".
    private static string CodeOf(FlowRecord flow)
    {
        var id = flow.Member;
        if (id.Length < 3)
        {
            return "(unknown)";
        }

        var name = id.Substring(2);
        var paren = name.IndexOf('(');
        if (paren >= 0)
        {
            name = name.Substring(0, paren);
        }

        var parts = name.Split('.');
        return id[0] == 'T' ? parts[^1] : parts.Length >= 2 ? parts[^2] : parts[0];
    }

    private static string SinkOf(FlowRecord flow) => flow.SinkKind + ": " + flow.Sink;

    private static void WriteTables(StreamWriter writer, ProjectRecord project)
    {
        writer.WriteLine($"<h3>Classified data ({project.Members.Length})</h3>");
        writer.WriteLine("<table><tr><th>Data</th><th>Kind</th><th>Category</th><th>Legal basis</th><th>Mask</th><th>At rest</th><th>Classified by</th><th>Declared at</th></tr>");
        foreach (var m in project.Members)
        {
            writer.WriteLine($"<tr><td><code>{E(m.Name)}</code></td><td>{E(m.Kind)}</td><td>{E(m.Category)}{(m.Form is { } form ? " (" + E(form) + ")" : string.Empty)}</td><td>{E(m.LegalBasis)}</td><td>{E(m.Mask)}</td><td>{E(m.AtRest)}</td><td>{E(m.ClassifiedBy)}</td><td><code>{(m.DeclaredAt is { } at ? E(at.Path + ":" + at.Line) : string.Empty)}</code></td></tr>");
        }

        writer.WriteLine("</table>");
        writer.WriteLine($"<h3>Flows ({project.Flows.Length})</h3>");
        writer.WriteLine("<table><tr><th>Data</th><th>Category</th><th>To</th><th>Sink</th><th>Target</th><th>Protection</th><th>Consent</th><th>Where</th><th>Through</th><th>Finding</th></tr>");
        foreach (var f in project.Flows)
        {
            var consent = f.Consent is { } c ? (c.IsEmpty ? "<span class=\"none\">none</span>" : E(string.Join("; ", c))) : "not followed across methods";
            writer.WriteLine($"<tr><td><code>{E(f.DataName)}</code></td><td>{E(f.Category)}</td><td>{E(f.SinkKind)}</td><td><code>{E(f.Sink)}</code></td><td>{E(f.Target ?? string.Empty)}</td><td class=\"{E(f.Protection)}\">{E(f.Protection)}</td><td>{consent}</td><td><code>{E(f.At)}</code></td><td>{E(string.Join(" → ", f.Through))}</td><td>{E(string.Join(", ", f.Findings))}</td></tr>");
        }

        writer.WriteLine("</table>");
        writer.WriteLine($"<h3>Identity verification ({project.Purposes.Length} purposes)</h3>");
        writer.WriteLine("<table><tr><th>Purpose</th><th>Method</th><th>Verdict</th><th>Where</th></tr>");
        foreach (var purpose in project.Purposes)
        {
            foreach (var method in purpose.Methods)
            {
                writer.WriteLine($"<tr><td>{E(purpose.Purpose)}{(purpose.BiometricOnly ? " <span class=\"none\">biometric only</span>" : string.Empty)}</td><td><code>{E(method.Name)}</code></td><td>{E(method.Verdict)}</td><td><code>{E(method.At)}</code></td></tr>");
            }
        }

        writer.WriteLine("</table>");
        writer.WriteLine($"<h3>Findings ({project.Findings.Count(f => !f.Accepted)} open, {project.Findings.Count(f => f.Accepted)} accepted)</h3><ul>");
        foreach (var finding in project.Findings)
        {
            writer.WriteLine($"<li>{E(finding.Rule)} <code>{E(finding.At)}</code>{(finding.Accepted ? " (accepted)" : string.Empty)}: {E(finding.Message)}</li>");
        }

        writer.WriteLine("</ul>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
