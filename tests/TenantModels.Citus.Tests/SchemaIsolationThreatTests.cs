using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;

using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary>
/// A representative subset of the threats of docs/security.md (tests/TenantModels.Security.Tests) for isolation by
/// schema, run as tenant logins against the cluster: on the coordinator, and on the worker that holds another tenant.
/// </summary>
[TestClass]
public sealed class SchemaIsolationThreatTests
{
    private const string Prefix = "cst";
    private static string _db = null!;
    private static string _alpha = null!;
    private static string _admin = null!;

    [ClassInitialize]
    public static void Deploy(TestContext context)
    {
        _db = ClusterLifetime.Cluster.CreateDatabase("threats");
        var applied = Cli.Against(_db, "apply", SecuredProject.Bundle(Prefix));
        Assert.AreEqual(0, applied.ExitCode, applied.ToString());
        CitusCluster.Execute(_db, "INSERT INTO tenant_alpha.note VALUES (1, 'a'); INSERT INTO tenant_bravo.note VALUES (1, 'b'), (2, 'b');"
            + "INSERT INTO tenant_charlie.note VALUES (1, 'c'), (2, 'c'), (3, 'c');");
        _alpha = SecuredProject.Login(_db, Prefix + "_alpha_login", Prefix + "_alpha_reader", Prefix + "_alpha_writer");
        _admin = SecuredProject.Login(_db, Prefix + "_admin_login", Prefix + "_admin");
    }

    [TestMethod]
    public void T01_a_tenant_reads_and_writes_its_own_schema_only_whatever_it_sets()
    {
        Assert.AreEqual(1L, CitusCluster.Scalar<long>(_alpha, "SET tenantmodels.tenant = 'bravo'; SELECT count(*) FROM tenant_alpha.note"));
        CitusCluster.Execute(_alpha, "INSERT INTO tenant_alpha.note VALUES (100, 'own'); DELETE FROM tenant_alpha.note WHERE id = 100");
        SecuredProject.Denied(_alpha, "SET tenantmodels.tenant = 'bravo'; SELECT count(*) FROM tenant_bravo.note");
        SecuredProject.Denied(_alpha, "SELECT count(*) FROM tenant_bravo.note_count");
        SecuredProject.Denied(_alpha, "INSERT INTO tenant_bravo.note VALUES (100, 'not mine')");
    }

    [TestMethod]
    public void T01_on_a_worker_directly_another_tenants_tables_and_shards_are_denied()
    {
        var shardsSeen = 0;
        foreach (var worker in ClusterLifetime.Cluster.Workers)
        {
            var onWorker = new NpgsqlConnectionStringBuilder(CitusCluster.ConnectionStringOf(worker, new NpgsqlConnectionStringBuilder(_db).Database!)) { Username = Prefix + "_alpha_login" }.ConnectionString;
            Assert.AreEqual(1L, CitusCluster.Scalar<long>(onWorker, "SELECT count(*) FROM tenant_alpha.note"), "a worker with metadata routes the query to alpha's shard");
            SecuredProject.Denied(onWorker, "SELECT count(*) FROM tenant_bravo.note");
            // Citus hides shards from the catalog of ordinary sessions: the test lists them on purpose.
            foreach (var shard in CitusCluster.Strings(CitusCluster.ConnectionStringOf(worker, new NpgsqlConnectionStringBuilder(_db).Database!),
                "SET citus.override_table_visibility = off; SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('tenant_bravo', 'tenant_charlie') AND c.relname LIKE 'note\\_%' AND c.relkind = 'r'"))
            {
                SecuredProject.Denied(onWorker, "SELECT count(*) FROM " + shard);
                shardsSeen++;
            }
        }

        Assert.IsTrue(shardsSeen > 0, "bravo's and charlie's shards were found on the workers");
    }

    [TestMethod]
    public void T03_canonical_views_are_for_admin_only_not_tenants()
    {
        SecuredProject.Denied(_alpha, "SELECT count(*) FROM canonical.note_count");
        Assert.AreEqual("alpha:1 bravo:2 charlie:3",
            CitusCluster.Scalar<string>(_admin, "SELECT string_agg(tenant_id || ':' || notes, ' ' ORDER BY tenant_id) FROM canonical.note_count"));
    }

    [TestMethod]
    public void T08_a_tenant_creates_nothing()
    {
        SecuredProject.Denied(_alpha, "CREATE TABLE tenant_alpha.trap (v int)");
        SecuredProject.Denied(_alpha, "CREATE TABLE public.trap (v int)");
        Assert.AreEqual(0L, CitusCluster.Scalar<long>(_db, $$"""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('tenant_alpha', 'tenant_bravo', 'tenant_charlie', 'canonical') AND c.relkind IN ('r', 'v')
              AND (pg_get_userbyid(c.relowner) <> '{{Prefix}}_owner' OR c.relacl::text LIKE '%{=%' OR c.relacl::text LIKE '%,=%')
            """));
    }
}
