using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// One cross-tenant view per canonical model: the staging views of every enabled tenant, UNION ALL, plus
/// <c>tenant_id</c>. Staging views already cast to the declared types, so every branch has the same row type;
/// with no tenant the view still has those typed columns and returns no rows.
/// </summary>
internal static class CanonicalViewCompiler
{
    public const string TenantColumn = "tenant_id";

    public static CompiledArtefact Schema(BoundProject project) => new(
        ArtefactIds.CanonicalSchema,
        ArtefactKind.Schema,
        ArtefactScope.Global,
        null,
        new SqlWriter().Append("CREATE SCHEMA IF NOT EXISTS ").Identifier(project.CanonicalSchema).Line(";").ToString(),
        new string[0]);

    public static CompiledArtefact View(BoundProject project, BoundModel model)
    {
        var branches = (
            from tenant in project.Tenants
            where tenant.Enabled
            from mapping in model.Mappings
            where tenant.Sources.Contains(mapping.Source.Name)
            select (Tenant: tenant.Id, Schema: project.StagingSchema.Expand(tenant.Id, mapping.Source.Name))).ToList();

        var sql = new SqlWriter()
            .Append("CREATE OR REPLACE VIEW ").Qualified(project.CanonicalSchema, model.Name)
            .Line(" WITH (security_invoker = true) AS");
        if (branches.Count == 0)
        {
            sql.Append("SELECT ")
                .Join(", ", model.Columns, (w, c) => w.Append("CAST(NULL AS ").Append(c.Type.SqlName).Append(") AS ").Identifier(c.Name))
                .Append(", CAST(NULL AS text) AS ").Identifier(TenantColumn)
                .Line()
                .Append("WHERE false");
        }
        else
        {
            sql.Join("\nUNION ALL\n", branches, (w, b) => w
                .Append("SELECT ")
                .Join(", ", model.Columns, (c, column) => c.Identifier(column.Name))
                .Append(", CAST(").Literal(b.Tenant).Append(" AS text) AS ").Identifier(TenantColumn)
                .Append(" FROM ").Qualified(b.Schema, model.Name));
        }

        sql.Line(";");
        var dependsOn = new List<string> { ArtefactIds.CanonicalSchema };
        dependsOn.AddRange(model.Mappings.Select(m => ArtefactIds.StagingView(m.Source.Name, model.Name)));
        return new CompiledArtefact(ArtefactIds.CanonicalView(model.Name), ArtefactKind.View, ArtefactScope.Global, null, sql.ToString(), dependsOn);
    }
}
