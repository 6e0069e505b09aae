using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using TenantModels.Core.Binding;
using TenantModels.Core.CodeModel;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Validation;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Analysis;

/// <summary>
/// The models' and support file's specs from every definition file but <c>tenants.yaml</c>: a model's C# does not
/// depend on the tenants (per-tenant names are templates), so its cost follows the models, not the tenants.
/// </summary>
internal static class ModelsAnalysis
{
    /// <remarks>All model-side files are bound together: a model can reference others, and settings and sources shape them all.</remarks>
    public static ModelsSpec Analyze(ImmutableArray<ParsedDefinition> files, CancellationToken cancellationToken)
    {
        // Diagnostics are DiagnosticsAnalysis's: binding here only needs to drop what does not bind.
        var ignored = new DiagnosticBag();
        var bound = ProjectBinder.Bind(DefinitionValidator.Validate(ProjectSyntaxBuilder.Build(files), ignored), ignored);
        cancellationToken.ThrowIfCancellationRequested();
        var code = CodeModelBuilder.Build(bound);
        return new ModelsSpec(new SupportSpec(code.TenantPlaceholder, code.MaxIdentifierBytes), code.Models.Select(Model).ToEquatableArray());
    }

    private static ModelSpec Model(ModelCode model) => new(
        model.Name,
        model.TypeName,
        model.RowTypeName,
        model.Materialized,
        model.Scope,
        model.Columns.Select(c => new ColumnSpec(c.Name, c.MemberName, c.SqlType, c.ClrType.Name, c.PropertyType, c.Nullable, c.Description)).ToEquatableArray(),
        model.PerTenant.Select(Object).ToEquatableArray(),
        model.Shared is { } shared ? Object(shared) : null,
        model.Canonical is { } canonical ? Object(canonical) : null,
        model.TenantColumn,
        model.Description);

    private static ModelObjectSpec Object(ModelObjectCode o) => new(o.Source, o.SchemaTemplate, o.ObjectName, o.QualifiedNameTemplate, o.SelectTemplate);
}
