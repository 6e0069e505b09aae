using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary>
/// isolation by schema on Citus (schema-based sharding): samples/SchemaPerTenantCrm with <c>distribution: citus</c>,
/// applied by the runner to the coordinator. Tenant schemas become distributed schemas on the workers; the runner's own
/// schema and every other schema stay local to the coordinator.
/// </summary>
[TestClass]
public sealed class SchemaPerTenantTests
{
    private static string _db = null!;
    private static string _bundle = null!;

    [ClassInitialize]
    public static void ApplyTheSample(TestContext context)
    {
        _db = ClusterLifetime.Cluster.CreateDatabase("crm");
        _bundle = Cli.SampleForCitus("SchemaPerTenantCrm");
        var applied = Cli.Against(_db, "apply", _bundle);
        Assert.AreEqual(0, applied.ExitCode, applied.ToString());
    }

    [TestMethod]
    public void Tenant_schemas_are_distributed_and_every_other_schema_stays_local()
    {
        Assert.AreEqual("tenant_acme,tenant_techstart",
            string.Join(",", CitusCluster.Strings(_db, "SELECT n.nspname FROM pg_dist_schema ds JOIN pg_namespace n ON n.oid = ds.schemaid ORDER BY 1")));
        Assert.AreEqual(true, CitusCluster.Scalar<bool>(_db, "SELECT to_regnamespace('tenantmodels') IS NOT NULL"), "the runner's schema exists");

        // Each tenant's tables have their one shard on a worker, never on the coordinator.
        var nodes = CitusCluster.Strings(_db, """
            SELECT DISTINCT nd.nodeport::text FROM pg_dist_partition p JOIN pg_dist_shard s ON s.logicalrelid = p.logicalrelid
            JOIN pg_dist_placement pl ON pl.shardid = s.shardid JOIN pg_dist_node nd ON nd.groupid = pl.groupid
            WHERE p.logicalrelid::text LIKE 'tenant\_%'
            """);
        var workers = ClusterLifetime.Cluster.Workers.Select(w => w.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.IsTrue(nodes.Count > 0 && nodes.All(workers.Contains), "shards on " + string.Join(",", nodes));

        // Nothing of the runner's record is a Citus table: it is the coordinator's own.
        Assert.AreEqual(0L, CitusCluster.Scalar<long>(_db, "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'tenantmodels.%'"));
    }

    [TestMethod]
    public void Rows_and_foreign_keys_work_inside_a_tenant_placed_on_a_worker()
    {
        CitusCluster.Execute(_db, """
            INSERT INTO tenant_acme.users (email) VALUES ('a@acme.test');
            INSERT INTO tenant_acme.organizations (name, owner_id) SELECT 'Org', id FROM tenant_acme.users;
            INSERT INTO tenant_acme.deals (organization_id, title, amount) SELECT id, 'Deal', 10 FROM tenant_acme.organizations;
            """);
        Assert.AreEqual("lead:1", string.Join(",", CitusCluster.Strings(_db, "SELECT stage || ':' || deals FROM tenant_acme.pipeline")));
        CitusCluster.Execute(_db, "DELETE FROM tenant_acme.organizations");
        Assert.AreEqual(0L, CitusCluster.Scalar<long>(_db, "SELECT count(*) FROM tenant_acme.deals"), "the cascade ran on the worker");
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
    public void Status_shows_the_worker_of_each_tenant()
    {
        var status = Cli.Against(_db, "status", _bundle);
        Assert.AreEqual(0, status.ExitCode, status.ToString());
        foreach (var tenant in new[] { "acme", "techstart" })
        {
            var node = CitusCluster.Scalar<string>(_db, $"""
                SELECT min(nd.nodename || ':' || nd.nodeport) FROM pg_dist_partition p JOIN pg_dist_shard s ON s.logicalrelid = p.logicalrelid
                JOIN pg_dist_placement pl ON pl.shardid = s.shardid JOIN pg_dist_node nd ON nd.groupid = pl.groupid
                WHERE p.logicalrelid::text LIKE 'tenant\_{tenant}.%'
                """);
            StringAssert.Contains(status.Out, $"  {tenant} on {node}\n", status.ToString());
            StringAssert.Contains(Cli.Against(_db, "status", _bundle, "--json").Out, $"\"{tenant}\": \"{node}\"");
        }
    }

    [TestMethod]
    public void A_provisioned_tenant_is_placed_on_a_worker()
    {
        var provisioned = Cli.Against(_db, "tenants", "provision", _bundle, "initech");
        Assert.AreEqual(0, provisioned.ExitCode, provisioned.ToString());
        Assert.AreEqual(1L, CitusCluster.Scalar<long>(_db, "SELECT count(*) FROM pg_dist_schema WHERE schemaid = 'tenant_initech'::regnamespace"));
        Assert.IsTrue(CitusCluster.Scalar<long>(_db, "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'tenant\\_initech.%'") >= 4);
    }
}
