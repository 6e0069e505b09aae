using System.Collections.Generic;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>One statement of a plan, with everything the runner records about the object once it ran.</summary>
/// <param name="Object">The expanded quoted name of the object the step creates or drops.</param>
/// <param name="Sql">Exactly what runs.</param>
/// <param name="Checksum">For <see cref="PlanStepAction.Create"/>: the checksum recorded for the instance.</param>
/// <param name="IncludedTenants">For a union created by this step: the tenants it was expanded over.</param>
/// <param name="Definition">What the record keeps of the object once the step ran: a table's shape as JSON (<see cref="TableDefinitionJson"/>); null for other kinds.</param>
/// <param name="DataLossItems">For an ALTER step: each change that can destroy data (dropped column, narrowing type).</param>
/// <param name="Seed">For a seed with rows: the rows and upsert the runner runs instead of <paramref name="Sql"/> (same effect: the rows by COPY, not INSERT).</param>
/// <param name="Warnings">For an ALTER step: changes that may fail depending on the rows.</param>
/// <param name="ExpansionKey">For a tenant instance created or altered: the key of what its SQL was expanded from, recorded with <paramref name="Checksum"/>.</param>
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
    IReadOnlyList<string>? IncludedTenants,
    string? Definition = null,
    IReadOnlyList<string>? DataLossItems = null,
    IReadOnlyList<string>? Warnings = null,
    SeedData? Seed = null,
    string? ExpansionKey = null)
{
    /// <summary>Dropping a schema, a table or a tenant's rows of a canonical table, or an ALTER that drops a column or narrows a type, can destroy rows; such steps need <c>--allow-data-loss</c>.</summary>
    public bool LosesData => (Action == PlanStepAction.Drop && Kind is ArtefactKind.Schema or ArtefactKind.Table or ArtefactKind.Partition)
        || (Action == PlanStepAction.Alter && DataLossItems is { Count: > 0 });

    /// <summary>
    /// The definition to record for the object once this step ran. Only a table's: the database tells everything else
    /// (a view's query tree, a role's attributes), and the record keeps only what it cannot.
    /// </summary>
    public string RecordedDefinition => Definition ?? string.Empty;

    internal DeployedArtefact ToRecord() =>
        new(ArtefactId, TenantId, Checksum ?? string.Empty, Kind, Scope, Object, Signature, DependsOn, IncludedTenants, RecordedDefinition)
        {
            ExpansionKey = ExpansionKey,
        };
}
