using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// The values given to locals, fields and auto-properties, and to members of them
/// (<c>client.BaseAddress = …</c>), gathered from one body or from every member of one type (a type's are
/// shared by its bodies). Resolution uses a value only when it is the only one: no guessing between
/// assignments. Thread-safe.
/// </summary>
internal sealed class ValueDefinitions
{
    private readonly object _gate = new();
    // Made on the first value: most sets hold few values or none.
    private Dictionary<ISymbol, List<IOperation>>? _values;
    private Dictionary<(ISymbol Target, string Member), List<IOperation>>? _memberValues;

    public static ValueDefinitions Of(IOperation root)
    {
        var definitions = new ValueDefinitions();
        foreach (var operation in root.DescendantsAndSelf())
        {
            definitions.Collect(operation);
        }

        return definitions;
    }

    /// <summary>
    /// Notes what one member of a type (<paramref name="root"/>: its body or initializer) assigns to the type's
    /// fields and auto-properties: initializers and simple assignments, not locals, which say nothing about
    /// another member.
    /// </summary>
    public void AddMemberFacts(IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation.Kind is OperationKind.FieldInitializer or OperationKind.PropertyInitializer or OperationKind.DeconstructionAssignment
                || (operation.Kind == OperationKind.SimpleAssignment
                    && operation is not IAssignmentOperation { Target: ILocalReferenceOperation or IPropertyReferenceOperation { Instance: ILocalReferenceOperation } }))
            {
                Collect(operation);
            }
        }
    }

    /// <summary>Notes what <paramref name="operation"/> assigns, if it assigns anything trackable.</summary>
    private void Collect(IOperation operation)
    {
        switch (operation)
        {
            case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer:
                Add(declarator.Symbol, initializer.Value);
                break;
            case IFieldInitializerOperation fieldInitializer:
                foreach (var field in fieldInitializer.InitializedFields)
                {
                    Add(field, fieldInitializer.Value);
                }

                break;
            case IPropertyInitializerOperation propertyInitializer:
                foreach (var property in propertyInitializer.InitializedProperties)
                {
                    Add(property, propertyInitializer.Value);
                }

                break;
            case IDeconstructionAssignmentOperation deconstruction:
                CollectDeconstruction(deconstruction.Target, deconstruction.Value, depth: 0);
                break;
            case IAssignmentOperation assignment when TargetOf(assignment.Target) is { } target:
                Add(target, assignment.Value);
                break;
            case IAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } instance } property } assignment
                when TargetOf(instance) is { } owner:
                AddMember(owner, property.Property.Name, assignment.Value);
                break;
        }
    }

    // `(client.EnableSsl, _) = (true, 0)`: each element of a tuple literal goes to its target; a target given part of
    // a value that is not a tuple literal gets the whole value, which resolves to nothing (no guessing).
    private void CollectDeconstruction(IOperation target, IOperation value, int depth)
    {
        if (!StackGuard.MayDescend(depth))
        {
            return;
        }

        if (target is IDeclarationExpressionOperation declaration)
        {
            target = declaration.Expression;
        }

        value = OperationTree.WithoutConversions(value);
        if (target is ITupleOperation targets)
        {
            var values = value as ITupleOperation;
            for (var i = 0; i < targets.Elements.Length; i++)
            {
                var part = values is not null && values.Elements.Length == targets.Elements.Length ? values.Elements[i] : value;
                CollectDeconstruction(targets.Elements[i], part, depth + 1);
            }
        }
        else if (TargetOf(target) is { } symbol)
        {
            Add(symbol, value);
        }
        else if (target is IPropertyReferenceOperation { Instance: { } instance } property && TargetOf(instance) is { } owner)
        {
            AddMember(owner, property.Property.Name, value);
        }
    }

    /// <summary>The single value <paramref name="target"/> was given, or null (none, or several).</summary>
    public IOperation? Single(ISymbol target)
    {
        lock (_gate)
        {
            return _values is not null && _values.TryGetValue(target, out var values) && values.Count == 1 ? values[0] : null;
        }
    }

    /// <summary>
    /// What <paramref name="operation"/> holds, seen without the flow: the one value a local is given (a writer's creation),
    /// else the operation itself; null for a local given several values or none.
    /// </summary>
    public IOperation? DefinedValue(IOperation? operation)
    {
        var value = operation is null ? null : OperationTree.WithoutConversions(operation);
        return value is ILocalReferenceOperation local
            ? Single(local.Local) is { } defined ? OperationTree.WithoutConversions(defined) : null
            : value;
    }

    /// <summary>Every value assigned to <c>target.member</c> outside object initializers.</summary>
    public IReadOnlyList<IOperation> MemberValues(ISymbol target, string member)
    {
        lock (_gate)
        {
            return _memberValues is not null && _memberValues.TryGetValue((target, member), out var values) ? values.ToArray() : System.Array.Empty<IOperation>();
        }
    }

    /// <summary>The local, field of this instance, static field or auto-property an expression names.</summary>
    public static ISymbol? TargetOf(IOperation operation)
    {
        switch (OperationTree.WithoutConversions(operation))
        {
            case ILocalReferenceOperation local:
                return local.Local;
            case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                return field.Field;
            case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.Length: 0 } property:
                return property.Property;
            default:
                return null;
        }
    }

    private void Add(ISymbol target, IOperation value)
    {
        lock (_gate)
        {
            _values ??= new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            if (!_values.TryGetValue(target, out var values))
            {
                _values[target] = values = new List<IOperation>();
            }

            values.Add(value);
        }
    }

    private void AddMember(ISymbol target, string member, IOperation value)
    {
        lock (_gate)
        {
            _memberValues ??= new Dictionary<(ISymbol Target, string Member), List<IOperation>>(TargetMemberComparer.Instance);
            if (!_memberValues.TryGetValue((target, member), out var values))
            {
                _memberValues[(target, member)] = values = new List<IOperation>();
            }

            values.Add(value);
        }
    }

    private sealed class TargetMemberComparer : IEqualityComparer<(ISymbol Target, string Member)>
    {
        public static readonly TargetMemberComparer Instance = new();

        public bool Equals((ISymbol Target, string Member) x, (ISymbol Target, string Member) y) =>
            x.Member == y.Member && SymbolEqualityComparer.Default.Equals(x.Target, y.Target);

        public int GetHashCode((ISymbol Target, string Member) obj) =>
            SymbolEqualityComparer.Default.GetHashCode(obj.Target) ^ obj.Member.GetHashCode();
    }
}
