using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>Expands the bundle's artefacts for the target's tenants; unions over the tenants that are ready for them.</summary>
internal static class DesiredInstances
{
    public static DesiredInstance ForTenant(DeploymentTarget target, BundleArtefact artefact, BundleTenant tenant)
    {
        // A tenant with its own statement (a mapping override) has it expanded instead of the shared template.
        var sql = ArtefactTemplate.ExpandFor(artefact, target.SqlFor(artefact, tenant.Id), tenant, target.ParsedTemplate);
        return new DesiredInstance(artefact, tenant.Id, sql, Checksums.Of(sql), ArtefactTemplate.Expand(artefact.Object, tenant.Id), null, target.TableOf(artefact), target.SeedOf(artefact),
            target.ExpansionKeys.For(artefact, tenant));
    }

    public static DesiredInstance ForGlobal(DeploymentTarget target, BundleArtefact artefact)
    {
        var sql = target.Bundle.SqlOf(artefact);
        return new(artefact, null, sql, Checksums.Of(sql), artefact.Object, null, target.TableOf(artefact), target.SeedOf(artefact));
    }

    /// <summary>
    /// A union covers each tenant whose tenant artefacts it reads are recorded with the signature this bundle
    /// expects. A tenant that failed (or is not applied yet) is left out rather than breaking the union; a tenant
    /// still on an older but compatible definition stays in.
    /// </summary>
    public static DesiredInstance ForUnion(DeploymentTarget target, BundleArtefact artefact, RecordedState state)
    {
        var included = Included(target, artefact, state);
        var sql = UnionTemplate.Parse(target.Bundle.SqlOf(artefact)).Expand(included);
        return new DesiredInstance(artefact, null, sql, Checksums.Of(sql), artefact.Object, included.Select(t => t.Id).ToList());
    }

    public static IReadOnlyList<BundleTenant> Included(DeploymentTarget target, BundleArtefact artefact, RecordedState state)
    {
        var dependencies = target.Graph.TenantDependencies(artefact);
        return target.Tenants
            .Where(t => dependencies.Where(d => ArtefactExpander.AppliesTo(d, t)).All(d =>
                state.Find(d.Id, t.Id) is { } record && (record.Signature is null || d.Signature is null || record.Signature == d.Signature)))
            .ToList();
    }

    /// <summary>What the bundle wants for an instance in any unit; null when it wants nothing (artefact removed, tenant gone).</summary>
    public static DesiredInstance? Find(DeploymentTarget target, string artefactId, string? tenantId, RecordedState state)
    {
        if (target.Graph.Find(artefactId) is not { } artefact)
        {
            return null;
        }

        if (artefact.Scope == ArtefactScope.Tenant)
        {
            return tenantId is not null && target.FindTenant(tenantId) is { } tenant && ArtefactExpander.AppliesTo(artefact, tenant)
                ? ForTenant(target, artefact, tenant)
                : null;
        }

        if (tenantId is not null)
        {
            return null;
        }

        return artefact.Scope == ArtefactScope.Union ? ForUnion(target, artefact, state) : ForGlobal(target, artefact);
    }

    /// <summary>
    /// The instances a unit owns in the desired state, not expanded yet: each artefact with the tenant it is expanded
    /// for (null for a global or union artefact), so that the planner can skip the expansion of an unchanged instance.
    /// </summary>
    public static IEnumerable<(BundleArtefact Artefact, BundleTenant? Tenant)> Own(PlanUnitKey key, DeploymentTarget target)
    {
        var tenant = key.Kind == PlanUnitKind.Tenant ? target.FindTenant(key.TenantId!) : null;
        foreach (var artefact in target.Graph.InPhase(key.Kind))
        {
            if (key.Kind != PlanUnitKind.Tenant)
            {
                yield return (artefact, null);
            }
            else if (tenant is not null && ArtefactExpander.AppliesTo(artefact, tenant))
            {
                yield return (artefact, tenant);
            }
        }
    }

    public static bool SameTenants(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        (a ?? Array.Empty<string>()).SequenceEqual(b ?? Array.Empty<string>(), StringComparer.Ordinal);
}
