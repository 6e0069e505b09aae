using System.Collections.Generic;

namespace TenantModels.Core.Syntax;

/// <summary>
/// A tenant's <c>overrides:</c> of one source in tenants.yaml: where this tenant's raw layout differs from the source file.
/// </summary>
/// <param name="Tables">Columns this tenant's raw tables have in addition to (or with another type than) the source's declaration.</param>
/// <param name="Mappings">Per model: what replaces parts of the model's mapping from this source, for this tenant only.</param>
public sealed record SourceOverrideSyntax(
    Located<string> Source,
    IReadOnlyList<SourceTableSyntax> Tables,
    IReadOnlyList<MappingOverrideSyntax> Mappings);

/// <summary>
/// Changes to one model's mapping from a source for one tenant: another base table, joins added or replaced (by table
/// name), column mappings replaced (by model column). What is not written is the model's own mapping.
/// </summary>
public sealed record MappingOverrideSyntax(
    Located<string> Model,
    Located<string>? Table,
    IReadOnlyList<JoinSyntax> Joins,
    IReadOnlyList<ColumnMappingSyntax> Columns);
