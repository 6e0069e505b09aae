using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Planning;
using TenantModels.Runner;
using TenantModels.Testing;

namespace TenantModels.Benchmarks.Perf;

/// <summary>
/// Applying a scale bundle on a throwaway PostgreSQL, side by side in one run on copies of one database holding the raw
/// source tables: <c>psql -1 -f deploy.sql</c> (the floor: PostgreSQL's own DDL cost), the runner, and Evolve applying
/// the same deploy.sql as one migration; then the runner again with nothing changed, and with one tenant added.
/// </summary>
internal static class ApplyMeasurement
{
    public static IReadOnlyList<Figure> Measure(string root, IReadOnlyList<int> tenantCounts, int models)
    {
        var figures = new List<Figure>();
        // One transaction for the whole script (psql -1, Evolve) locks every object it creates: tens of thousands at
        // 1,000 tenants, far over the default lock table (64 per connection). The runner's per-tenant transactions need no such setting.
        using var server = PostgresServer.Start(new Dictionary<string, string> { ["max_locks_per_transaction"] = "2048" });
        foreach (var tenants in tenantCounts)
        {
            figures.AddRange(MeasureOne(server, root, tenants, models));
        }

        return figures;
    }

    private static IEnumerable<Figure> MeasureOne(PostgresServer server, string root, int tenants, int models)
    {
        var shape = FormattableString.Invariant($"{tenants:N0} tenants × {models} models");
        var bundle = CompileBundle(root, tenants, models, "1.0.0");
        var grown = CompileBundle(root, tenants + 1, models, "1.0.1");
        var template = FormattableString.Invariant($"raw_t{tenants}");
        Execute(server.ConnectionString, $"CREATE DATABASE \"{template}\"");
        foreach (var chunk in RawSources.Sql(BundleDirectory.Read(bundle).Manifest, models).Chunk(2000))
        {
            Execute(ConnectionTo(server, template), string.Concat(chunk));
        }

        NpgsqlConnection.ClearAllPools();

        // Twice each, in opposite orders, best of two: on a shared machine the minimum is the least disturbed run.
        double floor = double.MaxValue, applied = double.MaxValue, migrated = double.MaxValue;
        string runner = string.Empty;
        for (var round = 0; round < 2; round++)
        {
            var psql = Copy(server, template, FormattableString.Invariant($"psql{round}"));
            runner = Copy(server, template, FormattableString.Invariant($"runner{round}"));
            var evolve = Copy(server, template, FormattableString.Invariant($"evolve{round}"));
            var runs = new (Action Run, Action<double> Keep)[]
            {
                (() => Child.Run("psql", new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", Path.Combine(bundle, BundleManifest.DeployScriptFileName), Libpq(server, psql) }), t => floor = Math.Min(floor, t)),
                (() => Apply(bundle, ConnectionTo(server, runner)), t => applied = Math.Min(applied, t)),
                (() => EvolveMigrate(root, bundle, ConnectionTo(server, evolve)), t => migrated = Math.Min(migrated, t)),
            };
            foreach (var (run, keep) in round == 0 ? runs : runs.Reverse())
            {
                keep(Time(run));
            }
        }

        yield return new Figure("fresh apply", shape, "psql -1 -f deploy.sql (the floor), best of 2", Seconds(floor));
        yield return new Figure("fresh apply", shape, "tenantmodels apply, best of 2", Seconds(applied) + Ratio(applied, floor, "psql", "≤ 1.15×"));
        yield return new Figure("fresh apply", shape, "Evolve, deploy.sql as one migration, best of 2", Seconds(migrated) + Ratio(applied, migrated, "Evolve for the runner", "< 1×"));

        // The runner's own CPU share of a fresh apply: planning every unit, with no database.
        var read = BundleDirectory.Read(bundle);
        var planning = Enumerable.Range(0, 3).Select(_ => Time(() => DeploymentPlanner.Plan(read, Array.Empty<DeployedArtefact>()))).Min();
        yield return new Figure("fresh apply", shape, "of which planning (in process, no database), best of 3", Seconds(planning));

        var reapplied = Enumerable.Range(0, 3).Select(_ => Time(() => Apply(bundle, ConnectionTo(server, runner)))).OrderBy(t => t).ToList();
        yield return new Figure("re-apply, nothing changed", shape, "tenantmodels apply, median of 3", Seconds(reapplied[1]) + " (target < 1 s)");

        var newTenant = BundleDirectory.Read(grown).Manifest.Tenants.Last();
        Execute(ConnectionTo(server, runner), string.Concat(RawSources.Sql(BundleDirectory.Read(grown).Manifest, models, newTenant.Id)));
        var added = Time(() => Apply(grown, ConnectionTo(server, runner)));
        yield return new Figure("add one tenant", shape + " deployed", "tenantmodels apply of the bundle with one more tenant",
            Seconds(added) + FormattableString.Invariant($" = {100 * added / applied:F1}% of the fresh apply (target < 2%)"));

        // What any tool must do when a tenant joins: recreate each canonical UNION ALL view over every tenant.
        var unions = Path.Combine(grown, "..", "unions.sql");
        File.WriteAllText(unions, UnionStatements(BundleDirectory.Read(grown)));
        var unionFloor = Time(() => Child.Run("psql", new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", unions, Libpq(server, runner) }));
        yield return new Figure("add one tenant", shape + " deployed", "psql -1 -f of only the canonical views' CREATE OR REPLACE (the floor)",
            Seconds(unionFloor) + FormattableString.Invariant($" = {100 * unionFloor / floor:F1}% of the fresh psql apply"));
    }

    private static string UnionStatements(Bundle bundle) => string.Concat(bundle.Manifest.Artefacts
        .Where(a => a.Scope == ArtefactScope.Union)
        .Select(a => UnionTemplate.Parse(bundle.SqlOf(a)).Expand(bundle.Manifest.Tenants)));

    private static string CompileBundle(string root, int tenants, int models, string version)
    {
        var scenario = ScaleScenario.Write(Path.Combine(root, FormattableString.Invariant($"apply-t{tenants}-m{models}")), tenants, models);
        var result = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(scenario, "Scale", version));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("the scale scenario does not compile:\n" + string.Join("\n", result.Diagnostics));
        }

        var bundle = Path.Combine(scenario, "bundle");
        BundleDirectory.Write(result.Bundle!, bundle);
        return bundle;
    }

    private static void Apply(string bundle, string connectionString)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = new RunnerApp(stdout, stderr, _ => null).Run(new[] { "apply", bundle, "--connection", connectionString });
        if (exit != 0)
        {
            throw new InvalidOperationException($"tenantmodels apply exited with {exit}:\n{stdout}\n{stderr}");
        }
    }

    private static void EvolveMigrate(string root, string bundle, string connectionString)
    {
        var migrations = Path.Combine(root, "evolve-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(migrations);
        File.Copy(Path.Combine(bundle, BundleManifest.DeployScriptFileName), Path.Combine(migrations, "V1__deploy.sql"));
        using var connection = new NpgsqlConnection(connectionString);
        var evolve = new EvolveDb.Evolve(connection, _ => { })
        {
            Locations = new[] { migrations },
            IsEraseDisabled = true,
            CommandTimeout = 3600,
        };
        evolve.Migrate();
    }

    private static string Copy(PostgresServer server, string template, string purpose)
    {
        var name = template + "_" + purpose;
        Execute(server.ConnectionString, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return name;
    }

    private static string ConnectionTo(PostgresServer server, string database) =>
        new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database, CommandTimeout = 0 }.ConnectionString;

    private static string Libpq(PostgresServer server, string database) =>
        FormattableString.Invariant($"host=127.0.0.1 port={server.Port} user=postgres dbname={database}");

    /// <summary>Fixture SQL only (database names and raw tables the harness makes up), never product SQL.</summary>
    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string Ratio(double a, double b, string what, string target) =>
        FormattableString.Invariant($" ({a / b:F2}× {what}, target {target})");

    private static string Seconds(double ms) => FormattableString.Invariant($"{ms / 1000:F2} s");
}
