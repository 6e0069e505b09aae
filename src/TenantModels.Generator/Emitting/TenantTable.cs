using System.Globalization;
using System.Text;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Emitting;

/// <summary>
/// The registry as one text table the generated <c>Tenants</c> class decodes once, on first use: the generated code
/// then has the same size whatever the number of tenants (a table of 10,000 tenants is one string literal, where one
/// member and one switch arm per tenant made the compiler bind tens of thousands of expressions).
/// </summary>
/// <remarks>
/// One line per tenant, fields separated by <c>|</c>: id, name, enabled (<c>1</c>/<c>0</c>), sources (comma-separated),
/// priority, tier, database, then one field per declared attribute (<see cref="AttributeSpec"/>). In a field,
/// <c>\\</c>, <c>\|</c> and <c>\uXXXX</c> (every control or line-breaking character) are escapes, and a field that is
/// exactly <c>\0</c> is null. The table is written as a verbatim literal, so each tenant is one line of the generated
/// file and only quotes are doubled; a carriage return (a checkout that rewrote line ends) is ignored when decoding.
/// </remarks>
internal static class TenantTable
{
    /// <summary>Fields before the attributes: id, name, enabled, sources, priority, tier, database.</summary>
    public const int FixedFields = 7;

    public static string Row(TenantSpec tenant)
    {
        var row = new StringBuilder();
        Field(row, tenant.Id);
        Field(row.Append('|'), tenant.Name);
        Field(row.Append('|'), tenant.Enabled ? "1" : "0");
        Field(row.Append('|'), string.Join(",", tenant.Sources));
        Field(row.Append('|'), tenant.Priority.ToString(CultureInfo.InvariantCulture));
        Field(row.Append('|'), tenant.Tier);
        Field(row.Append('|'), tenant.Database);
        foreach (var value in tenant.AttributeTexts)
        {
            Field(row.Append('|'), value);
        }

        return row.ToString();
    }

    /// <summary>The verbatim C# literal of the whole table: a line break, then one line per tenant.</summary>
    public static string Literal(TenantsSpec spec)
    {
        var text = new StringBuilder("@\"\n");
        foreach (var tenant in spec.Tenants)
        {
            text.Append(Row(tenant).Replace("\"", "\"\"")).Append('\n');
        }

        return text.Append('"').ToString();
    }

    private static void Field(StringBuilder row, string? value)
    {
        if (value is null)
        {
            row.Append("\\0");
            return;
        }

        foreach (var c in value)
        {
            if (c is '\\' or '|')
            {
                row.Append('\\').Append(c);
            }
            else if (char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029')
            {
                row.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                row.Append(c);
            }
        }
    }

    /// <summary>How many fields a row has for <paramref name="spec"/>'s attributes.</summary>
    public static int FieldCount(TenantsSpec spec) => FixedFields + spec.Attributes.Count;

    /// <summary>The C# reading attribute <paramref name="index"/> from the decoder's <c>fields</c>, typed as its property.</summary>
    public static string AttributeValue(AttributeSpec attribute, int index)
    {
        var field = "fields[" + (FixedFields + index).ToString(CultureInfo.InvariantCulture) + "]";
        if (attribute.Decoder == "{0}")
        {
            return attribute.Nullable ? field : field + "!";
        }

        var decoded = attribute.Decoder.Replace("{0}", field + "!");
        return attribute.Nullable
            ? field + " is null ? (" + attribute.PropertyType + ")null : " + decoded
            : decoded;
    }
}
