using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>A target map entry that is a server (a connection without a database): each tenant's database derived from naming.database.</summary>
[TestClass]
public sealed class ServerTargetTests
{
    [TestMethod]
    public void ApplyToAServerCreatesEachTenantsDatabaseOnlyWhenAsked()
    {
        var bundle = HandBuiltBundles.WriteToTemp(FleetProjects.Compile("srva", "1.0.0", new[] { ("acme", ""), ("globex", "") }));
        var map = FleetProjects.ServerMap();

        var refused = CliRun.Run(null, "apply", bundle, "--targets", map);

        Assert.AreEqual(ExitCodes.UsageError, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "error TM3065: database 'srva_acme' of tenant 'acme' does not exist on server 'main': pass --create-databases");
        Assert.AreEqual(0, FleetProjects.Databases("srva").Length, "nothing was created without --create-databases");

        var apply = CliRun.Run(null, "apply", bundle, "--targets", map, "--create-databases");

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        StringAssert.Contains(apply.Out, "[main/srva_acme] Created database srva_acme for tenant acme.");
        CollectionAssert.AreEqual(new[] { "srva_acme", "srva_globex" }, FleetProjects.Databases("srva"));
        foreach (var tenant in new[] { "acme", "globex" })
        {
            var db = FleetProjects.DatabaseConnection("srva_" + tenant);
            Assert.AreEqual("tenant_" + tenant, Db.Scalar<string>(db, "SELECT string_agg(nspname, ',') FROM pg_namespace WHERE nspname LIKE 'tenant\\_%'"), "each database holds its own tenant only");
        }

        var verify = CliRun.Run(null, "verify", bundle, "--targets", map);
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.ToString());
    }

    [TestMethod]
    public void AHandWrittenMapMayNotPutATenantIntoAnotherTenantsDatabase()
    {
        var bundle = HandBuiltBundles.WriteToTemp(FleetProjects.Compile("srvb", "1.0.0", new[] { ("acme", ""), ("globex", "") }));
        Db.Execute(SharedPostgres.Server.ConnectionString, "CREATE DATABASE srvb_acme");
        var elsewhere = SharedPostgres.Server.CreateDatabase("srvb_hand");
        var map = Path.Combine(CliRun.TempDirectory(), "map.json");
        File.WriteAllText(map, JsonSerializer.Serialize(new
        {
            targets = new { a = new { connection = FleetProjects.DatabaseConnection("srvb_acme") }, hand = new { connection = elsewhere } },
            tenants = new { acme = "a", globex = "a" },
        }));

        var wrong = CliRun.Run(null, "apply", bundle, "--targets", map);

        Assert.AreEqual(ExitCodes.Refused, wrong.ExitCode, wrong.ToString());
        StringAssert.Contains(wrong.Error, "error TM3066: tenant 'globex' would be written into database 'srvb_acme', which naming.database gives to tenant 'acme' (its own is 'srvb_globex')");
        Assert.IsFalse(Db.SchemaExists(FleetProjects.DatabaseConnection("srvb_acme"), "tenant_acme"), "nothing was done there");

        // A database the rule names for no tenant is the map author's choice: it keeps working.
        File.WriteAllText(map, JsonSerializer.Serialize(new
        {
            targets = new { a = new { connection = FleetProjects.DatabaseConnection("srvb_acme") }, hand = new { connection = elsewhere } },
            tenants = new { acme = "a", globex = "hand" },
        }));
        var right = CliRun.Run(null, "apply", bundle, "--targets", map);

        Assert.AreEqual(ExitCodes.Success, right.ExitCode, right.ToString());
        Assert.IsTrue(Db.SchemaExists(elsewhere, "tenant_globex"));
    }

    [TestMethod]
    public void AHaltedRolloutLeavesTheDatabasesOfLaterWavesUntouched()
    {
        const string waves = "waves:\n  - name: canary\n    tenants: [acme]\n  - name: rest\n";
        var tenants = new[] { ("acme", ""), ("globex", ""), ("initech", "") };
        var map = FleetProjects.ServerMap();
        var v1 = HandBuiltBundles.WriteToTemp(FleetProjects.Compile("srvc", "1.0.0", tenants, waves));
        Assert.AreEqual(ExitCodes.Success, CliRun.Run(null, "apply", v1, "--targets", map, "--create-databases").ExitCode);

        // A NOT NULL column without a default cannot be added to a table with rows: the canary's transaction fails.
        Db.Execute(FleetProjects.DatabaseConnection("srvc_acme"), "INSERT INTO tenant_acme.orders VALUES (1, 10)");
        var v2 = HandBuiltBundles.WriteToTemp(FleetProjects.Compile("srvc", "2.0.0", tenants, waves, "  note: { type: text, nullable: false }"));
        var apply = CliRun.Run(null, "apply", v2, "--targets", map);

        Assert.AreEqual(ExitCodes.Failed, apply.ExitCode, apply.ToString());
        StringAssert.Contains(apply.Error, "error TM3064: the rollout halted after wave 'canary' (1 transaction(s) failed; on_error: halt); not started, left untouched: rest");
        foreach (var tenant in new[] { "globex", "initech" })
        {
            var db = FleetProjects.DatabaseConnection("srvc_" + tenant);
            Assert.AreEqual("1.0.0", Db.Scalar<string>(db, "SELECT DISTINCT bundle_version FROM tenantmodels.deployed_artefact"), tenant + "'s database was touched");
            Assert.AreEqual(1L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.deployment"), tenant + "'s database got a deployment");
        }
    }
}
