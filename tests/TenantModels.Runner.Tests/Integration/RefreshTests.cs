using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary><c>refresh</c> with the compiled samples/SalesEtl (a materialized view per tenant over its typed staging view).</summary>
[TestClass]
public sealed class RefreshTests
{
    private const string Matview = "secondary_sales_by_territory";

    private static (string Db, string Bundle, string Schema1, string Schema2) Deployed(string name)
    {
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(RepoPaths.Combine("samples", "SalesEtl"), "SalesEtl", "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var bundle = Path.Combine(CliRun.TempDirectory(), "bundle");
        BundleDirectory.Write(compiled.Bundle!, bundle);
        var db = SharedPostgres.Server.CreateDatabase(name);
        Db.Execute(db, File.ReadAllText(RepoPaths.Combine("samples", "SalesEtl", "demo", "raw-data.sql")));
        var applied = CliRun.Against(db, "apply", bundle);
        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        var matview = compiled.Bundle!.Manifest.Artefacts.Single(a => a.Kind == ArtefactKind.MaterializedView);
        return (db, bundle, ArtefactTemplate.Expand(matview.Object, "tenant1"), ArtefactTemplate.Expand(matview.Object, "tenant2"));
    }

    private static string[] Rows(string db, string view) => Db.Rows(db, $"SELECT territory_code, material_type, lines, net_amount FROM {view} ORDER BY 1, 2");

    [TestMethod]
    public void RefreshPicksUpNewRawRowsTenantByTenantInPriorityOrder()
    {
        var (db, bundle, tenant1, tenant2) = Deployed("refresh_rows");
        var before1 = Rows(db, tenant1);
        Assert.AreNotEqual(0, before1.Length, "the sample's materialized view must start with rows, or the refresh check proves nothing");
        Db.Execute(db, "INSERT INTO tenant1_raw_erp.fact_invoice_secondary VALUES ('M-200', '2024-04-05', '2', '50', '0', 'mum03')");
        Db.Execute(db, "INSERT INTO tenant2_raw_erp.fact_invoice_secondary VALUES ('M-100', '02.05.2024', '1', '100', '0', 'del01')");
        Assert.IsTrue(Rows(db, tenant1).SequenceEqual(before1), "a materialized view changed before refresh");

        var result = CliRun.Against(db, "refresh", bundle);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(before1.Append("MUM03|ZFGD|1|100.00").ToArray(), Rows(db, tenant1));
        CollectionAssert.AreEqual(new[] { "DEL01|ZFGD|2|926.00" }, Rows(db, tenant2));
        var out1 = result.Out.IndexOf("refreshed tenant tenant1", System.StringComparison.Ordinal);
        var out2 = result.Out.IndexOf("refreshed tenant tenant2", System.StringComparison.Ordinal);
        Assert.IsTrue(out1 >= 0 && out2 > out1, "tenant1 (priority 1) must be refreshed before tenant2 (priority 2):\n" + result.Out);
        Assert.IsFalse(result.Out.Contains("tenant3"), "a disabled tenant has nothing to refresh");
    }

    [TestMethod]
    public void AFailingTenantKeepsItsPreviousRowsAndTheOthersAreRefreshed()
    {
        var (db, bundle, tenant1, tenant2) = Deployed("refresh_failure");
        var before1 = Rows(db, tenant1);
        var before2 = Rows(db, tenant2);
        Db.Execute(db, "INSERT INTO tenant1_raw_erp.fact_invoice_secondary VALUES ('M-100', '2024-04-09', 'not a number', '1', '0', 'mum01')");
        Db.Execute(db, "INSERT INTO tenant2_raw_erp.fact_invoice_secondary VALUES ('M-100', '02.05.2024', '1', '100', '0', 'del02')");

        var result = CliRun.Against(db, "refresh", bundle, "--json");

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "TM3016");
        StringAssert.Contains(result.Error, "SQLSTATE 22P02");
        CollectionAssert.AreEqual(before1, Rows(db, tenant1), "the failed tenant's materialized view lost its previous rows");
        CollectionAssert.AreNotEqual(before2, Rows(db, tenant2), "the other tenant was not refreshed");
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.AreEqual("partial", json.GetProperty("status").GetString());
        var units = json.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("tenant").GetString() + ":" + u.GetProperty("status").GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { "tenant1:failed", "tenant2:refreshed" }, units);

        var failFast = CliRun.Against(db, "refresh", bundle, "--fail-fast", "--json");

        Assert.AreEqual(ExitCodes.Failed, failFast.ExitCode, failFast.ToString());
        var fastUnits = JsonDocument.Parse(failFast.Out).RootElement.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("status").GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { "failed", "skipped" }, fastUnits);

        var one = CliRun.Against(db, "refresh", bundle, "--tenant", "tenant2", "--concurrently");

        Assert.AreEqual(ExitCodes.Success, one.ExitCode, one.ToString());
        Assert.IsFalse(one.Out.Contains("tenant1"), one.Out);
    }

    /// <summary>The sample's registry: tenant1 is premium, tenant2 standard with a sales_threshold of 25000 (numeric).</summary>
    [TestMethod]
    public void RefreshTakesTheSameSelectionAsApply()
    {
        var (db, bundle, tenant1, tenant2) = Deployed("refresh_selection");
        Db.Execute(db, "INSERT INTO tenant1_raw_erp.fact_invoice_secondary VALUES ('M-200', '2024-04-05', '2', '50', '0', 'mum03')");
        Db.Execute(db, "INSERT INTO tenant2_raw_erp.fact_invoice_secondary VALUES ('M-100', '02.05.2024', '1', '100', '0', 'del01')");
        var before1 = Rows(db, tenant1);
        var before2 = Rows(db, tenant2);

        var standard = CliRun.Against(db, "refresh", bundle, "--tier", "standard", "--where", "sales_threshold=25000.00", "--json");

        Assert.AreEqual(ExitCodes.Success, standard.ExitCode, standard.ToString());
        CollectionAssert.AreEqual(before1, Rows(db, tenant1), "a tenant that was not selected was refreshed");
        CollectionAssert.AreNotEqual(before2, Rows(db, tenant2));
        var json = JsonDocument.Parse(standard.Out).RootElement;
        CollectionAssert.AreEqual(new[] { "tenant2" }, json.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("tenant").GetString()).ToArray());
        CollectionAssert.AreEqual(new[] { "tenant2" }, json.GetProperty("selection").GetProperty("matched").EnumerateArray().Select(t => t.GetString()).ToArray());

        var both = CliRun.Against(db, "refresh", bundle, "--tenant", "tenant1", "--tenant", "tenant2");

        Assert.AreEqual(ExitCodes.Success, both.ExitCode, both.ToString());
        CollectionAssert.AreNotEqual(before1, Rows(db, tenant1));
        StringAssert.Contains(both.Out, "refreshed tenant tenant1");
        StringAssert.Contains(both.Out, "refreshed tenant tenant2");

        var disabled = CliRun.Against(db, "refresh", bundle, "--tenant", "tenant3");

        Assert.AreEqual(ExitCodes.UsageError, disabled.ExitCode, disabled.ToString());
        StringAssert.Contains(disabled.Error, "error TM3061: --tenant tenant3 matches no tenant of database");
    }
}
