using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Bundling;

/// <summary>One per-tenant value a tenant artefact uses: its <see cref="TenantValues"/> key, type and canonical text (null for NULL).</summary>
public sealed record TenantValue(string Key, string Type, string? Value);

/// <summary>
/// A per-tenant value the bundle's SQL uses, as the manifest declares it: its type, whether it may be NULL, and the
/// registry's default, which is what a tenant provisioned at run time gets.
/// </summary>
public sealed record TenantValueDeclaration(string Key, string Type, bool Nullable, string? Default);

/// <summary>
/// <c>{{ tier }}</c> and <c>{{ attr('name') }}</c> in SQL a user writes become the template placeholders
/// <c>{{tier}}</c> and <c>{{attr:name}}</c>; expanding an artefact for a tenant writes the tenant's value there as a
/// typed constant (<see cref="TypedLiteral"/>). The values stay out of the templates, so one tenant's change alters
/// only that tenant's expanded instances (and checksums) and the bundle still grows with models plus tenants.
/// </summary>
public static class TenantValues
{
    public const string TierKey = "tier";

    /// <summary>A colon, not a dot: <c>attr.name</c> would read as a table and column to the mapping checks.</summary>
    public const string AttributePrefix = "attr:";

    private static readonly Regex Placeholder = new(@"\{\{(tier|attr:[a-z][a-z0-9_]*)\}\}", RegexOptions.CultureInvariant);

    public static string AttributeKey(string name) => AttributePrefix + name;

    public static string PlaceholderOf(string key) => "{{" + key + "}}";

    /// <summary>How a user writes the value in SQL, for messages: <c>{{ tier }}</c>, <c>{{ attr('region') }}</c>.</summary>
    public static string Written(string key) =>
        key.StartsWith(AttributePrefix, StringComparison.Ordinal) ? "{{ attr('" + key.Substring(AttributePrefix.Length) + "') }}" : "{{ " + key + " }}";

    /// <summary>The keys a template uses, each once, in order of appearance.</summary>
    public static IEnumerable<string> KeysIn(string template) =>
        template.IndexOf("{{", StringComparison.Ordinal) < 0
            ? Enumerable.Empty<string>()
            : Placeholder.Matches(template).Cast<Match>().Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    /// <summary>The template with each value placeholder written as <paramref name="stand"/>, for checks of the SQL around them.</summary>
    public static string WithoutPlaceholders(string template, string stand) =>
        template.IndexOf("{{", StringComparison.Ordinal) < 0 ? template : Placeholder.Replace(template, stand);

    public static bool Occur(string template) => template.IndexOf("{{", StringComparison.Ordinal) >= 0 && Placeholder.IsMatch(template);

    /// <summary>Writes each value placeholder of <paramref name="text"/> (already expanded for the tenant id) as the tenant's value.</summary>
    /// <exception cref="InvalidOperationException">The tenant has no value for a placeholder.</exception>
    public static string Substitute(string text, BundleTenant tenant)
    {
        if (text.IndexOf("{{", StringComparison.Ordinal) < 0)
        {
            return text;
        }

        // One pass: a value's text is never scanned for placeholders again.
        return Placeholder.Replace(text, match =>
        {
            var key = match.Groups[1].Value;
            var value = tenant.Values?.FirstOrDefault(v => v.Key == key)
                ?? throw new InvalidOperationException($"tenant '{tenant.Id}' has no value for {match.Value}");
            return Literal(value);
        });
    }

    /// <exception cref="FormatException">The type is not one TenantModels writes, or the value is not of the type.</exception>
    public static string Literal(TenantValue value)
    {
        if (!PostgresTypes.TryParse(value.Type, out var type) || type.Category == TypeCategory.Unknown)
        {
            throw new FormatException($"'{value.Type}' is not a type of a per-tenant value");
        }

        return TypedLiteral.Write(type, value.Value);
    }

    /// <summary>What a tenant the registry does not list (provisioned at run time) gets: every default.</summary>
    public static IReadOnlyList<TenantValue> Defaults(IReadOnlyList<TenantValueDeclaration>? declarations) =>
        (declarations ?? Array.Empty<TenantValueDeclaration>()).Select(d => new TenantValue(d.Key, d.Type, d.Default)).ToList();

    /// <summary>Why a tenant provisioned at run time cannot get its values: required values without a default.</summary>
    public static IEnumerable<string> MissingDefaults(IReadOnlyList<TenantValueDeclaration>? declarations) =>
        (declarations ?? Array.Empty<TenantValueDeclaration>())
            .Where(d => d.Default is null && !d.Nullable)
            .Select(d => $"the SQL uses {Written(d.Key)}, which is required (nullable: false) and has no default in tenants.yaml: "
                + "a tenant provisioned at run time takes the registry's defaults; give it one under defaults: or add the tenant to tenants.yaml");
}
