using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Scheduling;

namespace TenantModels.Runner.Schedules;

/// <summary>
/// The pg_cron jobs of a bundle's scheduled models, for apply and <c>tenants provision/remove</c>, installed once the objects
/// are in place. Without pg_cron the objects are applied all the same and warning TM3100 says how to get the jobs: a
/// server without it (a developer's, a CI one) still takes the bundle, and <c>tenantmodels refresh</c> still refreshes.
/// </summary>
internal static class RefreshSchedules
{
    public static bool Has(BundleManifest manifest) => manifest.Schedules is { Count: > 0 };

    /// <summary>
    /// Makes the database's jobs those of <paramref name="tenants"/> (only the tenants in <paramref name="scope"/> when given).
    /// Null when nothing was to be done (no schedules and no pg_cron); <paramref name="unavailable"/> is TM3100 when the bundle
    /// has schedules and pg_cron cannot run them. Throws <see cref="PostgresException"/> when pg_cron refuses a change.
    /// </summary>
    public static CronJobChanges? Install(NpgsqlConnection connection, string connectionString, Bundle bundle, IEnumerable<BundleTenant> tenants, IReadOnlyCollection<string>? scope, out Diagnostic? unavailable)
    {
        unavailable = null;
        if (!Has(bundle.Manifest))
        {
            // Only jobs an earlier bundle left to remove: never worth failing an apply that has no schedules over.
            try
            {
                return CronMayHoldJobs(connection) ? Sync(connection, connectionString, bundle, tenants, scope, out _) : null;
            }
            catch (NpgsqlException)
            {
                return null;
            }
        }

        return Sync(connection, connectionString, bundle, tenants, scope, out unavailable);
    }

    private static CronJobChanges? Sync(NpgsqlConnection connection, string connectionString, Bundle bundle, IEnumerable<BundleTenant> tenants, IReadOnlyCollection<string>? scope, out Diagnostic? unavailable)
    {
        unavailable = null;

        var availability = CronAvailability.Of(connection, connectionString);
        if (availability.CronDatabase is not { } cronDatabase)
        {
            // Without schedules there is nothing to install, and no job can be left where pg_cron is not.
            unavailable = Has(bundle.Manifest) ? RunnerDiagnostics.CronNotAvailable.At(SourceLocation.None, availability.Problem!, availability.Remedy!) : null;
            return null;
        }

        var database = connection.Database!;
        var wanted = RefreshJobs.For(bundle, database, tenants.Where(t => scope is null || scope.Contains(t.Id)));
        using var cron = CronConnection.Open(connection, connectionString, cronDatabase);
        return CronJobSync.Sync(cron.Connection, database, wanted, scope);
    }

    /// <summary>pg_cron is loaded in this server (its setting exists): earlier bundles may have left jobs to remove.</summary>
    private static bool CronMayHoldJobs(NpgsqlConnection connection)
    {
        using var probe = new NpgsqlCommand("SELECT current_setting('cron.database_name', true) IS NOT NULL", connection);
        return probe.ExecuteScalar() is true;
    }

    public static string Describe(CronJobChanges changes) => $"Refresh schedules (pg_cron): {changes}.";
}
