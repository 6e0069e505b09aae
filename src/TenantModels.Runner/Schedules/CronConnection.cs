using System;
using Npgsql;
using TenantModels.Runner.Connection;

namespace TenantModels.Runner.Schedules;

/// <summary>A connection to pg_cron's database: the target's own connection when it is that database, else a new one with the same credentials.</summary>
internal sealed class CronConnection : IDisposable
{
    private readonly NpgsqlDataSource? _dataSource;
    private readonly bool _owned;

    private CronConnection(NpgsqlConnection connection, NpgsqlDataSource? dataSource, bool owned)
    {
        Connection = connection;
        _dataSource = dataSource;
        _owned = owned;
    }

    public NpgsqlConnection Connection { get; }

    public static CronConnection Open(NpgsqlConnection target, string connectionString, string cronDatabase)
    {
        if (string.Equals(target.Database, cronDatabase, StringComparison.Ordinal))
        {
            return new CronConnection(target, null, owned: false);
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = cronDatabase };
        var dataSource = RunnerDataSource.Create(builder.ConnectionString);
        return new CronConnection(dataSource.OpenConnection(), dataSource, owned: true);
    }

    public void Dispose()
    {
        if (_owned)
        {
            Connection.Dispose();
            _dataSource?.Dispose();
        }
    }
}
