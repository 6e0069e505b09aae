using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>The runner process killed mid-apply, and several databases applied in parallel through a target map.</summary>
[TestClass]
public sealed class ResilienceTests
{
    /// <summary>Both timeouts reach every unit's transaction: a tenant blocked by a lock fails alone instead of hanging the apply.</summary>
    [TestMethod]
    [Timeout(120_000)]
    [DataRow("--lock-timeout", "1", "--statement-timeout", "0", "55P03", DisplayName = "lock timeout")]
    [DataRow("--lock-timeout", "0", "--statement-timeout", "1", "57014", DisplayName = "statement timeout")]
    public void ABlockedTenantTimesOutAloneAndTheOthersApply(string lockOption, string lockSeconds, string statementOption, string statementSeconds, string sqlState)
    {
        var db = SharedPostgres.Server.CreateDatabase("timeout_" + sqlState);
        CallAnalyticsData.CreateRawSchemas(db);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        CliResult apply;
        using (new HeldTableLock(db, $"\"{Acme}_raw_outreach\".call"))
        {
            apply = CliRun.Against(db, "apply", bundle, lockOption, lockSeconds, statementOption, statementSeconds);
        }

        Assert.AreEqual(ExitCodes.Failed, apply.ExitCode, apply.ToString());
        StringAssert.Contains(apply.Out, $"FAILED tenant {Acme}", apply.ToString());
        StringAssert.Contains(apply.Error, sqlState, apply.ToString());
        StringAssert.Contains(apply.Out, $"applied tenant {Javi}", apply.ToString());
        StringAssert.Contains(apply.Out, $"applied tenant {Pablo}", apply.ToString());
        Assert.IsFalse(Db.SchemaExists(db, $"{Acme}_stg_outreach"), "the timed-out tenant's transaction leaves nothing behind");
    }

    [TestMethod]
    public void RunnerKilledMidApplyLeavesNothingHalfDoneAndTheNextRunConverges()
    {
        var db = SharedPostgres.Server.CreateDatabase("sigkill");
        CallAnalyticsData.CreateRawSchemas(db);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        // Acme's staging view reads this table, so Acme's transaction blocks here (--lock-timeout 0 waits forever).
        using (var held = new HeldTableLock(db, $"\"{Acme}_raw_outreach\".call"))
        {
            using var runner = StartRealCli("apply", bundle, "--connection", db, "--lock-timeout", "0");
            WaitUntil(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tenantmodels' AND wait_event_type = 'Lock'", runner);
            runner.Kill();
            runner.WaitForExit();
            held.Release();
        }

        // The orphaned backend finishes its statement, finds its client gone and rolls back, releasing the deployment lock.
        WaitUntilNoRunnerSession(db);
        var status = CliRun.Against(db, "status", bundle);
        StringAssert.Contains(status.Out, "Interrupted: the apply of CallAnalytics 1.0.0 started at ", status.ToString());
        StringAssert.Contains(status.Out, "run `tenantmodels apply` to finish it", status.ToString());
        Assert.IsTrue(Db.SchemaExists(db, $"{Javi}_stg_outreach"), "tenants before the killed one were committed");
        Assert.IsFalse(Db.SchemaExists(db, $"{Acme}_stg_outreach"), "the killed tenant's transaction must leave nothing behind");
        Assert.AreEqual(0L, Db.Scalar<long>(db, $"SELECT count(*) FROM tenantmodels.deployed_artefact WHERE tenant_id = '{Acme}'"));

        var rerun = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, rerun.ExitCode, rerun.ToString());
        StringAssert.Contains(rerun.Out, $"applied tenant {Acme}: 2 step(s)");
        ApplyTests.AssertSampleViews(db);
        Assert.AreEqual("No changes: the database matches CallAnalytics 1.0.0.\n", CliRun.Against(db, "plan", bundle).Out);
        var finished = CliRun.Against(db, "status", bundle, "--json");
        Assert.IsFalse(finished.Out.Contains("Interrupted", StringComparison.Ordinal), finished.ToString());
        Assert.AreEqual("interrupted", Db.Scalar<string>(db, "SELECT outcome FROM tenantmodels.deployment ORDER BY id LIMIT 1"),
            "the next apply marks the deployment it found running as interrupted");
    }

    [TestMethod]
    public void RunnerKilledDuringTheUnionUnitLeavesTheOldUnionWhichVerifyReportsAndTheNextRunCompletes()
    {
        var db = SharedPostgres.Server.CreateDatabase("sigkill_union");
        CallAnalyticsData.CreateRawSchemas(db);
        var v1 = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("1.0.0", tenants: HandBuiltBundles.Tenants.Where(t => t.Id != Acme).ToArray()));
        var v2 = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("1.1.0"));
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", v1).ExitCode);

        // Only the union unit touches canonical.call when a tenant is added: the runner blocks there, after Acme committed.
        using (var held = new HeldTableLock(db, "canonical.call"))
        {
            using var runner = StartRealCli("apply", v2, "--connection", db, "--lock-timeout", "0");
            WaitUntil(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tenantmodels' AND wait_event_type = 'Lock'", runner);
            runner.Kill();
            runner.WaitForExit();
            held.Release();
        }

        WaitUntilNoRunnerSession(db);
        Assert.IsTrue(Db.SchemaExists(db, $"{Acme}_stg_outreach"), "the tenant unit before the union unit was committed");
        CollectionAssert.AreEqual(new[] { Javi, Pablo }.OrderBy(t => t, StringComparer.Ordinal).ToArray(),
            Db.Rows(db, "SELECT DISTINCT tenant_id FROM canonical.call ORDER BY 1"), "the old union stays whole");
        var verify = CliRun.Against(db, "verify", v2);
        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Out, "covers other tenants than the ready ones: apply builds it over 3 tenant(s)");

        var rerun = CliRun.Against(db, "apply", v2);

        Assert.AreEqual(ExitCodes.Success, rerun.ExitCode, rerun.ToString());
        ApplyTests.AssertSampleViews(db);
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "verify", v2).ExitCode);
    }

    [TestMethod]
    public void ThreeDatabasesThroughATargetMapInParallel()
    {
        var databases = new[] { Javi, Pablo, Acme }.ToDictionary(t => t, t =>
        {
            var db = SharedPostgres.Server.CreateDatabase("target");
            CallAnalyticsData.CreateRawSchemas(db);
            return db;
        });
        var map = Path.Combine(CliRun.TempDirectory(), "targets.json");
        File.WriteAllText(map, JsonSerializer.Serialize(new
        {
            targets = databases.ToDictionary(d => "db_" + d.Key.Substring(4, 4), d => new { connection = d.Value }),
            tenants = databases.Keys.ToDictionary(t => t, t => "db_" + t.Substring(4, 4)),
        }));
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        var result = CliRun.Run(null, "apply", bundle, "--targets", map, "--parallel", "3", "--json");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        var targets = JsonDocument.Parse(result.Out).RootElement.GetProperty("targets").EnumerateArray()
            .Select(t => $"{t.GetProperty("target").GetString()}:{t.GetProperty("status").GetString()}").OrderBy(s => s).ToArray();
        CollectionAssert.AreEqual(new[] { "db_acme:applied", "db_javi:applied", "db_pabl:applied" }, targets);
        foreach (var (tenant, db) in databases)
        {
            // Each database holds its own tenant only, and its canonical view covers exactly that tenant.
            CollectionAssert.AreEqual(new[] { tenant }, Db.Rows(db, "SELECT DISTINCT tenant_id FROM canonical.call"));
            Assert.AreEqual(1L, Db.Scalar<long>(db, "SELECT count(DISTINCT tenant_id) FROM tenantmodels.deployed_artefact WHERE tenant_id <> ''"));
        }

        var again = CliRun.Run(null, "apply", bundle, "--targets", map, "--parallel", "2");
        Assert.AreEqual(ExitCodes.Success, again.ExitCode, again.ToString());
        Assert.AreEqual(3, again.Out.Split('\n').Count(l => l.Contains("Nothing to apply", StringComparison.Ordinal)), again.Out);
    }

    [TestMethod]
    public void TargetMapWithAPasswordIsRefused()
    {
        var map = Path.Combine(CliRun.TempDirectory(), "targets.json");
        File.WriteAllText(map, """{ "targets": { "a": { "connection": "Host=x;Password=hunter2" } }, "default": "a" }""");

        var result = CliRun.Run(null, "apply", HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics()), "--targets", map);

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error TM3014:");
        Assert.IsFalse(result.Error.Contains("hunter2", StringComparison.Ordinal));
    }

    /// <summary>The real tenantmodels.dll in a child process, with none of this machine's PG* variables.</summary>
    private static Process StartRealCli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tenantmodels.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "TENANTMODELS_CONNECTION" })
        {
            start.Environment.Remove(name);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits for a condition, not for time: the bound only turns a hang into a failure.</summary>
    private static void WaitUntil(string db, string countQuery, Process runner)
    {
        for (var i = 0; i < 600; i++)
        {
            if (Db.Scalar<long>(db, countQuery) > 0)
            {
                return;
            }

            Assert.IsFalse(runner.HasExited, $"the runner exited ({runner.ExitCode}) before blocking on the held lock");
            Thread.Sleep(100);
        }

        Assert.Fail("the runner never blocked on the held lock");
    }

    private static void WaitUntilNoRunnerSession(string db)
    {
        for (var i = 0; i < 600; i++)
        {
            if (Db.Scalar<long>(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tenantmodels'") == 0)
            {
                return;
            }

            Thread.Sleep(100);
        }

        Assert.Fail("the killed runner's session never ended");
    }
}
