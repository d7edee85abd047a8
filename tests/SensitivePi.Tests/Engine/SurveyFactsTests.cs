using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

/// <summary>
/// The survey reads a callee's and a member's answers from one record per definition (docs/design/value-flow-engine.md, "Cost"):
/// every answer must be the one the catalog gives for the symbol as the body uses it, generic, extension and delegate calls included.
/// </summary>
public class SurveyFactsTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.Extensions.Logging;
        using SensitivePi;

        public class Patient
        {
            [SensitivePersonalInfo(Category.SpecificIdentity)] public string IdNumber { get; set; } = "";
            public string City { get; set; } = "";
        }

        public class Box<T> { public T Value { get; set; } = default!; public T Get() => Value; }

        public class Scanner
        {
            [RequiresSeparateConsent(Category.Biometric)] public string Capture() => "";
            [SeparateConsentCheck(Category.Biometric)] public bool HasFaceConsent(string id) => true;
            [return: SensitivePersonalInfo(Category.Biometric)] public string Template() => "";
        }

        public static class Text
        {
            public static string Shout(this string text) => text.ToUpperInvariant();
        }

        public class Service
        {
            private readonly ILogger _logger;
            private string _lastId = "";

            public Service(ILogger logger) => _logger = logger;

            private bool Allowed(Scanner scanner, string id) => scanner.HasFaceConsent(id);

            private void Audit(string line) => _logger.LogInformation(line);

            public string Label(Patient patient) => patient.City + patient.IdNumber;

            public void Run(Patient patient, Scanner scanner, Box<string> box, Action<string> write, Func<int, string> name, List<Patient> patients)
            {
                _lastId = patient.IdNumber;
                if (Allowed(scanner, patient.IdNumber))
                {
                    write(scanner.Capture());
                }

                Audit(_lastId.Shout());
                _logger.LogInformation("{Id} {Masked}", PiMask.IdCardNumber(patient.IdNumber), box.Get() + box.Value);
                write(name(patients.Count(p => p.City.Length > 0)) + scanner.Template() + Label(patient));
                var copy = new Box<Patient> { Value = patient };
                Console.WriteLine(copy.Get().City);
            }
        }
        """;

    [Fact]
    public async Task Every_answer_is_the_catalogs_own()
    {
        var compilation = await TestCompilation.CreateAsync(Source);
        var engine = ValueFlowEngine.TryCreate(compilation)!;
        Assert.NotNull(engine);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var operations = tree.GetRoot().DescendantNodes()
            .Select(node => model.GetOperation(node))
            .Where(operation => operation is not null)
            .Select(operation => operation!)
            .Distinct()
            .ToList();

        var calls = operations.OfType<IInvocationOperation>().ToList();
        Assert.NotEmpty(calls);
        foreach (var call in calls)
        {
            var method = call.TargetMethod;
            var facts = engine.SurveyFacts.Of(method);
            var name = method.ToDisplayString();
            Assert.True(engine.SinkKindsOf(method) == engine.SurveyFacts.SinkKindsOf(method, facts), name);
            Assert.True((engine.Consent.GetRequirement(method) != 0) == facts.RequiresConsent, name);
            Assert.True(ReferenceEquals(engine.Model.GetMemberOrigin(method), facts.Origin), name);
            Assert.True(engine.Transfers.GetEffect(method) == facts.Effect, name);
            Assert.True(engine.HelperCalls.IsHelper(method) == facts.IsHelper, name);
            Assert.True(engine.CrossMethod.Follows(method) == facts.Follows, name);
            Assert.True(engine.Consent.MayBeCheck(call) == facts.MayBeCheck(call.Syntax.SyntaxTree), name);
        }

        var members = operations.OfType<IMemberReferenceOperation>().Where(reference => reference is IFieldReferenceOperation or IPropertyReferenceOperation).ToList();
        Assert.NotEmpty(members);
        foreach (var reference in members)
        {
            var facts = engine.SurveyFacts.OfMember(reference.Member);
            var name = reference.Member.ToDisplayString();
            Assert.True(ReferenceEquals(engine.Model.GetMemberOrigin(reference.Member), facts.Origin), name);
            Assert.True(engine.CrossMethod.FollowsField(reference.Member) == facts.FollowsField, name);
            Assert.True((reference.Member is IPropertySymbol property && engine.CrossMethod.FollowsGetter(property)) == facts.FollowsGetter, name);
        }

        // Not a comparison of empty answers: the code above has a call or member for each answer that can be yes.
        Assert.Contains(calls, call => engine.SurveyFacts.SinkKindsOf(call.TargetMethod, engine.SurveyFacts.Of(call.TargetMethod)) != SinkKinds.None);
        Assert.Contains(calls, call => engine.SurveyFacts.Of(call.TargetMethod).RequiresConsent);
        Assert.Contains(calls, call => engine.SurveyFacts.Of(call.TargetMethod).Origin is not null);
        Assert.Contains(calls, call => engine.SurveyFacts.Of(call.TargetMethod).Effect == CallEffect.Sanitizes);
        Assert.Contains(calls, call => engine.SurveyFacts.Of(call.TargetMethod).Follows);
        Assert.Contains(calls, call => engine.SurveyFacts.Of(call.TargetMethod).MayBeCheck(call.Syntax.SyntaxTree));
        Assert.Contains(members, reference => engine.SurveyFacts.OfMember(reference.Member).Origin is not null);
        Assert.Contains(members, reference => engine.SurveyFacts.OfMember(reference.Member).FollowsField);
        Assert.Contains(calls, call => call.TargetMethod.MethodKind == MethodKind.DelegateInvoke);
        Assert.Contains(calls, call => call.TargetMethod.IsExtensionMethod);
        Assert.Contains(calls, call => !ReferenceEquals(call.TargetMethod, call.TargetMethod.OriginalDefinition));
    }
}
