using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Compilation;

/// <summary>
/// What behaves differently once tenant schemas are Citus distributed schemas, said at build time rather than found in
/// production (measured on Citus 13.2.2, docs/citus.md): materialized views stay on the coordinator (TM2030), tables with
/// identity columns cannot be undistributed (TM2031), and a canonical UNION ALL view fans out to every tenant (TM2032).
/// </summary>
internal static class CitusLimitsCheck
{
    public static void Check(BoundProject project, DiagnosticBag diagnostics)
    {
        if (project.Distribution != Distribution.Citus)
        {
            return;
        }

        foreach (var model in project.Models)
        {
            if (model.Materialized == Materialization.MaterializedView)
            {
                diagnostics.Report(CompileDiagnostics.MaterializedViewOnCoordinator, model.Location, model.Name);
            }

            foreach (var column in model.Columns.Where(c => c.Identity))
            {
                diagnostics.Report(CompileDiagnostics.IdentityColumnOnCitus, column.Location, column.Name, model.Name);
            }

            if (model.Canonical && model.CanonicalTable is null)
            {
                diagnostics.Report(CompileDiagnostics.CanonicalViewOnCitus, model.Location, model.Name);
            }
        }
    }
}
