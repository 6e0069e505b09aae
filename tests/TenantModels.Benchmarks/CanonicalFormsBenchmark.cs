using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;
using static TenantModels.Benchmarks.BenchmarkSql;

namespace TenantModels.Benchmarks;

/// <summary>
/// The two canonical forms side by side on a throwaway PostgreSQL, at each tenant count in one run:
/// <c>call_v</c> (<c>canonical: view</c>, UNION ALL) and <c>call</c> (<c>canonical: table</c>, as compiled: one table since
/// 2026-12-06, a partition per tenant before; <see cref="CanonicalStorageBenchmark"/> compares the two),
/// both over the same staging views of one raw table per tenant. Reports planning and execution time (EXPLAIN
/// ANALYZE, SUMMARY; median of warm runs) of a single-tenant and an all-tenant count, and the time of the refresh
/// statement the runner runs per tenant (one transaction each) — per tenant (median) and for all tenants.
/// Not BenchmarkDotNet: each size is one database that takes minutes to build, and the figures are server-side.
/// <c>dotnet run -c Release --project tests/TenantModels.Benchmarks -- canonical-forms 10 100 1000 5000</c>
/// </summary>
public static class CanonicalFormsBenchmark
{
    private const int RowsPerTenant = 20;

    public static void Run(IReadOnlyList<int> tenantCounts, TextWriter output)
    {
        // An all-tenant query on the view locks every branch's view and raw table in one transaction.
        using var server = PostgresServer.Start(new System.Collections.Generic.Dictionary<string, string> { ["max_locks_per_transaction"] = "4096" });
        output.WriteLine($"PostgreSQL {Scalar(server.ConnectionString, "SHOW server_version")}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        output.WriteLine();
        output.WriteLine("| tenants | query | view: planning | view: execution | table: planning | table: execution |");
        output.WriteLine("|---|---|---|---|---|---|");
        var refreshLines = new List<string>();
        foreach (var tenants in tenantCounts)
        {
            var setup = Stopwatch.StartNew();
            var (db, refresh) = Build(server, tenants);
            setup.Stop();
            Console.Error.WriteLine($"{tenants} tenants: built in {setup.Elapsed.TotalSeconds:0.0} s");
            var one = $"t{tenants / 2:00000}";
            var repeats = tenants >= 5000 ? 1 : 5;
            foreach (var (label, where) in new[] { ("one tenant", $" WHERE tenant_id = '{one}'"), ("all tenants", string.Empty) })
            {
                var view = Explain(db, "SELECT count(*) FROM canonical.call_v" + where, repeats);
                var table = Explain(db, "SELECT count(*) FROM canonical.call" + where, repeats);
                output.WriteLine(FormattableString.Invariant(
                    $"| {tenants:N0} | {label} | {view.Planning:0.###} ms | {view.Execution:0.###} ms | {table.Planning:0.###} ms | {table.Execution:0.###} ms |"));
            }

            var perTenant = new List<double>();
            var all = Stopwatch.StartNew();
            using (var connection = new NpgsqlConnection(db))
            {
                connection.Open();
                foreach (var sql in refresh)
                {
                    var one1 = Stopwatch.StartNew();
                    using var transaction = connection.BeginTransaction();
                    using (var command = new NpgsqlCommand(sql, connection, transaction))
                    {
                        command.ExecuteNonQuery();
                    }

                    transaction.Commit();
                    perTenant.Add(one1.Elapsed.TotalMilliseconds);
                }
            }

            all.Stop();
            perTenant.Sort();
            refreshLines.Add(FormattableString.Invariant(
                $"| {tenants:N0} | {perTenant[perTenant.Count / 2]:0.##} ms | {perTenant[perTenant.Count - 1]:0.##} ms | {all.Elapsed.TotalSeconds:0.##} s | {setup.Elapsed.TotalSeconds:0} s |"));
        }

        output.WriteLine();
        output.WriteLine($"Refresh of `canonical.call` ({RowsPerTenant} rows per tenant; DELETE + INSERT … SELECT, one transaction per tenant, as `tenantmodels refresh`):");
        output.WriteLine();
        output.WriteLine("| tenants | per tenant (median) | per tenant (max) | all tenants | setup (deploy + data) |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var line in refreshLines)
        {
            output.WriteLine(line);
        }
    }

    /// <summary>A fresh database with N tenants' raw tables and the compiled bundle deployed; returns the per-tenant refresh statements.</summary>
    private static (string Db, IReadOnlyList<string> Refresh) Build(PostgresServer server, int tenants)
    {
        var ids = Enumerable.Range(0, tenants).Select(i => $"t{i:00000}").ToList();

        // call_v's staging views come with the project; its union is compiled apart (below), because past
        // PostgreSQL's stock lock table (3,200 tenants here) the build refuses the view form (TM2021).
        var compiled = Compile(ids, "false");
        var union = Compile(ids.Take(1), "view").Bundle!;
        var unionSql = union.SqlOf(union.Manifest.Artefacts.Single(a => a.Scope == ArtefactScope.Union));

        var db = server.CreateDatabase("canonical_forms");
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        foreach (var id in ids)
        {
            Execute(connection, $"CREATE SCHEMA \"{id}_raw_crm\"; CREATE TABLE \"{id}_raw_crm\".call (id bigint, created_at timestamp, user_id text, amount numeric);"
                + $"INSERT INTO \"{id}_raw_crm\".call SELECT g, TIMESTAMP '2024-01-01' + g * interval '1 hour', 'u' || (g % 7), g * 1.5 FROM generate_series(1, {RowsPerTenant}) g;");
        }

        // Instance by instance (autocommit): one transaction over thousands of tenants would hold a lock per object.
        foreach (var instance in ArtefactExpander.Expand(compiled.Bundle!))
        {
            Execute(connection, instance.Sql);
        }

        // The union does not depend on the tenants it was compiled with: expanded over all of them, as the runner does.
        Execute(connection, UnionTemplate.Parse(unionSql).Expand(compiled.Bundle!.Manifest.Tenants));

        Execute(connection, "VACUUM ANALYZE");
        var refresh = compiled.Bundle!.Manifest.Artefacts.Single(a => a.Kind == ArtefactKind.Refresh);
        var template = compiled.Bundle.SqlOf(refresh);
        var statements = compiled.Bundle.Manifest.Tenants.Select(t => ArtefactTemplate.ExpandFor(refresh, template, t)).ToList();
        return (db, statements);
    }

    /// <summary>The project over <paramref name="ids"/>: <c>call</c> in the table form, <c>call_v</c> in <paramref name="viewForm"/>.</summary>
    private static CompileResult Compile(IEnumerable<string> ids, string viewForm)
    {
        var files = new List<DefinitionFile>
        {
            File("tenantmodels.yaml", "canonical_view_tenant_limit: 100000\n"),
            File("tenants.yaml", "defaults:\n  sources: [crm]\ntenants:\n" + string.Concat(ids.Select(id => $"  - id: {id}\n"))),
            File("sources/crm.yaml", "source: crm\ntables:\n  call:\n    columns:\n      id: bigint\n      created_at: timestamp\n      user_id: text\n      amount: numeric\n"),
            File("models/call.yaml", Model("call", "table")),
            File("models/call_v.yaml", Model("call_v", viewForm)),
        };
        var compiled = ModelProjectCompiler.Compile(new ProjectInput("CanonicalForms", "1.0.0", files));
        return compiled.Succeeded ? compiled : throw new InvalidOperationException(string.Join("\n", compiled.Diagnostics));
    }

    private static string Model(string name, string form) => $$"""
        model: {{name}}
        columns:
          call_id: bigint
          call_created_at: timestamp
          user_id: text
          amount: numeric(12,2)
        from:
          crm:
            table: call
            columns:
              call_id: id
              call_created_at: created_at
              user_id: user_id
              amount: amount
        canonical: {{form}}
        """;

    /// <summary>Median planning and execution time (ms) of warm runs: one run first fills the catalog caches.</summary>
    private static (double Planning, double Execution) Explain(string db, string query, int repeats)
    {
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        var runs = new List<(double, double)>();
        for (var i = 0; i <= repeats; i++)
        {
            using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, SUMMARY, FORMAT JSON) " + query, connection) { CommandTimeout = 0 };
            using var plan = JsonDocument.Parse((string)command.ExecuteScalar()!);
            var root = plan.RootElement[0];
            if (i > 0)
            {
                runs.Add((root.GetProperty("Planning Time").GetDouble(), root.GetProperty("Execution Time").GetDouble()));
            }
        }

        var planning = runs.Select(r => r.Item1).OrderBy(x => x).ToList();
        var execution = runs.Select(r => r.Item2).OrderBy(x => x).ToList();
        return (planning[planning.Count / 2], execution[execution.Count / 2]);
    }
}
