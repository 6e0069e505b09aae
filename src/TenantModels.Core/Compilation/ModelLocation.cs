using TenantModels.Core.Binding;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>Where a model's object lives, as a (tenant-templated) schema and name: the one rule every compiler and reference uses.</summary>
internal static class ModelLocation
{
    /// <param name="source">For models built from sources: which source's staging schema.</param>
    public static string Schema(BoundProject project, BoundModel model, string? source = null)
    {
        if (model.IsFromSources)
        {
            return project.StagingSchema.Template(source ?? model.Mappings[0].Source.Name);
        }

        return model.Scope == ModelScope.Shared ? project.SharedSchema : project.TenantSchema.Template(string.Empty);
    }

    public static string QualifiedName(BoundProject project, BoundModel model, string? source = null) =>
        SqlWriter.QualifiedName(Schema(project, model, source), model.Name);

    public static Bundling.ArtefactScope ScopeOf(BoundModel model) =>
        model.Scope == ModelScope.Shared ? Bundling.ArtefactScope.Global : Bundling.ArtefactScope.Tenant;

    public static string ArtefactId(BoundModel model) => model.Materialized switch
    {
        Materialization.Table => ArtefactIds.Table(model.Name),
        Materialization.MaterializedView => ArtefactIds.MaterializedView(model.Name),
        _ => ArtefactIds.View(model.Name),
    };
}
