using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Scheduling;
using TenantModels.Runner.Database;

namespace TenantModels.Runner.Schedules;

/// <summary>
/// <c>status</c> lines for a bundle with scheduled models: per tenant, its last refresh (<c>tenantmodels.refresh</c>), the
/// last run pg_cron recorded for its jobs (<c>cron.job_run_details</c>, where a failure shows) and its next refresh.
/// </summary>
internal static class ScheduleStatus
{
    /// <summary>The lines, read on a connection of their own; a database error is one line, never a failed status.</summary>
    public static IReadOnlyList<string> Read(string connectionString, BundleManifest manifest, IReadOnlyList<string> tenants)
    {
        if (manifest.Schedules is not { Count: > 0 })
        {
            return Array.Empty<string>();
        }

        try
        {
            using var dataSource = Connection.RunnerDataSource.Create(connectionString);
            using var connection = dataSource.OpenConnection();
            return Lines(connection, connectionString, manifest, tenants);
        }
        catch (NpgsqlException e)
        {
            return new[] { "Schedules: could not be read (" + Output.ErrorCause.Of(e) + ")" };
        }
    }

    private static IReadOnlyList<string> Lines(NpgsqlConnection connection, string connectionString, BundleManifest manifest, IReadOnlyList<string> tenants)
    {
        var lines = new List<string>();
        if (manifest.Schedules is not { Count: > 0 } schedules)
        {
            return lines;
        }

        var availability = CronAvailability.Of(connection, connectionString);
        var runs = new Dictionary<string, CronRun>(StringComparer.Ordinal);
        if (availability.CronDatabase is { } cronDatabase)
        {
            using var cron = CronConnection.Open(connection, connectionString, cronDatabase);
            runs = LastRuns(cron.Connection, connection.Database!);
            lines.Add($"Schedules: {runs.Count} job(s) in pg_cron (database {cronDatabase})");
        }
        else
        {
            lines.Add($"Schedules: not installed: {availability.Problem}");
        }

        var refreshed = RefreshLog.Read(connection);
        foreach (var tenant in tenants)
        {
            var settings = RefreshJobs.SettingsOf(manifest, tenant);
            var last = refreshed.TryGetValue(tenant, out var at) ? Time(at) : "never";
            lines.Add($"  {tenant} ({settings.TimeZone}): last refresh {last}");
            foreach (var schedule in schedules)
            {
                var name = ScheduledJob.PrefixFor(connection.Database!, tenant) + schedule.Model;
                var run = runs.TryGetValue(name, out var r) && r.Status != "none" ? $"last run {r.Status} at {Time(r.End ?? r.Start)}" + (r.Status == "failed" ? ": " + r.Message : string.Empty) : "no run yet";
                lines.Add($"    {schedule.Model}: {run}; next {Next(connection, schedule, settings.TimeZone)}");
            }
        }

        return lines;
    }

    /// <summary>The next <c>at</c> time in the tenant's zone, computed by the server (its tzdata is what the job uses); a cron schedule as written.</summary>
    private static string Next(NpgsqlConnection connection, BundleSchedule schedule, string timeZone)
    {
        if (schedule.Cron is { } cron)
        {
            return $"on cron '{cron}' (UTC)";
        }

        using var next = new NpgsqlCommand(
            "SELECT min(x) FROM (SELECT ((now() AT TIME ZONE $2)::date + d + t.at) AT TIME ZONE $2 AS x FROM unnest($1::time[]) AS t(at), generate_series(0, 1) AS d) s WHERE x > now()",
            connection);
        next.Parameters.AddWithValue(schedule.At.ToArray());
        next.Parameters.AddWithValue(timeZone);
        return next.ExecuteScalar() is DateTime when ? Time(when) : "unknown";
    }

    private static Dictionary<string, CronRun> LastRuns(NpgsqlConnection cron, string database)
    {
        using var read = new NpgsqlCommand(
            """
            SELECT j.jobname, r.status, r.start_time, r.end_time, r.return_message
            FROM cron.job j
            LEFT JOIN LATERAL (SELECT status, start_time, end_time, return_message FROM cron.job_run_details d
                               WHERE d.jobid = j.jobid ORDER BY d.runid DESC LIMIT 1) r ON true
            WHERE j.database = $1 AND starts_with(j.jobname, $2)
            """,
            cron);
        read.Parameters.AddWithValue(database);
        read.Parameters.AddWithValue(ScheduledJob.PrefixFor(database));
        using var reader = read.ExecuteReader();
        var runs = new Dictionary<string, CronRun>(StringComparer.Ordinal);
        while (reader.Read())
        {
            runs[reader.GetString(0)] = reader.IsDBNull(1)
                ? new CronRun("none", null, null, null)
                : new CronRun(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTime>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTime>(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }

        return runs;
    }

    private static string Time(DateTime? time) => time is { } t ? t.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture) : "unknown";

    private sealed record CronRun(string Status, DateTime? Start, DateTime? End, string? Message);
}
