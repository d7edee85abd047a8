// Violations planted on purpose: tests/SensitivePi.Tests/Package asserts each rule is reported on the line its
// comment names (warnings by default, errors with SensitivePiTreatViolationsAsErrors=true), that the two
// suppressed occurrences stay silent, and what `dotnet format analyzers` rewrites. Keep the line numbers.
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using SensitivePi;

namespace Consumer;

public sealed class Kiosk
{
    [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)]
    public byte[] Photo { get; set; } = new byte[0];

    [SensitivePersonalInfo(Category.MedicalHealth)]
    public string Diagnosis { get; set; } = "";

    [SensitivePersonalInfo(Category.MinorUnder14)]
    public string ChildNote { get; set; } = "";

    public static void Print(Customer customer)
    {
        System.Console.WriteLine(customer.IdNumber); // SPI002 line 25
    }

    public async Task SendAsync(HttpClient http) =>
        await http.PostAsync("http://partner.example.cn/api", new StringContent(Diagnosis)); // SPI001 + SPI003 line 29

    public void Archive() => File.WriteAllBytes("face.jpg", Photo); // SPI003 + SPI006 line 31

    public void Remember() => File.WriteAllText("child.txt", ChildNote); // SPI005 line 33

    [IdentityVerification("door")]
    public bool Door(byte[] probe) => Matches(Photo, probe); // SPI004 line 36

    public static void Suppressed(Customer customer)
    {
#pragma warning disable SPI002 // the console is a local debugging aid here
        System.Console.WriteLine(customer.IdNumber);
#pragma warning restore SPI002
    }

    [SuppressMessage("SensitivePersonalInfo", "SPI002", Justification = "Masked by the terminal driver.")]
    public static void AlsoSuppressed(Customer customer) => System.Console.WriteLine(customer.IdNumber);

    private static bool Matches(byte[] enrolled, byte[] probe) => enrolled.Length == probe.Length;

    public static Task LookUpAsync(HttpClient http, Customer customer) =>
        http.GetAsync("https://partner.example.cn/api/customers?id=" + customer.IdNumber); // SPI010 line 51

    public static void Check(Customer customer)
    {
        if (customer.IdNumber.Length != 18) throw new System.ArgumentException("Invalid ID number " + customer.IdNumber); // SPI011 line 55
    }

    public Task UploadAsync(HttpClient http) =>
        http.PostAsync("https://faces.example.cn/api", new ByteArrayContent(Photo)); // SPI014 line 59

    [SensitivePi.MasksPersonalInfo] // SPI013 line 61
    public static string Hide(string value) => value;

    [SensitivePersonalInfo(Category.FinancialAccount, LegalBasis = LegalBasis.ContractNecessity, AtRest = AtRest.NeverStore)]
    public string Cvn2 { get; set; } = "";

    public void KeepCard() => File.WriteAllText("card.txt", Cvn2); // SPI007 line 67

    [SensitivePersonalInfo(Category.AuthenticationCredential, LegalBasis = LegalBasis.ContractNecessity)]
    public string Password { get; set; } = "";

    public void KeepPassword() => File.WriteAllText("password.txt", Password); // SPI008 line 72

    public static void Greet(Microsoft.AspNetCore.Http.HttpResponse response, Customer customer) =>
        response.Cookies.Append("customer", customer.IdNumber); // SPI009 line 75
}
