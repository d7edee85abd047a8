using System;

namespace SensitivePi.Analyzers.Rules;

/// <summary>The rules <see cref="SensitiveDataFlowAnalyzer"/> checks; all of them in the shipped analyzer.</summary>
[Flags]
public enum ValueFlowRules
{
    None = 0,

    /// <summary>SPI001.</summary>
    UnencryptedTransmission = 1,

    /// <summary>SPI002.</summary>
    UnmaskedLogging = 2,

    /// <summary>SPI003.</summary>
    MissingSeparateConsent = 4,

    /// <summary>SPI005.</summary>
    MissingGuardianConsent = 8,

    /// <summary>SPI006.</summary>
    RawBiometricPersisted = 16,

    /// <summary>SPI010.</summary>
    SensitiveDataInUrl = 32,

    /// <summary>SPI011.</summary>
    SensitiveDataInException = 64,

    /// <summary>SPI014.</summary>
    BiometricLeavesDevice = 128,

    /// <summary>SPI007.</summary>
    NeverStoredPaymentData = 256,

    /// <summary>SPI008.</summary>
    UnencryptedStorage = 512,

    /// <summary>SPI009.</summary>
    UnmaskedResponse = 1024,

    /// <summary>Every rule, those added later included.</summary>
    All = ~None,
}
