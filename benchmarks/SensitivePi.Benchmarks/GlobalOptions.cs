using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SensitivePi.Benchmarks;

/// <summary>
/// The analyzer options every measured run gets: `--option key=value` (repeatable) sets a global analyzer-config
/// option, as a `.globalconfig` would (`--option sensitivepi.cross_method_analysis=false` measures without the pass).
/// </summary>
internal static class GlobalOptions
{
    private static ImmutableDictionary<string, string> s_values = ImmutableDictionary<string, string>.Empty;

    public static void Parse(string[] args)
    {
        var values = ImmutableDictionary.CreateBuilder<string, string>();
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--option" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                values[key.Trim()] = value.Trim();
            }
        }

        s_values = values.ToImmutable();
    }

    public static string Describe() => string.Join(", ", s_values.Select(pair => $"{pair.Key} = {pair.Value}"));

    public static AnalyzerOptions Create() =>
        new(ImmutableArray<AdditionalText>.Empty, new Provider(new Options(s_values)));

    private sealed class Provider(AnalyzerConfigOptions global) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Empty = new Options(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
