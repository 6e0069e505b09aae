using TenantModels.Core.Diagnostics;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Apply;

/// <summary>What apply refuses once it has planned, in its order: a blocked plan (TM3010), then unapproved data loss (TM3009). <c>plan</c> reports the same.</summary>
internal static class PlanRefusal
{
    public static Diagnostic? Of(DeploymentPlan plan, bool allowDataLoss)
    {
        if (plan.Blockers.Count > 0)
        {
            return RunnerDiagnostics.PlanBlocked.At(SourceLocation.None, string.Join("; ", plan.Blockers));
        }

        var losses = plan.DataLossSteps;
        return losses.Count > 0 && !allowDataLoss
            ? RunnerDiagnostics.DataLossRefused.At(SourceLocation.None, losses.Count, DataLoss.Describe(losses))
            : null;
    }
}
