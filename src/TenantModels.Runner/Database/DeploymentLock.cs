using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using Npgsql;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Runner.Database;

/// <summary>
/// A session-level advisory lock that serialises runners on one database. Polled with
/// <c>pg_try_advisory_lock</c> so the wait is bounded by <c>--lock-wait</c> and the refusal is our own clear message.
/// </summary>
/// <remarks>
/// Any role may take any advisory lock, so a fixed key lets any tenant login block every deployment. The key is
/// therefore a secret of the runner's schema (<c>tenantmodels.deployment_lock</c>, no access for PUBLIC), replaced
/// with a random one each time a runner releases it: a tenant that saw the key in <c>pg_locks</c> while a deployment
/// held it knows a key no runner uses any more. A runner reads the key, takes it, and reads it again: if it changed
/// meanwhile (the holder released and replaced it), it lets go and takes the new one. A database without the runner
/// schema (never deployed to) uses <see cref="InitialKey"/>, which is also what the table starts with, so runners
/// before and after the upgrade exclude each other.
/// </remarks>
internal static class DeploymentLock
{
    /// <summary>The key before the runner schema has one ("TMmodels" in ASCII), as every runner before the rotating key used.</summary>
    public const long InitialKey = 0x544D6D6F64656C73;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The key each connection took, so that releasing it lets go of that one.</summary>
    private static readonly ConditionalWeakTable<NpgsqlConnection, StrongBox<long>> Held = new();

    /// <summary>The current key: the runner schema's, or <see cref="InitialKey"/> where there is none yet.</summary>
    public static long CurrentKey(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(
            "SELECT CASE WHEN to_regclass('tenantmodels.deployment_lock') IS NULL THEN NULL ELSE 1 END", connection);
        if (command.ExecuteScalar() is DBNull or null)
        {
            return InitialKey;
        }

        using var read = new NpgsqlCommand("SELECT key FROM tenantmodels.deployment_lock", connection);
        return read.ExecuteScalar() is long key ? key : InitialKey;
    }

    public static bool TryAcquire(NpgsqlConnection connection, TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var key = CurrentKey(connection);
            if (TryLock(connection, key))
            {
                if (CurrentKey(connection) == key)
                {
                    Held.AddOrUpdate(connection, new StrongBox<long>(key));
                    return true;
                }

                // The holder released it and replaced the key in between: take the new one instead.
                Unlock(connection, key);
                continue;
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
        command.Parameters.AddWithValue(CurrentKey(connection));
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

    /// <summary>Replaces the key (committed first, so a runner that takes the old one next sees it changed), then lets go.</summary>
    public static void Release(NpgsqlConnection connection)
    {
        var key = Held.TryGetValue(connection, out var box) ? box.Value : CurrentKey(connection);
        Held.Remove(connection);
        using (var rotate = new NpgsqlCommand(
            """
            DO $rotate$ BEGIN
                IF to_regclass('tenantmodels.deployment_lock') IS NOT NULL THEN
                    UPDATE tenantmodels.deployment_lock SET key = ('x' || translate(gen_random_uuid()::text, '-', ''))::bit(64)::bigint;
                END IF;
            END $rotate$
            """,
            connection))
        {
            rotate.ExecuteNonQuery();
        }

        Unlock(connection, key);
    }

    private static bool TryLock(NpgsqlConnection connection, long key)
    {
        using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.AddWithValue(key);
        return (bool)command.ExecuteScalar()!;
    }

    private static void Unlock(NpgsqlConnection connection, long key)
    {
        using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
        command.Parameters.AddWithValue(key);
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
