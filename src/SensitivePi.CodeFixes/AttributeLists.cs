using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SensitivePi.CodeFixes;

/// <summary>Adding an attribute list to a declaration the way a person would type it (the fixes that annotate).</summary>
internal static class AttributeLists
{
    /// <summary>The document's line break: its first one, or a line feed.</summary>
    public static SyntaxTrivia NewLineOf(SyntaxNode root)
    {
        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : LineFeed;
    }

    /// <summary><paramref name="list"/> first among the member's attributes, on a line of its own at the member's indentation.</summary>
    public static TMember FirstOnItsOwnLine<TMember>(TMember member, AttributeListSyntax list, SyntaxTrivia newLine)
        where TMember : MemberDeclarationSyntax
    {
        var lists = member.AttributeLists;
        var leading = lists.Count > 0 ? lists[0].GetLeadingTrivia() : member.GetLeadingTrivia();
        var indentation = leading.Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToList();
        var after = indentation.Count == 0 ? TriviaList(newLine) : TriviaList(newLine, indentation[indentation.Count - 1]);
        if (lists.Count > 0)
        {
            var first = lists[0];
            return (TMember)member.WithAttributeLists(lists.Replace(first, first.WithoutLeadingTrivia()).Insert(0, list.WithLeadingTrivia(leading).WithTrailingTrivia(after)));
        }

        return (TMember)member.WithoutLeadingTrivia().WithAttributeLists(SingletonList(list.WithLeadingTrivia(leading).WithTrailingTrivia(after)));
    }
}
