using Microsoft.CodeAnalysis;

namespace SensitivePi.Analyzers;

/// <summary>
/// Makes every descriptor the same way: the shared category, Warning by default, enabled, and the help link
/// derived from the id. Only what differs between rules is written in <see cref="Descriptors"/>.
/// </summary>
internal static class DescriptorFactory
{
    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string description,
        DiagnosticSeverity defaultSeverity = DiagnosticSeverity.Warning,
        bool reportedAtCompilationEnd = false) =>
        new(
            id,
            title,
            messageFormat,
            Descriptors.Category,
            defaultSeverity,
            isEnabledByDefault: true,
            description,
            Descriptors.HelpLink(id),
            reportedAtCompilationEnd ? new[] { WellKnownDiagnosticTags.CompilationEnd } : System.Array.Empty<string>());

    /// <summary>The twin of <paramref name="descriptor"/> reported at compilation end (<see cref="CompilationEndDescriptors"/>).</summary>
    public static DiagnosticDescriptor AtCompilationEnd(DiagnosticDescriptor descriptor) =>
        Create(descriptor.Id, descriptor.Title.ToString(), descriptor.MessageFormat.ToString(), descriptor.Description.ToString(), descriptor.DefaultSeverity, reportedAtCompilationEnd: true);
}
