using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SensitivePi.Analyzers.Framework;

/// <summary>
/// Whether a declaration is generated code, decided as the compiler's analyzer driver decides it (the
/// <c>generated_code</c> option, the file's name, an <c>&lt;auto-generated&gt;</c> header, <c>[GeneratedCode]</c> on the
/// symbol or a containing one, a <c>#line hidden</c> region), for an analyzer that asks the driver to call it on
/// generated code and skips it itself: the driver then does not walk every token of each file reported in to check the
/// report's location (docs/design/architecture.md, "Generated code"). One instance per compilation.
/// </summary>
internal sealed class GeneratedCode
{
    private readonly AnalyzerOptions _options;
    private readonly INamedTypeSymbol? _attribute;
    private readonly ConcurrentDictionary<SyntaxTree, bool> _trees = new();

    public GeneratedCode(Compilation compilation, AnalyzerOptions options)
    {
        _options = options;
        _attribute = compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
    }

    /// <summary>True when every declaration of <paramref name="symbol"/> is generated, or it or a containing symbol is marked.</summary>
    public bool Contains(ISymbol symbol, CancellationToken cancellationToken)
    {
        if (IsMarked(symbol))
        {
            return true;
        }

        var references = symbol.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return false;
        }

        foreach (var reference in references)
        {
            if (!IsGenerated(reference.SyntaxTree, reference.Span.Start, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsMarked(ISymbol symbol)
    {
        if (_attribute is null)
        {
            return false;
        }

        for (ISymbol? current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (HasAttribute(current) || (current is IMethodSymbol { AssociatedSymbol: { } associated } && HasAttribute(associated)))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasAttribute(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _attribute))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsGenerated(SyntaxTree tree, int position, CancellationToken cancellationToken) =>
        _trees.GetOrAdd(tree, t => IsGeneratedFile(t, cancellationToken))
        || (tree.HasHiddenRegions() && tree.GetLineVisibility(position, cancellationToken) is LineVisibility.Hidden or LineVisibility.BeforeFirstLineDirective);

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
