using System;
using System.Collections.Generic;
using System.IO;
using TenantModels.Core.Naming;

namespace TenantModels.Core.Bundling;

/// <summary>
/// Per-tenant artefacts are stored once with a tenant placeholder so the runner can expand them for any
/// tenant, including ones provisioned at run time; bundle size then grows with models plus tenants.
/// </summary>
public static class ArtefactTemplate
{
    public const string TenantPlaceholder = "{{tenant}}";

    /// <summary>Substitutes the tenant id. Safe because ids are validated to <c>[a-z][a-z0-9_]*</c>: no quote can appear.</summary>
    public static string Expand(string template, string tenantId)
    {
        if (!IdentifierRules.IsValidName(tenantId))
        {
            throw new ArgumentException($"'{tenantId}' is not a valid tenant id.", nameof(tenantId));
        }

        return template.Replace(TenantPlaceholder, tenantId);
    }

    /// <summary>Substitutes the tenant id, then the tenant's values (<see cref="TenantValues"/>) as typed constants.</summary>
    public static string Expand(string template, BundleTenant tenant) =>
        TenantValues.Substitute(Expand(template, tenant.Id), tenant);

    /// <summary>
    /// A tenant artefact's statement for one tenant. Canonical partitions and their refreshes are union templates
    /// (one branch per source), expanded over that tenant alone so it gets the branches of the sources it has.
    /// </summary>
    public static string ExpandFor(BundleArtefact artefact, string template, BundleTenant tenant) =>
        ExpandFor(artefact, template, tenant, UnionTemplate.Parse);

    /// <param name="parse">Parses a per-source template; a planner expanding one artefact for many tenants passes a cached one.</param>
    internal static string ExpandFor(BundleArtefact artefact, string template, BundleTenant tenant, Func<string, UnionTemplate> parse) =>
        IsPerSourceTemplate(artefact.Kind)
            ? Expand(parse(template).Expand(new[] { tenant }), tenant)
            : artefact.Kind == ArtefactKind.Seed
                ? Expand(template, tenant.Id) // a seed's literals are data: text that reads like a value placeholder stays text
                : Expand(template, tenant);

    public static bool IsPerSourceTemplate(ArtefactKind kind) => kind is ArtefactKind.Partition or ArtefactKind.Refresh;

    /// <summary>A template cut at its placeholders, for expanding it for many tenants without a string per tenant.</summary>
    public static string[] Split(string template) =>
        template.Split(new[] { TenantPlaceholder }, StringSplitOptions.None);

    /// <summary>Writes what <see cref="Expand"/> returns for a <see cref="Split"/> template, straight to <paramref name="writer"/>.</summary>
    public static void WriteExpanded(TextWriter writer, IReadOnlyList<string> parts, string tenantId)
    {
        if (!IdentifierRules.IsValidName(tenantId))
        {
            throw new ArgumentException($"'{tenantId}' is not a valid tenant id.", nameof(tenantId));
        }

        writer.Write(parts[0]);
        for (var i = 1; i < parts.Count; i++)
        {
            writer.Write(tenantId);
            writer.Write(parts[i]);
        }
    }
}
