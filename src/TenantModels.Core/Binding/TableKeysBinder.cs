using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>Checks that keys and indexes name declared columns and that foreign keys point at a key of another table of the same scope.</summary>
internal static class TableKeysBinder
{
    private static readonly Dictionary<string, string> OnDeleteActions = new()
    {
        ["cascade"] = "CASCADE",
        ["restrict"] = "RESTRICT",
        ["set_null"] = "SET NULL",
        ["no_action"] = "NO ACTION",
    };

    public static BoundTableKeys? Bind(ModelSyntax model, TableKeysSyntax keys, ModelCatalog catalog, DiagnosticBag diagnostics)
    {
        var columns = model.Columns.Select(c => c.Name.Value).ToList();
        var ok = true;
        IReadOnlyList<string> Columns(IReadOnlyList<Located<string>> names, string what)
        {
            foreach (var name in names.Where(n => !columns.Contains(n.Value)))
            {
                diagnostics.Report(DefinitionDiagnostics.UnknownKeyColumn, name.Location, name.Value, what, model.Name.Value,
                    NameSuggestions.DidYouMean(name.Value, columns));
                ok = false;
            }

            return names.Select(n => n.Value).ToList();
        }

        var primaryKey = Columns(keys.PrimaryKey, "primary_key");
        var unique = keys.Unique.Select(u => Columns(u, "unique")).ToList();
        var indexes = keys.Indexes.Select(i => new BoundIndex(Columns(i.Columns, "indexes"), i.Unique)).ToList();
        var foreignKeys = new List<BoundForeignKey>();
        foreach (var fk in keys.ForeignKeys)
        {
            var from = Columns(fk.Columns, "foreign_keys");
            var bound = ForeignKey(model, fk, from, catalog, diagnostics);
            if (bound is null)
            {
                ok = false;
            }
            else
            {
                foreignKeys.Add(bound);
            }
        }

        return ok ? new BoundTableKeys(primaryKey, unique, indexes, foreignKeys) : null;
    }

    private static BoundForeignKey? ForeignKey(ModelSyntax model, ForeignKeySyntax fk, IReadOnlyList<string> from, ModelCatalog catalog, DiagnosticBag diagnostics)
    {
        var name = fk.References.Value;
        var target = catalog.Find(name);
        void Invalid(string why) => diagnostics.Report(DefinitionDiagnostics.InvalidForeignKey, fk.References.Location, model.Name.Value, name, why);
        if (target is null)
        {
            diagnostics.Report(DefinitionDiagnostics.UnknownModelReference, fk.References.Location, name, NameSuggestions.DidYouMean(name, catalog.Names));
            return null;
        }

        if (target.Materialized.Value != "table")
        {
            Invalid("it is not a table");
            return null;
        }

        if (target.Scope.Value != model.Scope.Value)
        {
            Invalid($"a {model.Scope.Value} table can only reference {model.Scope.Value} tables, and '{name}' has scope {target.Scope.Value}");
            return null;
        }

        var to = fk.To.Count > 0 ? fk.To.Select(t => t.Value).ToList() : target.Keys?.PrimaryKey.Select(p => p.Value).ToList() ?? new List<string>();
        var targetColumns = target.Columns.Select(c => c.Name.Value).ToList();
        var missing = to.Where(t => !targetColumns.Contains(t)).ToList();
        if (to.Count == 0 || missing.Count > 0)
        {
            Invalid(to.Count == 0 ? "it has no primary key; name the referenced columns with 'to:'" : $"it has no column '{missing[0]}'");
            return null;
        }

        var targetKeys = new List<IReadOnlyList<string>>();
        if (target.Keys is not null)
        {
            targetKeys.Add(target.Keys.PrimaryKey.Select(p => p.Value).ToList());
            targetKeys.AddRange(target.Keys.Unique.Select(u => (IReadOnlyList<string>)u.Select(c => c.Value).ToList()));
        }

        if (!targetKeys.Any(k => k.SequenceEqual(to)))
        {
            Invalid($"({string.Join(", ", to)}) is not its primary key or one of its unique keys");
            return null;
        }

        if (to.Count != from.Count)
        {
            Invalid($"{from.Count} column(s) cannot reference {to.Count}");
            return null;
        }

        var onDelete = "NO ACTION";
        if (fk.OnDelete is { } written && !OnDeleteActions.TryGetValue(written.Value, out onDelete!))
        {
            diagnostics.Report(DefinitionDiagnostics.InvalidValue, written.Location, written.Value, "on_delete", "one of " + string.Join(", ", OnDeleteActions.Keys));
            return null;
        }

        return new BoundForeignKey(from, name, to, onDelete);
    }
}
