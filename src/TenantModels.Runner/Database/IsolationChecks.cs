using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Database;

/// <summary>
/// Runs the bundle's shipped isolation checks (<see cref="IsolationCheck"/>) against a live database, for what the
/// record says is deployed there: global checks once, tenant checks for each tenant recorded with the check's artefact.
/// All of it in one read-only transaction that is rolled back; each check in its own savepoint so a failing one is
/// reported and the others still run. Checks that <c>SET ROLE</c> run only for a superuser verifier. The registry check
/// is answered for every tenant from one read of the registry when the bundle carries the tenant roles as data
/// (<see cref="RegistryCheck"/>, same findings).
/// </summary>
internal static class IsolationChecks
{
    /// <param name="skipped">How many behavioural checks were skipped because the verifier may not SET ROLE.</param>
    /// <param name="rows">The deployment record, as read by the caller.</param>
    /// <param name="rowChecks">Whether to run the behavioural checks too (SET ROLE to each tenant's roles and read).</param>
    /// <param name="covered">Checks not to run: what the typed security comparison already asserts (<see cref="LiveSecurity.Covers"/>).</param>
    public static IReadOnlyList<DriftResult> Run(NpgsqlConnection connection, Bundle bundle, IReadOnlyList<RecordedRow> rows, bool rowChecks, out int skipped,
        Func<IsolationCheck, bool>? covered = null)
    {
        skipped = 0;
        var drift = new List<DriftResult>();
        if (bundle.Manifest.Security is not { } security || !bundle.ArtefactFiles.TryGetValue(security.ChecksPath, out var text))
        {
            return drift;
        }

        var checks = IsolationCheck.Parse(text).Where(c => covered is null || !covered(c)).ToList();
        var recorded = rows.Select(r => (r.Artefact.ArtefactId, r.Artefact.TenantId)).ToHashSet();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "SET TRANSACTION READ ONLY");
        var superuser = (bool)new NpgsqlCommand("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user", connection, transaction).ExecuteScalar()!;
        var tenants = recorded.Where(r => r.TenantId is not null).Select(r => r.TenantId!).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
        foreach (var check in checks)
        {
            var instances = check.Scope == ArtefactScope.Tenant
                ? tenants.Where(t => recorded.Contains((check.Artefact, t))).Select(t => ((string?)t, ArtefactTemplate.Expand(check.Sql, t))).ToList()
                : recorded.Contains((check.Artefact, null)) ? new List<(string?, string)> { (null, check.Sql) } : new List<(string?, string)>();
            if (check.RequiresSuperuser && !rowChecks)
            {
                continue;
            }

            if (check.RequiresSuperuser && !superuser)
            {
                skipped += instances.Count;
                continue;
            }

            var checkedTenants = instances.Where(i => i.Item1 is not null).Select(i => i.Item1!).ToList();
            if (RegistryCheck.Run(connection, transaction, bundle.Manifest, check, checkedTenants) is { } registry)
            {
                drift.AddRange(registry);
                continue;
            }

            if (check.Scope == ArtefactScope.Tenant && IsOneQuery(check.Sql))
            {
                foreach (var chunk in instances.Chunk(TenantsPerStatement))
                {
                    drift.AddRange(RunTogether(connection, transaction, check.Name, chunk));
                }

                continue;
            }

            foreach (var (tenant, sql) in instances)
            {
                drift.AddRange(RunOne(connection, transaction, check.Name, tenant, sql));
            }
        }

        transaction.Rollback();
        return drift;
    }

    /// <summary>The artefact each check is about, by the name its findings carry (<c>check:</c> and the check's name).</summary>
    public static IReadOnlyDictionary<string, string> ArtefactsByCheck(Bundle bundle) =>
        bundle.Manifest.Security is { } security && bundle.ArtefactFiles.TryGetValue(security.ChecksPath, out var text)
            ? IsolationCheck.Parse(text).GroupBy(c => "check:" + c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Artefact, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How many tenants' instances of one check run as one statement: a round trip per check and tenant would cost minutes at 10,000 tenants.</summary>
    private const int TenantsPerStatement = 250;

    /// <summary>One query (a SELECT of object and problem) that can be a subquery; several statements run one by one.</summary>
    private static bool IsOneQuery(string sql)
    {
        var trimmed = sql.TrimEnd();
        var end = trimmed.EndsWith(";", StringComparison.Ordinal) ? trimmed.Length - 1 : trimmed.Length;
        return trimmed.IndexOf(';') is var first && (first < 0 || first == end)
            && (trimmed.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("WITH", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The instances of one check for many tenants in one statement, each tagged with its tenant. If it fails (one
    /// tenant's instance names something missing), the instances run one by one so the failure is that tenant's alone.
    /// </summary>
    private static IEnumerable<DriftResult> RunTogether(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, IReadOnlyList<(string? Tenant, string Sql)> instances)
    {
        var sql = string.Join("\nUNION ALL\n", instances.Select(i =>
            "SELECT " + Core.Sql.SqlWriter.QuoteLiteral(i.Tenant ?? string.Empty) + "::text AS tm_tenant, tm_check.* FROM (" + i.Sql.TrimEnd().TrimEnd(';') + ") AS tm_check"));
        var results = new List<DriftResult>();
        transaction.Save("tm_checks");
        try
        {
            using var command = new NpgsqlCommand(sql, connection, transaction);
            using var reader = command.ExecuteReader();
            if (reader.FieldCount != 3)
            {
                throw new InvalidOperationException($"isolation check {name} does not return (object, problem)");
            }

            while (reader.Read())
            {
                results.Add(new DriftResult("check:" + name, reader.GetString(0), reader.IsDBNull(1) ? "-" : reader.GetString(1), reader.IsDBNull(2) ? "-" : reader.GetString(2)));
            }
        }
        catch (PostgresException)
        {
            transaction.Rollback("tm_checks");
            return instances.SelectMany(i => RunOne(connection, transaction, name, i.Tenant, i.Sql)).ToList();
        }

        transaction.Release("tm_checks");
        return results;
    }

    private static IEnumerable<DriftResult> RunOne(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string? tenant, string sql)
    {
        var results = new List<DriftResult>();
        transaction.Save("tm_check");
        try
        {
            using var command = new NpgsqlCommand(sql, connection, transaction);
            using var reader = command.ExecuteReader();
            do
            {
                // Statements such as SET ROLE or set_config(...) return other shapes: only (object, problem) rows are findings.
                if (reader.FieldCount != 2)
                {
                    continue;
                }

                while (reader.Read())
                {
                    results.Add(new DriftResult("check:" + name, tenant, reader.IsDBNull(0) ? "-" : reader.GetString(0), reader.IsDBNull(1) ? "-" : reader.GetString(1)));
                }
            }
            while (reader.NextResult());
        }
        catch (PostgresException e)
        {
            transaction.Rollback("tm_check");
            return new[] { new DriftResult("check:" + name, tenant, "-", "the check could not run: " + e.MessageText) };
        }

        transaction.Release("tm_check");
        return results;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
