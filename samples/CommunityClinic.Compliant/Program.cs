using SensitivePi;

// The compliant twin of ../CommunityClinic: the same application with every SensitivePi finding fixed.
// Its .editorconfig turns any SPI diagnostic into a build error, so a clean build is the proof.
Console.WriteLine("CommunityClinic.Compliant: builds with no SPI diagnostics (see samples/README.md).");
Console.WriteLine($"How a resident ID number appears in the clinic's logs: {PiMask.IdCardNumber("110101199003077777")}");
Console.WriteLine($"How a bank card number appears: {PiMask.BankCardNumber("6217000012341234")}");
