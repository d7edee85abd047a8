using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// What the at-rest rules (SPI007 never stored, SPI008 stored without encryption) share: data of their policy at a
/// store other than EF Core, in the body and across methods (a repository that stores what it is given), and, at
/// compilation end, the entity members the EF Core model stores (Analysis/EntityModel), once each on the declaration, and the values
/// of their policy set to an unannotated member the model stores (<c>user.Password = form.Password</c>), at the value or, for a
/// method that sets one to what it is given, at its callers' arguments.
/// Each rule says which data it reports (<see cref="Select"/>), which stored members (<see cref="ReportsMember"/>) and why,
/// and whether a value written through the change tracker waits for the model (<see cref="DependsOnStorage"/>).
/// </summary>
internal abstract class AtRestRule : ValueFlowRule
{
    private readonly DiagnosticDescriptor _atEnd;

    protected AtRestRule(ValueFlowRules id, DiagnosticDescriptor descriptor, DiagnosticDescriptor atEnd, DataClasses data)
        : base(id, descriptor, SinkKinds.Storage | SinkKinds.EntityMember, data, SinkKinds.Storage | SinkKinds.EntityMember) => _atEnd = atEnd;

    public sealed override SinkKinds AcrossSinks => SinkKinds.Storage | SinkKinds.EntityMember;

    public sealed override DiagnosticDescriptor AcrossDescriptor => _atEnd;

    public sealed override bool ReadsEntityModel => true;

    public sealed override IValueFlowCheck Start(ValueFlowEngine engine) => new Check(this, engine);

    /// <summary>The part of a store's (declared) data the rule reports.</summary>
    protected abstract Taint Select(Taint data);

    /// <summary>Whether a member the model stores breaks the rule.</summary>
    protected abstract bool ReportsMember(StoredMember stored);

    /// <summary>
    /// Whether the rule's answer for an entity member depends on how the model stores it (a converter that encrypts): a value
    /// written into the member through the change tracker then waits for the model, complete only at compilation end.
    /// </summary>
    protected virtual bool DependsOnStorage => false;

    /// <summary>Whether a value written into a member the model stores as <paramref name="storage"/> breaks the rule (asked when <see cref="DependsOnStorage"/>).</summary>
    protected virtual bool ReportsStorage(EntityStorage storage) => true;

    /// <summary>Whether a write a stream encrypts on its way to the file (a <c>CryptoStream</c>) clears the data.</summary>
    protected virtual bool ClearedByEncryptingStreams => false;

    /// <summary>The clauses the message ends with.</summary>
    protected abstract string Clauses(Taint data);

    /// <summary>The properties of a report on an entity member (a fix may read them).</summary>
    protected virtual ImmutableDictionary<string, string?> MemberProperties => ImmutableDictionary<string, string?>.Empty;

    private sealed class Check : IValueFlowCheck, IReportsAtCompilationEnd
    {
        private readonly AtRestRule _rule;
        private readonly ValueFlowEngine _engine;

        // Values written into an entity member through the change tracker (`db.Entry(a).Property(e => e.Pan).CurrentValue = …`),
        // each waiting for the model to say whether a converter encrypts that member (docs/rules/SPI008.md).
        private readonly ConcurrentBag<(INamedTypeSymbol Entity, string Member, Diagnostic Diagnostic)> _writes = new();

        // Objects copied into an entity by name (`entry.CurrentValues.SetValues(form)`), each waiting for the model to say which of
        // the members it receives it stores, and how.
        private readonly ConcurrentBag<(INamedTypeSymbol Entity, Location Location, string Sink, Taint Data)> _copies = new();

        // Values set to a property of the compilation (`user.Password = form.Password`), each waiting for the model to say whether
        // the object is an entity that stores that member, and how (docs/rules/SPI008.md).
        private readonly ConcurrentBag<(INamedTypeSymbol Entity, IPropertySymbol Member, Location Location, Taint Data)> _memberWrites = new();

        public Check(AtRestRule rule, ValueFlowEngine engine)
        {
            _rule = rule;
            _engine = engine;
        }

        public bool CannotReport(ValueFlowBody body) => false;

        public void Report(ValueFlowBody body)
        {
            // A copy by name stores what the EF Core model keeps, known at compilation end (ReportAtEnd).
            foreach (var hit in body.Taint.CopyHits)
            {
                if (hit.CopiedInto is { } entity && ReportsAt(body, hit) && _rule.Select(hit.Taint.Declared()) is { IsEmpty: false } copied)
                {
                    _copies.Add((entity, hit.Node.GetLocation(), hit.Sink.DisplayName, copied));
                }
            }

            foreach (var hit in body.Taint.Hits)
            {
                if (hit.Sink.Kind == SinkKind.EntityMember)
                {
                    NoteMemberWrite(hit);
                    continue;
                }

                if (!ReportsAt(body, hit) || _rule.Select(hit.Taint.Declared()) is not { IsEmpty: false } data)
                {
                    continue;
                }

                // Change-tracker writes are assignments; their own tree (not the graph's rewritten copy) names the member.
                var written = _rule.DependsOnStorage && hit.Call.Kind == OperationKind.SimpleAssignment && body.Engine.Entities is { } entities
                    ? entities.WrittenMember(body.Root.SemanticModel?.GetOperation(hit.Call.Syntax, body.CancellationToken))
                    : null;
                if (written is { } member)
                {
                    _writes.Add((member.Entity, member.Member, Diagnostic.Create(
                        _rule._atEnd, hit.Node.GetLocation(), hit.DescribeData(data), "'" + hit.Sink.DisplayName + "'", _rule.Clauses(data))));
                    continue;
                }

                body.Report(Diagnostic.Create(_rule.Descriptor, hit.Node.GetLocation(), hit.DescribeData(data), "'" + hit.Sink.DisplayName + "'", _rule.Clauses(data)));
            }
        }

        private void NoteMemberWrite(SinkHit hit)
        {
            if (_engine.Entities is not null && _rule.Select(hit.Taint.Declared()) is { IsEmpty: false } data && WrittenEntityMember(hit.Call) is { } member)
            {
                _memberWrites.Add((member.Entity, member.Property, hit.Node.GetLocation(), data));
            }
        }

        // The property an assignment sets and the type of the object it sets it on, unless the property carries its own annotation:
        // then it describes what it holds (the holder's annotation) and is judged on its declaration.
        private (INamedTypeSymbol Entity, IPropertySymbol Property)? WrittenEntityMember(IOperation? write) =>
            write is IAssignmentOperation { Target: IPropertyReferenceOperation target }
            && (target.Instance?.Type ?? target.Property.ContainingType) is INamedTypeSymbol entity
            && _engine.Model.GetMemberOrigin(target.Property) is not { IsPlaceholder: false }
                ? (entity, target.Property)
                : null;

        private static string MemberStore(INamedTypeSymbol entity, IPropertySymbol member) =>
            "the EF Core model of entity '" + entity.Name + "' (its member '" + member.Name + "')";

        // Entity stores are the model's to answer: reported on the member, once.
        // A member written is the model's to answer too: for a summary (at compilation end, when the model is complete), only one it
        // stores is a sink fact, so that a DTO mapper's writes make no finding (NoteMemberWrite, ReportAcross).
        public bool ReportsAt(ValueFlowBody body, SinkHit hit) =>
            hit.Sink.Kind == SinkKind.EntityMember
                ? _engine.Entities is { } entities && WrittenEntityMember(hit.Call) is { } member && entities.MemberStorageOf(member.Entity, member.Property) is not null
                : hit.Sink.Kind == SinkKind.Storage && hit.Sink.Entry is not { StoresEntities: true }
                    && !(_rule.ClearedByEncryptingStreams && hit.WritesEncrypted);

        public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
        {
            // A helper that sets an entity's member to what it is given (`Keep(Member m, string s) => m.Secret = s;`).
            if (finding.Sink.Sink.Kind == SinkKind.EntityMember)
            {
                if (_rule.Select(finding.Data.Declared()) is { IsEmpty: false } written && _engine.Entities is { } entities
                    && _engine.Consent.ModelOf(finding.Sink.Node.SyntaxTree) is { } model
                    && WrittenEntityMember(AssignmentOf(model.GetOperation(finding.Sink.Node))) is { } member
                    && entities.MemberStorageOf(member.Entity, member.Property) is { } storage && (!_rule.DependsOnStorage || _rule.ReportsStorage(storage)))
                {
                    // The path is empty where the member is set, in the caller, to what a callee returns.
                    var through = finding.Path.IsEmpty ? string.Empty : " through '" + string.Join("', '", finding.Path.Select(step => step.DisplayName)) + "'";
                    report(Diagnostic.Create(_rule._atEnd, finding.Node.GetLocation(), finding.StepLocations(), written.Describe(),
                        MemberStore(member.Entity, member.Property) + through, _rule.Clauses(written)));
                }

                return;
            }

            if (_rule.Select(finding.Data.Declared()) is { IsEmpty: false } data && BreaksRuleWhereWritten(finding.Sink.Node))
            {
                report(Diagnostic.Create(_rule._atEnd, finding.Node.GetLocation(), finding.StepLocations(), data.Describe(), "'" + finding.SinkAndPath + "'", _rule.Clauses(data)));
            }
        }

        // A helper that writes what it is given through the change tracker (`db.Entry(a).Property(x => x.Card).CurrentValue = card;`):
        // the model, complete at compilation end where cross-method findings are reported, answers as for a write in the caller's
        // own body (docs/rules/SPI008.md). Any other store, or a write naming no member of the model, breaks the rule as before.
        private bool BreaksRuleWhereWritten(SyntaxNode value)
        {
            if (!_rule.DependsOnStorage || _engine.Entities is not { } entities || _engine.Consent.ModelOf(value.SyntaxTree) is not { } model)
            {
                return true;
            }

            return entities.WrittenMember(AssignmentOf(model.GetOperation(value))) is not { } member || BreaksRule(entities, member.Entity, member.Member);
        }

        // A model that cannot be read, or a converter that cannot, may encrypt: nothing is guessed.
        private bool BreaksRule(EntityModel entities, INamedTypeSymbol entity, string member) =>
            entities.StorageOf(entity, member) is { } storage && _rule.ReportsStorage(storage);

        // The assignment that stores the value: through implicit conversions only (a value that is a call's argument is that call's).
        private static IOperation? AssignmentOf(IOperation? value)
        {
            for (var depth = 0; value?.Parent is { } parent && depth < StackGuard.MaxDepth; depth++, value = parent)
            {
                if (parent.Kind == OperationKind.SimpleAssignment)
                {
                    return ((ISimpleAssignmentOperation)parent).Value == value ? parent : null;
                }

                if (parent.Kind != OperationKind.Conversion)
                {
                    return null;
                }
            }

            return null;
        }

        public void ReportAtEnd(ValueFlowEngine engine, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (engine.Entities is not { } entities)
            {
                return;
            }

            foreach (var stored in entities.StoredMembers(engine.Model))
            {
                if (_rule.ReportsMember(stored) && !stored.Member.Locations.IsEmpty)
                {
                    var store = "the EF Core model of entity '" + stored.Entity.Name + "'"
                        + (stored.Storage == EntityStorage.Converted ? " (its value converter calls no encryptor)" : string.Empty);
                    report(Diagnostic.Create(_rule._atEnd, stored.Member.Locations[0], _rule.MemberProperties, stored.Origin.Describe(), store, _rule.Clauses(Taint.Of(stored.Origin))));
                }
            }

            foreach (var (entity, member, diagnostic) in _writes)
            {
                if (BreaksRule(entities, entity, member))
                {
                    report(diagnostic);
                }
            }

            // A value set to a member the model stores, unless (for a rule that depends on it) its converter clears it.
            foreach (var (entity, member, location, data) in _memberWrites)
            {
                if (entities.MemberStorageOf(entity, member) is { } storage && (!_rule.DependsOnStorage || _rule.ReportsStorage(storage)))
                {
                    report(Diagnostic.Create(_rule._atEnd, location, data.Describe(), MemberStore(entity, member), _rule.Clauses(data)));
                }
            }

            // What a copy by name stores is each member the entity keeps of those it receives: not one it ignores, nor, for a rule
            // that depends on it, one whose converter clears it.
            foreach (var (entity, location, sink, data) in _copies)
            {
                var stored = data.Where(origin => entities.CopyStorageOf(entity, origin.Symbol.Name) is { } storage && (!_rule.DependsOnStorage || _rule.ReportsStorage(storage)));
                if (!stored.IsEmpty)
                {
                    report(Diagnostic.Create(_rule._atEnd, location, stored.Describe(), "'" + sink + "'", _rule.Clauses(stored)));
                }
            }
        }
    }
}
