using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Sql;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>Checks <c>canonical:</c>: its form, and for the table form the watermark column and the indexes.</summary>
internal static class CanonicalBinder
{
    public const string ViewForm = "view";
    public const string TableForm = "table";

    private static readonly TypeCategory[] Orderable =
    {
        TypeCategory.Integer, TypeCategory.Numeric, TypeCategory.Float, TypeCategory.Text, TypeCategory.Date, TypeCategory.Timestamp, TypeCategory.Unknown,
    };

    /// <summary>The table form, or null for the view form (and for a model that is not canonical); false when invalid (reported).</summary>
    public static bool Bind(ModelSyntax model, IReadOnlyList<BoundColumn> columns, DiagnosticBag diagnostics, out BoundCanonicalTable? table)
    {
        table = null;
        if (model.CanonicalForm is not { } canonical)
        {
            return true;
        }

        var form = canonical.Form.Value;
        if (form == ViewForm)
        {
            if (canonical.Watermark is not null || canonical.Indexes is not null)
            {
                diagnostics.Report(DefinitionDiagnostics.InvalidCanonicalForm, canonical.Location, model.Name.Value, form,
                    "'watermark' and 'indexes' belong to the table form (form: table); a view is neither refreshed nor indexed");
                return false;
            }

            return true;
        }

        if (form != TableForm)
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidCanonicalForm, canonical.Form.Location, model.Name.Value, form,
                "expected true, false, view or table");
            return false;
        }

        var ok = true;
        string? watermark = null;
        if (canonical.Watermark is { } written)
        {
            var column = columns.FirstOrDefault(c => c.Name == written.Value);
            if (column is null || !Orderable.Contains(column.Type.Category))
            {
                diagnostics.Report(DefinitionDiagnostics.InvalidCanonicalWatermark, written.Location, written.Value, model.Name.Value,
                    column is null ? "is not a column of the model" : $"has type {column.Type.SqlName}");
                ok = false;
            }
            else
            {
                watermark = column.Name;
            }
        }

        var indexes = new List<BoundIndex>();
        foreach (var index in canonical.Indexes?.Indexes ?? new IndexSyntax[0])
        {
            var unknown = index.Columns.Where(c => c.Value != BoundProject.TenantColumn && columns.All(m => m.Name != c.Value)).ToList();
            foreach (var column in unknown)
            {
                diagnostics.Report(DefinitionDiagnostics.UnknownCanonicalIndexColumn, column.Location, column.Value, model.Name.Value, BoundProject.TenantColumn);
            }

            ok &= unknown.Count == 0;
            indexes.Add(new BoundIndex(index.Columns.Select(c => c.Value).ToList(), index.Unique));
        }

        table = new BoundCanonicalTable(watermark, indexes);
        return ok;
    }
}
