using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>The bundle's artefacts by id: their manifest order (which honours dependencies) and the transaction each belongs to.</summary>
internal sealed class ArtefactGraph
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BundleArtefact> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<BundleArtefact>> _tenantDependencies = new(StringComparer.Ordinal);
    private readonly Dictionary<PlanUnitKind, IReadOnlyList<BundleArtefact>> _byPhase = new();

    public ArtefactGraph(BundleManifest manifest)
    {
        for (var i = 0; i < manifest.Artefacts.Count; i++)
        {
            _index[manifest.Artefacts[i].Id] = i;
            _byId[manifest.Artefacts[i].Id] = manifest.Artefacts[i];
        }

        // What a deployment creates: refresh artefacts are only run by `tenantmodels refresh`.
        Artefacts = manifest.Artefacts.Where(a => a.Kind != ArtefactKind.Refresh).ToList();
    }

    /// <summary>The artefacts a deployment creates, in manifest order.</summary>
    public IReadOnlyList<BundleArtefact> Artefacts { get; }

    /// <summary>The artefacts of <see cref="Artefacts"/> that run in units of <paramref name="phase"/>, in manifest order; computed once per phase (a plan asks once per unit).</summary>
    public IReadOnlyList<BundleArtefact> InPhase(PlanUnitKind phase)
    {
        if (!_byPhase.TryGetValue(phase, out var artefacts))
        {
            _byPhase[phase] = artefacts = Artefacts.Where(a => Phase(a) == phase).ToList();
        }

        return artefacts;
    }

    public BundleArtefact? Find(string id) => _byId.TryGetValue(id, out var artefact) ? artefact : null;

    /// <summary>Manifest position; artefacts no longer in the bundle sort after all others.</summary>
    public int Order(string id) => _index.TryGetValue(id, out var index) ? index : int.MaxValue;

    /// <summary>
    /// Global artefacts that (transitively) read tenant artefacts run with the unions: they cannot exist before the
    /// tenants' objects do, and must be re-created when those change.
    /// </summary>
    public PlanUnitKind Phase(BundleArtefact artefact) => artefact.Scope switch
    {
        ArtefactScope.Tenant => PlanUnitKind.Tenant,
        ArtefactScope.Union => PlanUnitKind.Union,
        _ => TenantDependencies(artefact).Count > 0 ? PlanUnitKind.Union : PlanUnitKind.Global,
    };

    /// <summary>Every tenant-scope artefact reachable through dependsOn.</summary>
    public IReadOnlyList<BundleArtefact> TenantDependencies(BundleArtefact artefact)
    {
        if (_tenantDependencies.TryGetValue(artefact.Id, out var known))
        {
            return known;
        }

        var found = new List<BundleArtefact>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(artefact.DependsOn);
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (!seen.Add(id) || Find(id) is not { } dependency)
            {
                continue;
            }

            if (dependency.Scope == ArtefactScope.Tenant)
            {
                found.Add(dependency);
            }

            foreach (var next in dependency.DependsOn)
            {
                pending.Push(next);
            }
        }

        _tenantDependencies[artefact.Id] = found;
        return found;
    }
}
