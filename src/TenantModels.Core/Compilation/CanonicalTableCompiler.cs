using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Planning;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// The table form of a canonical model (<c>canonical: table</c>): a table in the canonical schema list-partitioned by
/// <c>tenant_id</c>, with the view form's columns and types, and one partition per tenant filled from the same SELECTs
/// the view form unions — so the rows are the view form's rows. PostgreSQL prunes a single-tenant query to one
/// partition at plan time instead of planning every branch of a UNION ALL.
/// </summary>
/// <remarks>
/// Three artefacts: the parent (global, a table: column changes are ALTERs that partitions follow), the partition
/// (per tenant: created and filled on apply, in the tenant's transaction) and the refresh (per tenant, never applied:
/// what <c>tenantmodels refresh</c> runs). Partition and refresh are union templates expanded over one tenant, so a
/// tenant gets the branches of the sources it has.
/// </remarks>
internal static class CanonicalTableCompiler
{
    private const string TenantColumn = BoundProject.TenantColumn;

    /// <summary>A partition's name: <c>$</c> cannot appear in model names or tenant ids, so no two partitions or models share one.</summary>
    public static string PartitionName(string model, string tenant) => model + "$" + tenant;

    public static IEnumerable<CompiledArtefact> Compile(BoundProject project, BoundModel model)
    {
        var parent = Parent(project, model);
        yield return parent;
        if (project.Security is not null)
        {
            // Its own artefact, as for every model object: a grants change re-runs only this, never ALTERs the table.
            yield return SecurityCompiler.CanonicalTableGrants(project, model, parent);
        }

        yield return Partition(project, model);
        yield return Refresh(project, model);
    }

    private static CompiledArtefact Parent(BoundProject project, BoundModel model)
    {
        var canonical = model.CanonicalTable!;
        var columns = model.Columns.Select(c => new TableColumn(SqlWriter.QuoteIdentifier(c.Name), c.Type.SqlName, false, false, null))
            .Concat(new[] { new TableColumn(SqlWriter.QuoteIdentifier(TenantColumn), "text", false, true, null) })
            .ToList();
        var indexes = canonical.Indexes.Select(index =>
        {
            // A unique index on a partitioned table must contain the partition key.
            var indexColumns = index.Unique && !index.Columns.Contains(TenantColumn) ? new[] { TenantColumn }.Concat(index.Columns).ToList() : index.Columns;
            return TableCompiler.Index(project.CanonicalSchema, model.Name, indexColumns, index.Unique);
        }).ToList();
        var table = new TableDefinition(columns, new TableConstraint[0], indexes, "PARTITION BY LIST (" + SqlWriter.QuoteIdentifier(TenantColumn) + ")");
        var name = SqlWriter.QualifiedName(project.CanonicalSchema, model.Name);
        return new CompiledArtefact(
            ArtefactIds.CanonicalTable(model.Name),
            ArtefactKind.Table,
            ArtefactScope.Global,
            null,
            TableSql.Create(name, table).ToString(),
            new[] { ArtefactIds.CanonicalSchema },
            name,
            table.Signature,
            Table: table);
    }

    /// <summary>Create the tenant's partition if needed and fill it whole, in the tenant's transaction.</summary>
    private static CompiledArtefact Partition(BoundProject project, BoundModel model)
    {
        var partition = PartitionObject(project, model);
        var header = new SqlWriter()
            .Append("CREATE TABLE IF NOT EXISTS ").Append(partition).Append(" PARTITION OF ").Qualified(project.CanonicalSchema, model.Name)
            .Append(" FOR VALUES IN (").Literal(ArtefactTemplate.TenantPlaceholder).Line(");");
        if (project.Security is not null)
        {
            header.Append(SecurityCompiler.PartitionFooter(project, partition));
        }

        Fill(header, partition, model);
        var dependsOn = new List<string> { ArtefactIds.CanonicalTable(model.Name) };
        dependsOn.AddRange(CanonicalViewCompiler.TenantDependencies(model));
        return Template(ArtefactIds.CanonicalPartition(model.Name), ArtefactKind.Partition, project, model, header.ToString(), null, dependsOn);
    }

    /// <summary>
    /// Refill a partition in one transaction — DELETE then INSERT, which readers see atomically at commit (TRUNCATE would
    /// not be MVCC-safe). With a watermark: only rows at or past the partition's highest watermark are replaced, and
    /// source rows past the highest one kept are inserted; a partition without any watermark value is refilled whole.
    /// </summary>
    private static CompiledArtefact Refresh(BoundProject project, BoundModel model)
    {
        var partition = PartitionObject(project, model);
        var header = new SqlWriter();
        string? filter = null;
        if (model.CanonicalTable!.Watermark is { } watermark)
        {
            var column = SqlWriter.QuoteIdentifier(watermark);
            var highest = "(SELECT max(" + column + ") FROM " + partition + ")";
            header.Append("DELETE FROM ").Append(partition).Append(" WHERE ").Append(column).Append(" >= ").Append(highest)
                .Append(" OR ").Append(highest).Line(" IS NULL;");
            filter = " WHERE " + highest + " IS NULL OR " + column + " > " + highest;
        }
        else
        {
            header.Append("DELETE FROM ").Append(partition).Line(";");
        }

        header.Append("INSERT INTO ").Append(partition).Append(" (").Join(", ", model.Columns, (w, c) => w.Identifier(c.Name)).Append(", ").Identifier(TenantColumn).Append(")");
        return Template(ArtefactIds.CanonicalRefresh(model.Name), ArtefactKind.Refresh, project, model, header.ToString(), filter,
            new[] { ArtefactIds.CanonicalPartition(model.Name) });
    }

    private static void Fill(SqlWriter sql, string partition, BoundModel model) =>
        sql.Append("DELETE FROM ").Append(partition).Line(";")
            .Append("INSERT INTO ").Append(partition).Append(" (").Join(", ", model.Columns, (w, c) => w.Identifier(c.Name)).Append(", ").Identifier(TenantColumn).Append(")");

    private static CompiledArtefact Template(string id, ArtefactKind kind, BoundProject project, BoundModel model, string header, string? filter, IReadOnlyList<string> dependsOn) => new(
        id,
        kind,
        ArtefactScope.Tenant,
        SourceOf(model),
        new UnionTemplate(header, CanonicalViewCompiler.Branches(project, model, filter), CanonicalViewCompiler.Empty(model)).Write(),
        dependsOn,
        PartitionObject(project, model),
        null);

    private static string PartitionObject(BoundProject project, BoundModel model) =>
        SqlWriter.QualifiedName(project.CanonicalSchema, PartitionName(model.Name, ArtefactTemplate.TenantPlaceholder));

    /// <summary>A model with one source has a partition only for the tenants with that source; one with several, for every tenant (empty without any).</summary>
    private static string? SourceOf(BoundModel model) => model.IsFromSources
        ? model.Mappings.Count == 1 ? model.Mappings[0].Source.Name : null
        : model.Sql?.Source;
}
