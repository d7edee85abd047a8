using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI004 (docs/rules/SPI004.md): no [IdentityVerification] method of a purpose verifies anyone without a biometric
/// check. Each method's verdict (<see cref="BiometricChecks"/>) is worked out in an operation-block action; the
/// purposes are decided at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BiometricOnlyIdentificationAnalyzer : DiagnosticAnalyzer
{
    private readonly Inventory.ProcessingRecorder? _recorder;

    public BiometricOnlyIdentificationAnalyzer()
    {
    }

    /// <summary>The rule, and each method's verdict for the record of processing (docs/command-line-tool.md).</summary>
    internal BiometricOnlyIdentificationAnalyzer(Inventory.ProcessingRecorder recorder) => _recorder = recorder;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BiometricOnlyIdentification);

    public override void Initialize(AnalysisContext context)
    {
        // The driver still skips generated declarations; it no longer walks every token of each file reported in to
        // check each report (docs/design/architecture.md, "Generated code").
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.TryCreate(start.Compilation) is not { IdentityVerificationAttribute: { } attribute } symbols)
            {
                return;
            }

            // No method here, nor one it overrides or implements, can carry [IdentityVerification] when no text of the compilation
            // names it and no referenced assembly is built against the annotations: there is no purpose to judge.
            var mentions = SourceMentions.Of(start.Compilation, start.CancellationToken);
            if (!new AttributeReach(mentions, TextMentions.Verification, attribute).MayReach(start.Compilation.Assembly)
                || !AnnotationUsage.MayClassify(start.Compilation, symbols, mentions, start.CancellationToken))
            {
                return;
            }

            var atRest = AtRestDefaults.Read(start.Options);
            var files = AnnotationFiles.Read(start.Options, start.Compilation, atRest, start.CancellationToken);
            var model = new SensitivityModel(start.Compilation, symbols, OriginSources.Of(start.Compilation, symbols, atRest, files, mentions));
            var methods = new ConcurrentDictionary<IMethodSymbol, VerificationFacts>(SymbolEqualityComparer.Default);
            var generatedCode = GeneratedCode.AttributeIn(start.Compilation);
            var purposes = new Purposes(attribute, start.Compilation.Assembly);
            var helpers = new HelperChecks(start.Compilation.Assembly, model);
            start.RegisterOperationBlockAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method || GeneratedCode.IsMarkedAccessor(method, generatedCode))
                {
                    return;
                }

                VerificationFacts? facts = null;
                if (purposes.Of(method) is { } purpose)
                {
                    methods[method] = facts = Gather(block, method, purpose, model, helpers.Assembly);
                }

                // A verification method is a helper too where another calls it (`Pins.Check(pin) && ByFace(capture)`); judged without
                // helpers already, its verdict is its answer (one that requires biometrics read them itself).
                if (BiometricChecks.IsCheckShaped(method, helpers.Assembly))
                {
                    if (facts is { Graph: null })
                    {
                        helpers.Record(method, facts.Verdict == Verdict.RequiresBiometrics);
                    }
                    else
                    {
                        // A verification method waiting for its helpers has its calls and graph already.
                        helpers.Note(block, method, facts);
                    }
                }
            });
            start.RegisterCompilationEndAction(end => Decide(end, methods, model, helpers));
        });
    }

    private void Decide(CompilationAnalysisContext context, ConcurrentDictionary<IMethodSymbol, VerificationFacts> methods, SensitivityModel model, HelperChecks helpers)
    {
        // A partial method's other part may be generated: reports at compilation end skip generated code themselves.
        var generated = new GeneratedCode(context.Options);
        helpers.Resolve(methods.Values.SelectMany(f => f.Graph is null ? Array.Empty<IMethodSymbol>() : f.Calls), context.CancellationToken);
        foreach (var facts in methods.Values)
        {
            // A method that calls a helper shaped like a check is judged now that every helper's body has been read.
            if (facts.Graph is { } graph)
            {
                facts.Verdict = new BiometricChecks(model, facts.Method, graph, helpers.IsCheck).Verdict();
                facts.Graph = null;
            }

            _recorder?.RecordVerification(facts.Purpose, facts.Method, facts.Verdict switch
            {
                Verdict.RequiresBiometrics => "requires biometrics",
                Verdict.Alternative => "alternative without biometrics",
                _ => "never verifies",
            });
        }

        foreach (var purpose in methods.Values.GroupBy(m => m.Purpose, StringComparer.Ordinal))
        {
            // An alternative for the purpose: some method verifies on some path without a biometric check.
            var all = purpose.ToList();
            if (all.Any(f => f.Verdict == Verdict.Alternative))
            {
                continue;
            }

            foreach (var facts in all.Where(f => f.Verdict == Verdict.RequiresBiometrics).OrderBy(f => f.Method.Name, StringComparer.Ordinal))
            {
                foreach (var location in facts.Method.Locations)
                {
                    if (location.IsInSource && !generated.Contains(location, context.CancellationToken))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.BiometricOnlyIdentification, location, facts.Purpose, facts.Method.Name, Citations.BiometricAlternative));
                    }
                }
            }
        }
    }

    // Face Measures Art. 10: a method requires biometrics when every path on which it verifies successfully passes
    // a biometric check, whatever else it checks (a face and a password is still a face); a method with a
    // successful path that needs no biometric check is an alternative; one that never succeeds (always throws)
    // is neither.
    private static VerificationFacts Gather(OperationBlockAnalysisContext context, IMethodSymbol method, string purpose, SensitivityModel model, IAssemblySymbol helpers)
    {
        var facts = new VerificationFacts(method, purpose);
        if (Body(context) is not { } block)
        {
            return facts;
        }

        // A body that reads no biometric data and calls no helper shaped like a check needs no graph unless it may throw: it
        // verifies without a check wherever it verifies at all.
        if (BiometricChecks.VerdictWithoutGraph(model, method, block, helpers) is { } verdict)
        {
            facts.Verdict = verdict;
            return facts;
        }

        // One that calls such a helper keeps its graph until every helper's body is read (docs/rules/SPI004.md, "Checks in helpers").
        var graph = context.GetControlFlowGraph(block);
        var calls = BiometricChecks.CheckShapedCalls(block, helpers);
        if (calls.Count > 0)
        {
            facts.Graph = graph;
            facts.Calls = calls;
        }
        else
        {
            facts.Verdict = new BiometricChecks(model, method, graph).Verdict();
        }

        return facts;
    }

    private static IOperation? Body(OperationBlockAnalysisContext context)
    {
        foreach (var block in context.OperationBlocks)
        {
            if (block.Kind is OperationKind.MethodBody or OperationKind.Block)
            {
                return block;
            }
        }

        return null;
    }

    /// <summary>
    /// The compilation's methods shaped like a check (<see cref="BiometricChecks.IsCheckShaped"/>) whose result answers a
    /// biometric check themselves: every path on which one answers yes passes a check of biometric data it reads, or a call of
    /// another such helper (docs/rules/SPI004.md, "Checks in helpers"). A helper that calls no method shaped like a check is
    /// judged as its block is analysed; one that does waits with its body until compilation end (<see cref="Resolve"/>).
    /// </summary>
    private sealed class HelperChecks
    {
        // Per method of the compilation with a body: whether it answers a check, once known.
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _own = new(SymbolEqualityComparer.Default);

        // Per method it overrides or implements (an interface's, a base class's): the methods here that do.
        private readonly ConcurrentDictionary<IMethodSymbol, ConcurrentQueue<IMethodSymbol>> _implementors = new(SymbolEqualityComparer.Default);

        // Helpers that call a method shaped like a check, until compilation end.
        private readonly ConcurrentDictionary<IMethodSymbol, WaitingHelper> _waiting = new(SymbolEqualityComparer.Default);

        // While Resolve works (compilation end, one thread): the waiting helpers found to answer a check so far.
        private readonly HashSet<IMethodSymbol> _answering = new(SymbolEqualityComparer.Default);
        private readonly SensitivityModel _model;

        public HelperChecks(IAssemblySymbol assembly, SensitivityModel model)
        {
            Assembly = assembly;
            _model = model;
        }

        public IAssemblySymbol Assembly { get; }

        public void Note(OperationBlockAnalysisContext context, IMethodSymbol method, VerificationFacts? facts)
        {
            if (Body(context) is not { } block)
            {
                Record(method, answers: false);
                return;
            }

            var calls = facts is { Graph: not null } ? facts.Calls : BiometricChecks.CheckShapedCalls(block, Assembly);
            if (calls.Count > 0)
            {
                _waiting[method.OriginalDefinition] = new WaitingHelper(block, facts?.Graph, calls, BiometricChecks.ReadsBiometricData(_model, block));
                AddImplementor(method.OriginalDefinition);
                return;
            }

            Record(method, BiometricChecks.ReadsBiometricData(_model, block)
                && new BiometricChecks(_model, method, context.GetControlFlowGraph(block)).Verdict() == Verdict.RequiresBiometrics);
        }

        /// <summary>Notes whether <paramref name="method"/> answers a check, for itself and each method it overrides or implements.</summary>
        public void Record(IMethodSymbol method, bool answers)
        {
            _own[method.OriginalDefinition] = answers;
            AddImplementor(method.OriginalDefinition);
        }

        /// <summary>
        /// Works out, before any verdict asks, whether each waiting helper that <paramref name="asked"/> (the methods the waiting
        /// verification methods call) can reach answers a check: the least answer, reached by judging each helper that may answer
        /// with the answers known so far, and again whenever a method it calls starts to answer. An answer only ever turns from
        /// no to yes, so each helper is judged at most once more than the helpers it calls turn, and the result does not depend on
        /// the order; no judgement runs inside another. Helpers that only call each other answer no. Compilation end, one thread.
        /// </summary>
        public void Resolve(IEnumerable<IMethodSymbol> asked, System.Threading.CancellationToken cancellationToken)
        {
            // The waiting helpers the calls reach, directly or through an interface, with who calls each method.
            var reached = new List<IMethodSymbol>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var callers = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            var pending = new Stack<IMethodSymbol>(asked);
            while (pending.Count > 0)
            {
                var called = pending.Pop();
                foreach (var target in SelfAndImplementors(called))
                {
                    if (_waiting.TryGetValue(target, out var helper) && seen.Add(target))
                    {
                        reached.Add(target);
                        foreach (var next in helper.Calls)
                        {
                            ListIndex.AddAfterLast(callers, next, target);
                            pending.Push(next);
                        }
                    }
                }
            }

            // Only those that read biometric data, or call a method that answers or may come to, can answer: judged, the others not.
            var may = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var work = new Queue<IMethodSymbol>();
            foreach (var helper in reached)
            {
                var waiting = _waiting[helper];
                if (waiting.ReadsBiometrics || waiting.Calls.Any(IsCheck))
                {
                    may.Add(helper);
                    work.Enqueue(helper);
                }
            }

            while (work.Count > 0)
            {
                foreach (var caller in CallersOf(work.Dequeue(), callers))
                {
                    if (may.Add(caller))
                    {
                        work.Enqueue(caller);
                    }
                }
            }

            var queued = new HashSet<IMethodSymbol>(may, SymbolEqualityComparer.Default);
            var graphs = new Dictionary<IMethodSymbol, Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph?>(SymbolEqualityComparer.Default);
            foreach (var helper in reached)
            {
                if (may.Contains(helper))
                {
                    work.Enqueue(helper);
                }
            }

            while (work.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var helper = work.Dequeue();
                queued.Remove(helper);
                if (!graphs.TryGetValue(helper, out var graph))
                {
                    var waiting = _waiting[helper];
                    graphs[helper] = graph = waiting.Graph ?? GraphOf(waiting.Body, cancellationToken);
                }

                if (graph is null || new BiometricChecks(_model, helper, graph, IsCheck).Verdict() != Verdict.RequiresBiometrics)
                {
                    continue;
                }

                _answering.Add(helper);
                foreach (var caller in CallersOf(helper, callers))
                {
                    if (may.Contains(caller) && !_answering.Contains(caller) && queued.Add(caller))
                    {
                        work.Enqueue(caller);
                    }
                }
            }

            foreach (var helper in _waiting.Keys)
            {
                _own[helper] = _answering.Contains(helper);
            }

            _waiting.Clear();
            _answering.Clear();
        }

        /// <summary>
        /// Whether a call of <paramref name="method"/> answers a check: its own body does, and every implementation of it in the
        /// compilation does; an interface or abstract method, when it has implementations here and each does. Asked at
        /// compilation end.
        /// </summary>
        public bool IsCheck(IMethodSymbol method)
        {
            // Only the project's own methods: a framework or vendor method (`object.Equals`, overridden here to compare photos)
            // has implementations this cannot see.
            method = method.OriginalDefinition;
            if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, Assembly))
            {
                return false;
            }

            var own = Answer(method);
            if (own == false)
            {
                return false;
            }

            var implemented = false;
            if (_implementors.TryGetValue(method, out var implementors))
            {
                foreach (var implementor in implementors)
                {
                    if (Answer(implementor) != true)
                    {
                        return false;
                    }

                    implemented = true;
                }
            }

            return own == true || implemented;
        }

        private void AddImplementor(IMethodSymbol definition)
        {
            foreach (var implemented in MemberHierarchy.SelfOverriddenAndImplemented(definition))
            {
                if (!SymbolEqualityComparer.Default.Equals(implemented, definition))
                {
                    _implementors.GetOrAdd(implemented, _ => new ConcurrentQueue<IMethodSymbol>()).Enqueue(definition);
                }
            }
        }

        // The method's answer so far: a waiting helper answers no until Resolve finds it does; null for a method with no body
        // read (an interface's).
        private bool? Answer(IMethodSymbol method) =>
            _own.TryGetValue(method, out var answers) ? answers
            : _waiting.ContainsKey(method) ? _answering.Contains(method)
            : null;

        // The method as called and the methods here that implement or override it.
        private IEnumerable<IMethodSymbol> SelfAndImplementors(IMethodSymbol method)
        {
            yield return method;
            if (_implementors.TryGetValue(method, out var implementors))
            {
                foreach (var implementor in implementors)
                {
                    yield return implementor;
                }
            }
        }

        // The waiting helpers whose answer may change when this one's does: those calling it, or a method it implements.
        private static IEnumerable<IMethodSymbol> CallersOf(IMethodSymbol helper, Dictionary<IMethodSymbol, List<IMethodSymbol>> callers)
        {
            foreach (var called in MemberHierarchy.SelfOverriddenAndImplemented(helper))
            {
                if (callers.TryGetValue(called, out var calling))
                {
                    foreach (var caller in calling)
                    {
                        yield return caller;
                    }
                }
            }
        }

        // The block's action has returned, and the driver's graph of it with it: built again from the body's root (a block
        // body sits in its method's body operation), as the driver builds it.
        private static Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph? GraphOf(IOperation body, System.Threading.CancellationToken cancellationToken)
        {
            var root = body;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            return root switch
            {
                IMethodBodyOperation method => Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph.Create(method, cancellationToken),
                IBlockOperation block => Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph.Create(block, cancellationToken),
                _ => null,
            };
        }

        private sealed class WaitingHelper
        {
            public WaitingHelper(IOperation body, Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph? graph, IReadOnlyList<IMethodSymbol> calls, bool readsBiometrics)
            {
                Body = body;
                Graph = graph;
                Calls = calls;
                ReadsBiometrics = readsBiometrics;
            }

            public IOperation Body { get; }

            /// <summary>A verification method's graph, kept for its own verdict anyway; null for another helper (built when judged).</summary>
            public Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph? Graph { get; }

            public IReadOnlyList<IMethodSymbol> Calls { get; }

            public bool ReadsBiometrics { get; }
        }
    }

    /// <summary>
    /// The purpose a method verifies identity for: its own attribute, else one on a method it overrides or an interface method
    /// it implements; the implementation is what verifies for the interface's purpose (docs/rules/SPI004.md, "What it flags").
    /// Only assemblies that reference the annotations can carry the attribute: the framework's methods are not read. Asked of
    /// every method with a body, so what a type's interfaces carry is read once per type, not per method.
    /// </summary>
    private sealed class Purposes
    {
        private readonly INamedTypeSymbol _attribute;
        private readonly ConcurrentDictionary<IAssemblySymbol, bool> _mayCarry = new(SymbolEqualityComparer.Default);

        // The compilation's own assembly, whose methods are nearly all those asked about, and whether it can carry the attribute.
        private readonly IAssemblySymbol _compiled;
        private readonly bool _compiledMayCarry;

        // Per type definition: the methods of the interfaces it implements that carry the attribute (as AllInterfaces gives them, in
        // its order).
        private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<IMethodSymbol>> _carriers = new(DefinitionIdentity<INamedTypeSymbol>.Instance);

        public Purposes(INamedTypeSymbol attribute, IAssemblySymbol compiled)
        {
            _attribute = attribute;
            _compiled = compiled;
            _compiledMayCarry = KnownSymbols.MayCarry(compiled, attribute);
        }

        public string? Of(IMethodSymbol method)
        {
            // The attributes of the method and of those it overrides come first, then, level by level, the interface methods each
            // of them implements: an override implements what the method it overrides implements (`class FaceDesk : Desk` where
            // only Desk names the interface).
            for (var current = method.OriginalDefinition; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
            {
                if (Own(current) is { } purpose)
                {
                    return purpose;
                }
            }

            for (var current = method; current is not null; current = current.OverriddenMethod)
            {
                if (Implemented(current.OriginalDefinition) is { } purpose)
                {
                    return purpose;
                }
            }

            return null;
        }

        // The purpose of an interface method `method` implements (MemberHierarchy.SelfOverriddenAndImplemented's interface part).
        private string? Implemented(IMethodSymbol method)
        {
            foreach (var implemented in method.ExplicitInterfaceImplementations)
            {
                if (Own(implemented.OriginalDefinition) is { } purpose)
                {
                    return purpose;
                }
            }

            if (!MemberHierarchy.MayImplementImplicitly(method))
            {
                return null;
            }

            var type = method.ContainingType;
            if (!_carriers.TryGetValue(type, out var carriers))
            {
                carriers = _carriers.GetOrAdd(type, Carriers(type));
            }

            foreach (var candidate in carriers)
            {
                if (candidate.Name == method.Name
                    && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate)?.OriginalDefinition, method)
                    && Own(candidate.OriginalDefinition) is { } purpose)
                {
                    return purpose;
                }
            }

            return null;
        }

        private ImmutableArray<IMethodSymbol> Carriers(INamedTypeSymbol type)
        {
            var carriers = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var @interface in type.AllInterfaces)
            {
                if (!MayCarry(@interface.ContainingAssembly))
                {
                    continue;
                }

                foreach (var member in @interface.GetMembers())
                {
                    if (member is IMethodSymbol interfaceMethod && Own(interfaceMethod.OriginalDefinition) is not null)
                    {
                        carriers.Add(interfaceMethod);
                    }
                }
            }

            return carriers.ToImmutable();
        }

        private string? Own(IMethodSymbol holder)
        {
            if (!MayCarry(holder.ContainingAssembly))
            {
                return null;
            }

            foreach (var data in holder.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, _attribute)
                    && data.ConstructorArguments.Length == 1 && data.ConstructorArguments[0].Kind == TypedConstantKind.Primitive
                    && data.ConstructorArguments[0].Value is string purpose)
                {
                    return purpose;
                }
            }

            return null;
        }

        private bool MayCarry(IAssemblySymbol? assembly) =>
            ReferenceEquals(assembly, _compiled) ? _compiledMayCarry
            : assembly is not null && (_mayCarry.TryGetValue(assembly, out var may) ? may : _mayCarry.GetOrAdd(assembly, KnownSymbols.MayCarry(assembly, _attribute)));
    }

    private sealed class VerificationFacts
    {
        public VerificationFacts(IMethodSymbol method, string purpose)
        {
            Method = method;
            Purpose = purpose;
        }

        public IMethodSymbol Method { get; }

        public string Purpose { get; }

        public Verdict Verdict { get; set; } = Verdict.NoAlternative;

        /// <summary>The body's graph while the verdict waits for the helpers it calls (compilation end).</summary>
        public Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph? Graph { get; set; }

        /// <summary>The methods shaped like a check it calls, while it waits.</summary>
        public IReadOnlyList<IMethodSymbol> Calls { get; set; } = Array.Empty<IMethodSymbol>();
    }
}
