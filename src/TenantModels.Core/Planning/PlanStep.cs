using System.Collections.Generic;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>One statement of a plan, with everything the runner records about the object once it ran.</summary>
/// <param name="Object">The expanded quoted name of the object the step creates or drops.</param>
/// <param name="Sql">Exactly what runs.</param>
/// <param name="Checksum">For <see cref="PlanStepAction.Create"/>: the checksum recorded for the instance.</param>
/// <param name="IncludedTenants">For a union created by this step: the tenants it was expanded over.</param>
public sealed record PlanStep(
    PlanStepAction Action,
    PlanStepReason Reason,
    string ArtefactId,
    string? TenantId,
    ArtefactKind Kind,
    ArtefactScope Scope,
    string Object,
    string Sql,
    string? Checksum,
    string? Signature,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string>? IncludedTenants)
{
    /// <summary>Dropping a schema or a table can destroy rows; such steps need <c>--allow-data-loss</c>.</summary>
    public bool LosesData => Action == PlanStepAction.Drop && Kind is ArtefactKind.Schema or ArtefactKind.Table;

    internal DeployedArtefact ToRecord() =>
        new(ArtefactId, TenantId, Checksum ?? string.Empty, Kind, Scope, Object, Signature, DependsOn, IncludedTenants);
}
