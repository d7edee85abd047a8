using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using SensitivePi.Analyzers.Analysis;
using SensitivePi.Analyzers.Knowledge;
using SensitivePi.Tests.Verifiers;

namespace SensitivePi.Tests.Engine;

/// <summary>The storage table: which writes the engine reports a sensitive value or container reaching.</summary>
public class StorageSinkTests
{
    // EF Core is not among the test references; a stub with the real metadata names stands in for it.
    private const string Source = """
        using System.Data.Common;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Dapper;
        using Microsoft.Extensions.Caching.Distributed;
        using SensitivePi;

        namespace Microsoft.EntityFrameworkCore
        {
            public abstract class DbSet<TEntity> where TEntity : class
            {
                public virtual void Add(TEntity entity) { }
                public virtual void AddRange(params TEntity[] entities) { }
            }

            public class DbContext
            {
                public virtual void Update(object entity) { }
            }
        }

        public class Patient
        {
            [SensitivePersonalInfo(Category.MedicalHealth)] public string Diagnosis { get; set; } = "";
            public string City { get; set; } = "";
        }

        public class C
        {
            public async Task M(Microsoft.EntityFrameworkCore.DbSet<Patient> patients, Microsoft.EntityFrameworkCore.DbContext db,
                System.Data.IDbConnection connection, DbCommand command, IDistributedCache cache, Stream stream, TextWriter file, Patient p)
            {
                patients.Add(p);
                db.Update(p);
                File.WriteAllText("notes.txt", p.Diagnosis);
                await File.AppendAllTextAsync("notes.txt", p.Diagnosis);
                stream.Write(System.Text.Encoding.UTF8.GetBytes(p.Diagnosis));
                file.WriteLine(p.Diagnosis);
                System.Console.Out.WriteLine(p.Diagnosis);
                connection.Execute("insert into notes values (@d)", new { d = p.Diagnosis });
                var parameter = command.CreateParameter();
                parameter.Value = p.Diagnosis;
                await cache.SetStringAsync("diagnosis", p.Diagnosis);
                File.WriteAllText("city.txt", p.City);
            }
        }
        """;

    [Fact]
    public async Task Every_storage_sink_is_recognised_with_the_value_or_container_it_receives()
    {
        var hits = await HitsAsync();

        Assert.Equal(
            new[]
            {
                "DbSet.Add: p",
                "DbContext.Update: p",
                "File.WriteAllText: p.Diagnosis",
                "File.AppendAllTextAsync: p.Diagnosis",
                "Stream.Write: System.Text.Encoding.UTF8.GetBytes(p.Diagnosis)",
                "TextWriter.WriteLine: p.Diagnosis",
                "IDbConnection.Execute: new { d = p.Diagnosis }",
                "DbParameter.Value: p.Diagnosis",
                "IDistributedCache.SetStringAsync: p.Diagnosis",
            },
            hits.Select(h => h.Sink.DisplayName + ": " + h.Node).ToArray());
        Assert.All(hits, h => Assert.Equal("'Patient.Diagnosis' (MedicalHealth)", h.Taint.Describe()));
        Assert.True(hits[0].IsContainer);
        Assert.False(hits[2].IsContainer);
    }

    private static async Task<List<SinkHit>> HitsAsync()
    {
        var compilation = await TestCompilation.CreateAsync(Source);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == "M");
        var engine = ValueFlowEngine.TryCreate(compilation)!;
        Assert.True(engine.Surveyor.MayReachSink(model.GetOperation(method)!, SinkKind.Storage));

        var graph = ControlFlowGraph.Create(method, model)!;
        return MethodAnalysis.Run(engine, graph, model.GetDeclaredSymbol(method)!, SinkKind.Storage)
            .OrderBy(h => h.Node.SpanStart)
            .ToList();
    }
}
