using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TenantModels.Core.Bundling;
using TenantModels.Core.Naming;
using TenantModels.Core.Planning;

namespace TenantModels.Core.Provisioning;

/// <summary>
/// Plans creating or removing a tenant at run time, for the runner's <c>tenants provision|remove</c> and for an
/// application's signup flow. Pure: the caller runs <see cref="ProvisioningPlan.Steps"/> in one transaction and
/// records them (the runner does both, plus a row in <c>tenantmodels.runtime_tenant</c>).
/// </summary>
public static class TenantProvisioningPlanner
{
    private static readonly Regex QuotedPart = new("\"((?:[^\"]|\"\")*)\"", RegexOptions.CultureInvariant);

    /// <param name="runtimeTenants">Tenants already provisioned at run time in the target database.</param>
    /// <param name="recorded">The target database's deployment record.</param>
    public static ProvisioningPlan Plan(Bundle bundle, ProvisioningRequest request, IReadOnlyList<BundleTenant> runtimeTenants, IEnumerable<DeployedArtefact> recorded)
    {
        var errors = Validate(bundle, request, runtimeTenants);
        if (errors.Count > 0)
        {
            return new ProvisioningPlan(null, errors, Array.Empty<PlanStep>());
        }

        var tenant = DeploymentTarget.WithDefaults(bundle.Manifest,
            new BundleTenant(request.TenantId, request.Name ?? request.TenantId, true, request.Sources.Distinct(StringComparer.Ordinal).ToList(),
                Tier: request.Tier, Attributes: NormalizedAttributes(bundle.Manifest, request.Attributes, new List<string>())));
        var target = DeploymentTarget.For(bundle, runtimeTenants.Concat(new[] { tenant }));
        return new ProvisioningPlan(tenant, errors, TenantAndUnions(target, recorded, tenant.Id));
    }

    /// <summary>Drops the tenant's objects (never its raw data) and re-expands the unions without it; schema drops lose data.</summary>
    public static ProvisioningPlan PlanRemoval(Bundle bundle, string tenantId, IReadOnlyList<BundleTenant> runtimeTenants, IEnumerable<DeployedArtefact> recorded)
    {
        if (runtimeTenants.All(t => t.Id != tenantId))
        {
            var why = bundle.Manifest.Tenants.Any(t => t.Id == tenantId)
                ? "is defined by the bundle: remove it from the tenant registry and apply with --allow-data-loss"
                : "was not provisioned at run time in this database";
            return new ProvisioningPlan(null, new[] { why }, Array.Empty<PlanStep>());
        }

        var target = DeploymentTarget.For(bundle, runtimeTenants.Where(t => t.Id != tenantId));
        return new ProvisioningPlan(runtimeTenants.First(t => t.Id == tenantId), Array.Empty<string>(), TenantAndUnions(target, recorded, tenantId));
    }

    private static IReadOnlyList<PlanStep> TenantAndUnions(DeploymentTarget target, IEnumerable<DeployedArtefact> recorded, string tenantId)
    {
        var state = DeploymentPlanner.Prepare(target, recorded);
        var own = DeploymentPlanner.PlanUnit(PlanUnitKey.Tenant(tenantId), target, state);
        var unions = DeploymentPlanner.PlanUnit(PlanUnitKey.Union, target, state.After(own.Steps));
        return own.Steps.Concat(unions.Steps).ToList();
    }

    /// <summary>
    /// Each given attribute in the canonical text of its declared type (what the registry's tenants carry); unknown names
    /// and values the type does not read are added to <paramref name="errors"/>. Null when none is given.
    /// </summary>
    private static IReadOnlyDictionary<string, string>? NormalizedAttributes(BundleManifest manifest, IReadOnlyDictionary<string, string>? attributes, List<string> errors)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return null;
        }

        var normalized = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in attributes)
        {
            if (AttributeValue.TryRead(manifest, pair.Key, pair.Value, out _, out var value, out var why))
            {
                normalized[pair.Key] = value;
            }
            else
            {
                errors.Add(why!);
            }
        }

        return normalized;
    }

    /// <summary>The id must be a valid identifier, unused, with known sources, and every name derived from it must fit in 63 bytes.</summary>
    public static IReadOnlyList<string> Validate(Bundle bundle, ProvisioningRequest request, IReadOnlyList<BundleTenant> runtimeTenants)
    {
        var errors = new List<string>();
        var id = request.TenantId;
        if (!IdentifierRules.HasNameShape(id ?? string.Empty))
        {
            errors.Add("a tenant id is a lowercase letter followed by lowercase letters, digits and underscores");
            return errors;
        }

        if (bundle.Manifest.Tenants.Any(t => t.Id == id) || runtimeTenants.Any(t => t.Id == id))
        {
            errors.Add("a tenant with this id already exists");
        }

        // A tenant needs a source only when every per-tenant object of the bundle is built from one
        // (a schema-per-tenant CRM has none; a staging-view project would give a source-less tenant nothing).
        var anythingWithoutSource = bundle.Manifest.Artefacts.Any(a => a.Scope == ArtefactScope.Tenant && a.Source is null);
        if (request.Sources.Count == 0 && !anythingWithoutSource)
        {
            errors.Add("name at least one source (--source): every per-tenant object of this bundle is built from a source");
        }

        var given = (request.Attributes ?? new Dictionary<string, string>()).Keys.Select(TenantValues.AttributeKey)
            .Concat(request.Tier is null ? Array.Empty<string>() : new[] { TenantValues.TierKey }).ToList();
        errors.AddRange(TenantValues.MissingDefaults(bundle.Manifest.TenantValues?.Where(d => !given.Contains(d.Key)).ToList()));
        if (request.Tier is { } tier && !IdentifierRules.HasNameShape(tier))
        {
            errors.Add($"tier '{tier}' is not a name: a lowercase letter followed by lowercase letters, digits and underscores");
        }

        NormalizedAttributes(bundle.Manifest, request.Attributes, errors);
        foreach (var source in request.Sources.Where(s => bundle.Manifest.Sources.All(b => b.Name != s)))
        {
            errors.Add($"unknown source '{source}' (the bundle has: {string.Join(", ", bundle.Manifest.Sources.Select(s => s.Name))})");
        }

        var names = bundle.Manifest.Sources.Where(s => request.Sources.Contains(s.Name)).Select(s => s.RawSchemaPattern.Replace(NamingPattern.TenantToken, id))
            .Concat(bundle.Manifest.Artefacts
                .Where(a => a.Scope == ArtefactScope.Tenant && (a.Source is null || request.Sources.Contains(a.Source)))
                .SelectMany(a => QuotedPart.Matches(a.Object.Replace(ArtefactTemplate.TenantPlaceholder, id)).Cast<Match>().Select(m => m.Groups[1].Value)));
        foreach (var name in names.Distinct(StringComparer.Ordinal).Where(n => IdentifierRules.ByteLength(n) > IdentifierRules.MaxBytes))
        {
            errors.Add($"derived name '{name}' is {IdentifierRules.ByteLength(name)} bytes, over PostgreSQL's {IdentifierRules.MaxBytes}; choose a shorter tenant id");
        }

        return errors;
    }
}
