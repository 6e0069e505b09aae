using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>The samples' data tests: SalesEtl's model tests and CallAnalytics' canonical_tenants check, on their demo data.</summary>
[TestClass]
public sealed class SampleDataTestsTests
{
    private static (string Db, string Bundle) Deployed(string sample, string name)
    {
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(RepoPaths.Combine("samples", sample), sample, "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var bundle = Path.Combine(CliRun.TempDirectory(), "bundle");
        BundleDirectory.Write(compiled.Bundle!, bundle);
        var db = SharedPostgres.Server.CreateDatabase(name);
        Db.Execute(db, File.ReadAllText(RepoPaths.Combine("samples", sample, "demo", "raw-data.sql")));
        var applied = CliRun.Against(db, "apply", bundle, "--quiet");
        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        return (db, bundle);
    }

    [TestMethod]
    public void SalesEtlDemoDataPassesItsTestsAndABadExportFailsThem()
    {
        var (db, bundle) = Deployed("SalesEtl", "sample_tests_etl");

        var clean = CliRun.Against(db, "test", bundle, "--json");

        Assert.AreEqual(ExitCodes.Success, clean.ExitCode, clean.ToString());
        var runs = JsonDocument.Parse(clean.Out).RootElement.GetProperty("tests").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(new[] { "tenant1", "tenant2" }, runs.Select(r => r.GetProperty("tenant").GetString()).Distinct().ToArray(), "by priority; tenant3 is disabled");
        Assert.IsTrue(runs.All(r => r.GetProperty("status").GetString() == "passed"), clean.Out);

        // A load that lost tenant2's material dimension and wrote a negative quantity.
        Db.Execute(db, "DELETE FROM tenant2_raw_erp.dim_material; UPDATE tenant2_raw_erp.fact_invoice_secondary SET invoice_qty = '-7'");
        var broken = CliRun.Against(db, "test", bundle);

        Assert.AreEqual(ExitCodes.TestsFailed, broken.ExitCode, broken.ToString());
        StringAssert.Contains(broken.Error, "failed for 1 tenant(s): tenant2", broken.ToString());
        StringAssert.Contains(broken.Out, "secondary_sales.material_type.not_null", broken.ToString());
        StringAssert.Contains(broken.Out, "secondary_sales.quantity.expression", broken.ToString());
        StringAssert.Contains(broken.Out, "\"quantity\":-7", broken.ToString());
    }

    [TestMethod]
    public void CallAnalyticsShipsTheTenantsVersusViewsCheck()
    {
        var (db, bundle) = Deployed("CallAnalytics", "sample_tests_calls");

        var clean = CliRun.Against(db, "test", bundle, "--json");

        Assert.AreEqual(ExitCodes.Success, clean.ExitCode, clean.ToString());
        var runs = JsonDocument.Parse(clean.Out).RootElement.GetProperty("tests").EnumerateArray().ToArray();
        Assert.IsTrue(runs.Length > 0 && runs.All(r => r.GetProperty("kind").GetString() == "canonical_tenants"), clean.Out);
        Assert.IsTrue(runs.All(r => r.GetProperty("status").GetString() == "passed"), clean.Out);

        // A canonical view rebuilt by hand without one tenant's staging view: the drift the dbt project counted by hand.
        var first = runs[0].GetProperty("tenant").GetString()!;
        var definition = Db.Scalar<string>(db, "SELECT pg_get_viewdef('canonical.call'::regclass)");
        var branches = definition.Split("UNION ALL").Where(b => !b.Contains(first + "_stg_")).ToArray();
        Db.Execute(db, "CREATE OR REPLACE VIEW canonical.call AS " + string.Join(" UNION ALL ", branches).TrimEnd().TrimEnd(';'));
        var drifted = CliRun.Against(db, "test", bundle);

        Assert.AreEqual(ExitCodes.TestsFailed, drifted.ExitCode, drifted.ToString());
        StringAssert.Contains(drifted.Error, "failed for 1 tenant(s): " + first, drifted.ToString());
        StringAssert.Contains(drifted.Out, "is not read by the canonical view", drifted.ToString());
    }
}
