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

        public class Journal(ILogger logger)
        {
            public void Write(string line) => logger.LogInformation(line);
        }

        public class Entry
        {
            public Entry(string text) => Text = text;

            public string Text { get; }
        }

        public class PatientEntry : Entry
        {
            public PatientEntry(Patient patient) : base(patient.IdNumber) => Patient = patient;

            public Patient Patient { get; }

            public string Summary => Patient.City + " " + Patient.IdNumber;
        }

        public class LookupFailed : Exception
        {
            public LookupFailed(Patient patient) : base(patient.IdNumber)
            {
            }
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
                _logger.LogInformation(new PatientEntry(patient).Summary);
                _logger.LogInformation(Local(patient.IdNumber));

                string Local(string id) => id.Trim();
            }
        }
        """;

    [Fact]
    public async Task Every_answer_is_the_catalogs_own()
    {
        var compilation = await TestCompilation.CreateAsync(Source);

        // Two engines: the records fill one engine's catalogs, the other's answer from scratch for the symbol as the body uses it.
        var recorded = ValueFlowEngine.TryCreate(compilation)!;
        var asked = ValueFlowEngine.TryCreate(compilation)!;
        Assert.NotNull(recorded);
        Assert.NotNull(asked);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var operations = tree.GetRoot().DescendantNodes()
            .Select(node => model.GetOperation(node))
            .Where(operation => operation is not null)
            .Select(operation => operation!)
            .Distinct()
            .ToList();

        var calls = operations.OfType<IInvocationOperation>().ToList();
        foreach (var call in calls)
        {
            var method = call.TargetMethod;
            var facts = recorded.SurveyFacts.Of(method);
            var name = method.ToDisplayString();
            if (method.MethodKind != MethodKind.Constructor)
            {
                Assert.True(asked.SinkKindsOf(method) == recorded.SurveyFacts.SinkKindsOf(method, facts), name);
            }

            // A constructor initializer (`: base(message)`) creates nothing, even of a sink type.
            Assert.True(asked.SinkKindsAt(call, EveryKind) == recorded.SurveyFacts.SinkKindsOf(method, facts), name);
            Assert.True((asked.Consent.GetRequirement(method) != 0) == facts.RequiresConsent, name);
            Assert.True(Equals(asked.Model.GetMemberOrigin(method), facts.Origin), name);
            Assert.True(asked.Transfers.GetEffect(method) == facts.Effect, name);
            Assert.True(asked.HelperCalls.IsHelper(method) == facts.IsHelper, name);
            Assert.True(asked.CrossMethod.Follows(method) == facts.Follows, name);
            Assert.True(asked.Consent.MayBeCheck(call) == facts.MayBeCheck(call.Syntax.SyntaxTree), name);
        }

        var members = operations.OfType<IMemberReferenceOperation>().Where(reference => reference is IFieldReferenceOperation or IPropertyReferenceOperation)
            .Select(reference => reference.Member)
            .Concat(operations.OfType<IParameterReferenceOperation>().Select(reference => (ISymbol)reference.Parameter))
            .Concat(operations.OfType<IArgumentOperation>().Where(argument => argument.Parameter is not null).Select(argument => (ISymbol)argument.Parameter!))
            .ToList();
        foreach (var member in members)
        {
            var facts = recorded.SurveyFacts.OfMember(member);
            var name = member.ToDisplayString();
            Assert.True(Equals(asked.Model.GetMemberOrigin(member), facts.Origin), name);
            Assert.True(asked.CrossMethod.FollowsField(member) == facts.FollowsField, name);
            Assert.True((member is IPropertySymbol property && asked.CrossMethod.FollowsGetter(property)) == facts.FollowsGetter, name);
        }

        // Not a comparison of empty answers: each answer is yes for some call or member and no for another.
        CalleeFacts Of(IInvocationOperation call) => recorded.SurveyFacts.Of(call.TargetMethod);
        AssertBothWays(calls, call => recorded.SurveyFacts.SinkKindsOf(call.TargetMethod, Of(call)) != SinkKinds.None);
        AssertBothWays(calls, call => Of(call).RequiresConsent);
        AssertBothWays(calls, call => Of(call).Origin is not null);
        AssertBothWays(calls, call => Of(call).Effect == CallEffect.Sanitizes);
        AssertBothWays(calls, call => Of(call).IsHelper);
        AssertBothWays(calls, call => Of(call).Follows);
        AssertBothWays(calls, call => Of(call).MayBeCheck(call.Syntax.SyntaxTree));
        AssertBothWays(members, member => recorded.SurveyFacts.OfMember(member).Origin is not null);
        AssertBothWays(members, member => recorded.SurveyFacts.OfMember(member).FollowsField);
        AssertBothWays(members, member => recorded.SurveyFacts.OfMember(member).FollowsGetter);

        // The shapes whose keys differ: a delegate's Invoke, an extension method, a constructed generic method, a constructor
        // initializer, a local function, a primary constructor's parameter.
        Assert.Contains(calls, call => call.TargetMethod.MethodKind == MethodKind.DelegateInvoke);
        Assert.Contains(calls, call => call.TargetMethod.IsExtensionMethod);
        Assert.Contains(calls, call => !ReferenceEquals(call.TargetMethod, call.TargetMethod.OriginalDefinition));
        Assert.Contains(calls, call => call.TargetMethod.MethodKind == MethodKind.Constructor);
        Assert.Contains(calls, call => call.TargetMethod.MethodKind == MethodKind.LocalFunction);
        Assert.Contains(members, member => member is IParameterSymbol parameter && CrossMethodPass.IsPrimaryConstructorParameter(parameter));
    }

    private static readonly SinkKinds EveryKind = SinkKindSet.All.Aggregate(SinkKinds.None, (kinds, kind) => kinds | SinkKindSet.Of(kind));

    private static void AssertBothWays<T>(System.Collections.Generic.IReadOnlyList<T> items, Func<T, bool> answer)
    {
        Assert.Contains(items, item => answer(item));
        Assert.Contains(items, item => !answer(item));
    }
}
