using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Sdk.Tests.Infrastructure;
using TenantModels.Testing;

namespace TenantModels.Sdk.Tests;

/// <summary>
/// The application developer's side: an app that references the model project gets the generated types with no
/// extra reference, reads typed rows per tenant from PostgreSQL, and stops compiling when a model column is renamed.
/// </summary>
[TestClass]
public sealed class TypedAppTests
{
    [TestMethod]
    public void App_reads_typed_rows_per_tenant_and_breaks_when_a_column_is_renamed()
    {
        // samples/CallAnalyticsApp references ../CallAnalytics: copy both side by side, as in the repository.
        var model = SdkFixture.CopySample("CallAnalytics", nameof(App_reads_typed_rows_per_tenant_and_breaks_when_a_column_is_renamed));
        var app = SdkFixture.CopySample("CallAnalyticsApp", nameof(App_reads_typed_rows_per_tenant_and_breaks_when_a_column_is_renamed)).Directory;

        var build = DotnetCli.Run(app, SdkFixture.Environment, "build", "-nodeReuse:false", "--disable-build-servers", "-tl:off", "-v:m");
        Assert.IsTrue(build.Succeeded, build.Output);

        var connection = SharedPostgres.Server.CreateDatabase("app");
        Execute(connection, File.ReadAllText(RepoPaths.Combine("samples", "CallAnalytics", "demo", "raw-data.sql")));
        Execute(connection, File.ReadAllText(Path.Combine(model.BundleDirectory, "deploy.sql")));

        var run = DotnetCli.Run(app, SdkFixture.Environment, "run", "--no-build", "--", connection);
        Assert.IsTrue(run.Succeeded, run.Output);
        var lines = run.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        CollectionAssert.IsSubsetOf(
            new List<string>
            {
                "org_javi_2_e0eynhkr 101 javi Connected",
                "org_javi_2_e0eynhkr 103 marta -",
                "org_pablo_s_workspace_r0trlpgs 7001 pablo Meeting booked",
                "org_acme_k3x9 1 wile Wrong number",
                "canonical org_acme_k3x9 1 call(s)",
                "canonical org_javi_2_e0eynhkr 3 call(s)",
                "canonical org_pablo_s_workspace_r0trlpgs 2 call(s)",
            },
            lines);

        // Renaming a model column renames the generated property: code using the old name must stop compiling.
        model.Write("models/call.yaml", Regex.Replace(model.Read("models/call.yaml"), @"^(\s+)user_id:", "$1agent_id:", RegexOptions.Multiline));
        var broken = DotnetCli.Run(app, SdkFixture.Environment, "build", "-nodeReuse:false", "--disable-build-servers", "-tl:off", "-v:m");
        Assert.IsFalse(broken.Succeeded);
        StringAssert.Contains(broken.Output, "Program.cs(17,");
        StringAssert.Contains(broken.Output, "'CallRow' does not contain a definition for 'UserId'");
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
