using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;

namespace SensitivePi.Analyzers.Analysis;

/// <summary>
/// A body that could matter to another method but reads no declared data itself: its summary depends entirely on
/// what other bodies bring it, so it is summarised at compilation end, and only when the pass finds data reaching it
/// (docs/design/value-flow-engine.md, "Summaries on demand").
/// </summary>
internal sealed class PendingBody
{
    private ImmutableArray<IMethodSymbol> _callees;
    private ImmutableArray<ISymbol> _fieldsRead;

    public PendingBody(IMethodSymbol owner, IOperation root, BodySurvey survey)
    {
        Owner = owner;
        Method = owner.OriginalDefinition;
        Root = root;
        Survey = survey;
    }

    /// <summary>The member the body belongs to, as the analyzer driver gave it.</summary>
    public IMethodSymbol Owner { get; }

    /// <summary>The key of its facts (<see cref="MethodFacts.Method"/>).</summary>
    public IMethodSymbol Method { get; }

    /// <summary>The root of the body's operation tree (its graph is built from it when needed).</summary>
    public IOperation Root { get; }

    public BodySurvey Survey { get; }

    /// <summary>Where the body starts in its file: bodies are summarised in source order, so that messages do not depend on timing.</summary>
    public (string? Path, int Start) Position => (Root.Syntax.SyntaxTree.FilePath, Root.Syntax.SpanStart);

    /// <summary>The followed methods and constructors it calls (read once, on the first question).</summary>
    public ImmutableArray<IMethodSymbol> Callees(CrossMethodPass pass)
    {
        Read(pass);
        return _callees;
    }

    /// <summary>The followed fields and auto-properties it reads (read once, on the first question).</summary>
    public ImmutableArray<ISymbol> FieldsRead(CrossMethodPass pass)
    {
        Read(pass);
        return _fieldsRead;
    }

    private void Read(CrossMethodPass pass)
    {
        if (!_callees.IsDefault)
        {
            return;
        }

        var callees = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var fields = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var scan = new UseScan(pass, callees, fields);
        OperationWalk.Walk(Root, ref scan);
        _callees = callees.ToImmutableArray();
        _fieldsRead = fields.ToImmutableArray();
    }

    private readonly struct UseScan : IOperationScan
    {
        private readonly CrossMethodPass _pass;
        private readonly HashSet<IMethodSymbol> _callees;
        private readonly HashSet<ISymbol> _fields;

        public UseScan(CrossMethodPass pass, HashSet<IMethodSymbol> callees, HashSet<ISymbol> fields)
        {
            _pass = pass;
            _callees = callees;
            _fields = fields;
        }

        public bool Visit(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation when _pass.Follows(invocation.TargetMethod):
                    _callees.Add(invocation.TargetMethod.OriginalDefinition);
                    break;
                case IObjectCreationOperation { Constructor: { } constructor } when _pass.FollowsConstructor(constructor):
                    _callees.Add(constructor.OriginalDefinition);
                    break;
                case IPropertyReferenceOperation { Property: { GetMethod: { } getter } property } when _pass.FollowsGetter(property):
                    _callees.Add(getter.OriginalDefinition);
                    break;
                case IMemberReferenceOperation { Member: var member } when member is IFieldSymbol or IPropertySymbol && _pass.FollowsField(member):
                    _fields.Add(member.OriginalDefinition);
                    break;
            }

            return false;
        }
    }
}
