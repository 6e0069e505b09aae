using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

internal static class TenantsParser
{
    private static readonly string[] SettingKeys = { "enabled", "priority", "tier", "database", "sources", "attributes" };

    public static TenantRegistrySyntax Parse(string path, YamlNode? root, DiagnosticBag diagnostics)
    {
        var file = MappingReader.For(root, path, "tenants.yaml", diagnostics, "attributes", "defaults", "tenants");
        if (file is null)
        {
            return TenantRegistrySyntax.Empty;
        }

        var defaults = file.Node("defaults") is { } defaultsNode
            ? MappingReader.For(defaultsNode, path, "defaults", diagnostics, SettingKeys)
            : null;
        var tenants = new List<TenantSyntax>();
        foreach (var item in file.Sequence("tenants", required: true))
        {
            var tenant = MappingReader.For(item, path, "tenant", diagnostics, With(SettingKeys, "id", "name"));
            var id = tenant?.Scalar("id", required: true);
            if (tenant is not null && id is not null)
            {
                tenants.Add(new TenantSyntax(id.Value, tenant.Scalar("name")?.Value, Settings(tenant)));
            }
        }

        return new TenantRegistrySyntax(
            ColumnParser.Parse(file, "attributes", diagnostics, required: false),
            defaults is null ? TenantSettingsSyntax.Empty : Settings(defaults),
            tenants);
    }

    private static TenantSettingsSyntax Settings(MappingReader reader) => new(
        reader.Node("enabled") is null ? null : reader.Boolean("enabled", defaultValue: true),
        reader.Scalar("priority"),
        reader.Scalar("tier"),
        reader.Scalar("database"),
        reader.Node("sources") is null ? null : reader.ScalarList("sources"),
        Attributes(reader));

    private static IReadOnlyList<KeyValuePair<Located<string>, Located<string>>> Attributes(MappingReader reader)
    {
        var values = new List<KeyValuePair<Located<string>, Located<string>>>();
        foreach (var entry in reader.Entries("attributes"))
        {
            var value = reader.ScalarOf(entry.Value, entry.Key.Value);
            if (value is not null)
            {
                values.Add(new KeyValuePair<Located<string>, Located<string>>(entry.Key, value.Value));
            }
        }

        return values;
    }

    private static string[] With(string[] keys, params string[] more)
    {
        var all = new string[more.Length + keys.Length];
        more.CopyTo(all, 0);
        keys.CopyTo(all, more.Length);
        return all;
    }
}
