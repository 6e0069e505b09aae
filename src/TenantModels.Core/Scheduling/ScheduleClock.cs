using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Scheduling;

/// <summary>
/// Tenant-local times on pg_cron, which reads schedules in GMT and (1.4) has no per-job time zone. A job runs every
/// <see cref="GridMinutes"/> minutes, on the minutes an <c>at</c> time can fall on in UTC, and its command asks PostgreSQL
/// whether the tenant's local time is one of the <c>at</c> times: UTC offsets are whole multiples of 15 minutes in every
/// IANA zone (+05:45, +12:45 included), so whatever the offset and whether or not summer time is in force, exactly one run
/// a day lands on each local time, with no state to keep and nothing to re-install when the clocks change.
/// </summary>
public static class ScheduleClock
{
    public const int GridMinutes = 15;

    /// <summary>The pg_cron schedule of the runs: every hour, on each minute that is an <c>at</c> minute modulo 15.</summary>
    public static string Cron(IReadOnlyList<string> at)
    {
        var minutes = at.Select(t => int.Parse(t.Substring(3, 2), CultureInfo.InvariantCulture) % GridMinutes)
            .Distinct()
            .SelectMany(m => Enumerable.Range(0, 60 / GridMinutes).Select(k => m + (k * GridMinutes)))
            .OrderBy(m => m);
        return string.Join(",", minutes.Select(m => m.ToString(CultureInfo.InvariantCulture)).ToArray()) + " * * * *";
    }

    /// <summary>
    /// True when the tenant-local time of <paramref name="nowSql"/> is an <c>at</c> time or up to 14 minutes 59 seconds
    /// past it: a run that pg_cron starts late still counts, and the next run on the grid is 15 minutes later, past it.
    /// A local time skipped when clocks go forward never comes (no run that day); one repeated when they go back runs twice.
    /// </summary>
    public static string DueCondition(IReadOnlyList<string> at, string timeZone, string nowSql = "now()")
    {
        var times = "ARRAY[" + string.Join(", ", at.Select(t => SqlWriter.QuoteLiteral(t)).ToArray()) + "]::time[]";
        return "EXISTS (SELECT FROM unnest(" + times + ") AS t(at) WHERE (floor(extract(epoch FROM (" + nowSql + " AT TIME ZONE "
            + SqlWriter.QuoteLiteral(timeZone) + ")::time - t.at) / 60)::int + 1440) % 1440 < " + GridMinutes.ToString(CultureInfo.InvariantCulture) + ")";
    }
}
