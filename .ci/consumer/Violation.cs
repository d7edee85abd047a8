// A violation planted on purpose: .ci/check-package asserts SPI002 is reported on line 9, as a warning
// by default and as an error with SensitivePiTreatViolationsAsErrors=true.
namespace Consumer;

public static class Violation
{
    public static void Print(Customer customer)
    {
        System.Console.WriteLine(customer.IdNumber);
    }
}
