using System;
using System.Collections.Generic;
using System.Linq;

namespace TenantModels.Core.Planning;

/// <summary>Creates run in dependency order (the manifest's, then tenant order); drops run dependents first.</summary>
internal static class StepOrder
{
    public static IReadOnlyList<PlanStep> Creates(IEnumerable<PlanStep> creates, DeploymentTarget target) => creates
        .OrderBy(s => target.Graph.Order(s.ArtefactId))
        .ThenBy(s => s.TenantId is null ? -1 : target.TenantOrder.TryGetValue(s.TenantId, out var i) ? i : int.MaxValue)
        .ThenBy(s => s.TenantId, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// Topological over the recorded edges (the bundle may no longer know a dropped artefact): an object is dropped
    /// only once nothing else being dropped still depends on it.
    /// </summary>
    public static IReadOnlyList<PlanStep> Drops(IEnumerable<PlanStep> drops, RecordedState state, ArtefactGraph graph)
    {
        var pending = drops.ToDictionary(d => RecordedState.Key(d.ArtefactId, d.TenantId));
        if (pending.Count == 0)
        {
            // Most units of a plan drop nothing: none of the indexes below is worth building for them.
            return Array.Empty<PlanStep>();
        }

        var dependencies = pending.ToDictionary(
            p => p.Key,
            p => state.Find(p.Value.ArtefactId, p.Value.TenantId) is { } record
                ? state.Dependencies(record).Select(r => RecordedState.Key(r.ArtefactId, r.TenantId)).Where(pending.ContainsKey).ToList()
                : new List<(string, string)>());
        var dependentCount = pending.Keys.ToDictionary(k => k, _ => 0);
        foreach (var entry in dependencies)
        {
            foreach (var dependency in entry.Value)
            {
                dependentCount[dependency]++;
            }
        }

        var ordered = new List<PlanStep>();
        while (pending.Count > 0)
        {
            var ready = pending.Keys.Where(k => dependentCount[k] == 0)
                .OrderByDescending(k => graph.Order(k.Item1) == int.MaxValue ? -1 : graph.Order(k.Item1))
                .ThenBy(k => k.Item1, StringComparer.Ordinal)
                .ThenBy(k => k.Item2, StringComparer.Ordinal)
                .ToList();
            if (ready.Count == 0)
            {
                // A cycle in recorded edges cannot come from a valid bundle; keep a stable order rather than loop.
                ready = pending.Keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ToList();
            }

            var next = ready[0];
            ordered.Add(pending[next]);
            pending.Remove(next);
            foreach (var dependency in dependencies[next])
            {
                dependentCount[dependency]--;
            }
        }

        return ordered;
    }
}
