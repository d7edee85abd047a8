namespace SensitivePi.Analyzers.Knowledge;

/// <summary>What a call of an EF Core model-building method says about the stored model.</summary>
internal enum EntityModelRole
{
    /// <summary>
    /// Declares its type argument (or <c>typeof</c> argument) stored: an entity, <c>modelBuilder.Entity&lt;T&gt;()</c>, or
    /// an owned type, whose members are columns of its owner's table: <c>entity.OwnsOne(e =&gt; e.Card)</c>,
    /// <c>OwnsMany</c>.
    /// </summary>
    Entity,

    /// <summary>
    /// Declares its type argument owned wherever an entity refers to it, as <c>[Owned]</c> does:
    /// <c>modelBuilder.Owned&lt;T&gt;()</c>.
    /// </summary>
    Owned,

    /// <summary>Leaves a whole type out of the model: <c>modelBuilder.Ignore&lt;T&gt;()</c>.</summary>
    IgnoresType,

    /// <summary>Leaves one member of the builder's entity out of the model: <c>entity.Ignore(e =&gt; e.Cvn2)</c>.</summary>
    IgnoresMember,

    /// <summary>Picks one member of the builder's entity, which the calls chained on it configure: <c>entity.Property(e =&gt; e.Pan)</c>.</summary>
    Property,

    /// <summary>Gives the picked member a value converter: <c>.HasConversion(v =&gt; …, v =&gt; …)</c>.</summary>
    Converts,

    /// <summary>Gives every member of a type a converter by convention: the conversions cannot be read member by member.</summary>
    ConvertsByConvention,
}

/// <summary>One model-building method: by its containing type (or a type deriving from it) and name.</summary>
internal readonly struct EntityModelMethod
{
    public EntityModelMethod(string containingType, string name, EntityModelRole role)
    {
        ContainingType = containingType;
        Name = name;
        Role = role;
    }

    public string ContainingType { get; }

    public string Name { get; }

    public EntityModelRole Role { get; }
}

/// <summary>
/// A library's model-configuring method whose effect is known (docs/design/value-flow-engine.md, "The entity model"): the entities it
/// configures are its declaring type's type arguments named here; it ignores no member; it gives a converter, which protects only
/// when the application asks at startup, to the members of one of those entities that carry an attribute.
/// </summary>
internal readonly struct KnownModelConfiguration
{
    public KnownModelConfiguration(string assembly, string containingType, string method, string[] entityTypeParameters, string[] protectedMembersOf, string protectingAttribute)
    {
        Assembly = assembly;
        ContainingType = containingType;
        Method = method;
        EntityTypeParameters = entityTypeParameters;
        ProtectedMembersOf = protectedMembersOf;
        ProtectingAttribute = protectingAttribute;
    }

    /// <summary>The library's assembly, by exact name: a type of the same name elsewhere is not this one.</summary>
    public string Assembly { get; }

    /// <summary>The declaring type's metadata name.</summary>
    public string ContainingType { get; }

    public string Method { get; }

    /// <summary>The declaring type's type parameters whose arguments are entities.</summary>
    public string[] EntityTypeParameters { get; }

    /// <summary>The type parameters whose arguments' members marked <see cref="ProtectingAttribute"/> get the converter.</summary>
    public string[] ProtectedMembersOf { get; }

    public string ProtectingAttribute { get; }
}

/// <summary>
/// EF Core's model: the types that make a type an entity, the builders its model is configured through, and the
/// methods whose calls say which members are stored and how (Analysis/EntityModel reads them).
/// </summary>
internal static class EntityModelMethods
{
    public const string DbContext = "Microsoft.EntityFrameworkCore.DbContext";
    public const string DbSet = "Microsoft.EntityFrameworkCore.DbSet`1";
    public const string EntityTypeConfiguration = "Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1";

    /// <summary>The change tracker's entry of an entity typed as such: a value written through it is stored with that entity.</summary>
    public const string EntityEntry = "Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry`1";

    /// <summary>
    /// Where the change tracker hands back an entity's entry (<c>db.Entry(user)</c>, <c>db.Users.Entry(user)</c>), by declaring
    /// type and name. What is done to the entry through <see cref="EntryFlags"/>, directly or on a member it picks
    /// (<see cref="EntryMemberPickers"/>), says which columns a save writes, never what the entity holds: a stub attached and
    /// marked (<c>db.Attach(new User { Id = id, Storage = s }); db.Entry(user).Property(e =&gt; e.Storage).IsModified = true;</c>)
    /// still holds only what it was given.
    /// </summary>
    public static readonly (string ContainingType, string Name)[] EntryMethods =
    {
        (DbContext, "Entry"),
        (DbSet, "Entry"),
    };

    /// <summary>The entry's members that pick one of the entity's members (whose flags follow).</summary>
    public static readonly string[] EntryMemberPickers = { "Property", "Reference", "Collection", "Navigation", "Member" };

    /// <summary>The flags of an entry or of a member it picks: what a save writes, not the entity's values.</summary>
    public static readonly string[] EntryFlags = { "State", "IsModified" };

    public const string NotMappedAttribute = "System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute";

    /// <summary><c>[Owned]</c>: the type is stored wherever an entity refers to it.</summary>
    public const string OwnedAttribute = "Microsoft.EntityFrameworkCore.OwnedAttribute";

    private const string ModelBuilder = "Microsoft.EntityFrameworkCore.ModelBuilder";
    private const string EntityTypeBuilder = "Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder";
    private const string OwnedNavigationBuilder = "Microsoft.EntityFrameworkCore.Metadata.Builders.OwnedNavigationBuilder";
    private const string PropertyBuilder = "Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder";
    private const string PropertiesConfigurationBuilder = "Microsoft.EntityFrameworkCore.Metadata.Builders.PropertiesConfigurationBuilder";

    /// <summary>
    /// Builders through which a model is configured. A method that takes one is read as part of the model; a call that
    /// hands one to code outside the compilation and outside <see cref="ModelAssemblies"/> makes the model unreadable.
    /// </summary>
    public static readonly string[] Builders =
    {
        ModelBuilder,
        EntityTypeBuilder,
        OwnedNavigationBuilder,
        PropertyBuilder,
        "Microsoft.EntityFrameworkCore.ModelConfigurationBuilder",
        PropertiesConfigurationBuilder,
    };

    /// <summary>
    /// Assemblies of EF Core and its providers, by exact name: their builder methods configure what they say. Not a prefix:
    /// other vendors publish assemblies under EF Core's name (`Microsoft.EntityFrameworkCore.AutoHistory`), and what a builder
    /// handed to one of those does is not known. An assembly of EF Core's missing here makes the model unreadable: nothing
    /// is reported then, which errs towards silence.
    /// </summary>
    public static readonly string[] ModelAssemblies =
    {
        "Microsoft.EntityFrameworkCore",
        "Microsoft.EntityFrameworkCore.Abstractions",
        "Microsoft.EntityFrameworkCore.Relational",
        "Microsoft.EntityFrameworkCore.SqlServer",
        "Microsoft.EntityFrameworkCore.SqlServer.HierarchyId",
        "Microsoft.EntityFrameworkCore.SqlServer.NetTopologySuite",
        "Microsoft.EntityFrameworkCore.Sqlite",
        "Microsoft.EntityFrameworkCore.Sqlite.NetTopologySuite",
        "Microsoft.EntityFrameworkCore.InMemory",
        "Microsoft.EntityFrameworkCore.Cosmos",
        "Microsoft.EntityFrameworkCore.Proxies",
        "Npgsql.EntityFrameworkCore.PostgreSQL",
        "Npgsql.EntityFrameworkCore.PostgreSQL.NetTopologySuite",
        "Npgsql.EntityFrameworkCore.PostgreSQL.NodaTime",
        "Pomelo.EntityFrameworkCore.MySql",
        "Pomelo.EntityFrameworkCore.MySql.NetTopologySuite",
        "Pomelo.EntityFrameworkCore.MySql.Json.Microsoft",
        "Pomelo.EntityFrameworkCore.MySql.Json.Newtonsoft",
        "Oracle.EntityFrameworkCore",
        "MySql.EntityFrameworkCore",
    };

    /// <summary>
    /// The migrations' record of the database (a snapshot's <c>BuildModel</c>, a migration's <c>BuildTargetModel</c>), by the
    /// base type's name and the overriding method's: it names every entity by a string and leaves out what the model ignores,
    /// so it says nothing about the model the code declares. Matched by name, since a half-restored project may not resolve
    /// EF Core's relational assembly.
    /// </summary>
    public static readonly (string BaseType, string Method)[] MigrationRecords =
    {
        ("ModelSnapshot", "BuildModel"),
        ("Migration", "BuildTargetModel"),
    };

    /// <summary>The context's method that configures its model, which EF Core calls once per context type.</summary>
    public const string OnModelCreating = "OnModelCreating";

    private const string IdentityStores = "Microsoft.AspNetCore.Identity.EntityFrameworkCore";
    private const string ProtectedPersonalData = "Microsoft.AspNetCore.Identity.ProtectedPersonalDataAttribute";

    // Identity protects the marked members of the user and of its tokens.
    private static readonly string[] Protected = { "TUser", "TUserToken" };

    /// <summary>
    /// Configuring methods of libraries outside EF Core whose effect is known, so that a context handing them its builder
    /// (<c>base.OnModelCreating(builder)</c>), or inheriting them without an override, keeps a model that can be read.
    /// ASP.NET Core Identity's stores make the user, role, claim, login and token types entities, ignore none of the members an
    /// application declares on them (only Identity's own key of logins and tokens in older schemas), and give the user's and
    /// the tokens' <c>[ProtectedPersonalData]</c> members a converter that encrypts only when
    /// <c>IdentityOptions.Stores.ProtectPersonalData</c> is set at startup, which is not read: their storage is unknown.
    /// </summary>
    public static readonly KnownModelConfiguration[] KnownConfigurations =
    {
        // Identity 10 declares OnModelCreating on the contexts with a passkey type; Identity 3 to 9 on those without.
        new(IdentityStores, IdentityStores + ".IdentityUserContext`6", OnModelCreating,
            new[] { "TUser", "TUserClaim", "TUserLogin", "TUserToken", "TUserPasskey" }, Protected, ProtectedPersonalData),
        new(IdentityStores, IdentityStores + ".IdentityDbContext`9", OnModelCreating,
            new[] { "TUser", "TRole", "TUserClaim", "TUserRole", "TUserLogin", "TRoleClaim", "TUserToken", "TUserPasskey" }, Protected, ProtectedPersonalData),
        new(IdentityStores, IdentityStores + ".IdentityUserContext`5", OnModelCreating,
            new[] { "TUser", "TUserClaim", "TUserLogin", "TUserToken" }, Protected, ProtectedPersonalData),
        new(IdentityStores, IdentityStores + ".IdentityDbContext`8", OnModelCreating,
            new[] { "TUser", "TRole", "TUserClaim", "TUserRole", "TUserLogin", "TRoleClaim", "TUserToken" }, Protected, ProtectedPersonalData),
    };

    public static readonly EntityModelMethod[] Rows =
    {
        new(ModelBuilder, "Entity", EntityModelRole.Entity),
        new(ModelBuilder, "Owned", EntityModelRole.Owned),
        new(EntityTypeBuilder, "OwnsOne", EntityModelRole.Entity),
        new(EntityTypeBuilder, "OwnsMany", EntityModelRole.Entity),
        new(OwnedNavigationBuilder, "OwnsOne", EntityModelRole.Entity),
        new(OwnedNavigationBuilder, "OwnsMany", EntityModelRole.Entity),
        new(OwnedNavigationBuilder, "Ignore", EntityModelRole.IgnoresMember),
        new(OwnedNavigationBuilder, "Property", EntityModelRole.Property),
        new(ModelBuilder, "Ignore", EntityModelRole.IgnoresType),
        new(EntityTypeBuilder, "Ignore", EntityModelRole.IgnoresMember),
        new(EntityTypeBuilder, "Property", EntityModelRole.Property),
        new(PropertyBuilder, "HasConversion", EntityModelRole.Converts),
        new(PropertiesConfigurationBuilder, "HaveConversion", EntityModelRole.ConvertsByConvention),
    };
}
