using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Citus;

/// <summary>Where each tenant lives in a Citus cluster: the worker(s) holding its distributed schemas' shards.</summary>
internal static class TenantPlacements
{
    /// <summary>Shown for a tenant whose schemas are local to the coordinator (deployed before the bundle chose Citus).</summary>
    public const string Local = "coordinator (not distributed)";

    /// <summary>A distributed schema gets a worker with its first table.</summary>
    public const string NotPlaced = "not placed yet (no table)";

    /// <summary>
    /// Read from Citus's metadata tables on the coordinator (pg_dist_schema → colocation group → shard placements), not
    /// from citus_shards, which asks every worker for shard sizes.
    /// </summary>
    /// <returns>Tenant id → "host:port" (several, comma-separated, only while a move is half done), for the given tenants.</returns>
    public static IReadOnlyDictionary<string, string> Read(NpgsqlConnection connection, BundleManifest manifest, IEnumerable<string> tenants)
    {
        if (SharedPlacements.Applies(manifest))
        {
            var ids = tenants.Distinct(StringComparer.Ordinal).ToList();
            var shards = SharedPlacements.Read(connection, manifest, ids);
            return ids.ToDictionary(t => t, t => shards.TryGetValue(t, out var node) ? node : Local, StringComparer.Ordinal);
        }

        var schemasOf = tenants.Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => CitusTarget.TenantSchemas(manifest, t), StringComparer.Ordinal);
        var nodes = NodesOf(connection, schemasOf.Values.SelectMany(s => s).Distinct(StringComparer.Ordinal).ToArray());
        return schemasOf.ToDictionary(
            t => t.Key,
            t =>
            {
                var found = t.Value.Where(nodes.ContainsKey).Select(s => nodes[s]).ToList();
                if (found.Count == 0)
                {
                    return Local;
                }

                var placed = found.Where(n => n is not null).Select(n => n!).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
                return placed.Count == 0 ? NotPlaced : string.Join(", ", placed);
            },
            StringComparer.Ordinal);
    }

    /// <returns>Distributed schema → its node (null while it has no table); local schemas are absent.</returns>
    public static Dictionary<string, string?> NodesOf(NpgsqlConnection connection, string[] schemas)
    {
        const string sql = """
            SELECT n.nspname::text, min(nd.nodename || ':' || nd.nodeport)
            FROM pg_dist_schema AS ds
            JOIN pg_catalog.pg_namespace AS n ON n.oid = ds.schemaid
            LEFT JOIN pg_dist_partition AS p ON p.colocationid = ds.colocationid
            LEFT JOIN pg_dist_shard AS s ON s.logicalrelid = p.logicalrelid
            LEFT JOIN pg_dist_placement AS pl ON pl.shardid = s.shardid
            LEFT JOIN pg_dist_node AS nd ON nd.groupid = pl.groupid AND nd.noderole = 'primary'
            WHERE n.nspname = ANY($1)
            GROUP BY n.nspname
            """;
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(schemas);
        using var reader = command.ExecuteReader();
        var nodes = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (reader.Read())
        {
            nodes[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return nodes;
    }
}
