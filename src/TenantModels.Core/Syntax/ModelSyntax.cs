using System.Collections.Generic;

namespace TenantModels.Core.Syntax;

/// <summary>A file under models/: one model.</summary>
public sealed record ModelSyntax(
    Located<string> Name,
    Located<string> Materialized,
    Located<string> Scope,
    IReadOnlyList<ColumnSyntax> Columns,
    IReadOnlyList<SourceMappingSyntax> From,
    bool Canonical);

/// <summary>How one source provides a model's rows: a base table, optional joins, and one expression per model column.</summary>
public sealed record SourceMappingSyntax(
    Located<string> Source,
    Located<string> Table,
    IReadOnlyList<JoinSyntax> Joins,
    IReadOnlyList<ColumnMappingSyntax> Columns);

/// <summary>A lookup into another table of the same source; the table name is also its alias.</summary>
public sealed record JoinSyntax(Located<string> Table, Located<string> On, Located<string> Kind);

/// <summary><c>model_column: source_column</c> or <c>model_column: joined_table.column</c>.</summary>
public sealed record ColumnMappingSyntax(Located<string> Column, Located<string> Reference);
