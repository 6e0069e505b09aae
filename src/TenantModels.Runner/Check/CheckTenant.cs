using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Check;

/// <summary>
/// The one tenant a check applies the bundle for: the bundle's first enabled tenant (its id and per-tenant values), or a
/// synthetic one when it has none, given every source so that no source's artefacts go unchecked.
/// </summary>
internal static class CheckTenant
{
    public const string SyntheticId = "tm_check_tenant";

    public static BundleTenant For(BundleManifest manifest)
    {
        var sources = manifest.Sources.Select(s => s.Name).ToList();
        var first = manifest.Tenants.FirstOrDefault(t => t.Enabled) ?? manifest.Tenants.FirstOrDefault();
        return first is null
            ? new BundleTenant(SyntheticId, SyntheticId, true, sources, Values: TenantValues.Defaults(manifest.TenantValues))
            : first with { Enabled = true, Sources = sources };
    }
}
