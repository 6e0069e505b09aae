using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;

using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary>
/// isolation: shared on Citus (row-based sharding): samples/WhiteLabelAnalytics with <c>distribution: citus</c>, applied
/// by the runner to the coordinator. The shared table is distributed by tenant_id, the registry is a reference table, and
/// a partner's login sees only its white label, on the coordinator and connected to a worker directly; the admin and
/// app paths work without SET ROLE to a NOLOGIN role (docs/security.md, on a Citus cluster).
/// </summary>
[TestClass]
public sealed class WhiteLabelOnCitusTests
{
    private const string Dashboard = "SELECT white_label_id || ':' || sum(screens) || ':' || sum(eligible_programs) FROM shared.screens_by_month GROUP BY white_label_id ORDER BY white_label_id";

    private static string _db = null!;
    private static string _bundle = null!;
    private static string _partner = null!;
    private static string _admin = null!;
    private static string _app = null!;

    [ClassInitialize]
    public static void ApplyTheSample(TestContext context)
    {
        _db = ClusterLifetime.Cluster.CreateDatabase("whitelabel");
        _bundle = Cli.SampleForCitus("WhiteLabelAnalytics");
        var applied = Cli.Against(_db, "apply", _bundle);
        Assert.AreEqual(0, applied.ExitCode, applied.ToString());
        _partner = SecuredProject.Login(_db, "wl_nc_citus_login", "wl_north_carolina_partner");
        _admin = SecuredProject.Login(_db, "wl_admin_citus_login", "wl_admin");
        _app = SecuredProject.Login(_db, "wl_app_citus_login", "wl_app");
    }

    [TestMethod]
    public void The_shared_table_is_distributed_by_tenant_and_the_registry_is_a_reference_table()
    {
        CollectionAssert.AreEqual(new[] { "shared.screens distributed tenant_id 32", "wl_security.tenant_role reference <none> 1" },
            CitusCluster.Strings(_db, "SELECT table_name || ' ' || citus_table_type || ' ' || distribution_column || ' ' || shard_count FROM citus_tables ORDER BY 1").ToArray());
        Assert.AreEqual(8L, CitusCluster.Scalar<long>(_db, "SELECT count(*) FROM shared.screens"), "the seed went through the coordinator");
        Assert.AreEqual(0L, CitusCluster.Scalar<long>(_db, "SELECT count(*) FROM citus_shards WHERE table_name = 'shared.screens'::regclass AND nodeport = "
            + ClusterLifetime.Cluster.Coordinator.Port), "every shard is on a worker");
        Assert.AreEqual(0L, CitusCluster.Scalar<long>(_db, "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'tenantmodels.%'"), "the runner's record stays local");
    }

    [TestMethod]
    public void Reapplying_changes_nothing_and_verify_finds_no_drift()
    {
        var again = Cli.Against(_db, "apply", _bundle);
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Out, "Nothing to apply");
        var verified = Cli.Against(_db, "verify", _bundle);
        Assert.AreEqual(0, verified.ExitCode, verified.ToString());
    }

    [TestMethod]
    public void Status_shows_the_worker_of_each_tenants_shard()
    {
        var status = Cli.Against(_db, "status", _bundle);
        Assert.AreEqual(0, status.ExitCode, status.ToString());
        foreach (var tenant in new[] { "colorado", "illinois", "north_carolina" })
        {
            var node = CitusCluster.Scalar<string>(_db, $"SELECT nodename || ':' || nodeport FROM citus_shards WHERE shardid = get_shard_id_for_distribution_column('shared.screens', '{tenant}')");
            StringAssert.Contains(status.Out, $"  {tenant} on {node}\n", status.ToString());
        }
    }

    [TestMethod]
    public void The_partner_sees_only_its_white_label_on_the_coordinator_and_on_each_worker()
    {
        foreach (var node in new[] { _partner }.Concat(ClusterLifetime.Cluster.Workers.Select((_, i) => As(ClusterLifetime.Cluster.OnWorker(i, _db), "wl_nc_citus_login"))))
        {
            CollectionAssert.AreEqual(new[] { "1:3:11" }, CitusCluster.Strings(node, Dashboard).ToArray(), node);
            CollectionAssert.AreEqual(new[] { "1:3:11" }, CitusCluster.Strings(node, "SET tenantmodels.tenant = 'colorado'; " + Dashboard).ToArray(), "a setting changes nothing for a tenant login");
            SecuredProject.Denied(node, "SET ROLE wl_admin");
        }
    }

    [TestMethod]
    public void The_admin_login_sees_every_white_label_without_set_role()
    {
        foreach (var node in new[] { _admin }.Concat(ClusterLifetime.Cluster.Workers.Select((_, i) => As(ClusterLifetime.Cluster.OnWorker(i, _db), "wl_admin_citus_login"))))
        {
            CollectionAssert.AreEqual(new[] { "1:3:11", "2:4:12", "3:1:1" }, CitusCluster.Strings(node, Dashboard).ToArray(), node);
        }
    }

    [TestMethod]
    public void The_app_login_sees_the_tenant_its_transaction_sets_locally_and_nothing_otherwise()
    {
        using var app = new NpgsqlConnection(_app);
        app.Open();
        Assert.AreEqual(0L, Count(app, "SELECT count(*) FROM shared.screens"), "no tenant set: no rows, no error");
        using (var transaction = app.BeginTransaction())
        {
            Count(app, "SET LOCAL citus.propagate_set_commands = 'local'; SET LOCAL tenantmodels.tenant = 'colorado'");
            Assert.AreEqual("colorado:4", Rows(app, "SELECT tenant_id || ':' || count(*) FROM shared.screens GROUP BY tenant_id"));
            transaction.Commit();
        }

        Assert.AreEqual(0L, Count(app, "SELECT count(*) FROM shared.screens"), "the transaction's tenant does not outlive it");
        using (var transaction = app.BeginTransaction())
        {
            // set_config is not propagated to the workers, where the policy runs: it fails closed.
            Count(app, "SELECT set_config('tenantmodels.tenant', 'colorado', true)");
            Assert.AreEqual(0L, Count(app, "SELECT count(*) FROM shared.screens"));
            transaction.Rollback();
        }
    }

    private static string As(string connectionString, string login) => new NpgsqlConnectionStringBuilder(connectionString) { Username = login }.ConnectionString;

    private static long Count(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar() is long count ? count : -1;
    }

    private static string Rows(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new System.Collections.Generic.List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return string.Join(",", rows);
    }
}
