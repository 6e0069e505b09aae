using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Compilation;

/// <summary>
/// Warns when a canonical view (the UNION ALL form) spans more tenants than <c>canonical_view_tenant_limit</c>:
/// PostgreSQL plans every branch for every query, so planning time grows faster than the tenant count.
/// </summary>
internal static class CanonicalViewSizeCheck
{
    public static void Check(BoundProject project, DiagnosticBag diagnostics)
    {
        foreach (var model in project.Models.Where(m => m.Canonical && m.CanonicalTable is null))
        {
            var tenants = project.Tenants.Count(t => t.Enabled && Spans(model, t));
            if (tenants > project.CanonicalViewTenantLimit)
            {
                diagnostics.Report(CompileDiagnostics.CanonicalViewTooWide, model.Location, model.Name, tenants, project.CanonicalViewTenantLimit);
            }
        }
    }

    /// <summary>The tenants a canonical view has a branch for (see <see cref="Bundling.UnionTemplate.Expand"/>).</summary>
    private static bool Spans(BoundModel model, BoundTenant tenant) => model.IsFromSources
        ? model.Mappings.Any(m => tenant.Sources.Contains(m.Source.Name))
        : model.Sql?.Source is not { } source || tenant.Sources.Contains(source);
}
