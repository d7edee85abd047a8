using Microsoft.CodeAnalysis.Testing;

namespace SensitivePi.Tests.Verifiers;

/// <summary>
/// The part of ASP.NET Core Identity's stores the storage rules read, with its real type hierarchy and names, compiled as
/// Identity's two assemblies: the user type and attributes (<c>Microsoft.Extensions.Identity.Stores</c>) and the EF Core
/// contexts (<c>Microsoft.AspNetCore.Identity.EntityFrameworkCore</c>). Adds <see cref="EntityFrameworkStubs"/> as well.
/// </summary>
public static class IdentityStoreStubs
{
    public const string StoresAssemblyName = "Microsoft.Extensions.Identity.Stores";
    public const string ContextsAssemblyName = "Microsoft.AspNetCore.Identity.EntityFrameworkCore";

    private const string Stores = """
        namespace Microsoft.AspNetCore.Identity
        {
            using System;

            [AttributeUsage(AttributeTargets.Property)]
            public class PersonalDataAttribute : Attribute { }

            public class ProtectedPersonalDataAttribute : PersonalDataAttribute { }

            public class IdentityUser<TKey> where TKey : IEquatable<TKey>
            {
                public virtual TKey Id { get; set; } = default!;
                [ProtectedPersonalData] public virtual string Email { get; set; } = "";
                public virtual string PasswordHash { get; set; } = "";
            }

            public class IdentityUser : IdentityUser<string> { }

            public class IdentityRole<TKey> where TKey : IEquatable<TKey> { public virtual TKey Id { get; set; } = default!; }
            public class IdentityRole : IdentityRole<string> { }
            public class IdentityUserClaim<TKey> where TKey : IEquatable<TKey> { public virtual string ClaimValue { get; set; } = ""; }
            public class IdentityUserRole<TKey> where TKey : IEquatable<TKey> { public virtual TKey RoleId { get; set; } = default!; }
            public class IdentityUserLogin<TKey> where TKey : IEquatable<TKey> { public virtual string ProviderKey { get; set; } = ""; }
            public class IdentityRoleClaim<TKey> where TKey : IEquatable<TKey> { public virtual string ClaimValue { get; set; } = ""; }
            public class IdentityUserToken<TKey> where TKey : IEquatable<TKey> { public virtual string Value { get; set; } = ""; }
            public class IdentityUserPasskey<TKey> where TKey : IEquatable<TKey> { public virtual byte[] CredentialId { get; set; } = new byte[0]; }
        }
        """;

    // Identity 10's hierarchy: OnModelCreating is declared on the contexts with a passkey type, which the others derive from.
    private const string Contexts = """
        namespace Microsoft.AspNetCore.Identity.EntityFrameworkCore
        {
            using System;
            using Microsoft.EntityFrameworkCore;

            public abstract class IdentityUserContext<TUser, TKey, TUserClaim, TUserLogin, TUserToken, TUserPasskey> : DbContext
                where TUser : IdentityUser<TKey>
                where TKey : IEquatable<TKey>
                where TUserClaim : IdentityUserClaim<TKey>
                where TUserLogin : IdentityUserLogin<TKey>
                where TUserToken : IdentityUserToken<TKey>
                where TUserPasskey : IdentityUserPasskey<TKey>
            {
                public virtual DbSet<TUser> Users { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder builder)
                {
                    builder.Entity<TUser>();
                    builder.Entity<TUserClaim>();
                    builder.Entity<TUserLogin>();
                    builder.Entity<TUserToken>();
                    builder.Entity<TUserPasskey>();
                }
            }

            public abstract class IdentityUserContext<TUser, TKey, TUserClaim, TUserLogin, TUserToken>
                : IdentityUserContext<TUser, TKey, TUserClaim, TUserLogin, TUserToken, IdentityUserPasskey<TKey>>
                where TUser : IdentityUser<TKey>
                where TKey : IEquatable<TKey>
                where TUserClaim : IdentityUserClaim<TKey>
                where TUserLogin : IdentityUserLogin<TKey>
                where TUserToken : IdentityUserToken<TKey>
            {
            }

            public class IdentityUserContext<TUser> : IdentityUserContext<TUser, string, IdentityUserClaim<string>, IdentityUserLogin<string>, IdentityUserToken<string>>
                where TUser : IdentityUser
            {
            }

            public abstract class IdentityDbContext<TUser, TRole, TKey, TUserClaim, TUserRole, TUserLogin, TRoleClaim, TUserToken, TUserPasskey>
                : IdentityUserContext<TUser, TKey, TUserClaim, TUserLogin, TUserToken, TUserPasskey>
                where TUser : IdentityUser<TKey>
                where TRole : IdentityRole<TKey>
                where TKey : IEquatable<TKey>
                where TUserClaim : IdentityUserClaim<TKey>
                where TUserRole : IdentityUserRole<TKey>
                where TUserLogin : IdentityUserLogin<TKey>
                where TRoleClaim : IdentityRoleClaim<TKey>
                where TUserToken : IdentityUserToken<TKey>
                where TUserPasskey : IdentityUserPasskey<TKey>
            {
                public virtual DbSet<TRole> Roles { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder builder)
                {
                    base.OnModelCreating(builder);
                    builder.Entity<TRole>();
                    builder.Entity<TUserRole>();
                    builder.Entity<TRoleClaim>();
                }
            }

            public abstract class IdentityDbContext<TUser, TRole, TKey, TUserClaim, TUserRole, TUserLogin, TRoleClaim, TUserToken>
                : IdentityDbContext<TUser, TRole, TKey, TUserClaim, TUserRole, TUserLogin, TRoleClaim, TUserToken, IdentityUserPasskey<TKey>>
                where TUser : IdentityUser<TKey>
                where TRole : IdentityRole<TKey>
                where TKey : IEquatable<TKey>
                where TUserClaim : IdentityUserClaim<TKey>
                where TUserRole : IdentityUserRole<TKey>
                where TUserLogin : IdentityUserLogin<TKey>
                where TRoleClaim : IdentityRoleClaim<TKey>
                where TUserToken : IdentityUserToken<TKey>
            {
            }

            public class IdentityDbContext<TUser, TRole, TKey>
                : IdentityDbContext<TUser, TRole, TKey, IdentityUserClaim<TKey>, IdentityUserRole<TKey>, IdentityUserLogin<TKey>, IdentityRoleClaim<TKey>, IdentityUserToken<TKey>>
                where TUser : IdentityUser<TKey>
                where TRole : IdentityRole<TKey>
                where TKey : IEquatable<TKey>
            {
            }

            public class IdentityDbContext<TUser> : IdentityDbContext<TUser, IdentityRole, string>
                where TUser : IdentityUser
            {
            }
        }
        """;

    // Identity 3 to 9's hierarchy: no passkeys, and OnModelCreating declared on the five- and eight-argument contexts.
    private const string Contexts8 = """
        namespace Microsoft.AspNetCore.Identity.EntityFrameworkCore
        {
            using System;
            using Microsoft.EntityFrameworkCore;

            public abstract class IdentityUserContext<TUser, TKey, TUserClaim, TUserLogin, TUserToken> : DbContext
                where TUser : IdentityUser<TKey>
                where TKey : IEquatable<TKey>
                where TUserClaim : IdentityUserClaim<TKey>
                where TUserLogin : IdentityUserLogin<TKey>
                where TUserToken : IdentityUserToken<TKey>
            {
                protected override void OnModelCreating(ModelBuilder builder) => builder.Entity<TUser>();
            }

            public abstract class IdentityDbContext<TUser, TRole, TKey, TUserClaim, TUserRole, TUserLogin, TRoleClaim, TUserToken>
                : IdentityUserContext<TUser, TKey, TUserClaim, TUserLogin, TUserToken>
                where TUser : IdentityUser<TKey>
                where TRole : IdentityRole<TKey>
                where TKey : IEquatable<TKey>
                where TUserClaim : IdentityUserClaim<TKey>
                where TUserRole : IdentityUserRole<TKey>
                where TUserLogin : IdentityUserLogin<TKey>
                where TRoleClaim : IdentityRoleClaim<TKey>
                where TUserToken : IdentityUserToken<TKey>
            {
                protected override void OnModelCreating(ModelBuilder builder)
                {
                    base.OnModelCreating(builder);
                    builder.Entity<TRole>();
                }
            }

            public class IdentityDbContext<TUser> : IdentityDbContext<TUser, IdentityRole, string, IdentityUserClaim<string>, IdentityUserRole<string>, IdentityUserLogin<string>, IdentityRoleClaim<string>, IdentityUserToken<string>>
                where TUser : IdentityUser
            {
            }
        }
        """;

    /// <param name="state">The test's state.</param>
    /// <param name="version">Identity's major version whose context hierarchy the stubs have (10, or 8 for 3 to 9).</param>
    public static void AddTo(SolutionState state, int version = 10)
    {
        EntityFrameworkStubs.AddTo(state);
        state.AdditionalProjects[StoresAssemblyName].Sources.Add(("IdentityStores.cs", Stores));
        state.AdditionalProjects[ContextsAssemblyName].Sources.Add(("IdentityContexts.cs", version >= 10 ? Contexts : Contexts8));
        state.AdditionalProjects[ContextsAssemblyName].AdditionalProjectReferences.Add(EntityFrameworkStubs.AssemblyName);
        state.AdditionalProjects[ContextsAssemblyName].AdditionalProjectReferences.Add(StoresAssemblyName);
        state.AdditionalProjectReferences.Add(StoresAssemblyName);
        state.AdditionalProjectReferences.Add(ContextsAssemblyName);
    }
}
