using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.DataTests;

/// <summary>
/// Which data tests apply to a tenant, and whether the object each reads is deployed there: a test of one source's
/// object applies to the tenants that have the source; its artefact must be recorded as deployed (for the tenant when
/// the artefact is per tenant), so a database holding only some tenants or models is tested for what it has.
/// </summary>
internal sealed class TestSelection
{
    private readonly IReadOnlyList<BundleDataTest> _tests;
    private readonly Dictionary<string, ArtefactScope> _scopes;
    private readonly HashSet<(string Artefact, string? Tenant)> _recorded;

    public TestSelection(BundleManifest manifest, IEnumerable<(string Artefact, string? Tenant)> recorded)
    {
        _tests = manifest.DataTests ?? Array.Empty<BundleDataTest>();
        _scopes = manifest.Artefacts.ToDictionary(a => a.Id, a => a.Scope, StringComparer.Ordinal);
        _recorded = recorded.ToHashSet();
    }

    public IReadOnlyList<(BundleDataTest Test, bool Deployed)> For(BundleTenant tenant) => _tests
        .Where(t => t.Source is null || tenant.Sources.Contains(t.Source, StringComparer.Ordinal))
        .Select(t => (t, _recorded.Contains((t.Artefact, _scopes.TryGetValue(t.Artefact, out var scope) && scope == ArtefactScope.Tenant ? tenant.Id : null))))
        .ToList();
}
