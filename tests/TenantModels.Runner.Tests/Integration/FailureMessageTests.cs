using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>Every failure names its cause: the server ending the session, a connection lost, a timeout, --fail-fast's skipped units.</summary>
[TestClass]
public sealed class FailureMessageTests
{
    private const string RunnerBlockedOnLock =
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tenantmodels' AND wait_event_type = 'Lock'";

    /// <summary>Starts an apply that blocks on a lock held on Acme's raw table, runs <paramref name="interrupt"/> once it waits, then lets it finish.</summary>
    private static CliResult InterruptedApply(string db, string connection, Action interrupt)
    {
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        using var held = new HeldTableLock(db, $"\"{Acme}_raw_outreach\".call");
        var apply = Task.Run(() => CliRun.Against(connection, "apply", bundle, "--lock-timeout", "0"));
        for (var i = 0; Db.Scalar<long>(db, RunnerBlockedOnLock) == 0; i++)
        {
            Assert.IsFalse(apply.IsCompleted, "the apply ended before blocking on the held lock: " + (apply.IsCompleted ? apply.Result.ToString() : string.Empty));
            Assert.IsTrue(i < 600, "the apply never blocked on the held lock");
            Thread.Sleep(100);
        }

        interrupt();
        Assert.IsTrue(apply.Wait(TimeSpan.FromSeconds(60)), "the apply did not end after the interruption");
        held.Release();
        return apply.Result;
    }

    [TestMethod]
    [Timeout(120_000)]
    public void ABackendTerminatedMidApplyIsReportedWithItsSqlState()
    {
        var db = SharedPostgres.Server.CreateDatabase("cause_terminated");
        CreateRawSchemas(db);

        var result = InterruptedApply(db, db, () => Db.Execute(db,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tenantmodels' AND wait_event_type = 'Lock'"));

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "tenantmodels: error TM3007: could not complete the apply: the server ended the session", result.ToString());
        StringAssert.Contains(result.Error, "SQLSTATE 57P01: terminating connection due to administrator command", result.ToString());
        Assert.IsFalse(result.Error.Contains(": NpgsqlTransaction", StringComparison.Ordinal), result.ToString());
    }

    [TestMethod]
    [Timeout(120_000)]
    public void AConnectionLostMidApplyIsReportedAsSuch()
    {
        var db = SharedPostgres.Server.CreateDatabase("cause_cut");
        CreateRawSchemas(db);
        using var proxy = new CuttableProxy(db);

        var result = InterruptedApply(db, proxy.Through(db), proxy.Cut);

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "tenantmodels: error TM3007: could not complete the apply: the connection to the server was lost", result.ToString());
        Assert.IsFalse(result.Error.TrimEnd().EndsWith("Exception while reading from stream", StringComparison.Ordinal), result.ToString());
    }

    [TestMethod]
    [Timeout(120_000)]
    public void AServerThatDoesNotAnswerIsATimeout()
    {
        var db = SharedPostgres.Server.CreateDatabase("cause_timeout");
        using var proxy = new CuttableProxy(db, silent: true);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        var result = CliRun.Against(proxy.Through(db) + ";Timeout=1", "apply", bundle);

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "tenantmodels: error TM3007: could not connect to the database: timed out", result.ToString());
    }

    [TestMethod]
    public void FailFastCountsTheTransactionsItSkipped()
    {
        var db = SharedPostgres.Server.CreateDatabase("cause_fail_fast");
        CreateRawSchemas(db, includeAcme: false);
        var acmeFirst = HandBuiltBundles.Tenants.Select(t => t.Id == Acme ? t with { Priority = 1 } : t).ToArray();
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics(tenants: acmeFirst));

        var result = CliRun.Against(db, "apply", bundle, "--fail-fast");

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error,
            $"error TM3015: 1 of 5 transaction(s) failed, 3 skipped; rolled back: tenant {Acme}; not run (--fail-fast): tenant {Javi}, tenant {Pablo}, union; the transactions before the failure were applied",
            result.ToString());
        StringAssert.Contains(result.Out, $"failed: tenant {Acme}; skipped: 3.", result.ToString());
    }

    /// <summary>PostgreSQL says in its DETAIL which object stands in the way: the message carries it.</summary>
    [TestMethod]
    public void AStatementFailureCarriesTheServersDetail()
    {
        var db = SharedPostgres.Server.CreateDatabase("cause_detail");
        CreateRawSchemas(db);
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics())).ExitCode);
        Db.Execute(db, $"CREATE VIEW public.javi_report AS SELECT call_id FROM \"{Javi}_stg_outreach\".call");

        var result = CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("2.0.0", callIdType: "integer")));

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "failed with SQLSTATE 2BP01: cannot drop view", result.ToString());
        StringAssert.Contains(result.Error, "(view javi_report depends on view", result.ToString());
    }
}
