using Microsoft.CodeAnalysis.Text;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Tests.Engine;

/// <summary>The reader of the package's JSON files: values with their spans, comments and trailing commas, errors with positions.</summary>
public class JsonReaderTests
{
    [Fact]
    public void Objects_arrays_strings_numbers_and_literals_are_read_with_their_spans()
    {
        const string Text = """
            {
              // a comment
              "findings": [ { "rule": "SPI002", "n": -1.5e2, "ok": true, "none": null, "esc": "a\"b\u0041" }, ],
              /* block */ "empty": {}
            }
            """;
        var value = JsonReader.Parse(SourceText.From(Text), out var error);

        Assert.Null(error);
        var root = Assert.IsType<JsonObject>(value);
        var findings = Assert.IsType<JsonArray>(root["findings"]);
        var finding = Assert.IsType<JsonObject>(Assert.Single(findings.Items));
        var rule = Assert.IsType<JsonString>(finding["rule"]);
        Assert.Equal("SPI002", rule.Value);
        Assert.Equal("\"SPI002\"", Text.Substring(rule.Span.Start, rule.Span.Length));
        Assert.Equal(-150, Assert.IsType<JsonNumber>(finding["n"]).Value);
        Assert.True(Assert.IsType<JsonLiteral>(finding["ok"]).Value);
        Assert.Null(Assert.IsType<JsonLiteral>(finding["none"]).Value);
        Assert.Equal("a\"bA", Assert.IsType<JsonString>(finding["esc"]).Value);
        Assert.Empty(Assert.IsType<JsonObject>(root["empty"]).Properties);
        Assert.Null(root["missing"]);
    }

    [Theory]
    [InlineData("{ \"rule\": }", "Unexpected character '}': a value was expected", 10)]
    [InlineData("{ \"rule\" \"SPI002\" }", "':' was expected after \"rule\"", 9)]
    [InlineData("[1, 2", "',' or ']' was expected", 5)]
    [InlineData("{ rule: 1 }", "A property name in double quotes was expected", 2)]
    [InlineData("{ \"a\": \"open }", "A string is not closed: '\"' was expected", 7)]
    [InlineData("{} {}", "Unexpected text after the JSON value", 3)]
    [InlineData("", "Unexpected end of the file: a value was expected", 0)]
    [InlineData("{ \"a\": tru }", "Unexpected character 't': a value was expected", 7)]
    public void Text_that_is_not_JSON_gives_an_error_at_its_position(string text, string message, int position)
    {
        var value = JsonReader.Parse(SourceText.From(text), out var error);

        Assert.Null(value);
        Assert.NotNull(error);
        Assert.Equal(message, error.Value.Message);
        Assert.Equal(position, error.Value.Span.Start);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var text = new string('[', 100_000) + new string(']', 100_000);

        Assert.Null(JsonReader.Parse(SourceText.From(text), out var error));
        Assert.Equal("The JSON nests too deeply", error!.Value.Message);
    }
}
