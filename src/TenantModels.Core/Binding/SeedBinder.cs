using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Naming;
using TenantModels.Core.Parsing;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>
/// Reads a table's seed CSV and checks it against the model: header names declared columns (plus the tenant column of
/// a shared table), required columns are present, every value parses as its column's type; each problem located in the CSV.
/// </summary>
internal static class SeedBinder
{
    public static BoundSeed? Bind(ModelSyntax model, Located<string> seedPath, ModelScope scope, IReadOnlyList<BoundColumn> columns,
        IReadOnlyList<string>? key, IReadOnlyList<DefinitionFile> seedFiles, DiagnosticBag diagnostics)
    {
        var wanted = seedPath.Value.Replace('\\', '/').TrimStart('.', '/');
        var file = seedFiles.FirstOrDefault(f => f.RelativePath == wanted);
        if (file is null)
        {
            diagnostics.Report(DefinitionDiagnostics.SeedFileNotFound, seedPath.Location, seedPath.Value,
                NameSuggestions.DidYouMean(wanted, seedFiles.Select(f => f.RelativePath)));
            return null;
        }

        var rows = CsvReader.Read(file.Text, out var error);
        if (error is { } e)
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidSeedRow, new SourceLocation(file.Path, e.Line, e.Column), e.Message);
            return null;
        }

        if (rows.Count == 0)
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidSeedRow, SourceLocation.StartOf(file.Path), "the seed file is empty; its first line names the columns");
            return null;
        }

        var shared = scope == ModelScope.Shared;
        var tenantColumn = new BoundColumn(BoundProject.TenantColumn, Sql.PostgresTypes.Unknown, false, seedPath.Location);
        var ok = true;
        var header = new List<BoundColumn?>();
        foreach (var field in rows[0])
        {
            var column = columns.FirstOrDefault(c => c.Name == field.Value) ?? (shared && field.Value == BoundProject.TenantColumn ? tenantColumn : null);
            if (column is null || header.Contains(column))
            {
                diagnostics.Report(column is null ? DefinitionDiagnostics.UnknownSeedColumn : DefinitionDiagnostics.InvalidSeedRow,
                    new SourceLocation(file.Path, field.Line, field.Column),
                    column is null ? new object[] { field.Value, model.Name.Value, NameSuggestions.DidYouMean(field.Value, columns.Select(c => c.Name)) }
                                   : new object[] { $"column '{field.Value}' appears twice in the header" });
                ok = false;
            }

            header.Add(column);
        }

        foreach (var required in columns.Where(c => !c.Nullable && c.Default is null && !c.Identity && !header.Contains(c)))
        {
            diagnostics.Report(DefinitionDiagnostics.MissingSeedColumn, new SourceLocation(file.Path, 1, 1), model.Name.Value, required.Name, "is NOT NULL and has no default");
            ok = false;
        }

        foreach (var keyColumn in (key ?? new string[0]).Where(k => header.All(h => h?.Name != k)))
        {
            diagnostics.Report(DefinitionDiagnostics.MissingSeedColumn, new SourceLocation(file.Path, 1, 1), model.Name.Value, keyColumn,
                "is part of the table's key: a seed must carry its key so re-applying it updates rows instead of duplicating them");
            ok = false;
        }

        if (shared && !header.Contains(tenantColumn))
        {
            diagnostics.Report(DefinitionDiagnostics.MissingSeedColumn, new SourceLocation(file.Path, 1, 1), model.Name.Value, BoundProject.TenantColumn,
                "a shared table's seed must fill so each row belongs to a tenant");
            ok = false;
        }

        var values = new List<IReadOnlyList<string?>>();
        var locations = new List<SourceLocation>();
        foreach (var row in rows.Skip(1).Where(r => !(r.Count == 1 && r[0].Value.Length == 0 && !r[0].Quoted)))
        {
            if (row.Count != header.Count)
            {
                diagnostics.Report(DefinitionDiagnostics.InvalidSeedRow, new SourceLocation(file.Path, row[0].Line, 1),
                    $"this row has {row.Count} field(s) but the header has {header.Count}");
                ok = false;
                continue;
            }

            values.Add(row.Select((field, i) => Value(field, header[i], file.Path, diagnostics, ref ok)).ToList());
            locations.Add(new SourceLocation(file.Path, row[0].Line, 1));
        }

        return ok ? new BoundSeed(file.RelativePath, header.Select(c => c!.Name).ToList(), values, locations) : null;
    }

    private static string? Value(CsvField field, BoundColumn? column, string path, DiagnosticBag diagnostics, ref bool ok)
    {
        if (column is null)
        {
            return null;
        }

        var at = new SourceLocation(path, field.Line, field.Column);
        if (field.Value.Length == 0 && !field.Quoted)
        {
            if (!column.Nullable && !column.Identity)
            {
                diagnostics.Report(DefinitionDiagnostics.InvalidSeedRow, at, $"column '{column.Name}' is NOT NULL but this row leaves it empty");
                ok = false;
            }

            return null;
        }

        if (column.Name == BoundProject.TenantColumn && column.Type.Category == Sql.TypeCategory.Unknown)
        {
            if (IdentifierRules.IsValidName(field.Value))
            {
                return field.Value;
            }

            diagnostics.Report(DefinitionDiagnostics.InvalidSeedValue, at, field.Value, column.Name, "tenant id");
            ok = false;
            return null;
        }

        if (LiteralValues.TryNormalize(column.Type, field.Value, out var normalized))
        {
            return normalized;
        }

        diagnostics.Report(DefinitionDiagnostics.InvalidSeedValue, at, field.Value, column.Name, column.Type.SqlName);
        ok = false;
        return null;
    }
}
