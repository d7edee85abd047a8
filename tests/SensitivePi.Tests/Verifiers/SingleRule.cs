using SensitivePi.Analyzers;
using SensitivePi.Analyzers.Rules;




namespace SensitivePi.Tests.Verifiers;

/// <summary>
/// The shipped value-flow analyzer restricted to one rule, so that a rule's tests see its diagnostics only;
/// the code paths are the shipped ones (<see cref="SensitiveDataFlowAnalyzer"/>).
/// </summary>
public static class SingleRule
{
    public sealed class UnencryptedTransmission : SensitiveDataFlowAnalyzer
    {
        public UnencryptedTransmission()
            : base(ValueFlowRules.UnencryptedTransmission)
        {
        }
    }

    public sealed class UnmaskedLogging : SensitiveDataFlowAnalyzer
    {
        public UnmaskedLogging()
            : base(ValueFlowRules.UnmaskedLogging)
        {
        }
    }

    public sealed class MissingSeparateConsent : SensitiveDataFlowAnalyzer
    {
        public MissingSeparateConsent()
            : base(ValueFlowRules.MissingSeparateConsent)
        {
        }
    }

    public sealed class MissingGuardianConsent : SensitiveDataFlowAnalyzer
    {
        public MissingGuardianConsent()
            : base(ValueFlowRules.MissingGuardianConsent)
        {
        }
    }

    public sealed class RawBiometricPersisted : SensitiveDataFlowAnalyzer
    {
        public RawBiometricPersisted()
            : base(ValueFlowRules.RawBiometricPersisted)
        {
        }
    }

    public sealed class NeverStoredPaymentData : SensitiveDataFlowAnalyzer
    {
        public NeverStoredPaymentData()
            : base(ValueFlowRules.NeverStoredPaymentData)
        {
        }
    }

    public sealed class UnencryptedStorage : SensitiveDataFlowAnalyzer
    {
        public UnencryptedStorage()
            : base(ValueFlowRules.UnencryptedStorage)
        {
        }
    }

    public sealed class UnmaskedResponse : SensitiveDataFlowAnalyzer
    {
        public UnmaskedResponse()
            : base(ValueFlowRules.UnmaskedResponse)
        {
        }
    }

    public sealed class SensitiveDataInUrl : SensitiveDataFlowAnalyzer
    {
        public SensitiveDataInUrl()
            : base(ValueFlowRules.SensitiveDataInUrl)
        {
        }
    }

    public sealed class SensitiveDataInException : SensitiveDataFlowAnalyzer
    {
        public SensitiveDataInException()
            : base(ValueFlowRules.SensitiveDataInException)
        {
        }
    }

    public sealed class BiometricLeavesDevice : SensitiveDataFlowAnalyzer
    {
        public BiometricLeavesDevice()
            : base(ValueFlowRules.BiometricLeavesDevice)
        {
        }
    }

    /// <summary>SPI014 beside SPI003: a biometric send is SPI014's, never SPI003's.</summary>
    public sealed class BiometricAndConsent : SensitiveDataFlowAnalyzer
    {
        public BiometricAndConsent()
            : base(ValueFlowRules.BiometricLeavesDevice | ValueFlowRules.MissingSeparateConsent)
        {
        }
    }

    /// <summary>SPI008 beside SPI003 and SPI006: a copy by name is the at-rest rules' alone.</summary>
    public sealed class StorageAndConsent : SensitiveDataFlowAnalyzer
    {
        public StorageAndConsent()
            : base(ValueFlowRules.UnencryptedStorage | ValueFlowRules.MissingSeparateConsent | ValueFlowRules.RawBiometricPersisted)
        {
        }
    }

    /// <summary>SPI010 beside SPI001: which of the two reports a sensitive URL depends on the channel.</summary>
    public sealed class UrlAndTransmission : SensitiveDataFlowAnalyzer
    {
        public UrlAndTransmission()
            : base(ValueFlowRules.SensitiveDataInUrl | ValueFlowRules.UnencryptedTransmission)
        {
        }
    }
}
