using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// Seed rows staged as text in a temporary table (<see cref="SeedScript"/>: the runner fills it by binary COPY,
/// deploy.sql by INSERT), then an idempotent upsert on the table's primary (or first unique) key: re-applying a changed seed adds
/// and updates rows but never deletes — a DELETE could cascade into rows that tenants' data references. A table with no
/// key cannot be referenced, so its seed replaces its rows. Identity sequences are moved past the seeded ids.
/// </summary>
internal static class SeedCompiler
{
    public static CompiledArtefact Compile(BoundProject project, BoundModel model, IReadOnlyDictionary<string, BoundModel> models)
    {
        var seed = model.Seed!;
        var schema = ModelLocation.Schema(project, model);
        var table = SqlWriter.QualifiedName(schema, model.Name);
        var shared = model.Scope == ModelScope.Shared;
        var keys = model.Keys;
        var conflictKey = keys is null ? null
            : keys.PrimaryKey.Count > 0 ? keys.PrimaryKey
            : keys.Unique.FirstOrDefault();
        if (conflictKey is not null && shared)
        {
            conflictKey = new[] { BoundProject.TenantColumn }.Concat(conflictKey).ToList();
        }

        var types = model.Columns.ToDictionary(c => c.Name, c => c.Type.SqlName);
        types[BoundProject.TenantColumn] = "text";
        // What runs once the rows are staged; the runner stages them by COPY from the bundle's CSV, deploy.sql by INSERT.
        var sql = new SqlWriter();
        if (conflictKey is null)
        {
            sql.Append("DELETE FROM ").Append(table).Line(";");
        }

        if (seed.Rows.Count > 0)
        {
            // Text in, typed out: the cast is the same one a literal would get, so a value means what the CSV says.
            sql.Append("INSERT INTO ").Append(table).Append(" (").Join(", ", seed.Columns, (w, c) => w.Identifier(c)).Line(")")
                .Append("SELECT ").Join(", ", seed.Columns, (w, c) => w.Append("CAST(").Identifier(c).Append(" AS ").Append(types[c]).Append(")"))
                .Append(" FROM ").Append(SeedScript.StagingTable);
            if (conflictKey is not null)
            {
                var updated = seed.Columns.Where(c => !conflictKey.Contains(c)).ToList();
                sql.Line().Append("ON CONFLICT (").Join(", ", conflictKey, (w, c) => w.Identifier(c)).Append(")");
                if (updated.Count == 0)
                {
                    sql.Append(" DO NOTHING");
                }
                else
                {
                    sql.Append(" DO UPDATE SET ").Join(", ", updated, (w, c) => w.Identifier(c).Append(" = EXCLUDED.").Identifier(c));
                }
            }

            sql.Line(";");
            sql.Append("DROP TABLE ").Append(SeedScript.StagingTable).Line(";");
        }

        foreach (var identity in model.Columns.Where(c => c.Identity && seed.Columns.Contains(c.Name)))
        {
            sql.Append("SELECT setval(pg_get_serial_sequence(").Literal(table).Append(", ").Literal(identity.Name).Append("), COALESCE(MAX(")
                .Identifier(identity.Name).Append("), 0) + 1, false) FROM ").Append(table).Line(";");
        }

        var dependsOn = new List<string> { ArtefactIds.Table(model.Name) };
        dependsOn.AddRange((keys?.ForeignKeys ?? new BoundForeignKey[0])
            .Where(fk => models.TryGetValue(fk.References, out var target) && target.Seed is not null)
            .Select(fk => ArtefactIds.Seed(fk.References)).Distinct().OrderBy(id => id, System.StringComparer.Ordinal));
        var upsert = sql.ToString();
        var staging = new SqlWriter();
        if (seed.Rows.Count > 0)
        {
            SeedScript.WriteStaging(staging, seed.Columns, seed.Rows);
        }

        return new CompiledArtefact(ArtefactIds.Seed(model.Name), ArtefactKind.Seed, ModelLocation.ScopeOf(model), null, staging + upsert, dependsOn, table, null,
            Seed: seed.Rows.Count > 0 ? new SeedData(seed.Columns, seed.Rows, upsert) : null);
    }
}
