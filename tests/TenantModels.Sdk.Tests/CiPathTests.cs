using System.Collections.Generic;
using System.Diagnostics;
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
    [ClassCleanup]
    public static void StopServer() => SharedPostgres.Stop();

    [TestMethod]
    public void Build_publish_install_plan_apply_verify()
    {
        var project = SdkFixture.CopySample("CallAnalytics", nameof(Build_publish_install_plan_apply_verify));
        Assert.IsTrue(project.Build().Succeeded, "build");
        var publish = project.Dotnet("publish", "-o", "out");
        Assert.IsTrue(publish.Succeeded, publish.Output);
        var bundle = project.PathOf("out/CallAnalytics.1.0.0.tmbundle");

        var tools = Path.Combine(SdkFixture.Root, "tools");
        var install = DotnetCli.Run(SdkFixture.Root, SdkFixture.Environment,
            "tool", "install", "TenantModels.Runner", "--version", "0.1.0", "--tool-path", tools);
        Assert.IsTrue(install.Succeeded, install.Output);

        var connection = SharedPostgres.Server.CreateDatabase("ci");
        using (var db = new NpgsqlConnection(connection))
        {
            db.Open();
            using var raw = new NpgsqlCommand(File.ReadAllText(RepoPaths.Combine("samples", "CallAnalytics", "demo", "raw-data.sql")), db);
            raw.ExecuteNonQuery();
        }

        var environment = new Dictionary<string, string> { ["TENANTMODELS_CONNECTION"] = connection };
        var plan = Tool(tools, environment, "plan", bundle);
        Assert.AreEqual(0, plan.ExitCode, plan.Output);
        StringAssert.Contains(plan.Output, "CREATE OR REPLACE VIEW \"canonical\".\"call\"");

        var apply = Tool(tools, environment, "apply", bundle);
        Assert.AreEqual(0, apply.ExitCode, apply.Output);
        var verify = Tool(tools, environment, "verify", bundle);
        Assert.AreEqual(0, verify.ExitCode, verify.Output);

        using var check = new NpgsqlConnection(connection);
        check.Open();
        using var count = new NpgsqlCommand("SELECT count(*) FROM canonical.call", check);
        Assert.AreEqual(6L, (long)count.ExecuteScalar()!);
    }

    private static ProcessResult Tool(string tools, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(tools, "tenantmodels")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in environment)
        {
            start.Environment[variable.Key] = variable.Value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result + stderr.Result);
    }
}
