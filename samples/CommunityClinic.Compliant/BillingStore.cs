using System.ComponentModel.DataAnnotations.Schema;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SensitivePi;

namespace CommunityClinic;

/// <summary>A card kept on file for recurring payments (prescription refills), in the billing database.</summary>
public sealed class StoredCard
{
    public int Id { get; set; }

    public required string PatientId { get; set; }

    // SPI012 fixed: classified, so that every rule follows it (and stored encrypted, as the card number).
    [SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber, LegalBasis = LegalBasis.ContractNecessity, AtRest = AtRest.Encrypted)]
    public string? HolderIdNumber { get; set; }

    // SPI008 fixed: stored through the encrypting value converter configured below.
    [SensitivePersonalInfo(Category.FinancialAccount, Mask = MaskKind.BankCardNumber, LegalBasis = LegalBasis.ContractNecessity, AtRest = AtRest.Encrypted)]
    public required string CardNumber { get; set; }

    // SPI007 fixed: used for the one transaction, never written to the database.
    [NotMapped]
    [SensitivePersonalInfo(Category.FinancialAccount, LegalBasis = LegalBasis.ContractNecessity, AtRest = AtRest.NeverStore)]
    public string? SecurityCode { get; set; }
}

public sealed class BillingDbContext(DbContextOptions<BillingDbContext> options) : DbContext(options)
{
    public DbSet<StoredCard> Cards => Set<StoredCard>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var card = modelBuilder.Entity<StoredCard>();
        card.Property(c => c.CardNumber).HasConversion(number => CardVault.Seal(number), sealedNumber => CardVault.Open(sealedNumber));
        card.Property(c => c.HolderIdNumber).HasConversion(id => id == null ? null : CardVault.Seal(id), sealedId => sealedId == null ? null : CardVault.Open(sealedId));
    }
}

/// <summary>Card numbers at rest: AES with the key from the billing key store (a fixed demo key here).</summary>
public static class CardVault
{
    private static readonly byte[] Key = SHA256.HashData("community-clinic-demo-key"u8);

    [EncryptsPersonalInfo]
    public static string Seal(string number)
    {
        using var aes = Aes.Create();
        aes.Key = Key;
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(number), aes.IV);
        return Convert.ToBase64String(aes.IV) + ":" + Convert.ToBase64String(cipher);
    }

    public static string Open(string sealedNumber)
    {
        var parts = sealedNumber.Split(':');
        using var aes = Aes.Create();
        aes.Key = Key;
        return Encoding.UTF8.GetString(aes.DecryptCbc(Convert.FromBase64String(parts[1]), Convert.FromBase64String(parts[0])));
    }
}

// SPI008 fixed: the number is encrypted before it goes into the file, as the contract asks.
/// <summary>The nightly file the bank reconciles refills against.</summary>
public static class RefillExport
{
    public static void Append(string path, StoredCard card) =>
        File.AppendAllText(path, card.PatientId + ";" + CardVault.Seal(card.CardNumber) + Environment.NewLine);
}
