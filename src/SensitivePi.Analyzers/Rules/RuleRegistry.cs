using System.Collections.Immutable;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// Every value-flow rule <see cref="SensitiveDataFlowAnalyzer"/> runs, in the order it asks them. A new rule
/// is one line here (docs/design/architecture.md, "Adding a rule"). Rule objects hold strings and
/// descriptors only, so they may live in a static.
/// </summary>
internal static class RuleRegistry
{
    public static ImmutableArray<ValueFlowRule> ValueFlowRules { get; } = ImmutableArray.Create<ValueFlowRule>(
        new UnencryptedTransmission(),
        new UnmaskedLogging(),
        new MissingSeparateConsent(),
        new MissingGuardianConsent(),
        new RawBiometricPersisted(),
        new NeverStoredPaymentData(),
        new UnencryptedStorage(),
        new UnmaskedResponse(),
        new SensitiveDataInUrl(),
        new SensitiveDataInException(),
        new BiometricLeavesDevice());
}
