using System.Collections.Generic;
using System.Linq;

namespace TenantModels.Core.Bundling;

/// <summary>Expands a bundle's artefacts into the concrete statements for its tenants, in execution order.</summary>
public static class ArtefactExpander
{
    public static IReadOnlyList<ArtefactInstance> Expand(Bundle bundle) =>
        Expand(bundle.Manifest, bundle.SqlOf);

    public static IReadOnlyList<ArtefactInstance> Expand(BundleManifest manifest, System.Func<BundleArtefact, string> sqlOf)
    {
        var instances = new List<ArtefactInstance>();
        var tenants = manifest.Tenants.Where(t => t.Enabled).ToList();
        // Refresh artefacts are run by the runner's refresh command, never by a deployment.
        foreach (var artefact in manifest.Artefacts.Where(a => a.Kind != ArtefactKind.Refresh))
        {
            var sql = sqlOf(artefact);
            if (artefact.Scope == ArtefactScope.Global)
            {
                instances.Add(new ArtefactInstance(artefact, null, sql, Checksums.Of(sql)));
                continue;
            }

            if (artefact.Scope == ArtefactScope.Union)
            {
                var expandedUnion = UnionTemplate.Parse(sql).Expand(tenants);
                instances.Add(new ArtefactInstance(artefact, null, expandedUnion, Checksums.Of(expandedUnion)));
                continue;
            }

            var variants = artefact.VariantsByTenant();
            foreach (var tenant in tenants.Where(t => AppliesTo(artefact, t)))
            {
                var expanded = ArtefactTemplate.ExpandFor(artefact, variants.TryGetValue(tenant.Id, out var own) ? sqlOf(own) : sql, tenant);
                instances.Add(new ArtefactInstance(artefact, tenant.Id, expanded, Checksums.Of(expanded)));
            }
        }

        return instances;
    }

    public static bool AppliesTo(BundleArtefact artefact, BundleTenant tenant) =>
        artefact.Scope == ArtefactScope.Tenant
        && (artefact.Source is null || tenant.Sources.Contains(artefact.Source));
}
