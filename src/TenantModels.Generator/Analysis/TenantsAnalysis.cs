using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using TenantModels.Core.Binding;
using TenantModels.Core.CodeModel;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Validation;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Analysis;

/// <summary>The registry's spec from <c>tenants.yaml</c> and the sources alone: no model edit re-runs it.</summary>
internal static class TenantsAnalysis
{
    /// <param name="files">The tenants file and the source files (a tenant's unknown sources are left out of it, as Core binds it).</param>
    public static TenantsSpec Analyze(ImmutableArray<ParsedDefinition> files, CancellationToken cancellationToken)
    {
        // Diagnostics are DiagnosticsAnalysis's: binding here only needs to drop what does not bind.
        var ignored = new DiagnosticBag();
        var bound = ProjectBinder.Bind(DefinitionValidator.Validate(ProjectSyntaxBuilder.Build(files), ignored), ignored);
        cancellationToken.ThrowIfCancellationRequested();
        var code = CodeModelBuilder.Build(bound);
        return new TenantsSpec(
            code.Attributes.Select(a => new AttributeSpec(a.Name, a.MemberName, a.SqlType, a.PropertyType, a.Nullable, a.Decoder)).ToEquatableArray(),
            code.Tenants.Select(t => new TenantSpec(t.Id, t.Name, t.Enabled, t.Sources.ToEquatableArray(), t.Priority, t.Tier, t.Database,
                t.AttributeTexts.ToEquatableArray())).ToEquatableArray());
    }
}
