using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Core.Scheduling;
using TenantModels.Testing;

namespace TenantModels.Core.Tests;

/// <summary>Scheduled refreshes: the pg_cron jobs a bundle makes, and the tenant-local time check across summer time.</summary>
[TestClass]
public sealed class ScheduleTests
{
    private static string CaseDirectory => Path.Combine(CompilerCaseTests.CasesDirectory, "scheduled_refresh");

    [TestMethod]
    public void Jobs_are_one_per_tenant_and_scheduled_model_with_the_tenants_settings()
    {
        var bundle = CaseCompiler.Compile(CaseDirectory).Bundle!;
        var jobs = RefreshJobs.For(bundle, "analytics", bundle.Manifest.Tenants);
        var text = string.Concat(jobs.Select(j => "-- " + j.Name + " [" + j.Schedule + "]\n" + j.Command + "\n\n"));
        GoldenFile.Verify(text, Path.Combine(CaseDirectory, "expected", "jobs.verified.sql"));

        // outreach_calls is built from outreach only: initech (salesloft only) has no job for it.
        CollectionAssert.DoesNotContain(jobs.Select(j => j.Name).ToList(), "tenantmodels:analytics:initech:outreach_calls");
        Assert.AreEqual("tenantmodels:analytics:acme:call", jobs[0].Name);
    }

    [TestMethod]
    public void The_SalesEtl_sample_refreshes_mornings_and_evenings_in_its_tenants_time_zone()
    {
        var compiled = Pipeline.ModelProjectCompiler.Compile(Pipeline.ProjectInput.FromDirectory(RepoPaths.Combine("samples", "SalesEtl"), "SalesEtl", "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var manifest = compiled.Bundle!.Manifest;

        var schedule = manifest.Schedules!.Single();
        Assert.AreEqual("secondary_sales_by_territory", schedule.Model);
        CollectionAssert.AreEqual(new[] { "09:00", "18:00" }, schedule.At.ToList());
        CollectionAssert.AreEqual(
            new[] { "tenant1:Asia/Kolkata:7200", "tenant2:Asia/Kolkata:7200", "tenant3:Asia/Kolkata:7200", ":Asia/Kolkata:7200" },
            manifest.ScheduleTenants!.Select(t => $"{t.Tenant}:{t.TimeZone}:{t.RefreshTimeoutSeconds}").ToList());
        // tenant3 is disabled: no job.
        CollectionAssert.AreEqual(
            new[] { "tenantmodels:sales:tenant1:secondary_sales_by_territory", "tenantmodels:sales:tenant2:secondary_sales_by_territory" },
            RefreshJobs.For(compiled.Bundle, "sales", manifest.Tenants).Select(j => j.Name).ToList());
    }

    [TestMethod]
    public void Runs_land_on_every_utc_minute_an_at_time_can_fall_on()
    {
        Assert.AreEqual("0,15,30,45 * * * *", ScheduleClock.Cron(new[] { "06:00", "18:00" }));
        Assert.AreEqual("0,10,15,25,30,40,45,55 * * * *", ScheduleClock.Cron(new[] { "07:10", "18:00" }));
    }

    [TestMethod]
    // Europe/Berlin: 06:00 is 04:00 UTC in summer (CEST) and 05:00 UTC in winter (CET).
    [DataRow("Europe/Berlin", "2026-07-01 04:00:00+00", true)]
    [DataRow("Europe/Berlin", "2026-07-01 04:14:59+00", true)]
    [DataRow("Europe/Berlin", "2026-07-01 04:15:00+00", false)]
    [DataRow("Europe/Berlin", "2026-07-01 05:00:00+00", false)]
    [DataRow("Europe/Berlin", "2026-01-15 05:00:00+00", true)]
    [DataRow("Europe/Berlin", "2026-01-15 04:00:00+00", false)]
    [DataRow("Europe/Berlin", "2026-01-15 03:59:59+00", false)]
    // America/New_York: 18:00 is 22:00 UTC in summer (EDT) and 23:00 UTC in winter (EST).
    [DataRow("America/New_York", "2026-07-01 22:00:00+00", true)]
    [DataRow("America/New_York", "2026-07-01 23:00:00+00", false)]
    [DataRow("America/New_York", "2026-12-01 23:00:00+00", true)]
    // Asia/Kathmandu (+05:45): 06:00 is 00:15 UTC, a quarter past.
    [DataRow("Asia/Kathmandu", "2026-07-01 00:15:00+00", true)]
    [DataRow("Asia/Kathmandu", "2026-07-01 00:00:00+00", false)]
    public void The_tenant_local_check_is_right_in_summer_and_winter(string timeZone, string utc, bool due)
    {
        var at = new[] { "06:00", "18:00" };
        using var connection = new NpgsqlConnection(SharedPostgres.Server.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT " + ScheduleClock.DueCondition(at, timeZone, "'" + utc + "'::timestamptz"), connection);
        Assert.AreEqual(due, command.ExecuteScalar(), $"{utc} in {timeZone}");
    }
}
