using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>Per tenant and source: the staging schema and a view that renames, joins and casts every column to its declared type.</summary>
internal static class StagingViewCompiler
{
    public static CompiledArtefact Schema(BoundProject project, string source) => new(
        ArtefactIds.StagingSchema(source),
        ArtefactKind.Schema,
        ArtefactScope.Tenant,
        source,
        new SqlWriter().Append("CREATE SCHEMA IF NOT EXISTS ").Identifier(project.StagingSchema.Template(source)).Line(";").ToString(),
        new string[0],
        SqlWriter.QuoteIdentifier(project.StagingSchema.Template(source)),
        null);

    /// <summary>Every value is cast to the declared type, so all tenants' and sources' views share one row type.</summary>
    private static string ValueOf(BoundColumnMapping mapping)
    {
        var value = mapping.SourceColumn is not null
            ? SqlWriter.QualifiedName(mapping.TableAlias!, mapping.SourceColumn.Name)
            : mapping.Expression is not null ? "(" + mapping.Expression + ")" : "NULL";
        if (mapping.Round is { } places)
        {
            value = "round(CAST(" + value + " AS numeric), " + places.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
        }

        return "CAST(" + value + " AS " + mapping.Target.Type.SqlName + ")";
    }

    /// <summary>
    /// The staging view with the tenants that override its mapping as variants: one shared template for every other
    /// tenant, so the bundle grows with the overrides, not with the tenants.
    /// </summary>
    public static CompiledArtefact WithOverrides(BoundProject project, BoundModel model, BoundSourceMapping mapping)
    {
        var shared = View(project, model, mapping);
        var variants = project.MappingOverrideList
            .Where(o => o.Model == model.Name && o.Mapping.Source.Name == mapping.Source.Name)
            .Select(o => new KeyValuePair<string, string>(o.Tenant, View(project, model, o.Mapping).Sql))
            .Where(v => v.Value != shared.Sql) // an override that changes nothing needs no file of its own
            .ToList();
        return variants.Count == 0 ? shared : shared with { TenantSql = variants };
    }

    public static CompiledArtefact View(BoundProject project, BoundModel model, BoundSourceMapping mapping)
    {
        var source = mapping.Source.Name;
        var rawSchema = mapping.Source.RawSchema.Template(source);
        var materialized = model.Materialized == Materialization.MaterializedView;
        var sql = new SqlWriter()
            .Append(materialized ? "CREATE MATERIALIZED VIEW IF NOT EXISTS " : "CREATE OR REPLACE VIEW ")
            .Qualified(project.StagingSchema.Template(source), model.Name)
            .Line(materialized ? " AS" : " WITH (security_invoker = true) AS")
            .Line("SELECT")
            .Join(",\n", mapping.Columns, (w, c) => w.Append("    ").Append(ValueOf(c)).Append(" AS ").Identifier(c.Target.Name))
            .Line()
            .Append("FROM ").Qualified(rawSchema, mapping.Table.Name).Append(" AS ").Identifier(mapping.Table.Name);
        foreach (var join in mapping.Joins)
        {
            sql.Line()
                .Append(join.Kind == "inner" ? "INNER JOIN " : "LEFT JOIN ")
                .Qualified(rawSchema, join.Table.Name).Append(" AS ").Identifier(join.Table.Name)
                .Append(" ON ").Append(join.Condition);
        }

        sql.Line(materialized ? "\nWITH DATA;" : ";");
        if (materialized && model.Keys is not null)
        {
            foreach (var index in model.Keys.Indexes)
            {
                TableCompiler.IndexStatement(sql, project.StagingSchema.Template(source), model.Name, index.Columns, index.Unique);
            }
        }

        return new CompiledArtefact(
            ArtefactIds.StagingView(source, model.Name),
            materialized ? ArtefactKind.MaterializedView : ArtefactKind.View,
            ArtefactScope.Tenant,
            source,
            sql.ToString(),
            new List<string> { ArtefactIds.StagingSchema(source) },
            SqlWriter.QualifiedName(project.StagingSchema.Template(source), model.Name),
            ViewSignature.Of(model.Columns));
    }
}
