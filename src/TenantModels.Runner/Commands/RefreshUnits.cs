using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Core.Sql;

namespace TenantModels.Runner.Commands;

/// <summary>One statement of a refresh: a materialized view's REFRESH or a canonical partition's refill.</summary>
/// <param name="Live">Set when the live database no longer has the object as applied: the step is not run (TM3052).</param>
internal sealed record RefreshStep(string ArtefactId, ArtefactKind Kind, string Object, string Sql, LiveCondition? Live = null);

/// <summary>What one transaction of a refresh runs: a tenant's steps (or the global ones), in manifest (dependency) order.</summary>
internal sealed record RefreshUnit(string? TenantId, IReadOnlyList<RefreshStep> Steps);

/// <summary>
/// What <c>refresh</c> runs, from what the database records as deployed, read against the live database (so a new bundle's objects must be applied
/// first): tenants in the target's order (priority, then manifest), recorded tenants the bundle no longer has after
/// them, global materialized views last. A partition is refreshed with the bundle's refresh artefact expanded for its
/// tenant; a partition whose tenant or refresh artefact the bundle no longer has is left as it is.
/// </summary>
internal static class RefreshUnits
{
    public static IReadOnlyList<RefreshUnit> Of(DeploymentTarget target, IEnumerable<DeployedArtefact> recorded, bool concurrently)
    {
        var manifest = target.Bundle.Manifest;
        var position = manifest.Artefacts.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var refreshOf = manifest.Artefacts.Where(a => a.Kind == ArtefactKind.Refresh)
            .SelectMany(a => a.DependsOn.Select(d => (Partition: d, Refresh: a)))
            .ToDictionary(x => x.Partition, x => x.Refresh, StringComparer.Ordinal);

        var steps = new List<(string? Tenant, int Position, RefreshStep Step)>();
        foreach (var record in recorded.Where(r => DropStatements.IsQuotedName(r.Object)))
        {
            var at = position.TryGetValue(record.ArtefactId, out var i) ? i : int.MaxValue;
            if (record.Kind == ArtefactKind.MaterializedView)
            {
                var sql = RefreshStatements.MaterializedView(record.Object!, concurrently);
                steps.Add((record.TenantId, at, new RefreshStep(record.ArtefactId, ArtefactKind.MaterializedView, record.Object!, sql, record.Live)));
            }
            else if (record.Kind == ArtefactKind.Partition && record.TenantId is { } tenantId
                && target.FindTenant(tenantId) is { } tenant && refreshOf.TryGetValue(record.ArtefactId, out var refresh))
            {
                var sql = ArtefactTemplate.ExpandFor(refresh, target.Bundle.SqlOf(refresh), tenant);
                steps.Add((tenantId, at, new RefreshStep(record.ArtefactId, ArtefactKind.Partition, record.Object!, sql, record.Live)));
            }
        }

        var order = target.Tenants.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return steps
            .GroupBy(s => s.Tenant)
            .OrderBy(g => g.Key is null ? 2 : order.ContainsKey(g.Key) ? 0 : 1)
            .ThenBy(g => g.Key is not null && order.TryGetValue(g.Key, out var i) ? i : 0)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RefreshUnit(g.Key, g.OrderBy(s => s.Position).ThenBy(s => s.Step.ArtefactId, StringComparer.Ordinal).Select(s => s.Step).ToList()))
            .ToList();
    }
}
