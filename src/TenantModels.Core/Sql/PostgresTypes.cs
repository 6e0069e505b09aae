using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace TenantModels.Core.Sql;

/// <summary>The fixed set of column types definitions may use, their aliases, and which casts PostgreSQL allows between them.</summary>
public static class PostgresTypes
{
    private static readonly Dictionary<string, PostgresType> Simple = new()
    {
        ["smallint"] = new("smallint", TypeCategory.Integer),
        ["int2"] = new("smallint", TypeCategory.Integer),
        ["integer"] = new("integer", TypeCategory.Integer),
        ["int"] = new("integer", TypeCategory.Integer),
        ["int4"] = new("integer", TypeCategory.Integer),
        ["bigint"] = new("bigint", TypeCategory.Integer),
        ["int8"] = new("bigint", TypeCategory.Integer),
        ["numeric"] = new("numeric", TypeCategory.Numeric),
        ["decimal"] = new("numeric", TypeCategory.Numeric),
        ["real"] = new("real", TypeCategory.Float),
        ["float4"] = new("real", TypeCategory.Float),
        ["double precision"] = new("double precision", TypeCategory.Float),
        ["float8"] = new("double precision", TypeCategory.Float),
        ["text"] = new("text", TypeCategory.Text),
        ["varchar"] = new("varchar", TypeCategory.Text),
        ["boolean"] = new("boolean", TypeCategory.Boolean),
        ["bool"] = new("boolean", TypeCategory.Boolean),
        ["date"] = new("date", TypeCategory.Date),
        ["timestamp"] = new("timestamp", TypeCategory.Timestamp),
        ["timestamp without time zone"] = new("timestamp", TypeCategory.Timestamp),
        ["timestamptz"] = new("timestamptz", TypeCategory.Timestamp),
        ["timestamp with time zone"] = new("timestamptz", TypeCategory.Timestamp),
        ["uuid"] = new("uuid", TypeCategory.Uuid),
        ["jsonb"] = new("jsonb", TypeCategory.Json),
    };

    private static readonly Regex Parameterized = new(@"^(numeric|decimal|varchar|character varying)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$", RegexOptions.CultureInvariant);

    public static PostgresType Numeric { get; } = new("numeric", TypeCategory.Numeric);

    /// <summary>Stands in for a type that could not be bound (the error is already reported).</summary>
    public static PostgresType Unknown { get; } = new("unknown", TypeCategory.Unknown);

    /// <summary>For messages: the spellings users can write.</summary>
    public static string Supported { get; } =
        "smallint, integer, bigint, numeric, numeric(p,s), real, double precision, text, varchar(n), boolean, date, timestamp, timestamptz, uuid, jsonb, and arrays of these (e.g. text[])";

    public static IEnumerable<string> Names => Simple.Keys;

    public static bool TryParse(string text, out PostgresType type)
    {
        var normalized = Regex.Replace(text.Trim().ToLowerInvariant(), @"\s+", " ");
        if (normalized.EndsWith("[]", System.StringComparison.Ordinal))
        {
            if (TryParse(normalized.Substring(0, normalized.Length - 2), out var element) && element.Category != TypeCategory.Array)
            {
                type = new PostgresType(element.SqlName + "[]", TypeCategory.Array, element);
                return true;
            }

            type = null!;
            return false;
        }

        if (Simple.TryGetValue(normalized, out var simple))
        {
            type = simple;
            return true;
        }

        var match = Parameterized.Match(normalized);
        if (match.Success && ValidPrecision(match))
        {
            var isNumeric = match.Groups[1].Value is "numeric" or "decimal";
            var args = match.Groups[3].Success ? $"{match.Groups[2].Value},{match.Groups[3].Value}" : match.Groups[2].Value;
            type = new PostgresType((isNumeric ? "numeric" : "varchar") + "(" + args + ")", isNumeric ? TypeCategory.Numeric : TypeCategory.Text);
            return true;
        }

        type = null!;
        return false;
    }

    /// <summary>Whether an explicit <c>CAST(x AS to)</c> from <paramref name="from"/> exists in PostgreSQL.</summary>
    public static bool CanCast(PostgresType from, PostgresType to)
    {
        if (from.Category == TypeCategory.Unknown || to.Category == TypeCategory.Unknown)
        {
            return true;
        }

        if (from.Category == to.Category && from.Category != TypeCategory.Array)
        {
            return true;
        }

        if (from.Category == TypeCategory.Text || to.Category == TypeCategory.Text)
        {
            return true; // text input/output casts exist for every type
        }

        return (from.Category, to.Category) switch
        {
            (TypeCategory.Array, TypeCategory.Array) => CanCast(from.ElementType!, to.ElementType!),
            (TypeCategory.Integer or TypeCategory.Numeric or TypeCategory.Float, TypeCategory.Integer or TypeCategory.Numeric or TypeCategory.Float) => true,
            (TypeCategory.Date, TypeCategory.Timestamp) or (TypeCategory.Timestamp, TypeCategory.Date) => true,
            (TypeCategory.Integer, TypeCategory.Boolean) => from.SqlName == "integer",
            (TypeCategory.Boolean, TypeCategory.Integer) => to.SqlName == "integer",
            _ => false,
        };
    }

    private static bool ValidPrecision(Match match)
    {
        var first = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (first < 1 || first > 1000 && match.Groups[1].Value is "numeric" or "decimal")
        {
            return false;
        }

        if (!match.Groups[3].Success)
        {
            return true;
        }

        // Only numeric takes a scale: varchar(10,2) is not a type.
        return match.Groups[1].Value is "numeric" or "decimal" && int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) <= first;
    }

    internal static IEnumerable<string> Suggestions() => Simple.Keys.Where(k => !k.Contains(' '));
}
