using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace SensitivePi.Analyzers.Framework;

/// <summary>
/// A JSON value read from an additional file, with the span it was read from (for diagnostics placed in the file).
/// The analyzer reads its few small files with this reader rather than a serializer: every host loads it (the
/// compiler's own System.Text.Json is not there in every IDE), and every value keeps its position.
/// </summary>
internal abstract class JsonValue
{
    protected JsonValue(TextSpan span) => Span = span;

    public TextSpan Span { get; }
}

internal sealed class JsonObject : JsonValue
{
    public JsonObject(TextSpan span, IReadOnlyList<JsonProperty> properties)
        : base(span) => Properties = properties;

    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>The value of the first property named <paramref name="name"/> (case-sensitive), or null.</summary>
    public JsonValue? this[string name]
    {
        get
        {
            foreach (var property in Properties)
            {
                if (property.Name == name)
                {
                    return property.Value;
                }
            }

            return null;
        }
    }
}

internal readonly struct JsonProperty
{
    public JsonProperty(string name, TextSpan nameSpan, JsonValue value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }

    public TextSpan NameSpan { get; }

    public JsonValue Value { get; }
}

internal sealed class JsonArray : JsonValue
{
    public JsonArray(TextSpan span, IReadOnlyList<JsonValue> items)
        : base(span) => Items = items;

    public IReadOnlyList<JsonValue> Items { get; }
}

internal sealed class JsonString : JsonValue
{
    public JsonString(TextSpan span, string value)
        : base(span) => Value = value;

    public string Value { get; }
}

internal sealed class JsonNumber : JsonValue
{
    public JsonNumber(TextSpan span, double value)
        : base(span) => Value = value;

    public double Value { get; }
}

/// <summary><c>true</c>, <c>false</c> or <c>null</c>.</summary>
internal sealed class JsonLiteral : JsonValue
{
    public JsonLiteral(TextSpan span, bool? value)
        : base(span) => Value = value;

    public bool? Value { get; }
}

/// <summary>Why a text is not JSON, and where.</summary>
internal readonly struct JsonError
{
    public JsonError(string message, TextSpan span)
    {
        Message = message;
        Span = span;
    }

    public string Message { get; }

    public TextSpan Span { get; }
}

/// <summary>
/// Parses JSON (RFC 8259, plus the comments and trailing commas people write in configuration files). Never throws:
/// a text that is not JSON gives an error with its position. Nesting is bounded by <see cref="StackGuard"/>.
/// </summary>
internal sealed class JsonReader
{
    private readonly string _text;
    private int _position;
    private JsonError? _error;

    private JsonReader(string text) => _text = text;

    public static JsonValue? Parse(SourceText text, out JsonError? error)
    {
        var reader = new JsonReader(text.ToString());
        var value = reader.ReadValue(depth: 0);
        reader.SkipTrivia();
        if (value is not null && reader._error is null && reader._position < reader._text.Length)
        {
            reader.Fail("Unexpected text after the JSON value", reader._position, 1);
        }

        error = reader._error;
        return reader._error is null ? value : null;
    }

    private JsonValue? ReadValue(int depth)
    {
        SkipTrivia();
        if (_error is not null)
        {
            return null;
        }

        if (!StackGuard.MayDescend(depth))
        {
            return Fail("The JSON nests too deeply", _position, 1);
        }

        if (_position >= _text.Length)
        {
            return Fail("Unexpected end of the file: a value was expected", _text.Length, 0);
        }

        return _text[_position] switch
        {
            '{' => ReadObject(depth),
            '[' => ReadArray(depth),
            '"' => ReadString(),
            't' => ReadLiteral("true", true),
            'f' => ReadLiteral("false", false),
            'n' => ReadLiteral("null", null),
            var c when c == '-' || char.IsDigit(c) => ReadNumber(),
            _ => Fail($"Unexpected character '{_text[_position]}': a value was expected", _position, 1),
        };
    }

    private JsonValue? ReadObject(int depth)
    {
        var start = _position++;
        var properties = new List<JsonProperty>();
        while (true)
        {
            SkipTrivia();
            if (_position < _text.Length && _text[_position] == '}')
            {
                _position++;
                return new JsonObject(TextSpan.FromBounds(start, _position), properties);
            }

            if (_position >= _text.Length || _text[_position] != '"')
            {
                return Fail("A property name in double quotes was expected", _position, _position < _text.Length ? 1 : 0);
            }

            var nameStart = _position;
            if (ReadString() is not JsonString name)
            {
                return null;
            }

            SkipTrivia();
            if (_position >= _text.Length || _text[_position] != ':')
            {
                return Fail($"':' was expected after \"{name.Value}\"", _position, _position < _text.Length ? 1 : 0);
            }

            _position++;
            if (ReadValue(depth + 1) is not { } value)
            {
                return null;
            }

            properties.Add(new JsonProperty(name.Value, TextSpan.FromBounds(nameStart, name.Span.End), value));
            SkipTrivia();
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
            }
            else if (_position >= _text.Length || _text[_position] != '}')
            {
                return Fail("',' or '}' was expected", _position, _position < _text.Length ? 1 : 0);
            }
        }
    }

    private JsonValue? ReadArray(int depth)
    {
        var start = _position++;
        var items = new List<JsonValue>();
        while (true)
        {
            SkipTrivia();
            if (_position < _text.Length && _text[_position] == ']')
            {
                _position++;
                return new JsonArray(TextSpan.FromBounds(start, _position), items);
            }

            if (ReadValue(depth + 1) is not { } item)
            {
                return null;
            }

            items.Add(item);
            SkipTrivia();
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
            }
            else if (_position >= _text.Length || _text[_position] != ']')
            {
                return Fail("',' or ']' was expected", _position, _position < _text.Length ? 1 : 0);
            }
        }
    }

    private JsonValue? ReadString()
    {
        var start = _position++;
        var value = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '"')
            {
                return new JsonString(TextSpan.FromBounds(start, _position), value.ToString());
            }

            if (c == '\n' || c == '\r')
            {
                return Fail("A string ends at the end of the line: '\"' was expected", _position - 1, 1);
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                break;
            }

            var escape = _text[_position++];
            switch (escape)
            {
                case '"' or '\\' or '/':
                    value.Append(escape);
                    break;
                case 'b':
                    value.Append('\b');
                    break;
                case 'f':
                    value.Append('\f');
                    break;
                case 'n':
                    value.Append('\n');
                    break;
                case 'r':
                    value.Append('\r');
                    break;
                case 't':
                    value.Append('\t');
                    break;
                case 'u' when _position + 4 <= _text.Length
                    && int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    value.Append((char)code);
                    _position += 4;
                    break;
                default:
                    return Fail($"Unknown escape '\\{escape}' in a string", _position - 2, 2);
            }
        }

        return Fail("A string is not closed: '\"' was expected", start, 1);
    }

    private JsonValue? ReadNumber()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] is '-' or '+' or '.' or 'e' or 'E'))
        {
            _position++;
        }

        return double.TryParse(_text.Substring(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? new JsonNumber(TextSpan.FromBounds(start, _position), value)
            : Fail($"'{_text.Substring(start, _position - start)}' is not a number", start, _position - start);
    }

    private JsonValue? ReadLiteral(string word, bool? value)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) == 0)
        {
            var start = _position;
            _position += word.Length;
            return new JsonLiteral(TextSpan.FromBounds(start, _position), value);
        }

        return Fail($"Unexpected character '{_text[_position]}': a value was expected", _position, 1);
    }

    // Whitespace, and // and /* */ comments.
    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
            {
                var end = _text.IndexOf("*/", _position + 2, System.StringComparison.Ordinal);
                _position = end < 0 ? _text.Length : end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private JsonValue? Fail(string message, int start, int length)
    {
        _error ??= new JsonError(message, new TextSpan(System.Math.Min(start, _text.Length), System.Math.Max(0, System.Math.Min(length, _text.Length - start))));
        _position = _text.Length;
        return null;
    }
}
