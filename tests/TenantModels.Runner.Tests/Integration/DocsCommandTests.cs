using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary><c>docs</c>: the documentation site written by the real CLI; with <c>--connection</c>, each tenant's live status from a real PostgreSQL.</summary>
[TestClass]
public sealed class DocsCommandTests
{
    private static string SampleBundle()
    {
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(RepoPaths.Combine("samples", "CallAnalytics"), "CallAnalytics", "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var bundle = Path.Combine(CliRun.TempDirectory(), "bundle");
        BundleDirectory.Write(compiled.Bundle!, bundle);
        return bundle;
    }

    [TestMethod]
    public void Writes_the_site_without_a_database()
    {
        var site = Path.Combine(CliRun.TempDirectory(), "site");

        var result = CliRun.Run(null, "docs", SampleBundle(), "-o", site);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Out, "Wrote the documentation of CallAnalytics 1.0.0 to " + Path.GetFullPath(site));
        Assert.IsTrue(File.Exists(Path.Combine(site, "index.html")));
        Assert.IsTrue(File.Exists(Path.Combine(site, "data", "models", "call.js")));
        Assert.IsFalse(File.Exists(Path.Combine(site, "data", "status.js")));
    }

    [TestMethod]
    public void An_output_folder_that_cannot_be_written_is_TM3080()
    {
        var file = Path.Combine(CliRun.TempDirectory(), "a-file");
        File.WriteAllText(file, "not a folder");

        var result = CliRun.Run(null, "docs", SampleBundle(), "-o", Path.Combine(file, "site"));

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error TM3080: the documentation site could not be written to '" + Path.Combine(file, "site") + "': ");
    }

    [TestMethod]
    public void A_folder_holding_other_files_is_TM3080_and_left_alone()
    {
        var folder = CliRun.TempDirectory();
        File.WriteAllText(Path.Combine(folder, "Project.csproj"), "<Project />");

        var result = CliRun.Run(null, "docs", SampleBundle(), "-o", folder);

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error TM3080: the documentation site could not be written to '" + folder + "': ");
        StringAssert.Contains(result.Error, "is not a documentation site");
        Assert.IsTrue(File.Exists(Path.Combine(folder, "Project.csproj")));
    }

    [TestMethod]
    public void A_damaged_bundle_is_refused_before_anything_is_written()
    {
        var bundle = SampleBundle();
        File.AppendAllText(Path.Combine(bundle, "artefacts", "canonical_view.call.sql"), "-- edited");
        var site = Path.Combine(CliRun.TempDirectory(), "site");

        var result = CliRun.Run(null, "docs", bundle, "-o", site);

        Assert.AreEqual(ExitCodes.InvalidBundle, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "TM3003");
        Assert.IsFalse(Directory.Exists(site));
    }

    [TestMethod]
    public void With_a_connection_each_tenant_shows_its_deployed_version_and_drift()
    {
        var bundle = SampleBundle();
        var db = SharedPostgres.Server.CreateDatabase("docs_live_status");
        CallAnalyticsData.CreateRawSchemas(db);
        var apply = CliRun.Against(db, "apply", bundle, "--tenant", "org_javi_2_e0eynhkr", "--tenant", "org_pablo_s_workspace_r0trlpgs");
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        Db.Execute(db, "DROP VIEW \"org_javi_2_e0eynhkr_stg_outreach\".\"call\" CASCADE");
        var site = Path.Combine(CliRun.TempDirectory(), "site");

        var result = CliRun.Against(db, "docs", bundle, "-o", site);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Out, "with live status");
        var status = File.ReadAllText(Path.Combine(site, "data", "status.js"));
        StringAssert.Contains(status, "\"org_javi_2_e0eynhkr\":{\"state\":\"drift\",\"deployedVersion\":\"1.0.0\",\"drift\":[\"\\\"org_javi_2_e0eynhkr_stg_outreach\\\".\\\"call\\\": ");
        StringAssert.Contains(status, "\"org_pablo_s_workspace_r0trlpgs\":{\"state\":\"up to date\",\"deployedVersion\":\"1.0.0\",\"drift\":[]");
        StringAssert.Contains(status, "\"org_acme_k3x9\":{\"state\":\"not deployed\",\"deployedVersion\":null");
    }
    [TestMethod]
    public void With_a_connection_each_tenant_shows_when_it_was_last_refreshed()
    {
        var totals = ("models/order_totals.yaml",
            "model: order_totals\nmaterialized: materialized_view\ncolumns:\n  n: bigint\nsql: \"select count(*) as n from {{ ref('orders') }}\"\ngrants: { reader: [select] }\n");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile("dls", "1.0.0", new[] { "alpha", "bravo" }, extra: new[] { totals }));
        var db = SharedPostgres.Server.CreateDatabase("docs_last_refresh");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);
        var refresh = CliRun.Against(db, "refresh", bundle, "--tenant", "alpha");
        Assert.AreEqual(ExitCodes.Success, refresh.ExitCode, refresh.ToString());
        var site = Path.Combine(CliRun.TempDirectory(), "site");

        var result = CliRun.Against(db, "docs", bundle, "-o", site);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        var status = File.ReadAllText(Path.Combine(site, "data", "status.js"));
        var refreshedAt = Db.Scalar<System.DateTime>(db, "SELECT refreshed_at FROM tenantmodels.refresh WHERE tenant_id = 'alpha'");
        StringAssert.Contains(status, "\"lastRefreshed\":\"" + refreshedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + "\"");
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.refresh WHERE tenant_id = 'bravo'"), "bravo was not refreshed");
        Assert.AreEqual(1, System.Text.RegularExpressions.Regex.Matches(status, "\"lastRefreshed\":\"").Count, status);
    }
}
