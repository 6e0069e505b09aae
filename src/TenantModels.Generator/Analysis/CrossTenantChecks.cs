using System.Linq;
using System.Threading;
using TenantModels.Core.Compilation;
using TenantModels.Core.Diagnostics;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Analysis;

/// <summary>
/// Core's compile-stage checks that involve the tenants (every derived schema, database and role name per tenant;
/// canonical view sizes): the models with the tenants, less what the models alone already report.
/// </summary>
internal static class CrossTenantChecks
{
    public static EquatableArray<Diagnostic> Run(TenantsAnalysis tenants, CrossTenantKey models, CancellationToken cancellationToken)
    {
        if (tenants.Bound.Tenants.Count == 0)
        {
            return EquatableArray<Diagnostic>.Empty;
        }

        var together = new DiagnosticBag();
        ArtefactCompiler.Check(models.Models with { Tenants = tenants.Bound.Tenants }, together);
        cancellationToken.ThrowIfCancellationRequested();
        var alone = new DiagnosticBag();
        ArtefactCompiler.Check(models.Models, alone);
        var modelsOnly = alone.ToSortedList().ToDictionary(d => d, d => true);
        return together.ToSortedList().Where(d => !modelsOnly.ContainsKey(d)).ToEquatableArray();
    }
}
