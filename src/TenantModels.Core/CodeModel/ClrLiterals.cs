using System;
using System.Globalization;
using System.Text;
using TenantModels.Core.Sql;

namespace TenantModels.Core.CodeModel;

/// <summary>
/// C# expressions for values written in definitions (tenant attributes), from the canonical text the binder
/// already checked against the declared type (<c>LiteralValues</c>).
/// </summary>
public static class ClrLiterals
{
    /// <summary>The attribute's C# type: as for columns, except arrays, which keep PostgreSQL's array literal text (<c>{a,b}</c>).</summary>
    public static ClrType AttributeType(PostgresType type) =>
        type.Category == TypeCategory.Array ? new ClrType("string", IsValueType: false) : ClrTypes.Map(type);

    /// <summary>A C# expression of <see cref="AttributeType"/> for <paramref name="value"/> (null gives <c>null</c>).</summary>
    public static string Attribute(PostgresType type, string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var invariant = CultureInfo.InvariantCulture;
        switch (type.Category)
        {
            case TypeCategory.Integer:
                return type.SqlName switch
                {
                    "smallint" => "(short)" + value,
                    "integer" => value,
                    _ => value + "L",
                };
            case TypeCategory.Numeric:
                return value + "m";
            case TypeCategory.Float:
                return value + (type.SqlName == "real" ? "f" : "d");
            case TypeCategory.Boolean:
                return value;
            case TypeCategory.Date:
                var date = DateTime.ParseExact(value, "yyyy-MM-dd", invariant, DateTimeStyles.None);
                return FormattableString.Invariant($"new global::System.DateOnly({date.Year}, {date.Month}, {date.Day})");
            case TypeCategory.Timestamp:
                var utc = type.SqlName == "timestamptz";
                var time = DateTime.Parse(value, invariant, utc ? DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal : DateTimeStyles.None);
                return FormattableString.Invariant($"new global::System.DateTime({time.Ticks}L, global::System.DateTimeKind.{(utc ? "Utc" : "Unspecified")})");
            case TypeCategory.Uuid:
                return "new global::System.Guid(" + String(value) + ")";
            default:
                return String(value);
        }
    }

    /// <summary>A regular C# string literal: quotes, backslashes and control characters escaped.</summary>
    public static string String(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
