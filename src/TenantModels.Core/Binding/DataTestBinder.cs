using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Sql;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>
/// Binds a model's <c>tests:</c> (its own and its columns'): the test is one TenantModels knows (TM1110), declared
/// where it applies and with the arguments it needs (TM1111), over columns and models that exist (TM1045, TM1041),
/// with values of the column's type, and expressions that pass the same checks as a mapping's <c>expr:</c>.
/// </summary>
internal static class DataTestBinder
{
    public static readonly IReadOnlyList<string> Names = new[] { "not_null", "unique", "accepted_values", "relationships", "expression", "row_count" };

    private static readonly Dictionary<string, DataTestKind> Kinds = new(System.StringComparer.Ordinal)
    {
        ["not_null"] = DataTestKind.NotNull,
        ["unique"] = DataTestKind.Unique,
        ["accepted_values"] = DataTestKind.AcceptedValues,
        ["relationships"] = DataTestKind.Relationships,
        ["expression"] = DataTestKind.Expression,
        ["row_count"] = DataTestKind.RowCount,
    };

    /// <returns>The bound tests; null (with diagnostics) when one of them is invalid.</returns>
    public static IReadOnlyList<BoundDataTest>? Bind(ModelSyntax model, IReadOnlyList<BoundColumn> columns, ModelCatalog catalog,
        IReadOnlyList<BoundColumn>? attributes, DiagnosticBag diagnostics)
    {
        var bound = new List<BoundDataTest>();
        var ok = true;
        foreach (var test in model.Tests ?? new DataTestSyntax[0])
        {
            var result = BindOne(model, test, columns, catalog, attributes, diagnostics);
            ok &= result is not null;
            if (result is not null)
            {
                bound.Add(result);
            }
        }

        return ok ? bound : null;
    }

    private static BoundDataTest? BindOne(ModelSyntax model, DataTestSyntax test, IReadOnlyList<BoundColumn> columns, ModelCatalog catalog,
        IReadOnlyList<BoundColumn>? attributes, DiagnosticBag diagnostics)
    {
        if (!Kinds.TryGetValue(test.Name.Value, out var kind))
        {
            diagnostics.Report(DefinitionDiagnostics.UnknownDataTest, test.Name.Location, test.Name.Value,
                NameSuggestions.DidYouMean(test.Name.Value, Names), string.Join(", ", Names));
            return null;
        }

        string? Invalid(string why, SourceLocation? at = null)
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidDataTest, at ?? test.Location, test.Name.Value, model.Name.Value, why);
            return null;
        }

        var column = test.Column is { } name ? columns.FirstOrDefault(c => c.Name == name.Value) : null;
        if (test.Column is not null && column is null)
        {
            return null; // the column itself failed to bind, and was reported
        }

        var unexpected = Unexpected(kind, test);
        if (unexpected is not null)
        {
            Invalid($"it takes no '{unexpected}'{Arguments(kind)}");
            return null;
        }

        switch (kind)
        {
            case DataTestKind.NotNull:
            case DataTestKind.AcceptedValues:
            case DataTestKind.Relationships:
                if (column is null)
                {
                    Invalid($"it is a column test: list it under the column's own tests (columns: {{ x: {{ type: …, tests: [{test.Name.Value}] }} }})");
                    return null;
                }

                break;
            case DataTestKind.Unique when column is null && test.Columns.Count == 0:
                Invalid("a model-level unique test names its columns: unique: { columns: [a, b] } (or list unique under one column's tests)");
                return null;
            case DataTestKind.Unique when column is not null && test.Columns.Count > 0:
                Invalid("under a column, unique tests that column: list several columns with a model-level unique: { columns: [...] }");
                return null;
            case DataTestKind.RowCount when column is not null:
                Invalid("row_count counts the model's rows: list it under the model's tests, not a column's");
                return null;
        }

        var single = column is null ? new string[0] : new[] { column.Name };
        switch (kind)
        {
            case DataTestKind.NotNull:
                return new BoundDataTest(kind, column!.Name, single, test.Location);
            case DataTestKind.Unique:
                return BindUnique(model, test, column, columns, diagnostics);
            case DataTestKind.AcceptedValues:
                return BindAcceptedValues(test, column!, Invalid);
            case DataTestKind.Relationships:
                return BindRelationship(model, test, column!, catalog, diagnostics, Invalid);
            case DataTestKind.Expression:
                return BindExpression(model, test, column, attributes, diagnostics, Invalid);
            default:
                return BindRowCount(test, Invalid);
        }
    }

    /// <returns>An argument the test does not take, or null.</returns>
    private static string? Unexpected(DataTestKind kind, DataTestSyntax test)
    {
        var given = new List<string>();
        if (test.HasValues)
        {
            given.Add("values");
        }

        if (test.Columns.Count > 0)
        {
            given.Add("columns");
        }

        if (test.To is not null)
        {
            given.Add("to");
        }

        if (test.ToColumn is not null)
        {
            given.Add("column");
        }

        if (test.Expression is not null)
        {
            given.Add("expression");
        }

        if (test.Min is not null)
        {
            given.Add("min");
        }

        if (test.Max is not null)
        {
            given.Add("max");
        }

        var allowed = kind switch
        {
            DataTestKind.Unique => new[] { "columns" },
            DataTestKind.AcceptedValues => new[] { "values" },
            DataTestKind.Relationships => new[] { "to", "column" },
            DataTestKind.Expression => new[] { "expression" },
            DataTestKind.RowCount => new[] { "min", "max" },
            _ => new string[0],
        };
        return given.FirstOrDefault(g => !allowed.Contains(g));
    }

    private static string Arguments(DataTestKind kind) => kind switch
    {
        DataTestKind.Unique => "; it takes columns: [a, b] at model level",
        DataTestKind.AcceptedValues => "; it takes values: [a, b]",
        DataTestKind.Relationships => "; it takes to: model and column: name",
        DataTestKind.Expression => "; it takes one SQL expression: expression: \"amount >= 0\"",
        DataTestKind.RowCount => "; it takes min: and max:",
        _ => "; it takes no arguments",
    };

    private static BoundDataTest? BindUnique(ModelSyntax model, DataTestSyntax test, BoundColumn? column, IReadOnlyList<BoundColumn> columns, DiagnosticBag diagnostics)
    {
        if (column is not null)
        {
            return new BoundDataTest(DataTestKind.Unique, column.Name, new[] { column.Name }, test.Location);
        }

        var ok = true;
        foreach (var name in test.Columns.Where(n => columns.All(c => c.Name != n.Value)))
        {
            diagnostics.Report(DefinitionDiagnostics.UnknownKeyColumn, name.Location, name.Value, "a unique test", model.Name.Value,
                NameSuggestions.DidYouMean(name.Value, columns.Select(c => c.Name)));
            ok = false;
        }

        return ok ? new BoundDataTest(DataTestKind.Unique, null, test.Columns.Select(c => c.Value).Distinct().ToList(), test.Location) : null;
    }

    private static BoundDataTest? BindAcceptedValues(DataTestSyntax test, BoundColumn column, System.Func<string, SourceLocation?, string?> invalid)
    {
        if (test.Values.Count == 0)
        {
            invalid("it needs the values the column may hold: accepted_values: { values: [a, b] }", null);
            return null;
        }

        var values = new List<string>();
        foreach (var value in test.Values)
        {
            if (column.Type.Category == TypeCategory.Unknown)
            {
                return null; // the column's type was reported
            }

            if (!LiteralValues.TryNormalize(column.Type, value.Value, out var normalized))
            {
                invalid($"'{value.Value}' is not a valid value of column '{column.Name}', which is {column.Type.SqlName}", value.Location);
                return null;
            }

            values.Add(normalized);
        }

        return new BoundDataTest(DataTestKind.AcceptedValues, column.Name, new[] { column.Name }, test.Location, values.Distinct().ToList());
    }

    private static BoundDataTest? BindRelationship(ModelSyntax model, DataTestSyntax test, BoundColumn column, ModelCatalog catalog, DiagnosticBag diagnostics,
        System.Func<string, SourceLocation?, string?> invalid)
    {
        if (test.To is not { } to)
        {
            invalid("it needs the model the column references: relationships: { to: model, column: name }", null);
            return null;
        }

        var target = catalog.Find(to.Value);
        if (target is null)
        {
            diagnostics.Report(DefinitionDiagnostics.UnknownModelReference, to.Location, to.Value, NameSuggestions.DidYouMean(to.Value, catalog.Names));
            return null;
        }

        if (target.From.Count > 1)
        {
            invalid($"model '{to.Value}' is built from several sources, one object per tenant and source; reference a model with one object per tenant", to.Location);
            return null;
        }

        var targetColumns = target.Columns.Select(c => c.Name.Value).ToList();
        string? referenced = test.ToColumn?.Value;
        if (referenced is null)
        {
            var key = target.Keys?.PrimaryKey ?? new Located<string>[0];
            if (key.Count != 1)
            {
                invalid($"model '{to.Value}' has no one-column primary key to default to: name the column, relationships: {{ to: {to.Value}, column: name }}", to.Location);
                return null;
            }

            referenced = key[0].Value;
        }

        if (!targetColumns.Contains(referenced))
        {
            diagnostics.Report(DefinitionDiagnostics.UnknownKeyColumn, test.ToColumn?.Location ?? to.Location, referenced, "a relationships test", to.Value,
                NameSuggestions.DidYouMean(referenced, targetColumns));
            return null;
        }

        return new BoundDataTest(DataTestKind.Relationships, column.Name, new[] { column.Name }, test.Location, References: to.Value, ReferencedColumn: referenced);
    }

    private static BoundDataTest? BindExpression(ModelSyntax model, DataTestSyntax test, BoundColumn? column, IReadOnlyList<BoundColumn>? attributes,
        DiagnosticBag diagnostics, System.Func<string, SourceLocation?, string?> invalid)
    {
        if (test.Expression is not { } expression)
        {
            invalid("it needs one SQL expression that every row satisfies: expression: \"amount >= 0\"", null);
            return null;
        }

        // The test runs for one tenant at a time, also over a shared model's rows: the tenant's placeholders apply.
        var rewritten = SqlPlaceholders.Rewrite(expression, "expression", perTenant: true, referencesAllowed: false, attributes, diagnostics);
        if (rewritten is null)
        {
            return null;
        }

        if (!SqlFragmentRules.IsOneExpression(rewritten) || !SqlFragmentRules.IsBalanced(rewritten))
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidValue, expression.Location, expression.Value, "expression",
                "one SQL expression without ';', comments, unterminated quotes or unbalanced parentheses");
            return null;
        }

        return new BoundDataTest(DataTestKind.Expression, column?.Name, column is null ? new string[0] : new[] { column.Name }, test.Location, Expression: rewritten);
    }

    private static BoundDataTest? BindRowCount(DataTestSyntax test, System.Func<string, SourceLocation?, string?> invalid)
    {
        long? Bound(Located<string>? written)
        {
            if (written is not { } value)
            {
                return null;
            }

            if (long.TryParse(value.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            invalid($"'{value.Value}' is not a row count (a whole number, 0 or more)", value.Location);
            return -1;
        }

        var min = Bound(test.Min);
        var max = Bound(test.Max);
        if (min == -1 || max == -1)
        {
            return null;
        }

        if (min is null && max is null)
        {
            invalid("it needs min:, max: or both (row_count: { min: 1 })", null);
            return null;
        }

        if (min > max)
        {
            invalid($"min ({min}) is over max ({max})", test.Min!.Value.Location);
            return null;
        }

        return new BoundDataTest(DataTestKind.RowCount, null, new string[0], test.Location, Min: min, Max: max);
    }
}
