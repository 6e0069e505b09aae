using System;
using System.Diagnostics;
using System.Threading;
using Npgsql;

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

    /// <summary>Whether some session holds the deployment lock now (another runner, or whoever took it).</summary>
    public static bool IsHeld(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) AND granted AND ((classid::bigint << 32) | objid::bigint) = $1)",
            connection);
        command.Parameters.AddWithValue(Key);
        return (bool)command.ExecuteScalar()!;
    }

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
