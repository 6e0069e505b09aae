using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Scheduling;

/// <summary>
/// The pg_cron jobs of a bundle's scheduled models for some tenants of one database. Each job's command does what
/// <c>tenantmodels refresh</c> does for that tenant and model, with the same statements (<see cref="RefreshStatements"/>),
/// in one transaction under the tenant's <c>statement_timeout</c>, and records the refresh in <c>tenantmodels.refresh</c>.
/// </summary>
public static class RefreshJobs
{
    private const string BodyQuote = "$tenantmodels_job$";

    /// <summary>Jobs in tenant order as given (priority order), then model name; none for a tenant a model has no artefact for.</summary>
    public static IReadOnlyList<ScheduledJob> For(Bundle bundle, string database, IEnumerable<BundleTenant> tenants)
    {
        var manifest = bundle.Manifest;
        var jobs = new List<ScheduledJob>();
        if (manifest.Schedules is not { Count: > 0 } schedules)
        {
            return jobs;
        }

        var artefacts = manifest.Artefacts.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var tenant in tenants.Where(t => t.Enabled))
        {
            var settings = SettingsOf(manifest, tenant.Id);
            foreach (var schedule in schedules)
            {
                var refreshed = schedule.Artefacts
                    .Select(id => artefacts.TryGetValue(id, out var a) ? a : null)
                    .Where(a => a is not null && ArtefactExpander.AppliesTo(a, tenant))
                    .Select(a => RefreshStatements.ForTenant(bundle, a!, tenant))
                    .ToList();
                if (refreshed.Count == 0)
                {
                    continue;
                }

                var cron = schedule.Cron ?? ScheduleClock.Cron(schedule.At);
                jobs.Add(new ScheduledJob(
                    ScheduledJob.PrefixFor(database, tenant.Id) + schedule.Model,
                    database,
                    tenant.Id,
                    schedule.Model,
                    cron,
                    Command(schedule, settings, tenant.Id, refreshed)));
            }
        }

        return jobs;
    }

    /// <summary>The tenant's resolved settings; a tenant provisioned at run time gets the registry's defaults (the entry without a tenant).</summary>
    public static ScheduleTenant SettingsOf(BundleManifest manifest, string tenantId)
    {
        var all = manifest.ScheduleTenants ?? Array.Empty<ScheduleTenant>();
        return all.FirstOrDefault(s => s.Tenant == tenantId)
            ?? all.FirstOrDefault(s => s.Tenant is null)
            ?? new ScheduleTenant(null, "UTC", null);
    }

    /// <summary>
    /// <c>SET LOCAL statement_timeout</c>, then one DO block: pg_cron sends the command as one simple query, which PostgreSQL
    /// runs as one implicit transaction, and starts each statement's timeout afresh, so the timeout bounds the whole refresh.
    /// </summary>
    private static string Command(BundleSchedule schedule, ScheduleTenant settings, string tenantId, IReadOnlyList<string> statements)
    {
        var sql = new StringBuilder();
        if (settings.RefreshTimeoutSeconds is { } seconds)
        {
            sql.Append("SET LOCAL statement_timeout = '").Append(seconds.ToString(CultureInfo.InvariantCulture)).Append("s';\n");
        }

        sql.Append("DO ").Append(BodyQuote).Append("\nBEGIN\n");
        if (schedule.Cron is null)
        {
            sql.Append("  IF NOT ").Append(ScheduleClock.DueCondition(schedule.At, settings.TimeZone)).Append(" THEN\n    RETURN;\n  END IF;\n");
        }

        foreach (var statement in statements)
        {
            if (statement.Contains(BodyQuote))
            {
                throw new InvalidOperationException($"the refresh of {schedule.Model} contains {BodyQuote}, which quotes the job's body");
            }

            sql.Append(statement.Trim().TrimEnd(';')).Append(";\n");
        }

        sql.Append(RefreshStatements.Record(SqlWriter.QuoteLiteral(tenantId))).Append(";\nEND\n").Append(BodyQuote).Append(';');
        return sql.ToString();
    }
}
