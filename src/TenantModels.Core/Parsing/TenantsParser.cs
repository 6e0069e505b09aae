using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

internal static class TenantsParser
{
    public static IReadOnlyList<TenantSyntax> Parse(string path, YamlNode? root, DiagnosticBag diagnostics)
    {
        var tenants = new List<TenantSyntax>();
        var file = MappingReader.For(root, path, "tenants.yaml", diagnostics, "tenants");
        if (file is null)
        {
            return tenants;
        }

        foreach (var item in file.Sequence("tenants", required: true))
        {
            var tenant = MappingReader.For(item, path, "tenant", diagnostics, "id", "name", "enabled", "sources");
            var id = tenant?.Scalar("id", required: true);
            if (tenant is null || id is null)
            {
                continue;
            }

            tenants.Add(new TenantSyntax(
                id.Value,
                tenant.Scalar("name")?.Value ?? id.Value.Value,
                tenant.Boolean("enabled", defaultValue: true),
                tenant.ScalarList("sources")));
        }

        return tenants;
    }
}
