using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Database;

/// <summary>One object's desired security for one tenant (or none): the bundle's <see cref="ObjectSecurity"/> with the tenant's names.</summary>
internal sealed record DesiredObject(string Artefact, string? Tenant, string Object, bool IsSchema, ObjectSecurity Security);

/// <summary>One role's desired state for one tenant (or none).</summary>
internal sealed record DesiredRole(string Artefact, string? Tenant, RoleState Role);

/// <summary>
/// The bundle's desired security (<see cref="BundleArtefact.Security"/>, <see cref="BundleArtefact.Roles"/>), expanded for
/// each instance the deployment record holds: what is deployed is what is compared (an instance not applied yet is a
/// plan step, not drift).
/// </summary>
internal sealed record DesiredSecurityState(IReadOnlyList<DesiredObject> Objects, IReadOnlyList<DesiredRole> Roles)
{
    /// <summary>Whether the bundle carries typed security (bundles built before it do not: the isolation checks alone then decide).</summary>
    public static bool IsCarriedBy(BundleManifest manifest) => manifest.Artefacts.Any(a => a.Security is not null || a.Roles is not null);

    public static DesiredSecurityState Of(BundleManifest manifest, IEnumerable<(string ArtefactId, string? TenantId)> recorded)
    {
        var artefacts = manifest.Artefacts.Where(a => a.Security is not null || a.Roles is not null).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var objects = new List<DesiredObject>();
        var roles = new List<DesiredRole>();
        foreach (var (id, tenant) in recorded.Distinct())
        {
            if (!artefacts.TryGetValue(id, out var artefact) || (artefact.Scope == ArtefactScope.Tenant) != (tenant is not null))
            {
                continue;
            }

            string Name(string template) => tenant is null ? template : ArtefactTemplate.Expand(template, tenant);
            if (artefact.Security is { } security)
            {
                objects.Add(new DesiredObject(id, tenant, Name(artefact.Object), artefact.Kind == ArtefactKind.Schema, tenant is null ? security : Expand(security, Name)));
            }

            foreach (var role in artefact.Roles ?? Array.Empty<RoleState>())
            {
                roles.Add(new DesiredRole(id, tenant, role with { Name = Name(role.Name), MemberOf = role.MemberOf.Select(Name).ToList() }));
            }
        }

        return new DesiredSecurityState(objects, roles);
    }

    private static ObjectSecurity Expand(ObjectSecurity security, Func<string, string> name) => security with
    {
        Owner = name(security.Owner),
        Grants = security.Grants.Select(g => g with { Role = name(g.Role) }).ToList(),
        RowSecurity = security.RowSecurity is { } rls
            ? rls with { Policies = rls.Policies.Select(p => p with { Roles = p.Roles.Select(name).ToList(), Using = p.Using is null ? null : name(p.Using), WithCheck = p.WithCheck is null ? null : name(p.WithCheck) }).ToList() }
            : null,
    };
}
