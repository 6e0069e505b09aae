using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Sdk.Tests.Infrastructure;
using TenantModels.Testing;

namespace TenantModels.Sdk.Tests;

/// <summary>
/// docs/ci.md, step by step and in order, as CI runs it: build, publish the .tmbundle, install the runner as a dotnet
/// tool from a package feed, then plan, apply and verify against a real PostgreSQL with the connection from the environment.
/// </summary>
[TestClass]
public sealed class CiPathTests
{
    [TestMethod]
    public void Build_publish_install_plan_apply_verify()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(Build_publish_install_plan_apply_verify));
        Assert.IsTrue(project.Build().Succeeded, "build");
        var publish = project.Dotnet("publish", "-o", "out");
        Assert.IsTrue(publish.Succeeded, publish.Output);
        var bundle = project.PathOf("out/CallAnalytics.1.0.0.tmbundle");

        var connection = SharedPostgres.Server.CreateDatabase("ci");
        using (var db = new NpgsqlConnection(connection))
        {
            db.Open();
            using var raw = new NpgsqlCommand(File.ReadAllText(RepoPaths.Combine("samples", "CallAnalytics", "demo", "raw-data.sql")), db);
            raw.ExecuteNonQuery();
        }

        var environment = new Dictionary<string, string> { ["TENANTMODELS_CONNECTION"] = connection };
        var plan = RunnerTool.Run(environment, "plan", bundle);
        Assert.AreEqual(0, plan.ExitCode, plan.Output);
        StringAssert.Contains(plan.Output, "CREATE OR REPLACE VIEW \"canonical\".\"call\"");

        var apply = RunnerTool.Run(environment, "apply", bundle);
        Assert.AreEqual(0, apply.ExitCode, apply.Output);
        var verify = RunnerTool.Run(environment, "verify", bundle);
        Assert.AreEqual(0, verify.ExitCode, verify.Output);

        using var check = new NpgsqlConnection(connection);
        check.Open();
        using var count = new NpgsqlCommand("SELECT count(*) FROM canonical.call", check);
        Assert.AreEqual(6L, (long)count.ExecuteScalar()!);
    }
}
