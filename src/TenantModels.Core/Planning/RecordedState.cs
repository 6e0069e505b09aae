using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>
/// The deployment record as the planner sees it: instances by (artefact, tenant), and the dependency edges between
/// them as they were when applied. Immutable: <see cref="After"/> gives the state once a unit has committed.
/// </summary>
public sealed class RecordedState
{
    private readonly Dictionary<(string, string), DeployedArtefact> _records;
    private Dictionary<string, List<DeployedArtefact>>? _byDependency;
    private Dictionary<string, List<DeployedArtefact>>? _byTenant;

    public RecordedState(IEnumerable<DeployedArtefact> records)
    {
        _records = new Dictionary<(string, string), DeployedArtefact>();
        foreach (var record in records)
        {
            _records[Key(record.ArtefactId, record.TenantId)] = record;
        }
    }

    /// <summary>Takes ownership of <paramref name="records"/> (no copy): enumerating it gives the order a rebuild would.</summary>
    private RecordedState(Dictionary<(string, string), DeployedArtefact> records)
    {
        _records = records;
    }

    public static RecordedState Empty { get; } = new(Array.Empty<DeployedArtefact>());

    public IEnumerable<DeployedArtefact> Records => _records.Values;

    public IReadOnlyList<string> TenantIds => _records.Values.Where(r => r.TenantId is not null).Select(r => r.TenantId!)
        .Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The records of one tenant (null: those of no tenant), in <see cref="Records"/> order: planning a unit looks only
    /// at its own, so an apply of many tenants does not scan the whole record once per tenant.
    /// </summary>
    internal IReadOnlyList<DeployedArtefact> OfTenant(string? tenantId)
    {
        if (_byTenant is null)
        {
            var index = new Dictionary<string, List<DeployedArtefact>>(StringComparer.Ordinal);
            foreach (var record in _records.Values)
            {
                var key = record.TenantId ?? string.Empty;
                if (!index.TryGetValue(key, out var list))
                {
                    index[key] = list = new List<DeployedArtefact>();
                }

                list.Add(record);
            }

            _byTenant = index;
        }

        return _byTenant.TryGetValue(tenantId ?? string.Empty, out var records) ? records : (IReadOnlyList<DeployedArtefact>)Array.Empty<DeployedArtefact>();
    }

    public DeployedArtefact? Find(string artefactId, string? tenantId) =>
        _records.TryGetValue(Key(artefactId, tenantId), out var record) ? record : null;

    /// <summary>Records written before the runner kept kind, scope, object and dependencies get them from the bundle when it still has the artefact.</summary>
    internal RecordedState Completed(ArtefactGraph graph) => new(_records.Values.Select(r =>
    {
        if (r.Kind is not null && r.Object is not null && r.DependsOn is not null || graph.Find(r.ArtefactId) is not { } artefact)
        {
            return r;
        }

        var name = r.TenantId is null ? artefact.Object : ArtefactTemplate.Expand(artefact.Object, r.TenantId);
        return r with { Kind = r.Kind ?? artefact.Kind, Scope = r.Scope ?? artefact.Scope, Object = r.Object ?? name, DependsOn = r.DependsOn ?? artefact.DependsOn };
    }));

    /// <remarks>One copy of the record per call (and none for no steps): the runner calls it once per tenant.</remarks>
    public RecordedState After(IEnumerable<PlanStep> steps)
    {
        var list = steps as IReadOnlyCollection<PlanStep> ?? steps.ToList();
        if (list.Count == 0)
        {
            return this;
        }

        var next = new Dictionary<(string, string), DeployedArtefact>(_records);
        foreach (var step in list)
        {
            var key = Key(step.ArtefactId, step.TenantId);
            if (step.Action == PlanStepAction.Drop)
            {
                next.Remove(key);
            }
            else
            {
                next[key] = step.ToRecord();
            }
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

            foreach (var candidate in _records.Values.Where(r => r.ArtefactId == id))
            {
                if (candidate.TenantId is null || record.IncludedTenants is null || record.IncludedTenants.Contains(candidate.TenantId))
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
            // Most units drop nothing: skip building the dependency index (a pass over the whole record).
            return Array.Empty<DeployedArtefact>();
        }

        roots = rootList;
        var index = DependencyIndex();
        var seen = new HashSet<(string, string)>(roots.Select(r => Key(r.ArtefactId, r.TenantId)));
        var result = new List<DeployedArtefact>();
        var pending = new Queue<DeployedArtefact>(roots);
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            if (!index.TryGetValue(current.ArtefactId, out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
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

    private Dictionary<string, List<DeployedArtefact>> DependencyIndex()
    {
        if (_byDependency is not null)
        {
            return _byDependency;
        }

        var index = new Dictionary<string, List<DeployedArtefact>>(StringComparer.Ordinal);
        foreach (var record in _records.Values)
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

        return _byDependency = index;
    }

    // Tenant ids are validated identifiers and never empty, so "" safely stands for "no tenant".
    internal static (string, string) Key(string artefactId, string? tenantId) => (artefactId, tenantId ?? string.Empty);
}
