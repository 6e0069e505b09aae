using System.Collections.Generic;

namespace TenantModels.Core.Bundling;

/// <summary>One SQL artefact of a bundle, as listed in the manifest.</summary>
/// <param name="Id">Stable id, independent of tenants (e.g. <c>staging_view.outreach.call</c>).</param>
/// <param name="Source">For tenant artefacts that only apply to tenants having this source; otherwise null.</param>
/// <param name="Path">Bundle-relative path of the SQL file (forward slashes).</param>
/// <param name="Checksum">SHA-256 of the file's bytes, lowercase hex, prefixed <c>sha256:</c>.</param>
/// <param name="DependsOn">Ids of artefacts that must exist first; the manifest lists artefacts in an order that honours them.</param>
/// <param name="Object">The quoted, qualified name of the object it creates (a template for tenant scope), so a planner can drop it.</param>
/// <param name="Signature">For views, the output columns and types (<c>"a" bigint, "b" text</c>); a different signature
/// means <c>CREATE OR REPLACE</c> cannot be used and the view and its dependents must be recreated. Null otherwise.</param>
/// <param name="Table">For tables: the desired shape as data (a template for tenant scope), what ALTER planning diffs; null in bundles before it.</param>
/// <param name="Seed">For seeds with rows: where the rows (CSV) and the statements run after staging them are; null otherwise and in bundles before it.</param>
/// <param name="RenamedColumns">For tables: the columns declared with earlier names (<c>renamed_from</c>), so a planner renames instead of dropping. Null when none.</param>
/// <param name="DefinedAt">For artefacts holding SQL the user wrote (views and materialized views of <c>sql:</c> models): the
/// model's definition as <c>path:line:column</c>, the path relative to the project folder, so a failure of that SQL against a
/// database can point at the YAML. Only such artefacts carry it: everything else is generated from validated declarations.
/// Left out of the content hash: moving a model within its file changes no object.</param>
/// <param name="TenantVariants">Tenants that run their own statement instead of the shared template (mapping overrides),
/// by tenant id; null when none, and then the manifest has no key for it, so other bundles keep their exact bytes.</param>
/// <param name="SqlAt">With <paramref name="DefinedAt"/>, when the model's <c>sql:</c> lines map one to one onto the YAML's (a
/// literal block or a one-line value): <c>line:column</c> of the body's first line in the same file, each later line one
/// YAML line further at the same column, so an error position in the SQL is located at the YAML line and column. Left
/// out of the content hash like <paramref name="DefinedAt"/>.</param>
/// <param name="Security">For artefacts that secure an object (a model's grants, a created schema, a canonical view): its desired
/// owner, grants, view options and row-level security as data (<see cref="ObjectSecurity"/>), what plan and verify diff the live
/// catalog against. Null without a <c>security:</c> section, and then the manifest has no key for it (bundles keep their bytes).</param>
/// <param name="Roles">For the roles artefacts: the roles they create, with attributes and memberships (<see cref="RoleState"/>);
/// null otherwise, like <paramref name="Security"/>.</param>
public sealed record BundleArtefact(
    string Id,
    ArtefactKind Kind,
    ArtefactScope Scope,
    string? Source,
    string Path,
    string Checksum,
    IReadOnlyList<string> DependsOn,
    string Object,
    string? Signature,
    IReadOnlyList<ColumnRename>? RenamedColumns = null,
    Planning.TableDefinition? Table = null,
    BundleSeed? Seed = null,
    string? DefinedAt = null,
    IReadOnlyList<TenantVariant>? TenantVariants = null,
    string? SqlAt = null,
    ObjectSecurity? Security = null,
    IReadOnlyList<RoleState>? Roles = null)
{
    /// <summary>
    /// The artefact as it applies to one tenant: with the tenant's own file and checksum when it has a variant, else
    /// itself. Whatever expands the artefact for a tenant reads its SQL through this.
    /// </summary>
    public BundleArtefact ForTenant(string tenantId)
    {
        if (TenantVariants is null)
        {
            return this;
        }

        foreach (var variant in TenantVariants)
        {
            if (variant.Tenant == tenantId)
            {
                return this with { Path = variant.Path, Checksum = variant.Checksum, TenantVariants = null };
            }
        }

        return this;
    }

    /// <summary>The artefact as each overriding tenant has it (<see cref="ForTenant"/>), by tenant id: for expanding it for many tenants.</summary>
    public IReadOnlyDictionary<string, BundleArtefact> VariantsByTenant()
    {
        var byTenant = new Dictionary<string, BundleArtefact>(System.StringComparer.Ordinal);
        foreach (var variant in TenantVariants ?? new TenantVariant[0])
        {
            byTenant[variant.Tenant] = ForTenant(variant.Tenant);
        }

        return byTenant;
    }
}
