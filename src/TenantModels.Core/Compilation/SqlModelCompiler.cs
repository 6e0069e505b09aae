using System.Collections.Generic;
using System.Linq;
using System.Text;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// Views and materialized views written in SQL. References become qualified names (per tenant for tenant models),
/// and the user's SELECT is wrapped so the object has exactly the declared columns and types whatever it selects.
/// </summary>
internal static class SqlModelCompiler
{
    public static CompiledArtefact Compile(BoundProject project, BoundModel model, IReadOnlyDictionary<string, BoundModel> models)
    {
        var sql = model.Sql!;
        var schema = ModelLocation.Schema(project, model);
        var body = new StringBuilder();
        foreach (var part in sql.Parts)
        {
            body.Append(part.Reference is null
                ? part.Text
                : ModelLocation.QualifiedName(project, models[part.Reference.Model], part.Reference.Source));
        }

        var materialized = model.Materialized == Materialization.MaterializedView;
        var writer = new SqlWriter()
            .Append(materialized ? "CREATE MATERIALIZED VIEW IF NOT EXISTS " : "CREATE OR REPLACE VIEW ")
            .Qualified(schema, model.Name)
            // Materialized views have no RLS and run as their owner when refreshed; security_invoker applies to views only.
            // Shared views over RLS tables also filter: security_barrier keeps a caller's leaky function behind the filter.
            .Line(materialized ? " AS" : project.Security is not null && model.Scope == ModelScope.Shared
                ? " WITH (security_invoker = true, security_barrier = true) AS"
                : " WITH (security_invoker = true) AS")
            .Append("SELECT ")
            .Join(", ", model.Columns, (w, c) => w.Append("CAST(").Qualified("q", c.Name).Append(" AS ").Append(c.Type.SqlName).Append(") AS ").Identifier(c.Name))
            .Line()
            .Line("FROM (")
            .Line(body.ToString().Trim('\n'))
            .Append(") AS ").Identifier("q").Line(materialized ? "\nWITH DATA;" : ";");
        if (materialized && model.Keys is not null)
        {
            foreach (var index in model.Keys.Indexes)
            {
                TableCompiler.IndexStatement(writer, schema, model.Name, index.Columns, index.Unique);
            }
        }

        var dependsOn = new List<string> { SchemaArtefact(model) };
        dependsOn.AddRange(model.References.Select(r => ReferenceArtefact(models[r], sql)).OrderBy(id => id, System.StringComparer.Ordinal));
        return new CompiledArtefact(
            ModelLocation.ArtefactId(model),
            materialized ? ArtefactKind.MaterializedView : ArtefactKind.View,
            ModelLocation.ScopeOf(model),
            model.Scope == ModelScope.Tenant ? sql.Source : null,
            writer.ToString(),
            dependsOn,
            SqlWriter.QualifiedName(schema, model.Name),
            ViewSignature.Of(model.Columns));
    }

    private static string SchemaArtefact(BoundModel model) =>
        model.Scope == ModelScope.Shared ? ArtefactIds.SharedSchema : ArtefactIds.TenantSchema;

    private static string ReferenceArtefact(BoundModel target, BoundSql sql)
    {
        if (!target.IsFromSources)
        {
            return ModelLocation.ArtefactId(target);
        }

        var source = sql.Parts.First(p => p.Reference?.Model == target.Name).Reference!.Source!;
        return ArtefactIds.StagingView(source, target.Name);
    }
}
