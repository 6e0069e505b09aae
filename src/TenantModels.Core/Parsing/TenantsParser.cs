using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

internal static class TenantsParser
{
    private static readonly string[] SettingKeys = { "enabled", "priority", "tier", "database", "sources", "attributes", "time_zone", "refresh_timeout" };

    private static readonly string[] TenantKeys = With(SettingKeys, "id", "name", "overrides");

    /// <summary>
    /// Loads tenants.yaml and reads it, each entry of <c>tenants:</c> as it is loaded (<see cref="StreamedItems"/>), so the
    /// YAML of 10,000 entries is never held at once. Null (with a diagnostic) when the text is not valid YAML.
    /// </summary>
    public static TenantRegistrySyntax? Parse(string path, string text, DiagnosticBag diagnostics)
    {
        var entries = new List<TenantSyntax>();
        // Kept apart until the whole file has loaded: YAML that fails to load gets its one error, as every file does.
        var entryDiagnostics = new DiagnosticBag();
        var streamed = new StreamedItems("tenants", item => Entry(path, item, entryDiagnostics, entries));
        if (!YamlDocumentLoader.TryLoad(path, text, diagnostics, out var root, streamed))
        {
            return null;
        }

        return Parse(path, root, diagnostics, streamed.Streamed ? (entries, entryDiagnostics) : null);
    }

    public static TenantRegistrySyntax Parse(string path, YamlNode? root, DiagnosticBag diagnostics) => Parse(path, root, diagnostics, null);

    /// <param name="streamedEntries">The entries already read as the file loaded (the tree's list is then empty).</param>
    private static TenantRegistrySyntax Parse(string path, YamlNode? root, DiagnosticBag diagnostics, (List<TenantSyntax> Tenants, DiagnosticBag Diagnostics)? streamedEntries)
    {
        var file = MappingReader.For(root, path, "tenants.yaml", diagnostics, "attributes", "defaults", "tenants");
        if (file is null)
        {
            return TenantRegistrySyntax.Empty;
        }

        var defaults = file.Node("defaults") is { } defaultsNode
            ? MappingReader.For(defaultsNode, path, "defaults", diagnostics, SettingKeys)
            : null;
        var list = file.Sequence("tenants", required: true);
        var tenants = streamedEntries?.Tenants ?? new List<TenantSyntax>(list.Count);
        if (streamedEntries is { } streamed)
        {
            diagnostics.AddRange(streamed.Diagnostics);
        }

        foreach (var item in list)
        {
            Entry(path, item, diagnostics, tenants);
        }

        return new TenantRegistrySyntax(
            ColumnParser.Parse(file, "attributes", diagnostics, required: false),
            defaults is null ? TenantSettingsSyntax.Empty : Settings(defaults),
            tenants);
    }

    private static void Entry(string path, YamlNode item, DiagnosticBag diagnostics, List<TenantSyntax> tenants)
    {
        var tenant = MappingReader.For(item, path, "tenant", diagnostics, TenantKeys);
        var id = tenant?.Scalar("id", required: true);
        if (tenant is not null && id is not null)
        {
            tenants.Add(new TenantSyntax(id.Value, tenant.Scalar("name")?.Value, Settings(tenant),
                tenant.Node("overrides") is null ? null : OverridesParser.Parse(tenant, diagnostics)));
        }
    }

    private static TenantSettingsSyntax Settings(MappingReader reader) => new(
        reader.Node("enabled") is null ? null : reader.Boolean("enabled", defaultValue: true),
        reader.Scalar("priority"),
        reader.Scalar("tier"),
        reader.Scalar("database"),
        reader.Node("sources") is null ? null : reader.ScalarList("sources"),
        Attributes(reader),
        reader.Scalar("time_zone"),
        reader.Scalar("refresh_timeout"));

    private static IReadOnlyList<KeyValuePair<Located<string>, AttributeValueSyntax>> Attributes(MappingReader reader)
    {
        var entries = reader.Entries("attributes");
        if (entries.Count == 0)
        {
            return System.Array.Empty<KeyValuePair<Located<string>, AttributeValueSyntax>>();
        }

        var values = new List<KeyValuePair<Located<string>, AttributeValueSyntax>>();
        foreach (var entry in entries)
        {
            var value = entry.Value is YamlSequenceNode list ? List(reader, entry.Key.Value, list) : Single(reader, entry.Key.Value, entry.Value);
            if (value is not null)
            {
                values.Add(new KeyValuePair<Located<string>, AttributeValueSyntax>(entry.Key, value));
            }
        }

        return values;
    }

    private static AttributeValueSyntax? Single(MappingReader reader, string key, YamlNode node) =>
        reader.ScalarOf(node, key) is { } value ? new AttributeValueSyntax(value) : null;

    /// <summary>A list, for an array-typed attribute (the binder knows the type): each item one value or null.</summary>
    private static AttributeValueSyntax? List(MappingReader reader, string key, YamlSequenceNode list)
    {
        var items = new List<Located<string>?>();
        var ok = true;
        foreach (var item in list.Children)
        {
            if (item is YamlScalarNode scalar && MappingReader.IsNull(scalar))
            {
                items.Add(null);
                continue;
            }

            var value = reader.ScalarOf(item, key + " item");
            ok &= value is not null;
            items.Add(value);
        }

        var text = "[" + string.Join(", ", items.Select(i => i?.Value ?? "null").ToArray()) + "]";
        return ok ? new AttributeValueSyntax(new Located<string>(text, YamlLocation.Of(reader.Path, list)), items) : null;
    }

    private static string[] With(string[] keys, params string[] more)
    {
        var all = new string[more.Length + keys.Length];
        more.CopyTo(all, 0);
        keys.CopyTo(all, more.Length);
        return all;
    }
}
