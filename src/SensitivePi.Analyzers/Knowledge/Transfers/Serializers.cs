namespace SensitivePi.Analyzers.Knowledge;

/// <summary>Serialisers: they render every member of what they are given into their result.</summary>
internal static class Serializers
{
    public static readonly TransferEntry[] Rows =
    {
        new(CallEffect.Renders, "System.Text.Json.JsonSerializer", new[] { "Serialize*" }),
        new(CallEffect.Renders, "Newtonsoft.Json.JsonConvert", new[] { "SerializeObject*" }),
        new(CallEffect.Renders, "System.Xml.Serialization.XmlSerializer", new[] { "Serialize" }),
        new(CallEffect.Renders, "System.Runtime.Serialization.XmlObjectSerializer", new[] { "WriteObject" }, includeDerived: true),
        new(CallEffect.Renders, "System.Net.Http.Json.JsonContent", new[] { "Create" }),
    };
}
