using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using SensitivePi;

namespace CommunityClinic;

/// <summary>Card payments for consultations and prescriptions, through the acquiring bank's gateway.</summary>
public sealed class PaymentService(HttpClient http, ILogger<PaymentService> logger)
{
    private static readonly Uri ChargeEndpoint = new("https://pay.example-bank.cn/v1/charges");

    public async Task<bool> PayAsync(CardPayment payment, CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Charging {Amount} to card {Card} for patient {PatientId}",
            payment.Amount,
            PiMask.BankCardNumber(payment.CardNumber),
            payment.PatientId);

        using var response = await http.PostAsJsonAsync(ChargeEndpoint, payment, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // SPI002 fixed: masked like the line above, 6217********1234.
            logger.LogWarning("Card {Card} was declined: {Status}", PiMask.BankCardNumber(payment.CardNumber), response.StatusCode);
            return false;
        }

        return true;
    }
}
