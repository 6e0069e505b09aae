using System;
using Npgsql;

namespace TenantModels.Runner.Database;

/// <summary>
/// Session settings for the live comparison's catalog reads, reset when it ends (the apply's own statements keep the
/// server's settings: a large materialized view or refresh may well gain from both).
/// </summary>
/// <remarks>
/// At a few thousand tenants a catalog read's estimated cost passes the JIT thresholds: PostgreSQL then compiles its
/// expressions with LLVM, which cost 3 s of a 3.6 s fingerprint query at 2,000 tenants (measured, docs/performance.md)
/// and never pays off for a read that runs once. Parallel workers start with cold catalog caches and were seen
/// spending most of a second filling them for a read of a few milliseconds.
/// </remarks>
internal sealed class CatalogReadSettings : IDisposable
{
    private readonly NpgsqlConnection _connection;

    private CatalogReadSettings(NpgsqlConnection connection) => _connection = connection;

    public static CatalogReadSettings Apply(NpgsqlConnection connection)
    {
        Execute(connection, "SET jit = off; SET max_parallel_workers_per_gather = 0");
        return new CatalogReadSettings(connection);
    }

    public void Dispose()
    {
        // A broken connection has no session to reset: the caller reports why it broke.
        if (_connection.FullState == System.Data.ConnectionState.Open)
        {
            Execute(_connection, "RESET jit; RESET max_parallel_workers_per_gather");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
