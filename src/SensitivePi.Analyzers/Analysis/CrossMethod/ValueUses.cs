using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// Whether a value can go anywhere in a waiting body (docs/design/value-flow-engine.md, "Summaries on demand"): what callers hand
/// it through a parameter, what a callee returns to it, what a followed member holds, or the declared data it reads itself. Each
/// such value is followed up the operation tree, and into the locals it is kept in, to where it goes. It dies where it is compared
/// (`x.Email == email.ToLowerInvariant()`), tested against a pattern that binds nothing (`email is null`), asked a fact of
/// (`email.Length`), named (`nameof(email)`), assigned over, discarded by a statement, or handed to, or called on by, a library method the tables
/// give no effect and no sink (`ArgumentNullException.ThrowIfNull(email)`). It passes on, unjudged, through conversions, `await`,
/// the branches of `?:` and `??`, text made of it, the members read of it and a library call that only propagates it into its
/// result. Anything else counts as going somewhere. Those are the taint analysis's own rules (TaintAnalysis.Evaluate, ReadMember,
/// EvaluateInvocation), read for every state at once: a value that goes nowhere leaves nothing in the body's summary.
/// </summary>
internal static class ValueUses
{
    // A value followed further than this through one chain of operations counts as going somewhere.
    private const int MaxSteps = 64;

    /// <summary>
    /// False when every read of parameter <paramref name="ordinal"/> of <paramref name="method"/> in <paramref name="root"/>
    /// is one where its value dies; true otherwise, and for what is not an ordinary method's plain parameter (a constructor's
    /// are stored or captured, a tuple's elements are numbered apart).
    /// </summary>
    public static bool MayCarry(ValueFlowEngine engine, IMethodSymbol method, IOperation root, int ordinal) =>
        ordinal >= CrossMethodPass.MaxParameters || (Carrying(engine, method, root) & (1UL << ordinal)) != 0;

    /// <summary>
    /// The inputs of <paramref name="method"/> that <see cref="MayCarry"/> answers true for, as a set of ordinals (below
    /// <see cref="CrossMethodPass.MaxParameters"/>; a tuple element's, numbered after the parameters, always), from one walk of
    /// <paramref name="root"/>.
    /// </summary>
    public static ulong Carrying(ValueFlowEngine engine, IMethodSymbol method, IOperation root)
    {
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return ulong.MaxValue;
        }

        var count = method.Parameters.Length;
        var carrying = count >= CrossMethodPass.MaxParameters ? 0UL : ulong.MaxValue << count;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Ordinal < CrossMethodPass.MaxParameters && parameter is not { RefKind: RefKind.None, Type.IsTupleType: false })
            {
                carrying |= 1UL << parameter.Ordinal;
            }
        }

        var scan = new UseScan(engine, Sources.Parameters, method.OriginalDefinition);
        OperationWalk.Walk(root, ref scan);
        var follow = new Follow(engine, scan.Locals);
        foreach (var (ordinal, reads) in scan.ByParameter())
        {
            if ((carrying & (1UL << ordinal)) == 0 && follow.AnyGoes(reads))
            {
                carrying |= 1UL << ordinal;
            }
        }

        return carrying;
    }

    /// <summary>
    /// Whether what <paramref name="used"/> brings into <paramref name="root"/> can go anywhere: the results of the calls to it
    /// when it is a method (a getter's reads, a constructor's creations), the reads of it when it is a field, an auto-property or
    /// a primary constructor's parameter. True when the body uses it in a way not listed (a method group, an <c>out</c> argument).
    /// </summary>
    public static bool MayCarryFrom(ValueFlowEngine engine, IOperation root, ISymbol used)
    {
        var scan = new UseScan(engine, used is IMethodSymbol ? Sources.Results : Sources.Reads, used.OriginalDefinition);
        OperationWalk.Walk(root, ref scan);
        return scan.Unknown || scan.Found.Count == 0 || new Follow(engine, scan.Locals).AnyGoes(scan.Found);
    }

    /// <summary>
    /// Whether the declared data <paramref name="root"/> reads itself (<see cref="BodySurveyor.ReadsData"/>) can go anywhere in it:
    /// false when each value read dies there (`customer.Email == email`).
    /// </summary>
    public static bool DataMayCarry(ValueFlowEngine engine, IOperation root)
    {
        var scan = new UseScan(engine, Sources.Data, null);
        OperationWalk.Walk(root, ref scan);
        return scan.Unknown || scan.Found.Count == 0 || new Follow(engine, scan.Locals).AnyGoes(scan.Found);
    }

    private enum Sources
    {
        Parameters,
        Results,
        Reads,
        Data,
    }

    // One walk: the operations where the values asked about appear, and every local's references, to follow a value kept in one.
    private struct UseScan : IOperationScan
    {
        private readonly ValueFlowEngine _engine;
        private readonly Sources _sources;
        private readonly ISymbol? _symbol;

        public UseScan(ValueFlowEngine engine, Sources sources, ISymbol? symbol)
        {
            _engine = engine;
            _sources = sources;
            _symbol = symbol;
            Found = new List<IOperation>();
            Locals = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            Unknown = false;
        }

        public List<IOperation> Found { get; }

        public Dictionary<ILocalSymbol, List<IOperation>> Locals { get; }

        /// <summary>The value arrives in a way not followed: it goes somewhere.</summary>
        public bool Unknown { get; private set; }

        public bool Visit(IOperation operation)
        {
            var kind = operation.Kind;
            if (kind == OperationKind.LocalReference)
            {
                ListIndex.AddAfterLast(Locals, ((ILocalReferenceOperation)operation).Local, operation);

                // A local of a classified type is a read of its own (`o is Visit v … return v;`): nothing typed gave it the data.
                if (_sources == Sources.Data && _engine.Surveyor.ReadsAt(operation))
                {
                    Found.Add(operation);
                }

                return false;
            }

            switch (_sources)
            {
                case Sources.Parameters:
                    if (kind == OperationKind.ParameterReference
                        && ((IParameterReferenceOperation)operation).Parameter is { Ordinal: < CrossMethodPass.MaxParameters } parameter
                        && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, _symbol))
                    {
                        Found.Add(operation);
                    }

                    break;
                case Sources.Results:
                    VisitResult(operation, kind);
                    break;
                case Sources.Reads:
                    if ((kind is OperationKind.FieldReference or OperationKind.PropertyReference
                            && SymbolEqualityComparer.Default.Equals(((IMemberReferenceOperation)operation).Member.OriginalDefinition, _symbol))
                        || (kind == OperationKind.ParameterReference
                            && SymbolEqualityComparer.Default.Equals(((IParameterReferenceOperation)operation).Parameter.OriginalDefinition, _symbol)))
                    {
                        Found.Add(operation);
                    }

                    break;
                default:
                    // Data declared at an argument (a classified parameter, a renderer) goes where the call takes it (Follow.Goes).
                    if (_engine.Surveyor.ReadsAt(operation))
                    {
                        Found.Add(operation);
                    }

                    break;
            }

            return Unknown;
        }

        private void VisitResult(IOperation operation, OperationKind kind)
        {
            switch (kind)
            {
                case OperationKind.Invocation when Is(((IInvocationOperation)operation).TargetMethod):
                    // What the callee leaves in an out or ref argument is not its result.
                    foreach (var argument in ((IInvocationOperation)operation).Arguments)
                    {
                        Unknown |= argument.Parameter is { RefKind: not RefKind.None };
                    }

                    Found.Add(operation);
                    break;
                case OperationKind.ObjectCreation when ((IObjectCreationOperation)operation).Constructor is { } constructor && Is(constructor):
                    Found.Add(operation);
                    break;
                case OperationKind.PropertyReference when ((IPropertyReferenceOperation)operation).Property.GetMethod is { } getter && Is(getter):
                    Found.Add(operation);
                    break;
                case OperationKind.MethodReference when Is(((IMethodReferenceOperation)operation).Method):
                    Unknown = true;
                    break;
            }
        }

        private readonly bool Is(IMethodSymbol method) => SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, _symbol);

        public readonly IEnumerable<(int Ordinal, List<IOperation> Reads)> ByParameter()
        {
            var byOrdinal = new Dictionary<int, List<IOperation>>();
            foreach (var reference in Found)
            {
                ListIndex.AddAfterLast(byOrdinal, ((IParameterReferenceOperation)reference).Parameter.Ordinal, reference);
            }

            foreach (var pair in byOrdinal)
            {
                yield return (pair.Key, pair.Value);
            }
        }
    }

    // Follows values to where they go, through the locals they are kept in (each local's references followed once per question).
    private readonly struct Follow
    {
        private readonly ValueFlowEngine _engine;
        private readonly Dictionary<ILocalSymbol, List<IOperation>> _locals;

        public Follow(ValueFlowEngine engine, Dictionary<ILocalSymbol, List<IOperation>> locals)
        {
            _engine = engine;
            _locals = locals;
        }

        public bool AnyGoes(List<IOperation> values)
        {
            var kept = new List<ILocalSymbol>();
            foreach (var value in values)
            {
                if (Goes(value, kept))
                {
                    return true;
                }
            }

            // A local is followed once, whatever number of values it is given; the list only grows, and ends.
            var followed = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            for (var i = 0; i < kept.Count; i++)
            {
                if (followed.Add(kept[i]) && _locals.TryGetValue(kept[i], out var references))
                {
                    foreach (var reference in references)
                    {
                        if (Goes(reference, kept))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        // True when the value of `operation` may go somewhere; the locals it is kept in are added to `kept`.
        private bool Goes(IOperation operation, List<ILocalSymbol> kept)
        {
            var value = operation;
            for (var step = 0; step < MaxSteps; step++)
            {
                var parent = value.Parent;
                switch (parent)
                {
                    case IConversionOperation { OperatorMethod: null }:
                    case IAwaitOperation:
                    case ICoalesceOperation:
                    case IInterpolatedStringOperation:
                    case IInterpolationOperation interpolation when interpolation.Expression == value:
                    case IFieldReferenceOperation field when field.Instance == value:
                        break;
                    case IConditionalOperation conditional:
                        if (conditional.Condition == value)
                        {
                            return false;
                        }

                        break;
                    case IBinaryOperation binary:
                        if (binary.Type?.SpecialType == SpecialType.System_Boolean
                            && (binary.OperatorMethod is null || binary.OperatorMethod.ContainingType?.SpecialType == SpecialType.System_String))
                        {
                            return false;
                        }

                        if (binary.OperatorMethod is not null)
                        {
                            return true;
                        }

                        break;
                    case IPropertyReferenceOperation read when read.Instance == value:
                        if (TransferCatalog.IsFact(read.Property, read.Type))
                        {
                            return false;
                        }

                        if (_engine.CrossMethod.FollowsGetter(read.Property))
                        {
                            return true;
                        }

                        break;
                    case IInvocationOperation call when call.Instance == value:
                        if (Call(call) is var onCall && onCall != Outcome.PassesOn)
                        {
                            return onCall == Outcome.Goes;
                        }

                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IInvocationOperation argumentOf }:
                        if (Call(argumentOf) is var onArgument && onArgument != Outcome.PassesOn)
                        {
                            return onArgument == Outcome.Goes;
                        }

                        parent = argumentOf;
                        break;
                    case IIsPatternOperation test:
                        return !(test.Value == value && BindsNothing(test.Pattern));
                    case INameOfOperation:
                    case IExpressionStatementOperation:
                        return false;
                    case ISimpleAssignmentOperation assignment:
                        if (assignment.Target == value)
                        {
                            return false;
                        }

                        if (assignment.Target is not ILocalReferenceOperation { Local.RefKind: RefKind.None } local)
                        {
                            return true;
                        }

                        kept.Add(local.Local);
                        if (assignment.Parent is IExpressionStatementOperation)
                        {
                            return false;
                        }

                        break;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.RefKind: RefKind.None } declarator }:
                        kept.Add(declarator.Symbol);
                        return false;
                    default:
                        return true;
                }

                value = parent;
            }

            return true;
        }

        // A library call the tables give no effect (or a mask) and no sink: its result carries nothing of its inputs, and it puts
        // them nowhere. One that only propagates hands them on to its result, unless that result is a fact; one that hands them
        // to a lambda or an out or ref argument (`ids.All(id => …)`, `claims.TryGetValue("id", out var v)`) passes the elements on.
        private Outcome Call(IInvocationOperation call)
        {
            var method = call.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary)
            {
                return Outcome.Goes;
            }

            var facts = _engine.SurveyFacts.Of(method);
            if (facts.Follows || facts.Origin is not null || _engine.SurveyFacts.SinkKindsOf(method, facts) != SinkKinds.None)
            {
                return Outcome.Goes;
            }

            if (facts.Effect is CallEffect.None or CallEffect.Sanitizes)
            {
                return Outcome.Dies;
            }

            if (facts.Effect != CallEffect.Propagates || !HandsOnNothing(call))
            {
                return Outcome.Goes;
            }

            return TransferCatalog.IsFact(method, method.ReturnType) ? Outcome.Dies : Outcome.PassesOn;
        }

        private static bool HandsOnNothing(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { RefKind: RefKind.Out or RefKind.Ref } || argument.Value.Type is { TypeKind: TypeKind.Delegate })
                {
                    return false;
                }
            }

            return true;
        }

        private static bool BindsNothing(IPatternOperation pattern)
        {
            foreach (var part in pattern.DescendantsAndSelf())
            {
                if (part is IDeclarationPatternOperation or IRecursivePatternOperation { DeclaredSymbol: not null } or IListPatternOperation { DeclaredSymbol: not null }
                    or ISlicePatternOperation)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private enum Outcome
    {
        Dies,
        PassesOn,
        Goes,
    }
}
