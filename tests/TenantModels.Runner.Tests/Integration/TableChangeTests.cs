using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>Tables change by ALTER (rows kept), data loss is refused without the flag, materialized views are recreated with data.</summary>
[TestClass]
public sealed class TableChangeTests
{
    private static CliResult Apply(string db, Bundle bundle, params string[] extra) =>
        CliRun.Against(db, new[] { "apply", HandBuiltBundles.WriteToTemp(bundle) }.Concat(extra).ToArray());

    private static string Deployed(string name)
    {
        var db = SharedPostgres.Server.CreateDatabase(name);
        var first = Apply(db, TableBundles.Shop());
        Assert.AreEqual(ExitCodes.Success, first.ExitCode, first.ToString());
        Db.Execute(db, "INSERT INTO shop_a_shop.product (id, name, note) VALUES (3, 'plum', 'kept')");
        return db;
    }

    [TestMethod]
    public void AddingColumnsAltersTheTableAndKeepsTheRowsThenReapplyRunsNoDdl()
    {
        var db = Deployed("table_add_column");
        Db.InstallObjectLog(db);
        var columns = TableBundles.BaseColumns.Concat(new[] { "\"price\" numeric(10,2)", "\"active\" boolean NOT NULL DEFAULT true" }).ToArray();
        var v2 = TableBundles.Shop("1.1.0", columns: columns);

        var result = Apply(db, v2);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(
            new[] { "1|apple|a, (b)|NULL|True", "2|pear|a, (b)|NULL|True", "3|plum|kept|NULL|True" },
            Db.Rows(db, "SELECT id, name, note, price, active FROM shop_a_shop.product ORDER BY id"));
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM public.object_log WHERE command_tag IN ('DROP', 'CREATE TABLE')"),
            "a table change must not drop or recreate anything: " + string.Join("; ", Db.Rows(db, "SELECT command_tag, object_identity FROM public.object_log")));
        Assert.AreEqual(4L, Db.Scalar<long>(db, "SELECT count(*) FROM public.object_log WHERE command_tag = 'ALTER TABLE' AND object_identity LIKE '%.product'"),
            "one ALTER TABLE ADD COLUMN per new column and tenant");
        var verify = CliRun.Against(db, "verify", HandBuiltBundles.WriteToTemp(v2));
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, "the record must describe the altered table: " + verify);
        Db.InstallDdlLog(db);

        var again = Apply(db, v2);

        Assert.AreEqual(ExitCodes.Success, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Out, "Nothing to apply");
        Assert.AreEqual(0L, Db.DdlCount(db));
    }

    [TestMethod]
    public void DroppingAColumnIsRefusedWithoutTheFlagAndPlanNamesIt()
    {
        var db = Deployed("table_drop_column");
        var v2 = TableBundles.Shop("1.1.0", columns: TableBundles.BaseColumns.Take(2).ToArray());
        var bundle = HandBuiltBundles.WriteToTemp(v2);

        var plan = CliRun.Against(db, "plan", bundle);
        var refused = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.ApplyWouldRefuse, plan.ExitCode, "plan says apply would refuse it: " + plan);
        StringAssert.Contains(plan.Out, "ALTER TABLE \"shop_a_shop\".\"product\" DROP COLUMN IF EXISTS \"note\";");
        StringAssert.Contains(plan.Out, "-- DATA LOSS: this plan drops 2 object(s) that may hold data: table \"shop_a_shop\".\"product\": drop column \"note\" of tenant shop_a");
        Assert.AreEqual(ExitCodes.Refused, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "TM3009");
        StringAssert.Contains(refused.Error, "drop column \"note\"");
        Assert.AreEqual("kept", Db.Scalar<string>(db, "SELECT note FROM shop_a_shop.product WHERE id = 3"), "a refused apply changed the table");

        var allowed = CliRun.Against(db, "apply", bundle, "--allow-data-loss");

        Assert.AreEqual(ExitCodes.Success, allowed.ExitCode, allowed.ToString());
        CollectionAssert.AreEqual(new[] { "id:integer", "name:character varying" }, Db.Columns(db, "shop_a_shop", "product"));
        CollectionAssert.AreEqual(new[] { "1|apple", "2|pear", "3|plum" }, Db.Rows(db, "SELECT * FROM shop_a_shop.product ORDER BY id"));
    }

    [TestMethod]
    public void WideningTypesRecreatesTheViewsReadingThemAndKeepsTheRows()
    {
        var db = Deployed("table_widen");
        var columns = new[] { "\"id\" bigint NOT NULL", "\"name\" varchar(50) NOT NULL", "\"note\" text DEFAULT 'a, (b)'" };
        var v2 = TableBundles.Shop("1.1.0", columns: columns, viewSignature: "\"id\" bigint, \"name\" varchar(50)");
        var bundle = HandBuiltBundles.WriteToTemp(v2);

        var plan = CliRun.Against(db, "plan", bundle);
        var result = CliRun.Against(db, "apply", bundle);

        StringAssert.Contains(plan.Out, "ALTER TABLE \"shop_a_shop\".\"product\" ALTER COLUMN \"id\" TYPE bigint;");
        StringAssert.Contains(plan.Out, "ALTER TABLE \"shop_a_shop\".\"product\" ALTER COLUMN \"name\" TYPE varchar(50);");
        Assert.IsFalse(plan.Out.Contains("DATA LOSS"), plan.Out);
        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        Assert.AreEqual("bigint", Db.Scalar<string>(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'shop_a_shop.product'::regclass AND attname = 'id'"));
        Assert.AreEqual("character varying(50)", Db.Scalar<string>(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'shop_a_shop.product'::regclass AND attname = 'name'"));
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "verify", bundle).ExitCode, "the recreated views and altered table must verify clean");
        Db.Execute(db, "INSERT INTO shop_a_shop.product (id, name) VALUES (5000000000, 'a name longer than ten')");
        CollectionAssert.AreEqual(new[] { "1|apple", "2|pear", "3|plum", "5000000000|a name longer than ten" }, Db.Rows(db, "SELECT * FROM shop_a_shop.product_names ORDER BY id"));
    }

    [TestMethod]
    public void NarrowingATypeIsDataLossAndNamedByPlan()
    {
        var db = Deployed("table_narrow");
        var columns = new[] { "\"id\" integer NOT NULL", "\"name\" varchar(5) NOT NULL", "\"note\" text DEFAULT 'a, (b)'" };
        var result = Apply(db, TableBundles.Shop("1.1.0", columns: columns));

        Assert.AreEqual(ExitCodes.Refused, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "change column \"name\" from varchar(10) to varchar(5)");
    }

    [TestMethod]
    public void SeedChangesRunAfterTheTableChange()
    {
        var db = Deployed("table_seed");
        var columns = TableBundles.BaseColumns.Concat(new[] { "\"category\" text" }).ToArray();
        var seed = TableBundles.Seed("\"id\", \"name\", \"category\"", "CAST('1' AS integer), CAST('apple' AS varchar(10)), CAST('fruit' AS text)", "CAST('4' AS integer), CAST('kale' AS varchar(10)), CAST('leaf' AS text)");

        var result = Apply(db, TableBundles.Shop("1.1.0", columns: columns, seed: seed));

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(new[] { "1|apple|fruit", "2|pear|NULL", "3|plum|NULL", "4|kale|leaf" }, Db.Rows(db, "SELECT id, name, category FROM shop_a_shop.product ORDER BY id"));
        CollectionAssert.AreEqual(new[] { "1|apple|fruit", "2|pear|NULL", "4|kale|leaf" }, Db.Rows(db, "SELECT id, name, category FROM shop_b_shop.product ORDER BY id"));
    }

    [TestMethod]
    public void NotNullColumnWithoutDefaultFailsOnlyForTheTenantThatHasRows()
    {
        var db = Deployed("table_not_null");
        Db.Execute(db, "DELETE FROM shop_b_shop.product");
        var columns = TableBundles.BaseColumns.Concat(new[] { "\"sku\" text NOT NULL" }).ToArray();
        var bundle = HandBuiltBundles.WriteToTemp(TableBundles.Shop("1.1.0", columns: columns, seed: TableBundles.Seed("\"id\", \"name\", \"sku\"", "CAST('9' AS integer), CAST('fig' AS varchar(10)), CAST('F9' AS text)")));

        var plan = CliRun.Against(db, "plan", bundle);
        var result = CliRun.Against(db, "apply", bundle);

        StringAssert.Contains(plan.Out, "WARNING: column \"sku\" is NOT NULL without a default: adding it fails if the table has rows");
        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "SQLSTATE 23502");
        StringAssert.Contains(result.Error, "a NOT NULL column without a default cannot be added to a table that has rows");
        CollectionAssert.AreEqual(new[] { "id:integer", "name:character varying", "note:text" }, Db.Columns(db, "shop_a_shop", "product"), "the failed tenant was not rolled back");
        CollectionAssert.AreEqual(new[] { "9|fig|F9" }, Db.Rows(db, "SELECT id, name, sku FROM shop_b_shop.product"), "the empty tenant's table must be altered and seeded");
    }

    [TestMethod]
    public void ChangedMaterializedViewIsRecreatedWithData()
    {
        var db = Deployed("matview_recreate");
        var v2 = TableBundles.Shop("1.1.0", matView: "CREATE MATERIALIZED VIEW IF NOT EXISTS \"{{tenant}}_shop\".\"product_count\" AS SELECT count(*) AS \"n\", max(\"id\") AS \"top\" FROM \"{{tenant}}_shop\".\"product\" WITH DATA;\n");

        var result = Apply(db, v2);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(new[] { "3|3" }, Db.Rows(db, "SELECT n, top FROM shop_a_shop.product_count"));
        CollectionAssert.AreEqual(new[] { "2|2" }, Db.Rows(db, "SELECT n, top FROM shop_b_shop.product_count"));
    }

    [TestMethod]
    public void ApplyAcceptsABundleFileAndRefusesABrokenOne()
    {
        var db = SharedPostgres.Server.CreateDatabase("bundle_file");
        var folder = CliRun.TempDirectory();
        var file = System.IO.Path.Combine(folder, BundleArchive.FileName("Shop", "1.0.0"));
        BundleArchive.Write(TableBundles.Shop(), file);

        var plan = CliRun.Against(db, "plan", file, "--json");
        var applied = CliRun.Against(db, "apply", file);
        var status = CliRun.Against(db, "status", file);

        Assert.AreEqual(ExitCodes.Success, plan.ExitCode, plan.ToString());
        Assert.AreEqual("planned", JsonDocument.Parse(plan.Out).RootElement.GetProperty("status").GetString());
        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        CollectionAssert.AreEqual(new[] { "1|apple", "2|pear" }, Db.Rows(db, "SELECT id, name FROM shop_b_shop.product ORDER BY id"));
        StringAssert.Contains(status.Out, "Pending:  none");

        var broken = System.IO.Path.Combine(folder, "Broken.1.0.0.tmbundle");
        System.IO.File.WriteAllText(broken, "this is not a zip");
        var refused = CliRun.Against(db, "apply", broken);

        Assert.AreEqual(ExitCodes.InvalidBundle, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "TM3003");

        var tampered = System.IO.Path.Combine(folder, "Tampered.1.0.0.tmbundle");
        using (var zip = System.IO.Compression.ZipFile.Open(file, System.IO.Compression.ZipArchiveMode.Read))
        using (var copy = System.IO.Compression.ZipFile.Open(tampered, System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var entry in zip.Entries)
            {
                using var reader = new System.IO.StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                using var writer = new System.IO.StreamWriter(copy.CreateEntry(entry.FullName).Open());
                writer.Write(entry.FullName.EndsWith(".sql", System.StringComparison.Ordinal) && text.Contains("pear") ? text.Replace("pear", "PEAR") : text);
            }
        }

        var tamperedResult = CliRun.Against(db, "apply", tampered);

        Assert.AreEqual(ExitCodes.InvalidBundle, tamperedResult.ExitCode, tamperedResult.ToString());
        StringAssert.Contains(tamperedResult.Error, "does not match its checksum");
    }
}
