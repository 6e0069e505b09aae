using System.Collections.Generic;
using TenantModels.Core.Bundling;

namespace TenantModels.Core.Planning;

/// <summary>An artefact expanded for one tenant, or a union expanded over <see cref="IncludedTenants"/>: what should exist.</summary>
/// <param name="SeedTemplate">For a seed with rows, its data as the bundle has it; null otherwise.</param>
/// <param name="ExpansionKey">For a tenant instance, the key of what <paramref name="Sql"/> was expanded from (<see cref="ExpansionKeys"/>).</param>
/// <param name="TableTemplate">For a table, its desired shape as the bundle has it (a template for tenant scope); null otherwise.</param>
internal sealed record DesiredInstance(
    BundleArtefact Artefact, string? TenantId, string Sql, string Checksum, string Object, IReadOnlyList<string>? IncludedTenants,
    TableDefinition? TableTemplate = null, SeedData? SeedTemplate = null, string? ExpansionKey = null)
{
    /// <summary>A seed's rows and upsert for this instance, expanded only when a plan runs it.</summary>
    public SeedData? Seed => TenantId is null ? SeedTemplate : SeedTemplate?.ExpandFor(TenantId);

    /// <summary>The table's desired shape for this instance, expanded only when a plan needs it.</summary>
    public TableDefinition? Table => TenantId is null ? TableTemplate : TableTemplate?.ExpandFor(TenantId);

    /// <summary>What the record keeps of this instance once it ran: a table's shape as data; nothing for other kinds.</summary>
    public string? RecordedDefinition => Table is { } table ? TableDefinitionJson.Write(table) : null;
}
