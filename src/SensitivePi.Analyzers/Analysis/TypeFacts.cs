using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// What the members of a type assign to its fields and auto-properties (a client's BaseAddress or EnableSsl
/// set in a constructor or field initializer, a URL field), read when an SPI001 verdict depends on them.
/// Read on demand rather than gathered per type as members are analysed: a per-type registration makes the
/// analyzer driver track every type of every build, for the few calls that need it.
/// </summary>
internal static class TypeFacts
{
    /// <summary>
    /// The facts of <paramref name="type"/>, or null when they cannot all be read: a type with a part in
    /// another file (that file's semantic model is not an analyzer's to create, and a value assigned there
    /// would make a value seen here no longer the only one), or no semantic model.
    /// </summary>
    public static ValueDefinitions? Of(INamedTypeSymbol? type, IOperation operationOfTheTree, CancellationToken cancellationToken)
    {
        if (type is null || operationOfTheTree.SemanticModel is not { } model)
        {
            return null;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != model.SyntaxTree)
            {
                return null;
            }
        }

        var facts = new ValueDefinitions();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var member in declaration.Members)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var part in ExecutableParts(member))
                {
                    if (model.GetOperation(part, cancellationToken) is { } root)
                    {
                        facts.AddMemberFacts(root);
                    }
                }
            }
        }

        return facts;
    }

    // The syntax of a member that runs code: bodies, accessors and initializers (nested types are not members' code).
    private static IEnumerable<SyntaxNode> ExecutableParts(MemberDeclarationSyntax member)
    {
        switch (member)
        {
            case BaseMethodDeclarationSyntax method:
                yield return method;
                break;
            case BaseFieldDeclarationSyntax field:
                foreach (var variable in field.Declaration.Variables)
                {
                    if (variable.Initializer is { } initializer)
                    {
                        yield return initializer;
                    }
                }

                break;
            case BasePropertyDeclarationSyntax property:
                if (property is PropertyDeclarationSyntax { Initializer: { } propertyInitializer })
                {
                    yield return propertyInitializer;
                }

                if (property is PropertyDeclarationSyntax { ExpressionBody: { } expressionBody })
                {
                    yield return expressionBody;
                }

                if (property is IndexerDeclarationSyntax { ExpressionBody: { } indexerBody })
                {
                    yield return indexerBody;
                }

                foreach (var accessor in property.AccessorList?.Accessors ?? default)
                {
                    yield return accessor;
                }

                break;
        }
    }
}
