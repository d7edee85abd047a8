using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// The cross-method pass of one compilation (docs/design/value-flow-engine.md,
/// "Across methods"). Bodies add their <see cref="MethodFacts"/> as they are analysed; at compilation end
/// <see cref="Compose"/> computes a summary per method — which parameters reach its result, what declared data
/// it returns, which parameters reach which sinks (directly or through further calls) — by a fixpoint over the
/// call graph that converges on recursion, then finds where declared data enters such a path.
/// </summary>
internal sealed class CrossMethodPass
{
    // Parameters beyond this ordinal are not followed (a summary keeps them in one 64-bit set).
    internal const int MaxParameters = 64;

    // How often one body is taken from the fixpoint's queue: each time carries facts one call further; real call
    // chains are far shorter.
    private const int MaxRounds = 32;

    // Paths kept per parameter of a method: enough to report every sink a helper reaches, bounded on fan-out.
    private const int MaxReachesPerMethod = 32;

    private readonly ValueFlowEngine _engine;
    private readonly ConcurrentDictionary<IMethodSymbol, MethodFacts> _facts = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _summarized;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _bringsData = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, bool> _fields;
    private readonly ConcurrentDictionary<INamedTypeSymbol, HashSet<IPropertySymbol>> _backedProperties = new(DefinitionIdentity<INamedTypeSymbol>.Instance);
    private readonly ConcurrentQueue<(IMethodSymbol Method, SinkFact Sink)> _returnSinks = new();
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _thrownResults = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, PendingBody> _pending = new(SymbolEqualityComparer.Default);

    // What ValueUses answered for a waiting body's parameters (compilation end only, one thread).
    private readonly Dictionary<PendingBody, ulong> _carrying = new();
    private readonly Dictionary<(PendingBody Body, ISymbol Used), bool> _carryingFrom = new();

    // How many times bodies found to receive data are summarised and the composition run again: each time takes data one
    // step further into bodies that read none themselves; real paths are far shorter.
    private const int MaxDemandRounds = 32;

    public CrossMethodPass(ValueFlowEngine engine)
    {
        _engine = engine;

        // Every callee and every member read of every body is asked: six methods and five members per file on grandnode2
        // (Framework/CacheCapacity.cs).
        _summarized = CacheCapacity.Create<IMethodSymbol, bool>(engine.Compilation, perFile: 6, DefinitionIdentity<IMethodSymbol>.Instance);
        _fields = CacheCapacity.Create<ISymbol, bool>(engine.Compilation, perFile: 5, DefinitionIdentity<ISymbol>.Instance);
    }

    /// <summary>Whether the pass runs in this compilation: set once at compilation start, before any body is analysed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Whether a call to <paramref name="method"/> is followed into its body: an ordinary method declared in this
    /// compilation's source (or an abstract or interface method its implementations here answer for) that no
    /// table describes and whose return value is not classified itself.
    /// </summary>
    public bool Follows(IMethodSymbol method)
    {
        // Asked for every call of every surveyed body: most callees are the framework's, and the answer for those is
        // kept too, since reaching a metadata method's assembly walks up its namespaces.
        method = method.OriginalDefinition;
        return _summarized.TryGetValue(method, out var known) ? known : _summarized.GetOrAdd(method, Compute(method));
    }

    private bool Compute(IMethodSymbol method) =>
        ReferenceEquals(method.ContainingAssembly, _engine.Compilation.Assembly)
        && (method.MethodKind == MethodKind.Ordinary || IsComputedGetter(method))
        && !method.IsExtern
        && !method.IsImplicitlyDeclared
        && (CannotMatchTables(method) || (_engine.Transfers.GetEffect(method) == CallEffect.None && _engine.SinkKindsOf(method) == SinkKinds.None))
        && _engine.Model.GetMemberOrigin(method) is null;

    /// <summary>
    /// Whether a read of <paramref name="property"/> is followed into its getter, as a call (docs/design/value-flow-engine.md,
    /// "Across methods"): a computed property of this compilation (`Label => $"{Name} {IdNumber}"`), not an
    /// auto-property (whose value is followed as a field), an indexer or an abstract one, that can return data.
    /// </summary>
    public bool FollowsGetter(IPropertySymbol property) =>
        property.GetMethod is { } getter && Follows(getter);

    private bool IsComputedGetter(IMethodSymbol method) =>
        method.MethodKind == MethodKind.PropertyGet
        && method.AssociatedSymbol is IPropertySymbol { IsIndexer: false, IsAbstract: false } property
        && !method.IsAbstract
        && MayCarryData(property.Type)
        && method.DeclaringSyntaxReferences.Length == 1
        && method.DeclaringSyntaxReferences[0].GetSyntax() is ArrowExpressionClauseSyntax
            or AccessorDeclarationSyntax { Body: not null } or AccessorDeclarationSyntax { ExpressionBody: not null }
        // A getter over its own backing field (`get => field;`) is followed as a field, by what is stored into it.
        && !IsAutoProperty(property);

    // The built-in rows name library types: a method of a source type that derives from nothing, implements
    // nothing and carries no attribute (nor does its type) matches none of them, and asking every row costs.
    private static bool CannotMatchTables(IMethodSymbol method) =>
        method.ContainingType is { } type
        && type.BaseType is null or { SpecialType: SpecialType.System_Object or SpecialType.System_ValueType }
        && type.Interfaces.IsEmpty
        && type.GetAttributes().IsEmpty
        && method.GetAttributes().IsEmpty;

    public void Add(MethodFacts facts) => _facts[facts.Method] = facts;

    /// <summary>A body to summarise at compilation end if data reaches it (<see cref="PendingBody"/>).</summary>
    public void Defer(PendingBody body) => _pending[body.Method] = body;

    /// <summary>
    /// A call whose result is thrown where it is made (`throw Errors.NotFound(p)`), noted by the survey of every body;
    /// read at compilation end (<see cref="IsResultThrown"/>).
    /// </summary>
    public void NoteThrownResult(IMethodSymbol method) => _thrownResults.TryAdd(method.OriginalDefinition, true);

    /// <summary>Whether some body of the compilation throws what a call to <paramref name="method"/> returns.</summary>
    public bool IsResultThrown(IMethodSymbol method) => _thrownResults.ContainsKey(method.OriginalDefinition);

    /// <summary>
    /// What <paramref name="method"/> returns reaches <paramref name="sink"/> at its node, though no call is written there:
    /// a route handler given as a method group, whose result the framework writes (docs/design/value-flow-engine.md,
    /// "Across methods"). Found at compilation end with the path empty; <c>sink.Rules</c> is left to the sink's kind.
    /// </summary>
    public void AddReturnSink(IMethodSymbol method, SinkFact sink) => _returnSinks.Enqueue((method.OriginalDefinition, sink));

    /// <summary>
    /// Whether the pass follows what <paramref name="member"/> holds across methods (docs/design/value-flow-engine.md,
    /// "Fields and auto-properties"): an unannotated instance or static field, or auto-property, declared in this
    /// compilation's source, not constant, of a type that holds a value as it is (text, characters, bytes, long
    /// integers, decimals, floating point, dates; not a flag, an enum or an int counter, and not an object, whose own
    /// members are followed instead), in a type that classifies none of its members.
    /// </summary>
    public bool FollowsField(ISymbol member)
    {
        // Asked for every member read of every surveyed body: most members are the framework's (kept as Follows keeps them).
        member = member.OriginalDefinition;
        return _fields.TryGetValue(member, out var known) ? known : _fields.GetOrAdd(member, ComputeField(member));
    }

    private bool ComputeField(ISymbol member)
    {
        if (!ReferenceEquals(member.ContainingAssembly, _engine.Compilation.Assembly))
        {
            return false;
        }

        // The member's type first: most members a body reads hold no value as it is (an entity, a service, a count), and that
        // answer costs no look at the declaring type's members.
        var holds = member switch
        {
            IFieldSymbol { IsConst: false, IsImplicitlyDeclared: false } field => HoldsValue(field.Type),
            IPropertySymbol { IsIndexer: false, IsAbstract: false } property => HoldsValue(property.Type) && IsAutoProperty(property),
            IParameterSymbol parameter => HoldsValue(parameter.Type) && IsPrimaryConstructorParameter(parameter),
            _ => false,
        };

        // A type whose members the team classified was reviewed: its unannotated members (an entity's City) hold no
        // data of their own, and following them would summarise every body that reads an entity.
        return holds && _engine.Model.GetMemberOrigin(member) is null
            && member.ContainingType is { } owner && _engine.Model.GetTypeOrigin(owner) is null
            && _engine.Model.GetContainedOrigins(owner).IsEmpty;
    }

    // `record Pass(string Holder)`: the compiler makes the property and assigns it from the primary constructor's parameter of the
    // same name, with no assignment in any body. A property the record declares itself (`public string Holder { get; init; } =
    // Mask(Holder);`) holds what its own initializer says (NoteInitializer).
    private static (IMethodSymbol Constructor, IParameterSymbol Parameter)? PositionalParameterOf(IPropertySymbol property)
    {
        if (!property.ContainingType.IsRecord || property.DeclaringSyntaxReferences is not { Length: 1 } declarations
            || declarations[0].GetSyntax() is not ParameterSyntax)
        {
            return null;
        }

        foreach (var constructor in property.ContainingType.InstanceConstructors)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (parameter.Name == property.Name && IsPrimaryConstructorParameter(parameter))
                {
                    return (constructor, parameter);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="parameter"/> belongs to a class's or struct's primary constructor (`class Visit(string id)`): its
    /// members read it as they would a field the constructor stored it in, so it is followed like one (a record's becomes a
    /// property, which the constructor stores: <see cref="PositionalParameterOf"/>).
    /// </summary>
    public static bool IsPrimaryConstructorParameter(IParameterSymbol parameter) =>
        parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor, DeclaringSyntaxReferences: { Length: 1 } declarations }
        && declarations[0].GetSyntax() is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax;

    /// <summary>
    /// Whether a reference to <paramref name="parameter"/> in the body of <paramref name="owner"/> reads a constructor's parameter
    /// from outside that constructor: a primary constructor's parameter captured by a member or an initializer, followed as a field
    /// where <see cref="FollowsField"/> says so. In the constructor's own body (its base arguments) it is the argument itself.
    /// </summary>
    public static bool IsCapturedParameter(IParameterSymbol parameter, ISymbol? owner) =>
        parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
        && !SymbolEqualityComparer.Default.Equals(constructor.OriginalDefinition, owner?.OriginalDefinition);

    // Stores into followed members made by initializers from a primary constructor's parameters (NoteInitializer).
    private readonly ConcurrentQueue<(IMethodSymbol Constructor, ISymbol Member, Taint Taint)> _initializerStores = new();

    /// <summary>
    /// Notes what a field or property initializer (<paramref name="root"/>) stores from its type's primary constructor
    /// (`private readonly string _id = id;`, `public string Code { get; } = "V-" + id;`): the constructor's stores, made with
    /// its facts before the composition. Only a value that is the parameter's counts (<see cref="ParametersStored"/>).
    /// </summary>
    public void NoteInitializer(IOperation root)
    {
        var (members, value) = root switch
        {
            IFieldInitializerOperation field => (field.InitializedFields.CastArray<ISymbol>(), field.Value),
            IPropertyInitializerOperation property => (property.InitializedProperties.CastArray<ISymbol>(), property.Value),
            _ => (ImmutableArray<ISymbol>.Empty, null),
        };
        if (value is null)
        {
            return;
        }

        IMethodSymbol? constructor = null;
        var taint = Taint.Empty;
        foreach (var parameter in ParametersStored(value, depth: 0))
        {
            if (IsPrimaryConstructorParameter(parameter) && MayBringData(parameter.Type))
            {
                constructor = (IMethodSymbol)parameter.ContainingSymbol;
                taint = taint.Union(Taint.Of(SensitiveOrigin.ParameterPlaceholder(parameter)));
            }
        }

        if (constructor is null)
        {
            return;
        }

        foreach (var member in members)
        {
            if (FollowsField(member))
            {
                _initializerStores.Enqueue((constructor.OriginalDefinition, member.OriginalDefinition, taint));
            }
        }
    }

    // The parameters whose value an initializer's value is, in value positions only: as it is, concatenated or interpolated, either
    // side of `??` (not a `throw`), either branch of a conditional. `id.Length > 8 ? "long" : "short"`, `nameof(id)` and a call's
    // result (`id.Trim()`) store none (an initializer has no summarising run).
    private static IEnumerable<IParameterSymbol> ParametersStored(IOperation value, int depth)
    {
        if (!StackGuard.MayDescend(depth))
        {
            yield break;
        }

        switch (OperationTree.WithoutConversions(value))
        {
            case IParameterReferenceOperation reference:
                yield return reference.Parameter;
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, OperatorMethod: null, Type.SpecialType: SpecialType.System_String } concatenation:
                foreach (var operand in new[] { concatenation.LeftOperand, concatenation.RightOperand })
                {
                    foreach (var parameter in ParametersStored(operand, depth + 1))
                    {
                        yield return parameter;
                    }
                }

                break;
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation interpolation)
                    {
                        foreach (var parameter in ParametersStored(interpolation.Expression, depth + 1))
                        {
                            yield return parameter;
                        }
                    }
                }

                break;
            case ICoalesceOperation coalesce:
                foreach (var side in new[] { coalesce.Value, coalesce.WhenNull })
                {
                    foreach (var parameter in ParametersStored(side, depth + 1))
                    {
                        yield return parameter;
                    }
                }

                break;
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                foreach (var branch in new[] { conditional.WhenTrue, whenFalse })
                {
                    foreach (var parameter in ParametersStored(branch, depth + 1))
                    {
                        yield return parameter;
                    }
                }

                break;
        }
    }

    // What a primary constructor stores: each parameter its type's members read, and what initializers store from its parameters
    // (docs/design/value-flow-engine.md, "Fields and auto-properties"). The constructor has no body to summarise, so its facts are
    // made here before the composition.
    private void AddPrimaryConstructorStores()
    {
        var stores = new Dictionary<IMethodSymbol, ImmutableArray<(ISymbol Member, Taint Taint)>.Builder>(SymbolEqualityComparer.Default);
        foreach (var pair in _fields)
        {
            if (pair.Value && pair.Key is IParameterSymbol { ContainingSymbol: IMethodSymbol constructor } parameter && MayBringData(parameter.Type))
            {
                StoresOf(constructor).Add((parameter, Taint.Of(SensitiveOrigin.ParameterPlaceholder(parameter))));
            }
            else if (pair.Value && pair.Key is IPropertySymbol property && PositionalParameterOf(property) is { } positional
                && MayBringData(positional.Parameter.Type))
            {
                StoresOf(positional.Constructor).Add((property, Taint.Of(SensitiveOrigin.ParameterPlaceholder(positional.Parameter))));
            }
        }

        foreach (var (constructor, member, taint) in _initializerStores)
        {
            StoresOf(constructor).Add((member, taint));
        }

        ImmutableArray<(ISymbol Member, Taint Taint)>.Builder StoresOf(IMethodSymbol constructor)
        {
            if (!stores.TryGetValue(constructor, out var builder))
            {
                stores[constructor] = builder = ImmutableArray.CreateBuilder<(ISymbol Member, Taint Taint)>();
            }

            return builder;
        }

        _primaryStores = new Dictionary<IMethodSymbol, ImmutableArray<(ISymbol Member, Taint Taint)>>(SymbolEqualityComparer.Default);
        foreach (var pair in stores)
        {
            var constructor = pair.Key.OriginalDefinition;
            _primaryStores[constructor] = pair.Value.ToImmutable();
            _facts[constructor] = _facts.TryGetValue(constructor, out var known)
                ? WithPrimaryStores(known)
                : new MethodFacts(constructor, Taint.Empty, ImmutableArray<CallFact>.Empty, ImmutableArray<SinkFact>.Empty, _primaryStores[constructor]);
        }
    }

    // The stores AddPrimaryConstructorStores made for each primary constructor, kept for facts a demand round summarises later (a
    // constructor with a base argument list has a body, which may wait): they must not replace those stores.
    private Dictionary<IMethodSymbol, ImmutableArray<(ISymbol Member, Taint Taint)>>? _primaryStores;

    private MethodFacts WithPrimaryStores(MethodFacts facts) =>
        _primaryStores is not null && _primaryStores.TryGetValue(facts.Method, out var stores)
            ? new MethodFacts(facts.Method, facts.Returned, facts.Calls, facts.Sinks, facts.Stores.AddRange(stores), facts.Outs)
            : facts;

    // A property with a backing field the compiler declares (auto-properties, `field` in an accessor). Asked for each property a
    // body reads, and by ValueUses for each one a value is stored into: the type's backing fields are listed once per type, not
    // once per property. Every caller passes a definition, and each definition is one object: identity finds it (a set only read
    // once published).
    internal bool IsAutoProperty(IPropertySymbol property)
    {
        var type = property.ContainingType;
        if (!_backedProperties.TryGetValue(type, out var backed))
        {
            var found = new HashSet<IPropertySymbol>(DefinitionIdentity<IPropertySymbol>.Instance);
            foreach (var associated in SymbolTypes.BackedProperties(type))
            {
                found.Add(associated.OriginalDefinition);
            }

            backed = _backedProperties.GetOrAdd(type, found);
        }

        return backed.Contains(property.OriginalDefinition);
    }

    private static bool HoldsValue(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type switch
        {
            IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Char or SpecialType.System_Byte } => true,
            INamedTypeSymbol { Name: "StringBuilder" or "DateOnly" or "DateTimeOffset" } => true,
            _ => type.SpecialType is SpecialType.System_String or SpecialType.System_Int64 or SpecialType.System_UInt64
                or SpecialType.System_Decimal or SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_DateTime,
        };
    }

    /// <summary>
    /// Whether a method returning <paramref name="type"/> can hand data back: not <c>void</c>, a flag, a number, an
    /// enum or a plain <c>Task</c> (what callers test or count carries no personal information onward).
    /// </summary>
    public static bool MayCarryData(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: true } task)
        {
            type = task.TypeArguments[0];
        }
        else if (type is INamedTypeSymbol { Name: "Task" or "ValueTask" })
        {
            return false;
        }

        return type.TypeKind != TypeKind.Enum && type.SpecialType switch
        {
            SpecialType.System_Void or SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64
                or SpecialType.System_Double or SpecialType.System_Decimal or SpecialType.System_Single
                or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_UInt32 or SpecialType.System_UInt64 => false,
            _ => true,
        };
    }

    /// <summary>
    /// Whether a parameter of <paramref name="type"/> can bring a caller's data in: text, numbers and dates, arrays
    /// and collections of such, <c>object</c>, type parameters, and the application's own types that classify
    /// nothing themselves (a DTO a caller fills). Not a flag, an enum, a framework service or token, a delegate, an
    /// interface, or an entity whose members are classified (its data is read as declared data wherever it is).
    /// </summary>
    public bool MayBringData(ITypeSymbol type) =>
        _bringsData.TryGetValue(type, out var known) ? known : _bringsData.GetOrAdd(type, MayBringData(type, depth: 0));

    private bool MayBringData(ITypeSymbol type, int depth)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        // Collections of collections nest only so deep; a type enumerating itself is not a collection of data.
        if (SensitivityModel.GetElementType(type) is { } element && !SymbolEqualityComparer.Default.Equals(element, type))
        {
            return depth < 4 && MayBringData(element, depth + 1);
        }

        // A tuple brings what its elements can.
        if (type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            foreach (var part in tuple.TupleElements)
            {
                if (depth < 4 && MayBringData(part.Type, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                return false;
            case SpecialType.System_String or SpecialType.System_Object or SpecialType.System_Char or SpecialType.System_Byte or SpecialType.System_SByte
                or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt16
                or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
                or SpecialType.System_Decimal or SpecialType.System_DateTime:
                return true;
        }

        // A stream or an upload carries the bytes it reads (a photo handed to a helper that saves it).
        if (TypeHierarchy.FirstBaseNamed(type, WellKnownTypes.Stream) is not null || TypeHierarchy.HasMetadataName(type, WellKnownTypes.FormFile))
        {
            return true;
        }

        return type switch
        {
            ITypeParameterSymbol or IArrayTypeSymbol or IDynamicTypeSymbol => true,
            INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named => named.Name is "StringBuilder" or "DateOnly" or "DateTimeOffset" or "Guid"
                || (SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, _engine.Compilation.Assembly)
                    && _engine.Model.GetTypeOrigin(named) is null && _engine.Model.GetContainedOrigins(named).IsEmpty),
            _ => false,
        };
    }

    /// <summary>The classified members an object of <paramref name="type"/> shows where a sink writes it as <paramref name="rendering"/> says.</summary>
    public ImmutableArray<SensitiveOrigin> Rendered(ITypeSymbol? type, ObjectRendering rendering) => rendering switch
    {
        ObjectRendering.OwnMembers => _engine.Model.GetOwnOrigins(type),
        ObjectRendering.Members => _engine.Model.GetContainedOrigins(type, destructuredByLogger: false),
        ObjectRendering.MembersByLogger => _engine.Model.GetContainedOrigins(type, destructuredByLogger: true),
        ObjectRendering.Printed => _engine.Model.GetPrintedOrigins(type),
        _ => ImmutableArray<SensitiveOrigin>.Empty,
    };

    /// <summary>
    /// Whether an argument of <paramref name="argumentType"/> given to <paramref name="parameter"/> is an object with
    /// classified members handed whole to a parameter whose own type shows none (<c>object</c>, an unconstrained type
    /// parameter): a sink rendering the parameter shows what the argument's type holds, which only the caller knows
    /// (docs/design/value-flow-engine.md, "Across methods").
    /// </summary>
    public bool HandsWholeObject(IParameterSymbol parameter, ITypeSymbol? argumentType) =>
        argumentType is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None }
        && parameter.OriginalDefinition.Type is { SpecialType: SpecialType.System_Object } or ITypeParameterSymbol
        && parameter.RefKind == RefKind.None
        && _engine.Model.GetContainedOrigins(parameter.OriginalDefinition.Type).IsEmpty
        && (!_engine.Model.GetContainedOrigins(argumentType).IsEmpty || !_engine.Model.GetContainedOrigins(argumentType, destructuredByLogger: true).IsEmpty
            || !_engine.Model.GetPrintedOrigins(argumentType).IsEmpty);

    /// <summary>
    /// The elements of <paramref name="method"/>'s tuple parameters, each an input of its own so that a callee reading one
    /// element receives that element of a caller's tuple, not all of it (docs/design/value-flow-engine.md, "Across methods"):
    /// the parameter's ordinal, the element's index and its input (<see cref="TupleInput"/>). Asked of the method as called
    /// (a type parameter made a tuple there has elements) and of the body's own method: an element's input depends only on
    /// its parameter's ordinal and its index, so both sides agree whatever the other parameters are. One level deep.
    /// </summary>
    public static IEnumerable<(int Parameter, int Element, int Input)> TupleParts(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind == RefKind.Out || parameter.Type is not INamedTypeSymbol { IsTupleType: true } tuple)
            {
                continue;
            }

            for (var element = 0; element < tuple.TupleElements.Length; element++)
            {
                if (TupleInput(method.Parameters.Length, parameter.Ordinal, element) is var input and >= 0)
                {
                    yield return (parameter.Ordinal, element, input);
                }
            }
        }
    }

    /// <summary>
    /// The input of element <paramref name="element"/> of parameter <paramref name="ordinal"/>, numbered after the
    /// <paramref name="parameters"/> parameters in blocks of <see cref="ElementsPerTuple"/>; -1 past the summaries' bound
    /// (the element is then the whole tuple's).
    /// </summary>
    public static int TupleInput(int parameters, int ordinal, int element)
    {
        var input = parameters + (ordinal * ElementsPerTuple) + element;
        return element < ElementsPerTuple && input < MaxParameters ? input : -1;
    }

    private const int ElementsPerTuple = 8;

    /// <summary>Whether a parameter of <paramref name="method"/> can bring a caller's data in (<see cref="MayBringData"/>).</summary>
    public bool TakesData(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.Out && MayBringData(parameter.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What a constructor or setter-like method that is not summarised stores (docs/design/value-flow-engine.md, "Fields and
    /// auto-properties"): assignments of a parameter of the body, as it is (or only concatenated or interpolated with constants and other
    /// parameters), to a followed field or auto-property, `+=` and deconstructions included; a value through a call is left to a
    /// summarising run.
    /// </summary>
    public ImmutableArray<(ISymbol Member, Taint Taint)> DirectStores(IMethodSymbol owner, IOperation root)
    {
        var stores = ImmutableArray.CreateBuilder<(ISymbol Member, Taint Taint)>();
        foreach (var operation in root.DescendantsAndSelf())
        {
            // `_id = id;`, `_ids += id;` (what is added), `(_id, _logger) = (id, logger);` (the member's own element).
            var (member, value) = operation switch
            {
                IAssignmentOperation { Target: var target } assignment and (ISimpleAssignmentOperation or ICompoundAssignmentOperation or ICoalesceAssignmentOperation)
                    => (StoredInto(target, owner), assignment.Value),
                IMemberReferenceOperation { Parent.Kind: OperationKind.Tuple } target when OperationTree.DeconstructedValue(target) is { } element
                    => (target.Member, element),
                _ => (null, null),
            };
            if (member is null || value is null || !FollowsField(member))
            {
                continue;
            }

            var taint = Taint.Empty;
            foreach (var part in value.DescendantsAndSelf())
            {
                if (part.Kind is OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.AnonymousFunction)
                {
                    taint = Taint.Empty;
                    break;
                }

                if (part is IParameterReferenceOperation { Parameter: var parameter } reference && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, owner)
                    && parameter.RefKind != RefKind.Out && MayBringData(parameter.Type))
                {
                    taint = taint.Union(Taint.Of(PlaceholderRead(reference, owner)));
                }
            }

            if (!taint.IsEmpty)
            {
                stores.Add((member.OriginalDefinition, taint));
            }
        }

        return stores.ToImmutable();
    }

    // What a read of a parameter brings: `row.City` of a tuple parameter only that element (as the graph's run seeds it), the
    // parameter otherwise.
    private static SensitiveOrigin PlaceholderRead(IParameterReferenceOperation reference, IMethodSymbol owner)
    {
        var parameter = reference.Parameter;
        if (reference.Parent is IFieldReferenceOperation { Field.CorrespondingTupleField: { } element } read && ReferenceEquals(read.Instance, reference)
            && parameter.Type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            for (var index = 0; index < tuple.TupleElements.Length; index++)
            {
                if (SymbolEqualityComparer.Default.Equals(tuple.TupleElements[index].CorrespondingTupleField, element)
                    && TupleInput(owner.Parameters.Length, parameter.Ordinal, index) is var input and >= 0)
                {
                    return SensitiveOrigin.ParameterPartPlaceholder(parameter, input);
                }
            }
        }

        return SensitiveOrigin.ParameterPlaceholder(parameter);
    }

    // The member an assignment in <owner>'s body writes: a field or property, or a primary constructor's parameter (`value = v;` in a
    // member of the type: the field it is).
    private static ISymbol? StoredInto(IOperation target, IMethodSymbol owner) => target switch
    {
        IMemberReferenceOperation member => member.Member,
        IParameterReferenceOperation { Parameter: var parameter } when IsCapturedParameter(parameter, owner) => parameter,
        _ => null,
    };

    /// <summary>
    /// Whether a creation with <paramref name="constructor"/> is followed into its body: a constructor declared in this
    /// compilation's source whose parameters can bring a caller's data in (it may store them, or log them).
    /// </summary>
    public bool FollowsConstructor(IMethodSymbol constructor) =>
        constructor.MethodKind == MethodKind.Constructor && !constructor.IsImplicitlyDeclared
        && ReferenceEquals(constructor.ContainingAssembly, _engine.Compilation.Assembly)
        && TakesData(constructor.OriginalDefinition);

    /// <summary>Whether a call to <paramref name="method"/> can take data in or hand it back.</summary>
    public bool CanCarryData(IMethodSymbol method) =>
        MayCarryData(method.ReturnType) || TakesData(method.OriginalDefinition) || HandsBackThroughArguments(method);

    /// <summary>
    /// Whether <paramref name="method"/> can hand data back through its arguments: an <c>out</c> or <c>ref</c> parameter, or
    /// one it can fill (<see cref="IsFilled"/>).
    /// </summary>
    public bool HandsBackThroughArguments(IMethodSymbol method)
    {
        if (HasOutOrRef(method))
        {
            return true;
        }

        foreach (var parameter in method.Parameters)
        {
            if (IsFilled(parameter))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a caller's object given to <paramref name="parameter"/> may come back holding data the method puts into it
    /// (<c>Describe(StringBuilder text, Patient p) => text.Append(p.IdNumber)</c>; a list it adds to, a stream it copies into):
    /// a parameter passed by value whose type keeps what is put into it (<see cref="TransferCatalog.KeepsWhatIsPutIn"/>), of
    /// elements that hold a value as it is (text, bytes, dates; a dictionary's keys or values): a list of the application's
    /// objects or of identifiers is read far more often than filled, and its elements carry no value of their own. What the
    /// body leaves there its summary says, as for an <c>out</c> parameter.
    /// </summary>
    public bool IsFilled(IParameterSymbol parameter) =>
        parameter.RefKind == RefKind.None && _engine.Transfers.KeepsWhatIsPutIn(parameter.Type)
        && SensitivityModel.GetElementType(parameter.Type) switch
        {
            null => true,
            INamedTypeSymbol { Name: "KeyValuePair", TypeArguments: { Length: 2 } pair } => HoldsValue(pair[0]) || HoldsValue(pair[1]),
            var element => HoldsValue(element),
        };

    /// <summary>Whether <paramref name="method"/> has an <c>out</c> or <c>ref</c> parameter: it can hand data back through it.</summary>
    public static bool HasOutOrRef(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind is RefKind.Out or RefKind.Ref)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every place where declared data enters a path to a sink that lies in or beyond another method.
    /// <paramref name="summarize"/> summarises a deferred body once the pass finds data reaching it (null when it has no facts).
    /// </summary>
    public IReadOnlyList<CrossMethodFinding> Compose(System.Func<PendingBody, MethodFacts?> summarize, CancellationToken cancellationToken)
    {
        var findings = new List<CrossMethodFinding>();
        AddPrimaryConstructorStores();
        var promises = new Promises();
        SummarizeWhatMatters(summarize, promises, cancellationToken);
        if (_facts.IsEmpty)
        {
            return findings;
        }

        var composition = new Composition(_facts, promises, MayCarry, MayCarryFrom, cancellationToken);
        RunWithFields(composition, added: null);

        // docs/design/value-flow-engine.md, "Summaries on demand": the bodies that read no data themselves are summarised
        // once data reaches them, then the composition runs again with their facts.
        var waiting = _pending.IsEmpty ? null : new Composition.Waiting(_pending.Values, promises);
        for (var round = 0; round < MaxDemandRounds && waiting is not null && !_pending.IsEmpty; round++)
        {
            var needed = composition.Needed(_pending, waiting);
            if (needed.Count == 0)
            {
                break;
            }

            // Only what the new facts can change is worked out again (docs/design/value-flow-engine.md, "Summaries on demand").
            var added = new List<MethodFacts>();
            foreach (var pending in needed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _pending.TryRemove(pending.Method, out _);
                if (summarize(pending) is { } facts)
                {
                    added.Add(WithPrimaryStores(facts));
                }
            }

            RunWithFields(composition, composition.AddFacts(added));
        }

        // What data never reached waits no longer: the trees it holds can go.
        _pending.Clear();

        foreach (var facts in _facts.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // A sink of this body given a callee's result: the data the callee returns arrives here.
            foreach (var sink in facts.Sinks)
            {
                if (!sink.Taint.Declared().IsEmpty)
                {
                    // The body's own analysis reports this argument already.
                    continue;
                }

                var data = composition.Resolve(facts, sink.Taint).Declared;
                if (!data.IsEmpty)
                {
                    findings.Add(new CrossMethodFinding(sink.Node, data, sink, ImmutableList<CallStep>.Empty, sink.AcceptsString, facts.Method));
                }
            }

            // An argument that reaches a sink inside the callee (or further on).
            foreach (var call in facts.Calls)
            {
                foreach (var callee in composition.Implementations(call.Callee))
                {
                    // An object given whole to a parameter that shows nothing, rendered by a sink in the callee or beyond.
                    foreach (var reach in composition.SummaryOf(callee).WholeReaches)
                    {
                        if (call.Argument(reach.Parameter) is { WholeType: { } type } argument
                            && FreshObjects.Restrict(
                                Rendered(type, reach.Sink.Rendering), reach.Path.IsEmpty && reach.Sink.WholeLeftAsIs ? argument.Fresh : null, member => Rendered(member, reach.Sink.Rendering))
                                is { IsEmpty: false } shown)
                        {
                            findings.Add(new CrossMethodFinding(argument.Node, Taint.Of(shown), reach.Sink, reach.Path.Insert(0, new CallStep(callee, call.Site, call.Consent)), acceptsString: false, facts.Method));
                        }
                    }

                    foreach (var reach in composition.SummaryOf(callee).Reaches)
                    {
                        if (call.Argument(reach.Parameter) is not { } argument)
                        {
                            continue;
                        }

                        var data = composition.Resolve(facts, argument.Taint).Declared;
                        if (!data.IsEmpty)
                        {
                            findings.Add(new CrossMethodFinding(argument.Node, data, reach.Sink, reach.Path.Insert(0, new CallStep(callee, call.Site, call.Consent)), argument.AcceptsString, facts.Method));
                        }
                    }
                }
            }
        }

        // A method whose result a sink receives without a call written there: what each implementation returns, once composed.
        // Every implementation's data in one finding: one report per node, whatever order the implementations come in.
        foreach (var (method, sink) in _returnSinks)
        {
            var data = Taint.Empty;
            foreach (var implementation in composition.Implementations(method))
            {
                data = data.Union(composition.SummaryOf(implementation).ReturnedData);
            }

            if (!data.IsEmpty)
            {
                findings.Add(new CrossMethodFinding(sink.Node, data, sink, ImmutableList<CallStep>.Empty, acceptsString: false));
            }
        }

        return findings;
    }

    // Where values handed on can still reach a sink, from the surveys (compilation end only): set before any body waiting is judged.
    private SinkDemand? _demand;

    // A waiting body's values are judged by where they go (docs/design/value-flow-engine.md, "Summaries on demand").
    private ValueUses.UseScope ScopeOf(PendingBody body) => _demand is null ? default : new(_demand, body.Method, body.MaySink);

    // Whether what a waiting body's parameter receives can go anywhere in it: one walk per body, for all its parameters.
    private bool MayCarry(PendingBody body, int ordinal)
    {
        if (!_carrying.TryGetValue(body, out var carrying))
        {
            _carrying[body] = carrying = ValueUses.Carrying(_engine, body.Owner, body.Root, ScopeOf(body));
        }

        return ordinal >= MaxParameters || (carrying & (1UL << ordinal)) != 0;
    }

    // Whether what a method returns to a waiting body, or a member holds for it, can go anywhere in it: one walk per body and symbol.
    private bool MayCarryFrom(PendingBody body, ISymbol used)
    {
        var key = (body, used);
        if (!_carryingFrom.TryGetValue(key, out var carries))
        {
            _carryingFrom[key] = carries = ValueUses.MayCarryFrom(_engine, body.Root, used, ScopeOf(body));
        }

        return carries;
    }

    // docs/design/value-flow-engine.md, "Bodies no finding can pass through": the waiting bodies no finding can pass through are let go, and those
    // among the rest that read declared data themselves, where it can go somewhere (ValueUses), are summarised, in source order; the
    // others wait for data to reach them.
    private void SummarizeWhatMatters(System.Func<PendingBody, MethodFacts?> summarize, Promises promises, CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        var demand = _demand = SinkDemand.Compute(_engine, _pending.Values, _facts.Values, System.Linq.Enumerable.Select(_returnSinks, r => r.Method), promises, cancellationToken);
        var reading = new List<PendingBody>();
        foreach (var pair in _pending)
        {
            if (!demand.Matters(pair.Key))
            {
                _pending.TryRemove(pair.Key, out _);
            }
            else if (pair.Value.ReadsData != false && ValueUses.DataMayCarry(_engine, pair.Value.Root, ScopeOf(pair.Value)))
            {
                reading.Add(pair.Value);
            }
        }

        reading.Sort(PendingBody.InSourceOrder);
        foreach (var pending in reading)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _pending.TryRemove(pending.Method, out _);
            if (summarize(pending) is { } facts)
            {
                _facts[facts.Method] = WithPrimaryStores(facts);
            }
        }
    }

    // What the followed fields hold depends on the summaries, and the summaries on what is read from fields
    // (`string Current() => _lastId;`): a second round takes that one step further (docs/design/value-flow-engine.md,
    // "Fields and auto-properties").
    // After a demand round (`added` not null), the worklist starts from the bodies just summarised and the fields are collected
    // again from the bodies it took; a field that changes sends the bodies that read it round again.
    // What the last collection changes is taken up by the next round: its readers start the next run, and their arguments are
    // resolved again for the next search of hot parameters.
    private static void RunWithFields(Composition composition, IReadOnlyCollection<MethodFacts>? added)
    {
        composition.Run(added is null ? null : composition.WithReadersOfChangedFields(added));
        if (composition.CollectFields(onlyTaken: added is not null))
        {
            composition.Run(composition.ReadersOfChangedFields());
            if (composition.CollectFields(onlyTaken: true))
            {
                composition.NoteReadersOfChangedFields();
            }
        }
    }

    /// <summary>The fixpoint over every recorded body, and the resolution of placeholders it allows.</summary>
    private sealed class Composition
    {
        private readonly ConcurrentDictionary<IMethodSymbol, MethodFacts> _facts;
        private readonly Promises _promises;
        private readonly System.Func<PendingBody, int, bool> _mayCarry;
        private readonly System.Func<PendingBody, ISymbol, bool> _mayCarryFrom;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<IMethodSymbol, Summary> _summaries = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> _implementations = new(SymbolEqualityComparer.Default);

        // The declared data each followed field or auto-property is assigned anywhere (CollectFields).
        private readonly Dictionary<ISymbol, Taint> _fields = new(SymbolEqualityComparer.Default);

        // The bodies whose calls may run a method (its callers, through the methods it overrides or implements), and the bodies by
        // each method as their calls name it: kept from round to round, grown as facts are added.
        private readonly Dictionary<IMethodSymbol, List<MethodFacts>> _callers = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<IMethodSymbol, List<MethodFacts>> _byCallee = new(SymbolEqualityComparer.Default);

        // The bodies the last Run took from its queue: only their resolutions can have changed since.
        private readonly HashSet<IMethodSymbol> _taken = new(SymbolEqualityComparer.Default);

        // The members the last CollectFields changed, and the bodies reading each member (built when first needed).
        private readonly HashSet<ISymbol> _changedFields = new(SymbolEqualityComparer.Default);
        private Dictionary<ISymbol, List<MethodFacts>>? _fieldReaders;

        // The same, over every run since the last demand round; and what that round's search kept (HotParameters).
        private readonly HashSet<IMethodSymbol> _takenSinceRound = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<IMethodSymbol, List<(CallFact Call, ArgumentFact Argument, Resolved Resolved)>> _arguments = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<IMethodSymbol, ulong> _hot = new(SymbolEqualityComparer.Default);
        private readonly HashSet<IMethodSymbol> _reachedPending = new(SymbolEqualityComparer.Default);

        // The methods returning data and the members holding it that Needed has looked up among the waiting bodies' uses.
        private readonly HashSet<IMethodSymbol> _returnersLookedUp = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _fieldsLookedUp = new(SymbolEqualityComparer.Default);

        public Composition(
            ConcurrentDictionary<IMethodSymbol, MethodFacts> facts, Promises promises, System.Func<PendingBody, int, bool> mayCarry, System.Func<PendingBody, ISymbol, bool> mayCarryFrom,
            CancellationToken cancellationToken)
        {
            _facts = facts;
            _promises = promises;
            _mayCarry = mayCarry;
            _mayCarryFrom = mayCarryFrom;
            _cancellationToken = cancellationToken;

            // In source order: the implementations of a virtual call are listed in it, and the first path found is kept.
            foreach (var method in InSourceOrder(facts.Keys, m => m))
            {
                Add(method);
            }

            foreach (var body in facts.Values)
            {
                IndexCalls(body);
            }
        }

        private static IEnumerable<T> InSourceOrder<T>(IEnumerable<T> items, System.Func<T, IMethodSymbol> method) =>
            System.Linq.Enumerable.ThenBy(
                System.Linq.Enumerable.OrderBy(items, i => method(i).Locations.Length > 0 ? method(i).Locations[0].SourceTree?.FilePath : null, System.StringComparer.Ordinal),
                i => method(i).Locations.Length > 0 ? method(i).Locations[0].SourceSpan.Start : 0);

        /// <summary>
        /// Bodies summarised in a demand round: recorded, their summaries empty, their calls indexed. Returns what the next run
        /// must start from: those bodies, or null (every body) when one replaced facts already recorded.
        /// </summary>
        public IReadOnlyCollection<MethodFacts>? AddFacts(List<MethodFacts> added)
        {
            var replaced = false;
            foreach (var body in added)
            {
                replaced |= _facts.ContainsKey(body.Method);
                _facts[body.Method] = body;
            }

            if (replaced)
            {
                _fieldReaders = null;
                _callers.Clear();
                _byCallee.Clear();
                foreach (var body in added)
                {
                    Add(body.Method);
                }

                foreach (var body in _facts.Values)
                {
                    IndexCalls(body);
                }

                return null;
            }

            foreach (var body in added)
            {
                Add(body.Method);
            }

            foreach (var body in added)
            {
                IndexCalls(body);
                IndexFieldReads(body);
            }

            return added;
        }

        /// <summary>A body whose facts were added: its summary starts empty, and calls to what it implements reach it.</summary>
        private void Add(IMethodSymbol method)
        {
            if (_summaries.ContainsKey(method))
            {
                return;
            }

            _summaries[method] = new Summary();

            // A virtual or interface call is the union of the implementations in this compilation; the bodies already calling
            // what it overrides or implements are its callers too.
            foreach (var promised in _promises.Of(method))
            {
                AddOnce(_implementations, promised, method);
                if (_byCallee.TryGetValue(promised, out var calling))
                {
                    foreach (var caller in calling)
                    {
                        AddCaller(method, caller);

                        // Its arguments can now make the new body's parameters hot.
                        _takenSinceRound.Add(caller.Method);
                    }
                }
            }
        }

        private void IndexCalls(MethodFacts body)
        {
            foreach (var call in body.Calls)
            {
                if (!_byCallee.TryGetValue(call.Callee, out var calling))
                {
                    _byCallee[call.Callee] = calling = new List<MethodFacts>();
                }

                if (calling.Count == 0 || !ReferenceEquals(calling[calling.Count - 1], body))
                {
                    calling.Add(body);
                }

                foreach (var callee in Implementations(call.Callee))
                {
                    AddCaller(callee, body);
                }
            }
        }

        // A body's calls repeat (one per call): listed once, after its first.
        private void AddCaller(IMethodSymbol callee, MethodFacts body)
        {
            if (!_callers.TryGetValue(callee, out var list))
            {
                _callers[callee] = list = new List<MethodFacts>();
            }

            if (list.Count == 0 || !ReferenceEquals(list[list.Count - 1], body))
            {
                list.Add(body);
            }
        }

        private static void AddOnce<T>(Dictionary<IMethodSymbol, List<T>> index, IMethodSymbol key, T value)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = new List<T>();
            }

            if (!list.Contains(value))
            {
                list.Add(value);
            }
        }

        /// <summary>
        /// The deferred bodies data now reaches, in source order: one that a recorded body calls with declared data, or
        /// with a parameter such data reaches (a hot parameter); one that calls a method returning declared data; one
        /// that reads a field or auto-property holding declared data.
        /// </summary>
        public List<PendingBody> Needed(IReadOnlyDictionary<IMethodSymbol, PendingBody> pending, Waiting waiting)
        {
            var reached = new HashSet<IMethodSymbol>(HotParameters(waiting.ByPromise), SymbolEqualityComparer.Default);

            // The waiting bodies are many and the methods returning data and members holding it few: each such method or member
            // is looked up among what the waiting bodies call and read, rather than each body's uses asked one by one. Each is
            // looked up once, in the first round it returns or holds data: what it reached then is summarised in that round, and
            // no body starts waiting during the rounds.
            foreach (var pair in _summaries)
            {
                if ((!pair.Value.ReturnedData.IsEmpty || pair.Value.LeavesData) && _returnersLookedUp.Add(pair.Key))
                {
                    // A call reaches this method through what it overrides or implements too (as Implementations lists it).
                    foreach (var promised in _promises.Of(pair.Key))
                    {
                        AddMethods(reached, pending, waiting.ByCallee, promised);
                    }
                }
            }

            foreach (var field in _fields.Keys)
            {
                if (_fieldsLookedUp.Add(field))
                {
                    AddMethods(reached, pending, waiting.ByMember, field);
                }
            }

            var needed = new List<PendingBody>();
            foreach (var method in reached)
            {
                if (pending.TryGetValue(method, out var body))
                {
                    needed.Add(body);
                }
            }

            needed.Sort(PendingBody.InSourceOrder);
            return needed;
        }

        // A body that calls the method or reads the member is reached only where what it brings can go somewhere (ValueUses).
        private void AddMethods(HashSet<IMethodSymbol> reached, IReadOnlyDictionary<IMethodSymbol, PendingBody> pending, Dictionary<ISymbol, List<PendingBody>> index, ISymbol key)
        {
            if (index.TryGetValue(key, out var bodies))
            {
                foreach (var body in bodies)
                {
                    if (!reached.Contains(body.Method) && pending.ContainsKey(body.Method) && _mayCarryFrom(body, key))
                    {
                        reached.Add(body.Method);
                    }
                }
            }
        }

        /// <summary>The waiting bodies indexed once, before the rounds: by what may run them, what they call and what they read.</summary>
        public sealed class Waiting
        {
            public Waiting(ICollection<PendingBody> pending, Promises promises)
            {
                foreach (var body in pending)
                {
                    foreach (var promised in promises.Of(body.Method))
                    {
                        AddOnce(ByPromise, promised, body);
                    }

                    foreach (var callee in body.Callees)
                    {
                        ListIndex.AddAfterLast(ByCallee, callee, body);
                    }

                    foreach (var member in body.Members)
                    {
                        ListIndex.AddAfterLast(ByMember, member, body);
                    }
                }
            }

            /// <summary>By each method a call to which may run them (themselves, what they override or implement).</summary>
            public Dictionary<IMethodSymbol, List<PendingBody>> ByPromise { get; } = new(SymbolEqualityComparer.Default);

            /// <summary>By each followed method, getter or constructor they call.</summary>
            public Dictionary<ISymbol, List<PendingBody>> ByCallee { get; } = new(SymbolEqualityComparer.Default);

            /// <summary>By each followed field or auto-property they read or assign.</summary>
            public Dictionary<ISymbol, List<PendingBody>> ByMember { get; } = new(SymbolEqualityComparer.Default);
        }

        // Top down over the recorded calls: a parameter is hot when some call passes it declared data, or a hot parameter of the caller.
        // What each argument resolves to depends only on the summaries and fields: resolved again only for the bodies a run took since
        // the last round (the others' callees and fields did not change), and what is hot or reached only grows, so both are kept from
        // round to round and a worklist carries what changed (docs/design/value-flow-engine.md, "Summaries on demand").
        private HashSet<IMethodSymbol> HotParameters(Dictionary<IMethodSymbol, List<PendingBody>> pendingByPromise)
        {
            var work = new Queue<IMethodSymbol>();
            foreach (var method in _takenSinceRound)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (!_facts.TryGetValue(method, out var facts))
                {
                    continue;
                }

                var arguments = new List<(CallFact Call, ArgumentFact Argument, Resolved Resolved)>();
                foreach (var call in facts.Calls)
                {
                    foreach (var argument in call.Arguments)
                    {
                        // An object with classified members given whole counts as data reaching the callee.
                        if (argument.Ordinal >= MaxParameters || (argument.Taint.IsEmpty && argument.WholeType is null))
                        {
                            continue;
                        }

                        var resolved = argument.WholeType is null ? Resolve(facts, argument.Taint) : default;
                        if (argument.WholeType is null && resolved.Declared.IsEmpty && resolved.ParameterSet == 0)
                        {
                            continue;
                        }

                        arguments.Add((call, argument, resolved));
                    }
                }

                _arguments[method] = arguments;
                work.Enqueue(method);
            }

            _takenSinceRound.Clear();
            var visits = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
            var queued = new HashSet<IMethodSymbol>(work, SymbolEqualityComparer.Default);
            while (work.Count > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var caller = work.Dequeue();
                queued.Remove(caller);
                visits[caller] = visits.TryGetValue(caller, out var count) ? count + 1 : 1;
                if (count >= MaxRounds || !_arguments.TryGetValue(caller, out var arguments))
                {
                    continue;
                }

                var callerHot = _hot.TryGetValue(caller, out var known) ? known : 0UL;
                foreach (var (call, argument, resolved) in arguments)
                {
                    if (argument.WholeType is null && resolved.Declared.IsEmpty && (resolved.ParameterSet & callerHot) == 0)
                    {
                        continue;
                    }

                    foreach (var callee in Implementations(call.Callee))
                    {
                        if (MarkHot(_hot, callee, argument.Ordinal) && queued.Add(callee))
                        {
                            work.Enqueue(callee);
                        }
                    }

                    if (pendingByPromise.TryGetValue(call.Callee.OriginalDefinition, out var bodies))
                    {
                        foreach (var body in bodies)
                        {
                            // An object given whole matters only to a body that can render it or hand it on; a value, only to a body
                            // where the parameter it arrives at goes somewhere (ValueUses).
                            if (argument.WholeType is null ? _mayCarry(body, argument.Ordinal) : body.Survey.ReachableSinks != SinkKinds.None || body.Survey.CallsFollowed)
                            {
                                _reachedPending.Add(body.Method);
                            }
                        }
                    }
                }
            }

            return _reachedPending;
        }

        private static bool MarkHot(Dictionary<IMethodSymbol, ulong> hot, IMethodSymbol method, int ordinal)
        {
            var known = hot.TryGetValue(method, out var set) ? set : 0UL;
            var now = known | (1UL << ordinal);
            hot[method] = now;
            return now != known;
        }

        public IReadOnlyList<IMethodSymbol> Implementations(IMethodSymbol callee) =>
            _implementations.TryGetValue(callee, out var list) ? list : (IReadOnlyList<IMethodSymbol>)System.Array.Empty<IMethodSymbol>();

        public Summary SummaryOf(IMethodSymbol method) => _summaries[method];

        /// <summary>
        /// What each followed field or auto-property holds: the declared data assigned to it in any body, directly or
        /// through a method of the compilation whose parameter reaches it. True when anything changed.
        /// </summary>
        public bool CollectFields(bool onlyTaken)
        {
            _changedFields.Clear();
            var changed = false;
            foreach (var facts in _facts.Values)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (onlyTaken && !_taken.Contains(facts.Method))
                {
                    continue;
                }

                foreach (var store in facts.Stores)
                {
                    changed |= AddField(store.Member, Resolve(facts, store.Taint).Declared);
                }

                foreach (var call in facts.Calls)
                {
                    foreach (var callee in Implementations(call.Callee))
                    {
                        foreach (var (parameter, member) in _summaries[callee].FieldReaches)
                        {
                            if (call.Argument(parameter) is { } argument)
                            {
                                changed |= AddField(member, Resolve(facts, argument.Taint).Declared);
                            }
                        }
                    }
                }
            }

            return changed;
        }

        private bool AddField(ISymbol member, Taint data)
        {
            if (data.IsEmpty)
            {
                return false;
            }

            var known = _fields.TryGetValue(member, out var held) ? held : Taint.Empty;
            var union = known.Union(data);
            if (union.Equals(known))
            {
                return false;
            }

            _fields[member] = union;
            _changedFields.Add(member);
            return true;
        }

        /// <summary>The bodies whose facts read a field or auto-property the last <see cref="CollectFields"/> changed, in no order.</summary>
        public IReadOnlyCollection<MethodFacts> ReadersOfChangedFields()
        {
            if (_fieldReaders is null)
            {
                _fieldReaders = new Dictionary<ISymbol, List<MethodFacts>>(SymbolEqualityComparer.Default);
                foreach (var facts in _facts.Values)
                {
                    IndexFieldReads(facts);
                }
            }

            var readers = new HashSet<MethodFacts>();
            foreach (var member in _changedFields)
            {
                if (_fieldReaders.TryGetValue(member, out var reading))
                {
                    readers.UnionWith(reading);
                }
            }

            return readers;
        }

        /// <summary><paramref name="added"/>, and the readers of what the last collection changed (that no run has taken up yet).</summary>
        public IReadOnlyCollection<MethodFacts> WithReadersOfChangedFields(IReadOnlyCollection<MethodFacts> added)
        {
            if (_changedFields.Count == 0)
            {
                return added;
            }

            var seed = new HashSet<MethodFacts>(added);
            seed.UnionWith(ReadersOfChangedFields());
            return seed;
        }

        /// <summary>The readers of what the last collection changed resolve their arguments again in the next search of hot parameters.</summary>
        public void NoteReadersOfChangedFields()
        {
            foreach (var reader in ReadersOfChangedFields())
            {
                _takenSinceRound.Add(reader.Method);
            }
        }

        // Resolve reads a field's data wherever a field placeholder sits in a body's facts.
        private void IndexFieldReads(MethodFacts facts)
        {
            if (_fieldReaders is null)
            {
                return;
            }

            Note(facts.Returned);
            foreach (var (_, taint) in facts.Outs)
            {
                Note(taint);
            }

            foreach (var (_, taint) in facts.Stores)
            {
                Note(taint);
            }

            foreach (var sink in facts.Sinks)
            {
                Note(sink.Taint);
            }

            foreach (var call in facts.Calls)
            {
                foreach (var argument in call.Arguments)
                {
                    Note(argument.Taint);
                }
            }

            void Note(Taint taint)
            {
                if (!taint.HasPlaceholders)
                {
                    return;
                }

                foreach (var origin in taint.Origins)
                {
                    if (origin.Kind == OriginKind.Field && origin.IsPlaceholder)
                    {
                        if (!_fieldReaders.TryGetValue(origin.Symbol, out var reading))
                        {
                            _fieldReaders[origin.Symbol] = reading = new List<MethodFacts>();
                        }

                        if (reading.Count == 0 || !ReferenceEquals(reading[reading.Count - 1], facts))
                        {
                            reading.Add(facts);
                        }
                    }
                }
            }
        }

        // A worklist: every body once, then again only when a callee's summary changed (each update only adds to
        // a summary, so this converges; MaxRounds bounds how often one body is taken from the queue, against long
        // cycles).
        // `seed`: the bodies to start from (null: every body). A body's summary depends only on its facts and its callees'
        // summaries, and summaries only grow: a body none of whose callees changed gives what it gave before.
        public void Run(IReadOnlyCollection<MethodFacts>? seed)
        {
            // Seeded in source order, not the dictionary's hash order: the first path found to a sink is the one a
            // message names, and it must not change from build to build.
            var queue = new Queue<MethodFacts>(InSourceOrder(seed ?? (IEnumerable<MethodFacts>)_facts.Values, f => f.Method));
            var queued = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var facts in queue)
            {
                queued.Add(facts.Method);
            }

            _taken.Clear();
            var updates = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
            while (queue.Count > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var facts = queue.Dequeue();
                queued.Remove(facts.Method);
                _taken.Add(facts.Method);
                _takenSinceRound.Add(facts.Method);
                updates[facts.Method] = updates.TryGetValue(facts.Method, out var count) ? count + 1 : 1;
                if (count >= MaxRounds || !Update(facts, _summaries[facts.Method]) || !_callers.TryGetValue(facts.Method, out var dependents))
                {
                    continue;
                }

                foreach (var dependent in dependents)
                {
                    if (queued.Add(dependent.Method))
                    {
                        queue.Enqueue(dependent);
                    }
                }
            }
        }

        private bool Update(MethodFacts facts, Summary summary)
        {
            var changed = summary.AddReturn(Resolve(facts, facts.Returned));
            foreach (var (ordinal, taint) in facts.Outs)
            {
                changed |= summary.AddOut(ordinal, Resolve(facts, taint));
            }

            foreach (var store in facts.Stores)
            {
                foreach (var parameter in Resolve(facts, store.Taint).Parameters())
                {
                    changed |= summary.FieldReaches.Add((parameter, store.Member));
                }
            }

            foreach (var sink in facts.Sinks)
            {
                foreach (var parameter in Resolve(facts, sink.Taint).Parameters())
                {
                    changed |= summary.AddReach(new Reach(parameter, sink, ImmutableList<CallStep>.Empty));
                }

                if (sink.WholeParameter >= 0 && sink.Rendering != ObjectRendering.None)
                {
                    changed |= summary.AddWholeReach(new Reach(sink.WholeParameter, sink, ImmutableList<CallStep>.Empty));
                }
            }

            foreach (var call in facts.Calls)
            {
                foreach (var callee in Implementations(call.Callee))
                {
                    foreach (var (reachingParameter, member) in System.Linq.Enumerable.ToArray(_summaries[callee].FieldReaches))
                    {
                        if (call.Argument(reachingParameter) is { } argument)
                        {
                            foreach (var parameter in Resolve(facts, argument.Taint).Parameters())
                            {
                                changed |= summary.FieldReaches.Add((parameter, member));
                            }
                        }
                    }

                    // An object handed on whole from a parameter whose type shows nothing either (`Record(object e) => Write(e)`).
                    foreach (var reach in _summaries[callee].WholeReaches.ToArray())
                    {
                        if (call.Argument(reach.Parameter) is { WholeParameter: >= 0, WholeType: null } argument)
                        {
                            changed |= summary.AddWholeReach(new Reach(argument.WholeParameter, reach.Sink, reach.Path.Insert(0, new CallStep(callee, call.Site, call.Consent))));
                        }
                    }

                    // A snapshot: a recursive method adds to its own reaches while they are read.
                    foreach (var reach in _summaries[callee].Reaches.ToArray())
                    {
                        if (call.Argument(reach.Parameter) is { } argument)
                        {
                            foreach (var parameter in Resolve(facts, argument.Taint).Parameters())
                            {
                                changed |= summary.AddReach(new Reach(parameter, reach.Sink, reach.Path.Insert(0, new CallStep(callee, call.Site, call.Consent))));
                            }
                        }
                    }
                }
            }

            return changed;
        }

        /// <summary>What <paramref name="taint"/>, recorded in <paramref name="facts"/>' body, stands for as far as the summaries know.</summary>
        public Resolved Resolve(MethodFacts facts, Taint taint)
        {
            HashSet<SensitiveOrigin>? expanded = null;
            return Resolve(facts, taint, depth: 0, ref expanded);
        }

        // Each call's result (or out argument) stands for the same thing wherever the recursion meets it, and every step's answer is
        // unioned into the first: one expanded already adds nothing. Without this, `x = Join(x, x)` repeated doubles the work per
        // line (docs/design/value-flow-engine.md, "Across methods").
        private Resolved Resolve(MethodFacts facts, Taint taint, int depth, ref HashSet<SensitiveOrigin>? expanded)
        {
            var resolved = new Resolved(taint.Declared(), 0);
            if (!taint.HasPlaceholders || !StackGuard.MayDescend(depth))
            {
                return resolved;
            }

            foreach (var origin in taint.Origins)
            {
                // Encrypted or hashed on the way: nothing a log or a plaintext channel could expose.
                if (!origin.IsPlaceholder || origin.IsProtected)
                {
                    continue;
                }

                if (origin.Kind == OriginKind.Field)
                {
                    if (_fields.TryGetValue(origin.Symbol, out var held))
                    {
                        resolved = resolved.Union(new Resolved(held, 0));
                    }

                    continue;
                }

                if (origin.Kind == OriginKind.Parameter)
                {
                    // A tuple element's placeholder stands for the argument's element, an input after the parameters (TupleParts).
                    if (origin.Symbol is IParameterSymbol parameter && (origin.Part >= 0 ? origin.Part : parameter.Ordinal) is var input and < MaxParameters
                        && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, facts.Method))
                    {
                        resolved = resolved.Union(new Resolved(Taint.Empty, 1UL << input));
                    }

                    continue;
                }

                if (origin.Kind is OriginKind.OutArgument or OriginKind.CallResult && !(expanded ??= new HashSet<SensitiveOrigin>(BySite.Instance)).Add(origin))
                {
                    continue;
                }

                if (origin.Kind == OriginKind.OutArgument)
                {
                    // What the callee leaves in this out or ref argument: its declared data, and the arguments that flow there.
                    if (origin.Symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol outCallee } outParameter && facts.CallAt(origin.Site) is { } outCall)
                    {
                        foreach (var implementation in Implementations(outCallee.OriginalDefinition))
                        {
                            if (_summaries[implementation].OutOf(outParameter.Ordinal) is { } left)
                            {
                                resolved = resolved.Union(new Resolved(left.Declared, 0));
                                foreach (var parameter in left.Parameters())
                                {
                                    if (outCall.Argument(parameter) is { } argument && parameter != outParameter.Ordinal)
                                    {
                                        resolved = resolved.Union(Resolve(facts, argument.Taint, depth + 1, ref expanded));
                                    }
                                }
                            }
                        }
                    }

                    continue;
                }

                if (origin.Symbol is not IMethodSymbol callee || facts.CallAt(origin.Site) is not { } call)
                {
                    continue;
                }

                foreach (var implementation in Implementations(callee))
                {
                    var returned = _summaries[implementation];
                    resolved = resolved.Union(new Resolved(returned.ReturnedData, 0));
                    foreach (var parameter in new Resolved(Taint.Empty, returned.ReturnedParameters).Parameters())
                    {
                        if (call.Argument(parameter) is { } argument)
                        {
                            resolved = resolved.Union(Resolve(facts, argument.Taint, depth + 1, ref expanded));
                        }
                    }
                }
            }

            return resolved;
        }
    }

    // A placeholder's own hash is its symbol's: the results of one callee called at many sites of a body would share one bucket.
    private sealed class BySite : IEqualityComparer<SensitiveOrigin>
    {
        public static readonly BySite Instance = new();

        public bool Equals(SensitiveOrigin? x, SensitiveOrigin? y) => x is null ? y is null : x.Equals(y);

        public int GetHashCode(SensitiveOrigin obj) => obj.Site is { } site ? System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(site) : obj.GetHashCode();
    }

    /// <summary>A placeholder-free reading of a taint: declared data, and the parameters of the body it came from.</summary>
    internal readonly struct Resolved
    {
        public Resolved(Taint declared, ulong parameters)
        {
            Declared = declared;
            ParameterSet = parameters;
        }

        public Taint Declared { get; }

        public ulong ParameterSet { get; }

        public Resolved Union(Resolved other) => new(Declared.Union(other.Declared), ParameterSet | other.ParameterSet);

        public IEnumerable<int> Parameters()
        {
            for (var ordinal = 0; ordinal < MaxParameters; ordinal++)
            {
                if ((ParameterSet & (1UL << ordinal)) != 0)
                {
                    yield return ordinal;
                }
            }
        }
    }

    /// <summary>One method's summary: what its result carries, which parameters reach which sinks, and which reach fields.</summary>
    private sealed class Summary
    {
        // Per parameter and sink, one path for each consent its calls show: a path that shows consent must not hide one that does not.
        private readonly HashSet<(int Parameter, SinkFact Sink, int Consent)> _reached = new();

        /// <summary>Parameters whose value the method (or a callee) assigns to a field or auto-property the pass follows.</summary>
        public HashSet<(int Parameter, ISymbol Member)> FieldReaches { get; } = new();

        public Taint ReturnedData { get; private set; } = Taint.Empty;

        public ulong ReturnedParameters { get; private set; }

        private Dictionary<int, Resolved>? _outs;

        /// <summary>Whether the method leaves declared data in some out or ref parameter.</summary>
        public bool LeavesData { get; private set; }

        /// <summary>What the method leaves in its out or ref parameter <paramref name="ordinal"/>, or null.</summary>
        public Resolved? OutOf(int ordinal) => _outs is not null && _outs.TryGetValue(ordinal, out var left) ? left : null;

        public bool AddOut(int ordinal, Resolved left)
        {
            _outs ??= new Dictionary<int, Resolved>();
            var known = _outs.TryGetValue(ordinal, out var held) ? held : new Resolved(Taint.Empty, 0);
            var union = known.Union(left);
            if (union.Declared.Equals(known.Declared) && union.ParameterSet == known.ParameterSet)
            {
                return false;
            }

            _outs[ordinal] = union;
            LeavesData |= !union.Declared.IsEmpty;
            return true;
        }

        public List<Reach> Reaches { get; } = new();

        public bool AddReturn(Resolved returned)
        {
            var data = ReturnedData.Union(returned.Declared);
            var parameters = ReturnedParameters | returned.ParameterSet;
            if (data.Equals(ReturnedData) && parameters == ReturnedParameters)
            {
                return false;
            }

            ReturnedData = data;
            ReturnedParameters = parameters;
            return true;
        }

        private readonly HashSet<(int Parameter, SinkFact Sink, int Consent)> _reachedWhole = new();

        /// <summary>Parameters an object given whole reaches a sink through, rendered as the sink says (<see cref="SinkFact.Rendering"/>).</summary>
        public List<Reach> WholeReaches { get; } = new();

        public bool AddWholeReach(Reach reach)
        {
            if (WholeReaches.Count >= MaxReachesPerMethod || !_reachedWhole.Add((reach.Parameter, reach.Sink, reach.Consent)))
            {
                return false;
            }

            WholeReaches.Add(reach);
            return true;
        }

        // The first path found to a sink from a parameter is the one a message names.
        public bool AddReach(Reach reach)
        {
            if (Reaches.Count >= MaxReachesPerMethod || !_reached.Add((reach.Parameter, reach.Sink, reach.Consent)))
            {
                return false;
            }

            Reaches.Add(reach);
            return true;
        }
    }

    private sealed class Reach
    {
        public Reach(int parameter, SinkFact sink, ImmutableList<CallStep> path)
        {
            Parameter = parameter;
            Sink = sink;
            Path = path;
        }

        public int Parameter { get; }

        public SinkFact Sink { get; }

        /// <summary>The calls from this method's body to the sink's, outermost first.</summary>
        public ImmutableList<CallStep> Path { get; }

        /// <summary>The consent bits some call on the path shows (<see cref="CallStep.Consent"/>), joined.</summary>
        public int Consent
        {
            get
            {
                var consent = 0;
                foreach (var step in Path)
                {
                    consent |= step.Consent;
                }

                return consent;
            }
        }
    }
}

/// <summary>One call on a cross-method path: the method called, and where.</summary>
internal readonly struct CallStep
{
    public CallStep(IMethodSymbol callee, SyntaxNode site, int consent)
    {
        Callee = callee;
        Site = site;
        Consent = consent;
    }

    public IMethodSymbol Callee { get; }

    public SyntaxNode Site { get; }

    /// <summary>The consent bits shown where the call is made (<see cref="CallFact.Consent"/>).</summary>
    public int Consent { get; }

    /// <summary>How messages name the method: <c>AuditTrail.Write(string)</c>, a constructor <c>new AuditTrail(string)</c>.</summary>
    public string DisplayName => (Callee.MethodKind == MethodKind.Constructor ? "new " + Callee.ContainingType.Name : Callee.ContainingType.Name + "." + Callee.Name) + "("
        + string.Join(", ", System.Linq.Enumerable.Select(Callee.Parameters, p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")";
}

/// <summary>
/// Declared data entering a path to a sink across methods: at a call's argument (the path's first step is that
/// call), or at a sink argument given a callee's result (no steps).
/// </summary>
internal sealed class CrossMethodFinding
{
    public CrossMethodFinding(SyntaxNode node, Taint data, SinkFact sink, ImmutableList<CallStep> path, bool acceptsString, IMethodSymbol? owner = null)
    {
        Owner = owner;
        Node = node;
        Data = data;
        Sink = sink;
        Path = path;
        AcceptsString = acceptsString;
    }

    /// <summary>Where the data enters: diagnostics go here.</summary>
    public SyntaxNode Node { get; }

    /// <summary>The method whose body holds <see cref="Node"/>; null for a handler mapped by another body.</summary>
    public IMethodSymbol? Owner { get; }

    public Taint Data { get; }

    public SinkFact Sink { get; }

    public ImmutableList<CallStep> Path { get; }

    public bool AcceptsString { get; }

    /// <summary>The sink as messages name it, with the methods the data passes through: <c>ILogger.LogInformation' through 'AuditTrail.Write(string)</c>.</summary>
    public string SinkAndPath => Path.IsEmpty
        ? Sink.Sink.DisplayName
        : Sink.Sink.DisplayName + "' through '" + string.Join("', '", System.Linq.Enumerable.Select(Path, step => step.DisplayName));

    /// <summary>The steps as locations: each further call on the path, then the sink argument inside the last method.</summary>
    public IEnumerable<Location> StepLocations()
    {
        for (var i = 1; i < Path.Count; i++)
        {
            yield return Path[i].Site.GetLocation();
        }

        if (!Path.IsEmpty)
        {
            yield return Sink.Node.GetLocation();
        }
    }
}
