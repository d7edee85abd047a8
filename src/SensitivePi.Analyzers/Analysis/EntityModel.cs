using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>How the model stores one member of an entity.</summary>
internal enum EntityStorage
{
    /// <summary>As the entity holds it: no value converter.</summary>
    AsHeld,

    /// <summary>Through a value converter that calls an encryptor, a hash or a mask.</summary>
    Encrypted,

    /// <summary>Through a value converter whose conversion calls none (a conversion this reads whole).</summary>
    Converted,

    /// <summary>Through a converter this cannot read (a converter type, a variable, a convention): nothing is decided.</summary>
    Unknown,
}

/// <summary>A member the EF Core model of the compilation stores, with how.</summary>
internal readonly struct StoredMember
{
    public StoredMember(IPropertySymbol member, INamedTypeSymbol entity, SensitiveOrigin origin, EntityStorage storage)
    {
        Member = member;
        Entity = entity;
        Origin = origin;
        Storage = storage;
    }

    public IPropertySymbol Member { get; }

    /// <summary>The entity type the member is stored with (the member may be declared on a base type).</summary>
    public INamedTypeSymbol Entity { get; }

    public SensitiveOrigin Origin { get; }

    public EntityStorage Storage { get; }
}

/// <summary>
/// The EF Core model of one compilation, as its code declares it (docs/design/value-flow-engine.md, "The entity model"):
/// the entities (<c>DbSet&lt;T&gt;</c> properties of the compilation's <c>DbContext</c> types, <c>Entity&lt;T&gt;()</c>,
/// <c>IEntityTypeConfiguration&lt;T&gt;</c>), the members left out (<c>[NotMapped]</c>, <c>Ignore</c>), and the value
/// converters (<c>HasConversion</c>). Gathered while types and bodies are analysed, read at compilation end. Nothing
/// is guessed: a model shaped by code this cannot read (a builder handed to a library) stores nothing this reports.
/// </summary>
internal sealed class EntityModel
{
    // A chain of builder calls (`Property(…).HasColumnName(…).HasConversion(…)`) is followed back through at most this many calls.
    private const int MaxChain = 16;

    private readonly INamedTypeSymbol _dbContext;
    private readonly INamedTypeSymbol? _dbSet;
    private readonly INamedTypeSymbol? _entityTypeConfiguration;
    private readonly INamedTypeSymbol? _notMapped;
    private readonly INamedTypeSymbol? _owned;
    private readonly INamedTypeSymbol? _entityEntry;
    private readonly ImmutableArray<INamedTypeSymbol> _builders;
    private readonly ImmutableArray<(INamedTypeSymbol Type, EntityModelMethod Row)> _rows;
    private readonly ImmutableArray<(INamedTypeSymbol Type, KnownModelConfiguration Row, INamedTypeSymbol? Protecting)> _known;
    private readonly IAssemblySymbol _assembly;
    private readonly Compilation _compilation;

    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _entities = new(SymbolEqualityComparer.Default);

    // Whether a parameter's class is or derives from a builder, by its definition (every construction of a class has the same base
    // definitions): every method's parameters are asked (Configures), so each class's base chain is walked once.
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _builderClasses = new(DefinitionIdentity<INamedTypeSymbol>.Instance);

    // Types marked [Owned] or given to modelBuilder.Owned<T>(): stored as part of each entity that refers to them
    // (Collect decides which are).
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _ownedTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _ignoredTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(INamedTypeSymbol Entity, string Member), bool> _ignoredMembers = new();
    private readonly ConcurrentDictionary<(INamedTypeSymbol Entity, string Member), EntityStorage> _conversions = new();

    // Entities some of whose ignores could not be read: which of their members are stored is unknown.
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _opaqueEntities = new(SymbolEqualityComparer.Default);

    // Types an untyped call makes owned (`OwnsOne("Shop.Card", "Card")`, `OwnsOne(typeof(Card), "Card")`) with their owners: a type
    // owned by an opaque owner may be configured wherever the owner's builder went, so it is opaque too (IsOpaque).
    private readonly ConcurrentDictionary<(INamedTypeSymbol Owned, INamedTypeSymbol Owner), bool> _namedOwners = new();

    // Member names ignored, or given a conversion, through a builder whose entity cannot be found (a helper's untyped parameter):
    // a member of that name of any entity may be the one, so it is not judged (StoredMembers, StorageOf).
    private readonly ConcurrentDictionary<string, bool> _namesIgnoredSomewhere = new(System.StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _namesConvertedSomewhere = new(System.StringComparer.Ordinal);

    // The opaque entities with the types they own by name, worked out once at compilation end (IsOpaque).
    private ImmutableHashSet<INamedTypeSymbol>? _opaqueClosure;
    private int _unreadable;
    private int _conventionConversions;

    private EntityModel(Compilation compilation, INamedTypeSymbol dbContext)
    {
        _assembly = compilation.Assembly;
        _compilation = compilation;
        _dbContext = dbContext;
        _dbSet = compilation.GetTypeByMetadataName(EntityModelMethods.DbSet);
        _entityTypeConfiguration = compilation.GetTypeByMetadataName(EntityModelMethods.EntityTypeConfiguration);
        _notMapped = compilation.GetTypeByMetadataName(EntityModelMethods.NotMappedAttribute);
        _owned = compilation.GetTypeByMetadataName(EntityModelMethods.OwnedAttribute);
        _entityEntry = compilation.GetTypeByMetadataName(EntityModelMethods.EntityEntry);
        var builders = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in EntityModelMethods.Builders)
        {
            if (compilation.GetTypeByMetadataName(name) is { } builder)
            {
                builders.Add(builder);
            }
        }

        _builders = builders.ToImmutable();
        var rows = ImmutableArray.CreateBuilder<(INamedTypeSymbol, EntityModelMethod)>();
        foreach (var row in EntityModelMethods.Rows)
        {
            if (compilation.GetTypeByMetadataName(row.ContainingType) is { } type)
            {
                rows.Add((type, row));
            }
        }

        _rows = rows.ToImmutable();
        var known = ImmutableArray.CreateBuilder<(INamedTypeSymbol, KnownModelConfiguration, INamedTypeSymbol?)>();
        foreach (var row in EntityModelMethods.KnownConfigurations)
        {
            if (compilation.GetTypeByMetadataName(row.ContainingType) is { ContainingAssembly.Name: var assembly } type && assembly == row.Assembly)
            {
                known.Add((type, row, compilation.GetTypeByMetadataName(row.ProtectingAttribute)));
            }
        }

        _known = known.ToImmutable();
    }

    /// <summary>The model, or null when the compilation does not reference EF Core.</summary>
    public static EntityModel? TryCreate(Compilation compilation) =>
        compilation.GetTypeByMetadataName(EntityModelMethods.DbContext) is { } dbContext ? new EntityModel(compilation, dbContext) : null;

    /// <summary>Notes a type of the compilation: a <c>DbContext</c>'s <c>DbSet&lt;T&gt;</c> properties make their <c>T</c> entities.</summary>
    public void NoteType(INamedTypeSymbol type)
    {
        if (type.TypeKind is TypeKind.Class or TypeKind.Struct && SymbolAttributes.Has(type, _owned))
        {
            _ownedTypes.TryAdd(type.OriginalDefinition, true);
        }

        if (type.TypeKind != TypeKind.Class || type.IsAbstract && type.BaseType is null || !TypeHierarchy.IsOrInherits(type.BaseType, _dbContext) || _dbSet is null)
        {
            return;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IPropertySymbol { IsStatic: false, Type: INamedTypeSymbol { TypeArguments.Length: 1 } set }
                && SymbolEqualityComparer.Default.Equals(set.OriginalDefinition, _dbSet)
                && set.TypeArguments[0] is INamedTypeSymbol entity)
            {
                _entities.TryAdd(entity.OriginalDefinition, true);
            }
        }

        NoteInheritedConfiguration(type);
    }

    // A context that does not override OnModelCreating has the nearest base that declares it configure its model at run time,
    // without a call to read: a known library's (Identity's stores) is applied here; the compilation's own is read in its body
    // (where a base call applies the known one); EF Core's configures nothing, and any other library's makes the model unreadable.
    private void NoteInheritedConfiguration(INamedTypeSymbol context)
    {
        for (var type = context; type is not null; type = type.BaseType)
        {
            if (!DeclaresConfiguration(type))
            {
                continue;
            }

            var known = false;
            foreach (var (definition, row, protecting) in _known)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, definition))
                {
                    ApplyKnown(type, row, protecting, inherited: true);
                    known = true;
                }
            }

            // A library's context (a multi-tenancy package's) configures the model with code that is not read.
            if (!known && type.ContainingAssembly is { } library && !SymbolEqualityComparer.Default.Equals(library, _assembly) && !IsModelAssembly(library))
            {
                Interlocked.Exchange(ref _unreadable, 1);
            }

            return;
        }
    }

    private static bool DeclaresConfiguration(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers(EntityModelMethods.OnModelCreating))
        {
            if (member is IMethodSymbol { IsStatic: false })
            {
                return true;
            }
        }

        return false;
    }

    // Identity's stores: the entities are the type arguments its row names, none of the application's members is ignored, and the
    // protected members' storage is unknown (encrypted only when the application asks at startup). A type argument that is not a type
    // (a context generic over its user) leaves the entities unknown: the model cannot be read.
    // A generic context noted itself (`class Tenant<TUser> : IdentityDbContext<TUser>`) leaves its type parameters to the contexts
    // deriving from it, each noted with its own arguments: only a base call, which runs with whatever the parameter is, cannot be read.
    private void ApplyKnown(INamedTypeSymbol context, KnownModelConfiguration row, INamedTypeSymbol? protecting, bool inherited = false)
    {
        var parameters = context.OriginalDefinition.TypeParameters;
        for (var i = 0; i < parameters.Length && i < context.TypeArguments.Length; i++)
        {
            if (Array.IndexOf(row.EntityTypeParameters, parameters[i].Name) < 0)
            {
                continue;
            }

            if (context.TypeArguments[i] is not INamedTypeSymbol { TypeKind: TypeKind.Class } entity)
            {
                if (!(inherited && context.TypeArguments[i] is ITypeParameterSymbol))
                {
                    Interlocked.Exchange(ref _unreadable, 1);
                }

                continue;
            }

            var definition = entity.OriginalDefinition;
            _entities.TryAdd(definition, true);
            if (Array.IndexOf(row.ProtectedMembersOf, parameters[i].Name) < 0 || protecting is null)
            {
                continue;
            }

            for (var type = definition; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IPropertySymbol property && SymbolAttributes.Has(property, protecting))
                    {
                        _conversions.AddOrUpdate((definition, property.Name), EntityStorage.Unknown, (_, _) => EntityStorage.Unknown);
                    }
                }
            }
        }
    }

    // The known configuration a call runs (`base.OnModelCreating(builder)` in a context derived from Identity's), with the
    // constructed type that declares it.
    private (INamedTypeSymbol Context, KnownModelConfiguration Row, INamedTypeSymbol? Protecting)? KnownConfiguration(IMethodSymbol method)
    {
        if (_known.IsEmpty || method.ContainingType is not { } context)
        {
            return null;
        }

        foreach (var (known, row, protecting) in _known)
        {
            if (method.Name == row.Method && SymbolEqualityComparer.Default.Equals(context.OriginalDefinition, known))
            {
                return (context, row, protecting);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="method"/> configures the model: it takes a model, entity or property builder
    /// (<c>OnModelCreating</c>, <c>IEntityTypeConfiguration&lt;T&gt;.Configure</c>, a helper of the compilation).
    /// </summary>
    public bool Configures(IMethodSymbol method)
    {
        if (IsMigrationRecord(method))
        {
            return false;
        }

        foreach (var parameter in method.Parameters)
        {
            if (IsBuilder(parameter.Type))
            {
                return true;
            }
        }

        return false;
    }

    // Every builder is a class of EF Core: a text, a number, a struct, an interface or a type parameter is none and derives from none.
    private bool IsBuilder(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } named)
        {
            return false;
        }

        var definition = named.OriginalDefinition;
        return _builderClasses.TryGetValue(definition, out var known)
            ? known
            : _builderClasses.GetOrAdd(definition, TypeHierarchy.IsOrInheritsAny(definition, _builders));
    }

    private static bool IsMigrationRecord(IMethodSymbol method)
    {
        if (!method.IsOverride || method.ContainingType?.BaseType is not { } baseType)
        {
            return false;
        }

        foreach (var (type, name) in EntityModelMethods.MigrationRecords)
        {
            if (method.Name == name && baseType.Name == type)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads one configuring body (<see cref="Configures"/>) with its lambdas.</summary>
    public void Read(IMethodSymbol method, ImmutableArray<IOperation> blocks, TransferCatalog transfers, CancellationToken cancellationToken)
    {
        // `class PatientConfiguration : IEntityTypeConfiguration<Patient>`: its Configure makes Patient an entity.
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type is INamedTypeSymbol { TypeArguments.Length: 1 } builder && TypeHierarchy.IsOrInheritsAny(builder, _builders)
                && builder.TypeArguments[0] is INamedTypeSymbol entity && _entityTypeConfiguration is not null
                && TypeHierarchy.IsOrInherits(method.ContainingType, _entityTypeConfiguration))
            {
                _entities.TryAdd(entity.OriginalDefinition, true);
            }
        }

        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is IInvocationOperation invocation)
                {
                    ReadCall(invocation, transfers);
                }
                else if (operation.Kind == OperationKind.Invalid)
                {
                    // Half-typed or missing a reference: what this call configures cannot be known.
                    Interlocked.Exchange(ref _unreadable, 1);
                }
            }
        }
    }

    /// <summary>
    /// The members the model stores that a source classifies, once each, in declaration order; none when the model
    /// cannot be read.
    /// </summary>
    public ImmutableArray<StoredMember> StoredMembers(SensitivityModel model)
    {
        // Read at compilation end, when every body has been read; each rule asks.
        if (_stored.IsDefault)
        {
            ImmutableInterlocked.InterlockedInitialize(ref _stored, Collect(model));
        }

        return _stored;
    }

    private ImmutableArray<StoredMember> _stored;

    /// <summary>
    /// How the model stores <paramref name="member"/> of <paramref name="entity"/> when a value is written into it through the
    /// change tracker: through the converter its configuration gives (unknown when a convention or a builder this cannot
    /// read may give one), else as held; null when the model cannot be read. Asked at compilation end, when every body has
    /// been read.
    /// </summary>
    public EntityStorage? StorageOf(INamedTypeSymbol entity, string member)
    {
        if (Volatile.Read(ref _unreadable) != 0)
        {
            return null;
        }

        return ConfiguredStorage(entity, member)
            ?? (Volatile.Read(ref _conventionConversions) != 0 || IsOpaque(entity) || _namesIgnoredSomewhere.ContainsKey(member)
                ? EntityStorage.Unknown : EntityStorage.AsHeld);
    }

    // A member of an entity hierarchy is configured through whichever builder the code used (`Entity<Person>()` for a
    // `Customer`'s inherited Ssn): the entity's own configuration, else a base type's; one made through a type deriving
    // from the entity (or implementing it) may be the member's too, which leaves it unknown.
    private EntityStorage? ConfiguredStorage(INamedTypeSymbol entity, string member)
    {
        if (_namesConvertedSomewhere.ContainsKey(member))
        {
            return EntityStorage.Unknown;
        }

        for (var type = entity; type is not null; type = type.BaseType)
        {
            if (_conversions.TryGetValue((type.OriginalDefinition, member), out var converted))
            {
                return converted;
            }
        }

        // Enumerating the dictionary itself takes no lock and copies nothing (its Keys would, on each call of Collect's loop).
        foreach (var pair in _conversions)
        {
            var configured = pair.Key;
            if (configured.Member == member && TypeHierarchy.IsOrInherits(configured.Entity, entity.OriginalDefinition))
            {
                return EntityStorage.Unknown;
            }
        }

        return null;
    }

    /// <summary>
    /// The entity member a change-tracker write writes, read from the write's own tree: <c>db.Entry(a).Property(e =&gt; e.Pan).CurrentValue = …</c>,
    /// <c>Property("Pan")</c>, <c>Property&lt;string&gt;(nameof(Account.Pan))</c>, <c>CurrentValues["Pan"] = …</c>; null when the
    /// entry is not typed by its entity or the member comes from elsewhere (a variable, a computed name).
    /// </summary>
    public (INamedTypeSymbol Entity, string Member)? WrittenMember(IOperation? write)
    {
        if (write is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } || target.Instance is null)
        {
            return null;
        }

        var receiver = OperationTree.WithoutConversions(target.Instance);
        if (target.Property.IsIndexer)
        {
            return target.Arguments.Length == 1
                && OperationTree.WithoutConversions(target.Arguments[0].Value).ConstantValue is { HasValue: true, Value: string name }
                && receiver is IPropertyReferenceOperation { Instance: { } values } && EntryEntity(values.Type) is { } owner
                ? (owner, name)
                : null;
        }

        return receiver is IInvocationOperation { Instance: { } entry } pick && PickedMember(pick) is { } picked && EntryEntity(entry.Type) is { } entity
            ? (entity, picked)
            : null;
    }

    /// <summary>
    /// The entity whose current values <paramref name="receiver"/> is, read from its own tree: <c>db.Entry(card).CurrentValues</c>
    /// with the entry typed by its entity; null for anything else (original or database values, which are not saved; a variable).
    /// </summary>
    public INamedTypeSymbol? CurrentValuesEntity(IOperation? receiver) =>
        receiver is not null && OperationTree.WithoutConversions(receiver) is IPropertyReferenceOperation { Property.Name: "CurrentValues", Instance: { } entry }
            ? EntryEntity(entry.Type)
            : null;

    /// <summary>
    /// Whether copying by name (<c>SetValues(form)</c>) writes <paramref name="source"/>, a classified property of the copied
    /// object, into a member of <paramref name="entity"/> that nothing classifies: a settable instance property of that name
    /// (declared or inherited) that is not <c>[NotMapped]</c>. A classified one is reported on its declaration; so are the copied
    /// object's own members when it is the entity.
    /// </summary>
    public bool ReceivesCopy(INamedTypeSymbol entity, ISymbol source, SensitivityModel model)
    {
        for (var type = entity; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(source.Name))
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, SetMethod: not null } property)
                {
                    return !HasNotMapped(property) && IsScalar(property.Type) && model.GetMemberOrigin(property) is not { IsPlaceholder: false };
                }
            }
        }

        return false;
    }

    // EF Core copies scalar properties only: not a navigation (another entity, an owned type) or a collection of them.
    private static bool IsScalar(ITypeSymbol type) =>
        type.SpecialType != SpecialType.None
        || type.TypeKind is TypeKind.Enum or TypeKind.Struct
        || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte };

    /// <summary>
    /// How the model stores <paramref name="member"/> when a value is set to it on an object of <paramref name="type"/>
    /// (<c>user.Password = form.Password</c>): as a copy by name into the entity that type is (itself or a base type the model
    /// lists, the nearest) would (<see cref="CopyStorageOf"/>); null when the type is no entity, the member is not that entity's
    /// own or inherited (a view model deriving from an entity adds members no table has), or the model leaves the member out on
    /// any entity of the hierarchy (<c>[NotMapped]</c>, <c>Ignore</c> on a base entity too), or cannot be read. Asked at
    /// compilation end.
    /// </summary>
    public EntityStorage? MemberStorageOf(INamedTypeSymbol type, IPropertySymbol member)
    {
        if (HasNotMapped(member))
        {
            return null;
        }

        INamedTypeSymbol? entity = null;
        EntityStorage? storage = null;
        for (var current = type.OriginalDefinition; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType?.OriginalDefinition)
        {
            if (_entities.ContainsKey(current))
            {
                if (HasNotMapped(current) || CopyStorageOf(current, member.Name) is not { } stored)
                {
                    return null;
                }

                if (entity is null)
                {
                    entity = current;
                    storage = stored;
                }
            }
        }

        return entity is not null && TypeHierarchy.IsOrInherits(entity, member.ContainingType.OriginalDefinition) ? storage : null;
    }

    /// <summary>
    /// How the model stores <paramref name="member"/> of <paramref name="entity"/> when a copy by name writes it: as
    /// <see cref="StorageOf"/> says, or null when it is not stored (the model cannot be read, or leaves the entity or the member
    /// out). Asked at compilation end.
    /// </summary>
    public EntityStorage? CopyStorageOf(INamedTypeSymbol entity, string member)
    {
        var definition = entity.OriginalDefinition;
        return _ignoredTypes.ContainsKey(definition) || IsOpaque(definition) || _ignoredMembers.ContainsKey((definition, member)) || _namesIgnoredSomewhere.ContainsKey(member)
            ? null
            : StorageOf(definition, member);
    }

    // `EntityEntry<Account>`: the entry of an entity typed as such (`db.Entry((object)a)` gives an untyped one).
    private INamedTypeSymbol? EntryEntity(ITypeSymbol? type)
    {
        if (_entityEntry is null)
        {
            return null;
        }

        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _entityEntry) && current.TypeArguments[0] is INamedTypeSymbol entity)
            {
                return entity.OriginalDefinition;
            }
        }

        return null;
    }

    private ImmutableArray<StoredMember> Collect(SensitivityModel model)
    {
        if (Volatile.Read(ref _unreadable) != 0)
        {
            return ImmutableArray<StoredMember>.Empty;
        }

        var conventions = Volatile.Read(ref _conventionConversions) != 0;
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var stored = new List<StoredMember>();
        var types = new List<INamedTypeSymbol>(_entities.Keys);
        var listed = new HashSet<INamedTypeSymbol>(types, SymbolEqualityComparer.Default);
        for (var i = 0; i < types.Count; i++)
        {
            var entity = types[i];
            if (_ignoredTypes.ContainsKey(entity) || IsOpaque(entity) || HasNotMapped(entity))
            {
                continue;
            }

            for (var type = entity; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                foreach (var candidate in type.GetMembers())
                {
                    if (candidate is not IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property
                        || !property.Locations.IsEmpty && !property.Locations[0].IsInSource
                        || HasNotMapped(property)
                        || _ignoredMembers.ContainsKey((entity, property.Name))
                        || _namesIgnoredSomewhere.ContainsKey(property.Name))
                    {
                        continue;
                    }

                    // A navigation to an owned type (one with a setter, or a collection of them, get-only as collections
                    // usually are; not a computed property) stores that type's members too.
                    if (!_ownedTypes.IsEmpty && OwnedTypeOf(property.Type, isCollectionOnly: property.SetMethod is null) is { } owned && listed.Add(owned))
                    {
                        types.Add(owned);
                    }

                    if (property.SetMethod is null || model.GetMemberOrigin(property) is not { IsPlaceholder: false } origin || !seen.Add(property.OriginalDefinition))
                    {
                        continue;
                    }

                    var storage = ConfiguredStorage(entity, property.Name) ?? (conventions ? EntityStorage.Unknown : EntityStorage.AsHeld);
                    stored.Add(new StoredMember(property, entity, origin, storage));
                }
            }
        }

        stored.Sort((left, right) => CompareDeclarations(left.Member, right.Member));
        return stored.ToImmutableArray();
    }

    private INamedTypeSymbol? OwnedTypeOf(ITypeSymbol type, bool isCollectionOnly)
    {
        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (!isCollectionOnly && _ownedTypes.ContainsKey(named.OriginalDefinition))
        {
            return named.OriginalDefinition;
        }

        // `List<Address>`, `ICollection<Address>`: owned many.
        return named.TypeArguments.Length == 1 && named.TypeArguments[0] is INamedTypeSymbol element && _ownedTypes.ContainsKey(element.OriginalDefinition)
            ? element.OriginalDefinition
            : null;
    }

    private static int CompareDeclarations(ISymbol left, ISymbol right)
    {
        var leftLocation = left.Locations.IsEmpty ? null : left.Locations[0];
        var rightLocation = right.Locations.IsEmpty ? null : right.Locations[0];
        var byFile = string.CompareOrdinal(leftLocation?.SourceTree?.FilePath, rightLocation?.SourceTree?.FilePath);
        return byFile != 0 ? byFile : (leftLocation?.SourceSpan.Start ?? 0).CompareTo(rightLocation?.SourceSpan.Start ?? 0);
    }

    // Opaque itself, or owned by name by an owner that is (at any depth). Asked at compilation end, when every body has been read.
    private bool IsOpaque(INamedTypeSymbol entity) => (_opaqueClosure ??= OpaqueClosure()).Contains(entity);

    private ImmutableHashSet<INamedTypeSymbol> OpaqueClosure()
    {
        var owned = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        foreach (var pair in _namedOwners.Keys)
        {
            if (!owned.TryGetValue(pair.Owner, out var types))
            {
                owned[pair.Owner] = types = new List<INamedTypeSymbol>();
            }

            types.Add(pair.Owned);
        }

        var opaque = new HashSet<INamedTypeSymbol>(_opaqueEntities.Keys, SymbolEqualityComparer.Default);
        var work = new Queue<INamedTypeSymbol>(opaque);
        while (work.Count > 0)
        {
            if (owned.TryGetValue(work.Dequeue(), out var types))
            {
                foreach (var type in types)
                {
                    if (opaque.Add(type))
                    {
                        work.Enqueue(type);
                    }
                }
            }
        }

        return opaque.ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
    }

    private bool HasNotMapped(ISymbol symbol) =>
        SymbolAttributes.Has(symbol, _notMapped)
        || (_notMapped is not null && symbol is IPropertySymbol { OverriddenProperty: { } overridden } && HasNotMapped(overridden));

    private void ReadCall(IInvocationOperation invocation, TransferCatalog transfers)
    {
        var method = invocation.TargetMethod;
        if (RoleOf(method) is not { } role)
        {
            if (KnownConfiguration(method) is { } known)
            {
                ApplyKnown(known.Context, known.Row, known.Protecting);
            }
            else if (HandsBuilderToUnreadCode(invocation))
            {
                Interlocked.Exchange(ref _unreadable, 1);
            }

            return;
        }

        switch (role)
        {
            case EntityModelRole.Entity:
                if (invocation.TargetMethod.TypeArguments.Length == 1)
                {
                    if (TypeArgumentOrTypeOf(invocation) is { } entity)
                    {
                        _entities.TryAdd(entity, true);
                    }
                }
                else if (NamedEntity(invocation) is { } named)
                {
                    // A type given by `typeof` or named by a string is configured through a builder without type arguments:
                    // what calls on that builder ignore or convert is read (BuilderEntity) where every use of it is such a call;
                    // a builder kept in a variable or handed to other code leaves the type stored with its members unknown.
                    _entities.TryAdd(named, true);
                    if (BuilderEntity(invocation.Instance) is { } namedOwner)
                    {
                        _namedOwners.TryAdd((named, namedOwner), true);
                    }

                    if (!EveryUseReadable(invocation))
                    {
                        _opaqueEntities.TryAdd(named, true);
                    }
                }

                break;
            case EntityModelRole.Owned:
                if (TypeArgumentOrTypeOf(invocation) is { } owned)
                {
                    _ownedTypes.TryAdd(owned, true);
                }

                break;
            case EntityModelRole.IgnoresType:
                if (TypeArgumentOrTypeOf(invocation) is { } ignored)
                {
                    _ignoredTypes.TryAdd(ignored, true);
                }
                else if (invocation.Arguments.Length > 0)
                {
                    // `Ignore(someType)`: any type may be the one left out.
                    Interlocked.Exchange(ref _unreadable, 1);
                }

                break;
            case EntityModelRole.IgnoresMember:
                if (BuilderEntity(invocation.Instance) is { } owner)
                {
                    if (PickedMember(invocation) is { } name)
                    {
                        _ignoredMembers.TryAdd((owner, name), true);
                    }
                    else
                    {
                        _opaqueEntities.TryAdd(owner, true);
                    }
                }
                else if (PickedMember(invocation) is { } name)
                {
                    // `static void Secure(this EntityTypeBuilder b) => b.Ignore("Cvn2");`: some entity's member of that name is left out.
                    _namesIgnoredSomewhere.TryAdd(name, true);
                }
                else
                {
                    Interlocked.Exchange(ref _unreadable, 1);
                }

                break;
            case EntityModelRole.Converts:
                ReadConversion(invocation, transfers);
                break;
            case EntityModelRole.ConvertsByConvention:
                Interlocked.Exchange(ref _conventionConversions, 1);
                break;
        }
    }

    // `Property(e => e.Pan)…HasConversion(…)`: the member the chain picked, and what its conversion calls.
    private void ReadConversion(IInvocationOperation conversion, TransferCatalog transfers)
    {
        var current = conversion.Instance;
        for (var depth = 0; depth < MaxChain && current is IInvocationOperation call; depth++, current = call.Instance)
        {
            if (RoleOf(call.TargetMethod) == EntityModelRole.Property)
            {
                if (BuilderEntity(call.Instance) is { } entity)
                {
                    if (PickedMember(call) is { } name)
                    {
                        var storage = ConversionStorage(conversion, transfers);
                        _conversions.AddOrUpdate((entity, name), storage, (_, earlier) => Combine(earlier, storage));
                    }
                    else
                    {
                        _opaqueEntities.TryAdd(entity, true);
                    }
                }
                else if (PickedMember(call) is { } name)
                {
                    // A builder whose entity cannot be found: some entity's member of that name is converted.
                    _namesConvertedSomewhere.TryAdd(name, true);
                }
                else
                {
                    Interlocked.Exchange(ref _conventionConversions, 1);
                }

                return;
            }
        }

        // A property builder from a variable or a helper's parameter: any member may be the converted one.
        Interlocked.Exchange(ref _conventionConversions, 1);
    }

    // Two configurations of one member: the strongest statement wins, an unreadable one leaves it unknown.
    private static EntityStorage Combine(EntityStorage left, EntityStorage right) =>
        left == EntityStorage.Unknown || right == EntityStorage.Unknown ? EntityStorage.Unknown
        : left == EntityStorage.Encrypted || right == EntityStorage.Encrypted ? EntityStorage.Encrypted
        : EntityStorage.Converted;

    // Lambdas (in the call or in `new ValueConverter<…>(…)`) are read whole; a converter type or a variable is not.
    private static EntityStorage ConversionStorage(IInvocationOperation conversion, TransferCatalog transfers)
    {
        if (conversion.Arguments.IsEmpty)
        {
            // `HasConversion<string>()` stores an enum or number as text; `HasConversion<EncryptingConverter>()` is a type this does not read.
            var typeArguments = conversion.TargetMethod.TypeArguments;
            return typeArguments.Length == 1 && typeArguments[0] is INamedTypeSymbol { SpecialType: not SpecialType.None } or IArrayTypeSymbol
                ? EntityStorage.Converted
                : EntityStorage.Unknown;
        }

        var readable = true;
        foreach (var argument in conversion.Arguments)
        {
            var value = OperationTree.WithoutConversions(argument.Value);
            foreach (var operation in value.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation call && transfers.GetEffect(call.TargetMethod) is CallEffect.Protects or CallEffect.Sanitizes)
                {
                    return EntityStorage.Encrypted;
                }
            }

            // EF Core's own `new ValueConverter<…>(…)` is read through its lambdas; a converter type of the application is
            // not (its constructor decides).
            readable &= value is IAnonymousFunctionOperation or IDelegateCreationOperation or IDefaultValueOperation
                || value.ConstantValue.HasValue
                || value is IObjectCreationOperation { Constructor.ContainingAssembly: { } assembly } && IsModelAssembly(assembly);
        }

        return readable ? EntityStorage.Converted : EntityStorage.Unknown;
    }

    private static bool IsModelAssembly(IAssemblySymbol assembly) => Array.IndexOf(EntityModelMethods.ModelAssemblies, assembly.Name) >= 0;

    private EntityModelRole? RoleOf(IMethodSymbol method)
    {
        var original = (method.ReducedFrom ?? method).OriginalDefinition;
        var containing = original.IsExtensionMethod && original.Parameters.Length > 0 ? original.Parameters[0].Type : original.ContainingType;
        foreach (var (type, row) in _rows)
        {
            if (row.Name == original.Name && TypeHierarchy.IsOrInherits(containing, type))
            {
                return row.Role;
            }
        }

        return null;
    }

    // A builder handed to code that is neither EF Core's nor this compilation's (a library's `UseEncryption(modelBuilder)`):
    // it may ignore, convert or encrypt anything.
    private bool HandsBuilderToUnreadCode(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var assembly = method.ContainingAssembly;
        if (assembly is null || SymbolEqualityComparer.Default.Equals(assembly, _assembly) || IsModelAssembly(assembly))
        {
            return false;
        }

        if (invocation.Instance?.Type is INamedTypeSymbol receiver && TypeHierarchy.IsOrInheritsAny(receiver, _builders))
        {
            return true;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (OperationTree.WithoutConversions(argument.Value).Type is INamedTypeSymbol type && TypeHierarchy.IsOrInheritsAny(type, _builders))
            {
                return true;
            }
        }

        return false;
    }

    // `EntityTypeBuilder<Card>`'s Card; `OwnedNavigationBuilder<Order, Card>`'s Card, the owned type it configures; for a builder
    // without type arguments, the type the call that made it names (UntypedBuilderEntity).
    private INamedTypeSymbol? BuilderEntity(IOperation? builder, int depth = 0)
    {
        if (builder?.Type is not INamedTypeSymbol type || !TypeHierarchy.IsOrInheritsAny(type, _builders) || !StackGuard.MayDescend(depth))
        {
            return null;
        }

        return type.TypeArguments.Length is 1 or 2
            ? (type.TypeArguments[type.TypeArguments.Length - 1] as INamedTypeSymbol)?.OriginalDefinition
            : UntypedBuilderEntity(builder, depth + 1);
    }

    // The type an untyped Entity or OwnsOne call names: `typeof(Card)`, `"Shop.Card"`, or the owner's navigation.
    // An owned type's owner may itself come from an untyped builder: each step goes to a receiver, bounded by depth all the same.
    private INamedTypeSymbol? NamedEntity(IInvocationOperation invocation, int depth = 0) =>
        TypeArgumentOrTypeOf(invocation) ?? NavigatedType(invocation, depth) ?? NamedType(invocation);

    // The entity a builder without type arguments configures, read from where the builder comes from: the untyped call that
    // made it (`Entity(typeof(Card)).Ignore("Cvn2")`), through calls returning the same builder (`.ToTable("Cards")`), or the
    // parameter of the lambda such a call is given (`Entity("Shop.Card", card => card.Ignore("Cvn2"))`). A builder from a
    // variable or a helper's parameter configures a type that call made opaque (EveryUseReadable).
    private INamedTypeSymbol? UntypedBuilderEntity(IOperation builder, int depth)
    {
        var current = OperationTree.WithoutConversions(builder);
        // The longest chain EveryUseReadable accepts is MaxChain calls after the one that made the builder.
        for (var step = 0; step < MaxChain + 2; step++)
        {
            switch (current)
            {
                // `Entity(typeof(Card))` returns the builder it makes; given a build action (`Entity(typeof(Card), card => …)`,
                // `OwnsOne("Shop.Card", "Card", card => …)`), it returns its receiver, followed below.
                case IInvocationOperation call when call.TargetMethod.TypeArguments.IsEmpty && RoleOf(call.TargetMethod) == EntityModelRole.Entity
                    && !HasDelegateArgument(call):
                    return NamedEntity(call, depth + 1);
                case IInvocationOperation call when call.TargetMethod.ContainingAssembly is { } library && IsModelAssembly(library) && OperationTree.ReceiverOf(call) is { } receiver
                    && SymbolEqualityComparer.Default.Equals(call.Type, receiver.Type):
                    current = OperationTree.WithoutConversions(receiver);
                    continue;
                case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda } }
                    when MakingCall(current, lambda) is { } making:
                    return NamedEntity(making, depth + 1);
                default:
                    return null;
            }
        }

        return null;
    }

    // The untyped Entity or OwnsOne call whose delegate argument is the lambda a reference inside it belongs to.
    private IInvocationOperation? MakingCall(IOperation reference, IMethodSymbol lambda)
    {
        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
            {
                return function.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation call } }
                    && call.TargetMethod.TypeArguments.IsEmpty && RoleOf(call.TargetMethod) == EntityModelRole.Entity
                    ? call
                    : null;
            }
        }

        return null;
    }

    // Whether the model reads everything done with the builder an untyped call makes: the chain of calls on it ends in a statement,
    // and each lambda it is given uses its builder only to start such chains. Anything else (a variable, a helper given the
    // builder) may ignore or convert what the model cannot see.
    private static bool EveryUseReadable(IInvocationOperation invocation)
    {
        if (!ChainEndsInStatement(invocation))
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.TypeKind != TypeKind.Delegate)
            {
                continue;
            }

            if (OperationTree.WithoutConversions(argument.Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.Parameters: { Length: 1 } parameters } lambda })
            {
                return false;
            }

            foreach (var node in lambda.Body.DescendantsAndSelf())
            {
                if (node is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameters[0])
                    && (!(ChainedOn(reference) is { } call && ChainEndsInStatement(call))))
                {
                    return false;
                }
            }
        }

        return true;
    }

    // From a builder up through the calls made on it (`Entity(typeof(Card)).ToTable("Cards").Ignore("Cvn2");`): whether the last
    // one is a statement of its own, its value unused (a void lambda's expression body is one); a longer chain than the bound is not.
    private static bool ChainEndsInStatement(IInvocationOperation call)
    {
        var top = call;
        for (var step = 0; step < MaxChain && ChainedOn(top) is { } next; step++)
        {
            top = next;
        }

        return ChainedOn(top) is null && top.Parent is IExpressionStatementOperation;
    }

    // The call made on a builder value (as its instance, or as an extension method's first argument), if any.
    private static IInvocationOperation? ChainedOn(IOperation value)
    {
        var parent = value.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            value = parent;
            parent = parent.Parent;
        }

        // Only EF Core's (and its providers') methods: the compilation's own extension method may ignore or convert anything.
        var call = parent switch
        {
            IInvocationOperation instanceCall when instanceCall.Instance == value => instanceCall,
            IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } extensionCall } => extensionCall,
            _ => null,
        };
        return call?.TargetMethod.ContainingAssembly is { } library && IsModelAssembly(library) ? call : null;
    }

    // `OwnsOne("PaymentCard", "Card")`, `OwnsMany("Instalment", nameof(Order.Instalments))`: an owned type named by a string is
    // the type of the owner's instance member the navigation names (for OwnsMany, a collection's element type); none when no
    // member has that name.
    private INamedTypeSymbol? NavigatedType(IInvocationOperation invocation, int depth = 0)
    {
        if (BuilderEntity(invocation.Instance, depth + 1) is not { } owner)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name != "navigationName"
                || OperationTree.WithoutConversions(argument.Value).ConstantValue is not { HasValue: true, Value: string name })
            {
                continue;
            }

            for (INamedTypeSymbol? type = owner; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IPropertySymbol { IsStatic: false } or IFieldSymbol { IsStatic: false } && SymbolTypes.TypeOf(member) is INamedTypeSymbol navigated)
                    {
                        var owned = invocation.TargetMethod.Name == "OwnsMany" ? SensitivityModel.GetElementType(navigated) as INamedTypeSymbol : navigated;
                        return owned?.OriginalDefinition;
                    }
                }
            }
        }

        return null;
    }

    // `Entity("Shop.Order")`: the type of that full name; none for a name no type has (a shared-type or property-bag entity).
    private INamedTypeSymbol? NamedType(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == "name"
                && OperationTree.WithoutConversions(argument.Value).ConstantValue is { HasValue: true, Value: string name })
            {
                return _compilation.GetTypeByMetadataName(name)?.OriginalDefinition;
            }
        }

        return null;
    }

    private static bool HasDelegateArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
            {
                return true;
            }
        }

        return false;
    }

    // `e => e.Pan`, `"Pan"` or `nameof(Card.Pan)`.
    private static string? PickedMember(IInvocationOperation invocation)
    {
        if (invocation.Arguments.Length != 1)
        {
            return null;
        }

        var value = OperationTree.WithoutConversions(invocation.Arguments[0].Value);
        if (value.ConstantValue is { HasValue: true, Value: string name })
        {
            return name;
        }

        if (value is IDelegateCreationOperation { Target: var target })
        {
            value = target;
        }

        if (value is IAnonymousFunctionOperation { Body.Operations: { Length: 1 } operations } && operations[0] is IReturnOperation { ReturnedValue: { } returned })
        {
            return OperationTree.WithoutConversions(returned) is IMemberReferenceOperation { Instance: IParameterReferenceOperation } member ? member.Member.Name : null;
        }

        return null;
    }

    private static INamedTypeSymbol? TypeArgumentOrTypeOf(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.TypeArguments.Length == 1)
        {
            return invocation.TargetMethod.TypeArguments[0] is INamedTypeSymbol type ? type.OriginalDefinition : null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (OperationTree.WithoutConversions(argument.Value) is ITypeOfOperation { TypeOperand: INamedTypeSymbol type })
            {
                return type.OriginalDefinition;
            }
        }

        return null;
    }
}
