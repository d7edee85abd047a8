using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;
using SensitivePi.Analyzers.Rules;

namespace SensitivePi.Analyzers.Inventory;

/// <summary>
/// Collects the record of processing (docs/command-line-tool.md) while the analyzers run over one compilation: the
/// command-line tool hands one to <see cref="SensitiveDataFlowAnalyzer"/> and the SPI004 analyzer, which call it
/// beside their rules; a build never makes one. Every flow the engine sees is kept, masked, encrypted and guarded ones
/// too, as text. Thread-safe: bodies are analysed concurrently.
/// </summary>
internal sealed class ProcessingRecorder
{
    // An entity member's write is storage only where the EF Core model maps it, known at compilation end: the record lists what
    // the model stores from the model itself (RecordEntityStorage).
    private static readonly SinkKinds EveryKind = SinkKindSet.All.Aggregate(SinkKinds.None, (set, kind) => set | SinkKindSet.Of(kind)) & ~SinkKinds.EntityMember;

    private readonly ConcurrentBag<InventoryFlow> _flows = new();
    private readonly ConcurrentBag<InventoryVerification> _verifications = new();
    private readonly ConcurrentBag<InventoryMember> _members = new();

    // The consent checks of each summarised body, by its file and span (text, so that no tree outlives the compilation): what a flow
    // across methods names at the places on its path that show consent.
    private readonly ConcurrentDictionary<(string File, int Start, int Length), BodyChecks> _checksByBody = new();
    private int _engineRan;

    /// <summary>Whether the engine ran at all: false when the compilation references no annotations or classifies nothing.</summary>
    public bool EngineRan => Volatile.Read(ref _engineRan) != 0;

    public IReadOnlyCollection<InventoryMember> Members => _members;

    public IReadOnlyCollection<InventoryFlow> Flows => _flows;

    public IReadOnlyCollection<InventoryVerification> Verifications => _verifications;

    /// <summary>Whether a body with this survey is worth a taint run for the record: it calls a sink and touches data.</summary>
    public static bool Wants(in BodySurvey survey) => (survey.Sinks & EveryKind) != SinkKinds.None && survey.Data != DataClasses.None;

    /// <summary>The flows of one body: every sink its data reaches, with the protection and consent on the way.</summary>
    public void RecordBody(ValueFlowBody body)
    {
        var engine = body.Engine;
        var owner = body.Owner;
        var analysis = MethodAnalysis.Analyze(engine, body.Graph, owner, EveryKind);
        var guards = body.Guards;
        var checks = ConsentChecksIn(body.Graph, engine.Consent);
        var member = owner.GetDocumentationCommentId();
        var entryMask = body.EntryMask;

        foreach (var hit in analysis.Hits)
        {
            var target = hit.Sink.Kind switch
            {
                SinkKind.Network => NetworkTarget(body.Channel(hit.Call, hit.Sink)),
                SinkKind.Storage => ConstantOperand(hit.Call, hit.Node),
                _ => null,
            };
            foreach (var origin in hit.Taint.Declared().Origins)
            {
                var consent = Consent(origin.Category, guards.MaskAt(hit.Call), entryMask, checks);
                Add(origin, hit.Sink, target, origin.IsProtected ? "encrypted" : "none", consent, member, hit.Node.GetLocation());
            }
        }

        // Masked on the way: the mask's argument carried the data, the sink received the mask's result.
        foreach (var block in body.Graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                RecordMasked(operation, engine, analysis, guards, checks, entryMask, member);
            }

            if (block.BranchValue is { } branch)
            {
                RecordMasked(branch, engine, analysis, guards, checks, entryMask, member);
            }
        }
    }

    /// <summary>What the model classifies in the compilation's own code, and what its annotation files classify elsewhere.</summary>
    public void RecordMembers(ValueFlowEngine engine, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _engineRan, 1);
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var types = new Stack<INamespaceOrTypeSymbol>();
        types.Push(engine.Compilation.Assembly.GlobalNamespace);
        while (types.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var child in types.Pop().GetMembers())
            {
                if (child is INamespaceOrTypeSymbol container)
                {
                    types.Push(container);
                }

                if (child is INamedTypeSymbol type && !type.IsImplicitlyDeclared)
                {
                    RecordType(engine, type, seen);
                }
            }
        }

        foreach (var symbol in engine.Files.Origins.Keys)
        {
            if (seen.Add(symbol) && engine.Files.Origins[symbol] is { } origin)
            {
                AddMember(symbol, origin, "annotation file");
            }
        }
    }

    /// <summary>
    /// The checks a body summarised for the cross-method pass calls, and the consent its member requires of its callers: what
    /// a flow across methods through it names (<see cref="RecordAcross"/>).
    /// </summary>
    public void NoteChecks(ValueFlowBody body)
    {
        // Every summarised body, checks or none: a place on a path finds its own body first, never an enclosing one.
        var checks = body.ChecksConsent ? ConsentChecksIn(body.Graph, body.Engine.Consent) : ImmutableArray<(IInvocationOperation Call, int Covered)>.Empty;
        _checksByBody[Key(body.Root.Syntax)] = new BodyChecks(checks.Select(check => (CheckName(check.Call), check.Covered)).ToImmutableArray(), body.EntryMask);
    }

    /// <summary>A flow across methods the cross-method pass composed: the data enters at a call, the sink is in a callee.</summary>
    public void RecordAcross(CrossMethodFinding finding)
    {
        // An entity member set is listed from the model (RecordEntityStorage), as within a body.
        if (finding.Sink.Sink.Kind == SinkKind.EntityMember)
        {
            return;
        }

        var through = finding.Path.Select(step => step.DisplayName).ToImmutableArray();
        foreach (var origin in finding.Data.Declared().Origins)
        {
            _flows.Add(new InventoryFlow(
                Id(origin.Symbol), origin.DisplayName, origin.Category.ToString(), finding.Sink.Sink.Kind.ToString(), finding.Sink.Sink.DisplayName, null,
                origin.IsProtected ? "encrypted" : "none", ConsentAcross(origin.Category, finding), null, PlaceOf(finding.Node.GetLocation()), through));
        }
    }

    // The consent a flow across methods shows: at the call where the data enters, at each call on the way and at the sink.
    // The pass keeps masks, not the checks that made them: each place that shows consent names the checks of its body that
    // cover the category (as a flow inside one method does), "shown" when none can be named; a mask it did not work out (the
    // data needed no consent where it was recorded) leaves the list unknown (null) unless another covers the category.
    private ImmutableArray<string> ConsentAcross(PiCategory category, CrossMethodFinding finding)
    {
        var needed = ConsentCatalog.NeededBit(category);
        var known = true;
        var shown = false;
        var named = ImmutableArray.CreateBuilder<string>();
        foreach (var (node, mask) in finding.Path.Select(step => (step.Site, step.Consent)).Append((finding.Sink.Node, finding.Sink.Consent)))
        {
            if (mask == ConsentCatalog.Everything)
            {
                known = false;
            }
            else if ((mask & needed) != 0)
            {
                shown = true;
                if (!NameChecks(node, needed, named) && !named.Contains("shown"))
                {
                    named.Add("shown");
                }
            }
        }

        if (shown)
        {
            return named.ToImmutable();
        }

        return known ? ImmutableArray<string>.Empty : default;
    }

    // The checks covering the category in the summarised body that holds the node (the nearest one: a lambda's calls are its method's);
    // false when none is named there.
    private bool NameChecks(SyntaxNode node, int needed, ImmutableArray<string>.Builder named)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (!_checksByBody.TryGetValue(Key(current), out var body))
            {
                continue;
            }

            var any = false;
            foreach (var (name, covered) in body.Checks)
            {
                if ((covered & needed) != 0)
                {
                    any = true;
                    if (!named.Contains(name))
                    {
                        named.Add(name);
                    }
                }
            }

            if ((body.EntryMask & needed) != 0)
            {
                any = true;
                if (!named.Contains(RequiredOfCallers))
                {
                    named.Add(RequiredOfCallers);
                }
            }

            return any;
        }

        return false;
    }

    private static (string File, int Start, int Length) Key(SyntaxNode node) => (node.SyntaxTree.FilePath, node.SpanStart, node.Span.Length);

    private const string RequiredOfCallers = "required of callers ([RequiresSeparateConsent])";

    private sealed class BodyChecks
    {
        public BodyChecks(ImmutableArray<(string Name, int Covered)> checks, int entryMask)
        {
            Checks = checks;
            EntryMask = entryMask;
        }

        public ImmutableArray<(string Name, int Covered)> Checks { get; }

        public int EntryMask { get; }
    }

    public void RecordVerification(string purpose, IMethodSymbol method, string verdict) =>
        _verifications.Add(new InventoryVerification(purpose, method.GetDocumentationCommentId() ?? method.Name, Name(method), verdict, PlaceOf(method.Locations.FirstOrDefault(l => l.IsInSource))));

    /// <summary>Every classified member of an EF Core entity the model stores, as a flow to the database.</summary>
    public void RecordEntityStorage(ValueFlowEngine engine)
    {
        if (engine.Entities is not { } entities)
        {
            return;
        }

        foreach (var stored in entities.StoredMembers(engine.Model))
        {
            var protection = stored.Storage == EntityStorage.Encrypted ? "encrypted" : "none";
            _flows.Add(new InventoryFlow(
                Id(stored.Origin.Symbol), stored.Origin.DisplayName, stored.Origin.Category.ToString(), nameof(SinkKind.Storage), "EF Core entity '" + stored.Entity.Name + "'",
                stored.Entity.ToDisplayString(), protection, ImmutableArray<string>.Empty, Id(stored.Member), PlaceOf(stored.Member.Locations.FirstOrDefault(l => l.IsInSource)),
                ImmutableArray<string>.Empty));
        }
    }

    private void RecordType(ValueFlowEngine engine, INamedTypeSymbol type, HashSet<ISymbol> seen)
    {
        var model = engine.Model;
        if (model.ClassifiedBy(type) is { } by && model.GetTypeOrigin(type) is { } typeOrigin && seen.Add(type))
        {
            AddMember(type, typeOrigin, by);
        }

        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared && member is not IPropertySymbol)
            {
                continue;
            }

            switch (member)
            {
                case IPropertySymbol or IFieldSymbol:
                    Consider(engine, member, seen);
                    break;
                case IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor } method:
                    if (method.MethodKind == MethodKind.Ordinary)
                    {
                        Consider(engine, method, seen);
                    }

                    foreach (var parameter in method.Parameters)
                    {
                        Consider(engine, parameter, seen);
                    }

                    break;
            }
        }
    }

    private void Consider(ValueFlowEngine engine, ISymbol symbol, HashSet<ISymbol> seen)
    {
        if (engine.Model.GetMemberOrigin(symbol) is not { IsPlaceholder: false } origin || !seen.Add(symbol))
        {
            return;
        }

        // A member classified through another (an override, a record's positional parameter) says so.
        var by = engine.Model.ClassifiedBy(symbol)
            ?? (SymbolEqualityComparer.Default.Equals(origin.Symbol, symbol) ? "attribute" : "inherited from '" + origin.DisplayName + "'");
        AddMember(symbol, origin, by);
    }

    private void AddMember(ISymbol symbol, SensitiveOrigin origin, string classifiedBy)
    {
        var kind = symbol switch
        {
            INamedTypeSymbol => "type",
            IPropertySymbol => "property",
            IFieldSymbol => "field",
            IParameterSymbol => "parameter",
            IMethodSymbol => "return value",
            _ => symbol.Kind.ToString().ToLowerInvariant(),
        };
        var form = origin.Category == PiCategory.Biometric ? origin.Form.ToString() : null;
        _members.Add(new InventoryMember(
            Id(symbol), Name(symbol), kind, origin.Category.ToString(), origin.LegalBasis.ToString(), origin.EffectiveMask.ToString(),
            origin.AtRest == PiAtRest.Unspecified ? "Unspecified" : origin.AtRest.ToString(), form, classifiedBy,
            PlaceOf(symbol.Locations.FirstOrDefault(l => l.IsInSource))));
    }

    private void RecordMasked(IOperation operation, ValueFlowEngine engine, MethodAnalysis analysis, ConsentGuards guards, ImmutableArray<(IInvocationOperation Call, int Covered)> checks, int entryMask, string? member)
    {
        foreach (var node in operation.DescendantsAndSelf())
        {
            var (method, arguments, receiver) = node switch
            {
                IInvocationOperation { TargetMethod: { MethodKind: not MethodKind.Constructor } target } call => (target, call.Arguments, call.Instance),
                IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments, null),
                _ => (null, default(ImmutableArray<IArgumentOperation>), null),
            };
            if (method is null || (engine.SinkKindsOf(method) & EveryKind) == SinkKinds.None)
            {
                continue;
            }

            foreach (var kind in SinkKindSet.All)
            {
                if (engine.Sinks.Match(method, kind) is not { } sink || !sink.AcceptsReceiver(receiver, receiver) || !sink.AcceptsTarget(arguments, analysis.DefinedValue)
                    || !sink.AcceptsWrapped(receiver, analysis.DefinedValue))
                {
                    continue;
                }

                foreach (var data in MethodAnalysis.DataValues(arguments, sink, receiver))
                {
                    foreach (var masked in MaskedIn(data.Value, engine, analysis))
                    {
                        var consent = Consent(masked.Category, guards.MaskAt(node), entryMask, checks);
                        Add(masked, sink, target: null, "masked", consent, member, data.Value.Syntax.GetLocation());
                    }
                }
            }
        }
    }

    // The declared data a mask inside a sink's argument received (`PiMask.IdCard(p.IdNumber)` in a log call).
    private static IEnumerable<SensitiveOrigin> MaskedIn(IOperation value, ValueFlowEngine engine, MethodAnalysis analysis)
    {
        var found = new List<SensitiveOrigin>();
        foreach (var node in value.DescendantsAndSelf())
        {
            if (node is IInvocationOperation call && engine.Transfers.GetEffect(call.TargetMethod) == CallEffect.Sanitizes)
            {
                foreach (var argument in call.Arguments)
                {
                    foreach (var origin in analysis.RecordedTaint(argument.Value.Syntax).Declared().Origins)
                    {
                        if (!found.Contains(origin))
                        {
                            found.Add(origin);
                        }
                    }
                }
            }
        }

        return found;
    }

    // The checks a body calls, with the consent each grants, to name the one that guards a flow.
    private static ImmutableArray<(IInvocationOperation Call, int Covered)> ConsentChecksIn(ControlFlowGraph graph, ConsentCatalog catalog)
    {
        var checks = ImmutableArray.CreateBuilder<(IInvocationOperation, int)>();
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations.Concat(block.BranchValue is { } branch ? new[] { branch } : Array.Empty<IOperation>()))
            {
                foreach (var node in operation.DescendantsAndSelf())
                {
                    if (node is IInvocationOperation call && catalog.GetCheck(call) is { } check)
                    {
                        checks.Add((call, check.Covered));
                    }
                }
            }
        }

        return checks.ToImmutable();
    }

    // The consent shown where data of the category is used: the checks that grant it there, or the method's own
    // [RequiresSeparateConsent] (its callers check); empty when none is shown.
    private static ImmutableArray<string> Consent(PiCategory category, int maskAtSink, int entryMask, ImmutableArray<(IInvocationOperation Call, int Covered)> checks)
    {
        var needed = ConsentCatalog.NeededBit(category);
        if ((maskAtSink & needed) == 0)
        {
            return ImmutableArray<string>.Empty;
        }

        var named = ImmutableArray.CreateBuilder<string>();
        foreach (var (call, covered) in checks)
        {
            if ((covered & needed) != 0 && CheckName(call) is var name && !named.Contains(name))
            {
                named.Add(name);
            }
        }

        if ((entryMask & needed) != 0)
        {
            named.Add(RequiredOfCallers);
        }

        if (named.Count == 0)
        {
            named.Add("shown");
        }

        return named.ToImmutable();
    }

    // A check as the record names it: the method called, and its purpose when that is a constant.
    private static string CheckName(IInvocationOperation call)
    {
        var purpose = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "purpose")?.Value.ConstantValue is { HasValue: true, Value: string text } ? " for '" + text + "'" : string.Empty;
        return "'" + call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name + "'" + purpose;
    }

    private void Add(SensitiveOrigin origin, SinkMatch sink, string? target, string protection, ImmutableArray<string> consent, string? member, Location location) =>
        _flows.Add(new InventoryFlow(
            Id(origin.Symbol), origin.DisplayName, origin.Category.ToString(), sink.Kind.ToString(), sink.DisplayName, target, protection, consent, member,
            PlaceOf(location), ImmutableArray<string>.Empty));

    // Where a store keeps the data when the code says so with a constant: a file's path, a cache key (an argument other than the data's).
    private static string? ConstantOperand(IOperation call, SyntaxNode data)
    {
        var arguments = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        foreach (var argument in arguments)
        {
            if (!argument.Syntax.Span.Contains(data.Span) && argument.Value.ConstantValue is { HasValue: true, Value: string text } && text.Length > 0)
            {
                return text;
            }
        }

        return null;
    }

    // The scheme and host of a literal address (`http://lab.example`), else whether the channel is shown encrypted.
    private static string? NetworkTarget(ChannelVerdict verdict)
    {
        if (verdict.SchemeLiteral?.SyntaxTree is not null && verdict.SchemeLiteral is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax { Token.ValueText: { } text }
            && Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return uri.Scheme + "://" + uri.Host;
        }

        return verdict.Security switch
        {
            ChannelSecurity.Encrypted => "encrypted channel",
            ChannelSecurity.Plaintext => "plaintext channel",
            _ => null,
        };
    }

    // Parameters have no documentation-comment ID: their method's, then '#' and the parameter's name.
    private static string Id(ISymbol symbol) =>
        symbol is IParameterSymbol { ContainingSymbol: { } method } parameter && method.GetDocumentationCommentId() is { } methodId
            ? methodId + "#" + parameter.Name
            : symbol.GetDocumentationCommentId() ?? symbol.ToDisplayString();

    private static string Name(ISymbol symbol) => symbol switch
    {
        IParameterSymbol parameter => parameter.ContainingSymbol.ContainingType?.Name + "." + (parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ? "ctor" : parameter.ContainingSymbol.Name) + "(" + parameter.Name + ")",
        INamedTypeSymbol type => type.Name,
        IMethodSymbol method => method.ContainingType?.Name + "." + method.Name + "()",
        _ => symbol.ContainingType?.Name + "." + symbol.Name,
    };

    private static SourcePlace? PlaceOf(Location? location)
    {
        if (location is null || location == Location.None)
        {
            return null;
        }

        var span = location.GetLineSpan();
        return new SourcePlace(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }
}
