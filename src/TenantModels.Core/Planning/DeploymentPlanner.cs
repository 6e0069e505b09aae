using System;
using System.Collections.Generic;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>
/// Compares a bundle with what a database records as deployed. Pure: no I/O, so <c>plan</c> and <c>apply</c>
/// compute the same steps and both are unit-testable.
/// </summary>
public static class DeploymentPlanner
{
    public static DeploymentPlan Plan(Bundle bundle, IReadOnlyList<DeployedArtefact> recorded)
    {
        var deployed = new Dictionary<(string ArtefactId, string TenantId), string>();
        foreach (var record in recorded)
        {
            deployed[Key(record.ArtefactId, record.TenantId)] = record.Checksum;
        }

        // Bundle order is execution order (the manifest honours dependencies), so steps keep it.
        var steps = new List<PlanStep>();
        foreach (var instance in ArtefactExpander.Expand(bundle))
        {
            if (!deployed.TryGetValue(Key(instance.Artefact.Id, instance.TenantId), out var checksum))
            {
                steps.Add(new PlanStep(instance, PlanStepReason.New));
            }
            else if (!string.Equals(checksum, instance.Checksum, StringComparison.Ordinal))
            {
                steps.Add(new PlanStep(instance, PlanStepReason.Changed));
            }
        }

        return new DeploymentPlan(steps);
    }

    // Tenant ids never are empty (they are validated identifiers), so "" safely stands for "global".
    private static (string, string) Key(string artefactId, string? tenantId) => (artefactId, tenantId ?? string.Empty);
}
