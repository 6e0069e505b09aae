using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using Npgsql;

namespace TenantModels.Runner.Output;

/// <summary>
/// What went wrong, in words, for the messages of TM3007 and its kin: Npgsql's own message often names only the layer
/// that noticed ("Exception while reading from stream") or an object ("NpgsqlTransaction"), while the cause is an
/// inner exception or a PostgreSQL error. Causes are told apart by type and SQLSTATE, never by message text (localised).
/// </summary>
internal static class ErrorCause
{
    public static string Of(Exception error)
    {
        if (Find<PostgresException>(error) is { } postgres)
        {
            return Postgres(postgres);
        }

        if (Find<TimeoutException>(error) is not null)
        {
            return "timed out waiting for the server (" + Chain(error) + "); the connection string's Timeout bounds connecting, its Command Timeout each query";
        }

        if (Find<EndOfStreamException>(error) is not null || Find<SocketException>(error) is not null || Find<IOException>(error) is not null)
        {
            return "the connection to the server was lost (" + Chain(error)
                + "): it closed without an error from PostgreSQL (a server crash or restart, a proxy or network device dropping it); a transaction in progress was not committed";
        }

        if (error is ObjectDisposedException disposed)
        {
            return $"the connection was already closed ({disposed.ObjectName} used after it was disposed): " + Chain(error);
        }

        return Chain(error);
    }

    /// <summary>The SQLSTATE and the server's message, and for the errors that end a session, what ends one.</summary>
    private static string Postgres(PostgresException error)
    {
        var text = $"SQLSTATE {error.SqlState}: {WithDetail(error)}";
        return error.SqlState switch
        {
            PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow =>
                $"the server ended the session ({text}): an administrator (pg_terminate_backend), a restart or a failover; the transaction in progress was rolled back",
            PostgresErrorCodes.QueryCanceled => $"the statement was cancelled ({text}): --statement-timeout, or an administrator (pg_cancel_backend)",
            PostgresErrorCodes.TooManyConnections => $"the server refused the connection ({text}): max_connections is reached",
            _ => text,
        };
    }

    /// <summary>
    /// The server's message, with its DETAIL where that names objects (what depends on an object being dropped), never
    /// where it may quote rows (a constraint violation's "Failing row contains …"): runner output goes to CI logs.
    /// </summary>
    public static string WithDetail(PostgresException error) =>
        error.SqlState is PostgresErrorCodes.DependentObjectsStillExist or PostgresErrorCodes.DependentPrivilegeDescriptorsStillExist
        && !string.IsNullOrEmpty(error.Detail)
            ? $"{error.MessageText} ({error.Detail.Replace('\n', ';')})"
            : error.MessageText;

    /// <summary>Each distinct message down the chain of inner exceptions; a bare name (no space) gets its exception's type.</summary>
    private static string Chain(Exception error)
    {
        var parts = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            var message = e.Message.Trim().TrimEnd('.');
            if (!message.Contains(' '))
            {
                message = e.GetType().Name + " " + message;
            }

            if (!parts.Exists(p => p.Contains(message, StringComparison.Ordinal)))
            {
                parts.Add(message);
            }
        }

        return parts.Count == 1 ? parts[0] : parts[0] + " (" + string.Join("; ", parts.GetRange(1, parts.Count - 1)) + ")";
    }

    private static T? Find<T>(Exception error)
        where T : Exception
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
