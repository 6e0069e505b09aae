using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Naming;

namespace TenantModels.Runner.Selection;

/// <summary>
/// A bundle that isolates tenants by database, applied over one connection (no target map), may hold one tenant only:
/// otherwise the first tenant's whole schema would be committed into whatever database the connection names, and every
/// other tenant would fail there. Refused before anything is planned or changed.
/// </summary>
internal static class DatabaseIsolationGuard
{
    public static Diagnostic? Refusal(BundleManifest manifest, TenantSelection? selection, string database)
    {
        if (manifest.Security?.Isolation != "database")
        {
            return null;
        }

        var tenants = manifest.Tenants.Where(t => t.Enabled && (selection?.Matches(t) ?? true)).ToList();
        if (tenants.Count <= 1)
        {
            return null;
        }

        var names = string.Join(", ", tenants.Take(3).Select(t => t.Id)) + (tenants.Count > 3 ? ", …" : string.Empty);
        var databases = manifest.DatabasePattern is { } pattern
            ? string.Join(", ", tenants.Take(3).Select(t => t.Id + " in '" + pattern.Replace(NamingPattern.TenantToken, t.Id) + "'")) + (tenants.Count > 3 ? ", …" : string.Empty)
            : "a target map names them";
        return RunnerDiagnostics.ManyTenantsOneDatabase.At(SourceLocation.None, tenants.Count, database, names, databases);
    }
}
