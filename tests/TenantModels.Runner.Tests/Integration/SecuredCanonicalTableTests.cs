using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>A canonical table in a secured project: applied by the runner, its shipped isolation checks hold.</summary>
[TestClass]
public sealed class SecuredCanonicalTableTests
{
    private const string OrderCount = """
        model: order_count
        columns:
          orders: bigint
        sql: "select count(*) as orders from {{ ref('orders') }}"
        canonical: table
        grants: { reader: [select], admin: [select] }
        """;

    [TestMethod]
    [DataRow("schema")]
    [DataRow("shared")]
    public void ApplyRefreshAndVerifyFindNoDrift(string isolation)
    {
        var prefix = "sc" + isolation[..2];
        var db = SharedPostgres.Server.CreateDatabase("secured_canonical_" + isolation);
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", new[] { "alpha", "bravo" }, isolation, extra: new[] { ("models/order_count.yaml", OrderCount) }));

        var apply = CliRun.Against(db, "apply", bundle);
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        Db.Execute(db, "INSERT INTO tenant_alpha.orders VALUES (1, 10), (2, 20)");
        var refresh = CliRun.Against(db, "refresh", bundle);
        var verify = CliRun.Against(db, "verify", bundle);

        Assert.AreEqual(ExitCodes.Success, refresh.ExitCode, refresh.ToString());
        CollectionAssert.AreEqual(new[] { "alpha|2", "bravo|0" }, Db.Rows(db, "SELECT tenant_id, orders FROM canonical.order_count ORDER BY tenant_id"));
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Out, "No drift");

        // The checks do cover the canonical table, which holds every tenant's rows: an undeclared grant on it, and row-level
        // security no longer forced, are both drift.
        Db.Execute(db, $"GRANT DELETE ON canonical.order_count TO {prefix}_bravo_reader; ALTER TABLE canonical.order_count NO FORCE ROW LEVEL SECURITY;");
        var drift = CliRun.Against(db, "verify", bundle);
        Assert.AreEqual(ExitCodes.Drift, drift.ExitCode, drift.ToString());
        StringAssert.Contains(drift.Out, prefix + "_bravo_reader");
        StringAssert.Contains(drift.Out, "row-level security is not forced");
    }

    [TestMethod]
    public void AGrantChangeReRunsOnlyTheCanonicalTablesGrants()
    {
        const string prefix = "scgr";
        var db = SharedPostgres.Server.CreateDatabase("secured_canonical_grants");
        string Bundle(string version, string grants) => HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, version, new[] { "alpha", "bravo" }, "shared",
            extra: new[] { ("models/order_count.yaml", OrderCount.Replace("grants: { reader: [select], admin: [select] }", grants, System.StringComparison.Ordinal)) }));
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", Bundle("1.0.0", "grants: { reader: [select], admin: [select] }")).ExitCode);
        var v2 = Bundle("1.1.0", "grants: { admin: [select], app: [select] }");

        var plan = CliRun.Against(db, "plan", v2);
        var apply = CliRun.Against(db, "apply", v2);

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        StringAssert.Contains(plan.Out, "-- grants.canonical_table.order_count [changed]");
        Assert.IsFalse(plan.Out.Contains("ALTER TABLE \"canonical\".\"order_count\" ADD", System.StringComparison.Ordinal), plan.Out);
        Assert.IsTrue(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_app', 'canonical.order_count', 'SELECT')"));
        Assert.IsFalse(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_alpha_reader', 'canonical.order_count', 'SELECT')"));
        var verify = CliRun.Against(db, "verify", v2);
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.ToString());
    }
}
