using System.Collections.Generic;
using System.Linq;

namespace TenantModels.Core.Planning;

/// <summary>The steps of one transaction: all of them commit together or none do.</summary>
/// <param name="Removal">The unit removes a tenant that is no longer wanted.</param>
public sealed record PlanUnit(PlanUnitKey Key, IReadOnlyList<PlanStep> Steps, bool Removal = false)
{
    public bool IsEmpty => Steps.Count == 0;

    /// <summary>
    /// Records of this unit left as they are whose expansion key the record lacks or has stale: the same records with
    /// the key to store (<see cref="DeployedArtefact.ExpansionKey"/>), so the next plan need not expand them.
    /// </summary>
    public IReadOnlyList<DeployedArtefact> Rekeyed { get; init; } = System.Array.Empty<DeployedArtefact>();

    public bool LosesData => Steps.Any(s => s.LosesData);
}
