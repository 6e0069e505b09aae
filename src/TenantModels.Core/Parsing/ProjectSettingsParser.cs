using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

internal static class ProjectSettingsParser
{
    public static ProjectSettingsSyntax Parse(string path, YamlNode? root, DiagnosticBag diagnostics)
    {
        if (root is null)
        {
            return new ProjectSettingsSyntax(null, null, null);
        }

        var file = MappingReader.For(root, path, "tenantmodels.yaml", diagnostics, "naming", "canonical_schema", "shared_schema", "security", "canonical_view_tenant_limit", "waves", "distribution", "tests");
        if (file is null)
        {
            return new ProjectSettingsSyntax(null, null, null);
        }

        var naming = file.Node("naming") is { } namingNode
            ? MappingReader.For(namingNode, path, "naming", diagnostics, "raw_schema", "staging_schema", "tenant_schema", "database")
            : null;
        return new ProjectSettingsSyntax(
            naming?.Scalar("raw_schema"),
            naming?.Scalar("staging_schema"),
            file.Scalar("canonical_schema"),
            naming?.Scalar("tenant_schema"),
            file.Scalar("shared_schema"),
            naming?.Scalar("database"),
            file.Node("security") is { } securityNode ? ParseSecurity(securityNode, path, diagnostics) : null,
            file.Scalar("canonical_view_tenant_limit"),
            file.Node("waves") is null ? null : WavesParser.Parse(file, path, diagnostics),
            file.Scalar("distribution"),
            file.Node("tests") is null ? null : file.ScalarList("tests"));
    }

    private static SecuritySyntax? ParseSecurity(YamlNode node, string path, DiagnosticBag diagnostics)
    {
        var security = MappingReader.For(node, path, "security", diagnostics, "isolation", "prefix", "owner", "admin", "app", "schema", "tenant_roles");
        if (security is null)
        {
            return null;
        }

        System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<Located<string>, Located<string>>>? roles = null;
        if (security.Node("tenant_roles") is not null)
        {
            roles = new();
            foreach (var entry in security.Entries("tenant_roles"))
            {
                if (security.ScalarOf(entry.Value, entry.Key.Value) is { } pattern)
                {
                    roles.Add(new(entry.Key, pattern));
                }
            }
        }

        return new SecuritySyntax(
            security.Scalar("isolation"),
            security.Scalar("prefix"),
            security.Scalar("owner"),
            security.Scalar("admin"),
            security.Scalar("app"),
            security.Scalar("schema"),
            roles,
            security.Location);
    }
}
