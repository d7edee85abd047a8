using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Analyzers.Model;

namespace SensitivePi.Analyzers.Rules;

/// <summary>
/// SPI009 (docs/rules/SPI009.md): a sensitive value or container handed to the client unmasked: MVC and minimal-API
/// result helpers, response writes, headers, cookies, SignalR messages, and what a controller action returns (the
/// framework serialises it). Encrypted data is unreadable there; a redirect's address is a URL (not this rule's).
/// </summary>
internal sealed class UnmaskedResponse : ValueFlowRule, IValueFlowCheck
{
    public UnmaskedResponse()
        : base(ValueFlowRules.UnmaskedResponse, Descriptors.UnmaskedResponse, SinkKinds.Response, DataClasses.Any, SinkKinds.Response)
    {
    }

    public override SinkKinds AcrossSinks => SinkKinds.Response;

    public override DiagnosticDescriptor AcrossDescriptor => CompilationEndDescriptors.UnmaskedResponse;

    public override IValueFlowCheck Start(ValueFlowEngine engine) => this;

    // An action with no result helper still answers with what it returns: asked when that can be data. A body that
    // maps routes (its survey found a Response sink) is asked only when a handler can return data: a controller action
    // calling Ok() with nothing classified builds no graph on this rule's account.
    // An action or handler whose declared result holds nothing classified (`object`, text, an interface) still answers with a
    // container when it returns one.
    public override bool AsksAbout(ValueFlowEngine engine, ISymbol owner, IOperation root, in BodySurvey survey) =>
        (owner is IMethodSymbol method && ReturnedData(engine, method) is { } returned
            && (returned != ReturnedKind.Value || engine.Surveyor.ReadsData(root) || ReturnsContainer(engine, root, nested: false)))
        || ((survey.Sinks & SinkKinds.Response) != 0 && HandlersMayReturnData(engine, root));

    private static bool ReturnsContainer(ValueFlowEngine engine, IOperation root, bool nested)
    {
        var scan = new ReturnScan(engine, root, nested);
        OperationWalk.Walk(root, ref scan);
        return scan.Found;
    }

    // `return visit;` where the value's own type holds classified members (or a loosely typed member that may be given some,
    // `new ApiResult { Data = visit }`), whatever the declared result, as ReportReturns reads it: an action's own returns (not
    // its lambdas' or local functions'), or, for the handlers a body maps, theirs too.
    private struct ReturnScan : IOperationScan
    {
        private readonly ValueFlowEngine _engine;
        private readonly IOperation _root;
        private readonly bool _nested;

        public ReturnScan(ValueFlowEngine engine, IOperation root, bool nested)
        {
            _engine = engine;
            _root = root;
            _nested = nested;
            Found = false;
        }

        public bool Found { get; private set; }

        public bool Visit(IOperation operation) =>
            Found = operation.Kind == OperationKind.Return && ((IReturnOperation)operation).ReturnedValue is { } returned
                && (_nested || !IsNested(operation, _root))
                && OperationTree.WithoutConversions(returned) is var value
                && (!_engine.Model.GetContainedOrigins(value.Type).IsEmpty
                    || (value is IObjectCreationOperation or ILocalReferenceOperation && !IsResult(value.Type) && FreshObjects.HasLooseMembers(value.Type, byLogger: false)));
    }

    // A handler whose result type holds classified members, a body that reads classified data at all, or one whose handlers
    // return a container.
    private static bool HandlersMayReturnData(ValueFlowEngine engine, IOperation root)
    {
        var any = false;
        foreach (var (handler, method, _) in RouteHandlers(root))
        {
            any = true;
            if (method is not null && (MethodGroupData(engine, method) is not null || ReturnsAcross(engine, method)))
            {
                return true;
            }

            if (handler is IAnonymousFunctionOperation { Symbol: { } lambda } && EntryPoints.ResultType(lambda) is { } result && !engine.Model.GetContainedOrigins(result).IsEmpty)
            {
                return true;
            }
        }

        return any && (engine.Surveyor.ReadsData(root) || ReturnsContainer(engine, root, nested: true));
    }

    public bool CannotReport(ValueFlowBody body) => false;

    public void Report(ValueFlowBody body)
    {
        foreach (var hit in body.Taint.Hits)
        {
            if (hit.Sink.Kind == SinkKind.Response && hit.Taint.Unprotected().Declared() is { IsEmpty: false } readable)
            {
                var (properties, locations) = MaskFix.For(MaskTargets.Find(hit, readable, body.Taint));
                body.Report(Diagnostic.Create(Descriptor, hit.Node.GetLocation(), locations, properties, hit.DescribeData(readable), hit.Sink.DisplayName, Citations.Display(readable.Categories())));
            }
        }

        if (body.Owner is IMethodSymbol method && ReturnedData(body.Engine, method) is not null)
        {
            ReportReturns(body, body.Root, method.ContainingType.Name + "." + method.Name);
        }

        if ((body.Survey.Sinks & SinkKinds.Response) != 0)
        {
            foreach (var (handler, grouped, route) in RouteHandlers(body.Root))
            {
                if (grouped is null)
                {
                    ReportReturns(body, handler, route);
                }
                else if (MethodGroupData(body.Engine, grouped) is { } data)
                {
                    // Its returns are in another body: what its signature says it returns is reported where it is mapped.
                    body.Report(Diagnostic.Create(
                        Descriptor, handler.Syntax.GetLocation(), data.Describe(), route, Citations.Display(data.Categories())));
                }
                else if (ReturnsAcross(body.Engine, grouped))
                {
                    // Text or a value whose type says nothing: what its body returns is known once every body is summarised.
                    body.Engine.CrossMethod.AddReturnSink(grouped, new SinkFact(
                        handler.Syntax, new SinkMatch(SinkKind.Response, route, null, ImmutableArray<IParameterSymbol>.Empty), Taint.Empty, rules: ~0, acceptsString: false));
                }
            }
        }
    }

    // `app.MapGet("/patients/{id}", (string id, ClinicDbContext db) => db.Patients.Find(id))`: lambdas given to a Map*
    // call of ASP.NET Core, named by the call and its route; and methods given as a method group
    // (`app.MapGet("/patients/{id}", PatientEndpoints.Get)`), with the method.
    private static System.Collections.Generic.IEnumerable<(IOperation Handler, IMethodSymbol? Method, string Route)> RouteHandlers(IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is not IInvocationOperation { TargetMethod: { } map } invocation || !map.Name.StartsWith(EntryPoints.RouteMappingPrefix, System.StringComparison.Ordinal)
                || !IsUnder(map.ContainingNamespace, EntryPoints.RouteMappingNamespace))
            {
                continue;
            }

            var route = map.Name;
            foreach (var argument in invocation.Arguments)
            {
                var value = OperationTree.WithoutConversions(argument.Value);
                if (value.ConstantValue is { HasValue: true, Value: string pattern })
                {
                    route = map.Name + "(\"" + pattern + "\")";
                }
                else if ((value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } ? lambda : value as IAnonymousFunctionOperation) is { } handler)
                {
                    yield return (handler, null, route);
                }
                else if ((value is IDelegateCreationOperation { Target: IMethodReferenceOperation target } ? target : value as IMethodReferenceOperation) is { } group)
                {
                    yield return (group, group.Method, route);
                }
            }
        }
    }

    private static bool IsUnder(INamespaceSymbol? space, string name)
    {
        for (var current = space; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            if (current.ToDisplayString() == name)
            {
                return true;
            }
        }

        return false;
    }

    // A helper of the project that writes what it is given to the response (`WriteCard(Response, p.IdNumber)`).
    public bool ReportsAt(ValueFlowBody body, SinkHit hit) => hit.Sink.Kind == SinkKind.Response;

    // At the caller's argument, naming the path; the mask fix applies there when the argument is text.
    public void ReportAcross(CrossMethodFinding finding, System.Action<Diagnostic> report)
    {
        if (finding.Data.Unprotected().Declared() is not { IsEmpty: false } readable)
        {
            return;
        }

        var (properties, locations) = MaskFix.For(finding.AcceptsString
            ? ImmutableArray.Create((finding.Node, readable.CommonMask))
            : ImmutableArray<(SyntaxNode, PiMaskKind)>.Empty);
        report(Diagnostic.Create(
            CompilationEndDescriptors.UnmaskedResponse,
            finding.Node.GetLocation(),
            System.Linq.Enumerable.Concat(locations, finding.StepLocations()),
            properties,
            readable.Describe(),
            finding.SinkAndPath,
            Citations.Display(readable.Categories())));
    }

    // `return p.IdNumber;`, `return patient;` in an action or a route handler (not in its own lambdas or local functions).
    private void ReportReturns(ValueFlowBody body, IOperation function, string returner)
    {
        foreach (var operation in function.DescendantsAndSelf())
        {
            if (operation is not IReturnOperation { ReturnedValue: { } returned } || IsNested(operation, function))
            {
                continue;
            }

            var value = OperationTree.WithoutConversions(returned);
            if (IsResult(value.Type))
            {
                continue; // `return Ok(p)`: the helper's call is the sink.
            }

            var taint = body.Taint.RecordedTaint(returned.Syntax).Union(body.Taint.RecordedTaint(value.Syntax));
            var engine = body.Engine;
            var data = taint.Declared().IsEmpty
                ? Taint.Of(FreshObjects.Shown(
                    value, function, engine.Model.GetContainedOrigins(value.Type), call => engine.SinkKindsAt(call, SinkKindSet.Every) != SinkKinds.None,
                    type => engine.Model.GetContainedOrigins(type), byRuntimeType: true))
                : taint;
            if (data.Unprotected().Declared() is not { IsEmpty: false } readable)
            {
                continue;
            }

            // A string the framework writes as it is can be masked in place; a serialised object cannot.
            var (properties, locations) = value.Type?.SpecialType == SpecialType.System_String && !taint.Declared().IsEmpty
                ? MaskFix.For(ImmutableArray.Create((value.Syntax, readable.CommonMask)))
                : MaskFix.For(ImmutableArray<(SyntaxNode, PiMaskKind)>.Empty);
            body.Report(Diagnostic.Create(
                Descriptor, value.Syntax.GetLocation(), locations, properties, readable.Describe(), returner, Citations.Display(readable.Categories())));
        }
    }

    private static bool IsNested(IOperation operation, IOperation function)
    {
        for (var current = operation.Parent; current is not null && current != function; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    // What a method-group handler returns, read from its signature: its classified return value, or the classified
    // members of the type it returns (serialised whole); null for void, tasks, result objects (sinks in its own body)
    // and types that hold nothing classified.
    private static Taint? MethodGroupData(ValueFlowEngine engine, IMethodSymbol method)
    {
        if (EntryPoints.ResultType(method) is not { } result || result.SpecialType == SpecialType.System_Void
            || result is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 0 } || IsResult(result))
        {
            return null;
        }

        var data = engine.Model.GetMemberOrigin(method.OriginalDefinition) is { } returned
            ? Taint.Of(returned)
            : Taint.Of(engine.Model.GetContainedOrigins(result));
        return data.Unprotected().Declared() is { IsEmpty: false } readable ? readable : null;
    }

    // A method-group handler returning text or another value its signature says nothing about, followed into its body
    // by the cross-method pass (`PatientEndpoints.Phone`, `string Phone(string id) => Find(id).Phone;`).
    private static bool ReturnsAcross(ValueFlowEngine engine, IMethodSymbol method) =>
        engine.CrossMethod.Enabled
        && EntryPoints.ResultType(method) is { } result && !IsResult(result) && CrossMethodPass.MayCarryData(result)
        && engine.CrossMethod.Follows(method);

    private enum ReturnedKind
    {
        /// <summary>Text, numbers, dates: data only when the body reads some.</summary>
        Value,

        /// <summary>An object whose members are data, serialised whole.</summary>
        Container,
    }

    // What an action's result can be: a value or a container; null for void, tasks and result objects.
    private static ReturnedKind? ReturnedData(ValueFlowEngine engine, IMethodSymbol method)
    {
        if (!engine.ReturnsToClient(method) || EntryPoints.ResultType(method) is not { } result)
        {
            return null;
        }

        return !engine.Model.GetContainedOrigins(EntryPoints.WrittenType(result)).IsEmpty ? ReturnedKind.Container : ReturnedKind.Value;
    }

    // IActionResult, ActionResult, ActionResult<T>, IResult and what derives from or implements them.
    private static bool IsResult(ITypeSymbol? type) => EntryPoints.IsResultType(type);
}
