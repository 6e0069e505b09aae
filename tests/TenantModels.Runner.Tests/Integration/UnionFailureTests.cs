using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>A transaction that failed is not retried silently: status says why it failed, plan and apply that it is tried again.</summary>
[TestClass]
public sealed class UnionFailureTests
{
    [TestMethod]
    public void AFailedUnionIsReportedByStatusAndPlanAndRetriedVisibly()
    {
        var db = SharedPostgres.Server.CreateDatabase("union_failure_reason");
        CallAnalyticsData.CreateRawSchemas(db);
        // A table where the canonical view must go: CREATE OR REPLACE VIEW fails there on every try.
        Db.Execute(db, "CREATE SCHEMA canonical; CREATE TABLE canonical.call (x integer);");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        var failed = CliRun.Against(db, "apply", bundle);
        var status = CliRun.Against(db, "status", bundle);
        var plan = CliRun.Against(db, "plan", bundle);
        Db.Execute(db, "DROP TABLE canonical.call");
        var retried = CliRun.Against(db, "apply", bundle);
        var after = CliRun.Against(db, "status", bundle);

        Assert.AreEqual(ExitCodes.Failed, failed.ExitCode, failed.ToString());
        StringAssert.Contains(status.Out, "Failed:   union in the last apply (TM3005:");
        StringAssert.Contains(status.Out, "is not a view");
        StringAssert.Contains(plan.Out, "-- RETRY: union failed in the last apply of this bundle (TM3005:");
        Assert.AreEqual(ExitCodes.Success, retried.ExitCode, retried.ToString());
        StringAssert.Contains(retried.Out, "retrying: union failed in the last apply of this bundle");
        Assert.IsFalse(after.Out.Contains("Failed:", System.StringComparison.Ordinal), after.ToString());
        Assert.AreEqual(3L, Db.Scalar<long>(db, "SELECT count(DISTINCT tenant_id) FROM canonical.call"));
    }
}
