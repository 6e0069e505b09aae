using System;
using Npgsql;

namespace TenantModels.Runner.Tests.Support;

/// <summary>
/// An ACCESS EXCLUSIVE lock on one table, held by an open transaction on a connection outside any pool, until
/// <see cref="Release"/> or disposal rolls it back: whatever reads the table waits meanwhile.
/// </summary>
internal sealed class HeldTableLock : IDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private bool _released;

    /// <param name="table">A quoted, qualified table name (test fixture text, never user input).</param>
    public HeldTableLock(string connectionString, string table)
    {
        _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        _connection.Open();
        _transaction = _connection.BeginTransaction();
        using var take = new NpgsqlCommand($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE", _connection, _transaction);
        take.ExecuteNonQuery();
    }

    public void Release()
    {
        if (!_released)
        {
            _released = true;
            _transaction.Rollback();
        }
    }

    public void Dispose()
    {
        Release();
        _transaction.Dispose();
        _connection.Dispose();
    }
}
