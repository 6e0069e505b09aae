using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

/// <summary>Columns are written <c>name: type</c> or <c>name: { type: ..., nullable: false }</c>, in sources and models alike.</summary>
internal static class ColumnParser
{
    private static readonly string[] Keys = { "type", "nullable", "description" };
    private static readonly string[] TableKeys = { "type", "nullable", "default", "identity", "description", "renamed_from", "tests" };

    /// <param name="tableColumns">Model columns, where <c>default</c> and <c>identity</c> mean something; elsewhere they are unknown keys.</param>
    public static IReadOnlyList<ColumnSyntax> Parse(MappingReader owner, string key, DiagnosticBag diagnostics, bool required, bool tableColumns = false)
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

            var column = MappingReader.For(entry.Value, owner.Path, $"column '{entry.Key.Value}'", diagnostics, tableColumns ? TableKeys : Keys);
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
                    column.Scalar("description")?.Value,
                    tableColumns ? RenamedFrom(column) : null));
            }
        }

        return columns;
    }

    /// <summary><c>renamed_from: old</c> or <c>renamed_from: [older, oldest]</c>.</summary>
    private static IReadOnlyList<Located<string>>? RenamedFrom(MappingReader column) =>
        column.Node("renamed_from") switch
        {
            null => null,
            YamlSequenceNode => column.ScalarList("renamed_from"),
            _ => column.Scalar("renamed_from") is { } single ? new[] { single } : null,
        };
}
