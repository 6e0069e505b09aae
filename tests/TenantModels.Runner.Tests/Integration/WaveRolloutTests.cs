using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Waves;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>apply of a bundle with rollout waves (tenantmodels.yaml <c>waves:</c>) on a real PostgreSQL: order, verification, halt, continue, <c>--wave</c>.</summary>
[TestClass]
public sealed class WaveRolloutTests
{
    /// <summary>Javi is premium in eu; Pablo (salesloft) and Acme are standard, Pablo in us, Acme in eu.</summary>
    private static readonly BundleTenant[] Registry =
    {
        new(Javi, "Javi's org", true, new[] { "outreach" }, Tier: "premium", Attributes: new Dictionary<string, string> { ["region"] = "eu" }),
        new(Pablo, "Pablo's workspace", true, new[] { "salesloft" }, Tier: "standard", Attributes: new Dictionary<string, string> { ["region"] = "us" }),
        new(Acme, "Acme", true, new[] { "outreach" }, Tier: "standard", Attributes: new Dictionary<string, string> { ["region"] = "eu" }),
    };

    private static readonly BundleAttribute[] Attributes = { new("region", "text") };

    private static BundleWave Wave(string name, string onError = BundleWave.Halt, string[]? tenants = null, string? tier = null, string? region = null) =>
        new(name, tenants ?? System.Array.Empty<string>(), tier, region is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["region"] = region }, null, onError);

    private static string Bundle(IReadOnlyList<BundleWave> waves, string version = "1.0.0", string callIdType = "bigint", string? salesloftView = null) =>
        HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics(version, salesloftView, callIdType, Registry, attributes: Attributes, waves: waves));

    /// <summary>A salesloft view PostgreSQL rejects: Pablo's transaction fails.</summary>
    private static string BrokenSalesloft => HandBuiltBundles.SalesloftView("\"call\".\"no_such_column\"", callIdType: "integer");

    private static string NewDatabase(string name)
    {
        var db = SharedPostgres.Server.CreateDatabase(name);
        CreateRawSchemas(db);
        return db;
    }

    private static string[] VersionsByTenant(string db) =>
        Db.Rows(db, "SELECT tenant_id || '|' || bundle_version FROM tenantmodels.deployed_artefact WHERE artefact_id LIKE 'staging_view.%' ORDER BY 1");

    private static string[] WaveStatuses(CliResult result) =>
        JsonDocument.Parse(result.Out).RootElement.GetProperty("waves").EnumerateArray()
            .Select(w => w.GetProperty("name").GetString() + ":" + w.GetProperty("status").GetString()).ToArray();

    [TestMethod]
    public void CanaryThenRestAppliesAndVerifiesEachWaveInOrder()
    {
        var db = NewDatabase("waves_in_order");
        var bundle = Bundle(new[] { Wave("canary", tenants: new[] { Acme }), Wave("us", region: "us"), Wave("rest", BundleWave.Continue) });

        var apply = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        var text = apply.Out;
        var order = new[]
        {
            "Wave canary (1 of 3): tenants " + Acme,
            "applied tenant " + Acme,
            "Wave canary: applied and verified (1 tenant(s)).",
            "Wave us (2 of 3): where region=us",
            "applied tenant " + Pablo,
            "Wave us: applied and verified (1 tenant(s)).",
            "Wave rest (3 of 3): every tenant no other wave selects",
            "applied tenant " + Javi,
            "Wave rest: applied and verified (1 tenant(s)).",
        };
        var at = order.Select(line => text.IndexOf(line, System.StringComparison.Ordinal)).ToArray();
        Assert.IsTrue(at.All(i => i >= 0) && at.Zip(at.Skip(1)).All(p => p.First < p.Second), "each wave, applied then verified, before the next:\n" + text);
        CollectionAssert.AreEqual(new[] { $"{Acme}|1.0.0", $"{Javi}|1.0.0", $"{Pablo}|1.0.0" }, VersionsByTenant(db));
        Assert.AreEqual(3L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.deployment"), "one deployment per wave");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "verify", bundle).ExitCode);

        var again = CliRun.Against(db, "apply", bundle, "--json");

        Assert.AreEqual(ExitCodes.Success, again.ExitCode, again.ToString());
        Assert.AreEqual("up-to-date", JsonDocument.Parse(again.Out).RootElement.GetProperty("status").GetString());
        CollectionAssert.AreEqual(new[] { "canary:up-to-date", "us:up-to-date", "rest:up-to-date" }, WaveStatuses(again));
    }

    [TestMethod]
    public void AFailedWaveHaltsTheRolloutAndLeavesLaterWavesUntouched()
    {
        var db = NewDatabase("waves_halt");
        var waves = new[] { Wave("canary", tenants: new[] { Pablo }), Wave("rest") };
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", Bundle(waves)).ExitCode);

        var apply = CliRun.Against(db, "apply", Bundle(waves, "2.0.0", "integer", BrokenSalesloft), "--json");

        Assert.AreEqual(ExitCodes.Failed, apply.ExitCode, apply.ToString());
        StringAssert.Contains(apply.Error, "error TM3064: the rollout halted after wave 'canary' (1 transaction(s) failed; on_error: halt); not started, left untouched: rest");
        var json = JsonDocument.Parse(apply.Out).RootElement;
        Assert.AreEqual("halted", json.GetProperty("status").GetString());
        CollectionAssert.AreEqual(new[] { "canary:partial", "rest:not-started" }, WaveStatuses(apply));
        CollectionAssert.AreEqual(new[] { $"{Acme}|1.0.0", $"{Javi}|1.0.0", $"{Pablo}|1.0.0" }, VersionsByTenant(db), "no tenant of a later wave was touched");
        Assert.AreEqual("call_id:bigint", Db.Columns(db, $"{Javi}_stg_outreach", "call")[0]);
    }

    [TestMethod]
    public void OnErrorContinueGoesOnToTheNextWave()
    {
        var db = NewDatabase("waves_continue");
        var waves = new[] { Wave("canary", BundleWave.Continue, tenants: new[] { Pablo }), Wave("rest") };
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", Bundle(waves)).ExitCode);

        var apply = CliRun.Against(db, "apply", Bundle(waves, "2.0.0", "integer", BrokenSalesloft), "--json");

        Assert.AreEqual(ExitCodes.Failed, apply.ExitCode, apply.ToString());
        Assert.IsFalse(apply.Error.Contains("TM3064"), apply.Error);
        Assert.AreEqual("partial", JsonDocument.Parse(apply.Out).RootElement.GetProperty("status").GetString());
        CollectionAssert.AreEqual(new[] { "canary:partial", "rest:applied" }, WaveStatuses(apply));
        CollectionAssert.AreEqual(new[] { $"{Acme}|2.0.0", $"{Javi}|2.0.0", $"{Pablo}|1.0.0" }, VersionsByTenant(db));
    }

    [TestMethod]
    public void DriftFoundByAWavesVerificationHaltsTheRollout()
    {
        var db = NewDatabase("waves_drift");
        var waves = new[] { Wave("canary", tenants: new[] { Javi }), Wave("rest") };
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", Bundle(waves)).ExitCode);

        // A table made by hand in a schema the runner created: verify reports it, apply never drops it.
        Db.Execute(db, $"CREATE TABLE \"{Javi}_stg_outreach\".by_hand (id int)");
        var apply = CliRun.Against(db, "apply", Bundle(waves, "2.0.0", "integer"), "--json");

        Assert.AreEqual(ExitCodes.Drift, apply.ExitCode, apply.ToString());
        StringAssert.Contains(apply.Error, "error TM3064: the rollout halted after wave 'canary' (applied, but its verification found drift (1 object(s)); on_error: halt); not started, left untouched: rest");
        CollectionAssert.AreEqual(new[] { "canary:drift", "rest:not-started" }, WaveStatuses(apply));
        CollectionAssert.AreEqual(new[] { $"{Acme}|1.0.0", $"{Javi}|2.0.0", $"{Pablo}|1.0.0" }, VersionsByTenant(db));
    }

    [TestMethod]
    public void WaveRunsOneWaveAndTenantsInNoWaveRunInAnImplicitLastWave()
    {
        var db = NewDatabase("waves_one");
        var bundle = Bundle(new[] { Wave("premium", tier: "premium") });

        var premium = CliRun.Against(db, "apply", bundle, "--wave", "premium");

        Assert.AreEqual(ExitCodes.Success, premium.ExitCode, premium.ToString());
        CollectionAssert.AreEqual(new[] { $"{Javi}|1.0.0" }, VersionsByTenant(db));
        Assert.IsFalse(premium.Out.Contains("(rest)"), premium.Out);

        var all = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, all.ExitCode, all.ToString());
        StringAssert.Contains(all.Out, "Wave (rest) (2 of 2): every tenant no wave selects");
        CollectionAssert.AreEqual(new[] { $"{Acme}|1.0.0", $"{Javi}|1.0.0", $"{Pablo}|1.0.0" }, VersionsByTenant(db));
    }

    [TestMethod]
    public void AnUnknownWaveIsAUsageErrorBeforeAnyChange()
    {
        var db = NewDatabase("waves_unknown");
        var bundle = Bundle(new[] { Wave("canary", tenants: new[] { Acme }), Wave("rest") });

        var unknown = CliRun.Against(db, "apply", bundle, "--wave", "canery");
        var noWaves = CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics(tenants: Registry, attributes: Attributes)), "--wave", "canary");
        var mixed = CliRun.Against(db, "apply", bundle, "--wave", "canary", "--tenant", Acme);

        Assert.AreEqual(ExitCodes.UsageError, unknown.ExitCode, unknown.ToString());
        StringAssert.Contains(unknown.Error, "error TM3063: --wave canery: the bundle has no such wave; did you mean 'canary'?; its waves, in order: canary, rest; nothing was done");
        Assert.AreEqual(ExitCodes.UsageError, noWaves.ExitCode, noWaves.ToString());
        StringAssert.Contains(noWaves.Error, "error TM3063: --wave canary: the bundle declares no rollout waves (tenantmodels.yaml waves:); nothing was done");
        Assert.AreEqual(ExitCodes.UsageError, mixed.ExitCode, mixed.ToString());
        StringAssert.Contains(mixed.Error, "--wave cannot be combined with --tenant, --tier or --where");
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'tenantmodels'"), "nothing was created");
    }

    [TestMethod]
    public void PlanVerifyStatusAndRefreshTakeAWavesTenants()
    {
        var db = NewDatabase("waves_read");
        var v1 = Bundle(new[] { Wave("canary", tenants: new[] { Acme }), Wave("us", region: "us"), Wave("rest") });
        var v2 = Bundle(new[] { Wave("canary", tenants: new[] { Acme }), Wave("us", region: "us"), Wave("rest") }, version: "1.0.1", callIdType: "numeric");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", v1).ExitCode);
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", v2, "--wave", "canary", "--allow-data-loss").ExitCode);
        Db.Execute(db, $"DROP VIEW \"{Pablo}_stg_salesloft\".call CASCADE");

        var planUs = CliRun.Against(db, "plan", v2, "--wave", "us");
        var verifyCanary = CliRun.Against(db, "verify", v2, "--wave", "canary");
        var verifyUs = CliRun.Against(db, "verify", v2, "--wave", "us");
        var status = CliRun.Against(db, "status", v2, "--wave", "canary");
        var unknown = CliRun.Against(db, "verify", v2, "--wave", "canery");
        var mixed = CliRun.Against(db, "plan", v2, "--wave", "us", "--tier", "premium");

        StringAssert.Contains(planUs.Out, $"(tenant {Pablo})", planUs.ToString());
        Assert.IsFalse(planUs.Out.Contains($"(tenant {Acme})", System.StringComparison.Ordinal) || planUs.Out.Contains($"(tenant {Javi})", System.StringComparison.Ordinal),
            "the us wave is Pablo's alone:\n" + planUs.Out);
        Assert.AreEqual(ExitCodes.Success, verifyCanary.ExitCode, "the canary was rolled out and is intact:\n" + verifyCanary);
        Assert.AreEqual(ExitCodes.Drift, verifyUs.ExitCode, "Pablo's view was dropped:\n" + verifyUs);
        Assert.AreEqual(ExitCodes.Success, status.ExitCode, status.ToString());
        Assert.AreEqual(ExitCodes.UsageError, unknown.ExitCode, unknown.ToString());
        StringAssert.Contains(unknown.Error, "error TM3063: --wave canery: the bundle has no such wave; did you mean 'canary'?");
        Assert.AreEqual(ExitCodes.UsageError, mixed.ExitCode, mixed.ToString());
        StringAssert.Contains(mixed.Error, "--wave cannot be combined with --tenant, --tier or --where");
    }

    [TestMethod]
    public void ASelectionAppliesAsWithoutWaves()
    {
        var db = NewDatabase("waves_selection");
        var bundle = Bundle(new[] { Wave("canary", tenants: new[] { Acme }), Wave("rest") });

        var apply = CliRun.Against(db, "apply", bundle, "--tenant", Pablo);

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        Assert.IsFalse(apply.Out.Contains("Wave "), apply.Out);
        CollectionAssert.AreEqual(new[] { $"{Pablo}|1.0.0" }, VersionsByTenant(db));
    }
}
