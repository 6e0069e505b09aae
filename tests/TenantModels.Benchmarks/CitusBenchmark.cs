using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner;
using TenantModels.Testing;

namespace TenantModels.Benchmarks;

/// <summary>
/// <c>-- citus [tenants] [models]</c> (default 1,000 × 10): the same project applied by the runner to one PostgreSQL
/// server and, with <c>distribution: citus</c>, to a coordinator and two workers on the same machine (docs/citus.md);
/// then a single-tenant query on a canonical table and on the tenant's own table, on both. Half the models are tables
/// (the first one also <c>canonical: table</c>), half are views over them.
/// </summary>
public static class CitusBenchmark
{
    public const string Command = "citus";

    private const int QueryRuns = 200;

    private static readonly Dictionary<string, string> Settings = new()
    {
        // The canonical table's fill reads every tenant's table in one transaction.
        ["max_locks_per_transaction"] = "1024",
    };

    public static void Run(int tenants, int models, TextWriter output)
    {
        output.WriteLine($"# citus: {tenants} tenants x {models} models ({models - models / 2} tables, {models / 2} views), runner apply; queries median of {QueryRuns}");
        CitusInstallation.Ensure();
        using (var server = PostgresServer.Start(Settings))
        {
            Measure("one server", server.CreateDatabase("bench_one"), Bundle(tenants, models, citus: false), tenants, output);
        }

        using (var cluster = CitusCluster.Start(Settings))
        {
            Measure("citus (coordinator + 2 workers)", cluster.CreateDatabase("bench_citus"), Bundle(tenants, models, citus: true), tenants, output);
        }
    }

    private static void Measure(string target, string db, string bundle, int tenants, TextWriter output)
    {
        try
        {
            MeasureBundle(target, db, bundle, tenants, output);
        }
        finally
        {
            Directory.Delete(bundle, recursive: true);
        }
    }

    private static void MeasureBundle(string target, string db, string bundle, int tenants, TextWriter output)
    {
        var apply = Timed(() => Cli(db, "apply", bundle));
        var reapply = Timed(() => Cli(db, "apply", bundle));
        var tenant = TenantId(tenants / 2);
        Execute(db, string.Concat(Enumerable.Range(0, tenants).Select(i =>
            $"INSERT INTO tenant_{TenantId(i)}.m_0000 SELECT g, 'l' || (g % 10), g FROM generate_series(1, 100) AS g;\n")));
        var refresh = Timed(() => Cli(db, "refresh", bundle));
        var canonical = Median(db, $"SELECT count(*), sum(amount) FROM canonical.m_0000 WHERE tenant_id = '{tenant}'");
        var own = Median(db, $"SELECT count(*), sum(amount) FROM tenant_{tenant}.m_0000");
        output.WriteLine(FormattableString.Invariant(
            $"{target}: apply {apply:F1} s, no-op re-apply {reapply:F1} s, refresh {refresh:F1} s; one tenant from canonical.m_0000 {canonical:F2} ms, from tenant_{tenant}.m_0000 {own:F2} ms"));
    }

    private static string Bundle(int tenants, int models, bool citus)
    {
        var files = new List<DefinitionFile>
        {
            File("tenants.yaml", "tenants:\n" + string.Concat(Enumerable.Range(0, tenants).Select(i => $"  - id: {TenantId(i)}\n"))),
            File("tenantmodels.yaml", citus ? "distribution: citus\n" : "canonical_schema: canonical\n"),
        };
        for (var i = 0; i < models; i++)
        {
            var name = ScaleScenario.ModelName(i);
            files.Add(File($"models/{name}.yaml", i % 2 == 0
                ? $"model: {name}\nmaterialized: table\ncolumns:\n  id: {{ type: bigint, nullable: false }}\n  label: text\n  amount: numeric(12,2)\nprimary_key: [id]\n"
                    + (i == 0 ? "canonical: table\n" : string.Empty)
                : $"model: {name}\nmaterialized: view\ncolumns:\n  label: text\n  total: numeric\nsql: \"select label, sum(amount) as total from {{{{ ref('{ScaleScenario.ModelName(i - 1)}') }}}} group by label\"\n"));
        }

        var compiled = ModelProjectCompiler.Compile(new ProjectInput("CitusBench", "1.0.0", files));
        if (!compiled.Succeeded)
        {
            throw new InvalidOperationException(string.Join("\n", compiled.Diagnostics));
        }

        var directory = Path.Combine(Path.GetTempPath(), "tenantmodels-bench-citus-" + Guid.NewGuid().ToString("N"));
        BundleDirectory.Write(compiled.Bundle!, directory);
        return directory;
    }

    private static DefinitionFile File(string path, string text) => new("/bench/" + path, path, text);

    private static string TenantId(int i) => "t" + i.ToString("0000", CultureInfo.InvariantCulture);

    private static void Cli(string db, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = new RunnerApp(stdout, stderr, _ => null).Run(args.Concat(new[] { "--connection", db, "--quiet" }).ToArray());
        if (exit != 0)
        {
            throw new InvalidOperationException($"tenantmodels {args[0]} exited {exit}:\n{stdout}\n{stderr}");
        }
    }

    private static double Timed(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(string db, string sql)
    {
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        var times = new List<double>();
        for (var i = 0; i < QueryRuns + 5; i++)
        {
            using var command = new NpgsqlCommand(sql, connection);
            var clock = Stopwatch.StartNew();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                }
            }

            if (i >= 5)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static void Execute(string db, string sql)
    {
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }
}
