using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// Models with a <c>schedule:</c> become pg_cron jobs (on a server with pg_cron loaded, <see cref="SharedCronPostgres"/>):
/// apply installs, updates and removes them, tenants provision/remove follow, and a job's command refreshes and records.
/// </summary>
[TestClass]
public sealed class ScheduledRefreshTests
{
    private const string Model = "orders";

    /// <summary>A project of two tenants (acme in Asia/Kolkata, globex in UTC) and a materialized view per tenant.</summary>
    private static string Bundle(string version, string? schedule, string acmeTimeout = "30s")
    {
        var project = CliRun.TempDirectory();
        Directory.CreateDirectory(Path.Combine(project, "sources"));
        Directory.CreateDirectory(Path.Combine(project, "models"));
        File.WriteAllText(Path.Combine(project, "tenants.yaml"), $"""
            defaults:
              sources: [shop]
            tenants:
              - id: acme
                time_zone: Asia/Kolkata
                refresh_timeout: {acmeTimeout}
              - id: globex
            """);
        File.WriteAllText(Path.Combine(project, "sources", "shop.yaml"), """
            source: shop
            tables:
              orders:
                columns: { id: bigint, amount: numeric }
            """);
        File.WriteAllText(Path.Combine(project, "models", Model + ".yaml"), $"""
            model: {Model}
            materialized: materialized_view
            columns: {"{"} order_id: bigint, amount: numeric {"}"}
            from:
              shop:
                table: orders
                columns: {"{"} order_id: id, amount: amount {"}"}
            {(schedule is null ? string.Empty : "schedule: " + schedule)}
            """);
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(project, "shop_analytics", version));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var bundle = Path.Combine(CliRun.TempDirectory(), "bundle");
        BundleDirectory.Write(compiled.Bundle!, bundle);
        return bundle;
    }

    private static string Database(PostgresServer server, string name)
    {
        var db = server.CreateDatabase(name);
        foreach (var tenant in new[] { "acme", "globex", "tenant9" })
        {
            Db.Execute(db, $"CREATE SCHEMA {tenant}_raw_shop; CREATE TABLE {tenant}_raw_shop.orders (id bigint, amount numeric); INSERT INTO {tenant}_raw_shop.orders VALUES (1, 10)");
        }

        return db;
    }

    private static string Name(string db) => new Npgsql.NpgsqlConnectionStringBuilder(db).Database!;

    /// <summary>The runner's jobs for <paramref name="db"/> as <c>name|schedule|database</c>.</summary>
    private static string[] Jobs(string db) => Db.Rows(SharedCronPostgres.Server.ConnectionString,
        $"SELECT jobname, schedule, database FROM cron.job WHERE jobname LIKE 'tenantmodels:' || {Db.Literal(Name(db))} || ':%' ORDER BY jobname");

    private static string Command(string db, string tenant) => Db.Scalar<string>(SharedCronPostgres.Server.ConnectionString,
        $"SELECT command FROM cron.job WHERE jobname = {Db.Literal($"tenantmodels:{Name(db)}:{tenant}:{Model}")}");

    /// <summary>Runs a job's command as pg_cron does: one simple-protocol query (psql -c) in the job's database.</summary>
    private static void RunAsPgCron(string db, string command)
    {
        var (exitCode, error) = TryAsPgCron(db, command);
        Assert.AreEqual(0, exitCode, "the job's command failed: " + error);
    }

    /// <returns>psql's exit code and what it wrote to stderr.</returns>
    private static (int ExitCode, string Error) TryAsPgCron(string db, string command)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(db);
        var psql = Path.Combine(PostgresBinaries.FindBinDirectory(), "psql");
        var start = new System.Diagnostics.ProcessStartInfo(psql) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", builder.Database!, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-c", command })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = output.Result;
        return (process.ExitCode, error);
    }

    [TestMethod]
    public void Apply_installs_updates_and_removes_the_jobs_it_owns()
    {
        var db = Database(SharedCronPostgres.Server, "schedule_jobs");
        var name = Name(db);
        // Someone else's jobs: one of the user's own, one of a runner for another database. Neither is touched.
        Db.Execute(SharedCronPostgres.Server.ConnectionString, $"""
            SELECT cron.schedule('nightly_vacuum', '0 3 * * *', 'VACUUM');
            SELECT cron.schedule_in_database('tenantmodels:other_db_{name}:acme:{Model}', '0 * * * *', 'SELECT 1', 'postgres');
            """);

        var first = CliRun.Against(db, "apply", Bundle("1.0.0", "{ at: [\"06:00\", \"18:00\"] }"));
        Assert.AreEqual(ExitCodes.Success, first.ExitCode, first.ToString());
        StringAssert.Contains(first.Out, "Refresh schedules (pg_cron): 2 installed, 0 updated, 0 removed.");
        CollectionAssert.AreEqual(new[]
        {
            $"tenantmodels:{name}:acme:{Model}|0,15,30,45 * * * *|{name}",
            $"tenantmodels:{name}:globex:{Model}|0,15,30,45 * * * *|{name}",
        }, Jobs(db));
        StringAssert.Contains(Command(db, "acme"), "SET LOCAL statement_timeout = '30s';");
        StringAssert.Contains(Command(db, "acme"), "AT TIME ZONE 'Asia/Kolkata'");
        StringAssert.Contains(Command(db, "globex"), "AT TIME ZONE 'UTC'");

        var changed = CliRun.Against(db, "apply", Bundle("1.0.1", "\"07:10\""));
        Assert.AreEqual(ExitCodes.Success, changed.ExitCode, changed.ToString());
        StringAssert.Contains(changed.Out, "0 installed, 2 updated, 0 removed");
        CollectionAssert.AreEqual(new[]
        {
            $"tenantmodels:{name}:acme:{Model}|10,25,40,55 * * * *|{name}",
            $"tenantmodels:{name}:globex:{Model}|10,25,40,55 * * * *|{name}",
        }, Jobs(db));

        var removed = CliRun.Against(db, "apply", Bundle("1.0.2", null));
        Assert.AreEqual(ExitCodes.Success, removed.ExitCode, removed.ToString());
        StringAssert.Contains(removed.Out, "0 installed, 0 updated, 2 removed");
        Assert.AreEqual(0, Jobs(db).Length);
        Assert.AreEqual(2L, Db.Scalar<long>(SharedCronPostgres.Server.ConnectionString,
            $"SELECT count(*) FROM cron.job WHERE jobname IN ('nightly_vacuum', 'tenantmodels:other_db_{name}:acme:{Model}')"));
        Db.Execute(SharedCronPostgres.Server.ConnectionString, $"SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname IN ('nightly_vacuum', 'tenantmodels:other_db_{name}:acme:{Model}')");
    }

    [TestMethod]
    public void Reapplying_the_same_bundle_leaves_the_jobs_alone()
    {
        var db = Database(SharedCronPostgres.Server, "schedule_same");
        var bundle = Bundle("1.0.0", "\"06:00\"");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);
        var ids = Db.Rows(SharedCronPostgres.Server.ConnectionString, $"SELECT jobid FROM cron.job WHERE database = {Db.Literal(Name(db))} ORDER BY jobid");

        var again = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, again.ExitCode, again.ToString());
        Assert.IsFalse(again.Out.Contains("Refresh schedules"), again.Out);
        CollectionAssert.AreEqual(ids, Db.Rows(SharedCronPostgres.Server.ConnectionString, $"SELECT jobid FROM cron.job WHERE database = {Db.Literal(Name(db))} ORDER BY jobid"));
    }

    [TestMethod]
    public void A_jobs_command_refreshes_the_tenant_when_its_local_time_is_due_and_records_it()
    {
        // acme's local time now (Asia/Kolkata, +05:30) is the schedule's time; globex reads it in UTC, where it is not due.
        var now = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Kolkata").ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var db = Database(SharedCronPostgres.Server, "schedule_run");
        var applied = CliRun.Against(db, "apply", Bundle("1.0.0", $"\"{now}\""));
        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        Db.Execute(db, "INSERT INTO acme_raw_shop.orders VALUES (2, 20); INSERT INTO globex_raw_shop.orders VALUES (2, 20)");
        var refreshesBefore = Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.refresh");

        RunAsPgCron(db, Command(db, "acme"));
        RunAsPgCron(db, Command(db, "globex"));

        var acme = View("acme");
        var globex = View("globex");
        Assert.AreEqual(2L, Db.Scalar<long>(db, $"SELECT count(*) FROM {acme}"), "acme's job did not refresh its view");
        Assert.AreEqual(1L, Db.Scalar<long>(db, $"SELECT count(*) FROM {globex}"), "globex's job refreshed although its local time (UTC) is 5:30 away from the schedule's");
        Assert.AreEqual(0L, refreshesBefore);
        CollectionAssert.AreEqual(new[] { "acme" }, Db.Rows(db, "SELECT tenant_id FROM tenantmodels.refresh"));

        var status = CliRun.Against(db, "status", Bundle("1.0.0", $"\"{now}\""));
        Assert.AreEqual(ExitCodes.Success, status.ExitCode, status.ToString());
        StringAssert.Contains(status.Out, "Schedules: 2 job(s) in pg_cron (database postgres)");
        StringAssert.Contains(status.Out, "  acme (Asia/Kolkata): last refresh 20");
        StringAssert.Contains(status.Out, "  globex (UTC): last refresh never");
        StringAssert.Contains(status.Out, $"    {Model}: no run yet; next 20");
    }

    [TestMethod]
    public void A_job_that_runs_past_the_tenants_refresh_timeout_is_cancelled_and_records_nothing()
    {
        var now = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Kolkata").ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var db = Database(SharedCronPostgres.Server, "schedule_timeout");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", Bundle("1.0.0", $"\"{now}\"", acmeTimeout: "1s")).ExitCode);
        StringAssert.Contains(Command(db, "acme"), "SET LOCAL statement_timeout = '1s';");

        // The refresh waits for the raw table, held by another transaction, longer than acme's one second.
        (int ExitCode, string Error) run;
        using (new HeldTableLock(db, "acme_raw_shop.orders"))
        {
            run = TryAsPgCron(db, Command(db, "acme"));
        }

        Assert.AreNotEqual(0, run.ExitCode);
        StringAssert.Contains(run.Error, "canceling statement due to statement timeout");
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.refresh"), "a cancelled refresh was recorded");
    }

    [TestMethod]
    public void Provisioned_tenants_get_jobs_and_removed_ones_lose_them()
    {
        var db = Database(SharedCronPostgres.Server, "schedule_tenants");
        var name = Name(db);
        var bundle = Bundle("1.0.0", "\"06:00\"");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);

        var provisioned = CliRun.Against(db, "tenants", "provision", bundle, "tenant9", "--source", "shop");
        Assert.AreEqual(ExitCodes.Success, provisioned.ExitCode, provisioned.ToString());
        Assert.AreEqual(3, Jobs(db).Length);
        StringAssert.Contains(Command(db, "tenant9"), "AT TIME ZONE 'UTC'");

        var removed = CliRun.Against(db, "tenants", "remove", bundle, "tenant9", "--allow-data-loss");
        Assert.AreEqual(ExitCodes.Success, removed.ExitCode, removed.ToString());
        CollectionAssert.AreEqual(new[] { $"tenantmodels:{name}:acme:{Model}", $"tenantmodels:{name}:globex:{Model}" }, Jobs(db).Select(j => j.Split('|')[0]).ToArray());
    }

    [TestMethod]
    public void Without_pg_cron_the_objects_are_applied_and_TM3100_says_what_to_do()
    {
        var db = Database(SharedPostgres.Server, "schedule_no_cron");

        var applied = CliRun.Against(db, "apply", Bundle("1.0.0", "\"06:00\""));

        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        StringAssert.Contains(applied.Error, "tenantmodels: warning TM3100: the bundle schedules refreshes but pg_cron is not loaded");
        StringAssert.Contains(applied.Error, "shared_preload_libraries");
        Assert.AreEqual(1L, Db.Scalar<long>(db, $"SELECT count(*) FROM {View("acme")}"));
    }

    [TestMethod]
    public void When_pg_cron_refuses_the_jobs_the_objects_stay_applied_and_TM3101_says_so()
    {
        // A role that owns its database but was never granted pg_cron's schema: scheduling is refused (42501).
        var role = "deployer_" + Guid.NewGuid().ToString("N").Substring(0, 8);
        var admin = SharedCronPostgres.Server.ConnectionString;
        var db = Database(SharedCronPostgres.Server, "schedule_refused");
        Db.Execute(admin, $"CREATE ROLE {role} LOGIN; ALTER DATABASE \"{Name(db)}\" OWNER TO {role}");
        foreach (var tenant in new[] { "acme", "globex" })
        {
            Db.Execute(db, $"GRANT USAGE ON SCHEMA {tenant}_raw_shop TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA {tenant}_raw_shop TO {role}");
        }

        var asRole = new Npgsql.NpgsqlConnectionStringBuilder(db) { Username = role }.ConnectionString;
        var applied = CliRun.Against(asRole, "apply", Bundle("1.0.0", "\"06:00\""));

        Assert.AreEqual(ExitCodes.Failed, applied.ExitCode, applied.ToString());
        StringAssert.Contains(applied.Error, "error TM3101: the refresh jobs of " + Name(db) + " could not be installed in pg_cron with SQLSTATE 42501");
        Assert.AreEqual(1L, Db.Scalar<long>(db, $"SELECT count(*) FROM {View("acme")}"), "the objects were not applied");
        Assert.AreEqual(0, Jobs(db).Length);
    }

    /// <summary>A materialized view built from one source is the tenant's staging view of it.</summary>
    private static string View(string tenant) => $"\"{tenant}_stg_shop\".\"{Model}\"";
}
