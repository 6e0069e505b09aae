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

    /// <summary>Members of the generated <c>Tenants</c> class.</summary>
    private static readonly string[] TenantsMembers = { "Tenants", "All", "TryGet", "Get", "Equals", "ReferenceEquals" };

    public static ProjectCodeModel Build(BoundProject project)
    {
        var tenantNames = CSharpNames.Unique(project.Tenants.Select(t => t.Id), TenantsMembers);
        var tenants = project.Tenants
            .Select((t, i) => new TenantCode(t.Id, tenantNames[i], t.Name, t.Enabled, t.Sources.ToList()))
            .ToList();

        var modelNames = CSharpNames.Unique(project.Models.Select(m => m.Name), new[] { "Models" });
        var models = project.Models.Select((m, i) => Model(project, m, modelNames[i])).ToList();
        return new ProjectCodeModel(ArtefactTemplate.TenantPlaceholder, IdentifierRules.MaxBytes, tenants, models);
    }

    private static ModelCode Model(BoundProject project, BoundModel model, string typeName)
    {
        var rowType = typeName + "Row";
        var memberNames = CSharpNames.Unique(model.Columns.Select(c => c.Name), RecordMembers.Concat(new[] { rowType }));
        var columns = model.Columns
            .Select((c, i) => new ColumnCode(c.Name, memberNames[i], c.Type.SqlName, ClrTypes.Map(c.Type), c.Nullable))
            .ToList();

        var sources = model.Mappings
            .Select(m => m.Source.Name)
            .Distinct()
            .OrderBy(s => s, System.StringComparer.Ordinal)
            .Select(source =>
            {
                var schema = project.StagingSchema.Template(source);
                return new ModelSourceCode(source, schema, model.Name, SqlWriter.QualifiedName(schema, model.Name),
                    ModelQueries.Select(model.Columns, schema, model.Name));
            })
            .ToList();

        CanonicalCode? canonical = null;
        if (model.Canonical)
        {
            canonical = new CanonicalCode(project.CanonicalSchema, model.Name, SqlWriter.QualifiedName(project.CanonicalSchema, model.Name),
                ModelQueries.SelectWithTenant(model.Columns, CanonicalViewCompiler.TenantColumn, project.CanonicalSchema, model.Name),
                CanonicalViewCompiler.TenantColumn);
        }

        return new ModelCode(model.Name, typeName, rowType, Lower(model.Materialized.ToString()), Lower(model.Scope.ToString()),
            columns, sources, canonical);
    }

    private static string Lower(string text) => text.ToLowerInvariant();
}
