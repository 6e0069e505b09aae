using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Database;

/// <summary>
/// Compares each recorded object with the live catalog. Views are compared with the catalog snapshot taken right
/// after they were applied (columns with <c>format_type</c>, <c>pg_get_viewdef</c>, reloptions), so the comparison
/// is PostgreSQL's own normalised text against itself and never depends on how the bundle spelled the SQL.
/// </summary>
internal static class DriftDetector
{
    public static IReadOnlyList<DriftResult> Find(NpgsqlConnection connection)
    {
        var drift = new List<DriftResult>();
        var rows = DeploymentRecord.ReadRows(connection, null);
        // One catalog query for every recorded relation: one per object was thousands of round trips at scale.
        var catalog = CatalogSnapshot.OfRelations(connection, null, rows
            .Where(r => r.Artefact.Object is not null && r.Artefact.Kind is not (null or ArtefactKind.Roles or ArtefactKind.Grants or ArtefactKind.Schema))
            .Select(r => r.Artefact.Object!));
        foreach (var row in rows)
        {
            var record = row.Artefact;
            if (record.Object is null || record.Kind is null)
            {
                continue; // written by a runner that kept no object name; the next apply records one
            }

            if (record.Kind is ArtefactKind.Roles or ArtefactKind.Grants)
            {
                continue; // roles, privileges and policies are checked by the bundle's isolation checks (SecurityDrift)
            }

            void Report(string problem) => drift.Add(new DriftResult(record.ArtefactId, record.TenantId, record.Object, problem));

            if (record.Kind == ArtefactKind.Schema)
            {
                if (!CatalogSnapshot.SchemaExists(connection, null, record.Object))
                {
                    Report("schema is missing");
                }

                continue;
            }

            if (!catalog.TryGetValue(record.Object, out var live))
            {
                Report("object is missing");
                continue;
            }

            var expectedKind = record.Kind switch { ArtefactKind.View => "v", ArtefactKind.MaterializedView => "m", _ => "r" };
            if (live.RelKind != expectedKind && !(expectedKind == "r" && live.RelKind == "p"))
            {
                Report($"is no longer a {ManifestJson.KindName(record.Kind.Value).Replace('_', ' ')} (relkind '{live.RelKind}')");
                continue;
            }

            if (row.Catalog is not { } deployed)
            {
                continue;
            }

            if (live.Columns != deployed.Columns)
            {
                Report($"columns changed: deployed ({deployed.Columns}), now ({live.Columns})");
            }

            if (live.Definition != deployed.Definition)
            {
                Report("definition changed outside TenantModels");
            }

            if (deployed.Options.Contains("security_invoker=true") && !live.Options.Contains("security_invoker=true"))
            {
                Report("security_invoker is no longer set: the view now runs with its owner's rights");
            }
            else if (live.Options != deployed.Options)
            {
                Report($"options changed: deployed ({deployed.Options}), now ({live.Options})");
            }
        }

        return drift;
    }
}
