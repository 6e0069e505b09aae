using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary><c>apply --jobs</c>: tenant transactions at once on several connections, with the same outcome as one at a time.</summary>
[TestClass]
public sealed class ParallelApplyTests
{
    /// <summary>
    /// The first tenant is held by a lock; with two jobs the tenants after it commit meanwhile (one at a time they would
    /// wait behind it), and once the lock goes the database is exactly what an apply without --jobs gives.
    /// </summary>
    [TestMethod]
    [Timeout(120_000)]
    public void TenantsAfterABlockedOneCommitMeanwhileAndTheResultIsTheSame()
    {
        var db = SharedPostgres.Server.CreateDatabase("jobs_blocked");
        CallAnalyticsData.CreateRawSchemas(db);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        CliResult apply;
        using (var held = new HeldTableLock(db, $"\"{Javi}_raw_outreach\".call"))
        {
            // --lock-timeout 0: Javi's transaction waits for the lock however long the others take.
            var running = Task.Run(() => CliRun.Against(db, "apply", bundle, "--jobs", "2", "--lock-timeout", "0"));
            var acmeCommitted = false;
            for (var i = 0; i < 600 && !acmeCommitted && !running.IsCompleted; i++)
            {
                acmeCommitted = Db.SchemaExists(db, $"{Acme}_stg_outreach");
                Thread.Sleep(100);
            }

            Assert.IsTrue(acmeCommitted, "the last tenant must commit while the first one waits for its lock");
            Assert.IsFalse(Db.SchemaExists(db, $"{Javi}_stg_outreach"), "the first tenant is still waiting");
            held.Release();
            apply = running.Result;
        }

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        ApplyTests.AssertSampleViews(db);
        Assert.AreEqual("No changes: the database matches CallAnalytics 1.0.0.\n", CliRun.Against(db, "plan", bundle).Out);
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "verify", bundle).ExitCode);
        // A fresh apply creates each recorded object once: the deployment counts every unit's steps exactly once.
        Assert.AreEqual(
            Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.deployed_artefact"),
            Db.Scalar<long>(db, "SELECT steps::bigint FROM tenantmodels.deployment"));
    }

    /// <summary>A tenant that fails among others is run again alone and reported once, exactly as without --jobs.</summary>
    /// <remarks>With --fail-fast the union after it is skipped, as without --jobs: the failure counts once its lone run fails.</remarks>
    [TestMethod]
    [DataRow(false, "applied", DisplayName = "without --fail-fast")]
    [DataRow(true, "skipped", DisplayName = "with --fail-fast")]
    public void ATenantThatFailsAmongOthersIsReportedOnceAsWithoutJobs(bool failFast, string union)
    {
        var db = SharedPostgres.Server.CreateDatabase("jobs_fails");
        CallAnalyticsData.CreateRawSchemas(db, includeAcme: false);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        var result = CliRun.Against(db, new[] { "apply", bundle, "--json", "--jobs", "3" }.Concat(failFast ? new[] { "--fail-fast" } : System.Array.Empty<string>()).ToArray());

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        Assert.AreEqual(1, Regex.Matches(result.Error, "error TM3005:").Count, result.ToString());
        StringAssert.Contains(result.Error, $"error TM3005: artefact 'staging_view.outreach.call' (tenant {Acme}) failed with SQLSTATE 42P01");
        StringAssert.Contains(result.Error, failFast
            ? $"error TM3015: 1 of 5 transaction(s) failed, 1 skipped; rolled back: tenant {Acme}; not run (--fail-fast): union; the transactions before the failure were applied"
            : $"error TM3015: 1 of 5 transaction(s) failed; rolled back: tenant {Acme}; everything else was applied");
        using var json = JsonDocument.Parse(result.Out);
        Assert.AreEqual(1, json.RootElement.GetProperty("diagnostics").EnumerateArray().Count(d => d.GetProperty("code").GetString() == "TM3005"));
        var units = json.RootElement.GetProperty("units").EnumerateArray().Select(u => $"{u.GetProperty("unit").GetString()}:{(u.TryGetProperty("tenant", out var t) ? t.GetString() : "-")}:{u.GetProperty("status").GetString()}").ToArray();
        CollectionAssert.AreEqual(new[] { "global:-:applied", $"tenant:{Javi}:applied", $"tenant:{Pablo}:applied", $"tenant:{Acme}:failed", "union:-:" + union }, units);
        Assert.AreEqual(0L, Db.Scalar<long>(db, $"SELECT count(*) FROM tenantmodels.deployed_artefact WHERE tenant_id = '{Acme}'"));
        if (failFast)
        {
            return; // the union was skipped: canonical.call does not exist
        }

        CollectionAssert.AreEqual(
            CanonicalRows.Where(r => !r.EndsWith(Acme, System.StringComparison.Ordinal)).ToArray(),
            Db.Rows(db, "SELECT * FROM canonical.call ORDER BY tenant_id, call_id"));
    }

    /// <summary>A deploy role limited to one connection: the extra jobs are refused, the apply says so and runs them on the one it has.</summary>
    [TestMethod]
    public void ConnectionsTheServerRefusesMeanFewerJobsNotAFailedApply()
    {
        var db = SharedPostgres.Server.CreateDatabase("jobs_refused");
        CallAnalyticsData.CreateRawSchemas(db);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        var database = new Npgsql.NpgsqlConnectionStringBuilder(db).Database!;
        var role = "deploy_" + database;
        // Superusers ignore connection limits: the apply runs as an ordinary owner of what it creates.
        Db.Execute(db, $"""
            CREATE ROLE "{role}" LOGIN CONNECTION LIMIT 1;
            GRANT CREATE ON DATABASE "{database}" TO "{role}";
            GRANT USAGE ON SCHEMA "{Javi}_raw_outreach", "{Acme}_raw_outreach", "{Pablo}_raw_salesloft" TO "{role}";
            GRANT SELECT ON ALL TABLES IN SCHEMA "{Javi}_raw_outreach", "{Acme}_raw_outreach", "{Pablo}_raw_salesloft" TO "{role}";
            """);
        var asRole = new Npgsql.NpgsqlConnectionStringBuilder(db) { Username = role, Pooling = false }.ConnectionString;

        var apply = CliRun.Against(asRole, "apply", bundle, "--jobs", "3");

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        StringAssert.Contains(apply.Out, "--jobs 3: the server refused more connections, running 1 tenant transaction(s) at once", apply.ToString());
        ApplyTests.AssertSampleViews(db);
        Assert.AreEqual("No changes: the database matches CallAnalytics 1.0.0.\n", CliRun.Against(db, "plan", bundle).Out);
    }
}
