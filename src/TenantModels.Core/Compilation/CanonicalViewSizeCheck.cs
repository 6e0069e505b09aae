using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Compilation;

/// <summary>
/// The size limits of a canonical view (the UNION ALL form). An error (TM2021) when a query on it would lock more
/// relations than PostgreSQL's lock table holds on stock settings: it cannot work. Before that, a warning (TM2020)
/// past <c>canonical_view_tenant_limit</c> tenants: PostgreSQL plans every branch for every query, so planning time
/// grows faster than the tenant count (see docs/performance.md for both measurements).
/// </summary>
internal static class CanonicalViewSizeCheck
{
    public static void Check(BoundProject project, DiagnosticBag diagnostics)
    {
        foreach (var model in project.Models.Where(m => m.Canonical && m.CanonicalTable is null))
        {
            var tenants = project.Tenants.Count(t => t.Enabled && Spans(model, t));
            var locks = CanonicalViewLockEstimate.RelationsLocked(project, model);
            if (locks > CanonicalViewLockEstimate.StockLockTable)
            {
                diagnostics.Report(CompileDiagnostics.CanonicalViewPastLockTable, model.Location, model.Name, tenants, locks, CanonicalViewLockEstimate.StockLockTable);
            }
            else if (tenants > project.CanonicalViewTenantLimit)
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
