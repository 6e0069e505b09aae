using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Citus;

/// <summary>
/// Shared isolation on Citus: a tenant has no schema of its own; its rows are in the shard its tenant_id hashes to, the
/// same shard group in every shared and canonical table (they are co-located, docs/citus.md). Its node is that shard's.
/// </summary>
internal static class SharedPlacements
{
    public static bool Applies(BundleManifest manifest) =>
        CitusTarget.Is(manifest) && string.Equals(manifest.Security?.Isolation, "shared", StringComparison.Ordinal);

    /// <returns>Tenant id → "host:port" of its shard; a tenant is absent when no table of the bundle is distributed yet.</returns>
    public static IReadOnlyDictionary<string, string> Read(NpgsqlConnection connection, BundleManifest manifest, IReadOnlyCollection<string> tenants)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (tenants.Count == 0 || DistributedTable(connection, manifest) is not { } table)
        {
            return found;
        }

        const string sql = """
            SELECT t.tenant, min(nd.nodename || ':' || nd.nodeport)
            FROM unnest($2::text[]) AS t(tenant)
            JOIN pg_dist_placement AS pl ON pl.shardid = pg_catalog.get_shard_id_for_distribution_column($1::regclass, t.tenant)
            JOIN pg_dist_node AS nd ON nd.groupid = pl.groupid AND nd.noderole = 'primary'
            GROUP BY t.tenant
            """;
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(table);
        command.Parameters.AddWithValue(tenants.ToArray());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            found[reader.GetString(0)] = reader.GetString(1);
        }

        return found;
    }

    /// <summary>
    /// The first (by name) hash-distributed table among the bundle's global tables (shared and canonical): being
    /// co-located, it answers for all of them.
    /// </summary>
    /// <returns>Its name as regclass text, or null when no table of the bundle is distributed yet.</returns>
    public static string? DistributedTable(NpgsqlConnection connection, BundleManifest manifest)
    {
        var tables = manifest.Artefacts.Where(a => a.Kind == ArtefactKind.Table && a.Scope == ArtefactScope.Global && a.Object is not null)
            .Select(a => a.Object!).Distinct(StringComparer.Ordinal).ToArray();
        if (tables.Length == 0)
        {
            return null;
        }

        const string sql = """
            SELECT p.logicalrelid::text FROM pg_dist_partition AS p
            WHERE p.partmethod = 'h' AND p.logicalrelid = ANY (ARRAY(SELECT pg_catalog.to_regclass(t) FROM unnest($1::text[]) AS t))
            ORDER BY p.logicalrelid::text LIMIT 1
            """;
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(tables);
        return command.ExecuteScalar() as string;
    }
}
