using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>Checks a model's <c>schedule:</c>: well-formed times or cron expression, on a model that has something to refresh per tenant.</summary>
internal static class ScheduleBinder
{
    private static readonly Regex TimeOfDay = new("^([01][0-9]|2[0-3]):[0-5][0-9]$", RegexOptions.CultureInvariant);

    /// <summary>pg_cron's named schedules (its parser is vixie cron's).</summary>
    private static readonly string[] Named = { "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly" };

    /// <summary>Field name, lowest and highest number of the five cron fields.</summary>
    private static readonly (string Name, int Min, int Max)[] CronFields =
    {
        ("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 7),
    };

    private static readonly Regex CronItem = new("^(\\*|([0-9]+|[a-z]{3})(-([0-9]+|[a-z]{3}))?)(/[0-9]+)?$", RegexOptions.CultureInvariant);

    /// <returns>False when the schedule was reported; <paramref name="bound"/> is null when the model has none.</returns>
    public static bool Bind(ModelSyntax model, Materialization materialized, ModelScope scope, BoundCanonicalTable? canonicalTable, DiagnosticBag diagnostics, out BoundSchedule? bound)
    {
        bound = null;
        if (model.Schedule is not { } schedule)
        {
            return true;
        }

        var perTenantView = materialized == Materialization.MaterializedView && scope == ModelScope.Tenant;
        if (!perTenantView && canonicalTable is null && !IsCanonicalTable(model))
        {
            var why = materialized == Materialization.MaterializedView
                ? "it is one materialized view shared by every tenant (scope: shared), which tenantmodels refresh refreshes"
                : $"it is a {Describe(materialized)}, which always shows current rows";
            diagnostics.Report(DefinitionDiagnostics.ScheduleNotRefreshable, schedule.Location, model.Name.Value, why);
            return false;
        }

        if ((schedule.At.Count > 0) == (schedule.Cron is not null))
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidSchedule, schedule.Location, model.Name.Value,
                schedule.Cron is null ? "it needs at: [\"06:00\", ...] (tenant-local times) or cron: \"...\" (UTC)" : "write at or cron, not both");
            return false;
        }

        if (schedule.Cron is { } cron)
        {
            if (CronProblem(cron.Value) is { } problem)
            {
                diagnostics.Report(DefinitionDiagnostics.InvalidCronExpression, cron.Location, cron.Value, problem);
                return false;
            }

            bound = new BoundSchedule(new string[0], cron.Value.Trim());
            return true;
        }

        var ok = true;
        var times = new List<string>();
        foreach (var time in schedule.At)
        {
            if (!TimeOfDay.IsMatch(time.Value))
            {
                diagnostics.Report(DefinitionDiagnostics.InvalidScheduleTime, time.Location, time.Value);
                ok = false;
            }
            else if (times.Contains(time.Value))
            {
                diagnostics.Report(DefinitionDiagnostics.InvalidSchedule, time.Location, model.Name.Value, $"it lists {time.Value} twice");
                ok = false;
            }
            else
            {
                times.Add(time.Value);
            }
        }

        bound = ok ? new BoundSchedule(times.OrderBy(t => t, System.StringComparer.Ordinal).ToList(), null) : null;
        return ok;
    }

    /// <summary>Binding of <c>canonical:</c> may have failed (reported there): do not report the schedule as well.</summary>
    private static bool IsCanonicalTable(ModelSyntax model) => model.CanonicalForm?.Form.Value == "table";

    private static string Describe(Materialization materialized) => materialized == Materialization.Table ? "table" : "view";

    /// <summary>Why pg_cron would refuse <paramref name="cron"/> (five fields of numbers, ranges, lists, steps, three-letter names), or null.</summary>
    internal static string? CronProblem(string cron)
    {
        var text = cron.Trim();
        if (text.StartsWith("@", System.StringComparison.Ordinal))
        {
            return Named.Contains(text) ? null : "the named schedules are " + string.Join(", ", Named);
        }

        var fields = text.Split(new[] { ' ', '\t' }, System.StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != CronFields.Length)
        {
            return $"it has {fields.Length} field(s); write five: minute hour day-of-month month day-of-week";
        }

        for (var i = 0; i < fields.Length; i++)
        {
            var (name, min, max) = CronFields[i];
            foreach (var item in fields[i].ToLowerInvariant().Split(','))
            {
                if (!CronItem.IsMatch(item))
                {
                    return $"its {name} field has '{item}'";
                }

                foreach (Match number in Regex.Matches(item.Split('/')[0], "[0-9]+"))
                {
                    if (!int.TryParse(number.Value, out var value) || value < min || value > max)
                    {
                        return $"its {name} field has {number.Value}, outside {min}-{max}";
                    }
                }
            }
        }

        return null;
    }
}
