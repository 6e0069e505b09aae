using System;
using System.Linq;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Documentation;

/// <summary>
/// A tenant's page data (<c>data/tenants/&lt;id&gt;.js</c>): attributes, sources, database, and every object deployed for
/// it with the SQL that runs for it, expanded by the runner's own expansion (<see cref="ArtefactTemplate.ExpandFor(BundleArtefact, string, BundleTenant)"/>,
/// <see cref="UnionTemplate"/>). A model page shows a chosen tenant's SQL from this file.
/// </summary>
internal static class TenantData
{
    public static void Write(string path, Bundle bundle, BundleTenant tenant)
    {
        var manifest = bundle.Manifest;
        ScriptFile.Write(path, "TM.loaded(" + ScriptFile.Literal("tenant:" + tenant.Id) + ", ", ");", w =>
        {
            w.WriteStartObject();
            w.WriteString("id", tenant.Id);
            w.WriteString("name", tenant.Name);
            ScriptFile.WriteNullable(w, "tier", tenant.Tier);
            w.WriteBoolean("enabled", tenant.Enabled);
            w.WriteNumber("priority", tenant.Priority);
            w.WriteString("database", DatabaseOf(manifest, tenant));
            ScriptFile.WriteStrings(w, "sources", tenant.Sources);
            w.WriteStartObject("attributes");
            foreach (var attribute in (tenant.Attributes ?? new System.Collections.Generic.Dictionary<string, string>()).OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                w.WriteString(attribute.Key, attribute.Value);
            }

            w.WriteEndObject();
            w.WriteStartArray("objects");
            // A disabled tenant has nothing deployed: the runner drops its objects.
            foreach (var artefact in tenant.Enabled ? manifest.Artefacts : Array.Empty<BundleArtefact>())
            {
                string sql;
                string scope;
                if (artefact.Scope == ArtefactScope.Tenant && ArtefactExpander.AppliesTo(artefact, tenant) && artefact.Kind != ArtefactKind.Refresh)
                {
                    sql = ArtefactTemplate.ExpandFor(artefact, bundle.SqlOf(artefact.ForTenant(tenant.Id)), tenant);
                    scope = "tenant";
                }
                else if (artefact.Scope == ArtefactScope.Union)
                {
                    // The tenant's own branches of the cross-tenant view: the whole view repeats them for every tenant.
                    sql = UnionTemplate.Parse(bundle.SqlOf(artefact)).Expand(new[] { tenant });
                    scope = "union";
                }
                else
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteString("id", artefact.Id);
                ScriptFile.WriteNullable(w, "model", LineageGraph.ModelOf(artefact));
                w.WriteString("kind", ModelData.ArtefactKindName(artefact.Kind));
                w.WriteString("scope", scope);
                w.WriteString("object", artefact.Scope == ArtefactScope.Tenant ? ArtefactTemplate.Expand(artefact.Object, tenant.Id) : artefact.Object);
                w.WriteString("sql", sql);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static string DatabaseOf(BundleManifest manifest, BundleTenant tenant) =>
        tenant.Database is { } key ? key + " (target map key)"
        : manifest.DatabaseOf(tenant.Id) is { } database ? database
        : "the default target (--connection)";
}
