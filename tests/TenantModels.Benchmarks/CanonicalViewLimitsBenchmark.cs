using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;
using static TenantModels.Benchmarks.BenchmarkSql;

namespace TenantModels.Benchmarks;

/// <summary>
/// How far the canonical view form goes on a throwaway PostgreSQL with stock lock and stack settings
/// (max_locks_per_transaction 64, max_connections 100, max_stack_depth 2MB): the time to create the view as the
/// toolchain expands it (nested past 64 branches) and, for comparison, as one flat UNION ALL; then the number of
/// tenants past which a one-tenant query on it fails for lack of lock table (CREATE times: median of 3 runs). Each tenant is a raw table and the
/// compiled staging view over it (two relations a branch), deployed from the bundle's own per-tenant artefacts.
/// <c>dotnet run -c Release --project tests/TenantModels.Benchmarks -- canonical-view-limits 1000 5000 10000</c>
/// </summary>
public static class CanonicalViewLimitsBenchmark
{
    private const string OutOfSharedMemory = "53200";
    private const string QueryCanceled = "57014";
    private const int FirstProbe = 4_000;
    private const int Step = 100;
    private const int Runs = 3;

    public static void Run(IReadOnlyList<int> branchCounts, TextWriter output)
    {
        using var server = PostgresServer.Start();
        output.WriteLine($"PostgreSQL {Scalar(server.ConnectionString, "SHOW server_version")}: max_locks_per_transaction {Scalar(server.ConnectionString, "SHOW max_locks_per_transaction")}, "
            + $"max_connections {Scalar(server.ConnectionString, "SHOW max_connections")}, max_stack_depth {Scalar(server.ConnectionString, "SHOW max_stack_depth")}; "
            + $"{Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        output.WriteLine();

        var bundle = Compile();
        var view = bundle.Manifest.Artefacts.Single(a => a.Scope == ArtefactScope.Union);
        var union = UnionTemplate.Parse(bundle.SqlOf(view));
        var tenants = Enumerable.Range(0, branchCounts.Max()).Select(i => new BundleTenant($"t{i:00000}", $"t{i:00000}", true, new[] { "crm" })).ToList();

        var db = server.CreateDatabase("canonical_view_limits");
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        var setup = Stopwatch.StartNew();
        Deploy(connection, bundle, tenants);
        Console.Error.WriteLine($"{tenants.Count} tenants deployed in {setup.Elapsed.TotalSeconds:0} s");

        output.WriteLine("| branches | CREATE VIEW, nested (as expanded) | CREATE VIEW, one flat UNION ALL |");
        output.WriteLine("|---|---|---|");
        foreach (var count in branchCounts)
        {
            var some = tenants.Take(count).ToList();
            var nested = Time(connection, union.Expand(some));
            var flat = Time(connection, Flat(union, some));
            output.WriteLine(FormattableString.Invariant($"| {count:N0} | {nested} | {flat} |"));
        }

        output.WriteLine();
        var (works, fails) = LockFailurePoint(db, union, tenants);
        output.WriteLine(fails is null
            ? FormattableString.Invariant($"A one-tenant query works over all {works:N0} tenants ({2 * works + 1:N0} relations locked).")
            : FormattableString.Invariant($"A one-tenant query locks {2 * works + 1:N0} relations over {works:N0} tenants and works; over {fails:N0} tenants ({2 * fails + 1:N0} relations) it fails with `out of shared memory` ({OutOfSharedMemory}). Afterwards: {Aftermath(db, union, tenants.Take(works))}"));
    }

    /// <summary>
    /// Grows the view by <see cref="Step"/> tenants until a one-tenant query fails for lack of lock table. Upwards only:
    /// once a query has failed, the lock table's spare memory stays split between PostgreSQL's two lock hash tables, and
    /// later (even smaller) queries fail earlier — a bisection would measure that, not the first failure. The locks
    /// are all taken before planning (which takes minutes at these sizes), so a query still running after a few
    /// seconds has them: it is cancelled and counts as working.
    /// </summary>
    private static (int Works, int? Fails) LockFailurePoint(string db, UnionTemplate union, IReadOnlyList<BundleTenant> tenants)
    {
        var works = 0;
        for (var probe = FirstProbe; probe <= tenants.Count; probe += Step)
        {
            using (var connection = new NpgsqlConnection(db))
            {
                connection.Open();
                Execute(connection, union.Expand(tenants.Take(probe)));
            }

            var ok = GetsItsLocks(db);
            Console.Error.WriteLine($"{probe} tenants: {(ok ? "locks taken" : "out of shared memory")}");
            if (!ok)
            {
                return (works, probe);
            }

            works = probe;
        }

        return (works, null);
    }

    /// <summary>What a query over the last tenant count that worked, and a new connection, do once the lock table has run out.</summary>
    private static string Aftermath(string db, UnionTemplate union, IEnumerable<BundleTenant> tenants)
    {
        try
        {
            using (var connection = new NpgsqlConnection(db))
            {
                connection.Open();
                Execute(connection, union.Expand(tenants));
            }

            return GetsItsLocks(db) ? "the query over the tenants that worked still works." : "the query over the tenants that worked now fails too.";
        }
        catch (PostgresException e)
        {
            return $"{e.Severity} {e.SqlState} {e.MessageText} (opening a new connection or recreating the view).";
        }
    }

    /// <summary>On a connection of its own: the error can end the session (the server then logs it as FATAL).</summary>
    private static bool GetsItsLocks(string db)
    {
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        Execute(connection, "SET statement_timeout = '5s'");
        try
        {
            Execute(connection, "SELECT count(*) FROM canonical.call_v WHERE tenant_id = 't00000'");
            return true;
        }
        catch (PostgresException e) when (e.SqlState == QueryCanceled)
        {
            return true;
        }
        catch (PostgresException e) when (e.SqlState == OutOfSharedMemory)
        {
            Console.Error.WriteLine($"{e.Severity} {e.SqlState} {e.MessageText}");
            return false;
        }
    }

    /// <summary>The same branches as one UNION ALL chain, as the toolchain wrote it before nesting.</summary>
    private static string Flat(UnionTemplate union, IEnumerable<BundleTenant> tenants) =>
        union.Header + "\n" + string.Join("\nUNION ALL\n", tenants.Select(t =>
        {
            var one = union.Expand(new[] { t });
            return one.Substring(union.Header.Length + 1, one.Length - union.Header.Length - 3);
        })) + ";\n";

    /// <summary>Median of <see cref="Runs"/> runs (the machine is shared, so single runs vary), or how it fails.</summary>
    private static string Time(NpgsqlConnection connection, string sql)
    {
        var seconds = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                Execute(connection, sql);
            }
            catch (PostgresException e)
            {
                return $"fails: {e.SqlState} {e.MessageText}";
            }

            seconds.Add(watch.Elapsed.TotalSeconds);
        }

        seconds.Sort();
        return FormattableString.Invariant($"{seconds[Runs / 2]:0.00} s");
    }

    private static Bundle Compile()
    {
        var files = new List<DefinitionFile>
        {
            File("tenants.yaml", "tenants:\n  - id: t00000\n    sources: [crm]\n"),
            File("sources/crm.yaml", "source: crm\ntables:\n  call:\n    columns:\n      id: bigint\n      created_at: timestamp\n      user_id: text\n      amount: numeric\n"),
            File("models/call_v.yaml", """
                model: call_v
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
                canonical: view
                """),
        };
        var compiled = ModelProjectCompiler.Compile(new ProjectInput("CanonicalViewLimits", "1.0.0", files));
        return compiled.Bundle ?? throw new InvalidOperationException(string.Join("\n", compiled.Diagnostics));
    }

    /// <summary>Each tenant's raw table (20 rows), then the bundle's global and per-tenant artefacts, in batches of tenants.</summary>
    private static void Deploy(NpgsqlConnection connection, Bundle bundle, IReadOnlyList<BundleTenant> tenants)
    {
        foreach (var artefact in bundle.Manifest.Artefacts.Where(a => a.Scope == ArtefactScope.Global))
        {
            Execute(connection, bundle.SqlOf(artefact));
        }

        var perTenant = bundle.Manifest.Artefacts.Where(a => a.Scope == ArtefactScope.Tenant).ToList();
        foreach (var batch in tenants.Chunk(250))
        {
            // One transaction per batch: each new relation is locked until its transaction ends.
            Execute(connection, string.Concat(batch.Select(t =>
                $"CREATE SCHEMA \"{t.Id}_raw_crm\"; CREATE TABLE \"{t.Id}_raw_crm\".call (id bigint, created_at timestamp, user_id text, amount numeric);"
                + $"INSERT INTO \"{t.Id}_raw_crm\".call SELECT g, TIMESTAMP '2024-01-01' + g * interval '1 hour', 'u' || (g % 7), g * 1.5 FROM generate_series(1, 20) g;"
                + string.Concat(perTenant.Select(a => ArtefactTemplate.ExpandFor(a, bundle.SqlOf(a), t) + "\n")))));
        }
    }
}
