using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

internal static class SourceParser
{
    public static SourceSyntax? Parse(string path, YamlNode? root, DiagnosticBag diagnostics)
    {
        var file = MappingReader.For(root, path, "source file", diagnostics, "source", "schema", "tables");
        var name = file?.Scalar("source", required: true);
        if (file is null || name is null)
        {
            return null;
        }

        var tables = new List<SourceTableSyntax>();
        foreach (var entry in file.Entries("tables", required: true))
        {
            var table = MappingReader.For(entry.Value, path, $"table '{entry.Key.Value}'", diagnostics, "columns");
            if (table is not null)
            {
                tables.Add(new SourceTableSyntax(entry.Key, ColumnParser.Parse(table, "columns", diagnostics, required: true)));
            }
        }

        return new SourceSyntax(name.Value, file.Scalar("schema"), tables);
    }
}
