using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Database;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// The record keeps each tenant instance's expansion key beside its checksum; a record without keys (an older runner's)
/// is planned by expanding, re-applied as a no-op, and given its keys by that apply.
/// </summary>
[TestClass]
public sealed class ExpansionKeyRecordTests
{
    private const string TenantRowsWithoutKey = "SELECT count(*) FROM tenantmodels.deployed_artefact WHERE tenant_id <> '' AND expansion_key IS NULL";

    private static int ComparedSchemas(string db, string bundle)
    {
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        return LiveDatabase.Compare(connection, BundleDirectory.Read(bundle)).ComparedSchemas;
    }

    [TestMethod]
    public void AnApplyRecordsEveryTenantInstancesKeyAndNoOtherInstancesKey()
    {
        var db = SharedPostgres.Server.CreateDatabase("expansion_key_applied");
        CreateRawSchemas(db);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);

        Assert.AreEqual(0L, Db.Scalar<long>(db, TenantRowsWithoutKey));
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.deployed_artefact WHERE tenant_id = '' AND expansion_key IS NOT NULL"));
        Assert.IsTrue(Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.deployed_artefact WHERE tenant_id <> ''") > 0);
    }

    [TestMethod]
    public void ARecordOfAnOlderRunnerWithoutKeysIsANoOpThatStoresTheKeysAndSettlesItsSchemas()
    {
        var db = SharedPostgres.Server.CreateDatabase("expansion_key_old_record");
        CreateRawSchemas(db);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        LiveDriftTests.Settle(db, bundle);
        // As the runner before the keys left it: runner schema version 10, no expansion_key column.
        Db.Execute(db, """
            ALTER TABLE tenantmodels.deployed_artefact DROP COLUMN expansion_key;
            UPDATE tenantmodels.schema_version SET version = 10;
            """);

        var noOp = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, noOp.ExitCode, noOp.ToString());
        StringAssert.Contains(noOp.Out, "Nothing to apply", noOp.ToString());
        Assert.AreEqual(RunnerSchema.CurrentVersion, Db.Scalar<int>(db, "SELECT version FROM tenantmodels.schema_version"), "brought to the version that keeps keys");
        Assert.AreEqual(0L, Db.Scalar<long>(db, TenantRowsWithoutKey), "every tenant instance got its key");
        Assert.AreEqual(0, ComparedSchemas(db, bundle), "the schemas whose record rows got keys were compared again and their fingerprints stored");
        StringAssert.Contains(CliRun.Against(db, "apply", bundle).Out, "Nothing to apply");
    }

    [TestMethod]
    public void AStaleKeyIsExpandedComparedAndReplacedWithoutRunningAnything()
    {
        var db = SharedPostgres.Server.CreateDatabase("expansion_key_stale");
        CreateRawSchemas(db);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        LiveDriftTests.Settle(db, bundle);
        var key = Db.Scalar<string>(db, $"SELECT expansion_key FROM tenantmodels.deployed_artefact WHERE artefact_id = 'staging_view.outreach.call' AND tenant_id = '{Acme}'");
        Db.Execute(db, $"UPDATE tenantmodels.deployed_artefact SET expansion_key = 'x0.stale' WHERE tenant_id = '{Acme}'");

        var noOp = CliRun.Against(db, "apply", bundle);

        StringAssert.Contains(noOp.Out, "Nothing to apply", noOp.ToString());
        Assert.AreEqual(key, Db.Scalar<string>(db, $"SELECT expansion_key FROM tenantmodels.deployed_artefact WHERE artefact_id = 'staging_view.outreach.call' AND tenant_id = '{Acme}'"));
        Assert.AreEqual(0, ComparedSchemas(db, bundle));
    }
}
