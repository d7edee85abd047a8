using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SensitivePi.Benchmarks;

/// <summary>
/// Stands in for a team's classification of a real code base it did not write: members named like personal
/// data get <c>[SensitivePersonalInfo]</c> with the category the name suggests. Names are matched by their end,
/// ignoring case (<c>BuyerPhoneNumber</c> ends in <c>PhoneNumber</c>). A flag, an enum, a collection of
/// services or a static member is never classified.
/// </summary>
internal static class NameTable
{
    // The longest suffix first: "CardNumber" before "Number" would matter if "Number" were listed (it is not).
    private static readonly (string Suffix, string Category)[] Rows =
    {
        ("IdNumber", "SpecificIdentity"), ("IdCard", "SpecificIdentity"), ("IdentityNumber", "SpecificIdentity"),
        ("NationalId", "SpecificIdentity"), ("Passport", "SpecificIdentity"), ("PassportNumber", "SpecificIdentity"),
        ("Ssn", "SpecificIdentity"), ("SocialSecurityNumber", "SpecificIdentity"),
        ("CardNumber", "FinancialAccount"), ("CardHolderName", "FinancialAccount"), ("SecurityNumber", "FinancialAccount"),
        ("Cvv", "FinancialAccount"), ("Cvc", "FinancialAccount"), ("Iban", "FinancialAccount"), ("BankAccount", "FinancialAccount"),
        ("AccountNumber", "FinancialAccount"), ("CardExpiration", "FinancialAccount"),
        ("Password", "AuthenticationCredential"), ("PasswordHash", "AuthenticationCredential"), ("Pin", "AuthenticationCredential"),
        ("Latitude", "LocationTrack"), ("Longitude", "LocationTrack"),
        ("Diagnosis", "MedicalHealth"), ("MedicalRecord", "MedicalHealth"),
        ("FaceImage", "Biometric"), ("Fingerprint", "Biometric"),
        ("Religion", "ReligiousBelief"),
        ("Phone", "Other"), ("PhoneNumber", "Other"), ("Mobile", "Other"), ("Email", "Other"), ("EmailAddress", "Other"),
        ("BirthDate", "Other"), ("DateOfBirth", "Other"), ("Birthday", "Other"), ("Street", "Other"), ("Address", "Other"),
    };

    /// <summary>The tree with members named like personal data classified; <paramref name="count"/> is how many.</summary>
    public static SyntaxTree Annotate(SyntaxTree tree, out int count)
    {
        var rewriter = new Rewriter();
        var root = rewriter.Visit(tree.GetRoot());
        count = rewriter.Count;
        return count == 0 ? tree : tree.WithRootAndOptions(root, tree.Options);
    }

    private static string? CategoryOf(string name, TypeSyntax? type)
    {
        if (type is PredefinedTypeSyntax { Keyword.Text: "bool" } || type?.ToString() is "bool?" or "Task" or "ILogger")
        {
            return null;
        }

        var match = Rows.Where(row => name.EndsWith(row.Suffix, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(row => row.Suffix.Length)
            .FirstOrDefault();
        if (match.Suffix is null)
        {
            return null;
        }

        // A suffix must start a word: "Mobile" does not end "Automobile" as a word, "Pin" not "Spin".
        var start = name.Length - match.Suffix.Length;
        return start > 0 && !char.IsUpper(name[start]) && name[start - 1] != '_' ? null : match.Category;
    }

    private static AttributeListSyntax Attribute(string category) =>
        SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(
                SyntaxFactory.ParseName("global::SensitivePi.SensitivePersonalInfo"),
                SyntaxFactory.ParseAttributeArgumentList("(global::SensitivePi.Category." + category + ")"))));

    private sealed class Rewriter : CSharpSyntaxRewriter
    {
        public int Count { get; private set; }

        public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
        {
            if (node.Modifiers.Any(SyntaxKind.StaticKeyword) || CategoryOf(node.Identifier.Text, node.Type) is not { } category)
            {
                return base.VisitPropertyDeclaration(node);
            }

            Count++;
            return node.AddAttributeLists(Attribute(category));
        }

        public override SyntaxNode? VisitFieldDeclaration(FieldDeclarationSyntax node)
        {
            if (node.Modifiers.Any(SyntaxKind.StaticKeyword) || node.Modifiers.Any(SyntaxKind.ConstKeyword)
                || node.Declaration.Variables.Count != 1
                || CategoryOf(node.Declaration.Variables[0].Identifier.Text.TrimStart('_'), node.Declaration.Type) is not { } category)
            {
                return base.VisitFieldDeclaration(node);
            }

            Count++;
            return node.AddAttributeLists(Attribute(category));
        }

        // Positional record parameters: the model classifies the property from its parameter.
        public override SyntaxNode? VisitParameter(ParameterSyntax node)
        {
            if (node.Parent?.Parent is not RecordDeclarationSyntax || CategoryOf(node.Identifier.Text, node.Type) is not { } category)
            {
                return base.VisitParameter(node);
            }

            Count++;
            return node.AddAttributeLists(Attribute(category));
        }
    }
}
