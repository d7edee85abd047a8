using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityClinic;

/// <summary>Sends test orders to the district laboratory; its address comes from the registration below.</summary>
public sealed class LabOrderClient(HttpClient http)
{
    public async Task OrderTestAsync(Patient patient, string test, CancellationToken cancellationToken)
    {
        // The relative URI goes to the BaseAddress that AddClinicClients gives this typed client: plain HTTP.
        using var response = await http.PostAsJsonAsync("orders", new { patient.ResidentIdNumber, test }, cancellationToken); // expect: SPI001
        response.EnsureSuccessStatusCode();
    }
}

public static class ClinicClients
{
    public static IServiceCollection AddClinicClients(this IServiceCollection services)
    {
        // "It is on the district network", so nobody asked for TLS.
        services.AddHttpClient<LabOrderClient>(client => client.BaseAddress = new Uri("http://lab.district-health.example.cn/api/"));
        return services;
    }
}
