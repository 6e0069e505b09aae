using TenantModels.Core.Binding;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// Moving a database off the first table form of <c>canonical: table</c>: a parent list-partitioned by tenant with one
/// partition per tenant (<c>&lt;model&gt;$&lt;tenant&gt;</c>). That form ran out of lock table at a few thousand tenants
/// (an all-tenant query locks every partition), so the form is now one table; these statements take an old database
/// there without ever touching every partition in one transaction, which would fail the same way.
/// </summary>
/// <remarks>
/// The planner adds them to the steps of records of the old form only (PartitionedCanonicalTable). The table's step
/// first renames the old partitioned table aside (it and its indexes: the new table's indexes want their names), which
/// locks the old table alone, then creates the new table under the model's name. Each tenant's fill step first drops
/// that tenant's old partition (a lock on it and the old table), then fills the tenant's rows from its sources as every
/// fill does; the step that drops the last partition drops the old table. Until its tenant's unit commits, a partition
/// keeps its rows in the old table, so a tenant whose unit fails loses nothing: the next apply moves it.
/// </remarks>
internal static class PartitionedFormMigration
{
    private const string Dollar = SqlWriter.DollarQuote;

    /// <summary>A partition's name in the old form: <c>$</c> cannot appear in model names or tenant ids, so none collided.</summary>
    public static string PartitionName(string model, string tenant) => model + "$" + tenant;

    /// <summary>
    /// Renames an old list-partitioned table of that name and its indexes to <c>$&lt;oid&gt;</c> (no model, partition or
    /// index name starts with <c>$</c>); nothing when the table is missing or already the one-table form.
    /// </summary>
    public static string RenameAside(string schema, string table) => new SqlWriter()
        .Line("-- The partition-per-tenant form is renamed aside with its indexes, not copied: reading or dropping every partition in")
        .Line("-- one transaction takes a lock on each, more than a stock lock table holds. Each tenant's step drops its own partition.")
        .Line("DO " + Dollar)
        .Line("DECLARE")
        .Append("    old_table oid := pg_catalog.to_regclass(").Literal(SqlWriter.QualifiedName(schema, table)).Line(");")
        .Line("    old_index record;")
        .Line("BEGIN")
        .Line("    IF EXISTS (SELECT FROM pg_catalog.pg_partitioned_table WHERE partrelid = old_table AND partstrat = 'l') THEN")
        .Line("        FOR old_index IN SELECT indexrelid FROM pg_catalog.pg_index WHERE indrelid = old_table LOOP")
        .Line("            EXECUTE pg_catalog.format('ALTER INDEX %s RENAME TO %I', old_index.indexrelid::regclass, '$' || old_index.indexrelid);")
        .Line("        END LOOP;")
        .Line("        EXECUTE pg_catalog.format('ALTER TABLE %s RENAME TO %I', old_table::regclass, '$' || old_table);")
        .Line("    END IF;")
        .Line("END")
        .Line(Dollar + ";")
        .ToString();

    /// <summary>
    /// Drops the tenant's partition of the old form if it is still there, and the old table with its last partition.
    /// Looked up by exact name in the catalog (to_regclass would truncate a name past 63 bytes onto another one).
    /// </summary>
    /// <param name="tenant">The tenant id, or the template placeholder.</param>
    public static string DropOldPartition(string schema, string table, string tenant) => new SqlWriter()
        .Line("-- This tenant's partition of the partition-per-tenant form, and the old table with its last partition.")
        .Line("DO " + Dollar)
        .Line("DECLARE")
        .Line("    old_partition oid;")
        .Line("    old_table oid;")
        .Line("BEGIN")
        .Line("    SELECT c.oid, i.inhparent INTO old_partition, old_table")
        .Line("    FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_inherits AS i ON i.inhrelid = c.oid")
        .Append("    WHERE c.relnamespace = pg_catalog.to_regnamespace(").Literal(SqlWriter.QuoteIdentifier(schema)).Append(") AND c.relname = ")
        .Literal(PartitionName(table, tenant)).Line(" AND c.relispartition;")
        .Line("    IF old_partition IS NOT NULL THEN")
        .Line("        EXECUTE pg_catalog.format('DROP TABLE %s', old_partition::regclass);")
        .Line("        -- The old table once renamed aside, never one still under the model's name.")
        .Append("        IF old_table IS DISTINCT FROM pg_catalog.to_regclass(").Literal(SqlWriter.QualifiedName(schema, table)).Line(")")
        .Line("            AND NOT EXISTS (SELECT FROM pg_catalog.pg_inherits WHERE inhparent = old_table) THEN")
        .Line("            EXECUTE pg_catalog.format('DROP TABLE %s', old_table::regclass);")
        .Line("        END IF;")
        .Line("    END IF;")
        .Line("END")
        .Line(Dollar + ";")
        .ToString();

    /// <summary>Deletes a tenant's rows from the table, if it is still a table (a model switched back to the view form keeps the name).</summary>
    public static string DeleteTenantRows(string qualifiedTable, string tenant) => new SqlWriter()
        .Line("DO " + Dollar)
        .Line("BEGIN")
        .Append("    IF EXISTS (SELECT FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass(").Literal(qualifiedTable).Line(") AND relkind IN ('r', 'p')) THEN")
        .Append("        DELETE FROM ").Append(qualifiedTable).Append(" WHERE ").Identifier(BoundProject.TenantColumn).Append(" = ").Literal(tenant).Line(";")
        .Line("    END IF;")
        .Line("END")
        .Line(Dollar + ";")
        .ToString();
}
