using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using SensitivePi.Analyzers.Inventory;

namespace SensitivePi.Tool.Inventory;

/// <summary>
/// inventory.json, as <c>docs/inventory.schema.json</c> describes it: stable order, paths relative to each project,
/// no timestamps or versions inside, so that a pull request's diff of it shows what the change does to the processing.
/// </summary>
internal static class InventoryJson
{
    public const string SchemaUri = "https://github.com/SensitivePiAnalyzers/SensitivePiAnalyzers/blob/main/docs/inventory.schema.json";

    public static void Write(Stream stream, InventoryDocument document)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteNumber("schemaVersion", 1);
        json.WriteString("input", document.Input);
        json.WriteStartArray("projects");
        foreach (var project in document.Projects)
        {
            WriteProject(json, project);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteProject(Utf8JsonWriter json, ProjectRecord project)
    {
        json.WriteStartObject();
        json.WriteString("name", project.Name);
        json.WriteString("path", project.Path);
        if (project.Note is { } note)
        {
            json.WriteString("note", note);
        }

        json.WriteStartArray("members");
        foreach (var member in project.Members)
        {
            json.WriteStartObject();
            json.WriteString("symbol", member.Symbol);
            json.WriteString("name", member.Name);
            json.WriteString("kind", member.Kind);
            json.WriteString("category", member.Category);
            json.WriteString("legalBasis", member.LegalBasis);
            json.WriteString("mask", member.Mask);
            json.WriteString("atRest", member.AtRest);
            if (member.Form is { } form)
            {
                json.WriteString("form", form);
            }

            json.WriteString("classifiedBy", member.ClassifiedBy);
            if (member.DeclaredAt is { } at)
            {
                json.WriteString("declaredAt", at.Path + ":" + at.Line);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("flows");
        foreach (var flow in project.Flows)
        {
            json.WriteStartObject();
            json.WriteString("data", flow.Data);
            json.WriteString("dataName", flow.DataName);
            json.WriteString("category", flow.Category);
            json.WriteString("sinkKind", flow.SinkKind);
            json.WriteString("sink", flow.Sink);
            if (flow.Target is { } target)
            {
                json.WriteString("target", target);
            }

            json.WriteString("protection", flow.Protection);
            if (flow.Consent is { } consent)
            {
                WriteStrings(json, "consent", consent);
            }
            else
            {
                json.WriteNull("consent");
            }

            json.WriteString("member", flow.Member);
            json.WriteString("at", flow.At);
            WriteStrings(json, "through", flow.Through);
            WriteStrings(json, "findings", flow.Findings);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("identityVerification");
        foreach (var purpose in project.Purposes)
        {
            json.WriteStartObject();
            json.WriteString("purpose", purpose.Purpose);
            json.WriteBoolean("biometricOnly", purpose.BiometricOnly);
            json.WriteStartArray("methods");
            foreach (var method in purpose.Methods)
            {
                json.WriteStartObject();
                json.WriteString("method", method.Method);
                json.WriteString("name", method.Name);
                json.WriteString("verdict", method.Verdict);
                json.WriteString("at", method.At);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("findings");
        foreach (var finding in project.Findings)
        {
            json.WriteStartObject();
            json.WriteString("rule", finding.Rule);
            json.WriteString("message", finding.Message);
            json.WriteString("at", finding.At);
            json.WriteBoolean("accepted", finding.Accepted);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, System.Collections.Immutable.ImmutableArray<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values.IsDefault ? System.Collections.Immutable.ImmutableArray<string>.Empty : values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
