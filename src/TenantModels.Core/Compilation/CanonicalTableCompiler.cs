using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// The table form of a canonical model (<c>canonical: table</c>): one table in the canonical schema holding every
/// tenant's rows, with the view form's columns and types plus <c>tenant_id</c>, indexed on <c>tenant_id</c>, filled per
/// tenant from the same SELECTs the view form unions — so the rows are the view form's rows.
/// </summary>
/// <remarks>
/// One table, not a partition per tenant: a query locks every partition it may read, so at a few thousand tenants an
/// all-tenant query overflowed a stock lock table (max_locks_per_transaction 64), and each new partition made the
/// next one slower to create. One table with an index leading on tenant_id plans a one-tenant query as fast and an
/// all-tenant one with three locks (docs/performance.md, canonical table storage). Three artefacts: the table (global:
/// column changes are ALTERs), the fill (per tenant, run on apply in the tenant's transaction) and the refresh (per
/// tenant, never applied: what <c>tenantmodels refresh</c> runs). Fill and refresh replace the tenant's rows with a
/// DELETE and an INSERT in one transaction, which readers see atomically at commit; they are union templates expanded
/// over one tenant, so a tenant gets the branches of the sources it has. The fill keeps its artefact kind (partition)
/// and id (canonical_partition.*) so databases deployed with the partition-per-tenant form plan it as a change.
/// </remarks>
internal static class CanonicalTableCompiler
{
    private const string TenantColumn = BoundProject.TenantColumn;

    public static IEnumerable<CompiledArtefact> Compile(BoundProject project, BoundModel model)
    {
        var parent = Parent(project, model);
        yield return parent;
        if (project.Security is not null)
        {
            // Its own artefact, as for every model object: a grants change re-runs only this, never ALTERs the table.
            yield return SecurityCompiler.CanonicalTableGrants(project, model, parent);
        }

        yield return Fill(project, model);
        yield return Refresh(project, model);
    }

    /// <summary>The indexes the table gets: the declared ones (unique ones with tenant_id first), and one leading on tenant_id unless a declared one does.</summary>
    public static IReadOnlyList<(IReadOnlyList<string> Columns, bool Unique)> Indexes(BoundModel model)
    {
        var table = model.CanonicalTable!;
        var indexes = table.Indexes
            // A tenant's rows are unique among themselves: another tenant may have the same key.
            .Select(i => ((IReadOnlyList<string>)(i.Unique && !i.Columns.Contains(TenantColumn) ? new[] { TenantColumn }.Concat(i.Columns).ToList() : i.Columns), i.Unique))
            .ToList();
        // Every fill, refresh and one-tenant query selects one tenant's rows; with a watermark, a refresh also reads the
        // tenant's highest value, which (tenant_id, watermark) answers from the end of the tenant's range.
        var tenantIndex = table.Watermark is { } watermark ? new[] { TenantColumn, watermark } : new[] { TenantColumn };
        if (!indexes.Any(i => i.Item1.Take(tenantIndex.Length).SequenceEqual(tenantIndex)))
        {
            indexes.Insert(0, (tenantIndex, false));
        }

        return indexes;
    }

    private static CompiledArtefact Parent(BoundProject project, BoundModel model)
    {
        var columns = model.Columns.Select(c => new TableColumn(SqlWriter.QuoteIdentifier(c.Name), c.Type.SqlName, false, false, null))
            .Concat(new[] { new TableColumn(SqlWriter.QuoteIdentifier(TenantColumn), "text", false, true, null) })
            .ToList();
        var indexes = Indexes(model).Select(i => TableCompiler.Index(project.CanonicalSchema, model.Name, i.Columns, i.Unique)).ToList();
        var table = new TableDefinition(columns, new TableConstraint[0], indexes);
        var name = SqlWriter.QualifiedName(project.CanonicalSchema, model.Name);
        var sql = TableSql.Create(name, table);
        if (CitusSharedSql.Applies(project))
        {
            CitusSharedSql.DistributeTable(sql, name);
        }

        return new CompiledArtefact(
            ArtefactIds.CanonicalTable(model.Name),
            ArtefactKind.Table,
            ArtefactScope.Global,
            null,
            sql.ToString(),
            new[] { ArtefactIds.CanonicalSchema },
            name,
            table.Signature,
            Table: table);
    }

    /// <summary>Replace the tenant's rows whole, in the tenant's transaction.</summary>
    private static CompiledArtefact Fill(BoundProject project, BoundModel model)
    {
        var table = TableName(project, model);
        var header = new SqlWriter()
            .Append("DELETE FROM ").Append(table).Append(" WHERE ").Append(TenantIs()).Line(";");
        Insert(header, table, model);
        var dependsOn = new List<string> { ArtefactIds.CanonicalTable(model.Name) };
        dependsOn.AddRange(CanonicalViewCompiler.TenantDependencies(model));
        return Template(ArtefactIds.CanonicalPartition(model.Name), ArtefactKind.Partition, project, model, header.ToString(), null, dependsOn);
    }

    /// <summary>
    /// Refill the tenant's rows in one transaction — DELETE then INSERT, which readers see atomically at commit (TRUNCATE
    /// would take every tenant's rows and is not MVCC-safe). With a watermark: only the tenant's rows at or past its
    /// highest watermark are replaced, and source rows past the highest one kept are inserted; a tenant without any
    /// watermark value is refilled whole.
    /// </summary>
    private static CompiledArtefact Refresh(BoundProject project, BoundModel model)
    {
        var table = TableName(project, model);
        var header = new SqlWriter();
        string? filter = null;
        if (model.CanonicalTable!.Watermark is { } watermark)
        {
            var column = SqlWriter.QuoteIdentifier(watermark);
            var highest = "(SELECT max(" + column + ") FROM " + table + " WHERE " + TenantIs() + ")";
            header.Append("DELETE FROM ").Append(table).Append(" WHERE ").Append(TenantIs()).Append(" AND (").Append(column).Append(" >= ").Append(highest)
                .Append(" OR ").Append(highest).Line(" IS NULL);");
            filter = " WHERE " + highest + " IS NULL OR " + column + " > " + highest;
        }
        else
        {
            header.Append("DELETE FROM ").Append(table).Append(" WHERE ").Append(TenantIs()).Line(";");
        }

        Insert(header, table, model);
        return Template(ArtefactIds.CanonicalRefresh(model.Name), ArtefactKind.Refresh, project, model, header.ToString(), filter,
            new[] { ArtefactIds.CanonicalPartition(model.Name) });
    }

    private static string TenantIs() => SqlWriter.QuoteIdentifier(TenantColumn) + " = " + SqlWriter.QuoteLiteral(ArtefactTemplate.TenantPlaceholder);

    private static void Insert(SqlWriter sql, string table, BoundModel model) =>
        sql.Append("INSERT INTO ").Append(table).Append(" (").Join(", ", model.Columns, (w, c) => w.Identifier(c.Name)).Append(", ").Identifier(TenantColumn).Append(")");

    private static CompiledArtefact Template(string id, ArtefactKind kind, BoundProject project, BoundModel model, string header, string? filter, IReadOnlyList<string> dependsOn) => new(
        id,
        kind,
        ArtefactScope.Tenant,
        SourceOf(model),
        new UnionTemplate(header, CanonicalViewCompiler.Branches(project, model, filter), CanonicalViewCompiler.Empty(model)).Write(),
        dependsOn,
        // The table itself: what apply checks is there, and what a removed tenant's rows are deleted from (DropStatements).
        TableName(project, model),
        null);

    private static string TableName(BoundProject project, BoundModel model) => SqlWriter.QualifiedName(project.CanonicalSchema, model.Name);

    /// <summary>A model with one source is filled only for the tenants with that source; one with several, for every tenant (no rows without any).</summary>
    private static string? SourceOf(BoundModel model) => model.IsFromSources
        ? model.Mappings.Count == 1 ? model.Mappings[0].Source.Name : null
        : model.Sql?.Source;
}
