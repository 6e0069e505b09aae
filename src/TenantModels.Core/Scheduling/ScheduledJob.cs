namespace TenantModels.Core.Scheduling;

/// <summary>One pg_cron job: a scheduled model's refresh for one tenant of one database.</summary>
/// <param name="Name">Its pg_cron job name, <c>tenantmodels:&lt;database&gt;:&lt;tenant&gt;:&lt;model&gt;</c>: what the runner owns and finds again.</param>
/// <param name="Schedule">The pg_cron schedule (GMT).</param>
/// <param name="Command">What the job runs in <paramref name="Database"/>.</param>
public sealed record ScheduledJob(string Name, string Database, string TenantId, string Model, string Schedule, string Command)
{
    public const string NamePrefix = "tenantmodels:";

    /// <summary>The prefix of every job the runner owns in <paramref name="database"/>.</summary>
    public static string PrefixFor(string database) => NamePrefix + database + ":";

    /// <summary>The prefix of the jobs of one tenant in <paramref name="database"/>.</summary>
    public static string PrefixFor(string database, string tenantId) => PrefixFor(database) + tenantId + ":";
}
