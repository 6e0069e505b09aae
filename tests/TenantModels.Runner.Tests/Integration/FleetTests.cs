using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// A fleet: one server as the target map, a database per tenant that the runner creates (four from the registry, two
/// provisioned at run time), provisioned, applied, selected, rolled out in waves, listed and removed across all of them.
/// </summary>
[TestClass]
public sealed class FleetTests
{
    private const string Prefix = "fleet";

    private static readonly (string Id, string Extra)[] Registry =
    {
        ("acme", "tier: premium\nattributes: { region: eu }"),
        ("globex", "attributes: { region: us }"),
        ("hooli", "tier: premium\nattributes: { region: us }"),
        ("initech", "attributes: { region: eu }"),
    };

    private const string Waves = """
        waves:
          - name: canary
            tenants: [acme]
          - name: premium_us
            tier: premium
            where: { region: us }
          - name: rest
            jobs: 2

        """;

    private static string Bundle(string version, string extraColumn = "") =>
        HandBuiltBundles.WriteToTemp(FleetProjects.Compile(Prefix, version, Registry, Waves, extraColumn));

    private static string Db(string tenant) => FleetProjects.DatabaseConnection(Prefix + "_" + tenant);

    private static bool HasNote(string tenant) =>
        Support.Db.Columns(Db(tenant), "tenant_" + tenant, "orders").Any(c => c.StartsWith("note:", System.StringComparison.Ordinal));

    [TestMethod]
    public void ProvisionApplySelectRollOutAndRemoveAcrossDatabasesTheRunnerCreates()
    {
        var map = FleetProjects.ServerMap();
        var v1 = Bundle("1.0.0");

        // Apply to a server: every registry tenant's database is created, then the waves run in order.
        var apply = CliRun.Run(null, "apply", v1, "--targets", map, "--create-databases");

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        CollectionAssert.AreEqual(new[] { "fleet_acme", "fleet_globex", "fleet_hooli", "fleet_initech" }, FleetProjects.Databases(Prefix));
        var canary = apply.Out.IndexOf("Wave canary (1 of 3)", System.StringComparison.Ordinal);
        var premium = apply.Out.IndexOf("Wave premium_us (2 of 3)", System.StringComparison.Ordinal);
        var rest = apply.Out.IndexOf("Wave rest (3 of 3)", System.StringComparison.Ordinal);
        Assert.IsTrue(canary >= 0 && canary < premium && premium < rest, apply.Out);
        StringAssert.Contains(apply.Out, "Wave rest: applied and verified (2 tenant(s)).");

        // Provisioning into the server creates the tenant's database and deploys the global artefacts there first.
        foreach (var tenant in new[] { "pied", "umbrella" })
        {
            var provision = CliRun.Run(null, "tenants", "provision", v1, tenant, "--targets", map);
            Assert.AreEqual(ExitCodes.Success, provision.ExitCode, provision.ToString());
            StringAssert.Contains(provision.Out, $"Created database fleet_{tenant} for tenant {tenant}.");
        }

        // A provisioning that fails leaves nothing behind: the database it created is dropped.
        var failing = Path.Combine(CliRun.TempDirectory(), "signup.sql");
        File.WriteAllText(failing, "SELECT 1 / 0;");
        var failed = CliRun.Run(null, "tenants", "provision", v1, "badco", "--targets", map, "--then", failing);

        Assert.AreEqual(ExitCodes.Failed, failed.ExitCode, failed.ToString());
        StringAssert.Contains(failed.Out, "Dropped database fleet_badco: it was created for this provisioning, which failed.");
        CollectionAssert.AreEqual(new[] { "fleet_acme", "fleet_globex", "fleet_hooli", "fleet_initech", "fleet_pied", "fleet_umbrella" }, FleetProjects.Databases(Prefix),
            "six databases, all created by the runner; none left by the failed provisioning");

        // Listing works across the fleet: every tenant with the database it is in.
        var list = CliRun.Run(null, "tenants", "list", v1, "--targets", map, "--json");

        Assert.AreEqual(ExitCodes.Success, list.ExitCode, list.ToString());
        var listed = JsonDocument.Parse(list.Out).RootElement.GetProperty("tenants").EnumerateArray()
            .Select(t => $"{t.GetProperty("id").GetString()}@{t.GetProperty("target").GetString()}:{t.GetProperty("origin").GetString()}:{t.GetProperty("deployed").GetString()}")
            .OrderBy(t => t, System.StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "acme@main/fleet_acme:bundle:deployed", "globex@main/fleet_globex:bundle:deployed", "hooli@main/fleet_hooli:bundle:deployed",
            "initech@main/fleet_initech:bundle:deployed", "pied@main/fleet_pied:runtime:deployed", "umbrella@main/fleet_umbrella:runtime:deployed",
        }, listed, list.Out);
        var show = CliRun.Run(null, "tenants", "show", v1, "pied", "--targets", map);
        Assert.AreEqual(ExitCodes.Success, show.ExitCode, show.ToString());
        StringAssert.Contains(show.Out, "\"tenant_pied\".\"orders\"");

        // A selection across the fleet: only the premium tenants' databases change.
        var v2 = Bundle("2.0.0", "  note: text");
        var selected = CliRun.Run(null, "apply", v2, "--targets", map, "--tier", "premium");

        Assert.AreEqual(ExitCodes.Success, selected.ExitCode, selected.ToString());
        Assert.IsTrue(HasNote("acme") && HasNote("hooli"));
        Assert.IsFalse(HasNote("globex") || HasNote("initech") || HasNote("pied"), "a tenant outside the selection was changed");

        // The rollout in waves brings every database to v2, the run-time tenants with the rest.
        var rollout = CliRun.Run(null, "apply", v2, "--targets", map, "--json");

        Assert.AreEqual(ExitCodes.Success, rollout.ExitCode, rollout.ToString());
        var waves = JsonDocument.Parse(rollout.Out).RootElement.GetProperty("waves").EnumerateArray()
            .Select(w => w.GetProperty("name").GetString() + ":" + w.GetProperty("status").GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { "canary:up-to-date", "premium_us:up-to-date", "rest:applied" }, waves);
        Assert.IsTrue(new[] { "acme", "globex", "hooli", "initech", "pied", "umbrella" }.All(HasNote));
        Assert.AreEqual(ExitCodes.Success, CliRun.Run(null, "verify", v2, "--targets", map).ExitCode);

        // Removing a tenant with its database is data loss: refused without --allow-data-loss, done with it.
        var refused = CliRun.Run(null, "tenants", "remove", v2, "umbrella", "--targets", map, "--drop-database");

        Assert.AreEqual(ExitCodes.Refused, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "error TM3009");
        Assert.IsTrue(FleetProjects.Databases(Prefix).Contains("fleet_umbrella"));

        var removed = CliRun.Run(null, "tenants", "remove", v2, "umbrella", "--targets", map, "--drop-database", "--allow-data-loss");

        Assert.AreEqual(ExitCodes.Success, removed.ExitCode, removed.ToString());
        StringAssert.Contains(removed.Out, "Dropped database fleet_umbrella of tenant umbrella.");
        CollectionAssert.AreEqual(new[] { "fleet_acme", "fleet_globex", "fleet_hooli", "fleet_initech", "fleet_pied" }, FleetProjects.Databases(Prefix));
        var after = CliRun.Run(null, "tenants", "show", v2, "umbrella", "--targets", map);
        Assert.AreEqual(ExitCodes.UsageError, after.ExitCode, after.ToString());
        StringAssert.Contains(after.Error, "error TM3013");
    }
    [TestMethod]
    public void RemoveDropDatabaseRefusesADatabaseThatAlsoHoldsAnotherTenant()
    {
        const string prefix = "fleetshare";
        var bundle = HandBuiltBundles.WriteToTemp(FleetProjects.Compile(prefix, "1.0.0", new[] { ("acme", string.Empty) }));
        var server = FleetProjects.ServerMap();
        Assert.AreEqual(ExitCodes.Success, CliRun.Run(null, "apply", bundle, "--targets", server, "--create-databases").ExitCode);
        Assert.AreEqual(ExitCodes.Success, CliRun.Run(null, "tenants", "provision", bundle, "umbrella", "--targets", server).ExitCode);

        // A hand-written map puts a second run-time tenant into umbrella's database (no registry tenant owns its name).
        var shared = Path.Combine(CliRun.TempDirectory(), "shared.json");
        File.WriteAllText(shared, JsonSerializer.Serialize(new { targets = new { umbrella_db = new { connection = FleetProjects.DatabaseConnection(prefix + "_umbrella") } }, @default = "umbrella_db" }));
        var zeta = CliRun.Run(null, "tenants", "provision", bundle, "zeta", "--targets", shared);
        Assert.AreEqual(ExitCodes.Success, zeta.ExitCode, zeta.ToString());

        var refused = CliRun.Run(null, "tenants", "remove", bundle, "umbrella", "--targets", server, "--drop-database", "--allow-data-loss");

        Assert.AreEqual(ExitCodes.Refused, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "error TM3009");
        StringAssert.Contains(refused.Error, "also holds tenant zeta");
        CollectionAssert.Contains(FleetProjects.Databases(prefix), prefix + "_umbrella");
        Assert.IsTrue(Support.Db.Columns(FleetProjects.DatabaseConnection(prefix + "_umbrella"), "tenant_zeta", "orders").Length > 0, "zeta's tables are gone");
        Assert.IsTrue(Support.Db.Columns(FleetProjects.DatabaseConnection(prefix + "_umbrella"), "tenant_umbrella", "orders").Length > 0, "umbrella was removed although nothing was to be done");

        // Without --drop-database the tenant is removed and the database stays with zeta in it.
        var removed = CliRun.Run(null, "tenants", "remove", bundle, "umbrella", "--targets", server, "--allow-data-loss");
        Assert.AreEqual(ExitCodes.Success, removed.ExitCode, removed.ToString());
        Assert.IsTrue(Support.Db.Columns(FleetProjects.DatabaseConnection(prefix + "_umbrella"), "tenant_zeta", "orders").Length > 0);
    }
}
