using System;
using System.Globalization;
using System.Text;
using TenantModels.Core.Sql;

namespace TenantModels.Core.CodeModel;

/// <summary>
/// Values written in definitions (tenant attributes) for the generated C#: as text in the generated tenant table
/// and the C# that decodes that text, from the canonical text the binder already checked against the declared type
/// (<c>LiteralValues</c>).
/// </summary>
public static class ClrLiterals
{
    /// <summary>The attribute's C# type: as for columns, except arrays, which keep PostgreSQL's array literal text (<c>{a,b}</c>).</summary>
    public static ClrType AttributeType(PostgresType type) =>
        type.Category == TypeCategory.Array ? new ClrType("string", IsValueType: false) : ClrTypes.Map(type);

    /// <summary>
    /// The text the generated tenant table stores for a set attribute: the binder's canonical text, except
    /// timestamps, stored as ticks so the generated code never parses a date with a culture.
    /// </summary>
    public static string AttributeText(PostgresType type, string value)
    {
        if (type.Category != TypeCategory.Timestamp)
        {
            return value;
        }

        var utc = type.SqlName == "timestamptz";
        var time = DateTime.Parse(value, CultureInfo.InvariantCulture, utc ? DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal : DateTimeStyles.None);
        return time.Ticks.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A C# expression of <see cref="AttributeType"/> (not nullable) that decodes <see cref="AttributeText"/>;
    /// <c>{0}</c> stands for a non-null <c>string</c> expression. Every parse is culture-invariant.
    /// </summary>
    public static string AttributeDecoder(PostgresType type)
    {
        const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";
        const string Integer = "global::System.Globalization.NumberStyles.AllowLeadingSign, " + Invariant + ")";
        const string Float = "global::System.Globalization.NumberStyles.Float, " + Invariant + ")";
        switch (type.Category)
        {
            case TypeCategory.Integer:
                return type.SqlName switch
                {
                    "smallint" => "short.Parse({0}, " + Integer,
                    "integer" => "int.Parse({0}, " + Integer,
                    _ => "long.Parse({0}, " + Integer,
                };
            case TypeCategory.Numeric:
                return "decimal.Parse({0}, " + Float;
            case TypeCategory.Float:
                return (type.SqlName == "real" ? "float" : "double") + ".Parse({0}, " + Float;
            case TypeCategory.Boolean:
                return "({0} == \"true\")";
            case TypeCategory.Date:
                return "global::System.DateOnly.ParseExact({0}, \"yyyy-MM-dd\", " + Invariant + ")";
            case TypeCategory.Timestamp:
                return "new global::System.DateTime(long.Parse({0}, " + Integer + ", global::System.DateTimeKind."
                    + (type.SqlName == "timestamptz" ? "Utc" : "Unspecified") + ")";
            case TypeCategory.Uuid:
                return "new global::System.Guid({0})";
            default:
                return "{0}";
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
