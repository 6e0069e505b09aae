using System.Collections.Generic;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Binding;

public enum DataTestKind
{
    NotNull,
    Unique,
    AcceptedValues,
    Relationships,
    Expression,
    RowCount,
}

/// <summary>A model's data test, checked against the model: what <c>tenantmodels test</c> runs for each tenant.</summary>
/// <param name="Column">The column it is declared under; null for a model-level test.</param>
/// <param name="Columns">The columns it reads: the column, or a model-level unique test's columns.</param>
/// <param name="Values">accepted_values: canonical text of each value, checked against the column's type.</param>
/// <param name="References">relationships: the referenced model and its column.</param>
/// <param name="Expression">expression: one SQL expression over the model's columns, placeholders written as templates.</param>
/// <param name="Min">row_count: bounds, inclusive; either may be absent.</param>
public sealed record BoundDataTest(
    DataTestKind Kind,
    string? Column,
    IReadOnlyList<string> Columns,
    SourceLocation Location,
    IReadOnlyList<string>? Values = null,
    string? References = null,
    string? ReferencedColumn = null,
    string? Expression = null,
    long? Min = null,
    long? Max = null)
{
    public static string NameOf(DataTestKind kind) => kind switch
    {
        DataTestKind.NotNull => "not_null",
        DataTestKind.Unique => "unique",
        DataTestKind.AcceptedValues => "accepted_values",
        DataTestKind.Relationships => "relationships",
        DataTestKind.Expression => "expression",
        _ => "row_count",
    };
}
