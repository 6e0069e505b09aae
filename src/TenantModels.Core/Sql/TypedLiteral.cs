using System;
using System.Globalization;
using System.Linq;

namespace TenantModels.Core.Sql;

/// <summary>
/// A value as a typed SQL constant (<c>10000::integer</c>, <c>'20230401'::text</c>, <c>ARRAY['ZFGD']::text[]</c>,
/// <c>NULL::date</c>), from the canonical text the binder checked (<c>LiteralValues</c>). Numbers and booleans are
/// parsed and written again, everything else is quoted by <see cref="SqlWriter.QuoteLiteral"/>: the text never reaches
/// the SQL as it is, even from a damaged manifest.
/// </summary>
public static class TypedLiteral
{
    /// <exception cref="FormatException">The value is not a value of the type.</exception>
    public static string Write(PostgresType type, string? value)
    {
        if (value is null)
        {
            return "NULL::" + type.SqlName;
        }

        if (type.Category != TypeCategory.Array)
        {
            return Constant(type, value) + "::" + type.SqlName;
        }

        var elements = ArrayLiteral.TryParse(value) ?? throw new FormatException($"'{value}' is not a {type.SqlName} value");
        return "ARRAY[" + string.Join(", ", elements.Select(e => e is null ? "NULL" : Constant(type.ElementType!, e)).ToArray()) + "]::" + type.SqlName;
    }

    private static string Constant(PostgresType type, string value)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (type.Category)
        {
            case TypeCategory.Integer:
                return long.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out var integer)
                    ? Signed(integer < 0, integer.ToString(invariant))
                    : throw new FormatException($"'{value}' is not a {type.SqlName} value");
            case TypeCategory.Numeric:
            case TypeCategory.Float:
                return decimal.TryParse(value, NumberStyles.Float, invariant, out var number)
                    ? Signed(number < 0, number.ToString(invariant))
                    : throw new FormatException($"'{value}' is not a {type.SqlName} value");
            case TypeCategory.Boolean:
                return value is "true" or "false" ? value : throw new FormatException($"'{value}' is not a boolean value");
            case TypeCategory.Array:
            case TypeCategory.Unknown:
                throw new FormatException($"{type.SqlName} is not a type of a single value");
            default:
                return SqlWriter.QuoteLiteral(value);
        }
    }

    /// <summary>A negative number is parenthesised: <c>-5::integer</c> would cast 5 and negate it, which fails at the type's minimum.</summary>
    private static string Signed(bool negative, string text) => negative ? "(" + text + ")" : text;
}
