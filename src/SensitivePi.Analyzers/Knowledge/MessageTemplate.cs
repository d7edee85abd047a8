using System.Collections.Immutable;

namespace SensitivePi.Analyzers.Knowledge;

/// <summary>
/// The holes of a structured-logging message template (<c>"Patient {Name} checked in, {@Visit}"</c>), in
/// order. A hole starting with <c>@</c> asks the logger to destructure the argument: to render each of its
/// members rather than its <c>ToString()</c>.
/// </summary>
internal static class MessageTemplate
{
    /// <summary>For each hole in order, whether it destructures.</summary>
    public static ImmutableArray<bool> ParseDestructuring(string template)
    {
        var holes = ImmutableArray.CreateBuilder<bool>();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                continue;
            }

            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                i++;
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                break;
            }

            holes.Add(close > i + 1 && template[i + 1] == '@');
            i = close;
        }

        return holes.ToImmutable();
    }
}
