using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using TenantModels.Core.Binding;
using TenantModels.Core.CodeModel;
using TenantModels.Core.Compilation;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Validation;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Analysis;

/// <summary>
/// The models and the support file from every definition file but <c>tenants.yaml</c>: a model's C# does not
/// depend on the tenants (per-tenant names are templates), so its cost follows the models, not the tenants.
/// </summary>
/// <param name="Spec">What the model emitters and the support file need.</param>
/// <param name="CrossTenant">What the checks that expand names per tenant read from this side (<see cref="CrossTenantChecks"/>).</param>
/// <param name="Diagnostics">Validation, binding and compile-stage checks of everything but the tenants.</param>
/// <remarks>Compares by reference: it is new exactly when its files changed, which is when the steps after it must re-run.</remarks>
internal sealed class ModelsAnalysis
{
    private ModelsAnalysis(ModelsSpec spec, CrossTenantKey crossTenant, EquatableArray<Diagnostic> diagnostics)
    {
        Spec = spec;
        CrossTenant = crossTenant;
        Diagnostics = diagnostics;
    }

    public ModelsSpec Spec { get; }

    public CrossTenantKey CrossTenant { get; }

    public EquatableArray<Diagnostic> Diagnostics { get; }

    /// <remarks>All model-side files are bound together: a model can reference others, and settings and sources shape them all.</remarks>
    public static ModelsAnalysis Analyze(ImmutableArray<ParsedDefinition> files, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var bound = ProjectBinder.Bind(DefinitionValidator.Validate(ProjectSyntaxBuilder.Build(files), diagnostics), diagnostics, tenantsApart: true);
        ArtefactCompiler.Check(bound, diagnostics);
        cancellationToken.ThrowIfCancellationRequested();
        var code = CodeModelBuilder.Build(bound);
        var spec = new ModelsSpec(new SupportSpec(code.TenantPlaceholder, code.MaxIdentifierBytes), code.Models.Select(Model).ToEquatableArray());
        return new ModelsAnalysis(spec, CrossTenantKey.Of(bound), diagnostics.ToSortedList().ToEquatableArray());
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
