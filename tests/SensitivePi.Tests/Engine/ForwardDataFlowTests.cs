using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Framework;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

/// <summary>
/// The driver with two toy lattices over "locals assigned so far": union (may) and intersection (must),
/// the two shapes the taint and consent-guard analyses take.
/// </summary>
public class ForwardDataFlowTests
{
    private const string Source = """
        public class C
        {
            public void Branches(bool c)
            {
                int a, b, x;
                a = 1;
                if (c) { b = 2; } else { b = 3; x = 4; }
                while (c) { x = 5; c = false; }
            }

            public void Handlers(bool c)
            {
                int a, b, h;
                try { a = 1; if (c) throw new System.Exception(); b = 2; }
                catch (System.Exception) { h = 3; }
                finally { }
            }

            public void Finally(bool c)
            {
                int a, f, g;
                try { a = 1; if (c) return; }
                finally { f = 2; if (c) { g = 3; } }
                a = 4;
            }

            public void Loop(bool c)
            {
                int x;
                while (c) { x = 1; c = false; }
            }

            public void Filter(bool c)
            {
                int a, b, h;
                try { a = 1; b = 2; }
                catch (System.Exception) when ((h = 1) > 0) { }
            }

            public void Straight(bool c, string s)
            {
                int a, b, x;
                a = 1;
                if (c) { b = 2; } else { b = 3; x = 4; }
                x = c && s != null ? 5 : 6;
                s = s ?? "none";
                switch (a) { case 1: b = 7; break; default: x = 8; break; }
            }

            public void Nested(bool c)
            {
                int a, b, h, f, g;
                try
                {
                    try { a = 1; if (c) throw new System.InvalidOperationException(); }
                    finally { f = 2; }
                    b = 3;
                }
                catch (System.InvalidOperationException)
                {
                    try { h = 4; if (c) return; }
                    finally { g = 5; }
                }
                catch (System.Exception) { h = 6; }
                using (var reader = new System.IO.StringReader("")) { a = 7; }
            }

            public int Leaving(bool c, int[] items)
            {
                int a = 0;
                while (c)
                {
                    try { if (a > 2) break; if (a > 1) continue; try { a++; } finally { a--; } }
                    finally { a += 3; }
                }

                foreach (var item in (System.Collections.Generic.IEnumerable<int>)items) { if (item > a) return item; }
                lock (items) { a = 5; }
                try { try { if (c) goto done; } catch (System.Exception) { return 1; } } finally { a = 6; }
                done:
                return a;
            }

            public void Skipping(bool c)
            {
                int a, b;
                a = 1;
                if (c) goto done;
                b = 2;
                done:
                a = 3;
            }

        }
        """;

    [Fact]
    public async Task May_analysis_unions_branches_and_reaches_a_fixpoint_through_loops()
    {
        var graph = await GraphAsync("Branches");

        var exit = new AssignedLocals(mustAnalysis: false).Run(graph)[graph.Blocks.Length - 1]!;

        Assert.Equal(new[] { "a", "b", "c", "x" }, exit.OrderBy(n => n));
    }

    [Fact]
    public async Task Must_analysis_keeps_only_what_every_path_assigns()
    {
        var graph = await GraphAsync("Branches");

        var exit = new AssignedLocals(mustAnalysis: true).Run(graph)[graph.Blocks.Length - 1]!;

        Assert.Equal(new[] { "a", "b" }, exit.OrderBy(n => n));
    }

    [Fact]
    public async Task Catch_blocks_see_every_state_of_their_try()
    {
        var graph = await GraphAsync("Handlers");
        var inputs = new AssignedLocals(mustAnalysis: false).Run(graph);
        var catchStart = graph.Blocks.Single(b => b.EnclosingRegion.Kind == ControlFlowRegionKind.Catch && b.EnclosingRegion.FirstBlockOrdinal == b.Ordinal);

        Assert.Equal(new[] { "a", "b" }, inputs[catchStart.Ordinal]!.OrderBy(n => n));
        Assert.Contains("h", inputs[graph.Blocks.Length - 1]!);
    }

    [Fact]
    public async Task Effects_of_a_finally_reach_the_code_after_it_and_the_exit()
    {
        var graph = await GraphAsync("Finally");
        var inputs = new AssignedLocals(mustAnalysis: true).Run(graph);
        var after = graph.Blocks.Single(b => b.Operations.Any(o => o.Syntax.ToString().StartsWith("a = 4")));

        // Both the early return and the fall-through leave through the finally: f is assigned on every
        // path; g only on one.
        Assert.Equal(new[] { "a", "f" }, inputs[after.Ordinal]!.OrderBy(n => n));
        Assert.Equal(new[] { "a", "f" }, inputs[graph.Blocks.Length - 1]!.OrderBy(n => n));
    }

    [Fact]
    public async Task Exception_filters_are_entered_from_their_try()
    {
        var graph = await GraphAsync("Filter");
        var inputs = new AssignedLocals(mustAnalysis: false).Run(graph);
        var filterStart = graph.Blocks.Single(b => b.EnclosingRegion.Kind == ControlFlowRegionKind.Filter && b.EnclosingRegion.FirstBlockOrdinal == b.Ordinal);
        var handlerStart = graph.Blocks.Single(b => b.EnclosingRegion.Kind == ControlFlowRegionKind.Catch && b.EnclosingRegion.FirstBlockOrdinal == b.Ordinal);

        Assert.Equal(new[] { "a", "b" }, inputs[filterStart.Ordinal]!.OrderBy(n => n));
        Assert.Contains("h", inputs[handlerStart.Ordinal]!);
    }

    [Theory]
    [InlineData("Straight", true)]
    [InlineData("Skipping", true)]
    [InlineData("Branches", false)]
    [InlineData("Loop", false)]
    [InlineData("Handlers", true)]
    [InlineData("Finally", true)]
    [InlineData("Filter", true)]
    [InlineData("Nested", true)]
    public async Task Only_graphs_without_loops_are_straight_forward(string method, bool straight)
    {
        var graph = await GraphAsync(method);

        Assert.Equal(straight, ForwardDataFlow<ImmutableHashSet<string>>.IsStraightForward(graph));
    }

    // Asked before Roslyn's FinallyRegions, which builds an array per branch: the two must agree on every branch.
    [Theory]
    [InlineData("Leaving", true)]
    [InlineData("Finally", true)]
    [InlineData("Nested", true)]
    [InlineData("Handlers", false)] // an empty finally is dropped
    [InlineData("Filter", false)]
    [InlineData("Branches", false)]
    public async Task A_branch_leaves_a_try_with_a_finally_exactly_when_Roslyn_lists_finally_regions_for_it(string method, bool anyFinally)
    {
        var graph = await GraphAsync(method);
        var branches = graph.Blocks.SelectMany(b => new[] { b.FallThroughSuccessor, b.ConditionalSuccessor })
            .Where(b => b?.Destination is not null).Select(b => b!).ToList();

        Assert.All(branches, branch => Assert.Equal(
            !branch.FinallyRegions.IsEmpty,
            ForwardDataFlow<ImmutableHashSet<string>>.LeavesTryWithFinally(branch.Source, branch.Destination!)));
        Assert.Equal(anyFinally, branches.Any(b => !b.FinallyRegions.IsEmpty));
    }

    // The replay records each reached block once, with its converged input, in block order; a straight-forward graph's single
    // pass must record exactly that (docs/design/value-flow-engine.md, "Fixpoint and replay").
    [Theory]
    [InlineData("Straight")]
    [InlineData("Skipping")]
    [InlineData("Branches")]
    [InlineData("Handlers")]
    [InlineData("Finally")]
    [InlineData("Filter")]
    [InlineData("Nested")]
    [InlineData("Loop")]
    public async Task The_replay_records_each_reached_block_once_with_its_converged_input(string method)
    {
        var graph = await GraphAsync(method);
        foreach (var must in new[] { false, true })
        {
            var converged = new AssignedLocals(must).Run(graph);
            var replayed = new AssignedLocals(must);
            replayed.RunAndReplay(graph);

            var expected = Enumerable.Range(0, graph.Blocks.Length).Where(i => converged[i] is not null).Select(i => $"{i}: {Names(converged[i]!)}");
            Assert.Equal(expected, replayed.Recorded.Select(r => $"{r.Ordinal}: {Names(r.Input)}"));
        }

        static string Names(ImmutableHashSet<string> state) => string.Join(",", state.OrderBy(n => n, System.StringComparer.Ordinal));
    }

#if DEBUG
    // The check is compiled into debug builds only (it compares states at every revisit); run the tests with
    // -c Debug to exercise it against the real analyses too.
    [Fact]
    public async Task A_transfer_that_shrinks_its_output_on_a_larger_input_is_caught_in_debug_builds()
    {
        var graph = await GraphAsync("Loop");

        var exception = Assert.Throws<System.InvalidOperationException>(() => new Shrinking().Run(graph));
        Assert.Contains("not monotone", exception.Message, System.StringComparison.Ordinal);
        Assert.NotNull(new AssignedLocals(mustAnalysis: false).Run(graph));
    }
#endif

    private static async Task<ControlFlowGraph> GraphAsync(string methodName)
    {
        var compilation = await TestCompilation.CreateAsync(Source);
        var tree = compilation.SyntaxTrees.Single();
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == methodName);
        return ControlFlowGraph.Create(method, compilation.GetSemanticModel(tree))!;
    }

    // Forgets everything once `x` has been assigned: a larger input gives a smaller output.
    private sealed class Shrinking : ForwardDataFlow<ImmutableHashSet<string>>
    {
        private readonly AssignedLocals _assigned = new(mustAnalysis: false);

        protected override ImmutableHashSet<string> EntryState => ImmutableHashSet<string>.Empty;

        protected override ImmutableHashSet<string> Join(ImmutableHashSet<string> left, ImmutableHashSet<string> right) => left.Union(right);

        protected override bool AreEqual(ImmutableHashSet<string> left, ImmutableHashSet<string> right) => left.SetEquals(right);

        protected override ImmutableHashSet<string> Transfer(BasicBlock block, ImmutableHashSet<string> input, out ImmutableHashSet<string> conditional)
        {
            conditional = input.Contains("x") ? ImmutableHashSet<string>.Empty : _assigned.TransferOnce(block, input).Add("marker");
            return conditional;
        }
    }

    private sealed class AssignedLocals : ForwardDataFlow<ImmutableHashSet<string>>
    {
        private readonly bool _mustAnalysis;

        public AssignedLocals(bool mustAnalysis) => _mustAnalysis = mustAnalysis;

        protected override ImmutableHashSet<string> EntryState => ImmutableHashSet<string>.Empty;

        protected override ImmutableHashSet<string> Join(ImmutableHashSet<string> left, ImmutableHashSet<string> right) =>
            _mustAnalysis ? left.Intersect(right) : left.Union(right);

        protected override bool AreEqual(ImmutableHashSet<string> left, ImmutableHashSet<string> right) => left.SetEquals(right);

        /// <summary>Each block transferred while replaying, with its input, in order.</summary>
        public System.Collections.Generic.List<(int Ordinal, ImmutableHashSet<string> Input)> Recorded { get; } = new();

        public ImmutableHashSet<string> TransferOnce(BasicBlock block, ImmutableHashSet<string> input) => Transfer(block, input, out _);

        protected override ImmutableHashSet<string> Transfer(BasicBlock block, ImmutableHashSet<string> input, out ImmutableHashSet<string> conditional)
        {
            if (IsReplaying)
            {
                Recorded.Add((block.Ordinal, input));
            }

            var state = input;
            var operations = block.BranchValue is null ? block.Operations : block.Operations.Add(block.BranchValue);
            foreach (var assignment in operations.SelectMany(o => o.DescendantsAndSelf()).OfType<ISimpleAssignmentOperation>())
            {
                if (assignment.Target is ILocalReferenceOperation local)
                {
                    state = state.Add(local.Local.Name);
                }
                else if (assignment.Target is IParameterReferenceOperation parameter)
                {
                    state = state.Add(parameter.Parameter.Name);
                }
            }

            conditional = state;
            return state;
        }
    }
}
