using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Tests.Verifiers.SingleRule.UnencryptedStorage>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI008: data whose at-rest policy is Encrypted stored without an encryptor or hash, at the call or on the entity's member.</summary>
public class UnencryptedStorageAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.ComponentModel.DataAnnotations.Schema;
        using System.IO;
        using System.Security.Cryptography;
        using System.Text;
        using Microsoft.AspNetCore.DataProtection;
        using Microsoft.AspNetCore.Identity;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
        using Microsoft.Extensions.Caching.Distributed;
        using SensitivePi;

        """;

    // The framework types the tests need, under their real metadata names.
    private const string Stubs = """

        namespace Microsoft.AspNetCore.DataProtection
        {
            public interface IDataProtector { byte[] Protect(byte[] plaintext); }
            public static class DataProtectionCommonExtensions { public static string Protect(this IDataProtector protector, string plaintext) => plaintext; }
        }

        namespace Microsoft.AspNetCore.Identity
        {
            public interface IPasswordHasher<TUser> where TUser : class { string HashPassword(TUser user, string password); }
            public class PasswordHasher<TUser> : IPasswordHasher<TUser> where TUser : class { public virtual string HashPassword(TUser user, string password) => password; }
        }

        namespace Microsoft.Extensions.Caching.Distributed
        {
            public interface IDistributedCache { void Set(string key, byte[] value); }
        }
        """;

    private const string Model = """

        public class Account
        {
            public int Id { get; set; }
            [SensitivePersonalInfo(Category.AuthenticationCredential)] public string Password { get; set; } = "";
            [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string BankCard { get; set; } = "";
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
        }

        public static class Vault
        {
            [EncryptsPersonalInfo] public static string Seal(string value) => value;
            public static string Open(string value) => value;
        }
        """;

    private const string Password = "'Account.Password' (AuthenticationCredential)";
    private const string BankCard = "'Account.BankCard' (FinancialAccount)";
    private const string Diagnosis = "'Account.Diagnosis' (MedicalHealth)";

    [Fact]
    public async Task Credentials_and_members_marked_encrypted_are_reported_when_stored_as_typed()
    {
        await VerifyAsync("""
            class Store
            {
                void Keep(Account a, IDistributedCache cache, bool fast)
                {
                    File.WriteAllText("a.txt", {|#0:a.Password|});
                    cache.Set("card", {|#1:Encoding.UTF8.GetBytes(a.BankCard)|});
                    File.WriteAllText("d.txt", a.Diagnosis);

                    // Encrypted on one path only.
                    var card = fast ? a.BankCard : Vault.Seal(a.BankCard);
                    File.WriteAllText("c.txt", {|#2:card|});
                }
            }
            """,
            Expect(0, Password, "'File.WriteAllText'"),
            Expect(1, BankCard, "'IDistributedCache.Set'"),
            Expect(2, BankCard, "'File.WriteAllText'"));
    }

    [Fact]
    public async Task Values_written_through_the_change_tracker_are_stores_encrypted_or_not()
    {
        // A shadow property (`Property("CardToken")`) has no member to annotate: the value written into it is what is classified.
        await VerifyAsync("""
            // Account is no entity of this model (no DbSet<Account>): its members are not reported on their declarations.
            public class Ledger : DbContext { }

            class Store
            {
                void Keep(Ledger db, Account a)
                {
                    db.Entry(a).Property("CardToken").CurrentValue = {|#0:a.BankCard|};
                    db.Entry(a).CurrentValues["Secret"] = {|#1:a.Password|};
                    db.Entry(a).Property("SealedCard").CurrentValue = Vault.Seal(a.BankCard);
                    db.Entry(a).Property("Note").CurrentValue = a.Diagnosis;
                }
            }
            """,
            Expect(0, BankCard, "'MemberEntry.CurrentValue'"),
            Expect(1, Password, "'PropertyValues.this[]'"));
    }

    [Fact]
    public async Task An_entity_assigned_to_a_navigation_through_the_change_tracker_is_no_store_of_its_own()
    {
        // A navigation's value is another entity, whose row its own add keeps: only property entries and current values write data.
        await VerifyAsync("""
            public class Ledger : DbContext { }

            [SensitivePersonalInfo(Category.AuthenticationCredential)]
            public class Credential { public string Hash { get; set; } = ""; }

            class Linker
            {
                void Link(Ledger db, Account a, Credential credential, Credential[] history)
                {
                    db.Entry(a).Reference("Credential").CurrentValue = credential;
                    db.Entry(a).Collection("History").CurrentValue = history;
                    db.Entry(a).Property("Credential").CurrentValue = {|#0:credential|};
                }
            }
            """,
            Expect(0, "'Credential' (AuthenticationCredential)", "'MemberEntry.CurrentValue'"));
    }

    [Fact]
    public async Task Encrypted_hashed_and_protected_values_are_not_reported()
    {
        await VerifyAsync("""
            class Store
            {
                void Keep(Account a, IDataProtector protector, IPasswordHasher<Account> hasher)
                {
                    File.WriteAllText("a.txt", hasher.HashPassword(a, a.Password));
                    File.WriteAllText("b.txt", new PasswordHasher<Account>().HashPassword(a, a.Password));
                    File.WriteAllText("c.txt", protector.Protect(a.BankCard));
                    File.WriteAllText("d.txt", Vault.Seal(a.BankCard));
                    File.WriteAllBytes("e.txt", SHA256.HashData(Encoding.UTF8.GetBytes(a.Password)));
                    File.WriteAllText("f.txt", a.Password.Length.ToString());
                }
            }
            """);
    }

    // A CryptoStream created over a file encrypts what it writes there, and what a writer created over it writes; the file
    // itself, or a writer over the file, is written as typed.
    [Fact]
    public async Task Bytes_written_through_a_CryptoStream_into_a_file_are_encrypted()
    {
        await VerifyAsync("""
            class Store
            {
                void Keep(Account a, Aes aes, string path)
                {
                    using var file = File.Create(path);
                    using var crypto = new CryptoStream(file, aes.CreateEncryptor(), CryptoStreamMode.Write);
                    crypto.Write(Encoding.UTF8.GetBytes(a.Password));
                    new CryptoStream(new FileStream(path, FileMode.Append), aes.CreateEncryptor(), CryptoStreamMode.Write).Write(Encoding.UTF8.GetBytes(a.BankCard));
                    file.Write({|#0:Encoding.UTF8.GetBytes(a.Password)|});
                    using var writer = new StreamWriter(crypto);
                    writer.Write(a.BankCard);
                    writer?.Write(a.BankCard ?? "");
                    new BinaryWriter(crypto).Write(a.Password);
                    using var plain = new StreamWriter(file);
                    plain.Write({|#1:a.BankCard|});
                }
            }
            """,
            Expect(0, Password, "'FileStream.Write'"),
            Expect(1, BankCard, "'StreamWriter.Write'"));
    }

    [Fact]
    public async Task An_entity_member_without_an_encrypting_converter_is_reported_once_on_its_declaration()
    {
        await VerifyAsync("""
            public class Patient
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.AuthenticationCredential)] public string {|#0:PortalPassword|} { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string {|#1:InsuranceAccount|} { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string BankCard { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string Passbook { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string Fund { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string Housing { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string Social { get; set; } = "";
                [NotMapped, SensitivePersonalInfo(Category.AuthenticationCredential)] public string NewPassword { get; set; } = "";
                [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            }

            public class ClinicContext : DbContext
            {
                public DbSet<Patient> Patients { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    var patient = modelBuilder.Entity<Patient>();
                    patient.Property(p => p.InsuranceAccount).HasMaxLength(40).HasConversion(v => v.ToUpperInvariant(), v => v);
                    patient.Property(p => p.BankCard).IsRequired().HasConversion(v => Vault.Seal(v), v => Vault.Open(v));
                    patient.Property(p => p.Passbook).HasConversion(new ValueConverter<string, string>(v => Vault.Seal(v), v => Vault.Open(v)));
                    patient.Property(p => p.Fund).HasConversion<SealingConverter>();
                    patient.Property(p => p.Housing).HasConversion(Converters.Sealing);
                    patient.Property(p => p.Social).HasConversion(new SealingConverter());
                }
            }

            class Clinic
            {
                void Register(ClinicContext db, Patient p) => db.Patients.Add(p);
            }

            public class SealingConverter : ValueConverter<string, string>
            {
                public SealingConverter() : base(v => Vault.Seal(v), v => Vault.Open(v)) { }
            }

            public static class Converters
            {
                public static readonly ValueConverter Sealing = new SealingConverter();
            }
            """,
            ExpectOnEntity(0, "'Patient.PortalPassword' (AuthenticationCredential)", "the EF Core model of entity 'Patient'"),
            ExpectOnEntity(1, "'Patient.InsuranceAccount' (FinancialAccount)", "the EF Core model of entity 'Patient' (its value converter calls no encryptor)"));
    }

    [Fact]
    public async Task Conversions_given_through_a_builder_without_type_arguments_are_read()
    {
        await VerifyAsync("""
            public class Member
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string BankCard { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string {|#0:Passbook|} { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string Giro { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string {|#1:Deposit|} { get; set; } = "";
            }

            // Converted by a helper whose builder names no entity: no entity's member of that name is judged.
            public class Wallet
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string Pan { get; set; } = "";
            }

            public class ClinicContext : DbContext
            {
                public DbSet<Member> Members { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity(typeof(Member), member =>
                    {
                        member.Property("BankCard").IsRequired().HasConversion(new SealingConverter());
                        member.Property("Passbook").IsRequired();
                        member.Property("Giro").HasConversion(new ValueConverter<string, string>(v => Vault.Seal(v), v => Vault.Open(v)));
                        member.Property("Deposit").HasConversion(new ValueConverter<string, string>(v => v.Trim(), v => v));
                    });
                    modelBuilder.Entity<Wallet>(wallet => SealPan(wallet));
                }

                private static void SealPan(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder builder)
                {
                    builder.Property("Pan").HasConversion(new ValueConverter<string, string>(v => Vault.Seal(v), v => Vault.Open(v)));
                }
            }

            public class SealingConverter : ValueConverter<string, string>
            {
                public SealingConverter() : base(v => Vault.Seal(v), v => Vault.Open(v)) { }
            }
            """,
            ExpectOnEntity(0, "'Member.Passbook' (FinancialAccount)", "the EF Core model of entity 'Member'"),
            ExpectOnEntity(1, "'Member.Deposit' (FinancialAccount)", "the EF Core model of entity 'Member' (its value converter calls no encryptor)"));
    }

    [Fact]
    public async Task A_value_written_through_the_change_tracker_is_reported_unless_the_model_encrypts_that_member()
    {
        // The model is complete only at compilation end (the writes come first here): a value written into a member whose
        // converter encrypts, on the entity or the base type that declares it, is encrypted on its way to the table; an
        // entry not typed by its entity names no member of the model.
        await VerifyAsync("""
            public class Person
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string BankCard { get; set; } = "";
            }

            public class Patient : Person
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string {|#0:Passbook|} { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string {|#1:Fund|} { get; set; } = "";
            }

            class Clinic
            {
                void Correct(ClinicContext db, Patient p, Account a)
                {
                    db.Entry(p).Property(e => e.BankCard).CurrentValue = a.BankCard;
                    db.Entry(p).Property("BankCard").CurrentValue = a.BankCard;
                    db.Entry(p).Property<string>(nameof(Patient.BankCard)).CurrentValue = a.BankCard;
                    db.Entry(p).CurrentValues["BankCard"] = a.BankCard;
                    var entry = db.Entry(p);
                    entry.Property(e => e.BankCard).CurrentValue = a.BankCard;
                    db.Entry(p).Property(e => e.Passbook).CurrentValue = {|#2:a.BankCard|};
                    db.Entry(p).CurrentValues["Passbook"] = {|#3:a.BankCard|};
                    db.Entry(p).Property("CardToken").CurrentValue = {|#4:a.BankCard|};
                    db.Entry(p).Property(e => e.Fund).CurrentValue = {|#5:a.BankCard|};
                    db.Entry((object)p).Property("BankCard").CurrentValue = {|#6:a.BankCard|};
                }
            }

            public class ClinicContext : DbContext
            {
                public DbSet<Patient> Patients { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Person>().Property(p => p.BankCard).HasConversion(v => Vault.Seal(v), v => Vault.Open(v));
                    modelBuilder.Entity<Patient>().Property(p => p.Fund).HasConversion(v => v.Trim(), v => v);
                }
            }
            """,
            ExpectOnEntity(0, "'Patient.Passbook' (FinancialAccount)", "the EF Core model of entity 'Patient'"),
            ExpectOnEntity(1, "'Patient.Fund' (FinancialAccount)", "the EF Core model of entity 'Patient' (its value converter calls no encryptor)"),
            Expect(2, BankCard, "'PropertyEntry.CurrentValue'"),
            Expect(3, BankCard, "'PropertyValues.this[]'"),
            Expect(4, BankCard, "'MemberEntry.CurrentValue'"),
            Expect(5, BankCard, "'PropertyEntry.CurrentValue'"),
            Expect(6, BankCard, "'MemberEntry.CurrentValue'"));
    }

    [Fact]
    public async Task A_helper_writing_through_the_change_tracker_is_reported_unless_the_model_encrypts_that_member()
    {
        // The helper stores what its callers pass; the model, complete at compilation end where such paths are reported,
        // decides as for a write in the caller's own body.
        await VerifyAsync("""
            public class Patient
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string BankCard { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string {|#0:Passbook|} { get; set; } = "";
            }

            class Wards
            {
                public void PutCard(ClinicContext db, Patient p, string card) => db.Entry(p).Property(e => e.BankCard).CurrentValue = card;
                public void PutBook(ClinicContext db, Patient p, string card) => db.Entry(p).Property(e => e.Passbook).CurrentValue = card;
                public void PutToken(ClinicContext db, Patient p, string card) => db.Entry(p).Property("CardToken").CurrentValue = card;
            }

            class Clinic
            {
                void Admit(ClinicContext db, Wards wards, Patient p, Account a)
                {
                    wards.PutCard(db, p, a.BankCard);
                    wards.PutBook(db, p, {|#1:a.BankCard|});
                    wards.PutToken(db, p, {|#2:a.BankCard|});
                }
            }

            public class ClinicContext : DbContext
            {
                public DbSet<Patient> Patients { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Patient>().Property(p => p.BankCard).HasConversion(v => Vault.Seal(v), v => Vault.Open(v));
            }
            """,
            ExpectOnEntity(0, "'Patient.Passbook' (FinancialAccount)", "the EF Core model of entity 'Patient'"),
            Expect(1, BankCard, "'PropertyEntry.CurrentValue' through 'Wards.PutBook(ClinicContext, Patient, string)'").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Expect(2, BankCard, "'MemberEntry.CurrentValue' through 'Wards.PutToken(ClinicContext, Patient, string)'").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task Writes_by_name_with_branching_values_or_two_calls_deep_ask_the_model_of_the_member_written()
    {
        // The same verdict as a plain write in the caller's own body, whatever shape the write takes: an indexer of
        // CurrentValues names the member; a value with branches (`??`, `?:`) makes the graph capture the assignment's target
        // before them, and the member assigned is the one captured; a helper that hands the value to another helper is
        // followed to the write.
        await VerifyAsync("""
            public class Patient
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string BankCard { get; set; } = "";
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string {|#0:Passbook|} { get; set; } = "";
            }

            class Wards
            {
                public void ByName(ClinicContext db, Patient p, string card) => db.Entry(p).CurrentValues["BankCard"] = card;
                public void ByNameBook(ClinicContext db, Patient p, string card) => db.Entry(p).CurrentValues["Passbook"] = card;
                public void Either(ClinicContext db, Patient p, string? card, bool keep) => db.Entry(p).Property(e => e.BankCard).CurrentValue = keep ? card : "";
                public void EitherBook(ClinicContext db, Patient p, string? card, bool keep) => db.Entry(p).Property(e => e.Passbook).CurrentValue = keep ? card : "";
                public void OrEmpty(ClinicContext db, Patient p, string? card) => db.Entry(p).Property(e => e.BankCard).CurrentValue = card ?? "";
                public void OrEmptyBook(ClinicContext db, Patient p, string? card) => db.Entry(p).Property(e => e.Passbook).CurrentValue = card ?? "";
                public void Outer(ClinicContext db, Patient p, string card) => Inner(db, p, card.Trim());
                public void OuterBook(ClinicContext db, Patient p, string card) => InnerBook(db, p, card);
                void Inner(ClinicContext db, Patient p, string card) => db.Entry(p).Property(e => e.BankCard).CurrentValue = card;
                void InnerBook(ClinicContext db, Patient p, string card) => db.Entry(p).Property(e => e.Passbook).CurrentValue = card;
            }

            class Clinic
            {
                void Admit(ClinicContext db, Wards wards, Patient p, Account a, string? other)
                {
                    wards.ByName(db, p, a.BankCard);
                    wards.ByNameBook(db, p, {|#1:a.BankCard|});
                    wards.Either(db, p, a.BankCard, true);
                    wards.EitherBook(db, p, {|#2:a.BankCard|}, true);
                    wards.OrEmpty(db, p, a.BankCard);
                    wards.OrEmptyBook(db, p, {|#3:a.BankCard|});
                    wards.Outer(db, p, a.BankCard);
                    wards.OuterBook(db, p, {|#4:a.BankCard|});
                    db.Entry(p).Property(e => e.BankCard).CurrentValue = other ?? a.BankCard;
                    db.Entry(p).Property(e => e.Passbook).CurrentValue = {|#5:other ?? a.BankCard|};
                    db.Entry(p).Property(e => e.BankCard).CurrentValue = a.Id > 0 ? a.BankCard : "";
                    db.Entry(p).Property(e => e.Passbook).CurrentValue = {|#6:a.Id > 0 ? a.BankCard : ""|};
                }
            }

            public class ClinicContext : DbContext
            {
                public DbSet<Patient> Patients { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Patient>().Property(p => p.BankCard).HasConversion(v => Vault.Seal(v), v => Vault.Open(v));
            }
            """,
            ExpectOnEntity(0, "'Patient.Passbook' (FinancialAccount)", "the EF Core model of entity 'Patient'"),
            Expect(1, BankCard, "'PropertyValues.this[]' through 'Wards.ByNameBook(ClinicContext, Patient, string)'").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Expect(2, BankCard, "'PropertyEntry.CurrentValue' through 'Wards.EitherBook(ClinicContext, Patient, string?, bool)'").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Expect(3, BankCard, "'PropertyEntry.CurrentValue' through 'Wards.OrEmptyBook(ClinicContext, Patient, string?)'").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Expect(4, BankCard, "'PropertyEntry.CurrentValue' through 'Wards.OuterBook(ClinicContext, Patient, string)', 'Wards.InnerBook(ClinicContext, Patient, string)'").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Expect(5, BankCard, "'PropertyEntry.CurrentValue'"),
            Expect(6, BankCard, "'PropertyEntry.CurrentValue'"));
    }

    [Fact]
    public async Task Converters_set_by_convention_leave_every_entity_member_undecided()
    {
        await VerifyAsync("""
            public class Patient
            {
                public int Id { get; set; }
                [SensitivePersonalInfo(Category.AuthenticationCredential)] public string PortalPassword { get; set; } = "";
            }

            public class ClinicContext : DbContext
            {
                public DbSet<Patient> Patients { get; set; } = null!;

                protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
                    configurationBuilder.Properties<string>().HaveConversion<SealingConverter>();
            }

            class Portal
            {
                void Reset(ClinicContext db, Patient p, Account a) => db.Entry(p).Property(e => e.PortalPassword).CurrentValue = a.Password;
            }

            public class SealingConverter : ValueConverter<string, string>
            {
                public SealingConverter() : base(v => Vault.Seal(v), v => Vault.Open(v)) { }
            }
            """);
    }

    [Fact]
    public async Task Categories_listed_in_the_option_are_stored_encrypted_by_default()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                class Store
                {
                    void Keep(Account a)
                    {
                        File.WriteAllText("d.txt", {|#0:a.Diagnosis|});
                        File.WriteAllText("p.txt", {|#1:a.Password|});
                    }
                }
                """ + Model + Stubs,
        };
        EntityFrameworkStubs.AddTo(test.TestState);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nsensitivepi.encrypt_at_rest = MedicalHealth, Biometric\n"));
        test.ExpectedDiagnostics.Add(Expect(0, Diagnosis, "'File.WriteAllText'"));
        test.ExpectedDiagnostics.Add(Expect(1, Password, "'File.WriteAllText'"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_option_is_read_for_the_file_that_declares_the_data()
    {
        // The payments folder lists FinancialAccount; the clinic's file lists nothing: its card number is not Encrypted.
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/0/Payments/Card.cs", """
            using SensitivePi;

            public class Card
            {
                [SensitivePersonalInfo(Category.FinancialAccount)] public string Number { get; set; } = "";
            }
            """));
        test.TestState.Sources.Add(("/0/Clinic/Visit.cs", """
            using SensitivePi;

            public class Visit
            {
                [SensitivePersonalInfo(Category.FinancialAccount)] public string InsuranceNumber { get; set; } = "";
            }

            class Store
            {
                void Keep(Card card, Visit visit)
                {
                    System.IO.File.WriteAllText("c.txt", {|#0:card.Number|});
                    System.IO.File.WriteAllText("v.txt", visit.InsuranceNumber);
                }
            }
            """));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[/0/Payments/*.cs]\nsensitivepi.encrypt_at_rest = FinancialAccount\n"));
        test.ExpectedDiagnostics.Add(Expect(0, "'Card.Number' (FinancialAccount)", "'File.WriteAllText'"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_helper_that_stores_its_parameter_is_reported_where_the_credential_enters()
    {
        await VerifyAsync("""
            class Journal
            {
                public void Write(string line) => File.AppendAllText("journal.txt", line);
            }

            class Accounts
            {
                void Register(Journal journal, Account a)
                {
                    journal.Write({|#0:a.Password|});
                    journal.Write(Vault.Seal(a.Password));
                }
            }
            """,
            Expect(0, Password, "'File.AppendAllText' through 'Journal.Write(string)'").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    // docs/rules/SPI008.md: a form copied into an entity by name (`SetValues(form)`) is stored as the entity's members are: a
    // member whose converter encrypts clears what it receives.
    [Fact]
    public async Task A_form_copied_into_an_entity_by_name_is_judged_by_the_receiving_members_converters()
    {
        await VerifyAsync("""
            public class AccountForm
            {
                [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string BankCard { get; set; } = "";
                [SensitivePersonalInfo(Category.AuthenticationCredential)] public string Password { get; set; } = "";
            }

            public class Subscriber
            {
                public int Id { get; set; }
                public string BankCard { get; set; } = "";
                public string Password { get; set; } = "";
            }

            public class Club : DbContext
            {
                public DbSet<Subscriber> Subscribers { get; set; } = null!;
                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Subscriber>().Property(m => m.BankCard).HasConversion(v => Vault.Seal(v), v => Vault.Open(v));
            }

            class Desk
            {
                void Save(Club db, Subscriber subscriber, AccountForm form) => db.Entry(subscriber).CurrentValues.SetValues({|#0:form|});
            }
            """,
            Expect(0, "'AccountForm.Password' (AuthenticationCredential)", "'PropertyValues.SetValues'"));
    }

    // docs/design/value-flow-engine.md, "The entity model": a copy by name is judged only by the rules that read the EF Core model.
    // The consent rules and SPI006 never see it (the medical note and the raw face copied here need consent), though SPI008 does.
    [Fact]
    public async Task A_copy_by_name_is_the_at_rest_rules_alone()
    {
        var test = new AnalyzerVerifier<SingleRule.StorageAndConsent>.Test
        {
            TestCode = Usings + """
                public class IntakeForm
                {
                    [SensitivePersonalInfo(Category.AuthenticationCredential)] public string Password { get; set; } = "";
                    [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
                    [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)] public byte[] Face { get; set; } = System.Array.Empty<byte>();
                }

                public class Member
                {
                    public int Id { get; set; }
                    public string Password { get; set; } = "";
                    public string Diagnosis { get; set; } = "";
                    public byte[] Face { get; set; } = System.Array.Empty<byte>();
                }

                public class Club : DbContext
                {
                    public DbSet<Member> Members { get; set; } = null!;
                }

                class Desk
                {
                    void Save(Club db, Member member, IntakeForm form) => db.Entry(member).CurrentValues.SetValues({|#0:form|});
                }
                """ + Stubs,
        };
        EntityFrameworkStubs.AddTo(test.TestState);
        test.ExpectedDiagnostics.Add(Expect(0, "'IntakeForm.Password' (AuthenticationCredential)", "'PropertyValues.SetValues'"));
        await test.RunAsync(CancellationToken.None);
    }

    // docs/rules/SPI008.md: Identity's stores give the user's [ProtectedPersonalData] members a converter that encrypts when the
    // application asks at startup, which is not read: those are not judged; the user's other members are stored as held.
    [Fact]
    public async Task Identitys_stores_leave_protected_members_unjudged_and_store_the_others_as_held()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Identity;
                using Microsoft.EntityFrameworkCore;
                using SensitivePi;

                public class Patient : IdentityUser
                {
                    [ProtectedPersonalData] public string NationalId { get; set; } = "";
                    [SensitivePersonalInfo(Category.FinancialAccount, AtRest = AtRest.Encrypted)] public string {|#0:BankCard|} { get; set; } = "";
                }

                public class ClinicContext : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<Patient>
                {
                    protected override void OnModelCreating(ModelBuilder builder) => base.OnModelCreating(builder);
                }
                """,
        };
        IdentityStoreStubs.AddTo(test.TestState);
        test.ExpectedDiagnostics.Add(ExpectOnEntity(0, "'Patient.BankCard' (FinancialAccount)", "the EF Core model of entity 'Patient'"));
        await test.RunAsync(CancellationToken.None);
    }

    // docs/rules/SPI008.md: a credential set to an unannotated member is stored as the model stores that member: not where the
    // object is no entity, the member is left out or its converter encrypts, nor once hashed; an annotated member describes
    // what it holds and is judged on its declaration.
    [Fact]
    public async Task A_credential_set_to_an_entity_member_the_model_stores_is_reported_at_the_value()
    {
        await VerifyAsync("""
            public class SignUpForm
            {
                [SensitivePersonalInfo(Category.AuthenticationCredential)] public string Password { get; set; } = "";
                [SensitivePersonalInfo(Category.AuthenticationCredential)] public string Pin { get; set; } = "";
                [SensitivePersonalInfo(Category.Other, AtRest = AtRest.Encrypted)] public DateTime? Born { get; set; }
            }

            public class Person
            {
                public int Id { get; set; }
                public string Temporary { get; set; } = "";
            }

            public class Member : Person
            {
                private string _sealed = "";
                public string Secret { get; set; } = "";
                public string Backup { get; set; } = "";
                public DateTime? Birthday { get; set; }
                public string SealedInSetter { get => _sealed; set => _sealed = Vault.Seal(value); }
                public string Hashed { get; set; } = "";
                [NotMapped] public string Typed { get; set; } = "";
                public string Skipped { get; set; } = "";
                public string Sealed { get; set; } = "";
                [SensitivePersonalInfo(Category.Other)] public string Note { get; set; } = "";
            }

            public class Guest : Member
            {
            }

            public class MemberEdit : Member
            {
                public string Confirm { get; set; } = "";
            }

            public class MemberView
            {
                public string Secret { get; set; } = "";
            }

            public class Club : DbContext
            {
                public DbSet<Person> People { get; set; } = null!;
                public DbSet<Member> Members { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Person>().Ignore(p => p.Temporary);
                    modelBuilder.Entity<Member>().Ignore(m => m.Skipped);
                    modelBuilder.Entity<Member>().Property(m => m.Sealed).HasConversion(v => Vault.Seal(v), v => Vault.Open(v));
                }
            }

            class Desk
            {
                void Join(Club db, SignUpForm form, IPasswordHasher<Member> hasher)
                {
                    var member = new Member { Secret = {|#0:form.Password|} };
                    member.Backup = {|#1:form.Pin|};
                    member.Hashed = hasher.HashPassword(member, form.Pin);
                    member.Typed = form.Password;
                    member.Skipped = form.Password;
                    member.Sealed = form.Password;
                    member.Note = form.Password;
                    new Guest().Backup = {|#2:form.Password|};
                    member.Birthday = {|#3:form.Born|};
                    member.SealedInSetter = form.Password;
                    member.Temporary = form.Password;
                    new MemberEdit().Confirm = form.Password;
                    var view = new MemberView { Secret = form.Password };
                    db.Members.Add(member);
                }
            }
            """,
            ExpectOnEntity(0, "'SignUpForm.Password' (AuthenticationCredential)", "the EF Core model of entity 'Member' (its member 'Secret')"),
            ExpectOnEntity(1, "'SignUpForm.Pin' (AuthenticationCredential)", "the EF Core model of entity 'Member' (its member 'Backup')"),
            ExpectOnEntity(2, "'SignUpForm.Password' (AuthenticationCredential)", "the EF Core model of entity 'Guest' (its member 'Backup')"),
            ExpectOnEntity(3, "'SignUpForm.Born' (Other)", "the EF Core model of entity 'Member' (its member 'Birthday')"));
    }

    // docs/rules/SPI008.md: a method that sets an entity's member to what it is given (a helper, a factory, the entity's own
    // constructor or method) is reported where the credential enters, naming the path, and a member set to what a method
    // returns where it is set; not where the object is no entity, nor where the helper hashes it.
    [Fact]
    public async Task A_credential_a_helper_sets_to_an_entity_member_is_reported_where_it_enters()
    {
        await VerifyAsync("""
            public class SignUpForm
            {
                [SensitivePersonalInfo(Category.AuthenticationCredential)] public string Password { get; set; } = "";
                [SensitivePersonalInfo(Category.AuthenticationCredential)] public string Pin { get; set; } = "";
            }

            public class Member
            {
                public Member()
                {
                }

                public Member(string backup) => Backup = backup;

                public int Id { get; set; }
                public string Secret { get; set; } = "";
                public string Backup { get; set; } = "";

                public void Rotate(string secret) => Secret = secret;
            }

            public class MemberView
            {
                public string Secret { get; set; } = "";
            }

            public class Club : DbContext
            {
                public DbSet<Member> Members { get; set; } = null!;
            }

            class Desk
            {
                void Join(Club db, SignUpForm form) => db.Members.Add(Create({|#0:form.Password|}));

                void Reset(Club db, Member member, SignUpForm form, IPasswordHasher<Member> hasher)
                {
                    Keep(member, {|#1:form.Pin|});
                    KeepHashed(member, form.Pin, hasher);
                    Show(new MemberView(), form.Password);
                    member.Rotate({|#2:form.Password|});
                    db.Members.Add(new Member({|#3:form.Pin|}));
                    member.Secret = {|#4:Fetch(form)|};
                }

                static string Fetch(SignUpForm form) => form.Password;

                static Member Create(string secret) => new Member { Secret = secret };

                static void Keep(Member member, string secret) => member.Backup = secret;

                static void KeepHashed(Member member, string secret, IPasswordHasher<Member> hasher) => member.Backup = hasher.HashPassword(member, secret);

                static void Show(MemberView view, string secret) => view.Secret = secret;
            }
            """,
            ExpectOnEntity(0, "'SignUpForm.Password' (AuthenticationCredential)", "the EF Core model of entity 'Member' (its member 'Secret') through 'Desk.Create(string)'")
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            ExpectOnEntity(1, "'SignUpForm.Pin' (AuthenticationCredential)", "the EF Core model of entity 'Member' (its member 'Backup') through 'Desk.Keep(Member, string)'")
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            ExpectOnEntity(2, "'SignUpForm.Password' (AuthenticationCredential)", "the EF Core model of entity 'Member' (its member 'Secret') through 'Member.Rotate(string)'")
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            ExpectOnEntity(3, "'SignUpForm.Pin' (AuthenticationCredential)", "the EF Core model of entity 'Member' (its member 'Backup') through 'new Member(string)'")
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            ExpectOnEntity(4, "'SignUpForm.Password' (AuthenticationCredential)", "the EF Core model of entity 'Member' (its member 'Secret')"));
    }

    [Fact]
    public async Task Half_typed_code_raises_no_exception()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                public class Patient
                {
                    [SensitivePersonalInfo(Category.AuthenticationCredential)] public string PortalPassword { get; set; } = "";
                }

                public class ClinicContext : DbContext
                {
                    public DbSet<Patient> Patients { get; set; } = null!;
                    protected override void OnModelCreating(ModelBuilder modelBuilder)
                    {
                        modelBuilder.Entity<Patient>().Property(p => p.).HasConversion(v => Vault.Seal(v), );
                        File.WriteAllText("x", new Account().Password.
                    }

                    public DbSet<Holder> Holders { get; set; } = null!;
                }

                public class Holder { public string Secret { get; set; } = ""; public Missing Other { get; set; } }

                class Desk
                {
                    void Keep(ClinicContext db, Account account)
                    {
                        var holder = new Holder { Secret = account.Password, Other = account., Unknown = account.Password };
                        holder.Secret = account.
                        holder.Nothing = account.Password;
                        ((Holder)null!).Secret = account.Password
                        db.Holders.Add(holder);
                    }
                }
                """ + Model + Stubs,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        EntityFrameworkStubs.AddTo(test.TestState);
        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Expect(int markup, string data, string sink) =>
        Verify.Diagnostic(Descriptors.UnencryptedStorage).WithLocation(markup).WithArguments(data, sink, ExpectedCitations.AtRest(data));

    private static DiagnosticResult ExpectOnEntity(int markup, string data, string store) =>
        Verify.Diagnostic(Descriptors.UnencryptedStorage).WithLocation(markup).WithArguments(data, store, ExpectedCitations.AtRest(data));

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Usings + source + Model + Stubs };
        EntityFrameworkStubs.AddTo(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}
