using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

public class SinkCatalogTests
{
    private const string Source = """
        using System;
        using System.Diagnostics;
        using Microsoft.Extensions.Logging;

        public static partial class Calls
        {
            public static void All(ILogger logger, Serilog.ILogger serilog, NLog.Logger nlog, log4net.ILog log4, TraceSource source, Activity activity, Exception error)
            {
                logger.LogInformation(error, "Patient {Id}", "x");
                logger.Log(LogLevel.Information, new EventId(1), "state", error, (s, e) => s);
                logger.BeginScope("scope {X}", 1);
                Console.WriteLine("x");
                Console.Out.WriteLine("x");
                Debug.WriteLine("x");
                Trace.TraceInformation("x");
                source.TraceEvent(TraceEventType.Information, 1, "x");
                activity.SetTag("k", "v");
                Serilog.Log.Information("x {A}", 1);
                serilog.Warning("x");
                nlog.Info("x");
                log4.InfoFormat("x {0}", 1);
                LogPatient(logger, "x");
                Define(logger, "x", null);
                _ = string.Concat("a", "b");
                _ = logger.IsEnabled(LogLevel.Information);
            }

            [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Patient {Id}")]
            static partial void LogPatient(ILogger logger, string id);

            private static readonly Action<ILogger, string, Exception?> Define =
                LoggerMessage.Define<string>(LogLevel.Information, new EventId(2), "Patient {Id}");
        }
        """;

    [Fact]
    public async Task Logging_sinks_are_recognised_with_their_data_parameters()
    {
        var compilation = await TestCompilation.CreateAsync(Source);
        var catalog = new SinkCatalog(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);

        var described = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(call => (IInvocationOperation)model.GetOperation(call)!)
            .Select(call => catalog.Match(call.TargetMethod) is { } sink
                ? sink.DisplayName + "(" + string.Join(",", sink.DataParameters.Select(p => p.Name)) + ")"
                : "-")
            .ToArray();

        Assert.Equal(
            new[]
            {
                "ILogger.LogInformation(exception,message,args)",
                "ILogger.Log(state,exception,formatter)",
                "ILogger.BeginScope(messageFormat,args)",
                "Console.WriteLine(value)",
                "TextWriter.WriteLine(value)",
                "Debug.WriteLine(message)",
                "Trace.TraceInformation(message)",
                "TraceSource.TraceEvent(id,message)",
                "Activity.SetTag(key,value)",
                "Log.Information(messageTemplate,propertyValue)",
                "ILogger.Warning(messageTemplate)",
                "Logger.Info(message)",
                "ILog.InfoFormat(format,arg0)",
                "Calls.LogPatient(id)",
                "LoggerMessage.Define delegate(arg2,arg3)",
                "-",
                "-",
                "-",
            },
            described);
    }

    [Fact]
    public async Task A_librarys_logger_message_method_is_a_logging_sink_and_the_frameworks_methods_are_not()
    {
        // Only assemblies built against the logging abstractions can carry [LoggerMessage]; the others' attributes are not read.
        var library = await TestCompilation.CreateAsync(
            """
            using Microsoft.Extensions.Logging;
            public static class Log
            {
                [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Patient {Id}")]
                public static void Patient(ILogger logger, string id) { }
            }
            """);
        using var image = new System.IO.MemoryStream();
        Assert.True(library.Emit(image).Success);
        var consumer = (await TestCompilation.CreateAsync("public class C { }"))
            .AddReferences(Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(image.ToArray()));
        var catalog = new SinkCatalog(consumer);

        var patient = (Microsoft.CodeAnalysis.IMethodSymbol)consumer.GetTypeByMetadataName("Log")!.GetMembers("Patient").Single();
        Assert.Equal(SinkKindSet.Of(SinkKind.Logging), catalog.KindsOf(patient));
        var trim = (Microsoft.CodeAnalysis.IMethodSymbol)consumer.GetSpecialType(Microsoft.CodeAnalysis.SpecialType.System_String).GetMembers("Trim").First();
        Assert.Equal(SinkKinds.None, catalog.KindsOf(trim));
    }

    // docs/design/value-flow-engine.md, "The entity model": the setters of auto-properties an EF Core entity could map as columns
    // holding a value as it is (text, bytes, numbers, dates, nullable or not), the compilation's own, are entity-member sinks where
    // the compilation has EF Core; no other setter is.
    [Theory]
    [InlineData("Member.set_Secret", true)]
    [InlineData("Member.set_Photo", true)]
    [InlineData("Member.set_Age", true)]
    [InlineData("Member.set_Born", true)]
    [InlineData("Member.set_Since", true)]
    [InlineData("Member.set_Computed", false)]
    [InlineData("Member.set_Key", false)]
    [InlineData("Member.set_Active", false)]
    [InlineData("Member.set_Shared", false)]
    [InlineData("Member.set_Item", false)]
    [InlineData("Member.set_Sponsor", false)]
    [InlineData("Member.set_Anything", false)]
    [InlineData("Member.SetSecret", false)]
    [InlineData("Slot.set_Code", false)]
    [InlineData("System.Exception.set_HelpLink", false)]
    public async Task The_compilations_own_setters_are_entity_member_sinks_where_it_has_EF_Core(string method, bool sink)
    {
        const string Types = """
            public class Member
            {
                public string Secret { get; set; } = "";
                public byte[] Photo { get; set; } = System.Array.Empty<byte>();
                public int Age { get; set; }
                public System.DateTime? Born { get; set; }
                public System.DateOnly Since { get; set; }
                public string Computed { get => ""; set { } }
                public System.Guid Key { get; set; }
                public bool Active { get; set; }
                public static string Shared { get; set; } = "";
                public string this[int index] { get => ""; set { } }
                public Member? Sponsor { get; set; }
                public string Anything { set { } }
                public void SetSecret(string value) => Secret = value;
            }

            public struct Slot
            {
                public string Code { get; set; }
            }
            """;
        var dot = method.LastIndexOf('.');
        foreach (var withEntityFramework in new[] { true, false })
        {
            var compilation = await TestCompilation.CreateAsync(Types + (withEntityFramework ? "namespace Microsoft.EntityFrameworkCore { public class DbContext { } }" : string.Empty));
            var setter = compilation.GetTypeByMetadataName(method.Substring(0, dot))!.GetMembers(method.Substring(dot + 1)).OfType<IMethodSymbol>().Single();
            var expected = sink && withEntityFramework ? SinkKinds.EntityMember : SinkKinds.None;
            Assert.Equal(expected, new SinkCatalog(compilation).KindsOf(setter));
        }
    }

    [Fact]
    public async Task Every_kind_of_a_method_is_what_the_rows_say_one_by_one()
    {
        // The per-method answer the survey asks finds a method's rows by its name; read row by row, every row gives the same.
        var compilation = await TestCompilation.CreateAsync(Source + """
            public sealed class AuditWriter : System.IO.StringWriter { public override void WriteLine(string? value) { } }
            public sealed class Sender : System.Net.Http.HttpClient { public void SendReport(string text) { } }
            """);
        var catalog = new SinkCatalog(compilation);
        var rows = KnowledgeTables.BuiltIn.Sinks
            .Select(row => (Row: row, Type: compilation.GetTypeByMetadataName(row.TypeName)))
            .Where(row => row.Type is not null)

            // Rows whose receiver or target conditions name types the compilation lacks are dropped as the catalog resolves them.
            .Where(row => row.Row.ReceiverType is null || row.Row.ReceiverExcluded || compilation.GetTypeByMetadataName(row.Row.ReceiverType) is not null)
            .Where(row => row.Row.TargetTypes.Length == 0 || row.Row.TargetTypes.Any(name => compilation.GetTypeByMetadataName(name) is not null))
            .Where(row => row.Row.RequiredType is null || compilation.GetTypeByMetadataName(row.Row.RequiredType) is not null)

            // A row of the compilation's own setters matches by their shape, not their type (below).
            .Where(row => !row.Row.OwnSetters)
            .ToArray();
        var types = rows.Select(row => row.Type!)
            .Concat(new[] { "AuditWriter", "Sender", "Calls", "System.IO.StreamWriter", "System.String" }.Select(name => compilation.GetTypeByMetadataName(name)!));
        var methods = types.SelectMany(type => type.GetMembers().OfType<IMethodSymbol>()).ToArray();

        var checkedKinds = 0;
        foreach (var method in methods)
        {
            var byRows = SinkKinds.None;
            foreach (var (row, type) in rows)
            {
                if (row.MatchesName(method.Name) && SensitivePi.Analyzers.Framework.TypeHierarchy.IsOrInherits(method.ContainingType, type!))
                {
                    byRows |= SinkKindSet.Of(row.Kind);
                }
            }

            // [LoggerMessage] methods are logging sinks by their shape, not by a row.
            if (method.GetAttributes().Any(attribute => attribute.AttributeClass?.Name == "LoggerMessageAttribute"))
            {
                byRows |= SinkKindSet.Of(SinkKind.Logging);
            }

            Assert.True(byRows == catalog.KindsOf(method), $"{method.ToDisplayString()}: rows {byRows}, catalog {catalog.KindsOf(method)}");
            checkedKinds += byRows == SinkKinds.None ? 0 : 1;
        }

        // Sinks of several kinds and rows by prefix (`Log*`, `Write*`) were among them, and methods of no row.
        Assert.True(checkedKinds > 50, $"{checkedKinds} sinks");
        Assert.Contains(methods, method => catalog.KindsOf(method) == SinkKinds.None);
    }

    [Fact]
    public async Task TextWriter_is_a_sink_only_on_the_console_streams()
    {
        var compilation = await TestCompilation.CreateAsync("class C { void M(System.IO.StringWriter w) => w.WriteLine(\"x\"); }");
        var catalog = new SinkCatalog(compilation);
        var writeLine = compilation.GetTypeByMetadataName("System.IO.TextWriter")!.GetMembers("WriteLine").OfType<IMethodSymbol>().First();

        var sink = catalog.Match(writeLine)!;

        Assert.Equal("System.Console", sink.Entry!.ReceiverType);
        Assert.Equal(new[] { "Out", "Error" }, sink.Entry.ReceiverMembers);
    }

    [Fact]
    public async Task Missing_logging_libraries_leave_their_rows_unresolved()
    {
        var compilation = await TestCompilation.CreateAsync("class C { }");
        var catalog = new SinkCatalog(compilation);
        var writeLine = compilation.GetTypeByMetadataName("System.Console")!.GetMembers("WriteLine").OfType<IMethodSymbol>().First();
        var beep = compilation.GetTypeByMetadataName("System.Console")!.GetMembers("Beep").OfType<IMethodSymbol>().First();

        Assert.Equal(SinkKind.Logging, catalog.Match(writeLine)!.Kind);
        Assert.Null(catalog.Match(beep));
        Assert.Null(catalog.Match(null));
    }

    [Fact]
    public async Task Data_parameters_are_matched_by_ordinal_on_constructed_methods()
    {
        var compilation = await TestCompilation.CreateAsync(Source);
        var catalog = new SinkCatalog(compilation);
        var defineField = (IFieldSymbol)compilation.GetTypeByMetadataName("Calls")!.GetMembers("Define").Single();
        var invoke = ((INamedTypeSymbol)defineField.Type).DelegateInvokeMethod!;

        var sink = catalog.Match(invoke)!;

        // The logger steers the call; the value and the exception (which may be built from data) are logged.
        Assert.False(sink.IsDataParameter(invoke.Parameters[0]));
        Assert.True(sink.IsDataParameter(invoke.Parameters[1]));
        Assert.True(sink.IsDataParameter(invoke.Parameters[2]));
    }

    [Fact]
    public async Task Redirects_and_navigation_are_navigation_sinks_with_every_argument_as_data()
    {
        var compilation = await TestCompilation.CreateAsync(AspNetCoreStubs.Source + """

            class Controller : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                void M(Microsoft.AspNetCore.Components.NavigationManager navigation)
                {
                    Redirect("/x");
                    RedirectToAction("Details", new { id = 1 });
                    Microsoft.AspNetCore.Http.Results.Redirect("/x");
                    navigation.NavigateTo("/x", forceLoad: true);
                    Ok();
                }
            }
            """);
        var catalog = new SinkCatalog(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == "M");

        var described = method.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(call => (IInvocationOperation)model.GetOperation(call)!)
            .Select(call => catalog.Match(call.TargetMethod, SinkKind.Navigation) is { } sink
                ? sink.DisplayName + "(" + string.Join(",", sink.DataParameters.Select(p => p.Name)) + ")"
                : "-")
            .ToArray();

        Assert.Equal(
            new[]
            {
                "ControllerBase.Redirect(url)",
                "ControllerBase.RedirectToAction(actionName,routeValues)",
                "Results.Redirect(url,permanent,preserveMethod)",
                "NavigationManager.NavigateTo(uri,forceLoad)",
                "-",
            },
            described);
    }
}
