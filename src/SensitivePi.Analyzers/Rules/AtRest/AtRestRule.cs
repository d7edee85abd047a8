using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// What the at-rest rules (SPI007 never stored, SPI008 stored without encryption) share: data of their policy at a
/// store other than EF Core, in the body and across methods (a repository that stores what it is given), and, at
/// compilation end, the entity members the EF Core model stores (Analysis/EntityModel), once each on the declaration.
/// Each rule says which data it reports (<see cref="Select"/>), which stored members (<see cref="ReportsMember"/>) and why.
/// </summary>
internal abstract class AtRestRule : ValueFlowRule, IValueFlowCheck, IReportsAtCompilationEnd
{
    private readonly DiagnosticDescriptor _atEnd;

    protected AtRestRule(ValueFlowRules id, DiagnosticDescriptor descriptor, DiagnosticDescriptor atEnd, DataClasses data)
        : base(id, descriptor, SinkKinds.Storage, data, SinkKinds.Storage) => _atEnd = atEnd;

    public sealed override SinkKinds AcrossSinks => SinkKinds.Storage;

    public sealed override DiagnosticDescriptor AcrossDescriptor => _atEnd;

    public sealed override bool ReadsEntityModel => true;

    public sealed override IValueFlowCheck Start(ValueFlowEngine engine) => this;

    public bool CannotReport(ValueFlowBody body) => false;

    public void Report(ValueFlowBody body)
    {
        foreach (var hit in body.Taint.Hits)
        {
            if (ReportsAt(body, hit) && Select(hit.Taint.Declared()) is { IsEmpty: false } data)
            {
                body.Report(Diagnostic.Create(Descriptor, hit.Node.GetLocation(), hit.DescribeData(data), "'" + hit.Sink.DisplayName + "'", Clauses(data)));
            }
        }
    }

    // Entity stores are the model's to answer: reported on the member, once.
    public bool ReportsAt(ValueFlowBody body, SinkHit hit) => hit.Sink.Kind == SinkKind.Storage && hit.Sink.Entry is not { StoresEntities: true };

    public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
    {
        if (Select(finding.Data.Declared()) is { IsEmpty: false } data)
        {
            report(Diagnostic.Create(_atEnd, finding.Node.GetLocation(), finding.StepLocations(), data.Describe(), "'" + finding.SinkAndPath + "'", Clauses(data)));
        }
    }

    public void ReportAtEnd(ValueFlowEngine engine, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        if (engine.Entities is not { } entities)
        {
            return;
        }

        foreach (var stored in entities.StoredMembers(engine.Model))
        {
            if (ReportsMember(stored) && !stored.Member.Locations.IsEmpty)
            {
                var store = "the EF Core model of entity '" + stored.Entity.Name + "'"
                    + (stored.Storage == EntityStorage.Converted ? " (its value converter calls no encryptor)" : string.Empty);
                report(Diagnostic.Create(_atEnd, stored.Member.Locations[0], MemberProperties, stored.Origin.Describe(), store, Clauses(Taint.Of(stored.Origin))));
            }
        }
    }

    /// <summary>The part of a store's (declared) data the rule reports.</summary>
    protected abstract Taint Select(Taint data);

    /// <summary>Whether a member the model stores breaks the rule.</summary>
    protected abstract bool ReportsMember(StoredMember stored);

    /// <summary>The clauses the message ends with.</summary>
    protected abstract string Clauses(Taint data);

    /// <summary>The properties of a report on an entity member (a fix may read them).</summary>
    protected virtual ImmutableDictionary<string, string?> MemberProperties => ImmutableDictionary<string, string?>.Empty;
}
