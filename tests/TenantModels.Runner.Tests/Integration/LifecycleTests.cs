using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>Evolving a deployed database over bundle versions: tenants added and removed, signatures changed, old bundles refused, drift found.</summary>
[TestClass]
public sealed class LifecycleTests
{
    private static readonly BundleTenant[] JaviAndPablo = HandBuiltBundles.Tenants.Where(t => t.Id != Acme).ToArray();

    private static string NewDatabase(string name)
    {
        var connection = SharedPostgres.Server.CreateDatabase(name);
        CallAnalyticsData.CreateRawSchemas(connection);
        return connection;
    }

    private static void Apply(string db, Bundle bundle, params string[] extra)
    {
        var result = CliRun.Against(db, new[] { "apply", HandBuiltBundles.WriteToTemp(bundle) }.Concat(extra).ToArray());
        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
    }

    [TestMethod]
    public void AddingOneTenantTouchesOnlyItsObjectsAndTheCanonicalView()
    {
        var db = NewDatabase("add_tenant");
        Apply(db, HandBuiltBundles.CallAnalytics("1.0.0", tenants: JaviAndPablo));
        Db.InstallObjectLog(db);

        Apply(db, HandBuiltBundles.CallAnalytics("1.1.0"));

        var touched = Db.Rows(db, "SELECT DISTINCT object_identity FROM public.object_log ORDER BY 1");
        CollectionAssert.AreEqual(new[] { "canonical.call", $"{Acme}_stg_outreach", $"{Acme}_stg_outreach.call" }, touched, string.Join("\n", touched));
        ApplyTests.AssertSampleViews(db);
    }

    [TestMethod]
    public void ChangingAStagingColumnTypeRecreatesTheCanonicalViewAndKeepsTheRows()
    {
        var db = NewDatabase("signature_change");
        Apply(db, HandBuiltBundles.CallAnalytics());
        var v2 = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("2.0.0", callIdType: "numeric"));

        var plan = CliRun.Against(db, "plan", v2);
        var apply = CliRun.Against(db, "apply", v2);

        StringAssert.Contains(plan.Out, "-- canonical_view.call [drop: dependency recreated]\nDROP VIEW IF EXISTS \"canonical\".\"call\";");
        StringAssert.Contains(plan.Out, $"-- staging_view.outreach.call (tenant {Javi}) [recreate: signature changed]");
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        Assert.AreEqual("call_id:numeric", Db.Columns(db, "canonical", "call")[0]);
        Assert.AreEqual("call_id:numeric", Db.Columns(db, $"{Pablo}_stg_salesloft", "call")[0]);
        CollectionAssert.AreEqual(CanonicalRows, Db.Rows(db, "SELECT * FROM canonical.call ORDER BY tenant_id, call_id"));
        Assert.AreEqual("No changes: the database matches CallAnalytics 2.0.0.\n", CliRun.Against(db, "plan", v2).Out);
    }

    [TestMethod]
    public void RemovingATenantIsRefusedWithoutTheFlagAndPlanNamesWhatWouldBeLost()
    {
        var db = NewDatabase("remove_tenant");
        Apply(db, HandBuiltBundles.CallAnalytics());
        Db.InstallDdlLog(db);
        var v2 = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("1.1.0", tenants: JaviAndPablo));

        var plan = CliRun.Against(db, "plan", v2);
        var refused = CliRun.Against(db, "apply", v2);

        StringAssert.Contains(plan.Out, $"-- ==== tenant {Acme} (one transaction, 3 step(s)): REMOVES THE TENANT");
        StringAssert.Contains(plan.Out, $"-- staging_schema.outreach (tenant {Acme}) [drop: tenant removed, DATA LOSS]");
        StringAssert.Contains(plan.Out, $"-- DATA LOSS: this plan drops 1 object(s) that may hold data: schema \"{Acme}_stg_outreach\" of tenant {Acme}.");
        Assert.AreEqual(ExitCodes.Refused, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "error TM3009:");
        Assert.AreEqual(0L, Db.DdlCount(db), "a refused apply must change nothing");

        var allowed = CliRun.Against(db, "apply", v2, "--allow-data-loss");

        Assert.AreEqual(ExitCodes.Success, allowed.ExitCode, allowed.ToString());
        Assert.IsFalse(Db.SchemaExists(db, $"{Acme}_stg_outreach"));
        Assert.IsTrue(Db.SchemaExists(db, $"{Acme}_raw_outreach"), "raw data is never the runner's to drop");
        CollectionAssert.AreEqual(CanonicalRows.Where(r => !r.EndsWith(Acme, System.StringComparison.Ordinal)).ToArray(),
            Db.Rows(db, "SELECT * FROM canonical.call ORDER BY tenant_id, call_id"));
    }

    [TestMethod]
    public void OlderBundleAndRebuiltSameVersionAreRefused()
    {
        var db = NewDatabase("older_bundle");
        Apply(db, HandBuiltBundles.CallAnalytics("1.2.0"));

        var older = CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("1.1.0-rc.1")));
        var sameVersion = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("1.2.0", HandBuiltBundles.SalesloftView("lower(\"call\".\"disposition\")")));
        var rebuilt = CliRun.Against(db, "apply", sameVersion, "--json");

        Assert.AreEqual(ExitCodes.Refused, older.ExitCode, older.ToString());
        StringAssert.Contains(older.Error, "error TM3006: refusing bundle: bundle version 1.1.0-rc.1 is older than 1.2.0");
        Assert.AreEqual(ExitCodes.Refused, rebuilt.ExitCode, rebuilt.ToString());
        Assert.AreEqual("refused", JsonDocument.Parse(rebuilt.Out).RootElement.GetProperty("status").GetString());
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", sameVersion, "--allow-same-version").ExitCode);
    }

    [TestMethod]
    public void VerifyReportsAHandEditedViewAndALostSecurityInvoker()
    {
        var db = NewDatabase("verify");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);
        var clean = CliRun.Against(db, "verify", bundle);
        Assert.AreEqual(ExitCodes.Success, clean.ExitCode, clean.ToString());

        Db.Execute(db, $"""
            CREATE OR REPLACE VIEW "{Pablo}_stg_salesloft".call AS
            SELECT CAST(id AS bigint) AS call_id, CAST(created_at AS timestamp) AS call_created_at, CAST(user_id AS text) AS user_id, CAST('hacked' AS text) AS call_disposition_name
            FROM "{Pablo}_raw_salesloft".call;
            """);
        var drift = CliRun.Against(db, "verify", bundle, "--json");

        Assert.AreEqual(ExitCodes.Drift, drift.ExitCode, drift.ToString());
        StringAssert.Contains(drift.Error, "error TM3011: 2 difference(s) between the live database and the bundle");
        var problems = JsonDocument.Parse(drift.Out).RootElement.GetProperty("drift").EnumerateArray()
            .Select(d => $"{d.GetProperty("artefact").GetString()}|{d.GetProperty("tenant").GetString()}|{d.GetProperty("problem").GetString()}").ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                $"staging_view.salesloft.call|{Pablo}|definition changed outside TenantModels",
                $"staging_view.salesloft.call|{Pablo}|security_invoker is no longer set: the view now runs with its owner's rights",
            },
            problems);
        var table = CliRun.Against(db, "verify", bundle);
        StringAssert.Contains(table.Out, $"\"{Pablo}_stg_salesloft\".\"call\"");
    }
}
