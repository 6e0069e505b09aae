using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>
/// The key of everything a tenant artefact's expansion depends on: the template it runs (the shared one or the
/// tenant's own, a mapping override), its kind (how it is expanded), and the tenant's id, sources and values. Equal
/// keys give the same expanded SQL, so the planner compares the key recorded with an instance before expanding it: a
/// tenant nothing changed for is neither expanded nor hashed (what most of a no-op plan cost at 10,000 tenants).
/// </summary>
/// <remarks>
/// A key is only ever a shortcut to the checksum recorded beside it: a key that differs (a value the template does not
/// even use changed, a key from an older runner, no key at all) makes the planner expand and compare checksums as it
/// always did, so a key can cost a needless expansion, never a missed change. Each part is hashed once per plan (a
/// template once, a tenant once), never per instance. Bump <see cref="Version"/> whenever the expansion itself changes
/// (<see cref="ArtefactTemplate.ExpandFor(BundleArtefact, string, BundleTenant)"/>, literals of values, union branches).
/// </remarks>
internal sealed class ExpansionKeys
{
    /// <summary>The version of the expansion the keys describe: keys of another version never match.</summary>
    public const string Version = "x1";

    private readonly DeploymentTarget _target;
    private readonly Dictionary<(string Path, ArtefactKind Kind), string> _templates = new();
    private readonly Dictionary<string, string> _tenants = new(StringComparer.Ordinal);

    public ExpansionKeys(DeploymentTarget target)
    {
        _target = target;
    }

    /// <summary>The key of <paramref name="artefact"/> expanded for <paramref name="tenant"/>.</summary>
    public string For(BundleArtefact artefact, BundleTenant tenant) =>
        Version + "." + Template(_target.TemplateFor(artefact, tenant.Id)) + "." + Tenant(tenant);

    private string Template(BundleArtefact template)
    {
        // By file and kind: a variant is its own file, and the same file is expanded the same way for every tenant.
        if (!_templates.TryGetValue((template.Path, template.Kind), out var digest))
        {
            _templates[(template.Path, template.Kind)] = digest = Digest(ManifestJson.KindName(template.Kind) + "\n" + _target.Bundle.SqlOf(template));
        }

        return digest;
    }

    private string Tenant(BundleTenant tenant)
    {
        if (!_tenants.TryGetValue(tenant.Id, out var digest))
        {
            _tenants[tenant.Id] = digest = Digest(Describe(tenant));
        }

        return digest;
    }

    /// <summary>Everything of a tenant an expansion reads, each part length-prefixed so that no two tenants read alike.</summary>
    private static string Describe(BundleTenant tenant)
    {
        var text = new StringBuilder();
        void Part(string? value) => text.Append(value is null ? "-1" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
        Part(tenant.Id);
        Part(tenant.Enabled ? "enabled" : "disabled");
        Part(tenant.Sources.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var source in tenant.Sources)
        {
            Part(source);
        }

        Part((tenant.Values?.Count ?? -1).ToString(CultureInfo.InvariantCulture));
        foreach (var value in tenant.Values ?? Array.Empty<TenantValue>())
        {
            Part(value.Key);
            Part(value.Type);
            Part(value.Value);
        }

        return text.ToString();
    }

    /// <summary>128 bits of SHA-256: a cache key, compared only with keys this class wrote.</summary>
    private static string Digest(string text) => Checksums.Of(text).Substring(Checksums.Prefix.Length, 32);
}
