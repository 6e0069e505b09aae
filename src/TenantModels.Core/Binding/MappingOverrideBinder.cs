using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Parsing;
using TenantModels.Core.Syntax;

namespace TenantModels.Core.Binding;

/// <summary>
/// Binds each tenant's <c>overrides:</c>: the tenant's shape of a source (extra or retyped raw columns) and, per model,
/// the model's mapping with the overridden parts replaced. The result is checked exactly like a model's own mapping,
/// so an override gets the same diagnostics, located where the override is written.
/// </summary>
internal static class MappingOverrideBinder
{
    public static IReadOnlyList<BoundMappingOverride> Bind(
        IReadOnlyList<TenantSyntax> tenants,
        IReadOnlyList<BoundTenant> boundTenants,
        IReadOnlyDictionary<string, BoundSource> sources,
        IReadOnlyDictionary<string, ModelSyntax> models,
        IReadOnlyList<BoundModel> boundModels,
        ModelBinder binder,
        DiagnosticBag diagnostics)
    {
        if (tenants.All(t => t.OverrideList.Count == 0))
        {
            // The usual registry: no tenant overrides anything, and 10,000 tenants need no lookup built.
            return System.Array.Empty<BoundMappingOverride>();
        }

        var result = new List<BoundMappingOverride>();
        var tenantSources = boundTenants.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First().Sources, System.StringComparer.Ordinal);
        var bound = boundModels.ToDictionary(m => m.Name, System.StringComparer.Ordinal);
        foreach (var tenant in tenants)
        {
            foreach (var written in tenant.OverrideList)
            {
                if (!sources.TryGetValue(written.Source.Value, out var declared))
                {
                    diagnostics.Report(DefinitionDiagnostics.UnknownSource, written.Source.Location, written.Source.Value,
                        NameSuggestions.DidYouMean(written.Source.Value, sources.Keys));
                    continue;
                }

                var reads = tenantSources.TryGetValue(tenant.Id.Value, out var list) ? list : new string[0];
                if (!reads.Contains(written.Source.Value))
                {
                    diagnostics.Report(DefinitionDiagnostics.OverrideOfUnreadSource, written.Source.Location, tenant.Id.Value, written.Source.Value,
                        reads.Count == 0 ? "none" : string.Join(", ", reads.ToArray()));
                    continue;
                }

                var source = TenantSource(declared, written.Tables, diagnostics);
                if (source is null)
                {
                    continue;
                }

                foreach (var mapping in written.Mappings)
                {
                    if (Bind(tenant, written.Source, mapping, source, models, bound, binder, diagnostics) is { } done)
                    {
                        result.Add(done);
                    }
                }
            }
        }

        return result.OrderBy(o => o.Tenant, System.StringComparer.Ordinal).ThenBy(o => o.Model, System.StringComparer.Ordinal)
            .ThenBy(o => o.Mapping.Source.Name, System.StringComparer.Ordinal).ToList();
    }

    private static BoundMappingOverride? Bind(
        TenantSyntax tenant,
        Located<string> sourceName,
        MappingOverrideSyntax written,
        BoundSource source,
        IReadOnlyDictionary<string, ModelSyntax> models,
        IReadOnlyDictionary<string, BoundModel> bound,
        ModelBinder binder,
        DiagnosticBag diagnostics)
    {
        if (!models.TryGetValue(written.Model.Value, out var model))
        {
            diagnostics.Report(DefinitionDiagnostics.UnknownModelReference, written.Model.Location, written.Model.Value,
                NameSuggestions.DidYouMean(written.Model.Value, models.Keys));
            return null;
        }

        var own = model.From.FirstOrDefault(m => m.Source.Value == sourceName.Value);
        if (own is null)
        {
            diagnostics.Report(DefinitionDiagnostics.OverrideOfMissingMapping, written.Model.Location, tenant.Id.Value, model.Name.Value, sourceName.Value);
            return null;
        }

        if (!bound.TryGetValue(model.Name.Value, out var boundModel))
        {
            // The model itself did not bind: its diagnostics say why, and an override of it cannot be checked.
            return null;
        }

        var merged = Merge(own, sourceName, written);
        return binder.BindMapping(model, boundModel.Columns, merged, source) is { } mapping
            ? new BoundMappingOverride(tenant.Id.Value, model.Name.Value, mapping)
            : null;
    }

    /// <summary>The model's mapping with what the override writes in place of its parts: joins by table, columns by model column.</summary>
    private static SourceMappingSyntax Merge(SourceMappingSyntax own, Located<string> sourceName, MappingOverrideSyntax written)
    {
        var joins = own.Joins.Where(j => written.Joins.All(w => w.Table.Value != j.Table.Value)).Concat(written.Joins).ToList();
        var columns = own.Columns
            .Select(c => written.Columns.FirstOrDefault(w => w.Column.Value == c.Column.Value) ?? c)
            .Concat(written.Columns.Where(w => own.Columns.All(c => c.Column.Value != w.Column.Value)))
            .ToList();
        return new SourceMappingSyntax(sourceName, written.Table ?? own.Table, joins, columns);
    }

    /// <summary>The source as this tenant's raw tables have it: the declared columns, plus or retyped by the override's.</summary>
    private static BoundSource? TenantSource(BoundSource declared, IReadOnlyList<SourceTableSyntax> overridden, DiagnosticBag diagnostics)
    {
        if (overridden.Count == 0)
        {
            return declared;
        }

        var tables = new SortedDictionary<string, BoundTable>(declared.Tables.ToDictionary(t => t.Key, t => t.Value), System.StringComparer.Ordinal);
        var ok = true;
        foreach (var table in overridden)
        {
            if (!tables.TryGetValue(table.Name.Value, out var own))
            {
                diagnostics.Report(DefinitionDiagnostics.UnknownSourceTable, table.Name.Location, declared.Name, table.Name.Value,
                    NameSuggestions.DidYouMean(table.Name.Value, declared.Tables.Keys));
                ok = false;
                continue;
            }

            var added = TypeBinder.BindColumns(table.Columns, diagnostics);
            var columns = own.Columns.Select(c => added.FirstOrDefault(a => a.Name == c.Name) ?? c)
                .Concat(added.Where(a => own.Column(a.Name) is null))
                .ToList();
            tables[table.Name.Value] = own with { Columns = columns };
        }

        return ok ? declared with { Tables = tables } : null;
    }
}
