using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// The at-rest policy of data whose annotation leaves it <see cref="PiAtRest.Unspecified"/>: Encrypted for
/// authentication credentials, and for the categories <c>sensitivepi.encrypt_at_rest</c> lists (docs/configuration.md),
/// read for the file that declares the data (a global analyzer config applies to every file; classifications of
/// referenced assemblies and annotation files take the global value).
/// </summary>
internal sealed class AtRestDefaults
{
    /// <summary>The option's key in a global analyzer config or an <c>.editorconfig</c>.</summary>
    public const string EncryptAtRestOption = "sensitivepi.encrypt_at_rest";

    /// <summary>Credentials only: what a project that sets nothing gets.</summary>
    public static readonly AtRestDefaults CredentialsOnly = new(null);

    private const int Credentials = 1 << (int)PiCategory.AuthenticationCredential;

    private readonly AnalyzerConfigOptionsProvider? _provider;
    private readonly int _global;
    private readonly ConcurrentDictionary<SyntaxTree, int> _byTree = new();

    private AtRestDefaults(AnalyzerConfigOptionsProvider? provider)
    {
        _provider = provider;
        _global = provider is not null && provider.GlobalOptions.TryGetValue(EncryptAtRestOption, out var value) ? Parse(value) : Credentials;
    }

    /// <summary>The defaults a project's options give; names that are not categories are ignored.</summary>
    public static AtRestDefaults Read(AnalyzerOptions? options) =>
        options?.AnalyzerConfigOptionsProvider is { } provider ? new AtRestDefaults(provider) : CredentialsOnly;

    /// <summary>The policy of data of <paramref name="category"/> whose annotation says <paramref name="declared"/>, declared on <paramref name="symbol"/>.</summary>
    public PiAtRest Resolve(PiAtRest declared, PiCategory category, ISymbol? symbol = null)
    {
        if (declared != PiAtRest.Unspecified)
        {
            return declared;
        }

        var encrypted = _global;
        if (symbol is not null && _provider is not null && symbol.DeclaringSyntaxReferences is { Length: > 0 } references)
        {
            // Asked for every classified member read: the tree's answer is looked up before a delegate is made to compute it.
            var tree = references[0].SyntaxTree;
            encrypted = _byTree.TryGetValue(tree, out var known) ? known : _byTree.GetOrAdd(tree, OfTree(tree));
        }

        return (encrypted & (1 << (int)category)) != 0 ? PiAtRest.Encrypted : PiAtRest.Unspecified;
    }

    private int OfTree(SyntaxTree tree) => _provider!.GetOptions(tree).TryGetValue(EncryptAtRestOption, out var value) ? Parse(value) : _global;

    private static int Parse(string value)
    {
        var encrypted = Credentials;
        foreach (var name in value.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var category in PiEnumRanges.Categories)
            {
                if (string.Equals(category.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    encrypted |= 1 << (int)category;
                }
            }
        }

        return encrypted;
    }
}
