using System.Linq;
using System.Text;
using TenantModels.Core.Bundling;

namespace TenantModels.Benchmarks.Perf;

/// <summary>The raw tables a connector would have landed for the scale scenario: one per model in each of a tenant's source schemas.</summary>
internal static class RawSources
{
    private const string Columns = "(id bigint, created_at timestamptz, label text, amount numeric, active boolean, day date, uid uuid, tags text[])";

    /// <param name="onlyTenant">Just this tenant's; every enabled tenant's when null.</param>
    public static string Sql(BundleManifest manifest, int models, string? onlyTenant = null)
    {
        var sql = new StringBuilder();
        foreach (var tenant in manifest.Tenants.Where(t => t.Enabled && (onlyTenant is null || t.Id == onlyTenant)))
        {
            foreach (var source in manifest.Sources.Where(s => tenant.Sources.Contains(s.Name)))
            {
                // Scenario names are [a-z0-9_] only, so double quotes are enough.
                var schema = source.RawSchemaPattern.Replace("<tenant>", tenant.Id);
                sql.Append("CREATE SCHEMA \"").Append(schema).Append("\";\n");
                for (var i = 0; i < models; i++)
                {
                    sql.Append("CREATE TABLE \"").Append(schema).Append("\".\"").Append(ScaleScenario.ModelName(i)).Append("\" ").Append(Columns).Append(";\n");
                }
            }
        }

        return sql.ToString();
    }
}
