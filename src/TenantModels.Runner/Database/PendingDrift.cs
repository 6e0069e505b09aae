using System;
using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Database;

/// <summary>
/// The steps <c>apply</c> would run, as drift rows: what <c>verify</c> adds to the live comparison so that it reports
/// exactly what differs from the bundle, not only what changed since the last apply. Steps that repair what the live
/// comparison already reported, and steps that only follow from another (a dependent recreated), add no row.
/// </summary>
internal static class PendingDrift
{
    public static IReadOnlyList<DriftResult> Of(DeploymentPlan plan, IReadOnlyList<DriftResult> reported)
    {
        var known = new HashSet<(string, string)>(reported.Select(d => (d.Artefact, d.Tenant ?? string.Empty)));
        var rows = new List<DriftResult>();
        foreach (var step in plan.Steps)
        {
            var key = (step.ArtefactId, step.TenantId ?? string.Empty);
            if (step.Reason is PlanStepReason.Missing or PlanStepReason.Drifted or PlanStepReason.DependencyRecreated)
            {
                // What a repair drops with it (a union over a view put back) is built again later in the plan, as new.
                known.Add(key);
                continue;
            }

            if (!known.Add(key))
            {
                continue;
            }

            rows.Add(new DriftResult(step.ArtefactId, step.TenantId, step.Object, Problem(step)));
        }

        return rows;
    }

    private static string Problem(PlanStep step) => step switch
    {
        { Action: PlanStepAction.Drop } => "not in the bundle: apply drops it",
        { Action: PlanStepAction.Alter } => "differs from the bundle: apply alters it",
        { Scope: ArtefactScope.Union, Reason: PlanStepReason.New } =>
            $"missing (an apply was interrupted or failed before the union was built): apply builds it over {Tenants(step.IncludedTenants)}",
        { Scope: ArtefactScope.Union, Reason: PlanStepReason.TenantsChanged } =>
            $"covers other tenants than the ready ones: apply builds it over {Tenants(step.IncludedTenants)}",
        { Reason: PlanStepReason.New } => "not deployed: apply creates it",
        _ => "differs from the bundle: apply replaces it",
    };

    private static string Tenants(IReadOnlyList<string>? tenants) =>
        tenants is null || tenants.Count == 0 ? "no tenant" : $"{tenants.Count} tenant(s): {string.Join(", ", tenants)}";
}
