using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>
/// The desired state of one database: the bundle and the tenants it should hold, in processing order
/// (by priority, lower first; ties in manifest order, then tenants provisioned at run time).
/// </summary>
public sealed class DeploymentTarget
{
    private readonly Dictionary<string, UnionTemplate> _parsedTemplates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TableDefinition?> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SeedData?> _seeds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, BundleArtefact>> _variants = new(StringComparer.Ordinal);
    private ExpansionKeys? _expansionKeys;

    public DeploymentTarget(Bundle bundle, IReadOnlyList<BundleTenant> tenants)
    {
        Bundle = bundle;
        Tenants = tenants;
        Graph = new ArtefactGraph(bundle.Manifest);
        TenantOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tenants.Count; i++)
        {
            TenantOrder[tenants[i].Id] = i;
        }
    }

    public Bundle Bundle { get; }

    public IReadOnlyList<BundleTenant> Tenants { get; }

    internal ArtefactGraph Graph { get; }

    internal Dictionary<string, int> TenantOrder { get; }

    /// <summary>
    /// The bundle's enabled tenants, then runtime tenants the bundle does not define (the bundle wins on a clash:
    /// disabling a tenant in the registry must not be undone by an old provisioning record).
    /// </summary>
    /// <param name="include">Restricts the tenants (a target map sends each tenant to one database); null keeps all.</param>
    public static DeploymentTarget For(Bundle bundle, IEnumerable<BundleTenant>? runtimeTenants = null, Func<BundleTenant, bool>? include = null)
    {
        var inBundle = new HashSet<string>(bundle.Manifest.Tenants.Select(t => t.Id), StringComparer.Ordinal);
        var tenants = bundle.Manifest.Tenants.Where(t => t.Enabled)
            .Concat((runtimeTenants ?? Enumerable.Empty<BundleTenant>()).Where(t => t.Enabled && !inBundle.Contains(t.Id)).Select(t => WithDefaults(bundle.Manifest, t)))
            .Where(t => include is null || include(t))
            .OrderBy(t => t.Priority) // stable: ties keep manifest order, then run-time tenants
            .ToList();
        return new DeploymentTarget(bundle, tenants);
    }

    /// <summary>
    /// A tenant provisioned at run time gets the values the SQL uses from the tier and attributes it was provisioned
    /// with, and the registry's defaults (which the manifest carries for every value the SQL uses) for the others.
    /// </summary>
    public static BundleTenant WithDefaults(BundleManifest manifest, BundleTenant tenant) =>
        tenant.Values is null && manifest.TenantValues is { Count: > 0 } declarations
            ? tenant with { Values = declarations.Select(d => new TenantValue(d.Key, d.Type, OwnValue(tenant, d.Key) ?? d.Default)).ToList() }
            : tenant;

    private static string? OwnValue(BundleTenant tenant, string key) =>
        key == TenantValues.TierKey ? tenant.Tier
        : key.StartsWith(TenantValues.AttributePrefix, StringComparison.Ordinal) && tenant.Attributes is { } attributes
            && attributes.TryGetValue(key.Substring(TenantValues.AttributePrefix.Length), out var value) ? value
        : null;

    /// <summary>A per-source template parsed once, however many tenants it is expanded for.</summary>
    internal UnionTemplate ParsedTemplate(string template)
    {
        if (!_parsedTemplates.TryGetValue(template, out var parsed))
        {
            _parsedTemplates[template] = parsed = UnionTemplate.Parse(template);
        }

        return parsed;
    }

    /// <summary>
    /// The template <paramref name="tenantId"/> runs of <paramref name="artefact"/>: its own statement (a mapping override)
    /// or the shared one. The variants are looked up by tenant, not scanned, so a plan stays linear in the tenants even
    /// when many of them override.
    /// </summary>
    internal string SqlFor(BundleArtefact artefact, string tenantId) => Bundle.SqlOf(TemplateFor(artefact, tenantId));

    /// <summary>The artefact whose file <paramref name="tenantId"/> runs: its own variant (a mapping override) or <paramref name="artefact"/>.</summary>
    internal BundleArtefact TemplateFor(BundleArtefact artefact, string tenantId)
    {
        if (artefact.TenantVariants is null)
        {
            return artefact;
        }

        if (!_variants.TryGetValue(artefact.Id, out var byTenant))
        {
            _variants[artefact.Id] = byTenant = artefact.VariantsByTenant();
        }

        return byTenant.TryGetValue(tenantId, out var own) ? own : artefact;
    }

    /// <summary>The keys of what tenant expansions depend on, each part hashed once for this target.</summary>
    internal ExpansionKeys ExpansionKeys => _expansionKeys ??= new ExpansionKeys(this);

    /// <summary><see cref="Bundle.TableOf"/>, once per artefact (an older bundle's is read back from its SQL).</summary>
    internal TableDefinition? TableOf(BundleArtefact artefact)
    {
        if (artefact.Kind != ArtefactKind.Table)
        {
            return null;
        }

        if (!_tables.TryGetValue(artefact.Id, out var table))
        {
            _tables[artefact.Id] = table = Bundle.TableOf(artefact);
        }

        return table;
    }

    /// <summary><see cref="Bundle.SeedOf"/>, its CSV read once per artefact.</summary>
    internal SeedData? SeedOf(BundleArtefact artefact)
    {
        if (artefact.Seed is null)
        {
            return null;
        }

        if (!_seeds.TryGetValue(artefact.Id, out var seed))
        {
            _seeds[artefact.Id] = seed = Bundle.SeedOf(artefact);
        }

        return seed;
    }

    /// <summary>
    /// The tenants whose units are planned (the runner's <c>--tenant</c>, <c>--tier</c>, <c>--where</c>); null: all. The
    /// target keeps every tenant, so the others are neither removed nor left out of unions: their units are just not run.
    /// </summary>
    public IReadOnlyCollection<string>? Selected { get; private set; }

    /// <summary>This target with only <paramref name="tenantIds"/>' units planned (the global and union units still are).</summary>
    public DeploymentTarget Selecting(IEnumerable<string> tenantIds) =>
        new(Bundle, Tenants) { Selected = new HashSet<string>(tenantIds, StringComparer.Ordinal) };

    /// <summary>Whether the units of <paramref name="tenantId"/> are planned.</summary>
    public bool IsSelected(string tenantId) => Selected is null || Selected.Contains(tenantId);

    public BundleTenant? FindTenant(string id) => TenantOrder.TryGetValue(id, out var index) ? Tenants[index] : null;
}
