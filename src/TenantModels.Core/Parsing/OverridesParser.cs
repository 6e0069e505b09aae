using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Parsing;

/// <summary>
/// A tenant's <c>overrides:</c> in tenants.yaml: <c>{ source: { tables: { table: { columns } }, mappings: { model: { table, join, columns } } } }</c>.
/// Joins and column mappings are written as in a model's <c>from:</c>, and read by the same code.
/// </summary>
internal static class OverridesParser
{
    public static IReadOnlyList<SourceOverrideSyntax> Parse(MappingReader tenant, DiagnosticBag diagnostics)
    {
        var overrides = new List<SourceOverrideSyntax>();
        foreach (var source in tenant.Entries("overrides"))
        {
            var reader = MappingReader.For(source.Value, tenant.Path, $"overrides of source '{source.Key.Value}'", diagnostics, "tables", "mappings");
            if (reader is not null)
            {
                overrides.Add(new SourceOverrideSyntax(source.Key, Tables(reader, diagnostics), Mappings(reader, diagnostics)));
            }
        }

        return overrides;
    }

    private static IReadOnlyList<SourceTableSyntax> Tables(MappingReader source, DiagnosticBag diagnostics)
    {
        var tables = new List<SourceTableSyntax>();
        foreach (var entry in source.Entries("tables"))
        {
            var table = MappingReader.For(entry.Value, source.Path, $"table '{entry.Key.Value}'", diagnostics, "columns");
            if (table is not null)
            {
                tables.Add(new SourceTableSyntax(entry.Key, ColumnParser.Parse(table, "columns", diagnostics, required: true)));
            }
        }

        return tables;
    }

    private static IReadOnlyList<MappingOverrideSyntax> Mappings(MappingReader source, DiagnosticBag diagnostics)
    {
        var mappings = new List<MappingOverrideSyntax>();
        foreach (var entry in source.Entries("mappings"))
        {
            var mapping = MappingReader.For(entry.Value, source.Path, $"override of the mapping of '{entry.Key.Value}'", diagnostics, "table", "join", "columns");
            if (mapping is null)
            {
                continue;
            }

            var columns = new List<ColumnMappingSyntax>();
            foreach (var column in mapping.Entries("columns"))
            {
                if (ModelParser.ParseColumnMapping(mapping, column.Key, column.Value, diagnostics) is { } parsed)
                {
                    columns.Add(parsed);
                }
            }

            mappings.Add(new MappingOverrideSyntax(entry.Key, mapping.Scalar("table"), ModelParser.ParseJoins(mapping, diagnostics), columns));
        }

        return mappings;
    }
}
