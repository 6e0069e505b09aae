using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>
/// The expanded canonical view on a real PostgreSQL 15 with stock settings, over per-tenant views created directly
/// by SQL (a build of thousands of tenants would take minutes and prove nothing more about the union).
/// </summary>
[TestClass]
public sealed class CanonicalViewNestingTests
{
    /// <summary>
    /// A flat UNION ALL of this many branches fails with "stack depth limit exceeded" (SQLSTATE 54001) on stock
    /// settings (max_stack_depth 2MB): measured, the limit lies between 7,000 and 7,300 branches.
    /// </summary>
    private const int PastTheFlatLimit = 8_000;

    private static readonly UnionTemplate Template = new(
        "CREATE OR REPLACE VIEW \"canonical\".\"item\" WITH (security_invoker = true) AS",
        new[] { new KeyValuePair<string, string>(UnionTemplate.EveryTenant, "SELECT \"id\", \"label\", CAST('{{tenant}}' AS text) AS \"tenant_id\" FROM \"{{tenant}}_app\".\"item\"") },
        "SELECT CAST(NULL AS bigint) AS \"id\", CAST(NULL AS text) AS \"label\", CAST(NULL AS text) AS \"tenant_id\" WHERE false");

    [TestMethod]
    public void A_view_over_more_branches_than_a_flat_union_can_parse_is_created_with_the_same_columns()
    {
        using var connection = Database(PastTheFlatLimit);
        Execute(connection, Template.Expand(Tenants(PastTheFlatLimit)));

        // Every branch is in the view: its rule depends on each tenant's view. (Querying it is not part of this test:
        // PostgreSQL plans every branch, which takes minutes at this size — the reason TM2021 stops the build far earlier.)
        Assert.AreEqual(PastTheFlatLimit, Scalar<long>(connection, """
            SELECT count(DISTINCT d.refobjid) FROM pg_rewrite r
            JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
            WHERE r.ev_class = 'canonical.item'::regclass AND d.refobjid <> r.ev_class AND d.refclassid = 'pg_class'::regclass
            """));
        Assert.AreEqual("id bigint, label text, tenant_id text", Scalar<string>(connection, """
            SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum)
            FROM pg_attribute WHERE attrelid = 'canonical.item'::regclass AND attnum > 0
            """));
    }

    [TestMethod]
    public void A_one_tenant_query_on_a_nested_view_returns_that_tenants_rows()
    {
        // 300 branches: five groups of at most 64, and quick to plan (a few hundred ms).
        const int tenants = 300;
        using var connection = Database(tenants);
        Execute(connection, Template.Expand(Tenants(tenants)));

        var rows = new List<string>();
        using (var query = new NpgsqlCommand("SELECT id, label, tenant_id FROM canonical.item WHERE tenant_id = 't00157' ORDER BY id", connection))
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add($"{reader.GetInt64(0)} {reader.GetString(1)} {reader.GetString(2)}");
            }
        }

        // Tenant i has i % 3 + 1 rows: 157 % 3 + 1 = 2.
        CollectionAssert.AreEqual(new[] { "1 t00157 item 1 t00157", "2 t00157 item 2 t00157" }, rows);
        Assert.AreEqual(Enumerable.Range(0, tenants).Sum(i => i % 3 + 1), Scalar<long>(connection, "SELECT count(*) FROM canonical.item"));
        Assert.AreEqual(tenants, Scalar<long>(connection, "SELECT count(DISTINCT tenant_id) FROM canonical.item"));
    }

    private static IEnumerable<BundleTenant> Tenants(int count) =>
        Enumerable.Range(0, count).Select(i => new BundleTenant(TenantId(i), TenantId(i), true, new string[0]));

    private static string TenantId(int i) => $"t{i:00000}";

    /// <summary>A fresh database with schema <c>canonical</c> and each tenant's view <c>&lt;tenant&gt;_app.item</c> (tenant i: i % 3 + 1 rows).</summary>
    private static NpgsqlConnection Database(int tenants)
    {
        var connection = new NpgsqlConnection(SharedPostgres.Server.CreateDatabase("union_nesting"));
        connection.Open();
        Execute(connection, "CREATE SCHEMA canonical");

        // In batches: each new view holds a lock until its transaction ends, and the lock table is shared by every test.
        foreach (var batch in Enumerable.Range(0, tenants).Chunk(500))
        {
            Execute(connection, string.Concat(batch.Select(i =>
                $"CREATE SCHEMA \"{TenantId(i)}_app\"; CREATE VIEW \"{TenantId(i)}_app\".item AS " +
                $"SELECT g::bigint AS id, '{TenantId(i)} item ' || g AS label FROM generate_series(1, {i % 3 + 1}) AS g;")));
        }

        return connection;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        command.ExecuteNonQuery();
    }

    private static T Scalar<T>(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }
}
