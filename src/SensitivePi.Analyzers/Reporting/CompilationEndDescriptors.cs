using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers;

/// <summary>
/// Twins of the descriptors in <see cref="Descriptors"/> for what a rule reports at compilation end: findings that
/// need the whole compilation (docs/design/value-flow-engine.md, "Across methods"). Same id, title and message; the CompilationEnd tag
/// tells the IDE that they appear under full-solution analysis, while the rule's other reports appear as the
/// user types.
/// </summary>
internal static class CompilationEndDescriptors
{
    public static readonly DiagnosticDescriptor UnencryptedTransmission = DescriptorFactory.AtCompilationEnd(Descriptors.UnencryptedTransmission);

    public static readonly DiagnosticDescriptor UnmaskedLogging = DescriptorFactory.AtCompilationEnd(Descriptors.UnmaskedLogging);

    public static readonly DiagnosticDescriptor MissingSeparateConsent = DescriptorFactory.AtCompilationEnd(Descriptors.MissingSeparateConsent);

    public static readonly DiagnosticDescriptor MissingGuardianConsent = DescriptorFactory.AtCompilationEnd(Descriptors.MissingGuardianConsent);

    public static readonly DiagnosticDescriptor BiometricLeavesDevice = DescriptorFactory.AtCompilationEnd(Descriptors.BiometricLeavesDevice);

    public static readonly DiagnosticDescriptor RawBiometricPersisted = DescriptorFactory.AtCompilationEnd(Descriptors.RawBiometricPersisted);

    public static readonly DiagnosticDescriptor NeverStoredPaymentData = DescriptorFactory.AtCompilationEnd(Descriptors.NeverStoredPaymentData);

    public static readonly DiagnosticDescriptor UnencryptedStorage = DescriptorFactory.AtCompilationEnd(Descriptors.UnencryptedStorage);

    public static readonly DiagnosticDescriptor UnmaskedResponse = DescriptorFactory.AtCompilationEnd(Descriptors.UnmaskedResponse);

    public static readonly DiagnosticDescriptor SensitiveDataInUrl = DescriptorFactory.AtCompilationEnd(Descriptors.SensitiveDataInUrl);

    public static readonly DiagnosticDescriptor SensitiveDataInException = DescriptorFactory.AtCompilationEnd(Descriptors.SensitiveDataInException);
}
