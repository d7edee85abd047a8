using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;
using Fix = SensitivePi.Tests.Verifiers.CodeFixVerifier<
    SensitivePi.Tests.Verifiers.SingleRule.NeverStoredPaymentData,
    SensitivePi.CodeFixes.NotMappedCodeFixProvider>;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.NeverStoredPaymentData>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI007: data marked AtRest.NeverStore kept by a store, at the call or on the EF Core entity's member.</summary>
public class NeverStoredPaymentDataAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.ComponentModel.DataAnnotations.Schema;
        using System.IO;
        using System.Security.Cryptography;
        using System.Text;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;
        using SensitivePi;

        """;

    private const string Cvn2 = "'Card.Cvn2' (FinancialAccount)";
    private const string Track = "'Card.Track' (FinancialAccount)";

    [Fact]
    public async Task Never_stored_data_written_to_a_file_is_reported_hashed_or_not()
    {
        await VerifyAsync("""
            public class Card
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, Mask = MaskKind.BankCardNumber)] public string Pan { get; set; } = "";
            }

            class Checkout
            {
                void Keep(Card card, string path)
                {
                    File.WriteAllText(path, {|#0:card.Cvn2|});
                    File.WriteAllBytes(path, {|#1:SHA256.HashData(Encoding.UTF8.GetBytes(card.Cvn2))|});
                    File.WriteAllText(path, card.Pan);
                    File.WriteAllText(path, card.Cvn2.Length.ToString());
                }
            }
            """,
            Expect(0, Cvn2, "'File.WriteAllText'"),
            Expect(1, Cvn2, "'File.WriteAllBytes'"));
    }

    [Fact]
    public async Task Never_stored_data_written_through_the_change_tracker_is_reported_at_the_value()
    {
        // A shadow property has no member to annotate, but the value written into it carries its classification.
        await VerifyAsync("""
            public class Card
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }

            public class Order
            {
                public int Id { get; set; }
                public string City { get; set; } = "";
            }

            public class ShopContext : DbContext
            {
                public DbSet<Order> Orders => null!;
            }

            class C
            {
                void M(ShopContext db, Order order, Card card)
                {
                    db.Entry(order).Property("CardCheck").CurrentValue = {|#0:card.Cvn2|};
                    db.Entry(order).Property<string>("CardCheck").CurrentValue = {|#1:card.Cvn2|};
                    db.Entry(order).CurrentValues["CardCheck"] = {|#2:card.Cvn2|};
                    db.Entry(order).Property<string>("Town").CurrentValue = order.City;
                    card.Cvn2 = (string)db.Entry(order).Property("CardCheck").CurrentValue;
                    db.SaveChanges();
                }
            }
            """,
            Expect(0, Cvn2, "'MemberEntry.CurrentValue'"),
            Expect(1, Cvn2, "'PropertyEntry.CurrentValue'"),
            Expect(2, Cvn2, "'PropertyValues.this[]'"));
    }

    [Fact]
    public async Task An_entity_member_the_model_stores_is_reported_once_on_its_declaration()
    {
        await VerifyAsync("""
            public class Card
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#0:Cvn2|} { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#1:Track|} { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, Mask = MaskKind.BankCardNumber)] public string Pan { get; set; } = "";
            }

            public class ShopContext : DbContext
            {
                public DbSet<Card> Cards { get; set; } = null!;
            }

            class Checkout
            {
                void Save(ShopContext db, Card card)
                {
                    db.Cards.Add(card);
                    db.Add(card);
                }
            }
            """,
            ExpectOnEntity(0, Cvn2, "Card"),
            ExpectOnEntity(1, Track, "Card"));
    }

    [Fact]
    public async Task Members_left_out_of_the_model_are_not_reported()
    {
        await VerifyAsync("""
            public class Card
            {
                public int Id { get; set; }
                [NotMapped, SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Pin { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Expiry => "";
            }

            public class Swipe
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
            }

            // Not an entity: no DbSet, no Entity<T>().
            public class Receipt
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }

            public class ShopContext : DbContext
            {
                public DbSet<Card> Cards { get; set; } = null!;
                public DbSet<Swipe> Swipes { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Card>(card =>
                    {
                        card.Ignore(c => c.Track);
                        card.Ignore(nameof(Card.Pin));
                    });
                    modelBuilder.Ignore<Swipe>();
                }
            }
            """);
    }

    [Fact]
    public async Task Owned_types_are_stored_with_the_entity_that_owns_them()
    {
        // OwnsOne and OwnsMany (with the owned builder's Ignore), a nested OwnsOne, and [Owned] or Owned<T>() types an
        // entity refers to (a get-only collection included).
        await VerifyAsync("""
            public class Order
            {
                public int Id { get; set; }
                public PaymentCard Card { get; set; } = new();
                public Wallet Wallet { get; set; } = new();
                public System.Collections.Generic.List<Token> Tokens { get; } = new();
                public System.Collections.Generic.List<Instalment> Instalments { get; set; } = new();
                public Coupon Coupon { get; set; } = new();
                public Voucher Voucher { get; set; } = new();
                [NotMapped] public Token Draft { get; set; } = new();
            }

            public class Instalment
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#3:Pin|} { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }

            public class Coupon
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#4:Track|} { get; set; } = "";
            }

            // Declared owned by the model builder, but no entity refers to it.
            public class Unused
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }

            public class PaymentCard
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#0:Cvn2|} { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
            }

            public class Wallet
            {
                public Pin Pin { get; set; } = new();
            }

            public class Pin
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#1:Code|} { get; set; } = "";
            }

            [Owned]
            public class Token
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#2:Expiry|} { get; set; } = "";
            }

            [Owned]
            public class Unreferenced
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }

            // Neither an entity nor owned: a navigation to it alone does not make it one here.
            public class Voucher
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }

            public class ShopContext : DbContext
            {
                public DbSet<Order> Orders { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Order>(order =>
                    {
                        order.OwnsOne(o => o.Card, card => card.Ignore(c => c.Track));
                        order.OwnsOne(o => o.Wallet).OwnsOne(w => w.Pin);
                        order.OwnsMany(o => o.Instalments, instalment => instalment.Ignore(i => i.Cvn2));
                    });
                    modelBuilder.Owned<Coupon>();
                    modelBuilder.Owned<Unused>();
                }
            }
            """,
            ExpectOnEntity(3, "'Instalment.Pin' (FinancialAccount)", "Instalment"),
            ExpectOnEntity(4, "'Coupon.Track' (FinancialAccount)", "Coupon"),
            ExpectOnEntity(0, "'PaymentCard.Cvn2' (FinancialAccount)", "PaymentCard"),
            ExpectOnEntity(1, "'Pin.Code' (FinancialAccount)", "Pin"),
            ExpectOnEntity(2, "'Token.Expiry' (FinancialAccount)", "Token"));
    }

    // An owned type named by a string is the type of the owner's member the navigation names (docs/rules/SPI007.md).
    [Fact]
    public async Task Owned_types_named_by_a_string_are_the_types_of_the_navigations()
    {
        await VerifyAsync("""
            public class Order
            {
                public int Id { get; set; }
                public PaymentCard Card { get; set; } = new();
                public System.Collections.Generic.List<Instalment> Instalments { get; set; } = new();
                public Voucher Voucher { get; set; } = new();
                public Coupon Coupon { get; set; } = new();
            }

            public class PaymentCard
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#0:Cvn2|} { get; set; } = "";
            }

            public class Instalment
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#1:Pin|} { get; set; } = "";
            }

            // No navigation names it: neither an entity nor owned here.
            public class Voucher
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }

            // Configured through a builder without type arguments, whose Ignore is not read: which members are stored is unknown.
            public class Coupon
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
            }

            public class ShopContext : DbContext
            {
                public DbSet<Order> Orders { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Order>(order =>
                    {
                        order.OwnsOne("PaymentCard", "Card");
                        order.OwnsMany("Instalment", nameof(Order.Instalments));
                        order.OwnsOne("Missing", "NoSuchMember");
                        order.OwnsOne("Coupon", "Coupon", coupon => coupon.Ignore("Track"));
                    });
                }
            }
            """,
            ExpectOnEntity(0, "'PaymentCard.Cvn2' (FinancialAccount)", "PaymentCard"),
            ExpectOnEntity(1, "'Instalment.Pin' (FinancialAccount)", "Instalment"));
    }

    [Fact]
    public async Task Entities_named_by_a_type_or_a_string_are_read_with_what_their_untyped_builders_say()
    {
        await VerifyAsync("""
            namespace Shop
            {
                public class Card
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#0:Cvn2|} { get; set; } = "";
                }

                // Named by its full name and configured no further: an entity.
                public class Voucher
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#1:Cvn2|} { get; set; } = "";
                }

                // Configured through builders without type arguments, each use of which is a call the model reads: Ignore leaves the
                // member out.
                public class Coupon
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
                }

                public class GiftCard
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
                }

                public class Receipt
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
                }

                // Another member ignored, or one only configured: the never-stored member is stored.
                public class Ticket
                {
                    public int Id { get; set; }
                    public string Note { get; set; } = "";
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#2:Track|} { get; set; } = "";
                }

                public class Pass
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#3:Track|} { get; set; } = "";
                }

                // An untyped builder kept in a variable or handed to a method: what is done with it is not read, so which
                // members are stored is unknown.
                public class Stub
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
                }

                public class Slip
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
                }

                public class Token
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
                }

                public class ShopContext : DbContext
                {
                    public DbSet<Card> Cards { get; set; } = null!;
                    public DbSet<Coupon> Coupons { get; set; } = null!;

                    protected override void OnModelCreating(ModelBuilder modelBuilder)
                    {
                        modelBuilder.Entity("Shop.Voucher");
                        modelBuilder.Entity(typeof(Coupon)).Ignore("Track");
                        modelBuilder.Entity(typeof(GiftCard), giftCard => giftCard.Ignore("Track"));
                        modelBuilder.Entity("Shop.Receipt", receipt => receipt.Ignore("Track"));
                        modelBuilder.Entity("NoSuchType", bag => bag.Property("Track"));
                        modelBuilder.Entity(typeof(Ticket)).Ignore("Note");
                        modelBuilder.Entity("Shop.Pass", pass => pass.Property("Track"));
                        var stub = modelBuilder.Entity(typeof(Stub));
                        stub.Property("Track");
                        modelBuilder.Entity(typeof(Slip), slip => Keep(slip));
                        modelBuilder.Entity(typeof(Token), Keep);
                    }

                    // Does nothing the model would see; what a builder handed to it undergoes is not read all the same.
                    private static void Keep(EntityTypeBuilder builder)
                    {
                    }
                }

                // The migrations' record of the database, not the model the code declares: it makes nothing unknown.
                public class ShopContextModelSnapshot : Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot
                {
                    protected override void BuildModel(ModelBuilder modelBuilder)
                    {
                        modelBuilder.Entity("Shop.Card", card => card.Property("Cvn2"));
                    }
                }
            }
            """,
            ExpectOnEntity(0, "'Card.Cvn2' (FinancialAccount)", "Card"),
            ExpectOnEntity(1, "'Voucher.Cvn2' (FinancialAccount)", "Voucher"),
            ExpectOnEntity(2, "'Ticket.Track' (FinancialAccount)", "Ticket"),
            ExpectOnEntity(3, "'Pass.Track' (FinancialAccount)", "Pass"));
    }

    [Fact]
    public async Task An_untyped_builder_whose_configuration_may_escape_the_model_leaves_its_entity_unknown()
    {
        // Each entity's never-stored member has a name of its own: a name ignored through a builder that names no entity hides
        // every member of that name (the last case), which would hide the others' too.
        await VerifyAsync("""
            namespace Shop
            {
                public class Address { public string Street { get; set; } = ""; }

                // A build action returns the builder it was called on: the Ignore after it is the order's.
                public class Order
                {
                    public int Id { get; set; }
                    public Address Address { get; set; } = new();
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string OrderCvn { get; set; } = "";
                }

                public class Till
                {
                    public int Id { get; set; }
                    public Address Address { get; set; } = new();
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#0:TillCvn|} { get; set; } = "";
                }

                // Handed to the project's own extension method, returned by a helper, or owned (by name or by type) by an entity
                // whose builder went to a method: configured where the model is not read.
                public class Wallet
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string WalletCvn { get; set; } = "";
                }

                public class Purse
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string PurseCvn { get; set; } = "";
                }

                public class Slot
                {
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string SlotCvn { get; set; } = "";
                }

                public class Shelf
                {
                    public int Id { get; set; }
                    public Slot Slot { get; set; } = new();
                }

                public class Bin
                {
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string BinCvn { get; set; } = "";
                }

                public class Rack
                {
                    public int Id { get; set; }
                    public Bin Bin { get; set; } = new();
                }

                // A typed entity whose builder the project's own method ignores a member of: the Ignore names no entity, so no
                // entity's member of that name is judged.
                public class Card
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Pin { get; set; } = "";
                }

                public static class Configuration
                {
                    public static void Touch(this EntityTypeBuilder builder)
                    {
                    }

                    public static EntityTypeBuilder Purses(ModelBuilder modelBuilder) => modelBuilder.Entity(typeof(Purse));

                    public static void Keep(EntityTypeBuilder builder)
                    {
                    }

                    public static void HidePin(this EntityTypeBuilder builder) => builder.Ignore("Pin");
                }

                public class ShopContext : DbContext
                {
                    protected override void OnModelCreating(ModelBuilder modelBuilder)
                    {
                        modelBuilder.Entity(typeof(Order)).OwnsOne("Shop.Address", "Address", address => address.Ignore("Street")).Ignore("OrderCvn");
                        modelBuilder.Entity(typeof(Till)).OwnsOne("Shop.Address", "Address", address => address.Ignore("Street"));
                        modelBuilder.Entity(typeof(Wallet)).Touch();
                        Configuration.Purses(modelBuilder);
                        modelBuilder.Entity(typeof(Shelf), shelf =>
                        {
                            shelf.OwnsOne("Shop.Slot", "Slot");
                            Configuration.Keep(shelf);
                        });
                        modelBuilder.Entity(typeof(Rack), rack =>
                        {
                            rack.OwnsOne(typeof(Bin), "Bin");
                            Configuration.Keep(rack);
                        });
                        modelBuilder.Entity<Card>().HidePin();
                    }
                }
            }
            """,
            ExpectOnEntity(0, "'Till.TillCvn' (FinancialAccount)", "Till"));
    }

    [Fact]
    public async Task Entity_members_declared_in_generated_files_are_not_reported()
    {
        // The model is judged at compilation end, where reports skip generated code themselves
        // (docs/design/architecture.md, "Generated code"): a file's name, its header, the option, a hidden region.
        var test = new Verify.Test { CompilerDiagnostics = CompilerDiagnostics.Errors };
        test.TestState.Sources.Add(("Card.g.cs", Usings + """
            public class Card
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }
            """));
        test.TestState.Sources.Add(("Swipe.cs", "// <auto-generated/>\n" + Usings + """
            public class Swipe
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
            }
            """));
        test.TestState.Sources.Add(("Shop.cs", Usings + """
            public class Token
            {
                public int Id { get; set; }
            #line hidden
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Expiry { get; set; } = "";
            #line default
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#0:Pin|} { get; set; } = "";
            }

            public class ShopContext : DbContext
            {
                public DbSet<Card> Cards { get; set; } = null!;
                public DbSet<Swipe> Swipes { get; set; } = null!;
                public DbSet<Token> Tokens { get; set; } = null!;
                public DbSet<Legacy> Legacies { get; set; } = null!;
            }
            """));
        test.TestState.Sources.Add(("/Legacy.cs", Usings + """
            public class Legacy
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }
            """));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [Legacy.cs]
            generated_code = true
            """));
        EntityFrameworkStubs.AddTo(test.TestState);
        test.ExpectedDiagnostics.Add(ExpectOnEntity(0, "'Token.Pin' (FinancialAccount)", "Token"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Entities_declared_by_the_model_builder_and_by_configuration_classes_are_read()
    {
        await VerifyAsync("""
            public class Card
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#0:Cvn2|} { get; set; } = "";
            }

            public class Wallet
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.AuthenticationCredential, AtRest = AtRest.NeverStore)] public string PaymentPassword { get; set; } = "";
                [SensitivePersonalInfo(Category.AuthenticationCredential, AtRest = AtRest.NeverStore)] public string {|#1:PaymentPin|} { get; set; } = "";
            }

            public class ShopContext : DbContext
            {
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Card>().ToTable("cards").HasKey(c => c.Id);
                    modelBuilder.ApplyConfiguration(new WalletConfiguration());
                }
            }

            public class WalletConfiguration : IEntityTypeConfiguration<Wallet>
            {
                public void Configure(EntityTypeBuilder<Wallet> builder) => builder.Ignore(w => w.PaymentPassword);
            }
            """,
            ExpectOnEntity(0, Cvn2, "Card"),
            ExpectOnEntity(1, "'Wallet.PaymentPin' (AuthenticationCredential)", "Wallet"));
    }

    // EF Core and its providers are known by exact assembly names: a vendor's assembly named like EF Core's is read as a vendor's.
    [Theory]
    [InlineData("Vendor.Conventions", false)]
    [InlineData("Microsoft.EntityFrameworkCore.AutoHistory", false)]
    [InlineData("Npgsql.EntityFrameworkCore.PostgreSQL", true)]
    public async Task A_builder_handed_to_a_library_reports_entity_members_only_when_the_library_is_EF_Cores(string library, bool modelRead)
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                public class Card
                {
                    public int Id { get; set; }
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#0:Cvn2|} { get; set; } = "";
                }

                public class ShopContext : DbContext
                {
                    public DbSet<Card> Cards { get; set; } = null!;

                    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.UseVendorConventions();
                }
                """,
        };
        EntityFrameworkStubs.AddTo(test.TestState);
        test.TestState.AdditionalProjects[library].Sources.Add(("Vendor.cs", """
            namespace Microsoft.EntityFrameworkCore
            {
                public static class VendorModelBuilderExtensions
                {
                    public static ModelBuilder UseVendorConventions(this ModelBuilder builder) => builder;
                }
            }
            """));
        test.TestState.AdditionalProjects[library].AdditionalProjectReferences.Add(EntityFrameworkStubs.AssemblyName);
        test.TestState.AdditionalProjectReferences.Add(library);
        if (modelRead)
        {
            test.ExpectedDiagnostics.Add(ExpectOnEntity(0, Cvn2, "Card"));
        }

        await test.RunAsync(CancellationToken.None);
    }

    // docs/rules/SPI007.md, "EF Core entity members": Identity's stores configure the user type as an entity and ignore none of
    // its members, whether the context hands them the builder or inherits their OnModelCreating.
    [Theory]
    [InlineData("protected override void OnModelCreating(ModelBuilder builder) { base.OnModelCreating(builder); builder.Entity<Shopper>().ToTable(\"shoppers\"); }", true)]
    [InlineData("", true)]
    [InlineData("protected override void OnModelCreating(ModelBuilder builder) { }", false)]
    [InlineData("protected override void OnModelCreating(ModelBuilder builder) { base.OnModelCreating(builder); builder.Entity<Shopper>().Ignore(s => s.SecurityNumber); }", false)]
    public async Task Identitys_stores_keep_the_users_own_members(string onModelCreating, bool stored)
    {
        foreach (var version in new[] { 10, 8 })
        {
            await IdentityStoresKeepTheUsersOwnMembers(onModelCreating, stored, version);
        }
    }

    private static async Task IdentityStoresKeepTheUsersOwnMembers(string onModelCreating, bool stored, int version)
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                public class Shopper : Microsoft.AspNetCore.Identity.IdentityUser
                {
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#0:SecurityNumber|} { get; set; } = "";
                }

                public class AccountsContext : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<Shopper>
                {
                    
                """ + onModelCreating + """

                }
                """,
        };
        IdentityStoreStubs.AddTo(test.TestState, version);
        if (stored)
        {
            test.ExpectedDiagnostics.Add(ExpectOnEntity(0, "'Shopper.SecurityNumber' (FinancialAccount)", "Shopper"));
        }

        await test.RunAsync(CancellationToken.None);
    }

    // docs/rules/SPI007.md: a context that inherits a library's OnModelCreating (a vendor's encrypting context) has a model
    // shaped by code that is not read, Identity referenced or not.
    [Fact]
    public async Task A_context_inheriting_a_librarys_configuration_reports_no_entity_member()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                public class Card
                {
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
                }

                public class ShopContext : Vendor.EncryptedDbContext
                {
                    public DbSet<Card> Cards { get; set; } = null!;
                }

                public class TenantContext<TTenant> : Vendor.EncryptedDbContext
                {
                    public DbSet<Card> Cards { get; set; } = null!;
                }
                """,
        };
        EntityFrameworkStubs.AddTo(test.TestState);
        const string library = "Vendor.Encryption";
        test.TestState.AdditionalProjects[library].Sources.Add(("Encryption.cs", """
            namespace Vendor
            {
                public class EncryptedDbContext : Microsoft.EntityFrameworkCore.DbContext
                {
                    protected override void OnModelCreating(Microsoft.EntityFrameworkCore.ModelBuilder modelBuilder) { }
                }
            }
            """));
        test.TestState.AdditionalProjects[library].AdditionalProjectReferences.Add(EntityFrameworkStubs.AssemblyName);
        test.TestState.AdditionalProjectReferences.Add(library);
        await test.RunAsync(CancellationToken.None);
    }

    // A generic context without an override of its own configures what the contexts deriving from it name.
    [Fact]
    public async Task A_generic_context_between_the_applications_and_Identitys_keeps_the_user_type_stored()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                public class Shopper : Microsoft.AspNetCore.Identity.IdentityUser
                {
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#0:SecurityNumber|} { get; set; } = "";
                }

                public abstract class TenantContext<TUser> : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<TUser>
                    where TUser : Microsoft.AspNetCore.Identity.IdentityUser
                {
                }

                public class ShopContext : TenantContext<Shopper> { }
                """,
        };
        IdentityStoreStubs.AddTo(test.TestState);
        test.ExpectedDiagnostics.Add(ExpectOnEntity(0, "'Shopper.SecurityNumber' (FinancialAccount)", "Shopper"));
        await test.RunAsync(CancellationToken.None);
    }

    // Only Identity's own contexts are known: one generic over its user type hands Identity a type the model cannot name, which
    // leaves the model unread; a library's context between the application's and Identity's overrides OnModelCreating with code
    // that is not read.
    [Theory]
    [InlineData("""
        public class AccountsContext<TUser> : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityUserContext<TUser>
            where TUser : Microsoft.AspNetCore.Identity.IdentityUser
        {
            protected override void OnModelCreating(ModelBuilder builder) => base.OnModelCreating(builder);
        }

        public class ShopContext : AccountsContext<Shopper>
        {
            public DbSet<Shopper> Shoppers { get; set; } = null!;
        }
        """)]
    [InlineData("public class TenantContext : Vendor.TenantIdentityContext<Shopper> { public DbSet<Shopper> Shoppers { get; set; } = null!; }")]
    public async Task A_user_type_the_model_cannot_name_is_not_reported(string contexts)
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                public class Shopper : Microsoft.AspNetCore.Identity.IdentityUser
                {
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string SecurityNumber { get; set; } = "";
                }

                """ + contexts,
        };
        IdentityStoreStubs.AddTo(test.TestState);
        const string library = "Vendor.Tenancy";
        test.TestState.AdditionalProjects[library].Sources.Add(("Tenancy.cs", """
            namespace Vendor
            {
                public class TenantIdentityContext<TUser> : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityUserContext<TUser>
                    where TUser : Microsoft.AspNetCore.Identity.IdentityUser
                {
                    protected override void OnModelCreating(Microsoft.EntityFrameworkCore.ModelBuilder builder) { }
                }
            }
            """));
        test.TestState.AdditionalProjects[library].AdditionalProjectReferences.Add(IdentityStoreStubs.ContextsAssemblyName);
        test.TestState.AdditionalProjects[library].AdditionalProjectReferences.Add(IdentityStoreStubs.StoresAssemblyName);
        test.TestState.AdditionalProjects[library].AdditionalProjectReferences.Add(EntityFrameworkStubs.AssemblyName);
        test.TestState.AdditionalProjectReferences.Add(library);
        await test.RunAsync(CancellationToken.None);
    }

    // docs/rules/SPI007.md: `SetValues(form)` copies the form's public properties into the entity's members of the same names;
    // what the model keeps of them is stored. Original values are not saved, and an untyped entry names no entity.
    [Fact]
    public async Task A_form_copied_into_an_entity_by_name_is_reported_for_the_members_the_model_keeps()
    {
        await VerifyAsync("""
            public class CardForm
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Pin { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Expiry { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public CardDetails Details { get; set; } = new CardDetails();
                public string Holder { get; set; } = "";
            }

            public class CardDetails
            {
                public string Network { get; set; } = "";
            }

            public class StoredCard
            {
                public int Id { get; set; }
                public string Cvn2 { get; set; } = "";
                public string Track { get; set; } = "";
                [NotMapped] public string Pin { get; set; } = "";

                // Classified itself: reported on its declaration, not again where a copy writes it.
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#1:Expiry|} { get; set; } = "";

                // A navigation: EF Core copies scalar properties only.
                public CardDetails Details { get; set; } = new CardDetails();
                public string Holder { get; set; } = "";
            }

            public class ShopContext : DbContext
            {
                public DbSet<StoredCard> Cards { get; set; } = null!;
                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<StoredCard>().Ignore(c => c.Track);
            }

            class Checkout
            {
                void Save(ShopContext db, StoredCard card, CardForm form, StoredCard other)
                {
                    db.Entry(card).CurrentValues.SetValues({|#0:form|});
                    db.Entry(card).OriginalValues.SetValues(form);
                    db.Entry((object)card).CurrentValues.SetValues(form);
                    db.Entry(card).CurrentValues.SetValues(other);

                    // The graph moves the receiver into a temporary here; the call's own tree still names the entity.
                    db.Entry(card).CurrentValues.SetValues({|#2:form ?? throw new System.ArgumentNullException(nameof(form))|});
                }
            }
            """,
            Expect(0, "'CardForm.Cvn2' (FinancialAccount)", "'PropertyValues.SetValues'"),
            ExpectOnEntity(1, "'StoredCard.Expiry' (FinancialAccount)", "StoredCard"),
            Expect(2, "'CardForm.Cvn2' (FinancialAccount)", "'PropertyValues.SetValues'"));
    }

    [Fact]
    public async Task A_repository_that_stores_what_it_is_given_is_reported_where_the_data_enters()
    {
        await VerifyAsync("""
            public class Card
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }

            class Journal
            {
                public void Append(string line) => File.AppendAllText("journal.txt", line);
            }

            class Checkout
            {
                void Pay(Journal journal, Card card) => journal.Append({|#0:card.Cvn2|});
            }
            """,
            Expect(0, Cvn2, "'File.AppendAllText' through 'Journal.Append(string)'").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    // docs/rules/SPI007.md: a never-stored value set to an unannotated member the model stores is kept by the table, converted,
    // hashed or not; not where the object is no entity or the member is left out.
    [Fact]
    public async Task Never_stored_data_set_to_an_entity_member_the_model_stores_is_reported_at_the_value()
    {
        await VerifyAsync("""
            public class Card
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }

            public class Order
            {
                public int Id { get; set; }
                public string Note { get; set; } = "";
                public string Check { get; set; } = "";
                [NotMapped] public string Pending { get; set; } = "";
            }

            public class Receipt
            {
                public string Note { get; set; } = "";
            }

            public class Shop : DbContext
            {
                public DbSet<Order> Orders { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Order>().Property(o => o.Check).HasConversion(v => v.ToUpperInvariant(), v => v);
            }

            class Checkout
            {
                void Pay(Shop db, Card card)
                {
                    var order = new Order { Note = {|#0:"CVN " + card.Cvn2|} };
                    order.Check = {|#1:Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(card.Cvn2)))|};
                    order.Pending = card.Cvn2;
                    var receipt = new Receipt { Note = card.Cvn2 };
                    db.Orders.Add(order);
                }
            }
            """,
            Expect(0, Cvn2, "the EF Core model of entity 'Order' (its member 'Note')"),
            Expect(1, Cvn2, "the EF Core model of entity 'Order' (its member 'Check')"));
    }

    [Fact]
    public async Task Never_stored_data_an_entitys_constructor_keeps_is_reported_where_it_enters()
    {
        await VerifyAsync("""
            public class Card
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }

            public class Order
            {
                public Order(string check) => Check = check;

                public int Id { get; set; }
                public string Check { get; set; }
            }

            public class Receipt
            {
                public Receipt(string check) => Check = check;

                public string Check { get; set; }
            }

            public class Shop : DbContext
            {
                public DbSet<Order> Orders { get; set; } = null!;
            }

            class Checkout
            {
                void Pay(Shop db, Card card)
                {
                    db.Orders.Add(new Order({|#0:card.Cvn2|}));
                    _ = new Receipt(card.Cvn2);
                }
            }
            """,
            Expect(0, Cvn2, "the EF Core model of entity 'Order' (its member 'Check') through 'new Order(string)'").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task Half_typed_code_raises_no_exception()
    {
        // Only the compiler complains (no AD0001, no report on a member whose annotation or model is unfinished).
        await VerifyAsync(CompilerDiagnostics.None, """
            public class Card
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.)] public string Cvn2 { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set
            }

            public class ShopContext : DbContext
            {
                public DbSet<Card> Cards { get; set; } = null!;
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Card>(c => c.Ignore(x => x.));
                    modelBuilder.Entity<>().Property(x => x.Track).HasConversion(
                }
            }
            """);
    }

    [Fact]
    public async Task The_fix_adds_NotMapped_with_its_using_and_Fix_All_covers_every_member()
    {
        const string Source = """
            using Microsoft.EntityFrameworkCore;
            using SensitivePi;

            public class Card
            {
                public int Id { get; set; }

                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)]
                public string {|#0:Cvn2|} { get; set; } = "";

                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string {|#1:Track|} { get; set; } = "";
            }

            public class ShopContext : DbContext
            {
                public DbSet<Card> Cards { get; set; } = null!;
            }
            """;
        const string Fixed = """
            using System.ComponentModel.DataAnnotations.Schema;
            using Microsoft.EntityFrameworkCore;
            using SensitivePi;

            public class Card
            {
                public int Id { get; set; }

                [NotMapped]
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)]
                public string Cvn2 { get; set; } = "";

                [NotMapped]
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Track { get; set; } = "";
            }

            public class ShopContext : DbContext
            {
                public DbSet<Card> Cards { get; set; } = null!;
            }
            """;
        // Reported at compilation end (the model is read from every body): the IDE offers the fix where it shows such reports.
        var test = new Fix.Test
        {
            TestCode = Source,
            FixedCode = Fixed,
            CodeActionEquivalenceKey = SensitivePi.CodeFixes.NotMappedCodeFixProvider.EquivalenceKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        EntityFrameworkStubs.AddTo(test.TestState);
        EntityFrameworkStubs.AddTo(test.FixedState);
        EntityFrameworkStubs.AddTo(test.BatchFixedState);
        test.ExpectedDiagnostics.Add(ExpectOnEntity(0, Cvn2, "Card"));
        test.ExpectedDiagnostics.Add(ExpectOnEntity(1, Track, "Card"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task No_fix_is_offered_at_a_file_write()
    {
        const string Source = """
            using System.IO;
            using SensitivePi;

            public class Card
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.NeverStore)] public string Cvn2 { get; set; } = "";
            }

            class Checkout
            {
                void Keep(Card card) => File.WriteAllText("card.txt", {|#0:card.Cvn2|});
            }
            """;
        var test = new Fix.Test { TestCode = Source, FixedCode = Source };
        test.ExpectedDiagnostics.Add(Expect(0, Cvn2, "'File.WriteAllText'"));
        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Expect(int markup, string data, string sink) =>
        Verify.Diagnostic(Descriptors.NeverStoredPaymentData).WithLocation(markup).WithArguments(data, sink, ExpectedCitations.NeverStore);

    private static DiagnosticResult ExpectOnEntity(int markup, string data, string entity) =>
        Verify.Diagnostic(Descriptors.NeverStoredPaymentData).WithLocation(markup)
            .WithArguments(data, "the EF Core model of entity '" + entity + "'", ExpectedCitations.NeverStore);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(CompilerDiagnostics.Errors, source, expected);

    private static Task VerifyAsync(CompilerDiagnostics compilerDiagnostics, string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Usings + source, CompilerDiagnostics = compilerDiagnostics };
        EntityFrameworkStubs.AddTo(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}
