using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Runner.Database;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary><c>apply</c> on a real PostgreSQL with a hand-built CallAnalytics bundle; every test has its own database.</summary>
[TestClass]
public sealed class ApplyTests
{
    private static string NewDatabase(string name)
    {
        var connection = SharedPostgres.Server.CreateDatabase(name);
        CallAnalyticsData.CreateRawSchemas(connection);
        return connection;
    }

    [TestMethod]
    public void ApplyBuildsEveryViewWithExactRowsAndReapplyRunsNoDdl()
    {
        var db = NewDatabase("apply_exact");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        Db.InstallDdlLog(db);

        var first = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, first.ExitCode, first.ToString());
        StringAssert.Contains(first.Out, "Applied 8 step(s): the database now matches CallAnalytics 1.0.0.");
        AssertSampleViews(db);
        var ddlAfterFirst = Db.DdlCount(db);
        Assert.IsTrue(ddlAfterFirst > 0, "the event trigger must see the first apply's DDL, or the no-DDL check below proves nothing");

        var second = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, second.ExitCode, second.ToString());
        var lines = second.Out.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        Assert.AreEqual(2, lines.Length, second.Out);
        Assert.AreEqual("Nothing to apply: the database matches CallAnalytics 1.0.0.", lines[0]);
        StringAssert.EndsWith(lines[1], ": 0 applied, 0 failed, 0 skipped, 5 up-to-date.", "the closing summary");
        Assert.AreEqual(ddlAfterFirst, Db.DdlCount(db), "re-applying the same bundle ran DDL");
        Assert.AreEqual(1L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.deployment"));
        AssertSampleViews(db);
    }

    /// <summary>The exact rows and column types of every staging view and of canonical.call; shared with the compiled-sample test.</summary>
    internal static void AssertSampleViews(string db)
    {
        foreach (var (tenant, source, rows) in new[] { (Javi, "outreach", JaviRows), (Acme, "outreach", AcmeRows), (Pablo, "salesloft", PabloRows) })
        {
            var schema = $"{tenant}_stg_{source}";
            CollectionAssert.AreEqual(Columns, Db.Columns(db, schema, "call"), schema);
            CollectionAssert.AreEqual(rows, Db.Rows(db, $"SELECT * FROM \"{schema}\".call ORDER BY call_id"), schema);
        }

        CollectionAssert.AreEqual(CanonicalColumns, Db.Columns(db, "canonical", "call"));
        CollectionAssert.AreEqual(CanonicalRows, Db.Rows(db, "SELECT * FROM canonical.call ORDER BY tenant_id, call_id"));
    }

    [TestMethod]
    public void RecordHoldsEveryInstanceButNotWhatTheDatabaseTells()
    {
        var db = NewDatabase("apply_record");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);

        CollectionAssert.AreEqual(
            new[]
            {
                "canonical_schema||1.0.0", "canonical_view.call||1.0.0",
                $"staging_schema.outreach|{Acme}|1.0.0", $"staging_schema.outreach|{Javi}|1.0.0",
                $"staging_schema.salesloft|{Pablo}|1.0.0",
                $"staging_view.outreach.call|{Acme}|1.0.0", $"staging_view.outreach.call|{Javi}|1.0.0",
                $"staging_view.salesloft.call|{Pablo}|1.0.0",
            },
            Db.Rows(db, "SELECT artefact_id, tenant_id, bundle_version FROM tenantmodels.deployed_artefact ORDER BY 1, 2"));
        var definition = Db.Scalar<string>(db, $"SELECT definition FROM tenantmodels.deployed_artefact WHERE artefact_id = 'staging_schema.outreach' AND tenant_id = '{Acme}'");
        Assert.AreEqual(string.Empty, definition, "a schema's SQL is in the bundle and the schema in the catalog: the record keeps neither");
    }

    /// <summary>The record is sent as JSON: a view with quotes, backslashes, markup and non-ASCII text is recorded with its catalog snapshot.</summary>
    [TestMethod]
    public void RecordKeepsTheCatalogSnapshotOfEachViewWhateverItsText()
    {
        var db = NewDatabase("apply_record_text");
        const string literal = "'é \"q\" \\ <&> ☃ ' || \"call\".\"disposition\"";
        var view = HandBuiltBundles.SalesloftView(literal);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("1.0.0", view));

        var apply = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        var recorded = Db.Scalar<string>(db, "SELECT definition FROM tenantmodels.deployed_artefact WHERE artefact_id = 'staging_view.salesloft.call'");
        Assert.AreEqual(string.Empty, recorded, "a view's text is the bundle's; what the record keeps of it is the catalog snapshot");
        CollectionAssert.AreEqual(
            new[] { $"staging_view.outreach.call|{Acme}|yes", $"staging_view.outreach.call|{Javi}|yes", $"staging_view.salesloft.call|{Pablo}|yes", "canonical_view.call||yes" }.OrderBy(r => r, System.StringComparer.Ordinal).ToArray(),
            Db.Rows(db, "SELECT d.artefact_id, d.tenant_id, CASE WHEN d.catalog_definition = 'rule:' || r.xmin::text AND d.catalog_columns LIKE '%call_id%' THEN 'yes' ELSE 'no' END FROM tenantmodels.deployed_artefact d JOIN pg_rewrite r ON r.ev_class = to_regclass(d.object_name) WHERE d.kind = 'view' ORDER BY d.artefact_id COLLATE \"C\", d.tenant_id COLLATE \"C\""),
            "every view's snapshot (its query tree's version) is taken by the server in the unit's record");
        CollectionAssert.AreEqual(new[] { "NULL" }, Db.Rows(db, $"SELECT catalog_columns FROM tenantmodels.deployed_artefact WHERE artefact_id = 'staging_schema.outreach' AND tenant_id = '{Acme}'"), "a schema has no relation to snapshot");

        var verify = CliRun.Against(db, "verify", bundle);
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.ToString());
    }

    [TestMethod]
    public void ChangedTemplateIsReappliedOnlyWhereItApplies()
    {
        var db = NewDatabase("apply_changed");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics())).ExitCode);
        var v2 = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("1.1.0", HandBuiltBundles.SalesloftView("upper(\"call\".\"disposition\")")));

        var plan = CliRun.Against(db, "plan", v2);

        Assert.AreEqual(ExitCodes.Success, plan.ExitCode, plan.ToString());
        var headers = plan.Out.Split('\n').Where(l => l.StartsWith("-- ", System.StringComparison.Ordinal) && l.EndsWith(']')).ToArray();
        CollectionAssert.AreEqual(new[] { $"-- staging_view.salesloft.call (tenant {Pablo}) [changed]" }, headers, plan.Out);

        var apply = CliRun.Against(db, "apply", v2);

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        CollectionAssert.AreEqual(
            new[] { "30|CONNECTED", "31|LEFT VOICEMAIL" },
            Db.Rows(db, $"SELECT call_id, call_disposition_name FROM \"{Pablo}_stg_salesloft\".call ORDER BY 1"));
        Assert.AreEqual(2L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.deployment"));
        Assert.AreEqual("1.1.0", Db.Scalar<string>(db, $"SELECT bundle_version FROM tenantmodels.deployed_artefact WHERE artefact_id = 'staging_view.salesloft.call'"));
        Assert.AreEqual("1.0.0", Db.Scalar<string>(db, $"SELECT bundle_version FROM tenantmodels.deployed_artefact WHERE artefact_id = 'staging_view.outreach.call' AND tenant_id = '{Javi}'"));
    }

    [TestMethod]
    public void TenantWhoseRawSchemaIsMissingFailsAloneAndTheUnionLeavesItOut()
    {
        var db = SharedPostgres.Server.CreateDatabase("apply_fails");
        CallAnalyticsData.CreateRawSchemas(db, includeAcme: false);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        var result = CliRun.Against(db, "apply", bundle, "--json");

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"error TM3005: artefact 'staging_view.outreach.call' (tenant {Acme}) failed with SQLSTATE 42P01");
        StringAssert.Contains(result.Error, $"error TM3015: 1 of 5 transaction(s) failed; rolled back: tenant {Acme}; everything else was applied");
        using var json = JsonDocument.Parse(result.Out);
        Assert.AreEqual("partial", json.RootElement.GetProperty("status").GetString());
        var diagnostic = json.RootElement.GetProperty("diagnostics")[0];
        Assert.AreEqual(Acme, diagnostic.GetProperty("tenant").GetString());
        Assert.AreEqual(PostgresErrorCodes.UndefinedTable, diagnostic.GetProperty("sqlState").GetString());
        var units = json.RootElement.GetProperty("units").EnumerateArray().Select(u => $"{u.GetProperty("unit").GetString()}:{(u.TryGetProperty("tenant", out var t) ? t.GetString() : "-")}:{u.GetProperty("status").GetString()}").ToArray();
        CollectionAssert.AreEqual(new[] { "global:-:applied", $"tenant:{Javi}:applied", $"tenant:{Pablo}:applied", $"tenant:{Acme}:failed", "union:-:applied" }, units);
        // Acme's schema, created by the step before the one that failed, went with its transaction's rollback.
        Assert.IsFalse(Db.SchemaExists(db, $"{Acme}_stg_outreach"));
        Assert.AreEqual(0L, Db.Scalar<long>(db, $"SELECT count(*) FROM tenantmodels.deployed_artefact WHERE tenant_id = '{Acme}'"));
        CollectionAssert.AreEqual(
            CanonicalRows.Where(r => !r.EndsWith(Acme, System.StringComparison.Ordinal)).ToArray(),
            Db.Rows(db, "SELECT * FROM canonical.call ORDER BY tenant_id, call_id"));

        // Once the raw data lands, the next apply adds just that tenant and puts it back into the union.
        CallAnalyticsData.CreateAcmeRawSchema(db);
        var retry = CliRun.Against(db, "apply", bundle);
        Assert.AreEqual(ExitCodes.Success, retry.ExitCode, retry.ToString());
        AssertSampleViews(db);
    }

    [TestMethod]
    public void PlanPrintsTheExactSqlAndChangesNothing()
    {
        var db = NewDatabase("plan_only");
        Db.InstallDdlLog(db);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        var result = CliRun.Against(db, "plan", bundle);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        var expectedView = HandBuiltBundles.OutreachView.Replace("{{tenant}}", Acme).TrimEnd('\n');
        StringAssert.Contains(result.Out, $"-- staging_view.outreach.call (tenant {Acme}) [new]\n{expectedView}\n");
        StringAssert.Contains(result.Out, "-- canonical_schema [new]\nCREATE SCHEMA IF NOT EXISTS \"canonical\";\n");
        Assert.AreEqual(0L, Db.DdlCount(db), "plan must not change the database");
        Assert.IsFalse(Db.SchemaExists(db, "tenantmodels"));
    }

    [TestMethod]
    public void PlanAfterApplySaysNoChanges()
    {
        var db = NewDatabase("plan_after");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);

        var result = CliRun.Against(db, "plan", bundle);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        Assert.AreEqual("No changes: the database matches CallAnalytics 1.0.0.\n", result.Out);
    }

    [TestMethod]
    public void ApplyJsonListsTheStepsItRan()
    {
        var db = NewDatabase("apply_json");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        var result = CliRun.Against(db, "apply", bundle, "--json");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.AreEqual("applied", json.RootElement.GetProperty("status").GetString());
        Assert.AreEqual(0, json.RootElement.GetProperty("exitCode").GetInt32());
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.AreEqual(8, steps.Count);
        Assert.AreEqual("canonical_schema", steps[0].GetProperty("artefact").GetString());
        Assert.IsFalse(steps[0].TryGetProperty("tenant", out _), "global steps carry no tenant");
        Assert.AreEqual("staging_schema.outreach", steps[1].GetProperty("artefact").GetString());
        Assert.AreEqual(Javi, steps[1].GetProperty("tenant").GetString());
        Assert.AreEqual("new", steps[1].GetProperty("reason").GetString());
        Assert.AreEqual("canonical_view.call", steps[^1].GetProperty("artefact").GetString());
        Assert.AreEqual(5, json.RootElement.GetProperty("units").GetArrayLength());
    }

    [TestMethod]
    public void SecondRunnerIsRefusedWhileTheLockIsHeldAndProceedsAfter()
    {
        var db = NewDatabase("apply_locked");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        // Unpooled: closing must end the session (and its lock), not park it in a pool still holding the lock.
        // Any role may take an advisory lock (a tenant login too): the refusal names the session so it can be ended.
        using (var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Pooling = false, ApplicationName = "squatter" }.ConnectionString))
        {
            holder.Open();
            using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", holder))
            {
                take.Parameters.AddWithValue(DeploymentLock.InitialKey);
                take.ExecuteScalar();
            }

            var refused = CliRun.Against(db, "apply", bundle, "--lock-wait", "1");

            Assert.AreEqual(ExitCodes.LockNotAcquired, refused.ExitCode, refused.ToString());
            StringAssert.Contains(refused.Error, $"error TM3004: the deployment lock on database '{holder.Database}' is held by role '");
            StringAssert.Contains(refused.Error, $"(pid {holder.ProcessID}, application 'squatter', connected at ");
            StringAssert.Contains(refused.Error, $"which is not a TenantModels runner: while it holds the lock no deployment can run (end it with SELECT pg_terminate_backend({holder.ProcessID}))");
            Assert.IsFalse(Db.SchemaExists(db, "tenantmodels"), "a refused apply must change nothing");
        }

        var after = CliRun.Against(db, "apply", bundle, "--lock-wait", "1");

        Assert.AreEqual(ExitCodes.Success, after.ExitCode, after.ToString());
    }

    [TestMethod]
    public void TwoConcurrentAppliesDeployOnceAndBothSucceed()
    {
        var db = NewDatabase("apply_concurrent");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        // The lock serialises them: whichever runs second waits, then plans against the first one's record.
        var runs = new[] { 0, 1 }.AsParallel().WithDegreeOfParallelism(2)
            .Select(_ => CliRun.Against(db, "apply", bundle, "--lock-wait", "30"))
            .ToArray();

        Assert.IsTrue(runs.All(r => r.ExitCode == ExitCodes.Success), string.Join("\n", runs.Select(r => r.ToString())));
        Assert.AreEqual(1, runs.Count(r => r.Out.Contains("Applied 8 step(s)", System.StringComparison.Ordinal)), string.Join("\n", runs.Select(r => r.ToString())));
        Assert.AreEqual(1, runs.Count(r => r.Out.Contains("Nothing to apply", System.StringComparison.Ordinal)));
        Assert.AreEqual(1L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.deployment"));
        AssertSampleViews(db);
    }

    [TestMethod]
    public void StatusReportsDeployedVersionTenantsAndPendingSteps()
    {
        var db = NewDatabase("status");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        var before = CliRun.Against(db, "status", bundle);
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);
        var after = CliRun.Against(db, "status", bundle);

        Assert.AreEqual(ExitCodes.Success, before.ExitCode, before.ToString());
        StringAssert.Contains(before.Out, "Deployed: nothing yet");
        StringAssert.Contains(before.Out, "Pending:  8 step(s)");
        StringAssert.Contains(after.Out, "Deployed: CallAnalytics 1.0.0 at ");
        StringAssert.Contains(after.Out, $"Tenants:  {Acme}, {Javi}, {Pablo}");
        StringAssert.Contains(after.Out, "Pending:  none");
    }
}
