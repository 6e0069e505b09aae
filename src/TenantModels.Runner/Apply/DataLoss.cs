using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Planning;

namespace TenantModels.Runner.Apply;

/// <summary>Names every object a plan would drop that may hold data, for the refusal message and for <c>plan</c>.</summary>
internal static class DataLoss
{
    public static string Describe(IEnumerable<PlanStep> steps) => string.Join(", ", steps.Select(s =>
        (s.Action == PlanStepAction.Alter
            ? $"table {s.Object}: {string.Join(", ", s.DataLossItems ?? System.Array.Empty<string>())}"
            : $"{s.Kind.ToString().ToLowerInvariant()} {s.Object}")
        + (s.TenantId is null ? string.Empty : " of tenant " + s.TenantId)));
}
