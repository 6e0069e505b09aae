using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Scheduling;

namespace TenantModels.Runner.Schedules;

/// <summary>What a sync changed in <c>cron.job</c>.</summary>
internal sealed record CronJobChanges(int Installed, int Updated, int Removed)
{
    public bool Any => Installed + Updated + Removed > 0;

    public override string ToString() => $"{Installed} installed, {Updated} updated, {Removed} removed";
}

/// <summary>
/// Makes <c>cron.job</c> hold exactly the given refresh jobs of one database, touching only the jobs the runner owns there:
/// named <c>tenantmodels:&lt;database&gt;:…</c> and running in that database. With <c>tenants</c>, only those tenants' jobs
/// (a provisioned or removed tenant, a selection, the tenants whose apply succeeded); a job already as wanted is left alone.
/// </summary>
internal static class CronJobSync
{
    public static CronJobChanges Sync(NpgsqlConnection cron, string database, IReadOnlyList<ScheduledJob> wanted, IReadOnlyCollection<string>? tenants)
    {
        var owned = Owned(cron, database)
            .Where(j => tenants is null || tenants.Any(t => j.Name.StartsWith(ScheduledJob.PrefixFor(database, t), StringComparison.Ordinal)))
            .ToList();
        int installed = 0, updated = 0, removed = 0;
        foreach (var job in wanted)
        {
            var existing = owned.FirstOrDefault(o => o.Name == job.Name);
            if (existing is not null && existing.Schedule == job.Schedule && existing.Command == job.Command)
            {
                continue;
            }

            if (existing is not null)
            {
                // pg_cron 1.4 updates a job scheduled again under its name, but not its database: unschedule it first.
                Unschedule(cron, existing.Id);
                updated++;
            }
            else
            {
                installed++;
            }

            using var schedule = new NpgsqlCommand("SELECT cron.schedule_in_database($1, $2, $3, $4)", cron);
            schedule.Parameters.AddWithValue(job.Name);
            schedule.Parameters.AddWithValue(job.Schedule);
            schedule.Parameters.AddWithValue(job.Command);
            schedule.Parameters.AddWithValue(job.Database);
            schedule.ExecuteScalar();
        }

        var names = new HashSet<string>(wanted.Select(j => j.Name), StringComparer.Ordinal);
        foreach (var stale in owned.Where(o => !names.Contains(o.Name)))
        {
            Unschedule(cron, stale.Id);
            removed++;
        }

        return new CronJobChanges(installed, updated, removed);
    }

    /// <summary>The jobs the runner owns in <paramref name="database"/>, by name.</summary>
    public static IReadOnlyList<CronJob> Owned(NpgsqlConnection cron, string database)
    {
        using var read = new NpgsqlCommand(
            "SELECT jobid, jobname, schedule, command FROM cron.job WHERE database = $1 AND starts_with(jobname, $2) ORDER BY jobname", cron);
        read.Parameters.AddWithValue(database);
        read.Parameters.AddWithValue(ScheduledJob.PrefixFor(database));
        using var reader = read.ExecuteReader();
        var jobs = new List<CronJob>();
        while (reader.Read())
        {
            jobs.Add(new CronJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return jobs;
    }

    private static void Unschedule(NpgsqlConnection cron, long id)
    {
        using var unschedule = new NpgsqlCommand("SELECT cron.unschedule($1)", cron);
        unschedule.Parameters.AddWithValue(id);
        unschedule.ExecuteScalar();
    }
}

/// <summary>A row of <c>cron.job</c>.</summary>
internal sealed record CronJob(long Id, string Name, string Schedule, string Command);
