using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// One cross-tenant view per canonical model: the staging views of every enabled tenant, UNION ALL, plus
/// <c>tenant_id</c>. Staging views already cast to the declared types, so every branch has the same row type;
/// with no tenant the view still has those typed columns and returns no rows. Emitted as a
/// <see cref="UnionTemplate"/> so the runner expands it for the tenants that exist when it runs.
/// </summary>
internal static class CanonicalViewCompiler
{
    public const string TenantColumn = BoundProject.TenantColumn;

    public static CompiledArtefact Schema(BoundProject project) => new(
        ArtefactIds.CanonicalSchema,
        ArtefactKind.Schema,
        ArtefactScope.Global,
        null,
        new SqlWriter().Append("CREATE SCHEMA IF NOT EXISTS ").Identifier(project.CanonicalSchema).Line(";").ToString(),
        new string[0],
        SqlWriter.QuoteIdentifier(project.CanonicalSchema),
        null);

    public static CompiledArtefact View(BoundProject project, BoundModel model)
    {
        var header = new SqlWriter()
            .Append("CREATE OR REPLACE VIEW ").Qualified(project.CanonicalSchema, model.Name)
            .Append(" WITH (security_invoker = true) AS")
            .ToString();
        var branches = Branches(project, model);
        var empty = Empty(model);

        var dependsOn = new List<string> { ArtefactIds.CanonicalSchema };
        dependsOn.AddRange(TenantDependencies(model));
        return new CompiledArtefact(
            ArtefactIds.CanonicalView(model.Name),
            ArtefactKind.View,
            ArtefactScope.Union,
            null,
            new UnionTemplate(header, branches, empty,
                project.Security is null ? string.Empty : SecurityCompiler.ObjectFooter(project, model, SqlWriter.QualifiedName(project.CanonicalSchema, model.Name), canonical: true)).Write(),
            dependsOn,
            SqlWriter.QualifiedName(project.CanonicalSchema, model.Name),
            ViewSignature.Of(model.Columns, (TenantColumn, "text")),
            Security: project.Security is null ? null : SecurityStateCompiler.Object(project, model, canonical: true));
    }

    /// <summary>One SELECT per source (or one for every tenant): the model's columns plus the tenant column — both canonical forms read these.</summary>
    public static List<KeyValuePair<string, string>> Branches(BoundProject project, BoundModel model, string? filter = null)
    {
        var branchSources = model.IsFromSources
            ? model.Mappings.Select(m => m.Source.Name).OrderBy(s => s, System.StringComparer.Ordinal).ToList()
            : new List<string> { model.Sql?.Source ?? UnionTemplate.EveryTenant };
        return branchSources
            .Select(source => new KeyValuePair<string, string>(source, new SqlWriter()
                .Append("SELECT ")
                .Join(", ", model.Columns, (w, column) => w.Identifier(column.Name))
                .Append(", CAST(").Literal(ArtefactTemplate.TenantPlaceholder).Append(" AS text) AS ").Identifier(TenantColumn)
                .Append(" FROM ").Append(ModelLocation.QualifiedName(project, model, model.IsFromSources ? source : null))
                .Append(filter ?? string.Empty)
                .ToString()))
            .ToList();
    }

    /// <summary>The typed, rowless SELECT used when a tenant (or no tenant) has no branch.</summary>
    public static string Empty(BoundModel model) => new SqlWriter()
        .Append("SELECT ")
        .Join(", ", model.Columns, (w, c) => w.Append("CAST(NULL AS ").Append(c.Type.SqlName).Append(") AS ").Identifier(c.Name))
        .Append(", CAST(NULL AS text) AS ").Identifier(TenantColumn)
        .Append(" WHERE false")
        .ToString();

    /// <summary>The per-tenant artefacts a canonical model reads: its staging views, or the model's own object.</summary>
    public static IEnumerable<string> TenantDependencies(BoundModel model) => model.IsFromSources
        ? model.Mappings.Select(m => ArtefactIds.StagingView(m.Source.Name, model.Name)).OrderBy(id => id, System.StringComparer.Ordinal)
        : new[] { ModelLocation.ArtefactId(model) };
}
