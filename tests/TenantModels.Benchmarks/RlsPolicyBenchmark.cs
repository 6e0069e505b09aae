using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Testing;

namespace TenantModels.Benchmarks;

/// <summary>
/// Row-level security at scale on a throwaway PostgreSQL: the policy TenantModels generates (one permissive + one
/// restrictive policy naming the kind's group, tenant from <c>tenant_of(CURRENT_USER)</c> as an init-plan) against the
/// alternative (one policy per tenant role, <c>USING (tenant_id = '&lt;tenant&gt;')</c>). Same rows, same grants, same
/// tenant. Reports apply time of the policies and the median planning and execution time of a tenant's queries, as
/// PostgreSQL's own EXPLAIN (ANALYZE) reports them.
/// <c>dotnet run -c Release --project tests/TenantModels.Benchmarks -- rls-policies 1000 100 50</c>.
/// </summary>
internal static class RlsPolicyBenchmark
{
    public static void Run(int tenants, int rowsPerTenant, int repetitions)
    {
        using var server = PostgresServer.Start();
        var db = server.CreateDatabase("rls_bench");
        var ids = Enumerable.Range(1, tenants).Select(i => "t" + i.ToString("D5", CultureInfo.InvariantCulture)).ToList();
        var bundle = Compile(ids);
        var timings = new Dictionary<string, double>(StringComparer.Ordinal);
        using (var connection = Open(db))
        {
            foreach (var instance in ArtefactExpander.Expand(bundle))
            {
                var watch = Stopwatch.StartNew();
                Execute(connection, instance.Sql);
                timings[instance.Artefact.Id] = timings.GetValueOrDefault(instance.Artefact.Id) + watch.Elapsed.TotalMilliseconds;
            }

            Execute(connection, $"""
                INSERT INTO shared.screens (tenant_id, id, white_label_id)
                SELECT 't' || lpad(((g % {tenants}) + 1)::text, 5, '0'), g, g % 7 FROM generate_series(1, {tenants * rowsPerTenant}) AS g;
                CREATE SCHEMA alt; ALTER SCHEMA alt OWNER TO bm_owner; GRANT USAGE ON SCHEMA alt TO bm_reader;
                CREATE TABLE alt.screens (LIKE shared.screens INCLUDING ALL);
                INSERT INTO alt.screens SELECT * FROM shared.screens;
                ALTER TABLE alt.screens OWNER TO bm_owner;
                GRANT SELECT ON alt.screens TO bm_reader;
                ALTER TABLE alt.screens ENABLE ROW LEVEL SECURITY;
                ALTER TABLE alt.screens FORCE ROW LEVEL SECURITY;
                ANALYZE shared.screens; ANALYZE alt.screens;
                """);
            var perTenant = Stopwatch.StartNew();
            Execute(connection, "BEGIN;\n" + string.Concat(ids.Select(t => $"CREATE POLICY \"p_{t}\" ON alt.screens AS PERMISSIVE FOR ALL TO \"bm_{t}_reader\" USING (tenant_id = '{t}') WITH CHECK (tenant_id = '{t}');\n")) + "COMMIT;");
            timings["alternative policies"] = perTenant.Elapsed.TotalMilliseconds;
        }

        var tenant = ids[ids.Count / 2];
        Console.WriteLine($"## Row-level security at {tenants:N0} tenants ({tenants * rowsPerTenant:N0} rows, tenant {tenant}, median of {repetitions})");
        Console.WriteLine();
        Console.WriteLine("| | generated: (SELECT current_tenant()), 2 policies | alternative: 1 policy per tenant role |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| apply the policies | {timings["grants.table.screens"]:F0} ms (grants artefact; roles and registry: {timings["security.tenant_roles"]:F0} ms for all tenants) | {timings["alternative policies"]:F0} ms ({tenants:N0} CREATE POLICY) |");
        foreach (var (label, query) in new[]
        {
            ("count(*) of the tenant's rows", "SELECT count(*) FROM {0}"),
            ("one row by key", $"SELECT * FROM {{0}} WHERE tenant_id = '{tenant}' AND id = {ids.Count / 2 + tenants}"),
        })
        {
            var generated = Measure(db, tenant, string.Format(CultureInfo.InvariantCulture, query, "shared.screens"), repetitions);
            var alternative = Measure(db, tenant, string.Format(CultureInfo.InvariantCulture, query, "alt.screens"), repetitions);
            Console.WriteLine($"| {label}: planning / execution | {generated.Planning:F3} / {generated.Execution:F3} ms (result {generated.Rows}) | {alternative.Planning:F3} / {alternative.Execution:F3} ms (result {alternative.Rows}) |");
        }
    }

    private static Bundle Compile(IReadOnlyList<string> ids)
    {
        var files = new List<DefinitionFile>
        {
            new("tenants.yaml", "tenants.yaml", "tenants:\n" + string.Concat(ids.Select(t => $"  - id: {t}\n"))),
            new("tenantmodels.yaml", "tenantmodels.yaml", "security:\n  isolation: shared\n  prefix: bm\n  tenant_roles:\n    reader: \"bm_<tenant>_reader\"\n"),
            new("models/screens.yaml", "models/screens.yaml", """
                model: screens
                materialized: table
                scope: shared
                columns:
                  id: { type: integer, nullable: false }
                  white_label_id: { type: integer, nullable: false }
                primary_key: [id]
                grants: { reader: [select], admin: [select] }
                """),
        };
        var result = ModelProjectCompiler.Compile(new ProjectInput("RlsBench", "1.0.0", files));
        return result.Bundle ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    }

    private static (double Planning, double Execution, long Rows) Measure(string db, string tenant, string query, int repetitions)
    {
        using var connection = Open(db);
        Execute(connection, $"SET ROLE \"bm_{tenant}_reader\"");
        // What the query returns as the tenant: its row count, or the count it computes.
        var rows = Convert.ToInt64(new NpgsqlCommand(query.StartsWith("SELECT count(*)", StringComparison.Ordinal) ? query : $"SELECT count(*) FROM ({query}) AS q", connection).ExecuteScalar(), CultureInfo.InvariantCulture);
        // RLS_BENCH_EXPLAIN=1 prints each plan once, to see whether the tenant index is used.
        if (Environment.GetEnvironmentVariable("RLS_BENCH_EXPLAIN") is not null)
        {
            using var reader = new NpgsqlCommand("EXPLAIN (ANALYZE) " + query, connection).ExecuteReader();
            while (reader.Read())
            {
                Console.Error.WriteLine(reader.GetString(0));
            }
        }

        var planning = new List<double>();
        var execution = new List<double>();
        for (var i = 0; i < repetitions + 3; i++)
        {
            var json = (string)new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + query, connection).ExecuteScalar()!;
            using var plan = JsonDocument.Parse(json);
            if (i >= 3)
            {
                planning.Add(plan.RootElement[0].GetProperty("Planning Time").GetDouble());
                execution.Add(plan.RootElement[0].GetProperty("Execution Time").GetDouble());
            }
        }

        return (Median(planning), Median(execution), rows);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }
}
