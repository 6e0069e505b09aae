using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Parsing;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Bundling;

/// <summary>
/// An attribute value written outside the registry (<c>--where region=eu</c>, <c>tenants provision --attribute</c>), read
/// against the type the registry declares, in the canonical text the registry's own tenants carry.
/// </summary>
public static class AttributeValue
{
    /// <summary>False with <paramref name="error"/> (naming what the registry declares) when the name is undeclared or the type does not read the text.</summary>
    public static bool TryRead(BundleManifest manifest, string name, string text, out PostgresType type, out string value, out string? error)
    {
        var declared = manifest.Attributes ?? new BundleAttribute[0];
        type = default!;
        value = string.Empty;
        var attribute = declared.FirstOrDefault(a => a.Name == name);
        if (attribute is null)
        {
            error = $"the registry declares no attribute '{name}'{NameSuggestions.DidYouMean(name, declared.Select(a => a.Name))}; {Known(declared)}";
            return false;
        }

        if (!PostgresTypes.TryParse(attribute.Type, out type) || !LiteralValues.TryNormalize(type, text, out value))
        {
            error = $"'{text}' is not a value of attribute '{name}', which is {attribute.Type}; {Known(declared)}";
            return false;
        }

        error = null;
        return true;
    }

    private static string Known(IReadOnlyList<BundleAttribute> declared) =>
        declared.Count == 0
            ? "the registry declares no attributes"
            : "the registry's attributes: " + string.Join(", ", declared.Select(a => $"{a.Name} ({a.Type})"));
}
