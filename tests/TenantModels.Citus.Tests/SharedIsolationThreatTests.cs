using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;

using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary>
/// A representative subset of the shared-isolation threats of docs/security.md (tests/TenantModels.Security.Tests,
/// SharedRlsTests) on Citus, as tenant logins: on the coordinator and connected to each worker, where the shards are.
/// Three tenants: alpha (1 row), bravo (2), charlie (3).
/// </summary>
[TestClass]
public sealed class SharedIsolationThreatTests
{
    private const string Prefix = "csh";
    private static string _db = null!;
    private static string _bundle = null!;
    private static string _alpha = null!;
    private static string _app = null!;

    [ClassInitialize]
    public static void Deploy(TestContext context)
    {
        _db = ClusterLifetime.Cluster.CreateDatabase("shared_threats");
        _bundle = Cli.Project("SharedThreats",
            ("tenants.yaml", "tenants:\n  - id: alpha\n  - id: bravo\n  - id: charlie\n"),
            ("tenantmodels.yaml", $"distribution: citus\nsecurity:\n  isolation: shared\n  prefix: {Prefix}\n  tenant_roles:\n    reader: \"{Prefix}_<tenant>_reader\"\n    writer: \"{Prefix}_<tenant>_writer\"\n"),
            ("models/screens.yaml", """
                model: screens
                materialized: table
                scope: shared
                columns:
                  id: { type: uuid, nullable: false, default: "gen_random_uuid()" }
                  white_label_id: { type: integer, nullable: false }
                primary_key: [id]
                grants: { reader: [select], writer: [select, insert, update, delete], admin: [select], app: [select, insert] }
                """),
            ("models/screen_totals.yaml", """
                model: screen_totals
                materialized: view
                scope: shared
                columns:
                  white_label_id: integer
                  screens: bigint
                sql: "select white_label_id, count(*) as screens from {{ ref('screens') }} group by white_label_id"
                grants: { reader: [select], writer: [select], admin: [select], app: [select] }
                """));
        var applied = Cli.Against(_db, "apply", _bundle);
        Assert.AreEqual(0, applied.ExitCode, applied.ToString());
        CitusCluster.Execute(_db, "INSERT INTO shared.screens (tenant_id, white_label_id) VALUES ('alpha', 1), ('bravo', 2), ('bravo', 2), ('charlie', 3), ('charlie', 3), ('charlie', 3)");
        _alpha = SecuredProject.Login(_db, Prefix + "_alpha_login", Prefix + "_alpha_writer");
        _app = SecuredProject.Login(_db, Prefix + "_app_login", Prefix + "_app");
    }

    /// <summary>Alpha's login on the coordinator and on each worker.</summary>
    private static string[] AlphaEverywhere() => new[] { _alpha }
        .Concat(ClusterLifetime.Cluster.Workers.Select((_, i) => As(ClusterLifetime.Cluster.OnWorker(i, _db), Prefix + "_alpha_login")))
        .ToArray();

    [TestMethod]
    public void T01_a_tenant_setting_another_tenants_id_still_sees_and_writes_only_its_own_rows()
    {
        foreach (var alpha in AlphaEverywhere())
        {
            Assert.AreEqual("alpha:1", Rows(alpha, "SET tenantmodels.tenant = 'bravo'; SET citus.propagate_set_commands = 'local'; SELECT tenant_id || ':' || count(*) FROM shared.screens GROUP BY tenant_id"), alpha);
            Assert.AreEqual("1:1", Rows(alpha, "SELECT white_label_id || ':' || screens FROM shared.screen_totals"));
            var error = Assert.ThrowsExactly<PostgresException>(() => CitusCluster.Execute(alpha, "INSERT INTO shared.screens (tenant_id, white_label_id) VALUES ('bravo', 2)"));
            Assert.AreEqual(PostgresErrorCodes.InsufficientPrivilege, error.SqlState, error.Message);
        }
    }

    [TestMethod]
    public void T01_on_a_worker_the_shards_themselves_show_a_tenant_only_its_rows()
    {
        foreach (var worker in ClusterLifetime.Cluster.Workers.Select((_, i) => ClusterLifetime.Cluster.OnWorker(i, _db)))
        {
            // Citus hides shards from the catalog for ordinary sessions; the test looks at them on purpose.
            var shards = CitusCluster.Strings(worker, "SET citus.override_table_visibility = off; SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'shared' AND c.relname LIKE 'screens\\_%' AND c.relkind = 'r'");
            Assert.IsTrue(shards.Count > 0, "the worker holds shards of shared.screens");
            foreach (var shard in shards)
            {
                // Citus gives a shard the table's owner, grants and forced policies: a tenant reading it by name gets its own rows, or none.
                Assert.AreEqual(0L, CitusCluster.Scalar<long>(As(worker, Prefix + "_alpha_login"), $"SELECT count(*) FROM {shard} WHERE tenant_id <> 'alpha'"), shard);
                Assert.AreEqual($"true true {Prefix}_owner tm_admin,tm_app,tm_app_guard,tm_tenant,tm_tenant_guard", CitusCluster.Scalar<string>(worker,
                    $"SET citus.override_table_visibility = off; SELECT c.relrowsecurity || ' ' || c.relforcerowsecurity || ' ' || pg_get_userbyid(c.relowner) || ' ' || (SELECT string_agg(p.polname, ',' ORDER BY p.polname) FROM pg_policy p WHERE p.polrelid = c.oid) FROM pg_class c WHERE c.oid = '{shard}'::regclass"),
                    "the shard is secured like its table: " + shard);
            }
        }
    }

    [TestMethod]
    public void T02_the_app_login_sees_the_transactions_tenant_only_and_a_tenant_cannot_use_the_app_path()
    {
        using (var app = new NpgsqlConnection(_app))
        {
            app.Open();
            using var transaction = app.BeginTransaction();
            Execute(app, "SET LOCAL citus.propagate_set_commands = 'local'; SET LOCAL tenantmodels.tenant = 'bravo'");
            Assert.AreEqual(2L, Scalar(app, "SELECT count(*) FROM shared.screens"));
            var error = Assert.ThrowsExactly<PostgresException>(() => Execute(app, "INSERT INTO shared.screens (tenant_id, white_label_id) VALUES ('charlie', 3)"));
            Assert.AreEqual(PostgresErrorCodes.InsufficientPrivilege, error.SqlState, error.Message);
        }

        using var alpha = new NpgsqlConnection(_alpha);
        alpha.Open();
        using (alpha.BeginTransaction())
        {
            Execute(alpha, "SET LOCAL citus.propagate_set_commands = 'local'; SET LOCAL tenantmodels.tenant = 'charlie'");
            Assert.AreEqual(1L, Scalar(alpha, "SELECT count(*) FROM shared.screens"), "the app policies name the app role only");
        }
    }

    [TestMethod]
    public void T07_the_registry_is_readable_by_no_tenant_on_any_node()
    {
        Assert.AreEqual("{\"search_path=pg_catalog, pg_temp\",enable_seqscan=off,enable_hashjoin=off,citus.allow_nested_distributed_execution=on}",
            CitusCluster.Scalar<string>(_db, $"SELECT proconfig::text FROM pg_proc WHERE oid = '{Prefix}_security.tenant_of(name)'::regprocedure"));
        foreach (var alpha in AlphaEverywhere())
        {
            SecuredProject.Denied(alpha, $"SELECT * FROM {Prefix}_security.tenant_role");
            SecuredProject.Denied(alpha, $"DELETE FROM {Prefix}_security.tenant_role");
        }

        SecuredProject.Denied(_app, $"SELECT {Prefix}_security.tenant_of('{Prefix}_alpha_login')");
    }

    [TestMethod]
    public void T12_keys_lead_with_the_tenant_so_no_duplicate_error_reveals_another_tenants_row()
    {
        var bravoId = CitusCluster.Scalar<string>(_db, "SELECT id::text FROM shared.screens WHERE tenant_id = 'bravo' LIMIT 1");
        using var alpha = new NpgsqlConnection(_alpha);
        alpha.Open();
        using var transaction = alpha.BeginTransaction();
        Assert.AreEqual(0L, Scalar(alpha, $"SELECT count(*) FROM shared.screens WHERE id = '{bravoId}'"));
        Execute(alpha, $"INSERT INTO shared.screens (tenant_id, id, white_label_id) VALUES ('alpha', '{bravoId}', 1)");
        transaction.Rollback();
    }

    [TestMethod]
    public void T15_a_login_in_two_tenants_sees_nothing_and_nobody_becomes_another_role()
    {
        var both = SecuredProject.Login(_db, Prefix + "_both_login", Prefix + "_alpha_reader", Prefix + "_bravo_reader");
        Assert.AreEqual(0L, CitusCluster.Scalar<long>(both, "SELECT count(*) FROM shared.screens"), "ambiguous identity matches no tenant");
        SecuredProject.Denied(_app, $"SET ROLE {Prefix}_alpha_reader");
        SecuredProject.Denied(_alpha, $"SET ROLE {Prefix}_bravo_reader");
        SecuredProject.Denied(_alpha, $"SET ROLE {Prefix}_admin");
        CitusCluster.Execute(_db, $"DROP ROLE {Prefix}_both_login"); // verify rightly reports it (roles.one_tenant_per_login)
    }

    [TestMethod]
    public void T16_a_widened_policy_is_found_by_verify_on_the_shards_and_removed_by_the_next_apply()
    {
        // The attack: the restrictive guard dropped and a permissive policy for every reader: alpha sees every tenant.
        CitusCluster.Execute(_db, $"DROP POLICY tm_tenant_guard ON shared.screens; CREATE POLICY rogue ON shared.screens FOR SELECT TO {Prefix}_reader, {Prefix}_writer USING (true)");
        Assert.AreEqual(6L, CitusCluster.Scalar<long>(_alpha, "SELECT count(*) FROM shared.screens"), "control: the attack works");

        var verified = Cli.Against(_db, "verify", _bundle);
        Assert.AreEqual(5, verified.ExitCode, verified.ToString());
        StringAssert.Contains(verified.Out, "policy rogue was not declared");
        // Found on the shards (one finding per shard that shows alpha's reader other tenants' rows), as alpha's reader role.
        StringAssert.Contains(verified.Out, $"as {Prefix}_alpha_reader: ERROR:  ", verified.ToString());
        StringAssert.Contains(verified.Out, " row(s) of other tenants are visible (shard ", verified.ToString());

        var repaired = Cli.Against(_db, "apply", _bundle);
        Assert.AreEqual(0, repaired.ExitCode, repaired.ToString());
        foreach (var alpha in AlphaEverywhere())
        {
            Assert.AreEqual(1L, CitusCluster.Scalar<long>(alpha, "SELECT count(*) FROM shared.screens"), alpha);
        }

        var clean = Cli.Against(_db, "verify", _bundle);
        Assert.AreEqual(0, clean.ExitCode, clean.ToString());
    }

    [TestMethod]
    public void T17_tenants_own_nothing_and_create_nothing()
    {
        Assert.AreEqual(0L, CitusCluster.Scalar<long>(_db, $"""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('shared', '{Prefix}_security') AND c.relkind IN ('r', 'v') AND pg_get_userbyid(c.relowner) <> '{Prefix}_owner'
            """));
        foreach (var alpha in AlphaEverywhere())
        {
            SecuredProject.Denied(alpha, "CREATE TABLE shared.trap (v int)");
            SecuredProject.Denied(alpha, "CREATE TABLE public.trap (v int)");
        }
    }

    private static string As(string connectionString, string login) => new NpgsqlConnectionStringBuilder(connectionString) { Username = login }.ConnectionString;

    private static string Rows(string connectionString, string sql) => string.Join(",", CitusCluster.Strings(connectionString, sql));

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
