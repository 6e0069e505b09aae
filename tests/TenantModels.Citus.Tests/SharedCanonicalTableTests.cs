using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary>
/// A canonical table (<c>canonical: table</c>) in shared isolation on Citus: distributed by tenant_id, co-located with
/// the shared tables, filled per tenant from the tenant's staging views, and read by a tenant's login through its
/// policies like a shared table.
/// </summary>
[TestClass]
public sealed class SharedCanonicalTableTests
{
    private const string Prefix = "csc";

    [TestMethod]
    public void A_canonical_table_is_distributed_co_located_filled_and_secured()
    {
        var db = ClusterLifetime.Cluster.CreateDatabase("shared_canonical");
        foreach (var tenant in new[] { "acme", "globex" })
        {
            // What a connector lands: raw tables on the coordinator, outside TenantModels.
            CitusCluster.Execute(db, $"CREATE SCHEMA {tenant}_raw_outreach; CREATE TABLE {tenant}_raw_outreach.call (id bigint, created_at timestamp);"
                + $"INSERT INTO {tenant}_raw_outreach.call SELECT g, timestamp '2026-01-01' + g * interval '1 day' FROM generate_series(1, {(tenant == "acme" ? 2 : 3)}) AS g;");
        }

        var bundle = Cli.Project("SharedCanonical",
            ("tenants.yaml", "tenants:\n  - id: acme\n    sources: [outreach]\n  - id: globex\n    sources: [outreach]\n"),
            ("tenantmodels.yaml", $"distribution: citus\nsecurity:\n  isolation: shared\n  prefix: {Prefix}\n  tenant_roles:\n    reader: \"{Prefix}_<tenant>_reader\"\n"),
            ("sources/outreach.yaml", "source: outreach\ntables:\n  call:\n    columns:\n      id: bigint\n      created_at: timestamp\n"),
            ("models/screens.yaml", "model: screens\nmaterialized: table\nscope: shared\ncolumns:\n  id: { type: bigint, nullable: false }\nprimary_key: [id]\ngrants: { reader: [select], admin: [select] }\n"),
            ("models/call.yaml", """
                model: call
                columns:
                  call_id: { type: bigint, nullable: false }
                  call_created_at: timestamp
                from:
                  outreach:
                    table: call
                    columns:
                      call_id: id
                      call_created_at: created_at
                canonical:
                  form: table
                  indexes:
                    - { columns: [call_id], unique: true }
                grants:
                  reader: [select]
                  admin: [select]
                """));
        var applied = Cli.Against(db, "apply", bundle);
        Assert.AreEqual(0, applied.ExitCode, applied.ToString());

        CollectionAssert.AreEqual(new[] { "canonical.call distributed tenant_id 32", "shared.screens distributed tenant_id 32" },
            CitusCluster.Strings(db, "SELECT table_name || ' ' || citus_table_type || ' ' || distribution_column || ' ' || shard_count FROM citus_tables WHERE citus_table_type = 'distributed' ORDER BY 1").ToArray());
        Assert.AreEqual(1L, CitusCluster.Scalar<long>(db, "SELECT count(DISTINCT colocation_id) FROM citus_tables WHERE citus_table_type = 'distributed'"), "co-located");
        Assert.AreEqual("acme:2 globex:3", CitusCluster.Scalar<string>(db, "SELECT string_agg(tenant_id || ':' || n, ' ' ORDER BY tenant_id) FROM (SELECT tenant_id, count(*) AS n FROM canonical.call GROUP BY tenant_id) AS c"));

        var acme = SecuredProject.Login(db, Prefix + "_acme_login", Prefix + "_acme_reader");
        Assert.AreEqual("acme:2", string.Join(",", CitusCluster.Strings(acme, "SELECT tenant_id || ':' || count(*) FROM canonical.call GROUP BY tenant_id")));

        var again = Cli.Against(db, "apply", bundle);
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Out, "Nothing to apply");
        var verified = Cli.Against(db, "verify", bundle);
        Assert.AreEqual(0, verified.ExitCode, verified.ToString());
    }
}
