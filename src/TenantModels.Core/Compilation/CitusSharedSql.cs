using TenantModels.Core.Binding;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// Shared isolation on a Citus cluster (row-based sharding, docs/citus.md): what the SQL of <c>distribution: citus</c> with
/// <c>isolation: shared</c> adds to or changes in the one-server SQL. Emitted only then, so every other bundle keeps its
/// exact bytes. The order is the one Citus accepts: the registry is a reference table before <c>tenant_of</c> reads it,
/// each shared (and canonical) table is distributed right after its CREATE TABLE, and its policies come after that, in
/// its grants artefact, without the subquery Citus refuses in policies on distributed tables.
/// </summary>
internal static class CitusSharedSql
{
    /// <summary>
    /// Every shared and canonical table gets this many shards. Explicit, so the tables are co-located whatever the
    /// cluster's <c>citus.shard_count</c> says (one tenant's rows of every table are on one worker, and joins on tenant_id
    /// stay on it); 32 is Citus's own default: a tenant is moved with its shard group, so more shards than workers leave
    /// room to rebalance as workers are added.
    /// </summary>
    public const int ShardCount = 32;

    /// <summary>The admin's policy on Citus: admin logins see every row by inheriting the admin role, never by SET ROLE.</summary>
    public const string AdminPolicy = "tm_admin";

    /// <summary>The tenant column is the distribution column of every distributed table.</summary>
    public const string DistributionColumn = BoundProject.TenantColumn;

    public static bool Applies(BoundProject project) =>
        project.Distribution == Distribution.Citus && project.Security?.Isolation == IsolationMode.Shared;

    /// <summary>
    /// Right after a shared or canonical table's CREATE TABLE, before any policy names it: hash-distributed by tenant_id,
    /// co-located with the project's other tables. Skipped when the table is distributed already (re-applied artefact).
    /// </summary>
    public static void DistributeTable(SqlWriter sql, string qualifiedName)
    {
        sql.Line("-- Citus: one table over the workers, distributed by tenant_id and co-located with every shared table (docs/citus.md).");
        sql.Append("SELECT pg_catalog.create_distributed_table(").Literal(qualifiedName).Append(", ").Literal(DistributionColumn)
            .Append(", colocate_with => 'default', shard_count => ").Append(ShardCount.ToString(System.Globalization.CultureInfo.InvariantCulture)).Line(")");
        NotYetACitusTable(sql, qualifiedName);
    }

    /// <summary>
    /// The role → tenant registry on every node: a policy runs where the shard is (on a worker), and tenant_of must find
    /// the registry there. A reference table is copied whole to every node and written through the coordinator.
    /// </summary>
    public static void ReferenceTable(SqlWriter sql, string qualifiedName)
    {
        sql.Line("-- Citus: a copy of the registry on every node, so tenant_of finds it where a policy runs (on a worker).");
        sql.Append("SELECT pg_catalog.create_reference_table(").Literal(qualifiedName).Line(")");
        NotYetACitusTable(sql, qualifiedName);
    }

    /// <summary>
    /// tenant_of runs inside the shard query a worker executes for a policy, and reads the registry (a reference table)
    /// there: Citus calls that nested distributed execution and refuses it unless allowed. The registry's copy is local on
    /// every node, so the nested read never leaves the node (and never connects as the NOLOGIN owner).
    /// </summary>
    public const string TenantOfSetting = "    SET citus.allow_nested_distributed_execution = on";

    /// <summary>
    /// The tenant policies' predicate without the <c>(SELECT …)</c> init-plan wrapper, which Citus refuses in policies on
    /// distributed tables. The same function, so the same answer: NULL for no tenant or several, which matches no row.
    /// </summary>
    public static string TenantPredicate(string tenantColumn, string currentTenant) => tenantColumn + " = " + currentTenant + "()";

    private static void NotYetACitusTable(SqlWriter sql, string qualifiedName) =>
        sql.Append("WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition WHERE logicalrelid = ").Literal(qualifiedName).Line("::regclass);");
}
