using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// What one body says about values that cross its boundary, recorded by its summarising run
/// (<see cref="MethodAnalysis.Summarize"/>) with placeholders for what callers pass and callees return:
/// what it returns, what it hands to the methods of this compilation it calls, and which of its sinks receive
/// something a placeholder stands for. <see cref="CrossMethodPass"/> combines them at compilation end.
/// </summary>
internal sealed class MethodFacts
{
    public MethodFacts(IMethodSymbol method, Taint returned, ImmutableArray<CallFact> calls, ImmutableArray<SinkFact> sinks, ImmutableArray<(ISymbol Member, Taint Taint)> stores = default, ImmutableArray<(int Ordinal, Taint Taint)> outs = default)
    {
        Method = method;
        Returned = returned;
        Calls = calls;
        Sinks = sinks;
        Stores = stores.IsDefault ? ImmutableArray<(ISymbol Member, Taint Taint)>.Empty : stores;
        Outs = outs.IsDefault ? ImmutableArray<(int Ordinal, Taint Taint)>.Empty : outs;
    }

    /// <summary>What the body leaves in its <c>out</c> and <c>ref</c> parameters, by ordinal.</summary>
    public ImmutableArray<(int Ordinal, Taint Taint)> Outs { get; }

    /// <summary>
    /// What the body assigns to fields and auto-properties the pass follows (<see cref="CrossMethodPass.FollowsField"/>),
    /// per member (its original definition): declared data and placeholders.
    /// </summary>
    public ImmutableArray<(ISymbol Member, Taint Taint)> Stores { get; }

    /// <summary>The method (its original definition) whose body this is.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>Everything the body returns: declared data and placeholders.</summary>
    public Taint Returned { get; }

    public ImmutableArray<CallFact> Calls { get; }

    public ImmutableArray<SinkFact> Sinks { get; }

    /// <summary>The call whose result a <see cref="OriginKind"/>.CallResult placeholder stands for.</summary>
    public CallFact? CallAt(SyntaxNode? site)
    {
        foreach (var call in Calls)
        {
            if (call.Site == site)
            {
                return call;
            }
        }

        return null;
    }
}

/// <summary>A call to a method of this compilation: the callee and what each argument carries.</summary>
internal sealed class CallFact
{
    public CallFact(IMethodSymbol callee, SyntaxNode site, ImmutableArray<ArgumentFact> arguments, int consent)
    {
        Callee = callee;
        Site = site;
        Arguments = arguments;
        Consent = consent;
    }

    /// <summary>
    /// The consent bits the caller shows at the call (<see cref="Model.ConsentCatalog"/>): what the guard analysis gives
    /// there when the caller checks consent, otherwise what its member starts with. Asked only where an argument may
    /// carry a raw sample (a raw sample, a placeholder, an object given whole), the one use of it; everything elsewhere
    /// and when unknown.
    /// </summary>
    public int Consent { get; }

    /// <summary>The called method's original definition (virtual and interface calls resolve at compilation end).</summary>
    public IMethodSymbol Callee { get; }

    public SyntaxNode Site { get; }

    public ImmutableArray<ArgumentFact> Arguments { get; }

    /// <summary>This call's facts joined with those of another run over the same call.</summary>
    public CallFact Join(CallFact other)
    {
        var arguments = ImmutableArray.CreateBuilder<ArgumentFact>(Arguments.Length);
        foreach (var argument in Arguments)
        {
            var taint = other.Argument(argument.Ordinal) is { } again ? argument.Taint.Union(again.Taint) : argument.Taint;
            arguments.Add(new ArgumentFact(argument.Ordinal, argument.Node, taint, argument.AcceptsString, argument.WholeType, argument.WholeParameter, argument.Fresh));
        }

        return new CallFact(Callee, Site, arguments.ToImmutable(), Consent & other.Consent);
    }

    public ArgumentFact? Argument(int ordinal)
    {
        foreach (var argument in Arguments)
        {
            if (argument.Ordinal == ordinal)
            {
                return argument;
            }
        }

        return null;
    }
}

/// <summary>One argument of a <see cref="CallFact"/>: the parameter it binds, where it is written, what it carries.</summary>
internal sealed class ArgumentFact
{
    public ArgumentFact(int ordinal, SyntaxNode node, Taint taint, bool acceptsString, ITypeSymbol? wholeType = null, int wholeParameter = -1, FreshObject? fresh = null)
    {
        Fresh = fresh;
        Ordinal = ordinal;
        Node = node;
        Taint = taint;
        AcceptsString = acceptsString;
        WholeType = wholeType;
        WholeParameter = wholeParameter;
    }

    /// <summary>
    /// The static type of an object handed whole to a parameter whose own type shows nothing (<c>object</c>, an
    /// unconstrained type parameter), when that type holds classified members: what a sink rendering the parameter
    /// whole would show (<see cref="CrossMethodPass.HandsWholeObject"/>).
    /// </summary>
    public ITypeSymbol? WholeType { get; }

    /// <summary>For an object handed whole that the caller creates itself, the members it may be given (<see cref="FreshObjects"/>).</summary>
    public FreshObject? Fresh { get; }

    /// <summary>The caller's own parameter the argument is (a reference to it, through conversions), or -1.</summary>
    public int WholeParameter { get; }

    public int Ordinal { get; }

    public SyntaxNode Node { get; }

    public Taint Taint { get; }

    /// <summary>Whether a masked string could replace the argument and still compile.</summary>
    public bool AcceptsString { get; }
}

/// <summary>
/// A sink argument that receives something a placeholder stands for, and the rules that would report there
/// whatever data arrives (<see cref="Rules"/> is the analyzer's mask of rule positions; this layer knows no rule).
/// </summary>
internal sealed class SinkFact
{
    public SinkFact(SyntaxNode node, SinkMatch sink, Taint taint, int rules, bool acceptsString, int wholeParameter = -1, ObjectRendering rendering = ObjectRendering.None,
        bool wholeLeftAsIs = false, int? consent = null)
    {
        WholeLeftAsIs = wholeLeftAsIs;
        Consent = consent ?? ConsentCatalog.Everything;
        Node = node;
        Sink = sink;
        Taint = taint;
        Rules = rules;
        AcceptsString = acceptsString;
        WholeParameter = wholeParameter;
        Rendering = rendering;
    }

    /// <summary>
    /// The consent bits the body shows at the sink (<see cref="ConsentCatalog"/>): what a caller's data needing consent
    /// finds there, with what the calls on the way show (<see cref="CallStep.Consent"/>).
    /// </summary>
    public int Consent { get; }

    /// <summary>The parameter the sink's argument is (a reference to it, through conversions), or -1.</summary>
    public int WholeParameter { get; }

    /// <summary>How the sink writes an object given there whole: what a caller's object shows through <see cref="WholeParameter"/>.</summary>
    public ObjectRendering Rendering { get; }

    /// <summary>Whether the body only shows <see cref="WholeParameter"/> as it is given (<see cref="FreshObjects.LeavesAsIs"/>).</summary>
    public bool WholeLeftAsIs { get; }

    public SyntaxNode Node { get; }

    public SinkMatch Sink { get; }

    public Taint Taint { get; }

    public int Rules { get; }

    public bool AcceptsString { get; }
}

/// <summary>How a sink writes an object handed to it whole (docs/design/value-flow-engine.md, "Containers").</summary>
internal enum ObjectRendering
{
    None,

    /// <summary>Turned into text: a record prints its members, a class its type's name.</summary>
    Printed,

    /// <summary>Serialised: every readable member.</summary>
    Members,

    /// <summary>Destructured by a logger (<c>{@Entry}</c>).</summary>
    MembersByLogger,

    /// <summary>Stored by an object-relational mapper: the entity's own members.</summary>
    OwnMembers,
}
