using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Model;

/// <summary>How a consent check reports its answer.</summary>
internal enum CheckShape
{
    /// <summary>Returns bool (or an awaited Task&lt;bool&gt;/ValueTask&lt;bool&gt;): true means granted.</summary>
    ReturnsResult,

    /// <summary>Returns nothing (or an awaited Task/ValueTask): completing normally means granted.</summary>
    Throws,
}

/// <summary>
/// Consent as the guard analysis sees it: a set of bits. Per <see cref="PiCategory"/>: one bit for a separate
/// consent covering the category for every purpose (<see cref="Bit"/>), one for "for some purpose"
/// (<see cref="SomePurposeBit"/>, granted by every check of the category), and bits for single purposes
/// (<see cref="ConsentPurposes"/>); <see cref="GuardianBit"/> for a guardian's consent. Every bound
/// derives from the category enum.
/// </summary>
internal sealed class ConsentCatalog
{
    private static readonly int CategoryCount = PiEnumRanges.Categories.Length;

    /// <summary>The bit after the categories' bits: derived from the enum, so a new category never collides with it.</summary>
    public static readonly int GuardianBit = 1 << CategoryCount;

    /// <summary>Every category, for every purpose.</summary>
    public static readonly int AllCategories = GuardianBit - 1;

    /// <summary>The first bit a single purpose can take (after the "some purpose" bits).</summary>
    public static readonly int FirstPurposeShift = (2 * CategoryCount) + 1;

    /// <summary>The last: the bit above is the guard analysis's "negated" flag.</summary>
    public const int LastPurposeShift = 29;

    public static readonly int Everything = (int)((1L << (LastPurposeShift + 1)) - 1);

    private readonly KnownSymbols _symbols;
    private readonly ConcurrentDictionary<IMethodSymbol, CheckDeclaration?> _checks = new(DefinitionIdentity<IMethodSymbol>.Instance);
    private readonly ConcurrentDictionary<IMethodSymbol, int> _requirements = new(DefinitionIdentity<IMethodSymbol>.Instance);
    private readonly AttributeReach _requirementReach;
    private readonly AttributeReach _checkReach;

    private readonly ConsentPurposes _purposes = new();

    private readonly AnnotationFiles _files;

    // The compilation's own assembly (null when the texts are not read): only its methods' bodies are analysed here.
    private readonly IAssemblySymbol? _assembly;

    /// <param name="symbols">Our attributes.</param>
    /// <param name="files">The annotation files' requirements.</param>
    /// <param name="source">What the compilation's texts name (null: not read, so any of its methods may require consent).</param>
    /// <param name="compilation">The compilation, whose methods' names tell which one-call helpers may wrap a check (null: every one may).</param>
    public ConsentCatalog(KnownSymbols symbols, AnnotationFiles? files = null, SourceMentions? source = null, Compilation? compilation = null)
    {
        _symbols = symbols;
        _compilation = compilation;
        _declaredChecks = new System.Lazy<(HashSet<string> Names, bool AnyName)>(DeclaredCheckNames, LazyThreadSafetyMode.ExecutionAndPublication);
        _onlyShippedChecks = new System.Lazy<bool>(() => OnlyShipped(_declaredChecks.Value.Names), LazyThreadSafetyMode.ExecutionAndPublication);
        _assembly = source?.Assembly;
        _sourceMayNameChecks = source?.MayName(TextMentions.Check) ?? true;
        _files = files ?? AnnotationFiles.None;
        _requirementReach = new AttributeReach(source, TextMentions.Consent, symbols.RequiresSeparateConsentAttribute);

        // The compilation's own texts are not read for the checks' names: only the framework's methods, most callees, skip the search.
        _checkReach = new AttributeReach(null, TextMentions.None, symbols.SeparateConsentCheckAttribute, symbols.GuardianConsentCheckAttribute);
    }

    /// <summary>Consent for <paramref name="category"/> for every purpose.</summary>
    public static int Bit(PiCategory category) => 1 << (int)category;

    /// <summary>Consent for <paramref name="category"/> for some purpose: what every check of the category grants.</summary>
    public static int SomePurposeBit(PiCategory category) => 1 << (CategoryCount + 1 + (int)category);

    /// <summary>
    /// The bits a guard may grant before data of <paramref name="category"/> is kept or sent, any one of which
    /// will do: a check of the category for any purpose; the guardian's for MinorUnder14 (SPI005).
    /// </summary>
    public static int NeededBit(PiCategory category) => category == PiCategory.MinorUnder14 ? GuardianBit : SomePurposeBit(category);

    /// <summary>
    /// The bits, any one of which shows consent for an operation requiring <paramref name="category"/> for
    /// <paramref name="purpose"/>: a check for every purpose or for that one (GB/T 45574 §5.4, consent per purpose).
    /// An operation without a purpose accepts any check of the category.
    /// </summary>
    public int Accepting(PiCategory category, string? purpose) =>
        category == PiCategory.MinorUnder14 || purpose is null
            ? NeededBit(category)
            : Bit(category) | _purposes.BitOf(category, purpose);

    /// <summary>
    /// What a check of <paramref name="categories"/> (category bits, and the guardian's) grants for
    /// <paramref name="purpose"/> (null: every purpose).
    /// </summary>
    public int Grant(int categories, string? purpose)
    {
        var granted = categories & ~AllCategories;
        foreach (var category in PiEnumRanges.Categories)
        {
            if ((categories & Bit(category)) == 0)
            {
                continue;
            }

            // A guardian's consent is accepted for any purpose (Accepting): a purpose would only take up a bit.
            granted |= SomePurposeBit(category) | (purpose is null || category == PiCategory.MinorUnder14 ? Bit(category) : _purposes.BitOf(category, purpose));
        }

        return granted;
    }

    /// <summary>
    /// What this call checks, if its target is a consent check: the bits its true result or completion grants. A
    /// constant purpose argument narrows it to that purpose.
    /// </summary>
    public (int Covered, CheckShape Shape)? GetCheck(IInvocationOperation call) => GetCheck(call, depth: 0);

    /// <summary>
    /// Whether <paramref name="call"/> may be a consent check, as <see cref="GetCheck(IInvocationOperation)"/> would answer, without
    /// binding a body: a declared check, or an ordinary method of the caller's file, which may wrap one.
    /// </summary>
    public bool MayBeCheck(IInvocationOperation call)
    {
        var method = call.TargetMethod.OriginalDefinition;
        return MayBeCheck(method, IsDeclaredCheck(method), call.Syntax.SyntaxTree);
    }

    /// <summary>
    /// As <see cref="MayBeCheck(IInvocationOperation)"/>, for a call made in <paramref name="callTree"/> to <paramref name="definition"/>
    /// (a definition), <paramref name="declared"/> saying whether it is a declared check (<see cref="IsDeclaredCheck"/>).
    /// </summary>
    public static bool MayBeCheck(IMethodSymbol definition, bool declared, SyntaxTree callTree) =>
        declared
        || (definition.MethodKind == MethodKind.Ordinary && !definition.IsVirtual && !definition.IsAbstract && !definition.IsOverride
            && definition.Locations.Length == 1 && definition.Locations[0].SourceTree == callTree);

    /// <summary>Whether <paramref name="definition"/> (a definition) is a consent check by a declaration: an attribute or an annotation file.</summary>
    public bool IsDeclaredCheck(IMethodSymbol definition) => DeclarationOf(definition) is not null;

    /// <summary>
    /// <see cref="IsDeclaredCheck"/> worked out afresh, not kept: for the survey's record of each callee, which keeps it itself. Most
    /// callees are no check, and adding each to this catalog's cache cost more than the answer.
    /// </summary>
    public bool IsDeclaredCheckUncached(IMethodSymbol definition) => ComputeCheck(definition) is not null;

    /// <summary>Whether one of <paramref name="calls"/> (the survey's <see cref="MayBeCheck"/> calls of a body) is a consent check.</summary>
    public bool ChecksAmong(IReadOnlyList<IInvocationOperation>? calls)
    {
        if (calls is not null)
        {
            foreach (var call in calls)
            {
                if (GetCheck(call) is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the body <paramref name="root"/> calls a consent check (a wrapper of one included).</summary>
    public bool ChecksIn(IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation call && GetCheck(call) is not null)
            {
                return true;
            }
        }

        return false;
    }

    // The check a method is declared to be (an attribute or an annotation file), once per method.
    private CheckDeclaration? DeclarationOf(IMethodSymbol method) =>
        _checks.TryGetValue(method, out var cached) ? cached : _checks.GetOrAdd(method, ComputeCheck(method));

    private (int Covered, CheckShape Shape)? GetCheck(IInvocationOperation call, int depth)
    {
        var method = call.TargetMethod.OriginalDefinition;
        var declaration = DeclarationOf(method);
        if (declaration is null)
        {
            return DerivedCheck(call, method, depth);
        }

        var covered = declaration.Covered;
        if (declaration.CategoryParameter >= 0)
        {
            // HasSeparateConsent(subject, Category.X, purpose): covers X, and only a constant X is evidence.
            covered = OperationTree.ArgumentFor(call, declaration.CategoryParameter)?.ConstantValue is { HasValue: true, Value: int category }
                && PiEnumRanges.IsCategory(category)
                ? Bit((PiCategory)category)
                : 0;
        }

        if (covered == 0)
        {
            return null;
        }

        var purpose = declaration.PurposeParameter >= 0
            && OperationTree.ArgumentFor(call, declaration.PurposeParameter)?.ConstantValue is { HasValue: true, Value: string text }
            ? text
            : null;
        return (Grant(covered, purpose), declaration.Shape);
    }

    /// <summary>
    /// The consent a member starts with: its own [RequiresSeparateConsent] grants its categories inside it
    /// (the duty moves to its callers); requiring MinorUnder14 moves the guardian's consent too.
    /// </summary>
    public int EntryMask(ISymbol owner)
    {
        if (owner is not IMethodSymbol method)
        {
            return 0;
        }

        var requirement = GetRequirement(method);
        var granted = 0;
        foreach (var category in PiEnumRanges.Categories)
        {
            if ((requirement & Bit(category)) != 0)
            {
                granted |= Grant(Bit(category), RequirementPurpose(method, category));
            }
        }

        return (requirement & Bit(PiCategory.MinorUnder14)) != 0 ? granted | GuardianBit : granted;
    }

    /// <summary>The purpose a call to <paramref name="method"/> declares for <paramref name="category"/> (<c>Purpose = …</c>), or null.</summary>
    public string? RequirementPurpose(IMethodSymbol method, PiCategory category)
    {
        if (_files.Requirements.TryGetValue(method.OriginalDefinition, out var fromFile) && (fromFile.Categories & Bit(category)) != 0)
        {
            return fromFile.Purpose;
        }

        if (_symbols.RequiresSeparateConsentAttribute is null)
        {
            return null;
        }

        foreach (var holder in MemberHierarchy.SelfOverriddenAndImplemented(method))
        {
            foreach (var attribute in holder.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.RequiresSeparateConsentAttribute)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Enum, Value: int declared } && declared == (int)category)
                {
                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == "Purpose" && named.Value.Kind == TypedConstantKind.Primitive && named.Value.Value is string purpose
                            && purpose.Trim().Length > 0)
                        {
                            return purpose;
                        }
                    }

                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>The callee when <paramref name="operation"/> calls or creates something that requires consent.</summary>
    public IMethodSymbol? RequiredCall(IOperation operation)
    {
        // Asked of every operation the survey visits: the kind first, then one cast.
        var callee = operation.Kind switch
        {
            OperationKind.Invocation => ((IInvocationOperation)operation).TargetMethod,
            OperationKind.ObjectCreation => ((IObjectCreationOperation)operation).Constructor,
            OperationKind.MethodReference => HandedToLibrary((IMethodReferenceOperation)operation),
            _ => null,
        };
        return callee is not null && GetRequirement(callee) != 0 ? callee : null;
    }

    // `app.MapPost("/faces", Enrol)`: a method handed as a delegate to a method of a referenced assembly is called there, by
    // code nobody checks, so the hand-over counts as the call (docs/rules/SPI003.md, "What it flags").
    private static IMethodSymbol? HandedToLibrary(IMethodReferenceOperation reference)
    {
        var value = OperationTree.WithConversionsAbove(reference.Parent is IDelegateCreationOperation creation ? creation : reference);

        var receiver = value.Parent is IArgumentOperation { Parent: var call } ? call switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation created => created.Constructor,
            _ => null,
        } : null;
        return receiver is { DeclaringSyntaxReferences.IsEmpty: true } ? reference.Method : null;
    }

    /// <summary>The consent bits a call to <paramref name="method"/> requires ([RequiresSeparateConsent], inherited).</summary>
    public int GetRequirement(IMethodSymbol method)
    {
        var key = method.OriginalDefinition;
        return _requirements.TryGetValue(key, out var cached) ? cached : _requirements.GetOrAdd(key, ComputeRequirement(key));
    }

    /// <summary><see cref="GetRequirement"/> of a definition worked out afresh, not kept: for the survey's record of each callee (as <see cref="IsDeclaredCheckUncached"/>).</summary>
    public int RequirementOfDefinition(IMethodSymbol definition) => ComputeRequirement(definition);

    private int ComputeRequirement(IMethodSymbol method)
    {
        var bits = _files.Requirements.TryGetValue(method, out var declared) ? declared.Categories : 0;
        if (_symbols.RequiresSeparateConsentAttribute is null || !_requirementReach.MayReach(method.ContainingAssembly))
        {
            return bits;
        }

        foreach (var holder in MemberHierarchy.SelfOverriddenAndImplemented(method))
        {
            foreach (var attribute in holder.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.RequiresSeparateConsentAttribute)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Enum, Value: int category }
                    && PiEnumRanges.IsCategory(category))
                {
                    bits |= Bit((PiCategory)category);
                }
            }
        }

        return bits;
    }

    // docs/design/value-flow-engine.md, "Consent across methods": a method that returns a check's result (`bool CanArchive(string id) =>
    // consent.HasSeparateConsent(id, Category.Biometric, "archive")`), or only calls a throwing check, is itself a
    // check granting what that check grants. In the caller's file its body is read with the caller's semantic model; in another
    // file it was read as its own body was analysed (NoteOwnBody), and counts once every body has been (EveryBodyRead).
    private (int Covered, CheckShape Shape)? DerivedCheck(IInvocationOperation call, IMethodSymbol method, int depth)
    {
        // Another file's wrapper counts only at compilation end, whichever caller asks first (the answer must not depend on order);
        // by then its own body has been read, and so have those of the wrappers it wraps (ResolveChains).
        if (method.DeclaringSyntaxReferences.Length == 1 && method.DeclaringSyntaxReferences[0].SyntaxTree != call.Syntax.SyntaxTree)
        {
            return _everyBodyRead && _wrappersElsewhere.TryGetValue(method, out var elsewhere) ? elsewhere : null;
        }

        if (_derived.TryGetValue(method, out var known) || (depth == 0 && _derivedFromTop.TryGetValue(method, out known)))
        {
            return known;
        }

        if (!IsWrapperCandidate(method))
        {
            // A library's method, or one another could replace: never a check by its body.
            return _derived.GetOrAdd(method, ((int, CheckShape)?)null);
        }

        var model = call.SemanticModel ?? ModelOf(call.Syntax.SyntaxTree);
        if (depth >= MaxWrapperDepth || model is null || method.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        // Binding a body costs (the whole member, nullable analysis included); most callees in a file are not one-statement
        // wrappers, and their syntax says so. A one-call helper (`Write(logger, text) => logger.LogInformation(text)`) is none
        // either when no method its call's name can denote may be a check.
        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (!MayWrapCheck(declaration))
        {
            return _derived.GetOrAdd(method, ((int, CheckShape)?)null);
        }

        var (derived, cutOff) = WrapperCheck(model.GetOperation(declaration) as IMethodBodyOperation, method, depth);
        // Kept only when read from the top: read inside a chain, the depth bound may have cut it short, and which caller asks
        // first must not decide the answer.
        return cutOff || depth > 0 ? derived : _derivedFromTop.GetOrAdd(method, derived);
    }

    // Whether a wrapper of this file wraps a method of another file that may be a wrapper, directly or through further wrappers of
    // this file: its answer is then known only at compilation end, and is not kept before (a same-file chain such as
    // `Allowed(id) => Gate.CanKeep(id)`, or `AllowedTwice(id) => Allowed(id)` before it).
    private bool WrapsAnotherFile(IInvocationOperation? inner) =>
        inner is not null && !_everyBodyRead && (MayBeWrapperElsewhere(inner) || WrapsWrapperElsewhere(inner, depth: 0));

    // What a wrapper's body shows: one statement (or an expression body) returning a check's result, or only calling a throwing
    // check; and whether the depth bound cut the answer short (then it is not kept).
    private ((int Covered, CheckShape Shape)? Check, bool CutOff) WrapperCheck(IMethodBodyOperation? body, IMethodSymbol method, int depth)
    {
        if ((body?.BlockBody ?? body?.ExpressionBody) is not { Operations.Length: 1 } block)
        {
            return (null, false);
        }

        var only = block.Operations[0];
        var returned = only switch
        {
            IReturnOperation { ReturnedValue: { } value } => value,
            IExpressionStatementOperation { Operation: { } expression } => expression,
            _ => null,
        };
        var inner = CallUnder(returned);
        var cutOff = depth + 1 >= MaxWrapperDepth;
        if (inner is not null && GetCheck(inner, depth + 1) is { } check
            && (check.Shape == CheckShape.Throws) == (only is IExpressionStatementOperation || ReturnsNothing(method)))
        {
            // A purpose the wrapper passes through (`Can(id, purpose) => Has(id, C, purpose)`) is its caller's, which
            // this does not read: the wrapper shows consent for some purpose, not for every one.
            return (HasVariablePurpose(inner) ? (check.Covered & ~AllCategories, check.Shape) : check, cutOff);
        }

        // No check yet: asked only now, since it binds the bodies of this file's wrappers on the way.
        return (null, cutOff || WrapsAnotherFile(inner));
    }

    // An ordinary method with one declaration that nothing can replace: what its body returns is what a call gets.
    private static bool IsWrapperCandidate(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary && !method.IsVirtual && !method.IsAbstract && !method.IsOverride && method.DeclaringSyntaxReferences.Length == 1;

    // The checks the wrappers of the compilation show, each read from its own body (NoteOwnBody); asked by callers in other files
    // only once every body has been read.
    private readonly ConcurrentDictionary<IMethodSymbol, (int Covered, CheckShape Shape)> _wrappersElsewhere = new(DefinitionIdentity<IMethodSymbol>.Instance);
    private volatile bool _everyBodyRead;

    /// <summary>
    /// Reads the body of <paramref name="owner"/> (its operation tree <paramref name="root"/>) as it is analysed, when it is shaped
    /// like a wrapper check: what it shows counts for its callers in other files at compilation end (<see cref="EveryBodyRead"/>).
    /// </summary>
    public void NoteOwnBody(IMethodSymbol owner, IOperation root)
    {
        if (root is not IMethodBodyOperation body || !IsWrapperCandidate(owner) || !MayBeWrapper(owner.DeclaringSyntaxReferences[0].GetSyntax()))
        {
            return;
        }

        // Only a wrapper returning the check's result: a one-line method returning nothing is too common a callee (`Log(x)`) for
        // every body calling one to wait for compilation end.
        // Read from the top, the answer is cut short only where the wrapper leads to another file (WrapsAnotherFile).
        var (found, leadsElsewhere) = WrapperCheck(body, owner, depth: 0);
        if (found is { Shape: CheckShape.ReturnsResult } check)
        {
            _wrappersElsewhere[owner.OriginalDefinition] = check;
        }
        else if (leadsElsewhere && Declare(owner, AllCategories, categoryParameter: -1, purposeParameter: -1) is { Shape: CheckShape.ReturnsResult }
            && CallUnder(OnlyReturned(body)) is { } inner)
        {
            // It returns what a method of another file returns (or a wrapper of its own file wrapping one): a check if that one
            // is, known once its body has been read.
            _chains[owner.OriginalDefinition] = (inner.TargetMethod.OriginalDefinition, HasVariablePurpose(inner));
        }
    }

    // Wrappers whose one call is to a method of another file shaped like a wrapper (or to a wrapper of their own file that leads
    // to one), with whether they pass a purpose through.
    private readonly ConcurrentDictionary<IMethodSymbol, (IMethodSymbol Wrapped, bool VariablePurpose)> _chains = new(DefinitionIdentity<IMethodSymbol>.Instance);

    /// <summary>Every body of the compilation has been analysed (compilation end): wrappers in other files than their callers count from now on.</summary>
    public void EveryBodyRead()
    {
        ResolveChains();
        _everyBodyRead = true;
    }

    // A wrapper of another file's wrapper is a check once that one is known to be: each round takes the chains one step
    // further, as deep as a wrapper of this file is read (MaxWrapperDepth).
    private void ResolveChains()
    {
        for (var round = 0; round < MaxWrapperDepth && !_chains.IsEmpty; round++)
        {
            var resolved = new List<(IMethodSymbol Wrapper, (int Covered, CheckShape Shape) Check)>();
            foreach (var chain in _chains)
            {
                if (_wrappersElsewhere.TryGetValue(chain.Value.Wrapped, out var wrapped))
                {
                    resolved.Add((chain.Key, chain.Value.VariablePurpose ? (wrapped.Covered & ~AllCategories, wrapped.Shape) : wrapped));
                }
            }

            if (resolved.Count == 0)
            {
                return;
            }

            foreach (var (wrapper, check) in resolved)
            {
                _chains.TryRemove(wrapper, out _);
                _wrappersElsewhere[wrapper] = check;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="root"/> calls a method of this assembly, declared in another file, that may be a wrapper check
    /// (<see cref="NoteOwnBody"/>): its syntax wraps one call and it returns <c>bool</c>, <c>Task&lt;bool&gt;</c> or
    /// <c>ValueTask&lt;bool&gt;</c>. Whether it is one is known only at compilation end, so a verdict that depends on it waits until then.
    /// </summary>
    public bool CallsWrapperElsewhere(IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation call && (MayBeWrapperElsewhere(call) || WrapsWrapperElsewhere(call, depth: 0)))
            {
                return true;
            }
        }

        return false;
    }

    // A call to a wrapper of this file whose one call is to a method of another file shaped like a wrapper, directly or through
    // further wrappers of this file: its answer too waits for compilation end.
    private bool WrapsWrapperElsewhere(IInvocationOperation call, int depth)
    {
        var target = call.TargetMethod.OriginalDefinition;
        if (depth >= MaxWrapperDepth || !IsWrapperCandidate(target) || !ReferenceEquals(target.ContainingAssembly, _assembly)
            || call.SemanticModel is not { } model || target.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree
            || Declare(target, AllCategories, categoryParameter: -1, purposeParameter: -1) is not { Shape: CheckShape.ReturnsResult }
            || target.DeclaringSyntaxReferences[0].GetSyntax() is not { } declaration || !MayBeWrapper(declaration))
        {
            return false;
        }

        return CallUnder(OnlyReturned(model.GetOperation(declaration) as IMethodBodyOperation)) is { } inner
            && (MayBeWrapperElsewhere(inner) || WrapsWrapperElsewhere(inner, depth + 1));
    }

    // The value a body of one `return` statement (or an expression body) returns.
    private static IOperation? OnlyReturned(IMethodBodyOperation? body) =>
        (body?.BlockBody ?? body?.ExpressionBody) is { Operations.Length: 1 } block && block.Operations[0] is IReturnOperation { ReturnedValue: { } value } ? value : null;

    private bool MayBeWrapperElsewhere(IInvocationOperation call)
    {
        var target = call.TargetMethod.OriginalDefinition;
        return IsWrapperCandidate(target) && ReferenceEquals(target.ContainingAssembly, _assembly)
            && target.DeclaringSyntaxReferences[0] is var declaration && declaration.SyntaxTree != call.Syntax.SyntaxTree
            && Declare(target, AllCategories, categoryParameter: -1, purposeParameter: -1) is { Shape: CheckShape.ReturnsResult }
            && MayBeWrapper(declaration.GetSyntax())
            && !IsGenerated(target);
    }

    // The driver does not hand us generated bodies, so a wrapper declared there is never read (NoteOwnBody): its callers need
    // not wait for it.
    private bool IsGenerated(IMethodSymbol method) =>
        GeneratedCode is { } generated && !method.Locations.IsEmpty && generated.Contains(method.Locations[0], CancellationToken.None);

    /// <summary>
    /// Whether wrapper checks of other files than their callers are read (<see cref="NoteOwnBody"/>) and waited for; set by the
    /// analyzer when a rule counts them and the cross-method pass is on.
    /// </summary>
    public bool ReadsWrappersElsewhere { get; set; }

    /// <summary>Tells generated code as the driver does; set by the analyzer, which has the options (null: none is).</summary>
    public GeneratedCode? GeneratedCode { get; set; }

    private const int MaxWrapperDepth = 4;

    // One statement or an expression body whose value is a call (under `await`, `ConfigureAwait`, a cast, `as`, `!`, `checked`, parentheses).
    private static bool MayBeWrapper(SyntaxNode declaration) => WrappedCall(declaration) is not null;

    // Whether the call a wrapper makes (WrappedCall) may reach a check, by its name: that of a declared check, or of a method of
    // this compilation that is one or may wrap one. True when the call has no plain name (or a half-typed one), the names lead
    // too deep, or the declared checks' names are not all known (DeclaredCheckNames).
    private bool MayCallCheck(InvocationExpressionSyntax call, int depth)
    {
        if (_compilation is null || depth >= MaxWrapperDepth || _declaredChecks.Value.AnyName)
        {
            return true;
        }

        // `check(…).ConfigureAwait(false)`, `check(…)!.ConfigureAwait(false)`: the call underneath too, as CallUnder reads it (and
        // the ConfigureAwait itself, which may be the application's own extension method).
        for (var step = 0; ; step++)
        {
            var name = call.Expression switch
            {
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };
            if (name is null or { Length: 0 } || NameMayCheck(name, depth))
            {
                return true;
            }

            if (step < MaxWrapperDepth && name == "ConfigureAwait" && call.Expression is MemberAccessExpressionSyntax { Expression: var awaitable }
                && Unwrapped(awaitable) is InvocationExpressionSyntax under)
            {
                call = under;
                continue;
            }

            return false;
        }
    }

    /// <summary>
    /// Whether a call of <paramref name="method"/>, when it is a one-call method, has its body read to tell whether it wraps a
    /// check (<see cref="MayCallCheck"/>); for the tests, which cannot see a binding that does not happen.
    /// </summary>
    public bool ReadsAsWrapper(IMethodSymbol method) => IsWrapperCandidate(method) && MayWrapCheck(method.DeclaringSyntaxReferences[0].GetSyntax());

    // Whether a wrapper candidate's declaration is one call whose name may lead to a check: its body is then read (DerivedCheck).
    private bool MayWrapCheck(SyntaxNode declaration) => WrappedCall(declaration) is { } call && MayCallCheck(call, depth: 0);

    private bool NameMayCheck(string name, int depth)
    {
        // Any answer kept is sound: "no" is never cut short, and "yes" only costs the binding.
        if (_nameMayCheck.TryGetValue(name, out var known))
        {
            return known;
        }

        var may = _declaredChecks.Value.Names.Contains(name);

        // Without a text naming a check attribute or a shipped check, the compilation declares no check (C# cannot apply an
        // attribute without naming it, and a method implementing or overriding a check keeps its name) and wraps none (a wrapper
        // names what it calls). When the only checks it can call are the shipped ones, no other name may lead to a check, and no
        // method need be searched for (on jellyfin/jellyfin the searches cost 5 % of the analyzer's time, benchmarks/results.md).
        if (!may && !_sourceMayNameChecks && _onlyShippedChecks.Value)
        {
            return _nameMayCheck.GetOrAdd(name, false);
        }

        if (!may)
        {
            Interlocked.Increment(ref _nameSearches);
        }

        foreach (var symbol in may ? Enumerable.Empty<ISymbol>() : _compilation!.GetSymbolsWithName(name, SymbolFilter.Member))
        {
            if (symbol is IMethodSymbol method && (DeclarationOf(method.OriginalDefinition) is not null
                || (IsWrapperCandidate(method) && WrappedCall(method.DeclaringSyntaxReferences[0].GetSyntax()) is { } wrapped && MayCallCheck(wrapped, depth + 1))))
            {
                may = true;
                break;
            }
        }

        return _nameMayCheck.GetOrAdd(name, may);
    }

    // The names of the checks annotation files declare and referenced assemblies declare (an attribute in a method's hierarchy),
    // listed once per compilation. A method that implements or overrides a check keeps its name, except a VB method implementing
    // one under another name, which is found too: every method but constructors and destructors (accessors too, which C# may
    // call by their names) of each assembly that reaches the check attributes (built against the annotations, directly or
    // through another reference) is asked. Any name may be a check's (every one-call body is read, as binding decides) when a
    // delegate's Invoke is declared one (a delegate is called by its variable's name), or when such an assembly has more types
    // than are listed at a compilation's start.
    private (HashSet<string> Names, bool AnyName) DeclaredCheckNames()
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        var anyName = false;
        foreach (var method in _files.Checks.Keys)
        {
            names.Add(method.Name);
            anyName |= method.MethodKind == MethodKind.DelegateInvoke;
        }

        foreach (var assembly in _compilation!.SourceModule.ReferencedAssemblySymbols)
        {
            if (!_checkReach.MayReach(assembly))
            {
                continue;
            }

            if (assembly.TypeNames.Count > MaxTypesListed)
            {
                return (names, true);
            }

            var containers = new Stack<INamespaceOrTypeSymbol>();
            containers.Push(assembly.GlobalNamespace);
            while (containers.Count > 0)
            {
                foreach (var member in containers.Pop().GetMembers())
                {
                    if (member is INamespaceOrTypeSymbol container)
                    {
                        containers.Push(container);
                    }
                    else if (member is IMethodSymbol { MethodKind: not (MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor) } method
                        && ComputeCheck(method.OriginalDefinition) is not null)
                    {
                        names.Add(method.Name);
                        anyName |= method.MethodKind == MethodKind.DelegateInvoke;
                    }
                }
            }
        }

        return (names, anyName);
    }

    // The top-level types of one referenced assembly whose methods are listed (DeclaredCheckNames): a library built against the
    // annotations is small; a larger one is not read.
    private const int MaxTypesListed = 512;

    private readonly Compilation? _compilation;
    private readonly System.Lazy<(HashSet<string> Names, bool AnyName)> _declaredChecks;

    // Whether every declared check's name is a shipped one's (OnlyShipped), once per compilation rather than per name asked.
    private readonly System.Lazy<bool> _onlyShippedChecks;
    private readonly ConcurrentDictionary<string, bool> _nameMayCheck = new(System.StringComparer.Ordinal);

    // Whether some text of the compilation may name a check attribute or a shipped check (AnnotationUsage): true when not read.
    private readonly bool _sourceMayNameChecks;

    /// <summary>How many names were looked up among the compilation's members to tell whether a call may wrap a check (for the tests).</summary>
    internal int NameSearches => _nameSearches;

    private int _nameSearches;

    // Whether every declared check's name is one of the shipped annotations' (with its Async twin).
    private static bool OnlyShipped(HashSet<string> names)
    {
        foreach (var name in names)
        {
            if (System.Array.IndexOf(AnnotationUsage.ShippedChecks, name.EndsWith("Async", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name) < 0)
            {
                return false;
            }
        }

        return true;
    }

    // The call a wrapper's one statement or expression body makes (MayBeWrapper), or null.
    private static InvocationExpressionSyntax? WrappedCall(SyntaxNode declaration)
    {
        var expression = declaration switch
        {
            MethodDeclarationSyntax { ExpressionBody.Expression: var body } => body,
            MethodDeclarationSyntax { Body.Statements: { Count: 1 } statements } => statements[0] switch
            {
                ReturnStatementSyntax { Expression: { } returned } => returned,
                ExpressionStatementSyntax { Expression: var statement } => statement,
                _ => null,
            },
            _ => null,
        };

        return expression is null ? null : Unwrapped(expression) as InvocationExpressionSyntax;
    }

    // Under parentheses, `await`, a cast, `as`, `!` and `checked`: what WrappedCall and CallUnder look through; null past the bound.
    private static ExpressionSyntax? Unwrapped(ExpressionSyntax expression)
    {
        for (var depth = 0; depth < MaxWrapperDepth * 2; depth++)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case AwaitExpressionSyntax awaited:
                    expression = awaited.Expression;
                    break;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    break;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                    expression = suppressed.Operand;
                    break;
                case CheckedExpressionSyntax checkedExpression:
                    expression = checkedExpression.Expression;
                    break;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression } asExpression:
                    expression = asExpression.Left;
                    break;
                default:
                    return expression;
            }
        }

        return null;
    }

    // The semantic model of each file whose bodies are analysed: a control-flow graph's operations carry none.
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    /// <summary>Notes the model of a file being analysed, so that a wrapper check in it can be read (see <see cref="DerivedCheck"/>).</summary>
    public void NoteModel(SemanticModel? model)
    {
        if (model is not null)
        {
            _models.TryAdd(model.SyntaxTree, model);
        }
    }

    /// <summary>The semantic model noted for <paramref name="tree"/> (<see cref="NoteModel"/>): every analysed file's, at compilation end.</summary>
    public SemanticModel? ModelOf(SyntaxTree tree) => _models.TryGetValue(tree, out var model) ? model : null;

    // Methods that are no wrapper by their kind or syntax, whatever the depth; and wrappers' answers read from their own call (depth 0).
    private readonly ConcurrentDictionary<IMethodSymbol, (int Covered, CheckShape Shape)?> _derived = new(DefinitionIdentity<IMethodSymbol>.Instance);
    private readonly ConcurrentDictionary<IMethodSymbol, (int Covered, CheckShape Shape)?> _derivedFromTop = new(DefinitionIdentity<IMethodSymbol>.Instance);

    // `await check(…)`, `check(…).ConfigureAwait(false)`, conversions: the call underneath.
    private static IInvocationOperation? CallUnder(IOperation? value)
    {
        for (var depth = 0; value is not null && depth < MaxWrapperDepth; depth++)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    break;
                case IAwaitOperation awaited:
                    value = awaited.Operation;
                    break;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } awaitable }:
                    value = awaitable;
                    break;
                case IInvocationOperation call:
                    return call;
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool HasVariablePurpose(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { Name: "purpose", Type.SpecialType: SpecialType.System_String } && !argument.Value.ConstantValue.HasValue)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReturnsNothing(IMethodSymbol method) =>
        method.ReturnsVoid || method.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: false };

    private CheckDeclaration? ComputeCheck(IMethodSymbol method)
    {
        // A library's check, declared in an annotation file: its categories (or the guardian's), its purpose parameter.
        if (_files.Checks.TryGetValue(method.OriginalDefinition, out var declaredCheck))
        {
            return Declare(method, declaredCheck.Guardian ? GuardianBit : declaredCheck.Categories, declaredCheck.Categories != 0 || declaredCheck.Guardian ? -1 : CategoryParameter(method), PurposeParameter(method));
        }

        if (!_checkReach.MayReach(method.ContainingAssembly))
        {
            return null;
        }

        foreach (var holder in MemberHierarchy.SelfOverriddenAndImplemented(method))
        {
            foreach (var attribute in holder.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.GuardianConsentCheckAttribute))
                {
                    return Declare(method, GuardianBit, categoryParameter: -1, purposeParameter: -1);
                }

                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.SeparateConsentCheckAttribute))
                {
                    // Listed categories decide; only without them does the Category argument (or "all") apply.
                    var listed = AttributeCategories(attribute);
                    return Declare(method, listed, listed != 0 ? -1 : CategoryParameter(holder), PurposeParameter(holder));
                }
            }
        }

        return null;
    }

    // With categories: those. Without: the Category argument's value, or every category when there is none.
    private static int AttributeCategories(AttributeData attribute)
    {
        var bits = 0;
        if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array
            && !attribute.ConstructorArguments[0].IsNull)
        {
            foreach (var value in attribute.ConstructorArguments[0].Values)
            {
                if (value.Kind == TypedConstantKind.Enum && value.Value is int category && PiEnumRanges.IsCategory(category))
                {
                    bits |= Bit((PiCategory)category);
                }
            }
        }

        return bits;
    }

    private static int CategoryParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type is INamedTypeSymbol { Name: "Category", ContainingNamespace.Name: "SensitivePi" })
            {
                return parameter.Ordinal;
            }
        }

        return -1;
    }

    // The check's `string purpose` parameter (rules: "the check's string parameter named purpose").
    private static int PurposeParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_String && string.Equals(parameter.Name, "purpose", System.StringComparison.OrdinalIgnoreCase))
            {
                return parameter.Ordinal;
            }
        }

        return -1;
    }

    private static CheckDeclaration? Declare(IMethodSymbol method, int categories, int categoryParameter, int purposeParameter)
    {
        var returnType = method.ReturnType;
        var isBool = returnType.SpecialType == SpecialType.System_Boolean
            || (returnType is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task
                && task.TypeArguments[0].SpecialType == SpecialType.System_Boolean);
        var isVoid = method.ReturnsVoid || returnType is INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: false };
        if (!isBool && !isVoid)
        {
            return null;
        }

        var shape = isBool ? CheckShape.ReturnsResult : CheckShape.Throws;
        var covered = categories != 0 || categoryParameter >= 0 || (categories & GuardianBit) != 0 ? categories : AllCategories;
        return new CheckDeclaration(covered, categoryParameter, purposeParameter, shape);
    }

    private sealed class CheckDeclaration
    {
        public CheckDeclaration(int covered, int categoryParameter, int purposeParameter, CheckShape shape)
        {
            Covered = covered;
            CategoryParameter = categoryParameter;
            PurposeParameter = purposeParameter;
            Shape = shape;
        }

        public int PurposeParameter { get; }

        public int Covered { get; }

        public int CategoryParameter { get; }

        public CheckShape Shape { get; }
    }
}
