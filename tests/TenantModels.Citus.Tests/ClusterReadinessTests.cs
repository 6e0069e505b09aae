using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary>TM3085: a Citus bundle is refused, before anything is planned, by a database that is not a ready coordinator.</summary>
[TestClass]
public sealed class ClusterReadinessTests
{
    private static readonly string Bundle = Cli.SampleForCitus("SchemaPerTenantCrm");

    [TestMethod]
    public void A_database_without_the_citus_extension_is_refused()
    {
        var plain = ClusterLifetime.Cluster.Coordinator.CreateDatabase("no_citus");
        AssertRefused(plain, "has no citus extension");
    }

    [TestMethod]
    public void A_coordinator_without_workers_is_refused()
    {
        var alone = ClusterLifetime.Cluster.Coordinator.CreateDatabase("no_workers");
        CitusCluster.Execute(alone, "CREATE EXTENSION citus");
        AssertRefused(alone, "has no active worker node");
    }

    [TestMethod]
    public void A_worker_is_refused()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("on_worker");
        AssertRefused(ClusterLifetime.Cluster.OnWorker(0, db), "is a worker of its Citus cluster, not its coordinator");
    }

    [TestMethod]
    public void Schema_based_sharding_on_for_every_session_is_refused()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("sharding_on");
        CitusCluster.Execute(db, "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET citus.enable_schema_based_sharding = on', current_database()); END $$");
        AssertRefused(db, "citus.enable_schema_based_sharding on for every session");
    }

    [TestMethod]
    public void A_worker_whose_metadata_is_not_synced_is_refused()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("unsynced");
        var worker = ClusterLifetime.Cluster.Workers[0].Port;

        // As a node is after citus_add_node under citus.metadata_sync_mode or a failed sync. Citus's maintenance daemon
        // marks it synced again within seconds; a row lock on the node, held while the plan runs, makes it wait (the
        // plan only reads the row). The daemon may win the race before the lock is taken: then mark it again.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            CitusCluster.Execute(db, $"UPDATE pg_dist_node SET metadatasynced = false WHERE nodeport = {worker}");
            using var held = new Npgsql.NpgsqlConnection(db);
            held.Open();
            using var transaction = held.BeginTransaction();
            using var lockNode = new Npgsql.NpgsqlCommand($"SELECT metadatasynced FROM pg_dist_node WHERE nodeport = {worker} FOR UPDATE", held, transaction);
            if ((bool)lockNode.ExecuteScalar()!)
            {
                continue;
            }

            var planned = Cli.Against(db, "plan", Bundle);
            transaction.Rollback();

            Assert.AreEqual(1, planned.ExitCode, planned.ToString());
            StringAssert.Contains(planned.Error, "TM3085");
            StringAssert.Contains(planned.Error, "whose metadata is not synced: 127.0.0.1:" + worker);
            return;
        }

        Assert.Fail("the maintenance daemon synced the node before the test could hold it unsynced, ten times");
    }

    [TestMethod]
    public void A_bundle_for_one_server_is_not_checked()
    {
        var plain = ClusterLifetime.Cluster.Coordinator.CreateDatabase("one_server");
        var bundle = Cli.Project("OneServer", ("tenants.yaml", "tenants:\n  - id: acme\n"), ("models/note.yaml", "model: note\nmaterialized: table\ncolumns:\n  body: text\n"));
        var applied = Cli.Against(plain, "apply", bundle);
        Assert.AreEqual(0, applied.ExitCode, applied.ToString());
    }

    private static void AssertRefused(string db, string reason)
    {
        var applied = Cli.Against(db, "apply", Bundle);
        Assert.AreEqual(1, applied.ExitCode, applied.ToString());
        StringAssert.Contains(applied.Error, "TM3085");
        StringAssert.Contains(applied.Error, reason);
        Assert.AreEqual(false, CitusCluster.Scalar<bool>(db, "SELECT to_regnamespace('tenant_acme') IS NOT NULL"), "nothing was deployed");
    }
}
