using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>
/// The deployment record as the planner sees it: instances by (artefact, tenant), and the dependency edges between
/// them as they were when applied. Immutable: <see cref="After"/> gives the state once a unit has committed.
/// </summary>
/// <remarks>
/// Kept in one bucket per tenant (and one for instances of no tenant) so that <see cref="After"/> copies only the
/// buckets a unit touched: planning a thousand tenant units one after the other then costs the units, not a thousand
/// copies of the whole record.
/// </remarks>
public sealed class RecordedState
{
    // Tenant ids are validated identifiers and never empty, so "" safely stands for "no tenant".
    private const string NoTenant = "";

    private readonly Dictionary<string, TenantRecords> _buckets;

    public RecordedState(IEnumerable<DeployedArtefact> records)
        : this(Group(records))
    {
    }

    /// <summary>Takes ownership of <paramref name="buckets"/> (no copy).</summary>
    private RecordedState(Dictionary<string, TenantRecords> buckets)
    {
        _buckets = buckets;
    }

    public static RecordedState Empty { get; } = new(Array.Empty<DeployedArtefact>());

    /// <summary>Bucket by bucket, each in the order its instances were recorded: the same input gives the same order.</summary>
    public IEnumerable<DeployedArtefact> Records => _buckets.Values.SelectMany(b => b.ById.Values);

    public IReadOnlyList<string> TenantIds => _buckets.Where(b => b.Key.Length > 0 && b.Value.ById.Count > 0).Select(b => b.Key)
        .OrderBy(t => t, StringComparer.Ordinal).ToList();

    /// <summary>The records of one tenant (null: those of no tenant): planning a unit looks only at its own.</summary>
    internal IEnumerable<DeployedArtefact> OfTenant(string? tenantId) =>
        _buckets.TryGetValue(tenantId ?? NoTenant, out var bucket) ? bucket.ById.Values : Enumerable.Empty<DeployedArtefact>();

    public DeployedArtefact? Find(string artefactId, string? tenantId) =>
        _buckets.TryGetValue(tenantId ?? NoTenant, out var bucket) && bucket.ById.TryGetValue(artefactId, out var record) ? record : null;

    /// <summary>Records written before the runner kept kind, scope, object and dependencies get them from the bundle when it still has the artefact.</summary>
    /// <remarks>The state itself when every record is complete (any record written by a runner since version 2): no copy.</remarks>
    internal RecordedState Completed(ArtefactGraph graph) => Records.All(IsComplete) ? this : new(Records.Select(r =>
    {
        if (IsComplete(r) || graph.Find(r.ArtefactId) is not { } artefact)
        {
            return r;
        }

        var name = r.TenantId is null ? artefact.Object : ArtefactTemplate.Expand(artefact.Object, r.TenantId);
        return r with { Kind = r.Kind ?? artefact.Kind, Scope = r.Scope ?? artefact.Scope, Object = r.Object ?? name, DependsOn = r.DependsOn ?? artefact.DependsOn };
    }));

    private static bool IsComplete(DeployedArtefact record) => record.Kind is not null && record.Object is not null && record.DependsOn is not null;

    /// <remarks>Copies the buckets the steps touch (a tenant unit: its own), and shares every other with this state.</remarks>
    public RecordedState After(IEnumerable<PlanStep> steps)
    {
        var list = steps as IReadOnlyCollection<PlanStep> ?? steps.ToList();
        if (list.Count == 0)
        {
            return this;
        }

        var next = new Dictionary<string, TenantRecords>(_buckets, StringComparer.Ordinal);
        var copied = new Dictionary<string, Dictionary<string, DeployedArtefact>>(StringComparer.Ordinal);
        foreach (var step in list)
        {
            var tenant = step.TenantId ?? NoTenant;
            if (!copied.TryGetValue(tenant, out var bucket))
            {
                bucket = _buckets.TryGetValue(tenant, out var old)
                    ? new Dictionary<string, DeployedArtefact>(old.ById, StringComparer.Ordinal)
                    : new Dictionary<string, DeployedArtefact>(StringComparer.Ordinal);
                copied[tenant] = bucket;
            }

            if (step.Action == PlanStepAction.Drop)
            {
                bucket.Remove(step.ArtefactId);
            }
            else
            {
                bucket[step.ArtefactId] = step.ToRecord();
            }
        }

        foreach (var entry in copied)
        {
            next[entry.Key] = new TenantRecords(entry.Value);
        }

        return new RecordedState(next);
    }

    /// <summary>The recorded instances this one depends on, resolved the way PostgreSQL resolved them when it was created.</summary>
    internal IEnumerable<DeployedArtefact> Dependencies(DeployedArtefact record)
    {
        foreach (var id in record.DependsOn ?? Array.Empty<string>())
        {
            if (record.TenantId is not null)
            {
                if (Find(id, record.TenantId) is { } sameTenant)
                {
                    yield return sameTenant;
                }
                else if (Find(id, null) is { } global)
                {
                    yield return global;
                }

                continue;
            }

            foreach (var bucket in _buckets.Values)
            {
                if (bucket.ById.TryGetValue(id, out var candidate)
                    && (candidate.TenantId is null || record.IncludedTenants is null || record.IncludedTenants.Contains(candidate.TenantId)))
                {
                    yield return candidate;
                }
            }
        }
    }

    /// <summary>Every recorded instance that depends, directly or not, on one of <paramref name="roots"/> (roots excluded).</summary>
    internal IReadOnlyList<DeployedArtefact> TransitiveDependents(IEnumerable<DeployedArtefact> roots)
    {
        var rootList = roots as IReadOnlyCollection<DeployedArtefact> ?? roots.ToList();
        if (rootList.Count == 0)
        {
            return Array.Empty<DeployedArtefact>();
        }

        var seen = new HashSet<(string, string)>(rootList.Select(r => Key(r.ArtefactId, r.TenantId)));
        var result = new List<DeployedArtefact>();
        var pending = new Queue<DeployedArtefact>(rootList);
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            foreach (var candidate in DirectDependentCandidates(current))
            {
                if (!seen.Contains(Key(candidate.ArtefactId, candidate.TenantId)) && DependsOn(candidate, current))
                {
                    seen.Add(Key(candidate.ArtefactId, candidate.TenantId));
                    result.Add(candidate);
                    pending.Enqueue(candidate);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Instances that name <paramref name="dependency"/>'s artefact among their dependencies, looked up only where one
    /// can be: a tenant's instance is depended on by its own tenant's and by instances of no tenant (unions); an
    /// instance of no tenant by anything.
    /// </summary>
    private IEnumerable<DeployedArtefact> DirectDependentCandidates(DeployedArtefact dependency)
    {
        IEnumerable<TenantRecords> buckets = dependency.TenantId is null
            ? _buckets.Values
            : new[] { dependency.TenantId, NoTenant }.Where(_buckets.ContainsKey).Select(t => _buckets[t]);
        foreach (var bucket in buckets)
        {
            if (bucket.DependentsOf(dependency.ArtefactId) is { } dependents)
            {
                foreach (var dependent in dependents)
                {
                    yield return dependent;
                }
            }
        }
    }

    private static bool DependsOn(DeployedArtefact dependent, DeployedArtefact dependency)
    {
        if (dependency.TenantId is null)
        {
            return true;
        }

        return dependent.TenantId is null
            ? dependent.IncludedTenants is null || dependent.IncludedTenants.Contains(dependency.TenantId)
            : dependent.TenantId == dependency.TenantId;
    }

    private static Dictionary<string, TenantRecords> Group(IEnumerable<DeployedArtefact> records)
    {
        var grouped = new Dictionary<string, Dictionary<string, DeployedArtefact>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var tenant = record.TenantId ?? NoTenant;
            if (!grouped.TryGetValue(tenant, out var bucket))
            {
                grouped[tenant] = bucket = new Dictionary<string, DeployedArtefact>(StringComparer.Ordinal);
            }

            bucket[record.ArtefactId] = record;
        }

        return grouped.ToDictionary(g => g.Key, g => new TenantRecords(g.Value), StringComparer.Ordinal);
    }

    internal static (string, string) Key(string artefactId, string? tenantId) => (artefactId, tenantId ?? NoTenant);

    /// <summary>One tenant's instances by artefact id; never changed once built, so states share it.</summary>
    private sealed class TenantRecords
    {
        private Dictionary<string, List<DeployedArtefact>>? _byDependency;

        public TenantRecords(Dictionary<string, DeployedArtefact> byId)
        {
            ById = byId;
        }

        public Dictionary<string, DeployedArtefact> ById { get; }

        public IReadOnlyList<DeployedArtefact>? DependentsOf(string artefactId)
        {
            if (_byDependency is null)
            {
                var index = new Dictionary<string, List<DeployedArtefact>>(StringComparer.Ordinal);
                foreach (var record in ById.Values)
                {
                    foreach (var id in record.DependsOn ?? Array.Empty<string>())
                    {
                        if (!index.TryGetValue(id, out var list))
                        {
                            index[id] = list = new List<DeployedArtefact>();
                        }

                        list.Add(record);
                    }
                }

                _byDependency = index;
            }

            return _byDependency.TryGetValue(artefactId, out var dependents) ? dependents : null;
        }
    }
}
