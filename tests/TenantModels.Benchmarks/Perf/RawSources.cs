using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Benchmarks.Perf;

/// <summary>The raw tables a connector would have landed for the scale scenario: one per model in each of a tenant's source schemas.</summary>
internal static class RawSources
{
    private const string Columns = "(id bigint, created_at timestamptz, label text, amount numeric, active boolean, day date, uid uuid, tags text[])";

    /// <param name="onlyTenant">Just this tenant's; every enabled tenant's when null.</param>
    /// <returns>One statement each, so a caller can run them in transactions of bounded size.</returns>
    public static IEnumerable<string> Sql(BundleManifest manifest, int models, string? onlyTenant = null)
    {
        foreach (var tenant in manifest.Tenants.Where(t => t.Enabled && (onlyTenant is null || t.Id == onlyTenant)))
        {
            foreach (var source in manifest.Sources.Where(s => tenant.Sources.Contains(s.Name)))
            {
                // Scenario names are [a-z0-9_] only, so double quotes are enough.
                var schema = source.RawSchemaPattern.Replace("<tenant>", tenant.Id);
                yield return "CREATE SCHEMA \"" + schema + "\";\n";
                for (var i = 0; i < models; i++)
                {
                    yield return "CREATE TABLE \"" + schema + "\".\"" + ScaleScenario.ModelName(i) + "\" " + Columns + ";\n";
                }
            }
        }
    }
}
