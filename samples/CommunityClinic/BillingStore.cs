using Microsoft.EntityFrameworkCore;
using SensitivePi;

namespace CommunityClinic;

/// <summary>A card kept on file for recurring payments (prescription refills), in the billing database.</summary>
public sealed class StoredCard
{
    public int Id { get; set; }

    public required string PatientId { get; set; }

    // Added for the bank's fraud checks and never classified: SPI012 suggests it (an Info in the editor, not a
    // build warning), and no rule follows it until it is.
    public string? HolderIdNumber { get; set; }

    // Contract texts with the acquiring bank: card numbers are kept encrypted at rest.
    [SensitivePersonalInfo(Category.FinancialAccount, Mask = MaskKind.BankCardNumber, LegalBasis = LegalBasis.ContractNecessity, AtRest = AtRest.Encrypted)]
    public required string CardNumber { get; set; } // expect: SPI008

    // Kept "to make refills faster": the security code is for the one transaction only.
    [SensitivePersonalInfo(Category.FinancialAccount, LegalBasis = LegalBasis.ContractNecessity, AtRest = AtRest.NeverStore)]
    public string? SecurityCode { get; set; } // expect: SPI007
}

public sealed class BillingDbContext(DbContextOptions<BillingDbContext> options) : DbContext(options)
{
    public DbSet<StoredCard> Cards => Set<StoredCard>();
}

/// <summary>The nightly file the bank reconciles refills against.</summary>
public static class RefillExport
{
    public static void Append(string path, StoredCard card) =>
        File.AppendAllText(path, card.PatientId + ";" + card.CardNumber + Environment.NewLine); // expect: SPI008
}
