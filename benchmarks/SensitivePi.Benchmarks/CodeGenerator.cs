using System.Text;

namespace SensitivePi.Benchmarks;

/// <summary>
/// Deterministic, realistic input: per unit an annotated entity and a service that logs, sends, stores,
/// checks consent and verifies identity, mixed with ordinary code, and hands data to a logging helper, logs a
/// helper's result and passes a request to a generic pipeline step. About one call site in ten is a
/// violation. The unannotated variant is the same code without any classification attribute.
/// </summary>
internal static class CodeGenerator
{
    public const int LinesPerUnit = 140;

    public static string Unit(int index, bool annotated)
    {
        string A(string attribute) => annotated ? attribute + " " : string.Empty;
        var leak = index % 10 == 0;
        var code = new StringBuilder();
        code.Append($$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            using SensitivePi;

            namespace Bench.Unit{{index}}
            {
                public class Patient{{index}}
                {
                    {{A("[ConsentSubject]")}}public string Id { get; set; } = "";
                    {{A("[SensitivePersonalInfo(Category.SpecificIdentity, Mask = MaskKind.IdCardNumber)]")}}public string IdNumber { get; set; } = "";
                    {{A("[SensitivePersonalInfo(Category.MedicalHealth)]")}}public string Diagnosis { get; set; } = "";
                    {{A("[SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)]")}}public byte[] Face { get; set; } = new byte[0];
                    {{A("[SensitivePersonalInfo(Category.FinancialAccount, Mask = MaskKind.BankCardNumber)]")}}public string Card { get; set; } = "";
                    {{A("[SensitivePersonalInfo(Category.AuthenticationCredential)]")}}public string Password { get; set; } = "";
                    {{A("[SensitivePersonalInfo(Category.MinorUnder14)]")}}public string ChildNote { get; set; } = "";
                    public string City { get; set; } = "";
                    public int Visits { get; set; }
                }

                public sealed class Service{{index}}
                {
                    private const string Partner = "{{(leak ? "http" : "https")}}://partner{{index}}.example.cn/api";
                    private readonly ILogger _logger;
                    private readonly HttpClient _http;
                    private readonly ISeparateConsentService _consent;

                    public Service{{index}}(ILogger logger, HttpClient http, ISeparateConsentService consent)
                    {
                        _logger = logger;
                        _http = http;
                        _consent = consent;
                    }

                    public void LogVisit(Patient{{index}} p)
                    {
                        _logger.LogInformation("Visit of {Id} in {City}", PiMask.IdCardNumber(p.IdNumber), p.City);
                        _logger.LogDebug("Card {Card}", {{(leak ? "p.Card" : "PiMask.BankCardNumber(p.Card)")}});
                    }

                    public async Task SendAsync(Patient{{index}} p, CancellationToken cancellationToken)
                    {
                        if (!await _consent.HasSeparateConsentAsync(p.Id, Category.MedicalHealth, "referral", cancellationToken))
                        {
                            return;
                        }

                        using var content = new StringContent(p.Diagnosis);
                        using var response = await _http.PostAsync(Partner, content, cancellationToken);
                        _logger.LogInformation("Referral sent: {Status}", response.StatusCode);
                    }

                    public async Task StoreAsync(Patient{{index}} p, CancellationToken cancellationToken)
                    {
                        {{(leak ? "" : "if (!_consent.HasSeparateConsent(p.Id, Category.Biometric, \"archive\")) return;")}}
                        await File.WriteAllBytesAsync("faces/" + p.Id + ".jpg", {{(leak ? "p.Face" : "p.Face")}}, cancellationToken);
                        await File.WriteAllTextAsync("visits/" + p.Id + ".txt", p.Visits.ToString(), cancellationToken);
                    }

                    {{A("[IdentityVerification(\"ward " + index + "\")]")}}public bool WardByFace(Patient{{index}} p, byte[] probe) => p.Face.Length == probe.Length;

                    {{A("[IdentityVerification(\"ward " + index + "\")]")}}public bool WardByPassword(Patient{{index}} p, string password) => p.Password == password;

                    public int Ordinary(List<int> values, string mode)
                    {
                        var total = 0;
                        foreach (var value in values.Where(v => v > 0).OrderBy(v => v))
                        {
                            total += value % 7;
                        }

                        switch (mode)
                        {
                            case "sum":
                                return total;
                            case "max":
                                return values.Count == 0 ? 0 : values.Max();
                            default:
                                return values.Select((v, i) => v * i).Sum();
                        }
                    }

                    public async Task<string> DescribeAsync(IEnumerable<Patient{{index}}> patients)
                    {
                        await Task.Yield();
                        var cities = patients.GroupBy(p => p.City).Select(g => g.Key + ":" + g.Count());
                        return string.Join(",", cities);
                    }

                    // Cross-method shapes: a helper that logs, a helper whose result is logged, a request handed to
                    // a generic pipeline step.
                    public void Register(Patient{{index}} p)
                    {
                        Audit{{index}}.Write(_logger, "register", {{(leak ? "p.IdNumber" : "p.Id")}});
                        _logger.LogInformation("Registered {Summary}", Audit{{index}}.Summary(p));
                        new Pipeline{{index}}(_logger).Handle(new Admit{{index}}(p.City, p.IdNumber));
                    }
                }

                public static class Audit{{index}}
                {
                    public static void Write(ILogger logger, string action, string subject) =>
                        logger.LogInformation("Audit {Action} on {Subject}", action, subject);

                    public static string Summary(Patient{{index}} p) => p.City + " (" + p.Visits + " visits)";
                }

                public interface ICommand{{index}}
                {
                }

                public sealed record Admit{{index}}(string Ward, {{A("[SensitivePersonalInfo(Category.SpecificIdentity)]")}}string IdNumber) : ICommand{{index}};

                public sealed class Pipeline{{index}}
                {
                    private readonly ILogger _logger;

                    public Pipeline{{index}}(ILogger logger) => _logger = logger;

                    public void Handle<TCommand>(TCommand command)
                        where TCommand : ICommand{{index}} =>
                        _logger.LogInformation({{(leak ? "\"Handling {@Command}\", command" : "\"Handling {Command}\", typeof(TCommand).Name")}});
                }
            }

            """);
        return code.ToString();
    }
}
