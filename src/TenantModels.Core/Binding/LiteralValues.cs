using System;
using System.Globalization;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Binding;

/// <summary>Checks a literal written in a definition (a tenant attribute, a seed value) against its declared type and returns the canonical text.</summary>
public static class LiteralValues
{
    public static bool TryNormalize(PostgresType type, string text, out string value)
    {
        value = text;
        var invariant = CultureInfo.InvariantCulture;
        switch (type.Category)
        {
            case TypeCategory.Integer:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var integer) || !FitsInteger(type.SqlName, integer))
                {
                    return false;
                }

                value = integer.ToString(invariant);
                return true;
            case TypeCategory.Numeric:
            case TypeCategory.Float:
                if (!decimal.TryParse(text, NumberStyles.Float, invariant, out var number))
                {
                    return false;
                }

                value = number.ToString(invariant);
                return true;
            case TypeCategory.Boolean:
                if (text is "true" or "false")
                {
                    return true;
                }

                return false;
            case TypeCategory.Date:
                return DateTime.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out _);
            case TypeCategory.Timestamp:
                return DateTime.TryParse(text, invariant, DateTimeStyles.RoundtripKind, out _);
            case TypeCategory.Uuid:
                if (!Guid.TryParse(text, out var guid))
                {
                    return false;
                }

                value = guid.ToString("D");
                return true;
            case TypeCategory.Text:
            case TypeCategory.Json:
            case TypeCategory.Array: // PostgreSQL checks array literals ({a,b}) when it casts them
            case TypeCategory.Unknown:
                return true;
            default:
                return false;
        }
    }

    private static bool FitsInteger(string sqlName, long value) => sqlName switch
    {
        "smallint" => value >= short.MinValue && value <= short.MaxValue,
        "integer" => value >= int.MinValue && value <= int.MaxValue,
        _ => true,
    };
}
