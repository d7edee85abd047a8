using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// Whether what callers hand a waiting body through one of its parameters can go anywhere in that body
/// (docs/design/value-flow-engine.md, "Summaries on demand"). A parameter read only where its value dies carries
/// nothing into the body's summary: compared (`x.Email == email`), tested against a pattern that binds nothing
/// (`email is null`), asked a fact of (`email.Length`), named (`nameof(email)`), assigned over, or handed to, or called
/// on by, a library method the tables give no effect and no sink (`ArgumentNullException.ThrowIfNull(email)`). Those are the
/// taint analysis's own rules (TaintAnalysis.Evaluate, ReadMember, EvaluateInvocation), read for every state at once.
/// </summary>
internal static class ParameterUses
{
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

        var scan = new CarryScan(engine, method.OriginalDefinition, carrying);
        OperationWalk.Walk(root, ref scan);
        return scan.Carrying;
    }

    private struct CarryScan : IOperationScan
    {
        private readonly ValueFlowEngine _engine;
        private readonly IMethodSymbol _method;

        public CarryScan(ValueFlowEngine engine, IMethodSymbol method, ulong carrying)
        {
            _engine = engine;
            _method = method;
            Carrying = carrying;
        }

        public ulong Carrying { get; private set; }

        public bool Visit(IOperation operation)
        {
            if (operation.Kind == OperationKind.ParameterReference
                && ((IParameterReferenceOperation)operation).Parameter is { Ordinal: < CrossMethodPass.MaxParameters } parameter
                && (Carrying & (1UL << parameter.Ordinal)) == 0
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, _method)
                && !Dies(operation))
            {
                Carrying |= 1UL << parameter.Ordinal;
            }

            return false;
        }

        private bool Dies(IOperation reference)
        {
            var value = reference;
            while (value.Parent is { Kind: OperationKind.Conversion } conversion)
            {
                value = conversion;
            }

            return value.Parent switch
            {
                IBinaryOperation { Type.SpecialType: SpecialType.System_Boolean } comparison
                    => comparison.OperatorMethod is null || comparison.OperatorMethod.ContainingType?.SpecialType == SpecialType.System_String,
                IIsPatternOperation test => test.Value == value && BindsNothing(test.Pattern),
                INameOfOperation => true,
                ISimpleAssignmentOperation assignment => assignment.Target == value,
                IPropertyReferenceOperation { Property: var property } read => read.Instance == value && TransferCatalog.IsFact(property, read.Type),
                IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IInvocationOperation call } => GivesNothingBack(call),
                IInvocationOperation call => call.Instance == value && GivesNothingBack(call),
                _ => false,
            };
        }

        // A library call the tables give no effect (or a mask) and no sink: its result carries nothing of its inputs, and it puts
        // them nowhere. One that propagates counts only when its result is a fact and it hands its inputs to no lambda and no out
        // or ref argument (`ids.All(id => …)`, `claims.TryGetValue("id", out var v)` pass the elements on).
        private bool GivesNothingBack(IInvocationOperation call)
        {
            var method = call.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            var facts = _engine.SurveyFacts.Of(method);
            return !facts.Follows && facts.Origin is null && _engine.SurveyFacts.SinkKindsOf(method, facts) == SinkKinds.None
                && (facts.Effect is CallEffect.None or CallEffect.Sanitizes
                    || (facts.Effect == CallEffect.Propagates && TransferCatalog.IsFact(method, method.ReturnType) && HandsOnNothing(call)));
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
}
