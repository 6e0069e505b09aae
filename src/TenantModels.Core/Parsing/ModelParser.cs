using System.Collections.Generic;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Syntax;
using YamlDotNet.RepresentationModel;

namespace TenantModels.Core.Parsing;

internal static class ModelParser
{
    public static ModelSyntax? Parse(string path, YamlNode? root, DiagnosticBag diagnostics, string? text = null)
    {
        var file = MappingReader.For(root, path, "model file", diagnostics,
            "model", "materialized", "scope", "columns", "from", "sql", "canonical", "primary_key", "unique", "indexes", "foreign_keys", "seed", "grants", "description", "tests", "schedule");
        var name = file?.Scalar("model", required: true);
        if (file is null || name is null)
        {
            return null;
        }

        var defaultAt = file.Location;
        var canonical = CanonicalParser.Parse(file, diagnostics);
        return new ModelSyntax(
            name.Value,
            file.Scalar("materialized") ?? new Located<string>("view", defaultAt),
            file.Scalar("scope") ?? new Located<string>("tenant", defaultAt),
            ColumnParser.Parse(file, "columns", diagnostics, required: true, tableColumns: true),
            file.Node("from") is null ? new SourceMappingSyntax[0] : ParseMappings(file, diagnostics),
            canonical is not null,
            file.Scalar("sql"),
            TableKeysParser.Parse(file, diagnostics),
            file.Scalar("seed"),
            file.Node("grants") is null ? null : ParseGrants(file),
            file.Scalar("description")?.Value,
            canonical,
            Tests(file, diagnostics),
            SqlBodyStart.Of(path, file.Node("sql"), text),
            ScheduleParser.Parse(file, diagnostics));
    }

    /// <summary>The model's own <c>tests:</c>, then each column's (long form), in the order written.</summary>
    private static IReadOnlyList<DataTestSyntax> Tests(MappingReader file, DiagnosticBag diagnostics)
    {
        var tests = new List<DataTestSyntax>(DataTestParser.Parse(file, null, diagnostics));
        foreach (var column in file.Node("columns") is YamlMappingNode ? file.Entries("columns") : new KeyValuePair<Located<string>, YamlNode>[0])
        {
            if (column.Value is YamlMappingNode details && details.Children.ContainsKey(new YamlScalarNode("tests")))
            {
                // The column's keys were reported by ColumnParser already: read only its tests here.
                var reader = MappingReader.For(details, file.Path, $"column '{column.Key.Value}'", new DiagnosticBag(), "tests");
                tests.AddRange(DataTestParser.Parse(reader!, column.Key, diagnostics));
            }
        }

        return tests;
    }

    /// <summary><c>grants: { reader: [select], writer: [select, insert] }</c>.</summary>
    private static IReadOnlyList<GrantSyntax> ParseGrants(MappingReader file)
    {
        var grants = new List<GrantSyntax>();
        foreach (var entry in file.Entries("grants"))
        {
            var privileges = new List<Located<string>>();
            if (entry.Value is YamlSequenceNode sequence)
            {
                foreach (var item in sequence.Children)
                {
                    if (file.ScalarOf(item, entry.Key.Value + " privilege") is { } privilege)
                    {
                        privileges.Add(privilege);
                    }
                }
            }
            else if (file.ScalarOf(entry.Value, entry.Key.Value) is { } single)
            {
                privileges.Add(single);
            }

            grants.Add(new GrantSyntax(entry.Key, privileges));
        }

        return grants;
    }

    private static IReadOnlyList<SourceMappingSyntax> ParseMappings(MappingReader file, DiagnosticBag diagnostics)
    {
        var mappings = new List<SourceMappingSyntax>();
        foreach (var entry in file.Entries("from"))
        {
            var mapping = MappingReader.For(entry.Value, file.Path, $"mapping from '{entry.Key.Value}'", diagnostics, "table", "join", "columns");
            var table = mapping?.Scalar("table", required: true);
            if (mapping is null || table is null)
            {
                continue;
            }

            var columns = new List<ColumnMappingSyntax>();
            foreach (var column in mapping.Entries("columns", required: true))
            {
                var parsed = ParseColumnMapping(mapping, column.Key, column.Value, diagnostics);
                if (parsed is not null)
                {
                    columns.Add(parsed);
                }
            }

            mappings.Add(new SourceMappingSyntax(entry.Key, table.Value, ParseJoins(mapping, diagnostics), columns));
        }

        return mappings;
    }

    internal static ColumnMappingSyntax? ParseColumnMapping(MappingReader mapping, Located<string> column, YamlNode value, DiagnosticBag diagnostics)
    {
        if (value is YamlScalarNode scalar)
        {
            var isNull = scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && (scalar.Value is null or "" or "~" or "null");
            return isNull
                ? new ColumnMappingSyntax(column, null)
                : new ColumnMappingSyntax(column, new Located<string>(scalar.Value ?? string.Empty, YamlLocation.Of(mapping.Path, scalar)));
        }

        var detail = MappingReader.For(value, mapping.Path, $"mapping of column '{column.Value}'", diagnostics, "from", "expr", "round");
        if (detail is null)
        {
            return null;
        }

        var from = detail.Scalar("from");
        var expr = detail.Scalar("expr");
        if ((from is null) == (expr is null))
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidValue, detail.Location, column.Value, "column mapping",
                "exactly one of 'from' (a source column) or 'expr' (an SQL expression over the source's columns)");
            return null;
        }

        return new ColumnMappingSyntax(column, from, expr, detail.Scalar("round"));
    }

    /// <summary><c>join: { table: "condition" }</c> or <c>join: { table: { on: "condition", type: inner } }</c>.</summary>
    internal static IReadOnlyList<JoinSyntax> ParseJoins(MappingReader mapping, DiagnosticBag diagnostics)
    {
        var joins = new List<JoinSyntax>();
        foreach (var entry in mapping.Entries("join"))
        {
            if (entry.Value is YamlScalarNode)
            {
                var on = mapping.ScalarOf(entry.Value, entry.Key.Value);
                if (on is not null)
                {
                    joins.Add(new JoinSyntax(entry.Key, on.Value, new Located<string>("left", entry.Key.Location)));
                }

                continue;
            }

            var join = MappingReader.For(entry.Value, mapping.Path, $"join '{entry.Key.Value}'", diagnostics, "on", "type");
            var condition = join?.Scalar("on", required: true);
            if (join is not null && condition is not null)
            {
                joins.Add(new JoinSyntax(entry.Key, condition.Value, join.Scalar("type") ?? new Located<string>("left", entry.Key.Location)));
            }
        }

        return joins;
    }
}
