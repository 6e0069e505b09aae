using System;
using System.Collections.Generic;
using Npgsql;
using TenantModels.Core.Sql;

namespace TenantModels.Runner.Database;

/// <summary>
/// When each tenant's refresh last committed (<c>tenantmodels.refresh</c>, runner schema 9): written in the refresh's own
/// transaction, so a refresh that rolled back leaves the previous time. The global unit is recorded under <c>''</c>.
/// </summary>
internal static class RefreshLog
{
    public const int SchemaVersion = 9;

    /// <summary>Whether this database records refreshes (an older runner schema is upgraded by the next apply, never by refresh).</summary>
    public static bool Available(NpgsqlConnection connection) => RunnerSchema.Version(connection, null) >= SchemaVersion;

    public static void Record(NpgsqlConnection connection, NpgsqlTransaction transaction, string? tenantId)
    {
        using var command = new NpgsqlCommand(RefreshStatements.Record("$1"), connection, transaction);
        command.Parameters.AddWithValue(tenantId ?? string.Empty);
        command.ExecuteNonQuery();
    }

    /// <summary>Last refresh per tenant id ('' for the global unit); empty when none was recorded.</summary>
    public static IReadOnlyDictionary<string, DateTime> Read(NpgsqlConnection connection)
    {
        var refreshed = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        if (!Available(connection))
        {
            return refreshed;
        }

        using var command = new NpgsqlCommand("SELECT tenant_id, refreshed_at FROM tenantmodels.refresh", connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            refreshed[reader.GetString(0)] = reader.GetFieldValue<DateTime>(1);
        }

        return refreshed;
    }
}
