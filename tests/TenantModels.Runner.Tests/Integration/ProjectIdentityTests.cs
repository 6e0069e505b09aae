using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// A database holds one project: a bundle of another is refused before it is planned (its plan would drop everything
/// deployed), unless <c>--replace-project</c> names the project it replaces.
/// </summary>
[TestClass]
public sealed class ProjectIdentityTests
{
    private static readonly BundleTenant[] JaviOnly = HandBuiltBundles.Tenants.Where(t => t.Id == Javi).ToArray();

    private static string Deployed(string name)
    {
        var db = SharedPostgres.Server.CreateDatabase(name);
        CallAnalyticsData.CreateRawSchemas(db);
        var first = CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("2.0.0")));
        Assert.AreEqual(ExitCodes.Success, first.ExitCode, first.ToString());
        return db;
    }

    /// <summary>Another project, newer by its number, whose plan over CallAnalytics would drop two tenants.</summary>
    private static string OtherProject(string version = "3.0.0") =>
        HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics(version, tenants: JaviOnly, project: "OtherAnalytics"));

    [TestMethod]
    public void AnotherProjectsBundleIsRefusedBeforePlanningEvenWithAllowDataLoss()
    {
        var db = Deployed("other_project");
        Db.InstallDdlLog(db);
        var other = OtherProject();

        var apply = CliRun.Against(db, "apply", other, "--allow-data-loss", "--json");

        Assert.AreEqual(ExitCodes.Refused, apply.ExitCode, apply.ToString());
        StringAssert.Contains(apply.Error,
            "tenantmodels: error TM3017: refusing bundle of project 'OtherAnalytics': this database holds project 'CallAnalytics' 2.0.0");
        StringAssert.Contains(apply.Error, "pass --replace-project CallAnalytics");
        var json = JsonDocument.Parse(apply.Out).RootElement;
        Assert.AreEqual("refused", json.GetProperty("status").GetString());
        Assert.AreEqual("TM3017", json.GetProperty("diagnostics")[0].GetProperty("code").GetString());
        Assert.AreEqual(0L, Db.DdlCount(db), "a refused apply must change nothing");
        Assert.IsTrue(Db.SchemaExists(db, $"{Acme}_stg_outreach"));

        // The record still says CallAnalytics 2.0.0: its next version is not taken for older than OtherAnalytics 3.0.0.
        var next = CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("2.1.0")));
        Assert.AreEqual(ExitCodes.Success, next.ExitCode, next.ToString());
    }

    [TestMethod]
    public void PlanStatusAndVerifyReportAnotherProjectsBundle()
    {
        var db = Deployed("other_project_read_only");
        var other = OtherProject();

        var plan = CliRun.Against(db, "plan", other, "--allow-data-loss");
        var status = CliRun.Against(db, "status", other, "--json");
        var verify = CliRun.Against(db, "verify", other);

        Assert.AreEqual(ExitCodes.ApplyWouldRefuse, plan.ExitCode, plan.ToString());
        StringAssert.Contains(plan.Out, "-- APPLY WOULD REFUSE (TM3017): refusing bundle of project 'OtherAnalytics'");
        Assert.IsFalse(plan.Out.Contains("-- Plan for", System.StringComparison.Ordinal), "apply would not plan it, so plan shows no plan: " + plan);
        StringAssert.Contains(plan.Error, "error TM3017:");
        Assert.AreEqual(ExitCodes.Refused, status.ExitCode, status.ToString());
        StringAssert.Contains(status.Error, "error TM3017:");
        var json = JsonDocument.Parse(status.Out).RootElement;
        Assert.AreEqual("refused", json.GetProperty("status").GetString());
        Assert.AreEqual("CallAnalytics", json.GetProperty("deployed").GetProperty("project").GetString());
        Assert.AreEqual(ExitCodes.Refused, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Error, "error TM3017:");
    }

    [TestMethod]
    public void ReplaceProjectNamingTheDeployedProjectPlansAsUsualAndKeepsTheDataLossGuard()
    {
        var db = Deployed("replace_project");
        // An older number than the deployed 2.0.0: versions of two projects do not compare.
        var other = OtherProject("1.0.0");

        var wrongName = CliRun.Against(db, "apply", other, "--replace-project", "SomethingElse", "--allow-data-loss");
        var plan = CliRun.Against(db, "plan", other, "--replace-project", "CallAnalytics");
        var withoutFlag = CliRun.Against(db, "apply", other, "--replace-project", "CallAnalytics");

        Assert.AreEqual(ExitCodes.Refused, wrongName.ExitCode, wrongName.ToString());
        StringAssert.Contains(wrongName.Error, "error TM3017:");
        Assert.AreEqual(ExitCodes.ApplyWouldRefuse, plan.ExitCode, plan.ToString());
        StringAssert.Contains(plan.Out, $"-- staging_schema.salesloft (tenant {Pablo}) [drop: tenant removed, DATA LOSS]");
        StringAssert.Contains(plan.Out, "-- APPLY WOULD REFUSE (TM3009)");
        Assert.AreEqual(ExitCodes.Refused, withoutFlag.ExitCode, withoutFlag.ToString());
        StringAssert.Contains(withoutFlag.Error, "error TM3009:");

        var replaced = CliRun.Against(db, "apply", other, "--replace-project", "CallAnalytics", "--allow-data-loss");

        Assert.AreEqual(ExitCodes.Success, replaced.ExitCode, replaced.ToString());
        Assert.IsFalse(Db.SchemaExists(db, $"{Acme}_stg_outreach"));
        StringAssert.Contains(CliRun.Against(db, "status", other).Out, "Deployed: OtherAnalytics 1.0.0");
        var old = CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("2.1.0")));
        Assert.AreEqual(ExitCodes.Refused, old.ExitCode, "the replaced project is now the other one: " + old);
        StringAssert.Contains(old.Error, "this database holds project 'OtherAnalytics' 1.0.0");
    }
}
