using System.Collections.Generic;
using TenantModels.Core.Diagnostics;

namespace TenantModels.Core.Syntax;

/// <summary>
/// One entry of a <c>tests:</c> list, on a model or under one of its columns: <c>- not_null</c>, <c>- unique</c>,
/// <c>- accepted_values: { values: [a, b] }</c>, <c>- relationships: { to: model, column: x }</c>,
/// <c>- expression: "amount >= 0"</c>, <c>- row_count: { min: 1, max: 1000 }</c>, <c>- unique: { columns: [a, b] }</c>.
/// </summary>
/// <param name="Name">The test, as written (checked against the known tests in binding).</param>
/// <param name="Column">The column the test is declared under; null for a model-level test.</param>
/// <param name="Columns">Model-level <c>unique: { columns: [...] }</c>; empty otherwise.</param>
public sealed record DataTestSyntax(
    Located<string> Name,
    Located<string>? Column,
    SourceLocation Location,
    IReadOnlyList<Located<string>> Values,
    IReadOnlyList<Located<string>> Columns,
    Located<string>? To = null,
    Located<string>? ToColumn = null,
    Located<string>? Expression = null,
    Located<string>? Min = null,
    Located<string>? Max = null,
    bool HasValues = false);
