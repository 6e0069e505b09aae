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

        var file = MappingReader.For(root, path, "tenantmodels.yaml", diagnostics, "naming", "canonical_schema", "shared_schema");
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
            naming?.Scalar("database"));
    }
}
