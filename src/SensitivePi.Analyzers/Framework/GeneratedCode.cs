using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SensitivePi.Analyzers.Framework;

/// <summary>
/// Whether a report's location is generated code, decided as the compiler's analyzer driver decides it (the
/// <c>generated_code</c> option, the file's name, an <c>&lt;auto-generated&gt;</c> header, a <c>#line hidden</c> region),
/// for reports made at compilation end, whose locations the analyzers did not reach through a declaration the driver
/// had already judged. The analyzers ask the driver to keep their reports (<c>GeneratedCodeAnalysisFlags.ReportDiagnostics</c>):
/// its own check of each report walks every token of each file reported in (docs/design/architecture.md, "Generated code").
/// One instance per compilation (it keeps each tree's answer).
/// </summary>
internal sealed class GeneratedCode
{
    private readonly AnalyzerOptions _options;
    private readonly ConcurrentDictionary<SyntaxTree, bool> _trees = new();

    public GeneratedCode(AnalyzerOptions options) => _options = options;

    /// <summary>True when <paramref name="location"/> lies in a generated file or a hidden region of a file.</summary>
    public bool Contains(Location location, CancellationToken cancellationToken) =>
        location.SourceTree is { } tree && IsGenerated(tree, location.SourceSpan.Start, cancellationToken);

    /// <summary>
    /// Whether <paramref name="owner"/> is an accessor of a property or event marked <c>[GeneratedCode]</c>
    /// (<paramref name="attribute"/>): the driver calls body actions on such an accessor, whose containing symbol is the
    /// type, and dropped their reports only through the check the analyzers no longer ask for.
    /// </summary>
    public static bool IsMarkedAccessor(ISymbol owner, INamedTypeSymbol? attribute) =>
        owner is IMethodSymbol { AssociatedSymbol: { } associated } && SymbolAttributes.Has(associated, attribute);

    /// <summary><c>[GeneratedCode]</c> in <paramref name="compilation"/>, looked up once per compilation by each analyzer that needs it.</summary>
    public static INamedTypeSymbol? AttributeIn(Compilation compilation) =>
        compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");

    /// <summary>
    /// Whether <paramref name="location"/> lies in a <c>#line hidden</c> region (or, in a file with one, before its first
    /// directive): the driver judges a declaration by where it starts, so a report inside a visible body can still land
    /// in hidden code. Costs nothing in a file without hidden regions.
    /// </summary>
    public static bool IsHidden(Location location, CancellationToken cancellationToken) =>
        location.SourceTree is { } tree && tree.HasHiddenRegions()
        && tree.GetLineVisibility(location.SourceSpan.Start, cancellationToken) is LineVisibility.Hidden or LineVisibility.BeforeFirstLineDirective;

    private bool IsGenerated(SyntaxTree tree, int position, CancellationToken cancellationToken) =>
        _trees.GetOrAdd(tree, t => IsGeneratedFile(t, cancellationToken))
        || IsHidden(Location.Create(tree, new Microsoft.CodeAnalysis.Text.TextSpan(position, 0)), cancellationToken);

    private bool IsGeneratedFile(SyntaxTree tree, CancellationToken cancellationToken)
    {
        // The option decides when it is set, either way; the file's name and header only when it is not.
        if (_options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue("generated_code", out var value))
        {
            if (string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return HasGeneratedName(tree.FilePath) || BeginsWithGeneratedHeader(tree, cancellationToken);
    }

    private static bool HasGeneratedName(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        var name = Path.GetFileName(path);
        if (name.StartsWith("TemporaryGeneratedFile_", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var stem = Path.GetFileNameWithoutExtension(name);
        return stem.EndsWith(".designer", StringComparison.OrdinalIgnoreCase)
            || stem.EndsWith(".generated", StringComparison.OrdinalIgnoreCase)
            || stem.EndsWith(".g", StringComparison.OrdinalIgnoreCase)
            || stem.EndsWith(".g.i", StringComparison.OrdinalIgnoreCase);
    }

    private static bool BeginsWithGeneratedHeader(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        if (root.FullSpan.Length == 0)
        {
            return false;
        }

        foreach (var trivia in root.GetFirstToken(includeZeroWidth: true).LeadingTrivia)
        {
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
            {
                var text = trivia.ToString();
                if (text.IndexOf("<autogenerated", StringComparison.Ordinal) >= 0 || text.IndexOf("<auto-generated", StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
