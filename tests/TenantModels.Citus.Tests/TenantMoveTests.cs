using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;

using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary><c>tenants move</c>: a tenant's schema moved to the other worker keeps its rows and its isolation.</summary>
[TestClass]
public sealed class TenantMoveTests
{
    private const string Prefix = "cmv";

    [TestMethod]
    public void A_tenant_moved_to_the_other_worker_keeps_its_rows_and_its_isolation()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("move");
        var bundle = SecuredProject.Bundle(Prefix);
        var applied = Cli.Against(db, "apply", bundle);
        Assert.AreEqual(0, applied.ExitCode, applied.ToString());
        CitusCluster.Execute(db, "INSERT INTO tenant_alpha.note SELECT g, 'a' || g FROM generate_series(1, 100) AS g; INSERT INTO tenant_bravo.note VALUES (1, 'b');");
        var alpha = SecuredProject.Login(db, Prefix + "_alpha_login", Prefix + "_alpha_writer");

        var from = NodeOf(db, "alpha");
        var to = ClusterLifetime.Cluster.Workers.Select(w => "127.0.0.1:" + w.Port).Single(n => n != from);
        var moved = Cli.Against(db, "tenants", "move", bundle, "alpha", "--to", to);
        Assert.AreEqual(0, moved.ExitCode, moved.ToString());
        StringAssert.Contains(moved.Out, $"Moved tenant alpha from {from} to {to}.");

        Assert.AreEqual(to, NodeOf(db, "alpha"));
        StringAssert.Contains(Cli.Against(db, "status", bundle).Out, $"  alpha on {to}\n");
        Assert.AreEqual(5050L, CitusCluster.Scalar<long>(alpha, "SELECT sum(id)::bigint FROM tenant_alpha.note"), "every row moved");
        CitusCluster.Execute(alpha, "INSERT INTO tenant_alpha.note VALUES (101, 'after the move')");
        SecuredProject.Denied(alpha, "SELECT count(*) FROM tenant_bravo.note");
        var verified = Cli.Against(db, "verify", bundle);
        Assert.AreEqual(0, verified.ExitCode, verified.ToString());

        var again = Cli.Against(db, "tenants", "move", bundle, "alpha", "--to", to);
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Out, $"Tenant alpha is on {to}: nothing to move.");
    }

    [TestMethod]
    public void Moving_to_a_node_that_is_not_a_worker_or_an_unknown_tenant_is_refused()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("move_refused");
        var bundle = SecuredProject.Bundle(Prefix + "r");
        Assert.AreEqual(0, Cli.Against(db, "apply", bundle).ExitCode);

        var coordinator = Cli.Against(db, "tenants", "move", bundle, "alpha", "--to", "127.0.0.1:" + ClusterLifetime.Cluster.Coordinator.Port);
        Assert.AreEqual(2, coordinator.ExitCode, coordinator.ToString());
        StringAssert.Contains(coordinator.Error, "TM3086");
        StringAssert.Contains(coordinator.Error, "is not an active worker of this cluster");

        var unknown = Cli.Against(db, "tenants", "move", bundle, "zulu", "--to", "127.0.0.1:" + ClusterLifetime.Cluster.Workers[0].Port);
        Assert.AreEqual(2, unknown.ExitCode, unknown.ToString());
        StringAssert.Contains(unknown.Error, "cannot move tenant 'zulu': it is neither in the bundle nor provisioned");
    }

    [TestMethod]
    public void A_move_that_does_not_finish_within_its_timeout_is_cancelled_and_the_tenant_stays()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("move_timeout");
        var bundle = SecuredProject.Bundle(Prefix + "t");
        Assert.AreEqual(0, Cli.Against(db, "apply", bundle).ExitCode);
        var from = NodeOf(db, "alpha");
        var to = ClusterLifetime.Cluster.Workers.Select(w => "127.0.0.1:" + w.Port).Single(n => n != from);

        using (var holder = new NpgsqlConnection(db))
        {
            // A long transaction reading alpha's table: the move cannot take the table over until it ends.
            holder.Open();
            using var transaction = holder.BeginTransaction();
            using (var read = new NpgsqlCommand("LOCK TABLE tenant_alpha.note IN ACCESS SHARE MODE", holder, transaction))
            {
                read.ExecuteNonQuery();
            }

            var timedOut = Cli.Against(db, "tenants", "move", bundle, "alpha", "--to", to, "--timeout", "2");
            Assert.AreEqual(1, timedOut.ExitCode, timedOut.ToString());
            StringAssert.Contains(timedOut.Error, $"TM3110: the move of tenant 'alpha' to {to} did not finish within 2 s (--timeout) and was cancelled: the tenant is on {from}");
        }

        Assert.AreEqual(from, NodeOf(db, "alpha"));
        Assert.AreEqual(Prefix + "t_owner", CitusCluster.Scalar<string>(db, "SELECT pg_get_userbyid(relowner)::text FROM pg_class WHERE oid = 'tenant_alpha.note'::regclass"));
        Assert.AreEqual(0, Cli.Against(db, "tenants", "move", bundle, "alpha", "--to", to).ExitCode, "the default timeout lets it finish once the table is free");

        var zero = Cli.Against(db, "tenants", "move", bundle, "alpha", "--to", from, "--timeout", "0");
        Assert.AreEqual(2, zero.ExitCode, zero.ToString());
        StringAssert.Contains(zero.Error, "--timeout must be a positive number of seconds");
    }

    [TestMethod]
    public void A_tenant_deployed_before_the_bundle_chose_citus_is_distributed_then_moved()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("move_local");
        var oneServer = Cli.Project("Migrated", ("tenants.yaml", "tenants:\n  - id: acme\n"),
            ("models/note.yaml", "model: note\nmaterialized: table\ncolumns:\n  id: { type: bigint, nullable: false }\nprimary_key: [id]\n"));
        Assert.AreEqual(0, Cli.Against(db, "apply", oneServer).ExitCode);
        CitusCluster.Execute(db, "INSERT INTO tenant_acme.note SELECT generate_series(1, 10)");

        var citus = Cli.Project("Migrated", ("tenants.yaml", "tenants:\n  - id: acme\n"), ("tenantmodels.yaml", "distribution: citus\n"),
            ("models/note.yaml", "model: note\nmaterialized: table\ncolumns:\n  id: { type: bigint, nullable: false }\nprimary_key: [id]\n"));
        var applied = Cli.Against(db, "apply", citus, "--allow-same-version");
        Assert.AreEqual(0, applied.ExitCode, applied.ToString());
        StringAssert.Contains(Cli.Against(db, "status", citus).Out, "  acme on coordinator (not distributed)\n");

        var to = "127.0.0.1:" + ClusterLifetime.Cluster.Workers[1].Port;
        var moved = Cli.Against(db, "tenants", "move", citus, "acme", "--to", to);
        Assert.AreEqual(0, moved.ExitCode, moved.ToString());
        StringAssert.Contains(moved.Out, "distributed tenant_acme (it was local to the coordinator)");
        Assert.AreEqual(to, NodeOf(db, "acme"));
        Assert.AreEqual(55L, CitusCluster.Scalar<long>(db, "SELECT sum(id)::bigint FROM tenant_acme.note"));
    }

    [TestMethod]
    public void A_bundle_not_for_citus_or_a_node_that_is_not_host_port_is_refused_before_connecting()
    {
        const string closedPort = "Host=127.0.0.1;Port=1;Username=postgres";
        var oneServer = Cli.Project("NotCitus", ("tenants.yaml", "tenants:\n  - id: acme\n"), ("models/note.yaml", "model: note\nmaterialized: table\ncolumns:\n  body: text\n"));
        var notCitus = Cli.Against(closedPort, "tenants", "move", oneServer, "acme", "--to", "127.0.0.1:5432");
        Assert.AreEqual(2, notCitus.ExitCode, notCitus.ToString());
        StringAssert.Contains(notCitus.Error, "TM3086: cannot move tenant 'acme': the bundle is not for a Citus cluster");

        var badNode = Cli.Against(closedPort, "tenants", "move", SecuredProject.Bundle(Prefix + "x"), "alpha", "--to", "127.0.0.1:port");
        Assert.AreEqual(2, badNode.ExitCode, badNode.ToString());
        StringAssert.Contains(badNode.Error, "--to '127.0.0.1:port' is not host:port");
    }

    private static string NodeOf(string db, string tenant) => CitusCluster.Scalar<string>(db, $"""
        SELECT min(nd.nodename || ':' || nd.nodeport) FROM pg_dist_partition p JOIN pg_dist_shard s ON s.logicalrelid = p.logicalrelid
        JOIN pg_dist_placement pl ON pl.shardid = s.shardid JOIN pg_dist_node nd ON nd.groupid = pl.groupid
        WHERE p.logicalrelid::text LIKE 'tenant\_{tenant}.%'
        """)!;
}
