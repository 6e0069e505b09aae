using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Sql;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>Which combinations of materialization, scope, source mappings, SQL, keys and column options make sense.</summary>
internal static class ModelShapeRules
{
    public static bool Check(ModelSyntax model, Materialization materialized, ModelScope scope, IReadOnlyList<BoundColumn> columns, DiagnosticBag diagnostics)
    {
        var ok = true;
        var what = $"{model.Materialized.Value}, scope {model.Scope.Value}";
        void Fail(string why)
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidModelShape, model.Name.Location, model.Name.Value, what, why);
            ok = false;
        }

        var hasFrom = model.From.Count > 0;
        var hasSql = model.Sql is not null;
        if (materialized == Materialization.Table && (hasFrom || hasSql))
        {
            Fail("a table holds data; it has neither 'from' nor 'sql' (write a view over it instead)");
        }

        if (materialized != Materialization.Table && hasFrom == hasSql)
        {
            Fail("a view needs exactly one of 'from' (per-source mappings) or 'sql' (a SELECT over other models)");
        }

        if (hasFrom && scope == ModelScope.Shared)
        {
            Fail("models built from sources are per tenant; use scope tenant (and canonical: true for cross-tenant data)");
        }

        if (model.Canonical && scope != ModelScope.Tenant)
        {
            Fail("only per-tenant models can be canonical; a shared model already holds every tenant's rows");
        }

        if (model.Keys is { } keys && materialized != Materialization.Table
            && (keys.PrimaryKey.Count > 0 || keys.Unique.Count > 0 || keys.ForeignKeys.Count > 0))
        {
            Fail("only tables have primary keys, unique keys and foreign keys");
        }

        if (model.Keys is { } indexed && indexed.Indexes.Count > 0 && materialized == Materialization.View)
        {
            Fail("views cannot be indexed (a materialized view can)");
        }

        if (model.Seed is not null && materialized != Materialization.Table)
        {
            Fail("only tables take a seed");
        }

        if (materialized != Materialization.Table && columns.Any(c => c.Default is not null || c.Identity))
        {
            Fail("only table columns take 'default' or 'identity'");
        }

        if (materialized != Materialization.Table && columns.Any(c => c.RenamedFrom is { Count: > 0 }))
        {
            Fail("only table columns take 'renamed_from' (a view's columns are simply recreated)");
        }

        ok &= CheckRenames(model, columns, diagnostics);

        foreach (var column in columns.Where(c => c.Identity && c.Type.Category != TypeCategory.Integer && c.Type.Category != TypeCategory.Unknown))
        {
            Fail($"identity column '{column.Name}' must be smallint, integer or bigint");
        }

        if (scope == ModelScope.Shared && columns.Any(c => c.Name == BoundProject.TenantColumn))
        {
            diagnostics.Report(DefinitionDiagnostics.ReservedTenantColumn, columns.First(c => c.Name == BoundProject.TenantColumn).Location,
                model.Name.Value, BoundProject.TenantColumn);
            ok = false;
        }

        return ok;
    }

    /// <summary>An earlier name must be a valid name that no current column has and no other column claims.</summary>
    private static bool CheckRenames(ModelSyntax model, IReadOnlyList<BoundColumn> columns, DiagnosticBag diagnostics)
    {
        var ok = true;
        var current = new HashSet<string>(columns.Select(c => c.Name), System.StringComparer.Ordinal);
        var claimed = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var syntax in model.Columns.Where(c => c.RenamedFrom is not null))
        {
            foreach (var old in syntax.RenamedFrom!)
            {
                string? why = !Naming.IdentifierRules.IsValidName(old.Value) ? "it is not a valid column name"
                    : current.Contains(old.Value) ? $"the model still has a column '{old.Value}'"
                    : claimed.TryGetValue(old.Value, out var other) ? $"column '{other}' is already renamed from it"
                    : null;
                if (why is not null)
                {
                    diagnostics.Report(DefinitionDiagnostics.InvalidColumnRename, old.Location, syntax.Name.Value, model.Name.Value, old.Value, why);
                    ok = false;
                }

                claimed[old.Value] = syntax.Name.Value;
            }
        }

        return ok;
    }
}
