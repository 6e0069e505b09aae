using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Compilation;

namespace TenantModels.Core.Scheduling;

/// <summary>The manifest's schedules: each scheduled model with the artefacts a run refreshes, and each tenant's resolved settings.</summary>
internal static class ScheduleCompiler
{
    public static IReadOnlyList<BundleSchedule> Schedules(BoundProject bound, IReadOnlyList<CompiledArtefact> artefacts)
    {
        var schedules = new List<BundleSchedule>();
        foreach (var model in bound.Models.Where(m => m.Schedule is not null).OrderBy(m => m.Name, System.StringComparer.Ordinal))
        {
            var refreshed = new HashSet<string>(System.StringComparer.Ordinal)
            {
                ArtefactIds.MaterializedView(model.Name),
                ArtefactIds.CanonicalRefresh(model.Name),
            };
            refreshed.UnionWith(model.Mappings.Select(m => ArtefactIds.StagingView(m.Source.Name, model.Name)));
            var ids = artefacts
                .Where(a => refreshed.Contains(a.Id) && (a.Kind == ArtefactKind.Refresh || (a.Kind == ArtefactKind.MaterializedView && a.Scope == ArtefactScope.Tenant)))
                .Select(a => a.Id)
                .ToList();
            schedules.Add(new BundleSchedule(model.Name, ids, model.Schedule!.At, model.Schedule.Cron));
        }

        return schedules;
    }

    public static IReadOnlyList<ScheduleTenant> Tenants(BoundProject bound)
    {
        var defaults = bound.TenantDefaults ?? BoundTenantDefaults.None;
        return bound.Tenants
            .Select(t => new ScheduleTenant(t.Id, t.TimeZone ?? TenantScheduleSettings.DefaultTimeZone, t.RefreshTimeoutSeconds))
            .Concat(new[] { new ScheduleTenant(null, defaults.TimeZone ?? TenantScheduleSettings.DefaultTimeZone, defaults.RefreshTimeoutSeconds) })
            .ToList();
    }
}
