using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;

namespace TenantModels.Runner.Citus;

/// <summary>
/// Citus copies a table's shard by connecting to the workers as the table's owner, and TenantModels' owner role is
/// NOLOGIN (<c>role … is not permitted to log in</c>). Rather than letting the owner log in, even for a moment (any
/// login path the cluster's pg_hba.conf allows would be open to it), the runner's own role — which Citus already
/// connects to the workers as for every DDL — owns the tables for the duration of a move; the owner is given back
/// whether or not the move succeeded. ALTER … OWNER rewrites the ACLs (grantor included) both ways, so the tenant
/// roles' grants come out as they went in; <c>verify</c> reports a table left with the wrong owner if the runner dies
/// in between. Used by both moves: a tenant's schemas and a shared tenant's shard group.
/// </summary>
internal static class TableOwnerHandover
{
    /// <summary>The distributed tables of one schema (<c>citus_schema_move</c>).</summary>
    public static void InSchema(NpgsqlConnection connection, string schema, MoveDeadline deadline, Action move) =>
        Run(connection, "n.nspname = $1", schema, deadline, move);

    /// <summary>Every table co-located with <paramref name="table"/> (a shard split or move takes the whole group).</summary>
    public static void CoLocatedWith(NpgsqlConnection connection, string table, MoveDeadline deadline, Action move) =>
        Run(connection, "p.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = pg_catalog.to_regclass($1))", table, deadline, move);

    /// <param name="which">A fixed predicate of this class over <c>p</c> (pg_dist_partition) and <c>n</c> (the namespace), never user text.</param>
    private static void Run(NpgsqlConnection connection, string which, string value, MoveDeadline deadline, Action move)
    {
        var owners = new List<(string Table, string Owner)>();
        using (var command = new NpgsqlCommand($"""
            SELECT format('%I.%I', n.nspname, c.relname), format('%I', pg_catalog.pg_get_userbyid(c.relowner))
            FROM pg_dist_partition AS p JOIN pg_catalog.pg_class AS c ON c.oid = p.logicalrelid JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
            WHERE {which} AND c.relowner <> (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user)
            ORDER BY 1
            """, connection))
        {
            command.Parameters.AddWithValue(value);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                owners.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        // Names come quoted from format('%I'): they are identifiers, never user text. The hand-over and the move run under
        // the deadline (the hand-over waits for the tables' locks); giving the tables back does not: it must happen.
        deadline.Limit(connection);
        try
        {
            TenantMoveCommand.Execute(connection, string.Concat(owners.Select(o => $"ALTER TABLE {o.Table} OWNER TO CURRENT_USER;\n")));
        }
        catch
        {
            MoveDeadline.Lift(connection); // one transaction: nothing was handed over, so nothing is given back
            throw;
        }

        try
        {
            move();
        }
        finally
        {
            MoveDeadline.Lift(connection);
            TenantMoveCommand.Execute(connection, string.Concat(owners.Select(o => $"ALTER TABLE {o.Table} OWNER TO {o.Owner};\n")));
        }
    }
}
