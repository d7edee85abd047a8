using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Model;

/// <summary>Classifications written as <c>[SensitivePersonalInfo]</c> attributes (ours, or a source copy of them).</summary>
internal sealed class AttributeOrigins : IOriginSource
{
    public string Name => "attribute";

    private readonly Compilation _compilation;
    private readonly KnownSymbols _symbols;
    private readonly AtRestDefaults _atRest;

    // The texts that may name the attribute, used by the type, member and parameter answers (SourceMayApplyToType, MayBeWrittenOn,
    // ParameterOwners); null when not read.
    private readonly SourceMentions? _mentions;

    // The texts that may apply the attribute: those that may name it, where they were read and none of them declares a global alias
    // (which lets any other text apply it without naming it); null: any text may. Read once, at the first question.
    private readonly Lazy<HashSet<SyntaxTree>?> _applying;

    // Each record's primary constructor, found once: every property of a record is asked, and each list of a type's constructors is a new array.
    private readonly ConcurrentDictionary<INamedTypeSymbol, IMethodSymbol?> _primaryConstructors = new(DefinitionIdentity<INamedTypeSymbol>.Instance);

    public AttributeOrigins(Compilation compilation, KnownSymbols symbols, AtRestDefaults? atRest = null, SourceMentions? mentions = null)
    {
        _compilation = compilation;
        _symbols = symbols;
        _atRest = atRest ?? AtRestDefaults.CredentialsOnly;
        _mentions = mentions;
        _applying = new Lazy<HashSet<SyntaxTree>?>(ReadApplying, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Only assemblies that can see our attributes can carry them; skipping the rest keeps the model from walking the framework's types.</summary>
    public bool MayClassifyIn(IAssemblySymbol assembly) =>
        SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly)
        || SymbolEqualityComparer.Default.Equals(assembly, _symbols.AnnotationsAssembly)
        || AnnotationUsage.References(assembly, _symbols.AnnotationsAssembly);

    // A record's property may take its attribute from its positional parameter.
    public bool MayClassify(ISymbol member) => MayBeWrittenOn(member) && member switch
    {
        IPropertySymbol property => !property.GetAttributes().IsEmpty || property.ContainingType is not { IsRecord: false },
        IMethodSymbol method => !method.GetReturnTypeAttributes().IsEmpty,
        _ => !member.GetAttributes().IsEmpty,
    };

    public SensitiveOrigin? OwnMemberOrigin(ISymbol member) => !MayBeWrittenOn(member) ? null : member switch
    {
        IFieldSymbol field => ReadAttribute(field.GetAttributes(), field),
        IPropertySymbol property => ReadAttribute(property.GetAttributes(), property) ?? FromRecordParameter(property),
        IParameterSymbol parameter => ReadAttribute(parameter.GetAttributes(), parameter),
        IMethodSymbol method => ReadAttribute(method.GetReturnTypeAttributes(), method),
        _ => null,
    };

    public SensitiveOrigin? OwnTypeOrigin(INamedTypeSymbol type) => ReadAttribute(type.GetAttributes(), type);

    // The compilation's own types are read from their syntax: binding every type's attributes to find ours costs more than the
    // type questions it saves (benchmarks/results.md, session 43). A library's are read from its symbols, only where it sees the
    // attribute.
    public bool MayClassifySomeType()
    {
        if (SourceMayApplyToType())
        {
            return true;
        }

        // Modules added to the compilation (netmodules) have no syntax here.
        foreach (var module in _compilation.Assembly.Modules)
        {
            if (!ReferenceEquals(module, _compilation.SourceModule) && AnyTypeCarriesAttribute(module.GlobalNamespace))
            {
                return true;
            }
        }

        foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (MayClassifyIn(assembly) && AnyTypeCarriesAttribute(assembly.GlobalNamespace))
            {
                return true;
            }
        }

        return false;
    }

    // An attribute on a member is written in a declaration of the member's type (a partial one's other part declares the other
    // half of a partial member): where none of the type's declarations is in a text that may apply the attribute, no member of it
    // carries one, and its attributes are not bound to find none (docs/design/value-flow-engine.md, "Sources"). A library's members,
    // and those of a type the compiler declares without syntax, are asked as before.
    private bool MayBeWrittenOn(ISymbol member)
    {
        if (member.ContainingType is not { } type || !ReferenceEquals(type.ContainingAssembly, _compilation.Assembly) || _applying.Value is not { } applying)
        {
            return true;
        }

        var declarations = type.DeclaringSyntaxReferences;
        if (declarations.IsEmpty)
        {
            return true;
        }

        foreach (var declaration in declarations)
        {
            if (applying.Contains(declaration.SyntaxTree))
            {
                return true;
            }
        }

        return false;
    }

    private HashSet<SyntaxTree>? ReadApplying()
    {
        if (_mentions?.NamingOurs is not { } naming)
        {
            return null;
        }

        foreach (var tree in naming)
        {
            if (tree.GetRoot() is not CompilationUnitSyntax unit || HasGlobalAlias(unit))
            {
                return null;
            }
        }

        return new HashSet<SyntaxTree>(naming);
    }

    // Whether some type declaration of the compilation carries an attribute named like ours (an escape spells the same name) or
    // like an alias declared in any file (`global using Sensitive = …` applies it elsewhere without its name; `[Pii]` names an
    // alias `PiiAttribute` too). Enums and delegates are read as well: a team's own copy of the attribute may allow them.
    // Where the texts were read, only those that may apply the attribute are read (every text where one declares a global alias).
    private bool SourceMayApplyToType() => SourceMayApplyToType((IEnumerable<SyntaxTree>?)_applying.Value ?? _compilation.SyntaxTrees);

    internal static bool HasGlobalAlias(CompilationUnitSyntax unit)
    {
        foreach (var directive in unit.Usings)
        {
            if (directive.Alias is not null && !directive.GlobalKeyword.IsKind(SyntaxKind.None))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SourceMayApplyToType(IEnumerable<SyntaxTree> trees)
    {
        var applied = new HashSet<string>(System.StringComparer.Ordinal);
        var aliases = new HashSet<string>(System.StringComparer.Ordinal);
        var members = new Stack<MemberDeclarationSyntax>();
        foreach (var tree in trees)
        {
            if (tree.GetRoot() is not CompilationUnitSyntax unit)
            {
                return true;
            }

            NoteAliases(unit.Usings, aliases);
            foreach (var member in unit.Members)
            {
                members.Push(member);
            }

            while (members.Count != 0)
            {
                var member = members.Pop();
                if (member is BaseNamespaceDeclarationSyntax @namespace)
                {
                    NoteAliases(@namespace.Usings, aliases);
                    foreach (var inner in @namespace.Members)
                    {
                        members.Push(inner);
                    }
                }
                else if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                {
                    foreach (var list in member.AttributeLists)
                    {
                        foreach (var attribute in list.Attributes)
                        {
                            applied.Add(RightmostName(attribute.Name));
                        }
                    }

                    if (member is TypeDeclarationSyntax type)
                    {
                        foreach (var inner in type.Members)
                        {
                            if (inner is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                            {
                                members.Push(inner);
                            }
                        }
                    }
                }
            }
        }

        foreach (var name in applied)
        {
            if (NamesOurs(name, aliases))
            {
                return true;
            }
        }

        return false;
    }

    // The compilation's own parameters are read from the texts that may name the attribute (C# cannot apply it elsewhere, but
    // through a global alias, which makes any parameter count); a library's from its symbols, only where it sees the attribute
    // (docs/design/value-flow-engine.md, "Sources").
    public ImmutableHashSet<string>? ParameterOwners()
    {
        if (_mentions?.NamingOurs is not { } naming)
        {
            return null;
        }

        var owners = ImmutableHashSet.CreateBuilder<string>(System.StringComparer.Ordinal);
        foreach (var tree in naming)
        {
            if (!SourceParameterOwners(tree, owners))
            {
                return null;
            }
        }

        foreach (var module in _compilation.Assembly.Modules)
        {
            if (!ReferenceEquals(module, _compilation.SourceModule) && !LibraryParameterOwners(module.GlobalNamespace, owners))
            {
                return null;
            }
        }

        foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (MayClassifyIn(assembly) && !LibraryParameterOwners(assembly.GlobalNamespace, owners))
            {
                return null;
            }
        }

        return owners.ToImmutable();
    }

    /// <summary>
    /// What a parameter's owner is known by in <see cref="IOriginSource.ParameterOwners"/>: a method's or local function's name (an explicit
    /// implementation's without its interface), a constructor's type's, an accessor's property's; null for the rest (lambdas, operators,
    /// indexers, delegates), whose parameters are answered by an owner set only when it is empty or when no such parameter carries
    /// the attribute. In C#, an override, an implementation and the member it inherits from are known by the same name (another
    /// language's may not be: the model asks about overrides and explicit implementations whatever their name).
    /// </summary>
    internal static string? ParameterOwner(ISymbol? owner) => owner switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor => constructor.ContainingType?.Name,
        IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet, AssociatedSymbol: IPropertySymbol { IsIndexer: false } property } => LastPart(property.Name),
        IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation or MethodKind.LocalFunction or MethodKind.ReducedExtension } method
            => LastPart(method.Name),
        _ => null,
    };

    // `Contoso.IAudit.Write` implements `Write`.
    private static string LastPart(string name) => name.LastIndexOf('.') is var dot and >= 0 ? name.Substring(dot + 1) : name;

    // Adds the owners of the parameters the tree may apply the attribute to; false when it may apply it to any (a lambda's, a global
    // alias's name used in other texts). C# cannot apply the attribute without spelling its name or an alias's, so only the places
    // the text spells them are read, not every node (a whole walk of each text that names the attribute cost as much as the rest of
    // SPI004's analysis of the generated benchmark, benchmarks/results.md, session 51); a text that escapes a character anywhere, or
    // holds a formatting character (which an identifier may contain and its name drops: `Sensitive\u200BPersonalInfo`), is walked
    // whole, since the text search does not see the name those spell.
    private static bool SourceParameterOwners(SyntaxTree tree, ImmutableHashSet<string>.Builder owners)
    {
        if (tree.GetRoot() is not CompilationUnitSyntax unit || HasGlobalAlias(unit))
        {
            return false;
        }

        var text = tree.GetText().ToString();
        if (text.IndexOf("\\u", StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", StringComparison.Ordinal) >= 0 || HasFormattingCharacter(text))
        {
            return WalkedParameterOwners(unit, owners);
        }

        // The attribute's name first; each alias of it declared here adds its own name (without its suffix: `[Pii]` applies an
        // alias `PiiAttribute`), searched in turn.
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        var applied = new List<AttributeSyntax>();
        var searched = new HashSet<string>(StringComparer.Ordinal) { OurName };
        var next = new Queue<string>(searched);
        while (next.Count != 0)
        {
            var name = next.Dequeue();
            for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + name.Length, StringComparison.Ordinal))
            {
                var token = unit.FindToken(at);
                if (!token.IsKind(SyntaxKind.IdentifierToken) || !token.Span.Contains(at))
                {
                    continue;
                }

                switch (SpelledIn(token))
                {
                    case UsingDirectiveSyntax { Alias: { } alias } directive:
                        if (!directive.GlobalKeyword.IsKind(SyntaxKind.None))
                        {
                            return false;
                        }

                        var aliasName = alias.Name.Identifier.ValueText;
                        if (aliasName.Length != 0 && aliases.Add(aliasName) && searched.Add(WithoutSuffix(aliasName)))
                        {
                            next.Enqueue(WithoutSuffix(aliasName));
                        }

                        break;
                    case AttributeSyntax attribute when attribute.Name.Span.Contains(at) && !applied.Contains(attribute):
                        applied.Add(attribute);
                        break;
                }
            }
        }

        foreach (var attribute in applied)
        {
            if (attribute.Parent is AttributeListSyntax list && OnParameter(list, out var owner) && NamesOurs(RightmostName(attribute.Name), aliases))
            {
                if (owner is null)
                {
                    return false;
                }

                owners.Add(owner);
            }
        }

        return true;
    }

    private const string OurName = "SensitivePersonalInfo";

    private static bool HasFormattingCharacter(string text)
    {
        // Most texts are ASCII throughout, which the encoder's vectorised count tells at once.
        if (System.Text.Encoding.UTF8.GetByteCount(text) == text.Length)
        {
            return false;
        }

        foreach (var character in text)
        {
            if (character >= 0x80 && char.GetUnicodeCategory(character) == System.Globalization.UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An attribute's name as written without its suffix (`PiiAttribute` is applied as `[Pii]`); the suffix alone is kept.</summary>
    internal static string WithoutSuffix(string name) =>
        name.Length > "Attribute".Length && name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;

    // The using directive or attribute an identifier is part of; null for any other place (a statement, a declaration, an argument's).
    private static SyntaxNode? SpelledIn(SyntaxToken token)
    {
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case UsingDirectiveSyntax or AttributeSyntax:
                    return node;
                case StatementSyntax or MemberDeclarationSyntax or ExpressionSyntax and not NameSyntax:
                    return null;
            }
        }

        return null;
    }

    private static bool WalkedParameterOwners(CompilationUnitSyntax unit, ImmutableHashSet<string>.Builder owners)
    {
        var aliases = new HashSet<string>(System.StringComparer.Ordinal);
        var applied = new List<(string Name, string? Owner)>();
        foreach (var node in unit.DescendantNodes())
        {
            if (node is UsingDirectiveSyntax { Alias: { } alias } directive)
            {
                if (!directive.GlobalKeyword.IsKind(SyntaxKind.None))
                {
                    return false;
                }

                aliases.Add(alias.Name.Identifier.ValueText);
            }
            else if (node is AttributeSyntax { Parent: AttributeListSyntax list } attribute && OnParameter(list, out var owner))
            {
                applied.Add((RightmostName(attribute.Name), owner));
            }
        }

        foreach (var (name, owner) in applied)
        {
            if (NamesOurs(name, aliases))
            {
                if (owner is null)
                {
                    return false;
                }

                owners.Add(owner);
            }
        }

        return true;
    }

    // Whether the list applies its attributes to a parameter, and whose (ParameterOwner's name; null when another kind of owner's).
    private static bool OnParameter(AttributeListSyntax list, out string? owner)
    {
        owner = null;
        if (list.Parent is ParameterSyntax parameter)
        {
            owner = parameter.Parent is ParameterListSyntax parameters
                ? parameters.Parent switch
                {
                    MethodDeclarationSyntax method => method.Identifier.ValueText,
                    ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
                    ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax => ((TypeDeclarationSyntax)parameters.Parent).Identifier.ValueText,
                    LocalFunctionStatementSyntax local => local.Identifier.ValueText,
                    _ => null,
                }
                : null;
            return true;
        }

        // `[param: …]` on a setter applies to its value.
        if (list.Target is { } target && target.Identifier.IsKind(SyntaxKind.ParamKeyword))
        {
            owner = list.Parent is AccessorDeclarationSyntax { Parent: AccessorListSyntax { Parent: PropertyDeclarationSyntax property } } ? property.Identifier.ValueText : null;
            return true;
        }

        return false;
    }

    // Adds the owners of the library's parameters that carry the attribute; false when one has no name (ParameterOwner) or the library
    // is too large to read.
    private bool LibraryParameterOwners(INamespaceSymbol global, ImmutableHashSet<string>.Builder owners)
    {
        var read = 0;
        foreach (var type in TypeHierarchy.TypesIn(global))
        {
            if (++read > MaxTypesRead)
            {
                return false;
            }

            foreach (var member in type.GetMembers())
            {
                var parameters = member switch
                {
                    IMethodSymbol method => method.Parameters,
                    IPropertySymbol property => property.Parameters,
                    _ => ImmutableArray<IParameterSymbol>.Empty,
                };
                foreach (var parameter in parameters)
                {
                    if (Carries(parameter.GetAttributes()))
                    {
                        if (ParameterOwner(member) is not { } owner)
                        {
                            return false;
                        }

                        owners.Add(owner);
                    }
                }
            }
        }

        return true;
    }

    // Whether an attribute written with this name (RightmostName) may be ours: our name with or without its suffix, or an alias's
    // (`[Pii]` names an alias `PiiAttribute` too).
    private static bool NamesOurs(string name, HashSet<string> aliases) =>
        name is OurName or "SensitivePersonalInfoAttribute" || aliases.Contains(name) || aliases.Contains(name + "Attribute");

    private static void NoteAliases(SyntaxList<UsingDirectiveSyntax> usings, HashSet<string> aliases)
    {
        foreach (var directive in usings)
        {
            if (directive.Alias is { } alias)
            {
                aliases.Add(alias.Name.Identifier.ValueText);
            }
        }
    }

    /// <summary>The name an attribute is written with, without its qualifier (`SensitivePi.Pii` and `S::Pii` are `Pii`), escapes decoded.</summary>
    internal static string RightmostName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };

    // A library built against the annotations is small; a larger one is not read, and may classify a type.
    private const int MaxTypesRead = 4096;

    private bool AnyTypeCarriesAttribute(INamespaceSymbol global)
    {
        var read = 0;
        foreach (var type in TypeHierarchy.TypesIn(global))
        {
            if (++read > MaxTypesRead || CarriesAttribute(type))
            {
                return true;
            }
        }

        return false;
    }

    private bool CarriesAttribute(INamedTypeSymbol type) => Carries(type.GetAttributes());

    private bool Carries(ImmutableArray<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.SensitivePersonalInfoAttribute))
            {
                return true;
            }
        }

        return false;
    }

    // `record R([SensitivePersonalInfo(...)] string Id)` puts the attribute on the parameter only; users
    // rightly expect the property `R.Id` to be sensitive too.
    // A positional property is declared by its parameter's syntax; a property declared in the body is not one.
    private SensitiveOrigin? FromRecordParameter(IPropertySymbol property)
    {
        var type = property.ContainingType;
        if (type is null || !type.IsRecord || property.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var declaration = property.DeclaringSyntaxReferences[0];
        if (declaration.GetSyntax() is not ParameterSyntax)
        {
            return null;
        }

        var key = type.OriginalDefinition;
        var constructor = _primaryConstructors.TryGetValue(key, out var known) ? known : _primaryConstructors.GetOrAdd(key, PrimaryConstructorOf(key, declaration));
        if (constructor is null)
        {
            return null;
        }

        foreach (var parameter in constructor.Parameters)
        {
            if (parameter.Name == property.Name && Declares(parameter, declaration))
            {
                return ReadAttribute(parameter.GetAttributes(), property);
            }
        }

        return null;
    }

    // The constructor one of whose parameters declares the positional property: the record's primary constructor, declared by the
    // record declaration whose parameter list holds the property's parameter (one syntax reference per constructor, not per parameter).
    private static IMethodSymbol? PrimaryConstructorOf(INamedTypeSymbol type, SyntaxReference declaration)
    {
        if (declaration.GetSyntax() is not { Parent: ParameterListSyntax { Parent: TypeDeclarationSyntax record } })
        {
            return null;
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            var references = constructor.DeclaringSyntaxReferences;
            if (references.Length == 1 && references[0].SyntaxTree == record.SyntaxTree && references[0].Span == record.Span)
            {
                return constructor;
            }
        }

        return null;
    }

    // Each read of a source symbol's DeclaringSyntaxReferences makes a new array: read once.
    private static bool Declares(IParameterSymbol parameter, SyntaxReference declaration) =>
        parameter.DeclaringSyntaxReferences is { Length: 1 } references
        && references[0].SyntaxTree == declaration.SyntaxTree
        && references[0].Span == declaration.Span;

    private SensitiveOrigin? ReadAttribute(ImmutableArray<AttributeData> attributes, ISymbol owner)
    {
        foreach (var attribute in attributes)
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.SensitivePersonalInfoAttribute))
            {
                continue;
            }

            // Half-typed code can leave the constructor argument missing or of the wrong kind: no
            // category, no evidence, no classification.
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Enum
                || attribute.ConstructorArguments[0].Value is not int category
                || !PiEnumRanges.IsCategory(category))
            {
                return null;
            }

            var mask = PiMaskKind.Auto;
            var legalBasis = PiLegalBasis.Consent;
            var form = PiBiometricForm.Unspecified;
            var atRest = PiAtRest.Unspecified;
            foreach (var named in attribute.NamedArguments)
            {
                // TypedConstant.Value throws for arrays; enums read as their underlying int.
                if (named.Value.Kind != TypedConstantKind.Enum || named.Value.Value is not int value || value < 0)
                {
                    continue;
                }

                switch (named.Key)
                {
                    // Out-of-range values (a cast integer, a newer annotations package) keep the safe default.
                    case "Mask" when PiEnumRanges.IsMask(value):
                        mask = (PiMaskKind)value;
                        break;
                    case "LegalBasis" when PiEnumRanges.IsLegalBasis(value):
                        legalBasis = (PiLegalBasis)value;
                        break;
                    case "Form" when PiEnumRanges.IsForm(value):
                        form = (PiBiometricForm)value;
                        break;
                    case "AtRest" when PiEnumRanges.IsAtRest(value):
                        atRest = (PiAtRest)value;
                        break;
                }
            }

            return new SensitiveOrigin(owner, (PiCategory)category, mask, legalBasis, form, _atRest.Resolve(atRest, (PiCategory)category, owner));
        }

        return null;
    }
}
