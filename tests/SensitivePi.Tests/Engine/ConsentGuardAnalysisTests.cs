using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Model;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

/// <summary>The consent must-analysis: which guard shapes establish consent for the operation after them.</summary>
public class ConsentGuardAnalysisTests
{
    private const string Source = """
        using System;
        using System.Threading.Tasks;
        using SensitivePi;

        public class Checks
        {
            [SeparateConsentCheck(Category.MedicalHealth)] public bool HealthConsent(string subject) => true;
            [SeparateConsentCheck] public bool AnyConsent(string subject) => true;
            [SeparateConsentCheck(Category.Biometric)] public bool FaceConsent(string subject) => true;
            [SeparateConsentCheck(Category.MedicalHealth)] public void RequireHealthConsent(string subject) { }
            [SeparateConsentCheck(Category.MedicalHealth)] public Task RequireHealthConsentAsync(string subject) => Task.CompletedTask;
            [GuardianConsentCheck] public bool GuardianConsent(string child) => true;
            public bool LooksLikeACheck(string subject) => true;
            [SeparateConsentCheck(Category.Biometric)] public bool ListedWins(string subject, Category category) => true;
        }

        public class C
        {
            private readonly Checks _checks = new();
            private readonly ISeparateConsentService _service = null!;

            private void Store() { }

            public void IfNotReturn(string s) { if (!_checks.HealthConsent(s)) return; Store(); }
            public void IfNotThrow(string s) { if (!_checks.HealthConsent(s)) throw new SeparateConsentRequiredException(Category.MedicalHealth); Store(); }
            public void IfBlock(string s) { if (_checks.HealthConsent(s)) { Store(); } }
            public void AndCondition(string s, bool other) { if (other && _checks.HealthConsent(s)) { Store(); } }
            public void LocalResult(string s) { var granted = _checks.HealthConsent(s); if (!granted) return; Store(); }
            public void NegatedLocal(string s) { var denied = !_checks.HealthConsent(s); if (denied) return; Store(); }
            public void EqualsFalse(string s) { if (_checks.HealthConsent(s) == false) return; Store(); }
            public async Task AwaitedService(string s) { if (!await _service.HasSeparateConsentAsync(s, Category.MedicalHealth, "care")) return; Store(); }
            public void ServiceConstantCategory(string s) { if (!_service.HasSeparateConsent(s, Category.MedicalHealth, "care")) return; Store(); }
            public void Throwing(string s) { _checks.RequireHealthConsent(s); Store(); }
            public async Task ThrowingAwaited(string s) { await _checks.RequireHealthConsentAsync(s); Store(); }
            public void AllCategories(string s) { if (!_checks.AnyConsent(s)) return; Store(); }
            public async Task ConfigureAwaitFalse(string s) { if (!await _service.HasSeparateConsentAsync(s, Category.MedicalHealth, "care").ConfigureAwait(false)) return; Store(); }
            public async Task ThrowingConfigureAwait(string s) { await _checks.RequireHealthConsentAsync(s).ConfigureAwait(false); Store(); }

            public void Ignored(string s) { _checks.HealthConsent(s); Store(); }
            public void WrongCategory(string s) { if (!_checks.FaceConsent(s)) return; Store(); }
            public void ServiceVariableCategory(string s, Category c) { if (!_service.HasSeparateConsent(s, c, "care")) return; Store(); }
            public void After(string s) { Store(); if (!_checks.HealthConsent(s)) return; }
            public void OneBranch(string s, bool fast) { if (!fast) { if (!_checks.HealthConsent(s)) return; } Store(); }
            public void NotMarked(string s) { if (!_checks.LooksLikeACheck(s)) return; Store(); }
            public void ThrowingNotAwaited(string s) { _ = _checks.RequireHealthConsentAsync(s); Store(); }
            public void WrongOutcome(string s) { if (_checks.HealthConsent(s)) return; Store(); }
            public void Swallowed(string s) { try { _checks.RequireHealthConsent(s); } catch (Exception) { } Store(); }
            public void LambdaDoesNotInherit(string s) { if (!_checks.HealthConsent(s)) return; Action a = () => Store(); a(); }
            public void Guardian(string s) { if (!_checks.GuardianConsent(s)) return; Store(); }
            public void ListedCategoriesDecide(string s) { if (!_checks.ListedWins(s, Category.MedicalHealth)) return; Store(); }
        }
        """;

    [Theory]
    [InlineData("IfNotReturn")]
    [InlineData("IfNotThrow")]
    [InlineData("IfBlock")]
    [InlineData("AndCondition")]
    [InlineData("LocalResult")]
    [InlineData("NegatedLocal")]
    [InlineData("EqualsFalse")]
    [InlineData("AwaitedService")]
    [InlineData("ServiceConstantCategory")]
    [InlineData("Throwing")]
    [InlineData("ThrowingAwaited")]
    [InlineData("AllCategories")]
    [InlineData("ConfigureAwaitFalse")]
    [InlineData("ThrowingConfigureAwait")]
    public async Task Guard_shapes_establish_consent_for_the_category(string method)
    {
        var mask = await MaskAtStoreAsync(method);

        // Consent for the category for some purpose: what keeping or sending its data needs.
        Assert.NotEqual(0, mask & ConsentCatalog.NeededBit(PiCategory.MedicalHealth));
    }

    [Theory]
    [InlineData("Ignored")]
    [InlineData("WrongCategory")]
    [InlineData("ServiceVariableCategory")]
    [InlineData("After")]
    [InlineData("OneBranch")]
    [InlineData("NotMarked")]
    [InlineData("ThrowingNotAwaited")]
    [InlineData("WrongOutcome")]
    [InlineData("Swallowed")]
    [InlineData("LambdaDoesNotInherit")]
    [InlineData("Guardian")]
    [InlineData("ListedCategoriesDecide")]
    public async Task Other_shapes_do_not(string method)
    {
        var mask = await MaskAtStoreAsync(method);

        Assert.Equal(0, mask & ConsentCatalog.NeededBit(PiCategory.MedicalHealth));
    }

    [Fact]
    public async Task A_guardian_check_grants_the_guardian_bit_only()
    {
        var mask = await MaskAtStoreAsync("Guardian");

        Assert.Equal(ConsentCatalog.GuardianBit, mask);
    }

    // Every shape of the source: the bits the top-level statements before Store() grant without a graph (what
    // GraphFreeChecks.ShowsConsentThroughout relies on) are never more than the graph analysis finds at it, and
    // are the same for the guards written as a top-level statement of their own.
    [Theory]
    [InlineData("IfNotReturn", true)]
    [InlineData("IfNotThrow", true)]
    [InlineData("EqualsFalse", true)]
    [InlineData("AwaitedService", true)]
    [InlineData("ServiceConstantCategory", true)]
    [InlineData("Throwing", true)]
    [InlineData("ThrowingAwaited", true)]
    [InlineData("AllCategories", true)]
    [InlineData("ConfigureAwaitFalse", true)]
    [InlineData("ThrowingConfigureAwait", true)]
    [InlineData("Guardian", true)]
    [InlineData("ListedCategoriesDecide", true)]
    [InlineData("IfBlock", false)]
    [InlineData("AndCondition", false)]
    [InlineData("LocalResult", false)]
    [InlineData("NegatedLocal", false)]
    [InlineData("Ignored", false)]
    [InlineData("WrongCategory", false)]
    [InlineData("ServiceVariableCategory", false)]
    [InlineData("After", false)]
    [InlineData("OneBranch", false)]
    [InlineData("NotMarked", false)]
    [InlineData("ThrowingNotAwaited", false)]
    [InlineData("WrongOutcome", false)]
    [InlineData("Swallowed", false)]
    public async Task Guards_read_without_a_graph_never_grant_more_than_the_graph_analysis(string method, bool sameAsGraph)
    {
        var (compilation, declaration) = await MethodAsync(method);
        var model = compilation.GetSemanticModel(declaration.SyntaxTree);
        var catalog = new ConsentCatalog(KnownSymbols.TryCreate(compilation)!);
        var body = (IMethodBodyOperation)model.GetOperation(declaration)!;

        var granted = 0;
        foreach (var statement in body.BlockBody!.Operations)
        {
            if (statement.Syntax.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(i => i.ToString() == "Store()"))
            {
                break;
            }

            granted |= ConsentGuardAnalysis.GrantedAfter(statement, catalog);
        }

        var fromGraph = await MaskAtStoreAsync(method);
        Assert.Equal(0, granted & ~fromGraph);
        if (sameAsGraph)
        {
            Assert.Equal(fromGraph, granted);
        }
    }

    private static async Task<(Compilation Compilation, MethodDeclarationSyntax Declaration)> MethodAsync(string methodName)
    {
        var compilation = await TestCompilation.CreateAsync(Source);
        var tree = compilation.SyntaxTrees.Single();
        return (compilation, tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == methodName));
    }

    private static async Task<int> MaskAtStoreAsync(string methodName)
    {
        var (compilation, method) = await MethodAsync(methodName);
        var model = compilation.GetSemanticModel(method.SyntaxTree);
        var graph = ControlFlowGraph.Create(method, model)!;
        var catalog = new ConsentCatalog(KnownSymbols.TryCreate(compilation)!);

        var guards = ConsentGuardAnalysis.Analyze(graph, catalog, entryMask: 0);

        var store = AllOperations(graph).OfType<IInvocationOperation>().Single(i => i.TargetMethod.Name == "Store");
        return guards.MaskAt(store);
    }

    private static System.Collections.Generic.IEnumerable<IOperation> AllOperations(ControlFlowGraph graph)
    {
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.BranchValue is null ? block.Operations : block.Operations.Add(block.BranchValue))
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is IFlowAnonymousFunctionOperation lambda)
                    {
                        foreach (var inner in AllOperations(graph.GetAnonymousFunctionControlFlowGraph(lambda)))
                        {
                            yield return inner;
                        }
                    }
                    else
                    {
                        yield return descendant;
                    }
                }
            }
        }
    }
}
