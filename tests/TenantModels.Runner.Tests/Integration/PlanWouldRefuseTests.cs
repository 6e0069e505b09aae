using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary><c>plan</c> says when and why <c>apply</c> with the same options would refuse, and exits 7 then (apply's own refusal is 6).</summary>
[TestClass]
public sealed class PlanWouldRefuseTests
{
    private static string Deployed(string name, Bundle bundle)
    {
        var db = SharedPostgres.Server.CreateDatabase(name);
        CallAnalyticsData.CreateRawSchemas(db);
        var first = CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(bundle));
        Assert.AreEqual(ExitCodes.Success, first.ExitCode, first.ToString());
        return db;
    }

    [TestMethod]
    public void AnOlderVersionAndARebuiltSameVersion()
    {
        var db = Deployed("plan_older", HandBuiltBundles.CallAnalytics("1.2.0"));
        var older = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("1.1.0"));
        var rebuilt = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("1.2.0", HandBuiltBundles.SalesloftView("lower(\"call\".\"disposition\")")));

        var olderPlan = CliRun.Against(db, "plan", older, "--json");
        var rebuiltPlan = CliRun.Against(db, "plan", rebuilt);
        var allowed = CliRun.Against(db, "plan", rebuilt, "--allow-same-version");

        Assert.AreEqual(ExitCodes.ApplyWouldRefuse, olderPlan.ExitCode, olderPlan.ToString());
        StringAssert.Contains(olderPlan.Error, "tenantmodels: error TM3006: refusing bundle: bundle version 1.1.0 is older than 1.2.0");
        var json = JsonDocument.Parse(olderPlan.Out).RootElement;
        Assert.AreEqual("would-refuse", json.GetProperty("status").GetString());
        Assert.AreEqual(ExitCodes.ApplyWouldRefuse, json.GetProperty("exitCode").GetInt32());
        Assert.AreEqual("TM3006", json.GetProperty("diagnostics")[0].GetProperty("code").GetString());
        Assert.AreEqual(ExitCodes.ApplyWouldRefuse, rebuiltPlan.ExitCode, rebuiltPlan.ToString());
        StringAssert.Contains(rebuiltPlan.Out, "-- APPLY WOULD REFUSE (TM3006): refusing bundle: bundle version 1.2.0 is already deployed with different content");
        Assert.AreEqual(ExitCodes.Success, allowed.ExitCode, allowed.ToString());
        StringAssert.Contains(allowed.Out, $"-- staging_view.salesloft.call (tenant {Pablo}) [changed]");
    }

    [TestMethod]
    public void DataLossWithoutTheFlag()
    {
        var db = Deployed("plan_data_loss", HandBuiltBundles.CallAnalytics());
        var v2 = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("1.1.0", tenants: HandBuiltBundles.Tenants.Where(t => t.Id != Acme).ToArray()));

        var plan = CliRun.Against(db, "plan", v2);
        var allowed = CliRun.Against(db, "plan", v2, "--allow-data-loss");

        Assert.AreEqual(ExitCodes.ApplyWouldRefuse, plan.ExitCode, plan.ToString());
        StringAssert.Contains(plan.Out, $"-- staging_schema.outreach (tenant {Acme}) [drop: tenant removed, DATA LOSS]");
        StringAssert.Contains(plan.Out, "-- APPLY WOULD REFUSE (TM3009): the plan drops 1 object(s) that may hold data");
        StringAssert.Contains(plan.Error, "error TM3009:");
        Assert.AreEqual(ExitCodes.Success, allowed.ExitCode, allowed.ToString());
        StringAssert.Contains(allowed.Out, "-- apply --allow-data-loss drops them.");
        Assert.AreEqual(ExitCodes.Refused, CliRun.Against(db, "apply", v2).ExitCode, "apply refuses what plan said it would");
    }

    [TestMethod]
    public void ABlockedPlan()
    {
        var db = SharedPostgres.Server.CreateDatabase("plan_blocked");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(TableBundles.Shop())).ExitCode);
        // A record without the table's definition: a changed table cannot be planned as ALTER TABLE.
        Db.Execute(db, "UPDATE tenantmodels.deployed_artefact SET definition = '' WHERE artefact_id = 'table.product'");
        var v2 = HandBuiltBundles.WriteToTemp(TableBundles.Shop("1.1.0", columns: TableBundles.BaseColumns.Take(2).ToArray()));

        var plan = CliRun.Against(db, "plan", v2, "--allow-data-loss");

        Assert.AreEqual(ExitCodes.ApplyWouldRefuse, plan.ExitCode, plan.ToString());
        StringAssert.Contains(plan.Out, "-- APPLY WOULD REFUSE (TM3010):");
        StringAssert.Contains(plan.Error, "error TM3010:");
        StringAssert.Contains(plan.Error, "has no table definition");
        var apply = CliRun.Against(db, "apply", v2, "--allow-data-loss");
        Assert.AreEqual(ExitCodes.Refused, apply.ExitCode, apply.ToString());
        StringAssert.Contains(apply.Error, "error TM3010:");
    }

    [TestMethod]
    public void NothingToRefuseExitsZero()
    {
        var bundle = HandBuiltBundles.CallAnalytics();
        var db = Deployed("plan_nothing_to_refuse", bundle);

        var plan = CliRun.Against(db, "plan", HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("1.1.0")));

        Assert.AreEqual(ExitCodes.Success, plan.ExitCode, plan.ToString());
        Assert.IsFalse(plan.Out.Contains("APPLY WOULD REFUSE", System.StringComparison.Ordinal), plan.ToString());
    }
}
