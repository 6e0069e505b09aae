using System.Globalization;
using Npgsql;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Citus;

/// <summary>
/// <c>tenants move</c> in shared isolation: a tenant's rows share a shard with other tenants', so they are first given a
/// shard of their own in every co-located shared and canonical table (<c>isolate_tenant_to_new_shard … 'CASCADE'</c>:
/// a split of the shard group on its node, the neighbours' rows staying there in two new shards), then that shard group
/// is moved to the target worker (<c>citus_move_shard_placement</c>). Both are online in Citus's <c>auto</c> transfer mode
/// (logical replication: the tables have primary keys). Policies, grants and the tenant column travel with the shards,
/// so the tenant's isolation is the same on the new node. A tenant already isolated is only moved.
/// </summary>
internal static class SharedTenantMove
{
    public static void Run(NpgsqlConnection connection, string table, string tenant, string host, int port, MoveDeadline deadline, Reporter reporter)
    {
        var target = host + ":" + port.ToString(CultureInfo.InvariantCulture);
        var shard = ShardOf(connection, table, tenant);
        if (shard.Node == target)
        {
            return;
        }

        TableOwnerHandover.CoLocatedWith(connection, table, deadline, () =>
        {
            var id = shard.Id;
            if (!shard.OwnsIt)
            {
                deadline.Limit(connection);
                id = Isolate(connection, table, tenant);
                reporter.Line($"  isolated tenant {tenant} in shard {id} of {table} and its co-located tables, on {shard.Node}");
            }

            deadline.Limit(connection);
            TenantMoveCommand.Execute(connection, "SELECT citus_move_shard_placement($1, $2, $3, $4, $5, 'auto')", id, shard.Host, shard.Port, host, port);
            reporter.Line($"  moved shard {id} and its co-located shards from {shard.Node} to {target}");
        });
    }

    /// <summary>The tenant's shard of <paramref name="table"/>: whether it holds that tenant's hash only, and its node.</summary>
    private static (long Id, bool OwnsIt, string Host, int Port, string Node) ShardOf(NpgsqlConnection connection, string table, string tenant)
    {
        using var command = new NpgsqlCommand("""
            SELECT s.shardid, s.shardminvalue = s.shardmaxvalue, nd.nodename::text, nd.nodeport
            FROM pg_dist_shard AS s
            JOIN pg_dist_placement AS pl ON pl.shardid = s.shardid
            JOIN pg_dist_node AS nd ON nd.groupid = pl.groupid AND nd.noderole = 'primary'
            WHERE s.shardid = pg_catalog.get_shard_id_for_distribution_column($1::regclass, $2::text)
            """, connection);
        command.Parameters.AddWithValue(table);
        command.Parameters.AddWithValue(tenant);
        using var reader = command.ExecuteReader();
        reader.Read();
        var host = reader.GetString(2);
        var port = reader.GetInt32(3);
        return (reader.GetInt64(0), reader.GetBoolean(1), host, port, host + ":" + port.ToString(CultureInfo.InvariantCulture));
    }

    /// <returns>The tenant's new shard of <paramref name="table"/> (isolate takes the tenant value as text: "any").</returns>
    private static long Isolate(NpgsqlConnection connection, string table, string tenant)
    {
        using var command = new NpgsqlCommand("SELECT isolate_tenant_to_new_shard($1::regclass, $2::text, 'CASCADE', 'auto')", connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(table);
        command.Parameters.AddWithValue(tenant);
        return (long)command.ExecuteScalar()!;
    }
}
