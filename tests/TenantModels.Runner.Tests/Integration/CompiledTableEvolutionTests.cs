using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Planning;
using TenantModels.Core.Planning.Legacy;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>ALTER planning against what the real compiler writes for the samples' tables.</summary>
[TestClass]
public sealed class CompiledTableEvolutionTests
{
    private static Bundle Compile(string directory, string project, string version)
    {
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(directory, project, version));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        return compiled.Bundle!;
    }

    [TestMethod]
    [DataRow("ShopTenants")]
    [DataRow("SchemaPerTenantCrm")]
    [DataRow("SalesEtl")]
    public void EveryCompiledTableCarriesItsShapeAsDataAgreeingWithItsSql(string sample)
    {
        var bundle = Compile(RepoPaths.Combine("samples", sample), sample, "1.0.0");
        var tables = bundle.Manifest.Artefacts.Where(a => a.Kind == ArtefactKind.Table).ToList();
        foreach (var table in tables)
        {
            Assert.IsNotNull(table.Table, $"{sample} {table.Id} has no typed definition in the manifest");
            var shape = table.Table.ExpandFor("t1");
            var diff = TableDiff.Compute(ArtefactTemplate.Expand(table.Object, "t1"), shape, shape);
            Assert.IsNull(diff.Blocker, $"{sample} {table.Id}: {diff.Blocker}");
            Assert.AreEqual(string.Empty, diff.Sql, $"{sample} {table.Id}");
            Assert.AreNotEqual(0, shape.Columns.Count, table.Id);

            // The SQL is written from the shape: read back as older runners did, it is the same table.
            var readBack = LegacyTableSql.Parse(table.Signature!, ArtefactTemplate.Expand(bundle.SqlOf(table), "t1"));
            Assert.IsTrue(readBack.SameAs(shape), $"{sample} {table.Id}: the SQL and the typed definition disagree");
            Assert.AreEqual(table.Signature, table.Table.Signature, $"{sample} {table.Id}");

            // The manifest round-trips it exactly.
            var reread = ManifestJson.Read(ManifestJson.Write(bundle.Manifest)).Artefacts.Single(a => a.Id == table.Id).Table!;
            Assert.IsTrue(reread.SameAs(table.Table), $"{sample} {table.Id}: the manifest does not round-trip the table");
        }

        if (sample != "SalesEtl")
        {
            Assert.AreNotEqual(0, tables.Count, $"{sample} has no table, so this test checks nothing for it");
        }
    }

    /// <summary>A copy of a sample's definitions (no build outputs) that a test may edit.</summary>
    private static string CopyOfSample(string sample)
    {
        var copy = Path.Combine(CliRun.TempDirectory(), sample);
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Combine("samples", sample), "*", SearchOption.AllDirectories)
                     .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(RepoPaths.Combine("samples", sample), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    private static void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.IsTrue(text.Contains(from, System.StringComparison.Ordinal), $"{file} no longer contains '{from}': update the test");
        File.WriteAllText(file, text.Replace(from, to));
    }

    [TestMethod]
    public void ARenamedColumnKeepsItsRowsWithoutTheDataLossFlag()
    {
        var copy = CopyOfSample("ShopTenants");
        var db = SharedPostgres.Server.CreateDatabase("shop_rename");
        var v1 = HandBuiltBundles.WriteToTemp(Compile(copy, "ShopTenants", "1.0.0"));
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", v1).ExitCode);
        Db.Execute(db, "INSERT INTO acme_corp.products (product_id, product_name, unit_price) VALUES (9999, 'user row', 1.50)");
        var before = Db.Rows(db, "SELECT product_id, product_name FROM acme_corp.products ORDER BY product_id");

        // The user renames the column, says so, and updates what reads it.
        Edit(Path.Combine(copy, "models", "products.yaml"), "product_name: { type: text, nullable: false }", "name: { type: text, nullable: false, renamed_from: product_name }");
        Edit(Path.Combine(copy, "seeds", "products.csv"), "product_id,product_name,", "product_id,name,");
        Edit(Path.Combine(copy, "models", "product_performance.yaml"), "select p.product_name,", "select p.name as product_name,");
        Edit(Path.Combine(copy, "models", "product_performance.yaml"), "group by p.product_name,", "group by p.name,");
        var v2 = HandBuiltBundles.WriteToTemp(Compile(copy, "ShopTenants", "1.1.0"));

        var plan = CliRun.Against(db, "plan", v2);
        var apply = CliRun.Against(db, "apply", v2);

        StringAssert.Contains(plan.Out, "ALTER TABLE \"acme_corp\".\"products\" RENAME COLUMN \"product_name\" TO \"name\";");
        Assert.IsFalse(plan.Out.Contains("DATA LOSS", System.StringComparison.Ordinal), plan.Out);
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        CollectionAssert.AreEqual(before, Db.Rows(db, "SELECT product_id, name FROM acme_corp.products ORDER BY product_id"));
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'acme_corp.products'::regclass AND attname = 'product_name' AND NOT attisdropped"));
        Assert.AreNotEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM acme_corp.product_performance WHERE product_name = 'user row'"));
        StringAssert.Contains(CliRun.Against(db, "apply", v2).Out, "Nothing to apply");

        // A database still on 1.0.0 elsewhere is renamed too; one already renamed is left alone by a later version.
        Edit(Path.Combine(copy, "models", "products.yaml"), "category: text", "category: text\n  barcode: text");
        var v3 = HandBuiltBundles.WriteToTemp(Compile(copy, "ShopTenants", "1.2.0"));
        var third = CliRun.Against(db, "plan", v3);
        Assert.IsFalse(third.Out.Contains("RENAME COLUMN", System.StringComparison.Ordinal), third.Out);
        StringAssert.Contains(third.Out, "ADD COLUMN IF NOT EXISTS \"barcode\" text;");
    }

    [TestMethod]
    public void ShopTenantsEvolvesByAlterKeepingSeededAndUserRows()
    {
        var copy = CopyOfSample("ShopTenants");
        var db = SharedPostgres.Server.CreateDatabase("shop_evolve");
        var v1 = HandBuiltBundles.WriteToTemp(Compile(copy, "ShopTenants", "1.0.0"));
        var first = CliRun.Against(db, "apply", v1);
        Assert.AreEqual(ExitCodes.Success, first.ExitCode, first.ToString());
        var seeded = Db.Rows(db, "SELECT product_id, product_name FROM acme_corp.products ORDER BY product_id");
        Assert.AreNotEqual(0, seeded.Length, "the sample's seed must load rows, or 'rows kept' proves nothing");
        Db.Execute(db, "INSERT INTO acme_corp.products (product_id, product_name, unit_price) VALUES (9999, 'user row', 1.50)");

        var products = Path.Combine(copy, "models", "products.yaml");
        File.WriteAllText(products, File.ReadAllText(products)
            .Replace("unit_price: { type: \"numeric(10,2)\", nullable: false }", "unit_price: { type: \"numeric(12,2)\", nullable: false }\n  barcode: text"));
        var v2 = HandBuiltBundles.WriteToTemp(Compile(copy, "ShopTenants", "1.1.0"));

        var plan = CliRun.Against(db, "plan", v2);
        var second = CliRun.Against(db, "apply", v2);

        StringAssert.Contains(plan.Out, "ALTER TABLE \"acme_corp\".\"products\" ALTER COLUMN \"unit_price\" TYPE numeric(12,2);");
        StringAssert.Contains(plan.Out, "ALTER TABLE \"acme_corp\".\"products\" ADD COLUMN IF NOT EXISTS \"barcode\" text;");
        Assert.IsFalse(plan.Out.Contains("DROP TABLE IF EXISTS", System.StringComparison.Ordinal), plan.Out);
        Assert.AreEqual(ExitCodes.Success, second.ExitCode, second.ToString());
        CollectionAssert.AreEqual(seeded.Append("9999|user row").ToArray(), Db.Rows(db, "SELECT product_id, product_name FROM acme_corp.products ORDER BY product_id"));
        Assert.AreEqual("numeric(12,2)", Db.Scalar<string>(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'acme_corp.products'::regclass AND attname = 'unit_price'"));
        var again = CliRun.Against(db, "apply", v2);
        StringAssert.Contains(again.Out, "Nothing to apply");
    }
}
