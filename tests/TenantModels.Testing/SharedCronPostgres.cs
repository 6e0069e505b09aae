using System;
using System.Collections.Generic;
using System.Threading;
using Npgsql;

namespace TenantModels.Testing;

/// <summary>
/// A second PostgreSQL server with pg_cron loaded (<c>shared_preload_libraries = 'pg_cron'</c>, jobs kept in database
/// <c>postgres</c>), started on first use by the scheduled-refresh tests only, so the other suites start no extra server.
/// Tests run a job's command themselves (as pg_cron sends it, one simple query) rather than wait for the scheduler.
/// Needs Debian's postgresql-15-cron (tests/run.sh installs it).
/// </summary>
public static class SharedCronPostgres
{
    public const string CronDatabase = "postgres";

    private static readonly Lazy<PostgresServer> Instance = new(StartAndRegisterCleanup, LazyThreadSafetyMode.ExecutionAndPublication);

    public static PostgresServer Server => Instance.Value;

    public static void Stop()
    {
        if (Instance.IsValueCreated)
        {
            Instance.Value.Dispose();
        }
    }

    private static PostgresServer StartAndRegisterCleanup()
    {
        var server = PostgresServer.Start(new Dictionary<string, string>
        {
            ["shared_preload_libraries"] = "pg_cron",
            ["cron.database_name"] = CronDatabase,
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_cron", connection);
            create.ExecuteNonQuery();
        }

        return server;
    }
}
