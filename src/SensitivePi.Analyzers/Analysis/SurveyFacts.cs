using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// What the survey asks of every method a body calls and every field or property it reads, kept together per definition:
/// one lookup where each catalog's cache was asked in turn, each a cold lookup of its own (docs/design/value-flow-engine.md,
/// "Cost"). Every answer is the catalog's own, asked once; the catalogs keep theirs too, except those whose keeping costs more than
/// working them out (whether a callee is a helper, requires consent or is a declared check: most are not, and each would be one
/// more entry added to a second cache). A record pays off for a symbol asked more than once: not for parameters, which the
/// survey asks the model about directly.
/// </summary>
internal sealed class SurveyFacts
{
    private readonly ValueFlowEngine _engine;
    private readonly ConcurrentDictionary<IMethodSymbol, CalleeFacts> _callees;
    private readonly ConcurrentDictionary<ISymbol, MemberFacts> _members;

    public SurveyFacts(ValueFlowEngine engine)
    {
        _engine = engine;

        // As many callees per file as the sink catalog keeps, and as many members as the model.
        _callees = CacheCapacity.Create<IMethodSymbol, CalleeFacts>(engine.Compilation, perFile: 5, DefinitionIdentity<IMethodSymbol>.Instance);
        _members = CacheCapacity.Create<ISymbol, MemberFacts>(engine.Compilation, perFile: 12, DefinitionIdentity<ISymbol>.Instance);
    }

    /// <summary>The facts of <paramref name="method"/>'s definition.</summary>
    public CalleeFacts Of(IMethodSymbol method)
    {
        var key = method.OriginalDefinition;
        return _callees.TryGetValue(key, out var facts) ? facts : _callees.GetOrAdd(key, new CalleeFacts(_engine, key));
    }

    /// <summary>The facts of <paramref name="member"/>'s definition (a field or property; a parameter too, though the survey asks the model).</summary>
    public MemberFacts OfMember(ISymbol member)
    {
        var key = member.OriginalDefinition;
        return _members.TryGetValue(key, out var facts) ? facts : _members.GetOrAdd(key, new MemberFacts(_engine, key));
    }

    /// <summary>
    /// The sink kinds of an invocation of <paramref name="method"/>, as <see cref="ValueFlowEngine.SinkKindsAt"/> answers: a
    /// constructor initializer (`: base(message)`) creates nothing, and a delegate's <c>Invoke</c> is the sink catalog's by the
    /// delegate type as called, not by its definition.
    /// </summary>
    public SinkKinds SinkKindsOf(IMethodSymbol method, CalleeFacts facts) => method.MethodKind switch
    {
        MethodKind.Constructor => SinkKinds.None,
        MethodKind.DelegateInvoke => _engine.SinkKindsOf(method),
        _ => facts.Sinks,
    };

    /// <summary>A yes/no answer asked once: <paramref name="known"/> is 0 until then, 1 for no, 2 for yes; two threads write the same.</summary>
    internal static bool Once<TSymbol>(ref int known, ValueFlowEngine engine, TSymbol symbol, System.Func<ValueFlowEngine, TSymbol, bool> compute)
    {
        var answer = System.Threading.Volatile.Read(ref known);
        if (answer == 0)
        {
            answer = compute(engine, symbol) ? 2 : 1;
            System.Threading.Volatile.Write(ref known, answer);
        }

        return answer == 2;
    }
}

/// <summary>
/// One method's answers (<see cref="SurveyFacts"/>). Those every call asks are read when the record is made; the others when
/// first asked. A value written twice by two threads is the same value.
/// </summary>
internal sealed class CalleeFacts
{
    private readonly ValueFlowEngine _engine;
    private readonly IMethodSymbol _definition;

    // 0 not asked yet, 1 no, 2 yes.
    private int _isHelper;
    private int _follows;
    private int _declaredCheck;
    private int _classifiesParameters;

    public CalleeFacts(ValueFlowEngine engine, IMethodSymbol definition)
    {
        _engine = engine;
        _definition = definition;
        Sinks = definition.MethodKind == MethodKind.DelegateInvoke ? SinkKinds.None : engine.SinkKindsOf(definition);
        RequiresConsent = engine.Consent.RequirementOfDefinition(definition) != 0;
        Origin = engine.Model.GetMemberOrigin(definition);
        Effect = engine.Transfers.GetEffect(definition);
    }

    /// <summary>The sink kinds of the definition (not asked for a delegate's <c>Invoke</c>: <see cref="SurveyFacts.SinkKindsOf"/>).</summary>
    public SinkKinds Sinks { get; }

    /// <summary>Whether the method requires a consent check (<see cref="ConsentCatalog.GetRequirement"/>).</summary>
    public bool RequiresConsent { get; }

    /// <summary>The classification of what it returns (<see cref="SensitivityModel.GetMemberOrigin"/>).</summary>
    public SensitiveOrigin? Origin { get; }

    /// <summary>What a call does to the data given it (<see cref="TransferCatalog.GetEffect"/>).</summary>
    public CallEffect Effect { get; }

    /// <summary>Whether the method is one of the compilation's helpers (<see cref="HelperCallSites.IsHelper"/>).</summary>
    public bool IsHelper => SurveyFacts.Once(ref _isHelper, _engine, _definition, static (engine, method) => engine.HelperCalls.IsHelperDefinition(method));

    /// <summary>Whether the cross-method pass follows calls of the method (<see cref="CrossMethodPass.Follows"/>).</summary>
    public bool Follows => SurveyFacts.Once(ref _follows, _engine, _definition, static (engine, method) => engine.CrossMethod.Follows(method));

    /// <summary>
    /// Whether some source may classify a parameter of the method (<see cref="SensitivityModel.MayClassifyParameterOf"/>): asked
    /// for each argument of each call, where the model would read the method's name again each time.
    /// </summary>
    public bool MayClassifyParameters =>
        SurveyFacts.Once(ref _classifiesParameters, _engine, _definition, static (engine, method) => engine.Model.MayClassifyParameterOf(method));

    /// <summary>Whether a call of the method made in <paramref name="callTree"/> may be a consent check (<see cref="ConsentCatalog.MayBeCheck(IMethodSymbol, bool, SyntaxTree)"/>).</summary>
    public bool MayBeCheck(SyntaxTree callTree) =>
        ConsentCatalog.MayBeCheck(_definition, SurveyFacts.Once(ref _declaredCheck, _engine, _definition, static (engine, method) => engine.Consent.IsDeclaredCheckUncached(method)), callTree);
}

/// <summary>One field's or property's answers (<see cref="SurveyFacts"/>); a parameter's too, though the survey asks the model for those.</summary>
internal sealed class MemberFacts
{
    private readonly ValueFlowEngine _engine;
    private readonly ISymbol _definition;

    // 0 not asked yet, 1 no, 2 yes.
    private int _followsField;
    private int _followsGetter;

    public MemberFacts(ValueFlowEngine engine, ISymbol definition)
    {
        _engine = engine;
        _definition = definition;
        Origin = engine.Model.GetMemberOrigin(definition);
    }

    /// <summary>The member's classification (<see cref="SensitivityModel.GetMemberOrigin"/>).</summary>
    public SensitiveOrigin? Origin { get; }

    /// <summary>Whether the cross-method pass follows what the member holds (<see cref="CrossMethodPass.FollowsField"/>).</summary>
    public bool FollowsField => SurveyFacts.Once(ref _followsField, _engine, _definition, static (engine, member) => engine.CrossMethod.FollowsField(member));

    /// <summary>Whether a read of the property is followed into its getter (<see cref="CrossMethodPass.FollowsGetter"/>); false for others.</summary>
    public bool FollowsGetter =>
        SurveyFacts.Once(ref _followsGetter, _engine, _definition, static (engine, member) => member is IPropertySymbol property && engine.CrossMethod.FollowsGetter(property));
}
