using System.Collections.Generic;

namespace TenantModels.Core.Syntax;

/// <summary>A file under models/: one model.</summary>
/// <param name="From">Per-source mappings (a staging view per tenant and source); empty for tables and SQL views.</param>
/// <param name="Sql">The SELECT of a view or materialized view written in SQL, with <c>{{ ref('model') }}</c> references.</param>
/// <param name="SqlBodyAt">Where the first line of <paramref name="Sql"/>'s body is, and the column each of its lines starts at;
/// null when its lines do not map one to one onto the file's (a folded block, a quoted value over several lines).</param>
/// <param name="CanonicalForm">How the model is canonical; null (and <paramref name="Canonical"/> false) when it is not.</param>
/// <param name="Schedule">When the model's per-tenant refresh runs (pg_cron jobs); null when it is refreshed on demand only.</param>
public sealed record ModelSyntax(
    Located<string> Name,
    Located<string> Materialized,
    Located<string> Scope,
    IReadOnlyList<ColumnSyntax> Columns,
    IReadOnlyList<SourceMappingSyntax> From,
    bool Canonical,
    Located<string>? Sql = null,
    TableKeysSyntax? Keys = null,
    Located<string>? Seed = null,
    IReadOnlyList<GrantSyntax>? Grants = null,
    string? Description = null,
    CanonicalSyntax? CanonicalForm = null,
    IReadOnlyList<DataTestSyntax>? Tests = null,
    Diagnostics.SourceLocation? SqlBodyAt = null,
    ScheduleSyntax? Schedule = null);

/// <summary>How one source provides a model's rows: a base table, optional joins, and one expression per model column.</summary>
public sealed record SourceMappingSyntax(
    Located<string> Source,
    Located<string> Table,
    IReadOnlyList<JoinSyntax> Joins,
    IReadOnlyList<ColumnMappingSyntax> Columns);

/// <summary>A lookup into another table of the same source; the table name is also its alias.</summary>
public sealed record JoinSyntax(Located<string> Table, Located<string> On, Located<string> Kind);

/// <summary>
/// One model column's value from a source: <c>col: source_column</c>, <c>col: joined_table.column</c>,
/// <c>col: null</c> (the source has no such data), or <c>col: { from: column, round: 2 }</c> / <c>col: { expr: "a * b", round: 2 }</c>.
/// </summary>
public sealed record ColumnMappingSyntax(
    Located<string> Column,
    Located<string>? Reference,
    Located<string>? Expression = null,
    Located<string>? Round = null);

/// <summary>Keys and indexes of a table (indexes also of a materialized view).</summary>
public sealed record TableKeysSyntax(
    IReadOnlyList<Located<string>> PrimaryKey,
    IReadOnlyList<IReadOnlyList<Located<string>>> Unique,
    IReadOnlyList<IndexSyntax> Indexes,
    IReadOnlyList<ForeignKeySyntax> ForeignKeys,
    Diagnostics.SourceLocation Location);

public sealed record IndexSyntax(IReadOnlyList<Located<string>> Columns, bool Unique, Diagnostics.SourceLocation Location);

/// <param name="To">Referenced columns; empty means the referenced model's primary key.</param>
public sealed record ForeignKeySyntax(
    IReadOnlyList<Located<string>> Columns,
    Located<string> References,
    IReadOnlyList<Located<string>> To,
    Located<string>? OnDelete,
    Diagnostics.SourceLocation Location);
