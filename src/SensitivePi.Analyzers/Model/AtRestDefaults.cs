using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SensitivePi.Analyzers.Model;

/// <summary>
/// The at-rest policy of data whose annotation leaves it <see cref="PiAtRest.Unspecified"/>: Encrypted for
/// authentication credentials, and for the categories the project lists in <c>sensitivepi.encrypt_at_rest</c>
/// (docs/rules/SPI008.md). Read once per compilation; immutable.
/// </summary>
internal sealed class AtRestDefaults
{
    /// <summary>The option's key in a global analyzer config or the root <c>.editorconfig</c>.</summary>
    public const string EncryptAtRestOption = "sensitivepi.encrypt_at_rest";

    /// <summary>Credentials only: what a project that sets nothing gets.</summary>
    public static readonly AtRestDefaults CredentialsOnly = new(1 << (int)PiCategory.AuthenticationCredential);

    private readonly int _encrypted;

    private AtRestDefaults(int encrypted) => _encrypted = encrypted;

    /// <summary>The defaults a project's options give; names that are not categories are ignored.</summary>
    public static AtRestDefaults Read(AnalyzerOptions? options, Compilation compilation)
    {
        if (options?.AnalyzerConfigOptionsProvider is not { } provider)
        {
            return CredentialsOnly;
        }

        if (!provider.GlobalOptions.TryGetValue(EncryptAtRestOption, out var value))
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                provider.GetOptions(tree).TryGetValue(EncryptAtRestOption, out value);
                break;
            }
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return CredentialsOnly;
        }

        var encrypted = CredentialsOnly._encrypted;
        foreach (var name in value!.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var category in PiEnumRanges.Categories)
            {
                if (string.Equals(category.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    encrypted |= 1 << (int)category;
                }
            }
        }

        return encrypted == CredentialsOnly._encrypted ? CredentialsOnly : new AtRestDefaults(encrypted);
    }

    /// <summary>The policy of data of <paramref name="category"/> whose annotation says <paramref name="declared"/>.</summary>
    public PiAtRest Resolve(PiAtRest declared, PiCategory category) =>
        declared != PiAtRest.Unspecified ? declared
        : (_encrypted & (1 << (int)category)) != 0 ? PiAtRest.Encrypted
        : PiAtRest.Unspecified;
}
