using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using TenantModels.Core.Binding;
using TenantModels.Core.CodeModel;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Validation;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Analysis;

/// <summary>The registry from <c>tenants.yaml</c> and the sources alone: no model edit re-runs it.</summary>
/// <param name="Spec">What the tenants emitter needs.</param>
/// <param name="Bound">The bound registry (tenants with their locations) the cross-tenant checks need.</param>
/// <param name="Diagnostics">Validation and binding diagnostics located in the tenants file.</param>
/// <remarks>Compares by reference: it is new exactly when its files changed, which is when the steps after it must re-run.</remarks>
internal sealed class TenantsAnalysis
{
    private TenantsAnalysis(TenantsSpec spec, BoundProject bound, EquatableArray<Diagnostic> diagnostics)
    {
        Spec = spec;
        Bound = bound;
        Diagnostics = diagnostics;
    }

    public TenantsSpec Spec { get; }

    public BoundProject Bound { get; }

    public EquatableArray<Diagnostic> Diagnostics { get; }

    /// <param name="files">The tenants file and the source files (a tenant's unknown sources are left out of it, as Core binds it).</param>
    public static TenantsAnalysis Analyze(ImmutableArray<ParsedDefinition> files, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var bound = ProjectBinder.Bind(DefinitionValidator.Validate(ProjectSyntaxBuilder.Build(files), diagnostics), diagnostics, modelsApart: true);
        cancellationToken.ThrowIfCancellationRequested();
        var code = CodeModelBuilder.Build(bound);
        var spec = new TenantsSpec(
            code.Attributes.Select(a => new AttributeSpec(a.Name, a.MemberName, a.SqlType, a.PropertyType, a.Nullable, a.Decoder)).ToEquatableArray(),
            code.Tenants.Select(t => new TenantSpec(t.Id, t.Name, t.Enabled, t.Sources.ToEquatableArray(), t.Priority, t.Tier, t.Database,
                t.AttributeTexts.ToEquatableArray())).ToEquatableArray());

        // The sources are bound here without tenantmodels.yaml: their own diagnostics are the models analysis's.
        var tenantFiles = files.Where(f => f.IsTenants).Select(f => f.Text.Path).ToImmutableHashSet(System.StringComparer.Ordinal);
        return new TenantsAnalysis(spec, bound, diagnostics.ToSortedList().Where(d => tenantFiles.Contains(d.Location.Path)).ToEquatableArray());
    }
}
