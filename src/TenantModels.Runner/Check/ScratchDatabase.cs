using System;
using Npgsql;

namespace TenantModels.Runner.Check;

/// <summary>
/// A database created for one check and dropped after it, whatever happens: its name is unique (<c>tm_check_</c> and a
/// random suffix) so concurrent checks on one development server never meet, and the drop forces out any session still in it.
/// </summary>
internal sealed class ScratchDatabase : IDisposable
{
    public const string NamePrefix = "tm_check_";

    private readonly string _devConnection;
    private readonly object _dropLock = new();
    private bool _dropped;

    private ScratchDatabase(string devConnection, string name)
    {
        _devConnection = devConnection;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(devConnection) { Database = name, Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>To the scratch database, unpooled: no idle connection may outlive the check and hold the database open.</summary>
    public string ConnectionString { get; }

    /// <exception cref="NpgsqlException">The development server refused (no CREATEDB, unreachable).</exception>
    public static ScratchDatabase Create(string devConnection)
    {
        var scratch = new ScratchDatabase(devConnection, NamePrefix + Guid.NewGuid().ToString("N").Substring(0, 16));
        scratch.Run($"CREATE DATABASE \"{scratch.Name}\"");
        return scratch;
    }

    /// <summary>Drops the database once; safe to call from a Ctrl-C handler while the check still runs (FORCE ends its session).</summary>
    public void Dispose()
    {
        lock (_dropLock)
        {
            if (_dropped)
            {
                return;
            }

            Run($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
            _dropped = true;
        }
    }

    private void Run(string sql)
    {
        // CREATE and DROP DATABASE cannot run in a transaction or a pooled session that may have one open.
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_devConnection) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
