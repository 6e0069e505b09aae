using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary><c>plan</c>, <c>status</c> and <c>verify</c> with a target map: one result per database, each for its own tenants.</summary>
[TestClass]
public sealed class TargetMapCommandTests
{
    private static string[] Targets(CliResult result, System.Func<JsonElement, string> describe) =>
        JsonDocument.Parse(result.Out).RootElement.GetProperty("targets").EnumerateArray().Select(describe).OrderBy(s => s, System.StringComparer.Ordinal).ToArray();

    [TestMethod]
    public void PlanStatusAndVerifyReportEachDatabase()
    {
        var a = SharedPostgres.Server.CreateDatabase("tmap_a");
        var b = SharedPostgres.Server.CreateDatabase("tmap_b");
        var map = Path.Combine(CliRun.TempDirectory(), "targets.json");
        File.WriteAllText(map, JsonSerializer.Serialize(new
        {
            targets = new { a = new { connection = a }, b = new { connection = b } },
            tenants = new { shop_a = "a", shop_b = "b" },
        }));
        var bundle = HandBuiltBundles.WriteToTemp(TableBundles.Shop());

        var plan = CliRun.Run(null, "plan", bundle, "--targets", map, "--json");

        Assert.AreEqual(ExitCodes.Success, plan.ExitCode, plan.ToString());
        Assert.AreEqual("planned", JsonDocument.Parse(plan.Out).RootElement.GetProperty("status").GetString());
        CollectionAssert.AreEqual(new[] { "a:planned:shop_a", "b:planned:shop_b" }, Targets(plan, t =>
            $"{t.GetProperty("target").GetString()}:{t.GetProperty("status").GetString()}:"
            + string.Join(",", t.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("tenant").GetString()).Distinct())));
        Assert.IsFalse(Db.SchemaExists(a, "tenantmodels"), "plan wrote to a target");

        var applied = CliRun.Run(null, "apply", bundle, "--targets", map, "--parallel", "2");
        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());

        var status = CliRun.Run(null, "status", bundle, "--targets", map, "--json");
        var textStatus = CliRun.Run(null, "status", bundle, "--targets", map);

        Assert.AreEqual(ExitCodes.Success, status.ExitCode, status.ToString());
        CollectionAssert.AreEqual(new[] { "a:up-to-date:shop_a", "b:up-to-date:shop_b" }, Targets(status, t =>
            $"{t.GetProperty("target").GetString()}:{t.GetProperty("status").GetString()}:"
            + string.Join(",", t.GetProperty("deployed").GetProperty("tenants").EnumerateArray().Select(x => x.GetString()))));
        StringAssert.Contains(textStatus.Out, "[b] Tenants:  shop_b");

        Db.Execute(b, "DROP VIEW shop_b_shop.product_names");
        var verify = CliRun.Run(null, "verify", bundle, "--targets", map, "--json");

        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        Assert.AreEqual("drift", JsonDocument.Parse(verify.Out).RootElement.GetProperty("status").GetString());
        CollectionAssert.AreEqual(new[] { "a:ok:0", "b:drift:1" }, Targets(verify, t =>
            $"{t.GetProperty("target").GetString()}:{t.GetProperty("status").GetString()}:{t.GetProperty("drift").GetArrayLength()}"));
        StringAssert.Contains(verify.Error, "[b] tenantmodels: error TM3011");
    }

    [TestMethod]
    public void ASelectionWorksOnTheDatabasesHoldingItsTenantsAndMustMatchSomewhere()
    {
        var a = SharedPostgres.Server.CreateDatabase("tmap_sel_a");
        var b = SharedPostgres.Server.CreateDatabase("tmap_sel_b");
        var map = Path.Combine(CliRun.TempDirectory(), "targets.json");
        File.WriteAllText(map, JsonSerializer.Serialize(new
        {
            targets = new { a = new { connection = a }, b = new { connection = b } },
            tenants = new { shop_a = "a", shop_b = "b" },
        }));
        var bundle = HandBuiltBundles.WriteToTemp(TableBundles.Shop());

        var applied = CliRun.Run(null, "apply", bundle, "--targets", map, "--tenant", "shop_b", "--json");

        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        CollectionAssert.AreEqual(new[] { "a:not-selected", "b:applied" }, Targets(applied, t => $"{t.GetProperty("target").GetString()}:{t.GetProperty("status").GetString()}"));
        Assert.IsFalse(Db.SchemaExists(a, "tenantmodels"), "a database holding no selected tenant was changed");
        Assert.IsTrue(Db.SchemaExists(b, "tenantmodels"));
        CollectionAssert.AreEqual(new[] { "shop_b" }, JsonDocument.Parse(applied.Out).RootElement.GetProperty("selection").GetProperty("matched").EnumerateArray().Select(t => t.GetString()).ToArray());

        var nowhere = CliRun.Run(null, "plan", bundle, "--targets", map, "--tenant", "shop_c");

        Assert.AreEqual(ExitCodes.UsageError, nowhere.ExitCode, nowhere.ToString());
        StringAssert.Contains(nowhere.Error, $"tenantmodels: error TM3061: --tenant shop_c matches no tenant of any database of target map '{map}'; nothing was done");
    }
}
