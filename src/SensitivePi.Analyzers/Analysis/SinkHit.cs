using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>A sensitive value (or container) reaching a data argument of a sink call.</summary>
internal sealed class SinkHit
{
    public SinkHit(SyntaxNode node, IOperation call, SinkMatch sink, bool acceptsString, ControlFlowGraph rootGraph)
    {
        RootGraph = rootGraph;
        Node = node;
        Call = call;
        Sink = sink;
        AcceptsString = acceptsString;
    }

    /// <summary>The argument (or <c>params</c> element) through which the value enters; diagnostics go here.</summary>
    public SyntaxNode Node { get; }

    /// <summary>The sink operation: an invocation, or an assignment to a sink property (<c>parameter.Value = x</c>).</summary>
    public IOperation Call { get; }

    /// <summary>The graph of the analysed body (lambdas and local functions hang off it).</summary>
    public ControlFlowGraph RootGraph { get; }

    /// <summary>The analysed member's whole operation tree (not the graph's rewritten copy), for resolving locals.</summary>
    public IOperation Root => RootGraph.OriginalOperation;

    public SinkMatch Sink { get; }

    /// <summary>
    /// Whether the call writes through a stream that encrypts on its way (<see cref="SinkMatch.WritesEncrypted"/>), worked out
    /// where the hit is made, with the graph's captures and the body's locals at hand.
    /// </summary>
    public bool WritesEncrypted { get; set; }

    /// <summary>
    /// For a copy by name (<c>db.Entry(card).CurrentValues.SetValues(form)</c>), the entity it copies into, read where the hit is
    /// made; what the entity keeps of it is known only at compilation end.
    /// </summary>
    public INamedTypeSymbol? CopiedInto { get; set; }

    /// <summary>Where the value comes from: directly, or through the members a container renders.</summary>
    public Taint Taint { get; private set; } = Taint.Empty;

    /// <summary>The value itself is not sensitive; members of it are, and the sink renders them.</summary>
    public bool IsContainer { get; private set; } = true;

    /// <summary>Whether the parameter would accept a string in place of the value (a masked replacement).</summary>
    public bool AcceptsString { get; }

    /// <summary>
    /// For a value typed as an interface or type parameter: that static type and the types of this compilation
    /// standing for it whose members make it a container (<see cref="Model.SensitivityModel.GetStandIns"/>).
    /// </summary>
    public (ITypeSymbol Declared, ImmutableArray<INamedTypeSymbol> Types)? StandIns { get; private set; }

    public void HeldBy(ITypeSymbol declared, ImmutableArray<INamedTypeSymbol> standIns) => StandIns = (declared, standIns);

    /// <summary>
    /// In a summarising run, the summarised method's parameter the value is, and how the sink writes an object given
    /// there whole: callers handing an object to that parameter show what its type holds (<see cref="SinkFact.Rendering"/>).
    /// </summary>
    public (int Parameter, ObjectRendering Rendering)? Whole { get; private set; }

    public void RendersWhole(int parameter, ObjectRendering rendering, bool leftAsIs)
    {
        Whole = (parameter, rendering);
        WholeLeftAsIs = leftAsIs;
    }

    /// <summary>Whether the body only shows the parameter of <see cref="Whole"/> as it is given (<see cref="FreshObjects.LeavesAsIs"/>).</summary>
    public bool WholeLeftAsIs { get; private set; }

    /// <summary>
    /// How a message names <paramref name="data"/> (part of this hit's taint): the origins, and, for a container
    /// typed as an interface or type parameter, the types standing for it.
    /// </summary>
    public string DescribeData(Taint data)
    {
        if (StandIns is not { } standIns)
        {
            return data.Describe();
        }

        return data.Describe() + " held by " + string.Join(", ", standIns.Types.Select(t => "'" + t.Name + "'"))
            + " as '" + standIns.Declared.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "'";
    }

    public void Add(Taint taint, bool isContainer)
    {
        Taint = Taint.Union(taint);
        IsContainer &= isContainer;
    }
}
