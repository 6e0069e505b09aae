using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Npgsql;
using TenantModels.Core.Compilation;
using TenantModels.Testing;
using static TenantModels.Benchmarks.BenchmarkSql;

namespace TenantModels.Benchmarks;

/// <summary>
/// How <c>canonical: table</c> stores its rows, on a throwaway PostgreSQL with stock lock settings
/// (max_locks_per_transaction 64, max_connections 100: 6,400 locks): a partition per tenant (LIST, the first form),
/// one table with an index on tenant_id (the form compiled now), and a fixed number of HASH partitions on tenant_id
/// with that index. Each is built by SQL with <see cref="RowsPerTenant"/> rows per tenant, then timed from the client
/// (medians): a one-tenant count as the first query of a fresh connection (its catalog caches empty) and warm, an
/// all-tenant count, and the refresh of one tenant (DELETE + INSERT of its rows in one transaction). Then the partition
/// form is migrated with the statements apply adds for it (PartitionedFormMigration), global step and tenant steps
/// one transaction each, as the runner runs them.
/// <c>dotnet run -c Release --project tests/TenantModels.Benchmarks -- canonical-storage 100 1000 10000</c>
/// </summary>
public static class CanonicalStorageBenchmark
{
    public const string Command = "canonical-storage";

    private const int RowsPerTenant = 3;
    private const int HashPartitions = 16;
    private const string Columns = "call_id bigint, call_created_at timestamp, user_id text, amount numeric(12,2), tenant_id text NOT NULL";

    private enum Storage
    {
        PartitionPerTenant,
        OneTable,
        HashPartitions,
    }

    public static void Run(IReadOnlyList<int> tenantCounts, TextWriter output)
    {
        using var server = PostgresServer.Start(new Dictionary<string, string> { ["max_locks_per_transaction"] = "64", ["max_connections"] = "100" });
        output.WriteLine($"PostgreSQL {Scalar(server.ConnectionString, "SHOW server_version")}, max_locks_per_transaction {Scalar(server.ConnectionString, "SHOW max_locks_per_transaction")}, "
            + $"{Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}, {RowsPerTenant} rows per tenant");
        output.WriteLine();
        output.WriteLine("| tenants | storage | one tenant, first query of a connection | one tenant, warm | all tenants count(*), warm | refresh one tenant | built in |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        var migrations = new List<string>();
        foreach (var tenants in tenantCounts)
        {
            foreach (var storage in new[] { Storage.PartitionPerTenant, Storage.OneTable, Storage.HashPartitions })
            {
                var db = server.CreateDatabase("canonical_storage");
                var build = Stopwatch.StartNew();
                Build(db, storage, tenants);
                build.Stop();
                Console.Error.WriteLine($"{tenants} tenants, {Name(storage)}: built in {build.Elapsed.TotalSeconds:0.0} s");
                output.WriteLine(FormattableString.Invariant(
                    $"| {tenants:N0} | {Name(storage)} | {FirstQuery(db, tenants)} | {WarmQuery(db, tenants)} | {AllTenants(db)} | {Refresh(db, storage, tenants)} | {build.Elapsed.TotalSeconds:0} s |"));
                if (storage == Storage.PartitionPerTenant)
                {
                    migrations.Add(Migrate(db, tenants));
                }
            }
        }

        output.WriteLine();
        output.WriteLine("Migration of the partition-per-tenant form by the statements apply adds (old table renamed aside in the global step; each");
        output.WriteLine("tenant's step drops its partition and fills its rows; one transaction each):");
        output.WriteLine();
        output.WriteLine("| tenants | global step | tenant step (median) | tenant step (max) | all tenant steps |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var line in migrations)
        {
            output.WriteLine(line);
        }
    }

    private static string Name(Storage storage) => storage switch
    {
        Storage.PartitionPerTenant => "partition per tenant",
        Storage.OneTable => "one table",
        _ => $"{HashPartitions} hash partitions",
    };

    private static string Tenant(int i) => $"t{i:00000}";

    private static string Rows(string tenant) =>
        $"SELECT g, TIMESTAMP '2024-01-01' + g * interval '1 hour', 'u' || (g % 7), g * 1.5, '{tenant}' FROM generate_series(1, {RowsPerTenant}) AS g";

    private static void Build(string db, Storage storage, int tenants)
    {
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        Execute(connection, "CREATE SCHEMA canonical;");
        var allRows = $"SELECT g % {RowsPerTenant}, TIMESTAMP '2024-01-01' + g * interval '1 hour', 'u' || (g % 7), g * 1.5, 't' || lpad((g / {RowsPerTenant})::text, 5, '0') "
            + $"FROM generate_series(0, {(tenants * RowsPerTenant) - 1}) AS g";
        switch (storage)
        {
            case Storage.OneTable:
                Execute(connection, $"CREATE TABLE canonical.call ({Columns}); INSERT INTO canonical.call {allRows}; CREATE INDEX call_tenant_id_idx ON canonical.call (tenant_id);");
                Execute(connection, "VACUUM ANALYZE canonical.call");
                break;
            case Storage.HashPartitions:
                Execute(connection, $"CREATE TABLE canonical.call ({Columns}) PARTITION BY HASH (tenant_id);"
                    + string.Concat(Enumerable.Range(0, HashPartitions).Select(i =>
                        $"CREATE TABLE canonical.\"call${i}\" PARTITION OF canonical.call FOR VALUES WITH (MODULUS {HashPartitions}, REMAINDER {i});"))
                    + $"INSERT INTO canonical.call {allRows}; CREATE INDEX call_tenant_id_idx ON canonical.call (tenant_id);");
                Execute(connection, "VACUUM ANALYZE canonical.call");
                break;
            default:
                // As the first form deployed it: no tenant index (a query is pruned to its tenant's partition). Created 500 to a
                // transaction: each one holds a lock on every partition it created until it commits.
                Execute(connection, $"CREATE TABLE canonical.call ({Columns}) PARTITION BY LIST (tenant_id);");
                for (var start = 0; start < tenants; start += 500)
                {
                    var batch = Enumerable.Range(start, Math.Min(500, tenants - start)).Select(Tenant).ToList();
                    Execute(connection, "BEGIN;"
                        + string.Concat(batch.Select(t => $"CREATE TABLE canonical.\"call${t}\" PARTITION OF canonical.call FOR VALUES IN ('{t}');"))
                        + string.Concat(batch.Select(t => $"INSERT INTO canonical.\"call${t}\" {Rows(t)};"))
                        + "COMMIT;");
                }

                break;
        }
    }

    private static string Count(string tenant) => $"SELECT count(*) FROM canonical.call WHERE tenant_id = '{tenant}'";

    /// <summary>A fresh connection per run, each for another tenant: what the first query of a pooled connection costs.</summary>
    private static string FirstQuery(string db, int tenants)
    {
        var runs = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            using var connection = new NpgsqlConnection(db + ";Pooling=false");
            connection.Open();
            runs.Add(Time(connection, Count(Tenant(i * tenants / 7))));
        }

        return Ms(runs);
    }

    private static string WarmQuery(string db, int tenants)
    {
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        Time(connection, Count(Tenant(0)));
        return Ms(Enumerable.Range(1, 101).Select(i => Time(connection, Count(Tenant(i * tenants / 102)))).ToList());
    }

    private static string AllTenants(string db)
    {
        try
        {
            using var connection = new NpgsqlConnection(db);
            connection.Open();
            Time(connection, "SELECT count(*) FROM canonical.call");
            return Ms(Enumerable.Range(0, 5).Select(_ => Time(connection, "SELECT count(*) FROM canonical.call")).ToList());
        }
        catch (PostgresException e)
        {
            return "fails: " + e.MessageText;
        }
    }

    /// <summary>The tenant's rows replaced in one transaction; the first form wrote its partition, the others the table by tenant_id.</summary>
    private static string Refresh(string db, Storage storage, int tenants)
    {
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        var runs = new List<double>();
        for (var i = 0; i < 101; i++)
        {
            var tenant = Tenant(i * tenants / 101);
            var sql = storage == Storage.PartitionPerTenant
                ? $"BEGIN; DELETE FROM canonical.\"call${tenant}\"; INSERT INTO canonical.\"call${tenant}\" {Rows(tenant)}; COMMIT;"
                : $"BEGIN; DELETE FROM canonical.call WHERE tenant_id = '{tenant}'; INSERT INTO canonical.call {Rows(tenant)}; COMMIT;";
            runs.Add(Time(connection, sql));
        }

        return Ms(runs.Skip(1).ToList());
    }

    private static string Migrate(string db, int tenants)
    {
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        var global = Time(connection, "BEGIN;" + PartitionedFormMigration.RenameAside("canonical", "call")
            + $"CREATE TABLE canonical.call ({Columns}); CREATE INDEX call_tenant_id_idx ON canonical.call (tenant_id); COMMIT;");
        var steps = new List<double>();
        for (var i = 0; i < tenants; i++)
        {
            var tenant = Tenant(i);
            steps.Add(Time(connection, "BEGIN;" + PartitionedFormMigration.DropOldPartition("canonical", "call", tenant)
                + $"DELETE FROM canonical.call WHERE tenant_id = '{tenant}'; INSERT INTO canonical.call {Rows(tenant)}; COMMIT;"));
        }

        var left = Scalar(db, "SELECT count(*) FROM pg_class WHERE relnamespace = 'canonical'::regnamespace AND relname LIKE '%$%'");
        var rows = Scalar(db, "SELECT count(*) FROM canonical.call");
        if (left != "0" || rows != (tenants * RowsPerTenant).ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"the migration left {left} old relations and {rows} rows");
        }

        var sorted = steps.OrderBy(x => x).ToList();
        return FormattableString.Invariant(
            $"| {tenants:N0} | {global:0.##} ms | {sorted[sorted.Count / 2]:0.##} ms | {sorted[sorted.Count - 1]:0.##} ms | {steps.Sum() / 1000:0.#} s |");
    }

    private static double Time(NpgsqlConnection connection, string sql)
    {
        var watch = Stopwatch.StartNew();
        using (var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 })
        {
            command.ExecuteNonQuery();
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static string Ms(List<double> runs)
    {
        runs.Sort();
        return FormattableString.Invariant($"{runs[runs.Count / 2]:0.##} ms");
    }
}
