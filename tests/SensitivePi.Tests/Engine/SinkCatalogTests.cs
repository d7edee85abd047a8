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
