using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;

using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary>
/// <c>tenants move</c> in shared isolation: the tenant's rows are isolated into a shard group of their own
/// (isolate_tenant_to_new_shard, every co-located table) and that group is moved to the other worker; the other tenants
/// stay where they were and every login still sees exactly its rows.
/// </summary>
[TestClass]
public sealed class SharedTenantMoveTests
{
    private const string Tenant = "north_carolina";
    private const string Dashboard = "SELECT white_label_id || ':' || sum(screens) || ':' || sum(eligible_programs) FROM shared.screens_by_month GROUP BY white_label_id ORDER BY white_label_id";

    [TestMethod]
    public void A_shared_tenant_moved_to_the_other_worker_has_a_shard_of_its_own_there_and_keeps_its_isolation()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("sharedmove");
        var bundle = Cli.SampleForCitus("WhiteLabelAnalytics");
        var applied = Cli.Against(db, "apply", bundle);
        Assert.AreEqual(0, applied.ExitCode, applied.ToString());
        var partner = SecuredProject.Login(db, "wl_nc_move_login", "wl_north_carolina_partner");
        var othersBefore = Others(db);

        var from = NodeOf(db, Tenant);
        var toIndex = ClusterLifetime.Cluster.Workers.Select((w, i) => (Node: "127.0.0.1:" + w.Port, Index: i)).Single(w => w.Node != from).Index;
        var to = "127.0.0.1:" + ClusterLifetime.Cluster.Workers[toIndex].Port;
        var moved = Cli.Against(db, "tenants", "move", bundle, Tenant, "--to", to);
        Assert.AreEqual(0, moved.ExitCode, moved.ToString());
        StringAssert.Contains(moved.Out, $"Moved tenant {Tenant} from {from} to {to}.");

        // The tenant's shard holds its rows only (one hash value), every one of them, on the target worker.
        Assert.AreEqual(to, NodeOf(db, Tenant));
        var shard = CitusCluster.Scalar<long>(db, $"SELECT get_shard_id_for_distribution_column('shared.screens', '{Tenant}')");
        Assert.IsTrue(CitusCluster.Scalar<bool>(db, $"SELECT shardminvalue = shardmaxvalue FROM pg_dist_shard WHERE shardid = {shard}"), "a shard of its own");
        var onCoordinator = CitusCluster.Scalar<long>(db, $"SELECT count(*) FROM shared.screens WHERE tenant_id = '{Tenant}'");
        Assert.IsTrue(onCoordinator > 0);
        var worker = ClusterLifetime.Cluster.OnWorker(toIndex, db);
        Assert.AreEqual($"{Tenant}:{onCoordinator}", CitusCluster.Scalar<string>(worker, $"SELECT string_agg(DISTINCT tenant_id, ',') || ':' || count(*) FROM shared.screens_{shard}"));

        CollectionAssert.AreEqual(othersBefore, Others(db), "the other tenants' rows and nodes are unchanged");
        foreach (var login in new[] { partner, As(worker, "wl_nc_move_login") })
        {
            CollectionAssert.AreEqual(new[] { "1:3:11" }, CitusCluster.Strings(login, Dashboard).ToArray(), login);
            Assert.AreEqual(Tenant + ":" + onCoordinator, CitusCluster.Scalar<string>(login, "SELECT string_agg(DISTINCT tenant_id, ',') || ':' || count(*) FROM shared.screens"), login);
        }

        var verified = Cli.Against(db, "verify", bundle);
        Assert.AreEqual(0, verified.ExitCode, verified.ToString());
        StringAssert.Contains(Cli.Against(db, "status", bundle).Out, $"  {Tenant} on {to}\n");

        var again = Cli.Against(db, "tenants", "move", bundle, Tenant, "--to", to);
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Out, $"Tenant {Tenant} is on {to}: nothing to move.");
    }

    [TestMethod]
    public void A_shared_move_that_times_out_leaves_the_tenant_and_the_owner_and_an_isolated_tenant_moves_back_without_a_new_split()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("sharedmove_timeout");
        var bundle = Cli.SampleForCitus("WhiteLabelAnalytics");
        Assert.AreEqual(0, Cli.Against(db, "apply", bundle).ExitCode);
        const string ownerSql = "SELECT pg_get_userbyid(relowner)::text FROM pg_class WHERE oid = 'shared.screens'::regclass";
        var owner = CitusCluster.Scalar<string>(db, ownerSql);
        var from = NodeOf(db, Tenant);
        var to = ClusterLifetime.Cluster.Workers.Select(w => "127.0.0.1:" + w.Port).Single(n => n != from);

        using (var holder = new NpgsqlConnection(db))
        {
            // A long transaction reading the shared table: the move cannot take the table over until it ends.
            holder.Open();
            using var transaction = holder.BeginTransaction();
            using (var read = new NpgsqlCommand("LOCK TABLE shared.screens IN ACCESS SHARE MODE", holder, transaction))
            {
                read.ExecuteNonQuery();
            }

            var timedOut = Cli.Against(db, "tenants", "move", bundle, Tenant, "--to", to, "--timeout", "2");
            Assert.AreEqual(1, timedOut.ExitCode, timedOut.ToString());
            StringAssert.Contains(timedOut.Error, $"TM3110: the move of tenant '{Tenant}' to {to} did not finish within 2 s (--timeout) and was cancelled: the tenant is on {from}");
        }

        Assert.AreEqual(from, NodeOf(db, Tenant));
        Assert.AreEqual(owner, CitusCluster.Scalar<string>(db, ownerSql), "the owner is given back");

        Assert.AreEqual(0, Cli.Against(db, "tenants", "move", bundle, Tenant, "--to", to).ExitCode, "the default timeout lets it finish once the table is free");
        var shards = CitusCluster.Scalar<long>(db, "SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'shared.screens'::regclass");
        var back = Cli.Against(db, "tenants", "move", bundle, Tenant, "--to", from);
        Assert.AreEqual(0, back.ExitCode, back.ToString());
        StringAssert.Contains(back.Out, $"Moved tenant {Tenant} from {to} to {from}.");
        Assert.IsFalse(back.Out.Contains("isolated tenant", System.StringComparison.Ordinal), back.Out);
        Assert.AreEqual(from, NodeOf(db, Tenant));
        Assert.AreEqual(shards, CitusCluster.Scalar<long>(db, "SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'shared.screens'::regclass"), "no new split");
        Assert.AreEqual(owner, CitusCluster.Scalar<string>(db, ownerSql));
        Assert.AreEqual(0, Cli.Against(db, "verify", bundle).ExitCode);
    }

    /// <summary>Each other tenant: its node and its rows (count and id sum), read on the coordinator.</summary>
    private static string[] Others(string db) => CitusCluster.Strings(db, $"""
        SELECT t.tenant_id || ' on ' || min(nd.nodename || ':' || nd.nodeport) || ': ' || t.rows
        FROM (SELECT tenant_id, count(*) || ' rows, ids ' || sum(id) AS rows FROM shared.screens WHERE tenant_id <> '{Tenant}' GROUP BY tenant_id) AS t
        JOIN pg_dist_placement pl ON pl.shardid = get_shard_id_for_distribution_column('shared.screens', t.tenant_id)
        JOIN pg_dist_node nd ON nd.groupid = pl.groupid
        GROUP BY t.tenant_id, t.rows ORDER BY 1
        """).ToArray();

    private static string NodeOf(string db, string tenant) => CitusCluster.Scalar<string>(db, $"""
        SELECT nd.nodename || ':' || nd.nodeport FROM pg_dist_placement pl JOIN pg_dist_node nd ON nd.groupid = pl.groupid
        WHERE pl.shardid = get_shard_id_for_distribution_column('shared.screens', '{tenant}')
        """)!;

    private static string As(string connectionString, string login) => new NpgsqlConnectionStringBuilder(connectionString) { Username = login }.ConnectionString;
}
