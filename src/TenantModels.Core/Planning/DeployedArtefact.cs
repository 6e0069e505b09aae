using System.Collections.Generic;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>What the database records as deployed for one artefact instance.</summary>
/// <param name="TenantId">The tenant it was expanded for; null for a global or union artefact.</param>
/// <param name="Checksum">Checksum of the expanded SQL that ran (<see cref="ArtefactInstance.Checksum"/>).</param>
/// <param name="Kind">Null in records written before the runner kept it; filled from the bundle when the artefact is still there.</param>
/// <param name="Object">The expanded quoted name, so the object can be dropped after its artefact left the bundle.</param>
/// <param name="Signature">A view's output columns when it was applied; a different one forces drop and recreate.</param>
/// <param name="DependsOn">Artefact ids it depended on when applied: the edges used to find what must be dropped with it.</param>
/// <param name="IncludedTenants">For union artefacts, the tenants whose branches it was expanded over.</param>
/// <param name="Definition">The expanded SQL recorded when it was applied (a table's CREATE TABLE, which ALTER planning diffs against).</param>
public sealed record DeployedArtefact(
    string ArtefactId,
    string? TenantId,
    string Checksum,
    ArtefactKind? Kind = null,
    ArtefactScope? Scope = null,
    string? Object = null,
    string? Signature = null,
    IReadOnlyList<string>? DependsOn = null,
    IReadOnlyList<string>? IncludedTenants = null,
    string? Definition = null)
{
    /// <summary>
    /// The key of what the expansion recorded as <see cref="Checksum"/> was made from (<see cref="ExpansionKeys"/>), for
    /// a tenant instance; null for other instances and in records written before the runner kept it.
    /// </summary>
    public string? ExpansionKey { get; init; }

    /// <summary>Set when the live database no longer has the object as it was applied: the planner repairs it.</summary>
    public LiveCondition? Live { get; init; }

    /// <summary>For a table the live database has in another shape than recorded: what ALTER planning starts from instead.</summary>
    public LiveTable? LiveTable { get; init; }
}
