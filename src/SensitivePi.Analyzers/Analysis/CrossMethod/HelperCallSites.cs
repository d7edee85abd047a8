using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>One place a helper is called (or referenced as a delegate), with the consent shown there.</summary>
internal readonly struct HelperCallSite
{
    public HelperCallSite(SyntaxNode call, ISymbol caller, int consent, bool isDelegate = false)
    {
        Call = call;
        Caller = caller;
        Consent = consent;
        IsDelegate = isDelegate;
    }

    /// <summary>A delegate made of the helper (a route handler, an event handler): who calls it, and under what consent, is unknown.</summary>
    public bool IsDelegate { get; }

    /// <summary>The invocation, or the method reference of a delegate (whose calls nothing here sees).</summary>
    public SyntaxNode Call { get; }

    /// <summary>The member whose body holds the call.</summary>
    public ISymbol Caller { get; }

    /// <summary>The consent bits the guard analysis shows at the call (<see cref="ConsentCatalog"/>); none for a delegate.</summary>
    public int Consent { get; }
}

/// <summary>
/// The call sites of the compilation's helpers, the methods no other assembly can call (private or internal,
/// or in a type that is): what is done inside one is guarded where every call site is, and otherwise answers
/// at the call sites that are not (docs/design/value-flow-engine.md, "Consent across methods"). Gathered as bodies
/// are analysed, read at compilation end.
/// </summary>
internal sealed class HelperCallSites
{
    private readonly Compilation _compilation;
    private readonly ConsentCatalog _consent;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _isHelper = new(DefinitionIdentity<IMethodSymbol>.Instance);
    private readonly ConcurrentDictionary<IMethodSymbol, ConcurrentQueue<HelperCallSite>> _sites = new(SymbolEqualityComparer.Default);

    public HelperCallSites(Compilation compilation, ConsentCatalog consent)
    {
        _compilation = compilation;
        _consent = consent;
    }

    /// <summary>Whether some rule reads the call sites: set at compilation start, before any body is surveyed.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// A method of this compilation's source with a body that only this assembly can call: not visible outside it,
    /// not an interface implementation or override (called through another method), not a local function.
    /// </summary>
    public bool IsHelper(IMethodSymbol? method)
    {
        if (method is null)
        {
            return false;
        }

        // Every call of every body asks: the answer for a framework method is kept too, since reaching a metadata
        // method's assembly walks up its namespaces.
        method = method.OriginalDefinition;
        return _isHelper.TryGetValue(method, out var known)
            ? known
            : _isHelper.GetOrAdd(method, IsHelperDefinition(method));
    }

    /// <summary>
    /// <see cref="IsHelper"/>'s answer for a method's definition, worked out afresh: for a caller that keeps the answer itself (the
    /// survey's facts of each callee), which would otherwise add every callee of the compilation to a second cache.
    /// </summary>
    public bool IsHelperDefinition(IMethodSymbol definition) =>
        ReferenceEquals(definition.ContainingAssembly, _compilation.Assembly) && Compute(definition);

    public void Add(IMethodSymbol callee, HelperCallSite site) =>
        _sites.GetOrAdd(callee.OriginalDefinition, _ => new ConcurrentQueue<HelperCallSite>()).Enqueue(site);

    /// <summary>The call sites seen of <paramref name="method"/>; empty when it is never called in the compilation.</summary>
    public IReadOnlyCollection<HelperCallSite> Of(IMethodSymbol method) =>
        _sites.TryGetValue(method.OriginalDefinition, out var sites) ? sites : (IReadOnlyCollection<HelperCallSite>)System.Array.Empty<HelperCallSite>();

    /// <summary>
    /// Records the helper calls and delegate references of one body with the consent shown at each: from the guard
    /// analysis when the body checks consent itself, otherwise the consent its member starts with everywhere. The
    /// survey found both (<paramref name="uses"/>, <paramref name="checks"/>): the body is not walked again.
    /// </summary>
    public void Record(ISymbol caller, IReadOnlyList<IOperation> uses, bool checks, int entryMask, System.Func<(ControlFlowGraph Graph, System.Func<IOperation, int> MaskAt)?> guards)
    {
        if (checks && guards() is { } analysed)
        {
            RecordGraph(caller, analysed.Graph, analysed.MaskAt, depth: 0);
            return;
        }

        // No check (or no graph to place it): the consent the member starts with holds at every call.
        foreach (var operation in uses)
        {
            Note(caller, operation, entryMask);
        }
    }

    private void RecordGraph(ISymbol caller, ControlFlowGraph graph, System.Func<IOperation, int> maskAt, int depth)
    {
        if (depth > Framework.StackGuard.MaxFunctionNesting)
        {
            return;
        }

        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                RecordOperation(caller, graph, operation, maskAt, depth);
            }

            if (block.BranchValue is { } branch)
            {
                RecordOperation(caller, graph, branch, maskAt, depth);
            }
        }

        foreach (var localFunction in graph.LocalFunctions)
        {
            RecordGraph(caller, graph.GetLocalFunctionControlFlowGraph(localFunction), maskAt, depth + 1);
        }
    }

    private void RecordOperation(ISymbol caller, ControlFlowGraph graph, IOperation operation, System.Func<IOperation, int> maskAt, int depth)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IFlowAnonymousFunctionOperation lambda)
            {
                RecordGraph(caller, graph.GetAnonymousFunctionControlFlowGraph(lambda), maskAt, depth + 1);
            }
            else
            {
                Note(caller, descendant, descendant is IInvocationOperation ? maskAt(descendant) : 0);
            }
        }
    }

    private void Note(ISymbol caller, IOperation operation, int consent)
    {
        switch (operation)
        {
            case IInvocationOperation { TargetMethod: { } target } when IsHelper(target):
                Add(target, new HelperCallSite(operation.Syntax, caller, consent));
                break;

            // A delegate made of the helper runs wherever it is invoked: nothing shows consent there.
            case IMethodReferenceOperation { Method: { } referenced } when IsHelper(referenced):
                Add(referenced, new HelperCallSite(operation.Syntax, caller, 0, isDelegate: true));
                break;
        }
    }

    private static bool Compute(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsAbstract || method.IsExtern || method.IsVirtual || method.IsOverride
            || !method.ExplicitInterfaceImplementations.IsEmpty || method.DeclaringSyntaxReferences.IsEmpty || method.IsImplicitlyDeclared)
        {
            return false;
        }

        // A type with a generated part (a Razor component, a designer file) is called from code the analyzers do not see.
        foreach (var part in method.ContainingType.DeclaringSyntaxReferences)
        {
            var path = part.SyntaxTree.FilePath;
            if (path.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase) || path.EndsWith(".g.i.cs", System.StringComparison.OrdinalIgnoreCase)
                || path.EndsWith(".designer.cs", System.StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        // Visible outside the assembly when the method and every type around it are public or protected; an internal
        // one is when the assembly names friends ([InternalsVisibleTo]).
        for (ISymbol? symbol = method; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            switch (symbol.DeclaredAccessibility)
            {
                case Accessibility.Private:
                    return !ImplementsInterface(method);
                case Accessibility.Internal or Accessibility.ProtectedAndInternal:
                    return !HasFriends(method.ContainingAssembly) && !ImplementsInterface(method);
            }
        }

        return false;
    }

    private static bool HasFriends(IAssemblySymbol assembly)
    {
        foreach (var attribute in assembly.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "InternalsVisibleToAttribute" })
            {
                return true;
            }
        }

        return false;
    }

    // A public method of an internal class may implement an interface member, and be called through it. Only a member of
    // the same name can be implemented implicitly (explicit implementations are asked before): asking every member of every
    // interface cost more than everything else this class does.
    private static bool ImplementsInterface(IMethodSymbol method)
    {
        foreach (var @interface in method.ContainingType.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (member is IMethodSymbol && SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
