using System;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Rules;

/// <summary>SPI002 (docs/rules/SPI002.md): a sensitive value or container reaches a logging sink without passing a mask on every path.</summary>
internal sealed class UnmaskedLogging : ValueFlowRule, IValueFlowCheck
{
    public UnmaskedLogging()
        : base(ValueFlowRules.UnmaskedLogging, Descriptors.UnmaskedLogging, SinkKinds.Logging, DataClasses.Any, SinkKinds.Logging)
    {
    }

    public override SinkKinds AcrossSinks => SinkKinds.Logging;

    public override DiagnosticDescriptor AcrossDescriptor => CompilationEndDescriptors.UnmaskedLogging;

    public override IValueFlowCheck Start(ValueFlowEngine engine) => this;

    // Logging calls given only constants and facts (`response.StatusCode`) cannot be reported, whatever flows where.
    public bool CannotReport(ValueFlowBody body) =>
        body.Engine.GraphFree.EverySinkCall(body.Root, SinkKind.Logging, body.Engine.GraphFree.TakesNoData);

    public void Report(ValueFlowBody body)
    {
        foreach (var hit in body.Taint.Hits)
        {
            // Encrypted or hashed data is unreadable in a log.
            if (hit.Sink.Kind == SinkKind.Logging && hit.Taint.Unprotected() is { IsEmpty: false } readable)
            {
                body.Report(UnmaskedLoggingRule.Create(hit, readable, MaskTargets.Find(hit, readable, body.Taint)));
            }
        }
    }

    // Every logging sink logs whatever arrives.
    public bool ReportsAt(ValueFlowBody body, SinkHit hit) => hit.Sink.Kind == SinkKind.Logging;

    public void ReportAcross(CrossMethodFinding finding, Action<Diagnostic> report)
    {
        if (finding.Data.Unprotected() is { IsEmpty: false } readable)
        {
            report(UnmaskedLoggingRule.CreateAcross(finding, readable));
        }
    }
}
