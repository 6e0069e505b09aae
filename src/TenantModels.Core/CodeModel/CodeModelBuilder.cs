using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Compilation;
using TenantModels.Core.Naming;
using TenantModels.Core.Sql;

namespace TenantModels.Core.CodeModel;

/// <summary>Derives the <see cref="ProjectCodeModel"/> from a bound project (what <c>ModelProjectCompiler.Analyze</c> returns).</summary>
public static class CodeModelBuilder
{
    /// <summary>Members every record already has; a column must not take one of these names.</summary>
    private static readonly string[] RecordMembers =
    {
        "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType",
        "MemberwiseClone", "Finalize", "ReferenceEquals", "Columns",
    };

    public static ProjectCodeModel Build(BoundProject project)
    {
        // Every tenant has every declared attribute; without tenants (all provisioned at run time) the defaults have them.
        var declared = project.Tenants.Count > 0 ? project.Tenants[0].Attributes.ToList()
            : project.TenantDefaults?.Attributes.ToList() ?? new List<BoundAttribute>();
        var attributeNames = CSharpNames.Unique(declared.Select(a => a.Name), RecordMembers.Concat(new[] { "TenantAttributes" }));
        var attributes = declared
            .Select((a, i) => new AttributeCode(a.Name, attributeNames[i], a.Type.SqlName, ClrLiterals.AttributeType(a.Type).For(a.Nullable), a.Nullable,
                ClrLiterals.AttributeDecoder(a.Type)))
            .ToList();

        var tenants = project.Tenants
            .Select(t => new TenantCode(t.Id, t.Name, t.Enabled, t.Sources.ToList(), t.Priority, t.Tier, t.Database,
                t.Attributes.Select(a => a.Value is null ? null : ClrLiterals.AttributeText(a.Type, a.Value)).ToList()))
            .ToList();

        var modelNames = CSharpNames.Unique(project.Models.Select(m => m.Name), new[] { "Models" });
        var models = project.Models
            .Select((m, i) => Model(project, m, modelNames[i]))
            .OrderBy(m => m.Name, System.StringComparer.Ordinal)
            .ToList();
        return new ProjectCodeModel(ArtefactTemplate.TenantPlaceholder, IdentifierRules.MaxBytes, attributes, tenants, models);
    }

    private static ModelCode Model(BoundProject project, BoundModel model, string typeName)
    {
        var rowType = typeName + "Row";
        var memberNames = CSharpNames.Unique(model.Columns.Select(c => c.Name), RecordMembers.Concat(new[] { rowType }));
        var columns = model.Columns
            .Select((c, i) => new ColumnCode(c.Name, memberNames[i], c.Type.SqlName, ClrTypes.Map(c.Type), c.Nullable, c.Description))
            .ToList();

        var perTenant = new List<ModelObjectCode>();
        ModelObjectCode? shared = null;
        if (model.IsFromSources)
        {
            perTenant.AddRange(model.Mappings
                .Select(m => m.Source.Name)
                .Distinct()
                .OrderBy(s => s, System.StringComparer.Ordinal)
                .Select(source => Object(model, source, ModelLocation.Schema(project, model, source))));
        }
        else if (model.Scope == ModelScope.Shared)
        {
            shared = Object(model, null, ModelLocation.Schema(project, model));
        }
        else
        {
            perTenant.Add(Object(model, null, ModelLocation.Schema(project, model)));
        }

        ModelObjectCode? canonical = null;
        if (model.Canonical)
        {
            canonical = new ModelObjectCode(null, project.CanonicalSchema, model.Name, SqlWriter.QualifiedName(project.CanonicalSchema, model.Name),
                ModelQueries.SelectWithTenant(model.Columns, BoundProject.TenantColumn, project.CanonicalSchema, model.Name));
        }

        return new ModelCode(model.Name, typeName, rowType, Spelling(model.Materialized), model.Scope == ModelScope.Shared ? "shared" : "tenant",
            columns, perTenant, shared, canonical, BoundProject.TenantColumn, model.Description);
    }

    private static ModelObjectCode Object(BoundModel model, string? source, string schema) =>
        new(source, schema, model.Name, SqlWriter.QualifiedName(schema, model.Name), ModelQueries.Select(model.Columns, schema, model.Name));

    private static string Spelling(Materialization materialization) => materialization switch
    {
        Materialization.Table => "table",
        Materialization.MaterializedView => "materialized_view",
        _ => "view",
    };
}
