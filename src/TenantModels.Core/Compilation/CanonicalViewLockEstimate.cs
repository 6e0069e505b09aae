using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;

namespace TenantModels.Core.Compilation;

/// <summary>
/// How many relations one query on a canonical view locks. PostgreSQL takes a lock on every relation a query reads,
/// views included, before planning, and keeps them to the end of the transaction; they share one lock table of
/// <see cref="StockLockTable"/> entries on stock settings. So the count is the view itself plus, for each branch
/// (each enabled tenant and source it has), the tenant's object and every per-tenant relation behind it. A lower
/// bound: the raw tables' indexes (which the planner locks too, as it does a model table's) are not in the definitions, and shared models are
/// locked once whatever the tenants, so they are left out.
/// </summary>
internal static class CanonicalViewLockEstimate
{
    /// <summary>PostgreSQL's lock table on stock settings: max_locks_per_transaction 64 × (max_connections 100 + max_prepared_transactions 0).</summary>
    public const int StockLockTable = 64 * 100;

    public static int RelationsLocked(BoundProject project, BoundModel model)
    {
        var models = new Dictionary<string, BoundModel>(System.StringComparer.Ordinal);
        foreach (var m in project.Models)
        {
            models[m.Name] = m;
        }

        var memo = new Dictionary<(string, string?), int>();
        var locks = 1;
        foreach (var tenant in project.Tenants.Where(t => t.Enabled))
        {
            if (model.IsFromSources)
            {
                locks += model.Mappings.Where(m => tenant.Sources.Contains(m.Source.Name)).Sum(StagingView);
            }
            else if (model.Sql?.Source is not { } source || tenant.Sources.Contains(source))
            {
                locks += PerTenant(models, model, null, memo, new HashSet<string>(System.StringComparer.Ordinal));
            }
        }

        return locks;
    }

    /// <summary>A staging view and the raw tables it reads (a table joined twice is one lock).</summary>
    private static int StagingView(BoundSourceMapping mapping) =>
        1 + mapping.Joins.Select(j => j.Table.Name).Append(mapping.Table.Name).Distinct(System.StringComparer.Ordinal).Count();

    private static int Indexes(BoundTableKeys? keys) =>
        keys is null ? 0 : (keys.PrimaryKey.Count > 0 ? 1 : 0) + keys.Unique.Count + keys.Indexes.Count;

    /// <summary>The per-tenant relations one tenant's object of <paramref name="model"/> brings into a query.</summary>
    private static int PerTenant(IReadOnlyDictionary<string, BoundModel> models, BoundModel model, string? source, Dictionary<(string, string?), int> memo, HashSet<string> visiting)
    {
        if (model.Scope == ModelScope.Shared)
        {
            return 0;
        }

        if (memo.TryGetValue((model.Name, source), out var known))
        {
            return known;
        }

        int count;
        if (model.IsFromSources)
        {
            // ref('model') of a model with several sources: the first one, as ModelLocation resolves it.
            var mapping = model.Mappings.FirstOrDefault(m => source is null || m.Source.Name == source);
            count = mapping is null ? 1 : StagingView(mapping);
        }
        else if (model.Materialized != Materialization.View)
        {
            // The planner also locks every index of a table it reads.
            count = 1 + Indexes(model.Keys);
        }
        else if (model.Sql is null || !visiting.Add(model.Name))
        {
            count = 1;
        }
        else
        {
            count = 1 + model.Sql.Parts
                .Select(p => p.Reference)
                .OfType<ModelReference>()
                .Distinct()
                .Sum(r => models.TryGetValue(r.Model, out var referenced) ? PerTenant(models, referenced, r.Source, memo, visiting) : 0);
            visiting.Remove(model.Name);
        }

        memo[(model.Name, source)] = count;
        return count;
    }
}
