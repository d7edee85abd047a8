using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// What an object created in the body shows where a sink writes it whole (docs/design/value-flow-engine.md, "Containers"):
/// only the classified members something sets. <c>var model = new LoginModel { DisplayCaptcha = true }; return View(model);</c>
/// shows no e-mail address, though <c>LoginModel.Email</c> is classified. Decided from the body alone: the creation
/// (its initializer, its constructor's assignments read from source, its type's member initializers) and every use of the
/// local that holds it; any other use (handed to a method that is no sink, a method called on it) leaves the type's
/// members all counted.
/// </summary>
internal static class FreshObjects
{
    // Constructors chained through base types, read from source.
    private const int MaxConstructorDepth = 8;

    /// <summary>
    /// <paramref name="origins"/> (what the type of <paramref name="value"/> shows) kept to those of the members the object
    /// is given, when <paramref name="value"/> is such a creation or a local holding one; <paramref name="origins"/> as they are
    /// otherwise. <paramref name="value"/> and <paramref name="root"/> belong to the body's own operation tree.
    /// </summary>
    /// <param name="isSink">Whether a call is a sink: handing the object to one sets nothing in it.</param>
    /// <param name="renderedOf">What an object of a member's type shows (the nested objects the object is given).</param>
    /// <param name="byRuntimeType">
    /// Whether the sink writes a member by the type of the value it holds (a JSON serialiser, a destructuring logger): then a
    /// member typed loosely (<c>object Data</c>) shows what the body puts there (<c>new ApiResult { Data = patient }</c>), which its
    /// type alone does not say.
    /// </param>
    public static ImmutableArray<SensitiveOrigin> Shown(
        IOperation value, IOperation root, ImmutableArray<SensitiveOrigin> origins,
        System.Func<IOperation, bool> isSink, System.Func<ITypeSymbol, ImmutableArray<SensitiveOrigin>> renderedOf,
        bool byRuntimeType = false, bool byLogger = false)
    {
        var plain = OperationTree.WithoutConversions(value);
        var loose = byRuntimeType && plain is IObjectCreationOperation or ILocalReferenceOperation && HasLooseMembers(plain.Type, byLogger);
        if (origins.IsEmpty && !loose)
        {
            return origins;
        }

        var fresh = Of(value, root, isSink);
        var shown = Restrict(origins, fresh, renderedOf);
        return loose && fresh is not null ? WithLooseValues(shown, fresh, root, isSink, renderedOf, byLogger) : shown;
    }

    /// <summary>
    /// Whether <paramref name="type"/> is a class with a member a serialiser (or, when <paramref name="byLogger"/>, a destructuring
    /// logger) writes by the type of what it holds (<c>public object Data</c>, <see cref="ShowsLoosely"/>).
    /// </summary>
    public static bool HasLooseMembers(ITypeSymbol? type, bool byLogger)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named)
        {
            return false;
        }

        for (var holder = named; holder is not null && holder.SpecialType != SpecialType.System_Object; holder = holder.BaseType)
        {
            foreach (var member in holder.GetMembers())
            {
                if (ShowsLoosely(member, byLogger))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // A member the sink writes (public, of an instance, not an indexer, not skipped: as SensitivityModel's shown members) whose
    // type says nothing of what is written there.
    private static bool ShowsLoosely(ISymbol member, bool byLogger) =>
        member is IPropertySymbol { IsIndexer: false } or IFieldSymbol && !member.IsStatic && member.DeclaredAccessibility == Accessibility.Public
        && SymbolTypes.TypeOf(member) is { } memberType && IsLoose(memberType)
        && !(byLogger ? SensitivityModel.IsIgnoredByLogDestructuring(member) : SensitivityModel.IsIgnoredBySerializers(member));

    /// <summary>A member type that says nothing of what a serialiser finds there: <c>object</c>, <c>dynamic</c>, an interface, a type parameter.</summary>
    public static bool IsLoose(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Object || type.TypeKind is TypeKind.Dynamic or TypeKind.Interface or TypeKind.TypeParameter;

    // `shown` with what each loosely typed member shows of the values the body gives it: by their types, or, for an object created
    // there (`Data = new LoginModel { DisplayCaptcha = true }`), only what it is given.
    private static ImmutableArray<SensitiveOrigin> WithLooseValues(
        ImmutableArray<SensitiveOrigin> shown, FreshObject fresh, IOperation root, System.Func<IOperation, bool> isSink,
        System.Func<ITypeSymbol, ImmutableArray<SensitiveOrigin>> renderedOf, bool byLogger)
    {
        if (fresh.LooseValues is null)
        {
            return shown;
        }

        List<SensitiveOrigin>? added = null;
        foreach (var pair in fresh.LooseValues)
        {
            if (!HasLooseMember(fresh.Type, pair.Key, byLogger))
            {
                continue;
            }

            foreach (var value in pair.Value)
            {
                var plain = OperationTree.WithoutConversions(value);
                if (plain.Type is not { } valueType)
                {
                    continue;
                }

                var origins = renderedOf(valueType);
                if (plain is IObjectCreationOperation && !origins.IsEmpty)
                {
                    origins = Restrict(origins, Of(plain, root, isSink), renderedOf);
                }

                foreach (var origin in origins)
                {
                    if (!shown.Contains(origin) && (added is null || !added.Contains(origin)))
                    {
                        (added ??= new List<SensitiveOrigin>()).Add(origin);
                    }
                }
            }
        }

        return added is null ? shown : shown.AddRange(added);
    }

    private static bool HasLooseMember(INamedTypeSymbol type, string name, bool byLogger)
    {
        for (var holder = type; holder is not null; holder = holder.BaseType)
        {
            foreach (var member in holder.GetMembers(name))
            {
                if (ShowsLoosely(member, byLogger))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The object <paramref name="value"/> is, when it is a creation in the body or a local holding one whose every use the body
    /// shows, with the names of the members it may be given; null otherwise. Kept for the cross-method pass, which renders an
    /// object handed whole to a helper at compilation end.
    /// </summary>
    /// <param name="keepValues">Whether the loosely typed members' values are kept (<see cref="FreshObject.LooseValues"/>).</param>
    public static FreshObject? Of(IOperation value, IOperation root, System.Func<IOperation, bool> isSink, bool keepValues = true) =>
        SetMembers(OperationTree.WithoutConversions(value), root, isSink) is { } fresh
            ? (keepValues ? fresh : new FreshObject(fresh.Type, fresh.Names, looseValues: null, fresh.Held))
            : null;

    /// <summary><paramref name="origins"/> kept to those of the members <paramref name="fresh"/> may be given (all when it is null).</summary>
    public static ImmutableArray<SensitiveOrigin> Restrict(
        ImmutableArray<SensitiveOrigin> origins, FreshObject? fresh, System.Func<ITypeSymbol, ImmutableArray<SensitiveOrigin>> renderedOf)
    {
        if (origins.IsEmpty || fresh is null)
        {
            return origins;
        }

        var (type, names) = (fresh.Type, fresh.Names);

        // A member set through a setter of its own may set any other; a classified property computed from other members
        // (`FullName => …`, `IdNumber => _id`) shows what those hold, which only its body says: both count as given.
        var auto = AutoProperties(type);
        foreach (var name in names)
        {
            if (SetThroughOwnSetter(type, name, auto))
            {
                return origins;
            }
        }

        // Nested objects' members count where the member holding them is set.
        var nested = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var name in names)
        {
            for (var holder = type; holder is not null; holder = holder.BaseType)
            {
                foreach (var member in holder.GetMembers(name))
                {
                    if (SymbolTypes.TypeOf(member) is { } memberType && !HoldsItsValueOnly(memberType))
                    {
                        // A member a constructor copies from an argument made here shows what that object (or its elements) is given.
                        var shown = renderedOf(memberType);
                        if (fresh.Held is { } held && held.TryGetValue(name, out var value))
                        {
                            shown = Restrict(shown, value, renderedOf);
                        }

                        foreach (var origin in shown)
                        {
                            nested.Add(origin.Symbol);
                        }
                    }
                }
            }
        }

        var kept = ImmutableArray.CreateBuilder<SensitiveOrigin>();
        foreach (var origin in origins)
        {
            var own = origin.Symbol is not ITypeSymbol && origin.Symbol.ContainingType is { } declaring && TypeHierarchy.IsOrInherits(type, declaring);
            var computed = origin.Symbol is IPropertySymbol && !auto.Contains(origin.Symbol.OriginalDefinition);
            if (origin.Symbol is ITypeSymbol || nested.Contains(origin.Symbol) || (own && (computed || names.Contains(origin.Symbol.Name))))
            {
                kept.Add(origin);
            }
        }

        return kept.Count == origins.Length ? origins : kept.ToImmutable();
    }

    // The definitions of the auto-properties of `type` and its bases: the compiler's setters, which set only their own field.
    private static HashSet<ISymbol> AutoProperties(INamedTypeSymbol type)
    {
        var auto = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (var holder = type; holder is not null; holder = holder.BaseType)
        {
            foreach (var property in SymbolTypes.BackedProperties(holder))
            {
                auto.Add(property.OriginalDefinition);
            }
        }

        return auto;
    }

    // Whether `name` is a property of `type` (or a base) set through a setter of its own in source, which may set any other member.
    // A library's backing fields are not imported: its setters count as the compiler's.
    private static bool SetThroughOwnSetter(INamedTypeSymbol type, string name, HashSet<ISymbol> auto)
    {
        for (var holder = type; holder is not null; holder = holder.BaseType)
        {
            foreach (var member in holder.GetMembers(name))
            {
                if (member is IPropertySymbol { SetMethod: not null, DeclaringSyntaxReferences.IsEmpty: false } set && !auto.Contains(set.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The created type, the names of the members something may set and the values the body is seen to set its loosely typed
    // members to; null when the object may be given more than the body shows.
    private static FreshObject? SetMembers(IOperation value, IOperation root, System.Func<IOperation, bool> isSink)
    {
        switch (value)
        {
            case IObjectCreationOperation creation:
                return Created(creation, root, depth: 0);
            case ILocalReferenceOperation { Local: { RefKind: RefKind.None } local } reference:
                IObjectCreationOperation? initial = null;
                var uses = new List<ILocalReferenceOperation>();
                var jumps = false;
                foreach (var operation in root.Descendants())
                {
                    jumps |= operation is IBranchOperation { BranchKind: BranchKind.GoTo };
                    if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                    {
                        initial = declarator.Initializer?.Value is { } start ? OperationTree.WithoutConversions(start) as IObjectCreationOperation : null;
                        if (initial is null)
                        {
                            return null;
                        }
                    }
                    else if (operation is ILocalReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Local, local))
                    {
                        uses.Add(use);
                    }
                }

                // What a constructor copies from its arguments is not followed here: a later use may change it (Held).
                if (initial is null || Created(initial, root: null, depth: 0) is not { } created)
                {
                    return null;
                }

                var (names, looseValues) = (created.Names, created.LooseValues);
                var returned = jumps ? null : MethodReturnOf(reference, root);
                foreach (var use in uses)
                {
                    if (use.Syntax != reference.Syntax && !(returned is not null && NeverBefore(use, returned, root)) && !Harmless(use, root, names, looseValues, isSink))
                    {
                        return null;
                    }
                }

                return created;
            default:
                return null;
        }
    }

    // The `return` of the body itself (not of a lambda or local function in it) that `reference` is part of, if any: once it runs,
    // nothing after it in the body does (`if (closed) { model.DisableForm = true; return View(model); } model.Email = …;`).
    private static IReturnOperation? MethodReturnOf(IOperation reference, IOperation root)
    {
        for (var current = reference.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is IReturnOperation { Kind: OperationKind.Return } returned)
            {
                return Within(returned, root, stop: static operation => operation is IAnonymousFunctionOperation or ILocalFunctionOperation) ? returned : null;
            }
        }

        return null;
    }

    // Whether `use`, written after `returned`, cannot run before it: no loop holds both, and `use` is not in a `finally` (which
    // runs as the method returns), a local function (which may be called before) or a `catch` of a `try` holding the return.
    private static bool NeverBefore(IOperation use, IReturnOperation returned, IOperation root)
    {
        if (use.Syntax.SpanStart < returned.Syntax.Span.End
            || !Within(use, root, stop: static operation => operation is ILocalFunctionOperation || operation.Parent is ITryOperation { Finally: { } block } && operation == block))
        {
            return false;
        }

        for (var current = returned.Parent; current is not null && current != root; current = current.Parent)
        {
            // A loop may run the set first; a `catch` of a `try` holding the return runs after the return's value was made.
            if ((current is ILoopOperation loop && loop.Syntax.Span.Contains(use.Syntax.Span))
                || (current is ITryOperation guarded && Holds(guarded.Catches, use)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Holds(ImmutableArray<ICatchClauseOperation> catches, IOperation use)
    {
        foreach (var clause in catches)
        {
            if (clause.Syntax.Span.Contains(use.Syntax.Span))
            {
                return true;
            }
        }

        return false;
    }

    // Whether `operation` reaches `root` through its parents without meeting one `stop` accepts.
    private static bool Within(IOperation operation, IOperation root, System.Func<IOperation, bool> stop)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current == root)
            {
                return true;
            }

            if (stop(current))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the body only shows <paramref name="parameter"/> as it is given: every use writes it to a sink, returns it, hands it
    /// to a call building a result from it (<c>base.View(model)</c>) or reads a member that holds a value. Then what a caller's
    /// object shows through it is what the caller gave the object (<see cref="ArgumentFact.Fresh"/>); a helper that maps into it
    /// or sets its members shows more.
    /// </summary>
    public static bool LeavesAsIs(IParameterSymbol parameter, IOperation root, System.Func<IOperation, bool> isSink)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var operation in root.Descendants())
        {
            if (operation is IParameterReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Parameter, parameter)
                && (!Harmless(use, root, names, looseValues: null, isSink) || names.Count != 0))
            {
                return false;
            }
        }

        return true;
    }

    // A use of the local that gives the object nothing the names do not list: the sink argument itself, a sink's argument, a
    // returned value, a member set (noted) or read. A member whose value is an object may be changed through it: noted too.
    // `looseValues`: see Created; an assignment here adds its value.
    private static bool Harmless(
        IOperation use, IOperation root, HashSet<string> names, Dictionary<string, List<IOperation>>? looseValues, System.Func<IOperation, bool> isSink)
    {
        var current = OperationTree.WithConversionsAbove(use);
        switch (current.Parent)
        {
            case IReturnOperation:
                return true;
            case IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: { } call }:
                // A sink writes it; `View(model)` builds a result from it; the change tracker's entry of it only marks what a
                // save writes.
                if (call is IInvocationOperation entry && IsEntry(entry.TargetMethod) && OnlyMarked(entry, root))
                {
                    // Tracked, the entity has its navigations filled from the rows the context loads later: they count as given.
                    NoteNavigations(use.Type, names);
                    return true;
                }

                return isSink(call) || (call is IInvocationOperation { TargetMethod: var factory } && EntryPoints.IsResultType(factory.ReturnType));
            case IMemberReferenceOperation member when member.Instance == current && member is IPropertyReferenceOperation or IFieldReferenceOperation:
                // Assigned, deconstructed into (`(model.Id, _) = pair`), passed by reference or incremented.
                if (OperationTree.IsWritten(member) || SymbolTypes.TypeOf(member.Member) is not { } memberType || !HoldsItsValueOnly(memberType))
                {
                    if (looseValues is not null && member.Parent is ISimpleAssignmentOperation { Value: var value } assignment && assignment.Target == member)
                    {
                        NoteLooseValue(looseValues, member.Member, value);
                    }

                    names.Add(member.Member.Name);
                }

                return true;
            default:
                return false;
        }
    }

    // The members of `type` (and its bases) that hold an object: what the change tracker may fill once the entity is tracked.
    private static void NoteNavigations(ITypeSymbol? type, HashSet<string> names)
    {
        for (var holder = type as INamedTypeSymbol; holder is not null && holder.SpecialType != SpecialType.System_Object; holder = holder.BaseType)
        {
            foreach (var member in holder.GetMembers())
            {
                if (member is IPropertySymbol or IFieldSymbol && !member.IsStatic && SymbolTypes.TypeOf(member) is { } memberType && !HoldsItsValueOnly(memberType))
                {
                    names.Add(member.Name);
                }
            }
        }
    }

    private static bool IsEntry(IMethodSymbol method)
    {
        foreach (var (containingType, name) in EntityModelMethods.EntryMethods)
        {
            if (method.Name == name && TypeHierarchy.HasMetadataName(method.OriginalDefinition.ContainingType, containingType))
            {
                return true;
            }
        }

        return false;
    }

    // Whether the change tracker's entry `entry` is used only to read or set its flags or a picked member's
    // (`db.Entry(user).Property(e => e.Storage).IsModified = true`), directly or through a local holding it: nothing there sets a
    // value of the entity. A picked member's value (`.CurrentValue = …`), `CurrentValues.SetValues(form)`, `Reload()` or the
    // entry handed anywhere else may.
    private static bool OnlyMarked(IOperation entry, IOperation root)
    {
        switch (OperationTree.WithConversionsAbove(entry).Parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { RefKind: RefKind.None } local } }:
                foreach (var operation in root.Descendants())
                {
                    if (operation is ILocalReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Local, local)
                        && (OperationTree.IsWritten(use) || !FlagsOnly(use, pickers: true)))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return FlagsOnly(entry, pickers: true);
        }
    }

    // The entry (or a member it picks, when `pickers`) only used for its flags.
    private static bool FlagsOnly(IOperation entry, bool pickers)
    {
        var current = OperationTree.WithConversionsAbove(entry);
        switch (current.Parent)
        {
            case IPropertyReferenceOperation flag when flag.Instance == current:
                return System.Array.IndexOf(EntityModelMethods.EntryFlags, flag.Property.Name) >= 0;
            case IInvocationOperation picked when pickers && picked.Instance == current:
                return System.Array.IndexOf(EntityModelMethods.EntryMemberPickers, picked.TargetMethod.Name) >= 0 && FlagsOnly(picked, pickers: false);
            default:
                return false;
        }
    }

    // Text, numbers, dates, flags and enums: nothing can be set in them through the member, and they hold no classified members
    // of their own (a struct of the application may).
    private static bool HoldsItsValueOnly(ITypeSymbol type) =>
        type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum
        || (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
            && HoldsItsValueOnly(nullable.TypeArguments[0]));

    // The members a creation sets: its initializer's, its constructors' (read from source) and the type's member initializers
    // that are not constants or empty objects; null when a constructor may set more than its source says. With the values the
    // initializer gives loosely typed members.
    // `root`: the body, when the arguments' own objects are followed (Held); null otherwise.
    private static FreshObject? Created(IObjectCreationOperation creation, IOperation? root, int depth)
    {
        if (creation.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } type || creation.Constructor is not { } constructor)
        {
            return null;
        }

        var names = new HashSet<string>(System.StringComparer.Ordinal);
        var constantCopies = new HashSet<string>(System.StringComparer.Ordinal);
        var copies = root is null ? null : HeldCopies.Candidates(creation);
        if (!ConstructorSets(constructor, names, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), depth: 0, ConstantParameters(creation), constantCopies, copies))
        {
            return null;
        }

        // A property whose setter has a body of its own may set any other member, whatever it is given: it counts as set (Restrict).
        HashSet<ISymbol>? auto = null;
        foreach (var copied in constantCopies)
        {
            if (!names.Contains(copied) && SetThroughOwnSetter(type, copied, auto ??= AutoProperties(type)))
            {
                names.Add(copied);
            }
        }

        for (var holder = type; holder is not null; holder = holder.BaseType)
        {
            NoteMemberInitializers(holder, names);
        }

        // Only a class with a loosely typed member keeps its values (FreshObject.LooseValues).
        var looseValues = HasLooseMembers(type, byLogger: false) || HasLooseMembers(type, byLogger: true)
            ? new Dictionary<string, List<IOperation>>(System.StringComparer.Ordinal)
            : null;
        if (creation.Initializer is { } initializer)
        {
            foreach (var part in initializer.Initializers)
            {
                switch (part)
                {
                    case ISimpleAssignmentOperation { Target: IMemberReferenceOperation target, Value: var value }:
                        if (looseValues is not null)
                        {
                            NoteLooseValue(looseValues, target.Member, value);
                        }

                        names.Add(target.Member.Name);
                        copies?.Otherwise.Add(target.Member.Name);
                        break;
                    case IMemberInitializerOperation { InitializedMember: IMemberReferenceOperation nested }:
                        names.Add(nested.Member.Name);
                        copies?.Otherwise.Add(nested.Member.Name);
                        break;
                    default:
                        return null;
                }
            }
        }

        return new FreshObject(type, names, looseValues, copies?.Held(creation, root!, depth));
    }

    // What an argument holds where the body made it: a creation (`new Envelope(new Card(p))`), or the elements of a `Select` whose
    // lambda returns one (`items.Select(i => new Row(i))`, `.ToList()` or `.ToArray()` of it), directly or through a local given
    // nothing else; null otherwise.
    private static FreshObject? HeldValue(IOperation value, IOperation root, int depth)
    {
        if (depth > MaxConstructorDepth)
        {
            return null;
        }

        // A user-defined conversion makes another object of what it is given (`implicit operator Row(Card card)`).
        if (HasUserDefinedConversion(value))
        {
            return null;
        }

        switch (OperationTree.WithoutConversions(value))
        {
            case IObjectCreationOperation creation:
                return Held(Created(creation, root, depth));
            case ILocalReferenceOperation { Local: { RefKind: RefKind.None } local } reference:
                return SingleValue(local, reference, root) is { } initial ? HeldValue(initial, root, depth + 1) : null;
            case IInvocationOperation { TargetMethod: { ContainingType: { } enumerable } method } call when TypeHierarchy.HasMetadataName(enumerable, "System.Linq.Enumerable"):
                if (method.Name is "ToList" or "ToArray" && call.Arguments.Length == 1)
                {
                    return HeldValue(call.Arguments[0].Value, root, depth + 1);
                }

                // `items.Select(i => new Row(i))`: the one value the lambda returns.
                return method.Name == "Select" && call.Arguments.Length == 2 && method.Parameters.Length == 2 && method.Parameters[1].Type is INamedTypeSymbol { TypeArguments.Length: 2 }
                    && OperationTree.WithoutConversions(call.Arguments[1].Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Body.Operations: { Length: 1 } statements } }
                    && statements[0] is IReturnOperation { ReturnedValue: { } returned } && !HasUserDefinedConversion(returned)
                    && OperationTree.WithoutConversions(returned) is IObjectCreationOperation element
                    ? Held(Created(element, root, depth + 1))
                    : null;
            default:
                return null;
        }
    }

    private static bool HasUserDefinedConversion(IOperation value)
    {
        for (var current = value; current is IConversionOperation { IsImplicit: true } conversion; current = conversion.Operand)
        {
            if (conversion.Conversion.IsUserDefined)
            {
                return true;
            }
        }

        return false;
    }

    // What Restrict reads of a held object: its type and names, not its loosely typed members' values (operations of the body).
    private static FreshObject? Held(FreshObject? created) =>
        created is null ? null : new FreshObject(created.Type, created.Names, looseValues: null, created.Held);

    // The initializer of `local` where the body gives it nothing else and reads it only at `reference`: what it holds there.
    private static IOperation? SingleValue(ILocalSymbol local, ILocalReferenceOperation reference, IOperation root)
    {
        IOperation? initial = null;
        foreach (var operation in root.Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                initial = declarator.Initializer?.Value;
            }
            else if (operation is ILocalReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Local, local) && use.Syntax != reference.Syntax)
            {
                return null;
            }
        }

        return initial;
    }

    // The members a constructor sets to one of `Parameters` as it is (`Data = data;`), and the members it sets otherwise: only a member
    // set once and always, to a parameter copied nowhere else, holds the argument's object (FreshObject.Held). The arguments are read
    // only for the copies found.
    private sealed class HeldCopies
    {
        private HeldCopies(HashSet<string> parameters) => Parameters = parameters;

        // The creation's explicit arguments that can hold an object, by parameter name; null when none.
        public static HeldCopies? Candidates(IObjectCreationOperation creation)
        {
            HashSet<string>? parameters = null;
            foreach (var argument in creation.Arguments)
            {
                if (argument is { ArgumentKind: ArgumentKind.Explicit, Parameter: { RefKind: RefKind.None } parameter } && !HoldsItsValueOnly(parameter.Type))
                {
                    (parameters ??= new HashSet<string>(System.StringComparer.Ordinal)).Add(parameter.Name);
                }
            }

            return parameters is null ? null : new HeldCopies(parameters);
        }

        public HashSet<string> Parameters { get; set; }

        // The copy of each member set to a parameter once and always (`Data = data;`).
        public Dictionary<string, AssignmentExpressionSyntax> Copies { get; } = new(System.StringComparer.Ordinal);

        // The parameters copied once, and those copied more than once or under a condition.
        public HashSet<string> Copied { get; } = new(System.StringComparer.Ordinal);

        public HashSet<string> Spoiled { get; } = new(System.StringComparer.Ordinal);

        // Members set, changed or mentioned otherwise than by their copy.
        public HashSet<string> Otherwise { get; } = new(System.StringComparer.Ordinal);

        // A held member mentioned anywhere but its copy (`foreach (var r in Data) …`, `Fill(Data, p)`, `((List<Row>)Data).Add(…)`)
        // may be changed there: it counts whole.
        // Read in the body only: the parameter list names types, and a constructor initializer cannot read an instance member.
        public void SpoilOtherMentions(SyntaxNode body)
        {
            foreach (var node in body.DescendantNodes())
            {
                if (node is IdentifierNameSyntax { Identifier.ValueText: var name } identifier && Copies.TryGetValue(name, out var copy)
                    && !(identifier == copy.Left || identifier.Parent == copy.Left))
                {
                    Otherwise.Add(name);
                }
            }
        }

        // What each member copied once and always holds, where the body made the argument (HeldValue).
        public Dictionary<string, FreshObject>? Held(IObjectCreationOperation creation, IOperation root, int depth)
        {
            Dictionary<string, FreshObject>? held = null;
            foreach (var pair in Copies)
            {
                var parameter = ((IdentifierNameSyntax)pair.Value.Right).Identifier.ValueText;
                if (Otherwise.Contains(pair.Key) || Spoiled.Contains(parameter))
                {
                    continue;
                }

                foreach (var argument in creation.Arguments)
                {
                    if (argument is { ArgumentKind: ArgumentKind.Explicit, Parameter.Name: var name } && name == parameter
                        && HeldValue(argument.Value, root, depth + 1) is { } value)
                    {
                        (held ??= new Dictionary<string, FreshObject>(System.StringComparer.Ordinal))[pair.Key] = value;
                    }
                }
            }

            return held;
        }
    }

    // Notes `value` as one a loosely typed member is given (a `null` or a value whose type cannot be told adds none).
    private static void NoteLooseValue(Dictionary<string, List<IOperation>> looseValues, ISymbol member, IOperation value)
    {
        if (SymbolTypes.TypeOf(member) is { } memberType && IsLoose(memberType)
            && OperationTree.WithoutConversions(value).Type is { TypeKind: not TypeKind.Error })
        {
            if (!looseValues.TryGetValue(member.Name, out var values))
            {
                looseValues[member.Name] = values = new List<IOperation>();
            }

            values.Add(value);
        }
    }

    // The parameters a creation gives a constant: a literal or `default`, or an optional parameter left at its default
    // (`new ServerInfo(url, id)` with `string? endpoint = null`); not a named constant, which may be classified. Null when none.
    private static HashSet<string>? ConstantParameters(IObjectCreationOperation creation)
    {
        HashSet<string>? constants = null;
        foreach (var argument in creation.Arguments)
        {
            if (argument is { ArgumentKind: not ArgumentKind.ParamArray, Parameter: { RefKind: RefKind.None } parameter, Value.ConstantValue.HasValue: true }
                && (argument.ArgumentKind == ArgumentKind.DefaultValue || OperationTree.WithoutConversions(argument.Value) is ILiteralOperation or IDefaultValueOperation))
            {
                (constants ??= new HashSet<string>(System.StringComparer.Ordinal)).Add(parameter.Name);
            }
        }

        return constants;
    }

    // Whether the constructor's source (and its base constructors') shows every member it sets; each is noted. A library
    // constructor sets only what its arguments bring: one without parameters sets nothing personal.
    // `read`: the constructors already read for this creation (each once: chains branch by argument count).
    // `constants`: the constructor's parameters this creation gives a constant (ConstantParameters): a member the body sets to one
    // of them (`EndpointAddress = endpointAddress;`), and to nothing else, holds no data.
    // `constantCopies`: where those members' names are collected.
    // `copies`: the parameters given an object the body made (HeldArguments), and where the members copied from them are noted.
    private static bool ConstructorSets(
        IMethodSymbol constructor, HashSet<string> names, HashSet<IMethodSymbol> read, int depth, HashSet<string>? constants = null, HashSet<string>? constantCopies = null,
        HeldCopies? copies = null)
    {
        if (depth > MaxConstructorDepth)
        {
            return false;
        }

        if (!read.Add(constructor))
        {
            return true;
        }

        if (constructor.IsImplicitlyDeclared || constructor.DeclaringSyntaxReferences.IsEmpty)
        {
            if (constructor.DeclaringSyntaxReferences.IsEmpty && !constructor.IsImplicitlyDeclared)
            {
                return constructor.Parameters.IsEmpty;
            }

            return BaseSets(constructor.ContainingType, names, read, depth);
        }

        if (constructor.DeclaringSyntaxReferences.Length != 1
            || constructor.DeclaringSyntaxReferences[0].GetSyntax() is not ConstructorDeclarationSyntax declaration)
        {
            return false;
        }

        // `: base("payment")`, `: this(id, null)`: each constructor the arguments can bind sets what its source says.
        if (declaration.Initializer is { } chained && chained.ArgumentList.Arguments.Count != 0)
        {
            var target = chained.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword) ? constructor.ContainingType : constructor.ContainingType.BaseType;
            if (target is null || !ChainedSets(target, constructor, chained.ArgumentList.Arguments.Count, names, read, depth))
            {
                return false;
            }
        }
        else if (declaration.Initializer is { } self && self.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword))
        {
            return false;
        }

        SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        if (body is not null)
        {
            // The whole declaration: a chained constructor may be handed the parameter by reference (`: this(ref owner)`).
            if (constants is not null)
            {
                constants = Unchanged(constants, declaration);
            }

            if (copies is not null)
            {
                copies.Parameters = Unchanged(copies.Parameters, declaration) ?? new HashSet<string>(System.StringComparer.Ordinal);
            }

            foreach (var node in body.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: var copied and not TupleExpressionSyntax, Right: IdentifierNameSyntax { Identifier.ValueText: var source } }
                        when constants?.Contains(source) == true:
                        if (RootName(copied) is { } constant)
                        {
                            constantCopies?.Add(constant);
                        }

                        break;

                    // `Data = data;` or `this.Data = data;`: the member holds what the argument is.
                    case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }, Right: IdentifierNameSyntax { Identifier.ValueText: var held } } whole
                        when copies?.Parameters.Contains(held) == true && RootName(whole.Left) is { } holder:
                        names.Add(holder);
                        if (!copies.Copies.ContainsKey(holder) && !copies.Copied.Contains(held) && RunsAlways(whole, body))
                        {
                            copies.Copies[holder] = whole;
                            copies.Copied.Add(held);
                        }
                        else
                        {
                            copies.Otherwise.Add(holder);
                            copies.Spoiled.Add(held);
                        }

                        break;
                    case AssignmentExpressionSyntax assignment:
                        // `(IdNumber, City) = (id, city);` sets each element's member.
                        foreach (var target in assignment.Left is TupleExpressionSyntax tuple
                            ? System.Linq.Enumerable.Select(tuple.Arguments, argument => argument.Expression)
                            : new[] { assignment.Left })
                        {
                            if (RootName(target) is { } assigned)
                            {
                                names.Add(assigned);
                                copies?.Otherwise.Add(assigned);
                            }
                        }

                        break;
                    case ArgumentSyntax { RefKindKeyword.RawKind: not 0 } byReference:
                        if (RootName(byReference.Expression) is { } written)
                        {
                            names.Add(written);
                            copies?.Otherwise.Add(written);
                        }

                        break;
                    case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }:
                        break;
                    case InvocationExpressionSyntax invocation:
                        // A method of the object itself may set anything; a call on one of its members changes that member.
                        if (invocation.Expression is IdentifierNameSyntax or GenericNameSyntax
                            || (invocation.Expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax }))
                        {
                            return false;
                        }

                        if (invocation.Expression is MemberAccessExpressionSyntax access && RootName(access.Expression) is { } changed)
                        {
                            names.Add(changed);
                            copies?.Otherwise.Add(changed);
                        }

                        break;
                    case ThisExpressionSyntax self when self.Parent is not MemberAccessExpressionSyntax:
                        return false;
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        return false;
                }
            }

            copies?.SpoilOtherMentions(body);
        }

        return declaration.Initializer is { ArgumentList.Arguments.Count: > 0 } || BaseSets(constructor.ContainingType, names, read, depth);
    }

    // A copy that always runs: an expression body, or a statement of the body's own block in a body with no `return` (a member left
    // uncopied keeps what an initializer or another constructor gave it).
    private static bool RunsAlways(AssignmentExpressionSyntax copy, SyntaxNode body) =>
        copy.Parent is ArrowExpressionClauseSyntax
        || (copy.Parent is ExpressionStatementSyntax statement && statement.Parent == body
            && !System.Linq.Enumerable.Any(body.DescendantNodes(), node => node is ReturnStatementSyntax));

    // The parameters of `constants` the body uses only as the whole value of a plain assignment (`Owner = owner;`): any other
    // mention (assigned, stepped, passed on, by reference, read for a fact) may change what it holds or where it goes, and keeps
    // the constructor's members counted as before.
    private static HashSet<string>? Unchanged(HashSet<string> constants, SyntaxNode declaration)
    {
        var unchanged = new HashSet<string>(constants, System.StringComparer.Ordinal);
        foreach (var node in declaration.DescendantNodes())
        {
            if (node is IdentifierNameSyntax { Identifier.ValueText: var name } identifier && unchanged.Contains(name) && !IsCopy(identifier))
            {
                unchanged.Remove(name);
            }
        }

        return unchanged.Count == 0 ? null : unchanged;
    }

    // `Owner = owner;`: the identifier is the whole value of a plain assignment.
    private static bool IsCopy(IdentifierNameSyntax identifier) =>
        identifier.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: not TupleExpressionSyntax } assignment
        && assignment.Right == identifier;

    // The constructors of `target` that `arguments` arguments can bind (other than the one chaining): all must be read.
    private static bool ChainedSets(INamedTypeSymbol target, IMethodSymbol chaining, int arguments, HashSet<string> names, HashSet<IMethodSymbol> read, int depth)
    {
        var any = false;
        foreach (var candidate in target.InstanceConstructors)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, chaining) || candidate.Parameters.Length < arguments)
            {
                continue;
            }

            var required = 0;
            foreach (var parameter in candidate.Parameters)
            {
                required += parameter.IsOptional || parameter.IsParams ? 0 : 1;
            }

            if (required > arguments)
            {
                continue;
            }

            any = true;
            if (!ConstructorSets(candidate, names, read, depth + 1))
            {
                return false;
            }
        }

        return any;
    }

    // The base type's constructor without parameters, which an implicit or unchained constructor calls.
    private static bool BaseSets(INamedTypeSymbol type, HashSet<string> names, HashSet<IMethodSymbol> read, int depth)
    {
        if (type.BaseType is not { } baseType || baseType.SpecialType == SpecialType.System_Object)
        {
            return true;
        }

        foreach (var candidate in baseType.InstanceConstructors)
        {
            if (candidate.Parameters.IsEmpty)
            {
                return ConstructorSets(candidate, names, read, depth + 1);
            }
        }

        return false;
    }

    // `Email = email`, `this.Email = …`, `Profile.Email = …` (the member holding the object), `Items[0] = …`.
    private static string? RootName(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case IdentifierNameSyntax identifier:
                    return identifier.Identifier.ValueText;
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax, Name: var name }:
                    return name.Identifier.ValueText;
                case MemberAccessExpressionSyntax access:
                    expression = access.Expression;
                    break;
                case ElementAccessExpressionSyntax element:
                    expression = element.Expression;
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                    expression = suppressed.Operand;
                    break;
                default:
                    return null;
            }
        }
    }

    // `public string Email { get; set; } = "";` sets nothing; `= Defaults.Email` or `= Load()` may.
    private static void NoteMemberInitializers(INamedTypeSymbol type, HashSet<string> names)
    {
        foreach (var member in type.GetMembers())
        {
            if (member.IsStatic || member is not (IPropertySymbol or IFieldSymbol))
            {
                continue;
            }

            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var value = reference.GetSyntax() switch
                {
                    PropertyDeclarationSyntax property => property.Initializer?.Value,
                    VariableDeclaratorSyntax variable => variable.Initializer?.Value,
                    _ => null,
                };
                if (value is not null && !SetsNothing(value))
                {
                    names.Add(member.Name);
                }
            }
        }
    }

    private static bool SetsNothing(ExpressionSyntax value) => value switch
    {
        LiteralExpressionSyntax or DefaultExpressionSyntax => true,
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed => SetsNothing(suppressed.Operand),
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Empty" } => true,
        ImplicitObjectCreationExpressionSyntax implicitCreation => implicitCreation.ArgumentList.Arguments.Count == 0 && implicitCreation.Initializer is null,
        ObjectCreationExpressionSyntax creation => creation.ArgumentList is not { Arguments.Count: > 0 } && creation.Initializer is null,
        CollectionExpressionSyntax collection => collection.Elements.Count == 0,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Empty" }, ArgumentList.Arguments.Count: 0 } => true,
        _ => false,
    };
}

/// <summary>An object created in a body, and the names of the members something in the body may set (<see cref="FreshObjects"/>).</summary>
internal sealed class FreshObject
{
    public FreshObject(INamedTypeSymbol type, HashSet<string> names, Dictionary<string, List<IOperation>>? looseValues, Dictionary<string, FreshObject>? held = null)
    {
        Type = type;
        Names = names;
        LooseValues = looseValues;
        Held = held;
    }

    public INamedTypeSymbol Type { get; }

    public HashSet<string> Names { get; }

    /// <summary>
    /// For the loosely typed members (<c>object Data</c>), the values the body is seen to set them to (an initializer's or a
    /// plain assignment's; not a constructor's): what such a member shows to a serialiser, at least. Null where the type has
    /// no such member or they were not kept.
    /// </summary>
    public Dictionary<string, List<IOperation>>? LooseValues { get; }

    /// <summary>
    /// For members the constructor sets, once, to an argument the body made (<c>new ListResponse(items.Select(i => new Row(i)))</c> with
    /// <c>Data = data;</c>): that object, or its elements, with what they are given. Null where none.
    /// </summary>
    public Dictionary<string, FreshObject>? Held { get; }
}
