using System.Globalization;
using System.Text;
using TenantModels.Core.CodeModel;
using TenantModels.Generator.Model;

namespace TenantModels.Generator.Emitting;

/// <summary>
/// The registry as a C# literal of <see cref="TenantRegistryTable"/>'s text, for generated code that carries its tenants
/// (hosts without the SDK's registry file). Verbatim, so each tenant is one line of the generated file and only quotes are doubled.
/// </summary>
internal static class TenantTable
{
    public const int FixedFields = TenantRegistryTable.FixedFields;

    public static string Row(TenantSpec tenant) =>
        TenantRegistryTable.Row(tenant.Id, tenant.Name, tenant.Enabled, tenant.Sources, tenant.Priority, tenant.Tier, tenant.Database, tenant.AttributeTexts);

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
