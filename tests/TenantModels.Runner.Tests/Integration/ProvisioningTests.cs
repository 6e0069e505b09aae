using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>Tenants created and removed at run time (<c>tenants provision|remove</c>), listed and discovered.</summary>
[TestClass]
public sealed class ProvisioningTests
{
    private const string Signup = "org_signup_7";

    private static string PreparedDatabase(string name, out string bundle)
    {
        var db = SharedPostgres.Server.CreateDatabase(name);
        CallAnalyticsData.CreateRawSchemas(db);
        Db.Execute(db, $"""
            CREATE SCHEMA "{Signup}_raw_salesloft";
            CREATE TABLE "{Signup}_raw_salesloft".call (id bigint, created_at text, user_id text, disposition text);
            INSERT INTO "{Signup}_raw_salesloft".call VALUES (70, '2024-05-06T07:08:09', 'u_new', 'Booked');
            """);
        bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);
        return db;
    }

    [TestMethod]
    public void ProvisionedTenantGetsItsViewsJoinsCanonicalAndSurvivesReapply()
    {
        var db = PreparedDatabase("provision", out var bundle);
        var discovered = CliRun.Against(db, "tenants", "discover", bundle, "--json");
        StringAssert.Contains(discovered.Out, $"\"id\": \"{Signup}\"");

        var result = CliRun.Against(db, "tenants", "provision", bundle, Signup, "--source", "salesloft", "--name", "Signup Co");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(new[] { "70|2024-05-06 07:08:09|u_new|Booked" }, Db.Rows(db, $"SELECT * FROM \"{Signup}_stg_salesloft\".call"));
        CollectionAssert.AreEqual(new[] { "70|" + Signup }, Db.Rows(db, $"SELECT call_id, tenant_id FROM canonical.call WHERE tenant_id = '{Signup}'"));
        Assert.AreEqual(6L, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call"));

        Db.InstallDdlLog(db);
        var reapply = CliRun.Against(db, "apply", bundle);
        Assert.AreEqual(ExitCodes.Success, reapply.ExitCode, reapply.ToString());
        StringAssert.Contains(reapply.Out, "Nothing to apply");
        Assert.AreEqual(0L, Db.DdlCount(db), "re-applying the bundle must keep the run-time tenant as it is");

        var list = CliRun.Against(db, "tenants", "list", bundle, "--json");
        var tenants = JsonDocument.Parse(list.Out).RootElement.GetProperty("tenants").EnumerateArray()
            .Select(t => $"{t.GetProperty("id").GetString()}:{t.GetProperty("origin").GetString()}:{t.GetProperty("deployed").GetString()}").ToArray();
        CollectionAssert.Contains(tenants, $"{Signup}:runtime:deployed");
        Assert.IsFalse(CliRun.Against(db, "tenants", "discover", bundle).Out.Contains(Signup, System.StringComparison.Ordinal));
    }

    [TestMethod]
    public void ProvisioningOverAGlobalObjectDroppedByHandIsRefusedUntilApplyRepairsIt()
    {
        var db = PreparedDatabase("provision_drift", out var bundle);
        Db.Execute(db, "DROP SCHEMA canonical CASCADE");

        var refused = CliRun.Against(db, "tenants", "provision", bundle, Signup, "--source", "salesloft");

        Assert.AreEqual(ExitCodes.Refused, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, $"TM3053: cannot provision tenant '{Signup}': \"canonical\", which every tenant builds on, is missing from the database");
        Assert.AreEqual(0L, Db.Scalar<long>(db, $"SELECT count(*) FROM pg_namespace WHERE nspname LIKE '{Signup}_stg%'"), "nothing of the tenant was created");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);
        var provisioned = CliRun.Against(db, "tenants", "provision", bundle, Signup, "--source", "salesloft");
        Assert.AreEqual(ExitCodes.Success, provisioned.ExitCode, provisioned.ToString());
        Assert.AreEqual(6L, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call"));
    }

    [TestMethod]
    public void RemovingARuntimeTenantIsGuardedAndKeepsItsRawData()
    {
        var db = PreparedDatabase("unprovision", out var bundle);
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "tenants", "provision", bundle, Signup, "--source", "salesloft").ExitCode);

        var refused = CliRun.Against(db, "tenants", "remove", bundle, Signup);
        var removed = CliRun.Against(db, "tenants", "remove", bundle, Signup, "--allow-data-loss");

        Assert.AreEqual(ExitCodes.Refused, refused.ExitCode, refused.ToString());
        Assert.AreEqual(ExitCodes.Success, removed.ExitCode, removed.ToString());
        Assert.IsFalse(Db.SchemaExists(db, $"{Signup}_stg_salesloft"));
        Assert.IsTrue(Db.SchemaExists(db, $"{Signup}_raw_salesloft"));
        ApplyTests.AssertSampleViews(db);
    }

    [TestMethod]
    public void InvalidOrTooLongIdsAndUnknownSourcesAreRefusedBeforeAnyChange()
    {
        var db = PreparedDatabase("provision_invalid", out var bundle);
        var tooLong = "org_" + new string('x', 50);

        var injected = CliRun.Against(db, "tenants", "provision", bundle, "x\"; DROP SCHEMA canonical; --", "--source", "salesloft");
        var longId = CliRun.Against(db, "tenants", "provision", bundle, tooLong, "--source", "salesloft");
        var unknown = CliRun.Against(db, "tenants", "provision", bundle, "org_ok", "--source", "hubspot");

        Assert.AreEqual(ExitCodes.UsageError, injected.ExitCode, injected.ToString());
        Assert.AreEqual(ExitCodes.UsageError, longId.ExitCode, longId.ToString());
        StringAssert.Contains(longId.Error, $"error TM3012: cannot provision tenant '{tooLong}':");
        StringAssert.Contains(longId.Error, $"derived name '{tooLong}_stg_salesloft' is 68 bytes, over PostgreSQL's 63");
        StringAssert.Contains(unknown.Error, "unknown source 'hubspot'");
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.runtime_tenant"));
    }
}
