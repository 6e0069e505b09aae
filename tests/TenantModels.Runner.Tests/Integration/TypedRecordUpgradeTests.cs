using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// Records and bundles from before table shapes were data: the record's CREATE TABLE text is converted once when the
/// runner schema is upgraded, other kinds' SQL text is dropped from the record, and an old bundle still applies and alters.
/// </summary>
[TestClass]
public sealed class TypedRecordUpgradeTests
{
    private static CliResult Apply(string db, Bundle bundle, params string[] extra) =>
        CliRun.Against(db, new[] { "apply", HandBuiltBundles.WriteToTemp(bundle) }.Concat(extra).ToArray());

    [TestMethod]
    public void ARecordOfCreateTableTextIsConvertedOnceAndTheNextChangeIsAnAlter()
    {
        var db = SharedPostgres.Server.CreateDatabase("typed_record_upgrade");
        // Non-ASCII, quotes and backslashes in a default travel through the record's JSON unchanged.
        var columns = new[] { "\"id\" integer NOT NULL", "\"name\" varchar(10) NOT NULL", "\"note\" text DEFAULT 'é \"q\" \\ <&> ☃'" };
        var v1 = TableBundles.Shop(columns: columns);
        Assert.AreEqual(ExitCodes.Success, Apply(db, v1).ExitCode);
        Db.Execute(db, "INSERT INTO shop_a_shop.product (id, name) VALUES (3, 'plum')");
        // As a runner at schema version 3 left it: every artefact's SQL as its definition.
        foreach (var artefact in v1.Manifest.Artefacts)
        {
            foreach (var tenant in new[] { "shop_a", "shop_b" })
            {
                Db.Execute(db, $"UPDATE tenantmodels.deployed_artefact SET definition = {Db.Literal(ArtefactTemplate.Expand(v1.SqlOf(artefact), tenant))} WHERE artefact_id = '{artefact.Id}' AND tenant_id = '{tenant}'");
            }
        }

        Db.Execute(db, "UPDATE tenantmodels.schema_version SET version = 3");
        var v2 = TableBundles.Shop("1.1.0", columns: columns.Append("\"price\" numeric(10,2)").ToArray());

        var result = Apply(db, v2);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        Assert.AreEqual(TenantModels.Runner.Database.RunnerSchema.CurrentVersion, Db.Scalar<int>(db, "SELECT version FROM tenantmodels.schema_version"));
        CollectionAssert.AreEqual(new[] { "1|NULL", "2|NULL", "3|NULL" }, Db.Rows(db, "SELECT id, price FROM shop_a_shop.product ORDER BY id"), "altered, rows kept");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "plan", HandBuiltBundles.WriteToTemp(v2)).ExitCode);
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.deployed_artefact WHERE kind <> 'table' AND definition <> ''"),
            "the record no longer keeps SQL the bundle has");
        var recorded = TableDefinitionJson.Read(Db.Scalar<string>(db, "SELECT definition FROM tenantmodels.deployed_artefact WHERE artefact_id = 'table.product' AND tenant_id = 'shop_b'"));
        Assert.AreEqual(string.Join(", ", columns.Append("\"price\" numeric(10,2)")), recorded.Signature);
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "verify", HandBuiltBundles.WriteToTemp(v2)).ExitCode);
    }

    [TestMethod]
    public void AnOldBundleIsRecordedInTheNewFormAndStillAltersAndARecordLeftAsTextBlocks()
    {
        var db = SharedPostgres.Server.CreateDatabase("typed_record_old_bundle");
        var v1 = TableBundles.Shop(typedTable: false);
        Assert.AreEqual(ExitCodes.Success, Apply(db, v1).ExitCode);
        Assert.IsTrue(Db.Scalar<string>(db, "SELECT definition FROM tenantmodels.deployed_artefact WHERE artefact_id = 'table.product' AND tenant_id = 'shop_a'").StartsWith('{'),
            "an old bundle's table is recorded in the new form");
        var v2 = TableBundles.Shop("1.1.0", columns: TableBundles.BaseColumns.Append("\"price\" numeric(10,2)").ToArray(), typedTable: false);

        var result = Apply(db, v2);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        Assert.AreEqual(2L, Db.Scalar<long>(db, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'price' AND table_name = 'product'"));
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "verify", HandBuiltBundles.WriteToTemp(v2)).ExitCode);

        // SQL text in a converted record (what the upgrade could not read) is not read back by planning: it blocks.
        Db.Execute(db, $"UPDATE tenantmodels.deployed_artefact SET definition = {Db.Literal(ArtefactTemplate.Expand(v2.SqlOf(v2.Manifest.Artefacts.Single(a => a.Id == "table.product")), "shop_a"))} WHERE artefact_id = 'table.product' AND tenant_id = 'shop_a'");
        var v3 = TableBundles.Shop("1.2.0", columns: TableBundles.BaseColumns.Append("\"price\" numeric(12,2)").ToArray());
        var blocked = CliRun.Against(db, "plan", HandBuiltBundles.WriteToTemp(v3));
        Assert.AreEqual(ExitCodes.ApplyWouldRefuse, blocked.ExitCode, blocked.ToString());
        StringAssert.Contains(blocked.Error, "its record has no table definition");
    }
}
