using System;
using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace TenantModels.Runner.Citus;

/// <summary>
/// <c>tenants move --timeout</c>: one deadline for the whole move, enforced by the server (<c>statement_timeout</c> set to
/// what is left before each step), so a step stuck behind a lock or a slow copy is cancelled there and rolled back
/// (Citus cleans up a cancelled shard move), rather than abandoned by the client while it goes on.
/// </summary>
internal sealed class MoveDeadline
{
    private readonly Stopwatch _elapsed;
    private readonly TimeSpan _timeout;

    private MoveDeadline(TimeSpan timeout)
    {
        _timeout = timeout;
        _elapsed = Stopwatch.StartNew();
    }

    public static MoveDeadline Start(TimeSpan timeout) => new(timeout);

    public int Seconds => (int)_timeout.TotalSeconds;

    /// <summary>The session's statement_timeout becomes what is left (at least 1 ms: 0 would mean no limit).</summary>
    public void Limit(NpgsqlConnection connection)
    {
        var left = Math.Max(1L, (long)(_timeout - _elapsed.Elapsed).TotalMilliseconds);
        Set(connection, "SET statement_timeout = " + left.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>No limit for what must run whatever happened (giving the tables back to their owner).</summary>
    public static void Lift(NpgsqlConnection connection) => Set(connection, "RESET statement_timeout");

    /// <summary>A statement cancelled by this deadline: query_canceled once the time is up.</summary>
    public bool Expired(PostgresException e) => e.SqlState == PostgresErrorCodes.QueryCanceled && _elapsed.Elapsed >= _timeout - TimeSpan.FromMilliseconds(50);

    private static void Set(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
