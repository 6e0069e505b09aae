using System.Collections.Generic;
using System.Linq;

namespace TenantModels.Core.Planning;

/// <summary>The transactions that bring a database to a bundle, in execution order, assuming each one succeeds.</summary>
/// <param name="Blockers">Changes the planner cannot make safely (e.g. a changed table before ALTER planning exists); apply refuses while any remain.</param>
public sealed record DeploymentPlan(IReadOnlyList<PlanUnit> Units, IReadOnlyList<string> Blockers)
{
    public IReadOnlyList<PlanStep> Steps => Units.SelectMany(u => u.Steps).ToList();

    /// <summary>Of every unit, empty or not: the records to store an expansion key for (<see cref="PlanUnit.Rekeyed"/>).</summary>
    public IReadOnlyList<DeployedArtefact> Rekeyed { get; init; } = System.Array.Empty<DeployedArtefact>();

    public bool IsEmpty => Units.All(u => u.IsEmpty) && Blockers.Count == 0;

    public IReadOnlyList<PlanStep> DataLossSteps => Steps.Where(s => s.LosesData).ToList();
}
