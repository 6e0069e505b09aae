using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Runner.Citus;

/// <summary>
/// TM3085: a Citus bundle is applied only to a coordinator that can place tenant schemas — checked before planning,
/// so nothing is half-deployed onto a server that would keep every schema local (or one that would distribute them all).
/// </summary>
internal static class CitusReadiness
{
    /// <returns>Null when the bundle is not for Citus, or the database is a ready coordinator.</returns>
    /// <exception cref="NpgsqlException">The catalog could not be read.</exception>
    public static Diagnostic? Refusal(NpgsqlConnection connection, BundleManifest manifest, string database) =>
        CitusTarget.Is(manifest) && Problem(connection) is { } problem
            ? RunnerDiagnostics.NotACitusCluster.At(SourceLocation.None, database, problem)
            : null;

    private static string? Problem(NpgsqlConnection connection)
    {
        if (Scalar(connection, "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'citus'") is null)
        {
            return "has no citus extension (add citus to shared_preload_libraries and run CREATE EXTENSION citus on the coordinator and on every worker)";
        }

        // Not citus_is_coordinator(), which is also false on a coordinator that has no worker yet: a worker's group is never 0.
        if (Scalar(connection, "SELECT groupid <> 0 FROM pg_dist_local_group") is true)
        {
            return "is a worker of its Citus cluster, not its coordinator (connect to the coordinator: it holds the metadata and places the tenants)";
        }

        // Workers are the primaries of groups other than the coordinator's (0) that may hold shards.
        const string workers = "FROM pg_catalog.pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' AND isactive AND shouldhaveshards";
        if (Scalar(connection, "SELECT count(*) " + workers) is 0L)
        {
            return "has no active worker node (register each worker on the coordinator: SELECT citus_add_node('host', port))";
        }

        if (Scalar(connection, "SELECT string_agg(nodename || ':' || nodeport, ', ' ORDER BY nodeid) " + workers + " AND NOT (hasmetadata AND metadatasynced)") is string unsynced)
        {
            return $"has worker(s) whose metadata is not synced: {unsynced} (SELECT start_metadata_sync_to_all_nodes() on the coordinator, or citus_activate_node)";
        }

        if (Scalar(connection, $"SELECT current_setting('{CitusTarget.SchemaShardingSetting}')") is "on")
        {
            return $"has {CitusTarget.SchemaShardingSetting} on for every session, so the runner's own schema and the canonical, shared and security schemas would become distributed schemas too; turn it off (ALTER DATABASE … RESET {CitusTarget.SchemaShardingSetting}, or postgresql.conf): the runner turns it on for tenant schemas only";
        }

        return null;
    }

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        var value = command.ExecuteScalar();
        return value is System.DBNull ? null : value;
    }
}
