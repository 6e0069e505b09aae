using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Database;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// After an apply found a schema as the record says, plan and verify compare object by object only the schemas whose
/// catalog rows or record rows changed since; whatever changed is still compared (and found: <see cref="LiveDriftTests"/>
/// runs every drift case from such a settled state).
/// </summary>
[TestClass]
public sealed class SchemaFingerprintTests
{
    private static LiveComparison Compare(string db, string bundle)
    {
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        return LiveDatabase.Compare(connection, BundleDirectory.Read(bundle));
    }

    private static string Settled(string name)
    {
        var db = SharedPostgres.Server.CreateDatabase(name);
        CreateRawSchemas(db);
        return db;
    }

    [TestMethod]
    public void ASettledDatabaseIsComparedOnlyWhereItsCatalogOrItsRecordChanged()
    {
        var db = Settled("fingerprint_settled");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);
        Assert.AreEqual(0, Compare(db, bundle).ComparedSchemas, "the apply compared what its units changed and stored their fingerprints");

        Db.Execute(db, "DELETE FROM tenantmodels.schema_fingerprint");
        Assert.IsTrue(Compare(db, bundle).ComparedSchemas > 2, "nothing stored: every managed schema is compared");
        LiveDriftTests.Settle(db, bundle);
        Assert.AreEqual(0, Compare(db, bundle).ComparedSchemas, "nothing changed since the no-op apply stored the fingerprints");

        Db.Execute(db, "ANALYZE");
        Db.Execute(db, "VACUUM");
        Assert.AreEqual(0, Compare(db, bundle).ComparedSchemas, "statistics are written in place: no schema counts as changed");

        Db.Execute(db, $"CREATE VIEW \"{Acme}_stg_outreach\".no_columns AS SELECT");
        var zeroColumns = Compare(db, bundle);
        Assert.AreEqual(1, zeroColumns.ComparedSchemas, "a view without columns made by hand: its schema is compared");
        StringAssert.Contains(string.Join("\n", zeroColumns.Drift.Select(d => d.Problem)), "not in the bundle");
        Db.Execute(db, $"DROP VIEW \"{Acme}_stg_outreach\".no_columns");

        Db.Execute(db, $"GRANT SELECT ON \"{Javi}_stg_outreach\".call TO PUBLIC");
        var granted = Compare(db, bundle);
        Assert.AreEqual(1, granted.ComparedSchemas, "a GRANT writes the view's catalog row: its schema alone is compared");
        Db.Execute(db, $"REVOKE SELECT ON \"{Javi}_stg_outreach\".call FROM PUBLIC");

        Db.Execute(db, $"UPDATE tenantmodels.deployed_artefact SET catalog_columns = 'changed int' WHERE object_name = '\"{Pablo}_stg_salesloft\".\"call\"'");
        var recordChanged = Compare(db, bundle);
        Assert.AreEqual(2, recordChanged.ComparedSchemas, "a record row changed: its schema is compared as well as the one granted above");
        CollectionAssert.Contains(recordChanged.Drift.Select(d => d.Object).ToList(), $"\"{Pablo}_stg_salesloft\".\"call\"");
    }

    [TestMethod]
    public void ASchemaFoundCleanAfterAChangeIsStoredAgainAndOneWithDriftIsNot()
    {
        var db = Settled("fingerprint_restored");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        LiveDriftTests.Settle(db, bundle);
        Db.Execute(db, $"""
            ALTER VIEW "{Javi}_stg_outreach".call OWNER TO CURRENT_USER;
            CREATE TABLE "{Pablo}_stg_salesloft".hand_made (id int);
            """);

        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);
        var after = Compare(db, bundle);

        Assert.AreEqual(1, after.ComparedSchemas, "the schema holding a table made by hand is compared every time (it is reported every time)");
        Assert.IsFalse(after.Verified.ContainsKey($"\"{Pablo}_stg_salesloft\""));
        Assert.IsTrue(after.Verified.ContainsKey($"\"{Javi}_stg_outreach\""));
        StringAssert.Contains(CliRun.Against(db, "verify", bundle).Out, "hand_made");
    }
}
