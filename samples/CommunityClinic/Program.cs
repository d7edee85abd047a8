using SensitivePi;

// This sample is meant to be built, not run: building it shows SensitivePiAnalyzers' warnings on the
// lines that carry an "expect" comment naming the rule. ../CommunityClinic.Compliant is the same
// application without them.
Console.WriteLine("CommunityClinic: build this project to see the SPI001-SPI006, SPI010, SPI011 and SPI014 warnings (see samples/README.md).");
Console.WriteLine($"How a resident ID number appears in the clinic's logs: {PiMask.IdCardNumber("110101199003077777")}");
Console.WriteLine($"How a bank card number appears: {PiMask.BankCardNumber("6217000012341234")}");
