using Microsoft.CodeAnalysis.Testing;

namespace SensitivePi.Tests.Verifiers;

/// <summary>
/// The part of EF Core's model-building API the storage rules read, under its real namespaces, compiled as a
/// project named <c>Microsoft.EntityFrameworkCore</c> (the test reference set has no EF Core package).
/// </summary>
public static class EntityFrameworkStubs
{
    public const string AssemblyName = "Microsoft.EntityFrameworkCore";

    public const string Source = """
        namespace Microsoft.EntityFrameworkCore
        {
            using System;
            using System.Linq.Expressions;
            using Microsoft.EntityFrameworkCore.Metadata.Builders;
            using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

            public class DbContext : IDisposable
            {
                protected virtual void OnModelCreating(ModelBuilder modelBuilder) { }
                protected virtual void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) { }
                public virtual object Add(object entity) => entity;
                public virtual object Update(object entity) => entity;
                public virtual object Attach(object entity) => entity;
                public virtual int SaveChanges() => 0;
                public virtual ChangeTracking.EntityEntry Entry(object entity) => null!;
                public virtual ChangeTracking.EntityEntry<TEntity> Entry<TEntity>(TEntity entity) where TEntity : class => null!;
                public void Dispose() { }
            }

            public abstract class DbSet<TEntity> where TEntity : class
            {
                public virtual object Add(TEntity entity) => entity;
                public virtual void AddRange(params TEntity[] entities) { }
                public virtual object Attach(TEntity entity) => entity;
                public virtual ChangeTracking.EntityEntry<TEntity> Entry(TEntity entity) => null!;
            }

            public enum EntityState { Detached, Unchanged, Deleted, Modified, Added }

            public class ModelBuilder
            {
                public virtual EntityTypeBuilder<TEntity> Entity<TEntity>() where TEntity : class => null!;
                public virtual ModelBuilder Entity<TEntity>(Action<EntityTypeBuilder<TEntity>> buildAction) where TEntity : class => this;
                public virtual EntityTypeBuilder Entity(Type type) => null!;
                public virtual EntityTypeBuilder Entity(string name) => null!;
                public virtual ModelBuilder Entity(Type type, Action<EntityTypeBuilder> buildAction) => this;
                public virtual ModelBuilder Entity(string name, Action<EntityTypeBuilder> buildAction) => this;
                public virtual ModelBuilder Ignore<TEntity>() where TEntity : class => this;
                public virtual ModelBuilder Owned<T>() where T : class => this;
                public virtual ModelBuilder ApplyConfiguration<TEntity>(IEntityTypeConfiguration<TEntity> configuration) where TEntity : class => this;
            }

            public class ModelConfigurationBuilder
            {
                public virtual PropertiesConfigurationBuilder<TProperty> Properties<TProperty>() => null!;
            }

            [AttributeUsage(AttributeTargets.Class)]
            public sealed class OwnedAttribute : Attribute { }

            public interface IEntityTypeConfiguration<TEntity> where TEntity : class
            {
                void Configure(EntityTypeBuilder<TEntity> builder);
            }

            public static class RelationalEntityTypeBuilderExtensions
            {
                public static EntityTypeBuilder<TEntity> ToTable<TEntity>(this EntityTypeBuilder<TEntity> builder, string name) where TEntity : class => builder;
            }
        }

        namespace Microsoft.EntityFrameworkCore.ChangeTracking
        {
            public class EntityEntry
            {
                public virtual PropertyEntry Property(string propertyName) => null!;
                public virtual ReferenceEntry Reference(string propertyName) => null!;
                public virtual CollectionEntry Collection(string propertyName) => null!;
                public virtual PropertyValues CurrentValues => null!;
                public virtual PropertyValues OriginalValues => null!;
                public virtual EntityState State { get; set; }
            }

            public class EntityEntry<TEntity> : EntityEntry where TEntity : class
            {
                public virtual PropertyEntry<TEntity, TProperty> Property<TProperty>(string propertyName) => null!;
                public virtual PropertyEntry<TEntity, TProperty> Property<TProperty>(System.Linq.Expressions.Expression<System.Func<TEntity, TProperty>> propertyExpression) => null!;
            }

            public abstract class MemberEntry
            {
                public virtual object CurrentValue { get => null!; set { } }
                public virtual bool IsModified { get; set; }
            }

            public class PropertyEntry : MemberEntry { }

            public abstract class NavigationEntry : MemberEntry { }

            public class ReferenceEntry : NavigationEntry { }

            public class CollectionEntry : NavigationEntry
            {
                public new virtual System.Collections.IEnumerable CurrentValue { get => null!; set { } }
            }

            public class PropertyEntry<TEntity, TProperty> : PropertyEntry where TEntity : class
            {
                public new virtual TProperty CurrentValue { get => default!; set { } }
            }

            public abstract class PropertyValues
            {
                public abstract object this[string propertyName] { get; set; }
                public virtual void SetValues(object obj) { }
                public virtual void SetValues(PropertyValues propertyValues) { }
            }
        }

        namespace Microsoft.EntityFrameworkCore.Infrastructure
        {
            public abstract class ModelSnapshot
            {
                protected abstract void BuildModel(ModelBuilder modelBuilder);
            }
        }

        namespace Microsoft.EntityFrameworkCore.Metadata.Builders
        {
            using System;
            using System.Linq.Expressions;
            using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

            public class EntityTypeBuilder
            {
                public virtual EntityTypeBuilder Ignore(string propertyName) => this;
                public virtual PropertyBuilder Property(string propertyName) => null!;
                public virtual OwnedNavigationBuilder OwnsOne(string ownedTypeName, string navigationName) => null!;
                public virtual OwnedNavigationBuilder OwnsOne(Type ownedType, string navigationName) => null!;
                public virtual EntityTypeBuilder OwnsOne(string ownedTypeName, string navigationName, Action<OwnedNavigationBuilder> buildAction) => this;
                public virtual OwnedNavigationBuilder OwnsMany(string ownedTypeName, string navigationName) => null!;
            }

            public class EntityTypeBuilder<TEntity> : EntityTypeBuilder where TEntity : class
            {
                public virtual EntityTypeBuilder<TEntity> Ignore(Expression<Func<TEntity, object?>> propertyExpression) => this;
                public virtual PropertyBuilder<TProperty> Property<TProperty>(Expression<Func<TEntity, TProperty>> propertyExpression) => null!;
                public virtual EntityTypeBuilder<TEntity> HasKey(Expression<Func<TEntity, object?>> keyExpression) => this;
                public virtual OwnedNavigationBuilder<TEntity, TRelatedEntity> OwnsOne<TRelatedEntity>(Expression<Func<TEntity, TRelatedEntity?>> navigationExpression) where TRelatedEntity : class => null!;
                public virtual EntityTypeBuilder<TEntity> OwnsOne<TRelatedEntity>(Expression<Func<TEntity, TRelatedEntity?>> navigationExpression, Action<OwnedNavigationBuilder<TEntity, TRelatedEntity>> buildAction) where TRelatedEntity : class => this;
                public virtual EntityTypeBuilder<TEntity> OwnsMany<TRelatedEntity>(Expression<Func<TEntity, System.Collections.Generic.IEnumerable<TRelatedEntity>?>> navigationExpression, Action<OwnedNavigationBuilder<TEntity, TRelatedEntity>> buildAction) where TRelatedEntity : class => this;
            }

            public class OwnedNavigationBuilder
            {
                public virtual OwnedNavigationBuilder Ignore(string propertyName) => this;
            }

            public class OwnedNavigationBuilder<TOwnerEntity, TDependentEntity> : OwnedNavigationBuilder where TOwnerEntity : class where TDependentEntity : class
            {
                public virtual OwnedNavigationBuilder<TOwnerEntity, TDependentEntity> Ignore(Expression<Func<TDependentEntity, object?>> propertyExpression) => this;
                public virtual PropertyBuilder<TProperty> Property<TProperty>(Expression<Func<TDependentEntity, TProperty>> propertyExpression) => null!;
                public virtual OwnedNavigationBuilder<TDependentEntity, TNewDependentEntity> OwnsOne<TNewDependentEntity>(Expression<Func<TDependentEntity, TNewDependentEntity?>> navigationExpression) where TNewDependentEntity : class => null!;
            }

            public class PropertyBuilder
            {
                public virtual PropertyBuilder IsRequired(bool required = true) => this;
                public virtual PropertyBuilder HasConversion(ValueConverter? converter) => this;
            }

            public class PropertyBuilder<TProperty> : PropertyBuilder
            {
                public virtual PropertyBuilder<TProperty> IsRequired(bool required = true) => this;
                public virtual PropertyBuilder<TProperty> HasMaxLength(int maxLength) => this;
                public virtual PropertyBuilder<TProperty> HasConversion<TProvider>() => this;
                public virtual PropertyBuilder<TProperty> HasConversion<TProvider>(Expression<Func<TProperty, TProvider>> convertToProviderExpression, Expression<Func<TProvider, TProperty>> convertFromProviderExpression) => this;
            }

            public class PropertiesConfigurationBuilder<TProperty> : PropertiesConfigurationBuilder
            {
                public virtual PropertiesConfigurationBuilder<TProperty> HaveConversion<TConversion>() => this;
            }

            public class PropertiesConfigurationBuilder { }
        }

        namespace Microsoft.EntityFrameworkCore.Storage.ValueConversion
        {
            using System;
            using System.Linq.Expressions;

            public abstract class ValueConverter { }

            public class ValueConverter<TModel, TProvider> : ValueConverter
            {
                public ValueConverter(Expression<Func<TModel, TProvider>> convertToProviderExpression, Expression<Func<TProvider, TModel>> convertFromProviderExpression) { }
            }
        }
        """;

    /// <summary>Adds the stub project, named as EF Core's assembly, and a reference to it from the test's own project.</summary>
    public static void AddTo(SolutionState state)
    {
        state.AdditionalProjects[AssemblyName].Sources.Add(("EntityFramework.cs", Source));
        state.AdditionalProjectReferences.Add(AssemblyName);
    }
}
