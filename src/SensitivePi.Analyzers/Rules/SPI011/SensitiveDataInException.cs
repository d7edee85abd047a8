using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI011 (docs/rules/SPI011.md): a sensitive value given to the constructor of an exception that the method
/// throws (<c>throw new …Exception($"… {p.IdNumber}")</c>, or a local holding the new exception, thrown). The
/// message goes wherever the exception goes: logs, error pages, telemetry.
/// </summary>
internal sealed class SensitiveDataInException : ValueFlowRule
{
    public SensitiveDataInException()
        : base(ValueFlowRules.SensitiveDataInException, Descriptors.SensitiveDataInException, SinkKinds.Exception, DataClasses.Any, SinkKinds.Exception)
    {
    }

    // A helper that throws what it is given (`void Fail(string id) => throw new X($"… {id}")`): reported where the
    // data enters it (docs/design/value-flow-engine.md, "Across methods").
    public override SinkKinds AcrossSinks => SinkKinds.Exception;

    public override DiagnosticDescriptor AcrossDescriptor => CompilationEndDescriptors.SensitiveDataInException;

    public override IValueFlowCheck Start(ValueFlowEngine engine) => new Check();

    private sealed class Check : IValueFlowCheck, IReportsAtCompilationEnd
    {
        // Exceptions a factory builds from data it reads itself, each reported once a caller is seen throwing the
        // factory's result.
        private readonly System.Collections.Concurrent.ConcurrentBag<(IMethodSymbol Factory, Diagnostic Diagnostic)> _factories = new();

        // Exceptions given only constants and facts (`nameof(p)`), or neither thrown here nor returned by a factory, and
        // no write to an exception's Data that could carry data, cannot be reported.
        public bool CannotReport(ValueFlowBody body) =>
            body.Engine.GraphFree.EverySinkCall(body.Root, SinkKind.Exception, body.Engine.GraphFree.TakesNoData, (creation, sink) =>
                !(IsThrown(creation, body.Root) || IsFactoryResult(body, creation)) || body.Engine.GraphFree.TakesNoData(creation, sink));

        public void Report(ValueFlowBody body)
        {
            foreach (var hit in body.Taint.Hits)
            {
                // Into an exception's Data, thrown or not: whatever logs the exception writes its Data too.
                if (hit.Sink.Kind == SinkKind.Exception && hit.Call is IInvocationOperation { TargetMethod.MethodKind: not MethodKind.Constructor } or ISimpleAssignmentOperation
                    && hit.Taint.Unprotected() is { IsEmpty: false } inData)
                {
                    var (dataProperties, dataLocations) = MaskFix.For(MaskTargets.Find(hit, inData, body.Taint));
                    body.Report(Diagnostic.Create(
                        Descriptors.SensitiveDataInException, hit.Node.GetLocation(), dataLocations, dataProperties, hit.DescribeData(inData), "Exception.Data", Citations.Display(inData.Categories())));
                    continue;
                }

                // Encrypted or hashed data is unreadable in a message.
                if (hit.Sink.Kind == SinkKind.Exception && hit.Taint.Unprotected() is { IsEmpty: false } readable
                    && body.Root.SemanticModel?.GetOperation(hit.Call.Syntax, body.CancellationToken) is IObjectCreationOperation creation)
                {
                    var thrown = IsThrown(creation, body.Root);
                    if (!thrown && !IsFactoryResult(body, creation))
                    {
                        continue;
                    }

                    var (properties, locations) = MaskFix.For(MaskTargets.Find(hit, readable, body.Taint));
                    var diagnostic = Diagnostic.Create(
                        thrown ? Descriptors.SensitiveDataInException : CompilationEndDescriptors.SensitiveDataInException,
                        hit.Node.GetLocation(),
                        locations,
                        properties,
                        hit.DescribeData(readable),
                        hit.Sink.DisplayName,
                        Citations.Display(readable.Categories()));
                    if (thrown)
                    {
                        body.Report(diagnostic);
                    }
                    else
                    {
                        // Data the factory reads itself (`NotFound(Patient p) => new …($"… {p.IdNumber}")`): reported here
                        // once some caller throws what the factory returns (docs/rules/SPI011.md).
                        _factories.Add((((IMethodSymbol)body.Owner).OriginalDefinition, diagnostic));
                    }
                }
            }
        }

        // An exception the helper throws shows whatever its callers hand it; so does one a factory returns, where the
        // caller throws the factory's result (checked in ReportAcross).
        public bool ReportsAt(ValueFlowBody body, SinkHit hit) =>
            hit.Sink.Kind == SinkKind.Exception
            && body.Root.SemanticModel?.GetOperation(hit.Call.Syntax, body.CancellationToken) is IObjectCreationOperation creation
            && (IsThrown(creation, body.Root) || (IsFactory(body.Owner) && IsReturned(creation)));

        public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
        {
            if (finding.Data.Unprotected() is not { IsEmpty: false } readable)
            {
                return;
            }

            // Through a factory (`throw Errors.NotFound(p.IdNumber)`): only where the factory's result is thrown.
            if (finding.Path.Count > 0 && IsFactory(finding.Path[finding.Path.Count - 1].Callee) && !FactoryResultThrown(finding.Path))
            {
                return;
            }

            // The mask fix applies at the argument when a masked string could take its place (as for SPI002).
            var properties = System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty;
            var locations = new System.Collections.Generic.List<Location>(finding.StepLocations());
            if (finding.AcceptsString)
            {
                properties = properties.Add(MaskFix.MasksProperty, readable.CommonMask.ToString());
                locations.Insert(0, finding.Node.GetLocation());
            }

            report(Diagnostic.Create(
                CompilationEndDescriptors.SensitiveDataInException,
                finding.Node.GetLocation(),
                locations,
                properties,
                readable.Describe(),
                finding.SinkAndPath,
                Citations.Display(readable.Categories())));
        }

        // A factory's own exception, when the pass can see whether callers throw it.
        private static bool IsFactoryResult(ValueFlowBody body, IOperation creation) =>
            body.Engine.CrossMethod.Enabled && IsFactory(body.Owner) && IsReturned(creation);

        public void ReportAtEnd(ValueFlowEngine engine, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var (factory, diagnostic) in _factories)
            {
                // Thrown through the factory itself, or through a method it overrides or implements (`throw _errors.NotFound(p)`).
                foreach (var promised in MemberHierarchy.SelfOverriddenAndImplemented(factory))
                {
                    if (engine.CrossMethod.IsResultThrown(promised))
                    {
                        report(diagnostic);
                        break;
                    }
                }
            }
        }
    }

    // `throw new X(…)`, through `?:`, `??` and switch arms (`throw c ? new A(…) : new B()`), or a local given the
    // new exception (declared or assigned) that the member throws: `var e = new X(…); … throw e;`. An exception only
    // created (handed to a logger or a task, returned by a factory) is not thrown here.
    private static bool IsThrown(IOperation creation, IOperation root) =>
        OperationTree.DestinationOf(creation) switch
        {
            (IThrowOperation, _) => true,
            (IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }, _) => ThrowsLocal(root, declarator.Symbol),
            (ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment, var operand) when ReferenceEquals(assignment.Value, operand)
                => ThrowsLocal(root, local.Local),
            _ => false,
        };

    // From the factory's call outwards: thrown there, or returned by a factory that its own caller throws, and so on.
    private static bool FactoryResultThrown(System.Collections.Immutable.ImmutableList<CallStep> path)
    {
        for (var i = path.Count - 1; i >= 0; i--)
        {
            var site = path[i].Site;
            if (IsThrownSyntax(site))
            {
                return true;
            }

            if (i == 0 || !IsFactory(path[i - 1].Callee) || !IsReturnedSyntax(site))
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsReturnedSyntax(SyntaxNode call) =>
        call.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax;

    // A method that hands back an exception it made: `static Exception NotFound(string id) => new …($"… {id}")`.
    private static bool IsFactory(ISymbol owner)
    {
        for (var type = (owner as IMethodSymbol)?.ReturnType as INamedTypeSymbol; type is not null; type = type.BaseType)
        {
            if (TypeHierarchy.HasMetadataName(type, "System.Exception"))
            {
                return true;
            }
        }

        return false;
    }

    // `return new X(…)` (or the expression body), through `?:`, `??` and switch arms, in the member itself, not a lambda.
    private static bool IsReturned(IOperation creation)
    {
        var current = creation;
        for (var depth = 0; current.Parent is { } parent && StackGuard.MayDescend(depth); depth++, current = parent)
        {
            switch (parent)
            {
                case IReturnOperation { Kind: OperationKind.Return }:
                    for (var outer = parent.Parent; outer is not null; outer = outer.Parent)
                    {
                        if (outer is IAnonymousFunctionOperation or ILocalFunctionOperation)
                        {
                            return false;
                        }
                    }

                    return true;
                case IConversionOperation or IConditionalOperation or ICoalesceOperation or ISwitchExpressionArmOperation or ISwitchExpressionOperation:
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    // The call is the thrown value (`throw Errors.NotFound(id)`, `?? throw …`'s operand excluded), through parentheses, `?:`, `??` and switch arms.
    private static bool IsThrownSyntax(SyntaxNode call)
    {
        var current = call;
        for (var depth = 0; current.Parent is { } parent && StackGuard.MayDescend(depth); depth++, current = parent)
        {
            switch (parent)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.ThrowStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ThrowExpressionSyntax:
                    return true;
                case Microsoft.CodeAnalysis.CSharp.Syntax.ParenthesizedExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.CastExpressionSyntax
                    or Microsoft.CodeAnalysis.CSharp.Syntax.SwitchExpressionArmSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.SwitchExpressionSyntax:
                    continue;
                case Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalExpressionSyntax conditional when conditional.Condition != current:
                    continue;
                case Microsoft.CodeAnalysis.CSharp.Syntax.BinaryExpressionSyntax binary when binary.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CoalesceExpression):
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool ThrowsLocal(IOperation root, ILocalSymbol local)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IThrowOperation { Exception: { } thrown } && OperationTree.WithoutConversions(thrown) is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }
}
