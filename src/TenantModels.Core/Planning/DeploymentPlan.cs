using System.Collections.Generic;

namespace TenantModels.Core.Planning;

/// <summary>The steps that bring a database to a bundle, in execution order.</summary>
public sealed record DeploymentPlan(IReadOnlyList<PlanStep> Steps)
{
    public bool IsEmpty => Steps.Count == 0;
}
