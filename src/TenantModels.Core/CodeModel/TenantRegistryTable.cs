using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace TenantModels.Core.CodeModel;

/// <summary>
/// The registry as one text table the generated <c>Tenants</c> class decodes once, on first use: in the generated code
/// (a literal, when the generator has the tenants) or in the registry file the build writes beside the assembly
/// (<see cref="TenantRegistryFile"/>). Either way the generated code has the same size whatever the number of tenants.
/// </summary>
/// <remarks>
/// One line per tenant, fields separated by <c>|</c>: id, name, enabled (<c>1</c>/<c>0</c>), sources (comma-separated),
/// priority, tier, database, then one field per declared attribute. In a field, <c>\\</c>, <c>\|</c> and <c>\uXXXX</c>
/// (every control or line-breaking character) are escapes, and a field that is exactly <c>\0</c> is null. So each
/// tenant is one line; a carriage return (a checkout that rewrote line ends) is ignored when decoding.
/// </remarks>
public static class TenantRegistryTable
{
    /// <summary>Fields before the attributes: id, name, enabled, sources, priority, tier, database.</summary>
    public const int FixedFields = 7;

    /// <summary>The names of the fixed fields, as the table's header and the decoder's documentation list them.</summary>
    public const string FixedHeader = "id|name|enabled|sources|priority|tier|database";

    public static string Row(TenantCode tenant) =>
        Row(tenant.Id, tenant.Name, tenant.Enabled, tenant.Sources, tenant.Priority, tenant.Tier, tenant.Database, tenant.AttributeTexts);

    public static string Row(string id, string name, bool enabled, IEnumerable<string> sources, int priority, string? tier, string? database,
        IEnumerable<string?> attributeTexts) =>
        AppendRow(new StringBuilder(), id, name, enabled, sources, priority, tier, database, attributeTexts).ToString();

    private static StringBuilder AppendRow(StringBuilder row, string id, string name, bool enabled, IEnumerable<string> sources, int priority, string? tier, string? database,
        IEnumerable<string?> attributeTexts)
    {
        Field(row, id);
        Field(row.Append('|'), name);
        Field(row.Append('|'), enabled ? "1" : "0");
        row.Append('|');
        var first = true;
        foreach (var source in sources)
        {
            Field(first ? row : row.Append(','), source);
            first = false;
        }

        Field(row.Append('|'), priority.ToString(CultureInfo.InvariantCulture));
        Field(row.Append('|'), tier);
        Field(row.Append('|'), database);
        foreach (var value in attributeTexts)
        {
            Field(row.Append('|'), value);
        }

        return row;
    }

    /// <summary>The header naming every field, attributes included: what a registry file must start with to fit the code.</summary>
    public static string Header(IEnumerable<string> attributeNames)
    {
        var header = new StringBuilder(FixedHeader);
        foreach (var name in attributeNames)
        {
            Field(header.Append('|'), name);
        }

        return header.ToString();
    }

    /// <summary>Appends <paramref name="value"/> escaped as one field (null as <c>\0</c>).</summary>
    public static void Field(StringBuilder row, string? value)
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

    /// <summary>Splits one line into its unescaped fields (null for <c>\0</c>), the inverse of <see cref="Row(TenantCode)"/>.</summary>
    public static IReadOnlyList<string?> Split(string line)
    {
        var fields = new List<string?>();
        var text = new StringBuilder();
        var isNull = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '|')
            {
                fields.Add(isNull ? null : text.ToString());
                text.Clear();
                isNull = false;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                c = line[++i];
                if (c == '0')
                {
                    isNull = true;
                }
                else if (c == 'u' && i + 4 < line.Length)
                {
                    text.Append((char)int.Parse(line.Substring(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                    i += 4;
                }
                else
                {
                    text.Append(c);
                }
            }
            else if (c != '\r')
            {
                text.Append(c);
            }
        }

        fields.Add(isNull ? null : text.ToString());
        return fields;
    }

    /// <summary>The rows of every tenant, each ended by a line feed.</summary>
    public static string Rows(IEnumerable<TenantCode> tenants) => AppendRows(new StringBuilder(), tenants).ToString();

    /// <summary>Appends the rows of every tenant, each ended by a line feed, into one builder (10,000 tenants: no string per row).</summary>
    public static StringBuilder AppendRows(StringBuilder text, IEnumerable<TenantCode> tenants)
    {
        foreach (var t in tenants)
        {
            AppendRow(text, t.Id, t.Name, t.Enabled, t.Sources, t.Priority, t.Tier, t.Database, t.AttributeTexts).Append('\n');
        }

        return text;
    }
}
