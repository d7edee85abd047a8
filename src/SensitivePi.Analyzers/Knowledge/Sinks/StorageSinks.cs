namespace SensitivePi.Analyzers.Knowledge;

/// <summary>Calls that keep data: databases, files, caches. Property setters are named <c>set_*</c>.</summary>
internal static class StorageSinks
{
    private static readonly string[] InMemoryStreams = { "System.IO.MemoryStream", "System.IO.UnmanagedMemoryStream" };

    // A stream that encrypts into another: it keeps what it writes where that other stream is a file (and encrypted).
    private static readonly string[] EncryptingStreams = { "System.Security.Cryptography.CryptoStream" };

    private static readonly string[] InMemoryWriters = { "System.IO.StringWriter" };

    // What ASP.NET Core hands a view, a view component or a middleware to write is the response, not storage.
    private static readonly string[] ResponseWriters =
    {
        "Microsoft.AspNetCore.Mvc.Rendering.ViewContext.Writer",
        "Microsoft.AspNetCore.Mvc.ViewComponents.ViewComponentContext.Writer",
        "Microsoft.AspNetCore.Mvc.Razor.RazorPageBase.Output",
        "Microsoft.AspNetCore.Http.HttpResponse.Body",
    };

    // A navigation's value is another entity, kept as its own row by its own add: assigning it writes no data of its own.
    private static readonly string[] Navigations = { "Microsoft.EntityFrameworkCore.ChangeTracking.NavigationEntry" };

    // Where a serialiser or a copy writes is told by its target argument: a file stream keeps what it is given, a memory stream
    // or the response does not (docs/design/architecture.md, "Adding a sink family").
    private static readonly string[] Files = { "System.IO.FileStream" };

    private static readonly string[] EntityAdds = { "Add", "AddAsync", "AddRange", "AddRangeAsync", "Update", "UpdateRange", "Attach", "AttachRange" };

    public static readonly SinkEntry[] Rows =
    {
        new(SinkKind.Storage, "Microsoft.EntityFrameworkCore.DbSet`1", EntityAdds, serializes: true, storesEntities: true),
        new(SinkKind.Storage, "Microsoft.EntityFrameworkCore.DbContext", EntityAdds, serializes: true, storesEntities: true),

        // The change tracker: a value written into an entry's property is saved with it, a shadow property's too (no member to annotate,
        // but the value written carries its classification). PropertyEntry<TEntity, TProperty> hides CurrentValue with a setter of
        // the same name on a derived type, which this row covers.
        new(SinkKind.Storage, "Microsoft.EntityFrameworkCore.ChangeTracking.MemberEntry", new[] { "set_CurrentValue" }, excludedReceiverTypes: Navigations),
        new(SinkKind.Storage, "Microsoft.EntityFrameworkCore.ChangeTracking.PropertyValues", new[] { "set_Item" }),

        // `entry.CurrentValues.SetValues(form)`: EF Core copies the form's members into the entity's members of the same names.
        new(SinkKind.Storage, "Microsoft.EntityFrameworkCore.ChangeTracking.PropertyValues", new[] { "SetValues" }, copiesByName: true),
        new(SinkKind.Storage, "System.IO.File", new[] { "Write*", "Append*" }),
        new(SinkKind.Storage, WellKnownTypes.Stream, new[] { "Write*" }, excludedReceiverTypes: InMemoryStreams, excludedReceiverMembers: ResponseWriters,
            wrapperTypes: EncryptingStreams, wrappedTypes: Files, encryptingTypes: EncryptingStreams),
        new(SinkKind.Storage, WellKnownTypes.TextWriter, new[] { "Write*", "WriteLine*" }, WellKnownTypes.Console, new[] { "Out", "Error" }, receiverExcluded: true, excludedReceiverTypes: InMemoryWriters,
            excludedReceiverMembers: ResponseWriters, encryptingTypes: EncryptingStreams),
        new(SinkKind.Storage, WellKnownTypes.BinaryWriter, new[] { "Write*" }, encryptingTypes: EncryptingStreams),
        new(SinkKind.Storage, "System.Text.Json.JsonSerializer", new[] { "Serialize", "SerializeAsync" }, serializes: true, targetTypes: Files),
        new(SinkKind.Storage, "System.Xml.Serialization.XmlSerializer", new[] { "Serialize" }, serializes: true, targetTypes: Files),
        new(SinkKind.Storage, WellKnownTypes.FormFile, new[] { "CopyTo", "CopyToAsync" }, targetTypes: Files, receiverIsData: true),
        new(SinkKind.Storage, WellKnownTypes.Stream, new[] { "CopyTo", "CopyToAsync" }, targetTypes: Files, receiverIsData: true),
        new(SinkKind.Storage, "Dapper.SqlMapper", new[] { "Execute*", "Query*" }, serializes: true),
        new(SinkKind.Storage, "System.Data.Common.DbParameter", new[] { "set_Value" }),
        new(SinkKind.Storage, "System.Data.IDataParameter", new[] { "set_Value" }),
        new(SinkKind.Storage, "System.Data.Common.DbParameterCollection", new[] { "AddWithValue", "Add" }),
        new(SinkKind.Storage, "Microsoft.Extensions.Caching.Distributed.IDistributedCache", new[] { "Set", "SetAsync" }),
        new(SinkKind.Storage, "Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions", new[] { "Set*" }),

        // `user.Password = form.Password`: a member of an entity keeps what it is set to when the entity is saved. Which of the
        // compilation's properties the EF Core model maps, and how, is known at compilation end (docs/design/value-flow-engine.md,
        // "The entity model"); only the at-rest rules read these hits.
        new(SinkKind.EntityMember, "System.Object", new[] { "set_*" }, ownSetters: true, requiredType: "Microsoft.EntityFrameworkCore.DbContext"),
    };
}
