using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Npgsql;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Runner.Database;

/// <summary>
/// A session-level advisory lock that serialises runners on one database. Polled with
/// <c>pg_try_advisory_lock</c> so the wait is bounded by <c>--lock-wait</c> and the refusal is our own clear message.
/// </summary>
internal static class DeploymentLock
{
    /// <summary>Fixed key ("TMmodels" in ASCII); every runner version must use the same one.</summary>
    public const long Key = 0x544D6D6F64656C73;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static bool TryAcquire(NpgsqlConnection connection, TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
            command.Parameters.AddWithValue(Key);
            if ((bool)command.ExecuteScalar()!)
            {
                return true;
            }

            if (clock.Elapsed >= wait)
            {
                return false;
            }

            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>TM3004 naming who holds the lock, so that a session that is no runner (any role may take an advisory lock) can be found and ended.</summary>
    public static Diagnostic Refusal(NpgsqlConnection connection, string database, TimeSpan waited)
    {
        string holder;
        try
        {
            holder = Holder(connection) ?? "a session that has since released it";
        }
        catch (NpgsqlException)
        {
            holder = "another session";
        }

        return RunnerDiagnostics.LockNotAcquired.At(SourceLocation.None, database, waited.TotalSeconds.ToString(CultureInfo.InvariantCulture), holder);
    }

    private static string? Holder(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(
            """
            SELECT a.pid, coalesce(a.usename::text, '?'), coalesce(a.application_name, ''), a.backend_start
            FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
              AND ((l.classid::bigint << 32) | l.objid::bigint) = $1
            LIMIT 1
            """,
            connection);
        command.Parameters.AddWithValue(Key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var pid = reader.GetInt32(0);
        var application = reader.GetString(2);
        var who = $"role '{reader.GetString(1)}' (pid {pid}, application '{application}', connected at {reader.GetFieldValue<DateTime>(3).ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)})";
        return application == "tenantmodels"
            ? "another runner: " + who
            : $"{who}, which is not a TenantModels runner: while it holds the lock no deployment can run (end it with SELECT pg_terminate_backend({pid}))";
    }

    /// <summary>Whether some session holds the deployment lock now (another runner, or whoever took it).</summary>
    public static bool IsHeld(NpgsqlConnection connection) => Holder(connection) is not null;

    public static void Release(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
        command.Parameters.AddWithValue(Key);
        command.ExecuteScalar();
    }

    /// <summary>Closing the session releases the lock anyway; an explicit unlock just returns it sooner. Never mask the real result.</summary>
    public static void ReleaseQuietly(NpgsqlConnection connection)
    {
        try
        {
            Release(connection);
        }
        catch (NpgsqlException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }
}
