using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

/// <summary>Columns are written <c>name: type</c> or <c>name: { type: ..., nullable: false }</c>, in sources and models alike.</summary>
internal static class ColumnParser
{
    public static IReadOnlyList<ColumnSyntax> Parse(MappingReader owner, string key, DiagnosticBag diagnostics, bool required)
    {
        var columns = new List<ColumnSyntax>();
        foreach (var entry in owner.Entries(key, required))
        {
            if (entry.Value is YamlScalarNode)
            {
                var type = owner.ScalarOf(entry.Value, entry.Key.Value);
                if (type is not null)
                {
                    columns.Add(new ColumnSyntax(entry.Key, type.Value, Nullable: true));
                }

                continue;
            }

            var column = MappingReader.For(entry.Value, owner.Path, $"column '{entry.Key.Value}'", diagnostics, "type", "nullable", "default", "identity", "description");
            var declared = column?.Scalar("type", required: true);
            if (column is not null && declared is not null)
            {
                var identity = column.Boolean("identity", defaultValue: false);
                columns.Add(new ColumnSyntax(
                    entry.Key,
                    declared.Value,
                    column.Boolean("nullable", defaultValue: !identity),
                    column.Scalar("default"),
                    identity,
                    column.Scalar("description")?.Value));
            }
        }

        return columns;
    }
}
