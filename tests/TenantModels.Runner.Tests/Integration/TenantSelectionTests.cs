using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary><c>--tenant</c>, <c>--tier</c> and <c>--where</c> on plan, apply, status and verify, on a real PostgreSQL.</summary>
[TestClass]
public sealed class TenantSelectionTests
{
    /// <summary>Javi is premium with 10 seats in eu; Pablo and Acme are standard with 5 seats, Pablo in us, Acme in eu.</summary>
    private static readonly BundleTenant[] Registry =
    {
        new(Javi, "Javi's org", true, new[] { "outreach" }, Tier: "premium", Attributes: new Dictionary<string, string> { ["seats"] = "10", ["region"] = "eu" }),
        new(Pablo, "Pablo's workspace", true, new[] { "salesloft" }, Tier: "standard", Attributes: new Dictionary<string, string> { ["seats"] = "5", ["region"] = "us" }),
        new(Acme, "Acme", true, new[] { "outreach" }, Tier: "standard", Attributes: new Dictionary<string, string> { ["seats"] = "5", ["region"] = "eu" }),
    };

    private static readonly BundleAttribute[] Attributes = { new("seats", "integer"), new("region", "text") };

    private static string Bundle(string version = "1.0.0", string callIdType = "bigint") =>
        HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics(version, callIdType: callIdType, tenants: Registry, attributes: Attributes));

    private static string NewDatabase(string name)
    {
        var db = SharedPostgres.Server.CreateDatabase(name);
        CreateRawSchemas(db);
        return db;
    }

    /// <summary>A step's or drift row's tenant; null (omitted in JSON) for shared objects.</summary>
    private static string? TenantOf(JsonElement item) => item.TryGetProperty("tenant", out var tenant) ? tenant.GetString() : null;

    private static string[] RecordedTenants(string db) =>
        Db.Rows(db, "SELECT DISTINCT tenant_id FROM tenantmodels.deployed_artefact WHERE tenant_id <> '' ORDER BY 1");

    [TestMethod]
    public void ApplyToOneTenantOfThreeCreatesOnlyItsObjectsAndAUnionOverIt()
    {
        var db = NewDatabase("select_one_new");

        var apply = CliRun.Against(db, "apply", Bundle(), "--tenant", Acme, "--json");

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        Assert.IsTrue(Db.SchemaExists(db, $"{Acme}_stg_outreach"));
        Assert.IsFalse(Db.SchemaExists(db, $"{Javi}_stg_outreach"), "a tenant that was not selected got objects");
        Assert.IsFalse(Db.SchemaExists(db, $"{Pablo}_stg_salesloft"), "a tenant that was not selected got objects");
        CollectionAssert.AreEqual(new[] { Acme }, RecordedTenants(db), string.Join(",", RecordedTenants(db)));
        CollectionAssert.AreEqual(new[] { "20|2024-02-01 00:00:00|u_acme|no answer|" + Acme }, Db.Rows(db, "SELECT * FROM canonical.call ORDER BY tenant_id, call_id"),
            "the union covers the tenants that are ready: only the selected one here");
        var json = JsonDocument.Parse(apply.Out).RootElement;
        var selection = json.GetProperty("selection");
        CollectionAssert.AreEqual(new[] { Acme }, selection.GetProperty("tenant").EnumerateArray().Select(t => t.GetString()).ToArray());
        CollectionAssert.AreEqual(new[] { Acme }, selection.GetProperty("matched").EnumerateArray().Select(t => t.GetString()).ToArray());
        CollectionAssert.AreEqual(new[] { "global", "tenant", "union" }, json.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unit").GetString()).ToArray());
    }

    [TestMethod]
    public void ApplyToOneTenantOfThreeLeavesTheOthersOnTheirRecordedVersion()
    {
        var db = NewDatabase("select_one_upgrade");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", Bundle()).ExitCode);
        var v2 = Bundle("2.0.0", callIdType: "integer");

        var plan = CliRun.Against(db, "plan", v2, "--tenant", Javi);
        var apply = CliRun.Against(db, "apply", v2, "--tenant", Javi);

        Assert.AreEqual(ExitCodes.Success, plan.ExitCode, plan.ToString());
        Assert.IsFalse(plan.Out.Contains(Pablo) || plan.Out.Contains($"(tenant {Acme})"), "plan shows steps of tenants that were not selected:\n" + plan.Out);
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        StringAssert.Contains(apply.Out, "the database now matches CallAnalytics 2.0.0 for the 1 selected tenant(s).");
        CollectionAssert.AreEqual(
            new[] { $"{Acme}|1.0.0", $"{Javi}|2.0.0", $"{Pablo}|1.0.0" },
            Db.Rows(db, "SELECT tenant_id, bundle_version FROM tenantmodels.deployed_artefact WHERE artefact_id LIKE 'staging_view.%' ORDER BY 1"),
            "each tenant's view is recorded with the version that made it (the schemas did not change)");
        Assert.AreEqual("call_id:integer", Db.Columns(db, $"{Javi}_stg_outreach", "call")[0]);
        Assert.AreEqual("call_id:bigint", Db.Columns(db, $"{Acme}_stg_outreach", "call")[0], "a tenant that was not selected was changed");
        Assert.AreEqual("call_id:bigint", Db.Columns(db, $"{Pablo}_stg_salesloft", "call")[0], "a tenant that was not selected was changed");
        CollectionAssert.AreEqual(new[] { Javi }, Db.Rows(db, "SELECT DISTINCT tenant_id FROM canonical.call"),
            "the union is rebuilt over the tenants on the new signature, never over the others' old views");

        var canary = CliRun.Against(db, "status", v2);
        StringAssert.Contains(canary.Out, $"Deployed: CallAnalytics 2.0.0 at ", canary.ToString());
        StringAssert.Contains(canary.Out, $", to the tenants of `--tenant {Javi}` only (the others are where earlier deployments left them)", canary.ToString());

        var rest = CliRun.Against(db, "apply", v2, "--tenant", Acme, "--tenant", Pablo);

        Assert.AreEqual(ExitCodes.Success, rest.ExitCode, rest.ToString());
        CollectionAssert.AreEqual(new[] { "2.0.0" }, Db.Rows(db, "SELECT DISTINCT bundle_version FROM tenantmodels.deployed_artefact WHERE artefact_id LIKE 'staging_view.%'"));
        Assert.AreEqual(3L, Db.Scalar<long>(db, "SELECT count(DISTINCT tenant_id) FROM canonical.call"));
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "verify", v2).ExitCode);
        var everyone = CliRun.Against(db, "apply", Bundle("3.0.0", callIdType: "bigint"));
        Assert.AreEqual(ExitCodes.Success, everyone.ExitCode, everyone.ToString());
        Assert.IsFalse(CliRun.Against(db, "status", Bundle("3.0.0", callIdType: "bigint")).Out.Contains("only (the others", System.StringComparison.Ordinal),
            "an apply to every tenant is not shown as a selection");
    }

    [TestMethod]
    public void TierAndWhereSelectByTypedValuesAndCombine()
    {
        var db = NewDatabase("select_tier_where");
        var bundle = Bundle();

        // "05" reads as the integer 5: values are compared as the attribute's type reads them.
        var standardWithFive = CliRun.Against(db, "apply", bundle, "--tier", "standard", "--where", "seats=05", "--json");

        Assert.AreEqual(ExitCodes.Success, standardWithFive.ExitCode, standardWithFive.ToString());
        CollectionAssert.AreEqual(new[] { Acme, Pablo }, RecordedTenants(db), string.Join(",", RecordedTenants(db)));
        var selection = JsonDocument.Parse(standardWithFive.Out).RootElement.GetProperty("selection");
        Assert.AreEqual("standard", selection.GetProperty("tier").GetString());
        CollectionAssert.AreEqual(new[] { "seats=05" }, selection.GetProperty("where").EnumerateArray().Select(w => w.GetString()).ToArray());
        CollectionAssert.AreEquivalent(new[] { Pablo, Acme }, selection.GetProperty("matched").EnumerateArray().Select(t => t.GetString()).ToArray());

        var euPremium = CliRun.Against(db, "plan", bundle, "--where", "region=eu", "--where", "seats=10", "--json");

        Assert.AreEqual(ExitCodes.Success, euPremium.ExitCode, euPremium.ToString());
        CollectionAssert.AreEqual(new[] { Javi }, JsonDocument.Parse(euPremium.Out).RootElement.GetProperty("steps").EnumerateArray()
            .Select(TenantOf).OfType<string>().Distinct().ToArray());
    }

    [TestMethod]
    public void StatusAndVerifyReportOnlyTheSelectedTenants()
    {
        var db = NewDatabase("select_status_verify");
        var bundle = Bundle();
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);
        Db.Execute(db, $"DROP VIEW \"{Pablo}_stg_salesloft\".call CASCADE");

        var status = CliRun.Against(db, "status", bundle, "--tier", "premium", "--json");
        var verifyOthers = CliRun.Against(db, "verify", bundle, "--tenant", Javi, "--tenant", Acme);
        var verifyPablo = CliRun.Against(db, "verify", bundle, "--where", "region=us", "--json");

        Assert.AreEqual(ExitCodes.Success, status.ExitCode, status.ToString());
        var deployed = JsonDocument.Parse(status.Out).RootElement.GetProperty("deployed");
        CollectionAssert.AreEqual(new[] { Javi }, deployed.GetProperty("tenants").EnumerateArray().Select(t => t.GetString()).ToArray());
        Assert.AreEqual(ExitCodes.Drift, verifyOthers.ExitCode, "canonical.call went with Pablo's view (CASCADE): shared objects are reported whatever the selection\n" + verifyOthers);
        Assert.IsFalse(verifyOthers.Out.Contains(Pablo), "verify reported a tenant that was not selected:\n" + verifyOthers.Out);
        Assert.AreEqual(ExitCodes.Drift, verifyPablo.ExitCode, verifyPablo.ToString());
        var drifted = JsonDocument.Parse(verifyPablo.Out).RootElement.GetProperty("drift").EnumerateArray()
            .Select(TenantOf).OfType<string>().Distinct().ToArray();
        CollectionAssert.AreEqual(new[] { Pablo }, drifted);
    }

    [TestMethod]
    public void AnUnknownAttributeOrAValueOfTheWrongTypeIsAUsageErrorNamingTheAttributes()
    {
        var bundle = Bundle();

        var unknown = CliRun.Run(new Dictionary<string, string> { ["TENANTMODELS_CONNECTION"] = "Host=127.0.0.1;Database=none" }, "apply", bundle, "--where", "regoin=eu");
        var wrongType = CliRun.Run(new Dictionary<string, string> { ["TENANTMODELS_CONNECTION"] = "Host=127.0.0.1;Database=none" }, "plan", bundle, "--where", "seats=many");
        var noEquals = CliRun.Run(new Dictionary<string, string> { ["TENANTMODELS_CONNECTION"] = "Host=127.0.0.1;Database=none" }, "status", bundle, "--where", "seats");

        Assert.AreEqual(ExitCodes.UsageError, unknown.ExitCode, unknown.ToString());
        StringAssert.Contains(unknown.Error, "tenantmodels: error TM3060: invalid tenant selection --where regoin=eu: the registry declares no attribute 'regoin'; did you mean 'region'?; the registry's attributes: seats (integer), region (text)");
        Assert.AreEqual(ExitCodes.UsageError, wrongType.ExitCode, wrongType.ToString());
        StringAssert.Contains(wrongType.Error, "error TM3060: invalid tenant selection --where seats=many: 'many' is not a value of attribute 'seats', which is integer;");
        Assert.AreEqual(ExitCodes.UsageError, noEquals.ExitCode, noEquals.ToString());
        StringAssert.Contains(noEquals.Error, "error TM3060: invalid tenant selection --where seats: expected attribute=value");
    }

    [TestMethod]
    public void ASelectionMatchingNoTenantIsAnErrorAndChangesNothing()
    {
        var db = NewDatabase("select_none");
        var bundle = Bundle();

        var noTier = CliRun.Against(db, "apply", bundle, "--tier", "gold", "--json");
        var typo = CliRun.Against(db, "apply", bundle, "--tenant", Acme, "--tenant", "org_acme_k3x8");
        var plan = CliRun.Against(db, "plan", bundle, "--where", "seats=7");

        Assert.AreEqual(ExitCodes.UsageError, noTier.ExitCode, noTier.ToString());
        var database = new Npgsql.NpgsqlConnectionStringBuilder(db).Database;
        StringAssert.Contains(noTier.Error, $"tenantmodels: error TM3061: --tier gold matches no tenant of database '{database}' (its tenants: {Javi}, {Pablo}, {Acme}); nothing was done");
        Assert.AreEqual("gold", JsonDocument.Parse(noTier.Out).RootElement.GetProperty("selection").GetProperty("tier").GetString());
        Assert.AreEqual(ExitCodes.UsageError, typo.ExitCode, typo.ToString());
        StringAssert.Contains(typo.Error, $"error TM3061: --tenant org_acme_k3x8 matches no tenant of database '{database}'");
        Assert.AreEqual(ExitCodes.UsageError, plan.ExitCode, plan.ToString());
        StringAssert.Contains(plan.Error, "error TM3061: --where seats=7 matches no tenant");
        Assert.IsFalse(Db.SchemaExists(db, "canonical"), "a selection that matched nothing changed the database");
        Assert.IsFalse(Db.SchemaExists(db, $"{Acme}_stg_outreach"), "a selection with an unknown tenant applied the known one");
    }

    /// <summary>A login belongs to a tenant's role, which an apply to other tenants does not create: only the selected tenants' logins (and the tenant-less ones) are made.</summary>
    [TestMethod]
    public void ApplyWithLoginsMakesTheLoginsOfTheSelectedTenantsOnly()
    {
        var db = SharedPostgres.Server.CreateDatabase("select_logins");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile("sl", "1.0.0", new[] { "alpha", "bravo" }, "shared"));
        var file = System.IO.Path.Combine(CliRun.TempDirectory(), "logins.json");
        System.IO.File.WriteAllText(file, """
            { "logins": [
                { "name": "sl_alpha_login", "tenant": "alpha", "role": "reader", "passwordVariable": "ALPHA_PASSWORD" },
                { "name": "sl_bravo_login", "tenant": "bravo", "role": "reader", "passwordVariable": "BRAVO_PASSWORD" },
                { "name": "sl_app_login", "role": "app", "passwordVariable": "APP_PASSWORD" } ] }
            """);
        var environment = new Dictionary<string, string> { ["ALPHA_PASSWORD"] = "a-Secret-1", ["BRAVO_PASSWORD"] = "b-Secret-2", ["APP_PASSWORD"] = "c-Secret-3" };

        var apply = CliRun.Run(environment, "apply", bundle, "--tenant", "alpha", "--logins", file, "--connection", db);

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        CollectionAssert.AreEqual(new[] { "sl_alpha_login", "sl_app_login" },
            Db.Rows(db, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'sl\\_%\\_login' ORDER BY 1"));
    }
}
