using System.Collections.Generic;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;

namespace TenantModels.Core.Provisioning;

/// <summary>
/// What provisioning one tenant takes: the tenant's own artefacts from the bundle's templates, then every union
/// re-expanded to include it. All steps belong in ONE transaction, so a failure leaves nothing of the tenant.
/// </summary>
/// <param name="Errors">Why the request cannot be provisioned; when any, there are no steps.</param>
public sealed record ProvisioningPlan(BundleTenant? Tenant, IReadOnlyList<string> Errors, IReadOnlyList<PlanStep> Steps)
{
    public bool IsValid => Errors.Count == 0;
}
