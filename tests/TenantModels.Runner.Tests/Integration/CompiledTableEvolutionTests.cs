using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Core.Planning;
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
    public void EveryCompiledTableParsesAndDiffsToNothingAgainstItself(string sample)
    {
        var bundle = Compile(RepoPaths.Combine("samples", sample), sample, "1.0.0");
        var tables = bundle.Manifest.Artefacts.Where(a => a.Kind == ArtefactKind.Table).ToList();
        foreach (var table in tables)
        {
            var sql = ArtefactTemplate.Expand(bundle.SqlOf(table), "t1");
            var diff = TableDiff.Compute(ArtefactTemplate.Expand(table.Object, "t1"), table.Signature!, sql, table.Signature!, sql);

            Assert.IsNull(diff.Blocker, $"{sample} {table.Id}: {diff.Blocker}");
            Assert.AreEqual(string.Empty, diff.Sql, $"{sample} {table.Id}");
            var definition = TableDefinition.Parse(table.Signature!, sql);
            Assert.AreNotEqual(0, definition.Columns.Count, table.Id);
        }

        if (sample != "SalesEtl")
        {
            Assert.AreNotEqual(0, tables.Count, $"{sample} has no table, so this test checks nothing for it");
        }
    }

    [TestMethod]
    public void ShopTenantsEvolvesByAlterKeepingSeededAndUserRows()
    {
        var copy = Path.Combine(CliRun.TempDirectory(), "ShopTenants");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Combine("samples", "ShopTenants"), "*", SearchOption.AllDirectories)
                     .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(RepoPaths.Combine("samples", "ShopTenants"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

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
        Assert.IsFalse(plan.Out.Contains("DROP TABLE", System.StringComparison.Ordinal), plan.Out);
        Assert.AreEqual(ExitCodes.Success, second.ExitCode, second.ToString());
        CollectionAssert.AreEqual(seeded.Append("9999|user row").ToArray(), Db.Rows(db, "SELECT product_id, product_name FROM acme_corp.products ORDER BY product_id"));
        Assert.AreEqual("numeric(12,2)", Db.Scalar<string>(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'acme_corp.products'::regclass AND attname = 'unit_price'"));
        var again = CliRun.Against(db, "apply", v2);
        StringAssert.Contains(again.Out, "Nothing to apply");
    }
}
