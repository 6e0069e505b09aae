using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// <c>canonical: table</c> on a real PostgreSQL: one table, each tenant's rows filled by apply and refreshed by
/// <c>refresh</c> tenant by tenant, always exactly the rows of the view form (<c>call_v</c>, same mappings).
/// </summary>
[TestClass]
public sealed class CanonicalTableTests
{
    private static readonly string[] ThreeTenants = { "acme:outreach", "globex:salesloft", "initech:outreach+salesloft" };

    private static (string Db, string Bundle) Deployed(string name, params string[] tenants)
    {
        var db = SharedPostgres.Server.CreateDatabase(name);
        foreach (var tenant in tenants)
        {
            var id = tenant.Split(':')[0];
            foreach (var source in tenant.Split(':')[1].Split('+'))
            {
                Db.Execute(db, CanonicalProject.RawData(id, source, 1, 5));
            }
        }

        var bundle = HandBuiltBundles.WriteToTemp(CanonicalProject.Compile("1.0.0", tenants));
        var applied = CliRun.Against(db, "apply", bundle);
        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        return (db, bundle);
    }

    private static void AssertTableEqualsView(string db, string because)
    {
        var view = CanonicalProject.Rows(db, "call_v");
        Assert.AreNotEqual(0, view.Length, "the view form has no rows: the comparison would prove nothing");
        CollectionAssert.AreEqual(view, CanonicalProject.Rows(db, "call"), because);
    }

    [TestMethod]
    public void ApplyFillsEachTenantsRowsAndRefreshKeepsThemEqualToTheViewForm()
    {
        var (db, bundle) = Deployed("canon_rows", ThreeTenants);

        AssertTableEqualsView(db, "after apply");
        foreach (var tenant in new[] { "acme", "globex", "initech" })
        {
            CollectionAssert.AreEqual(CanonicalProject.Rows(db, "call_v", tenant), CanonicalProject.Rows(db, "call", tenant), tenant);
        }

        Assert.AreEqual(10, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call WHERE tenant_id = 'initech'"), "a tenant with two sources gets both sources' rows");
        // One plain table, no partition per tenant: an all-tenant query locks it and its indexes, whatever the tenants.
        Assert.AreEqual("r", Db.Scalar<char>(db, "SELECT relkind FROM pg_class WHERE oid = 'canonical.call'::regclass").ToString());
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM pg_class WHERE relnamespace = 'canonical'::regnamespace AND relname LIKE '%$%'"));

        Db.Execute(db, CanonicalProject.RawData("acme", "outreach", 100, 3) + CanonicalProject.RawData("globex", "salesloft", 100, 2)
            + "UPDATE initech_raw_salesloft.call SET user_id = 'changed' WHERE id = 1; DELETE FROM initech_raw_outreach.call WHERE id = 2;");
        CollectionAssert.AreNotEqual(CanonicalProject.Rows(db, "call_v"), CanonicalProject.Rows(db, "call"), "the table changed before a refresh");

        var refreshed = CliRun.Against(db, "refresh", bundle);

        Assert.AreEqual(ExitCodes.Success, refreshed.ExitCode, refreshed.ToString());
        AssertTableEqualsView(db, "after refresh (new, changed and deleted raw rows)");
        var acme = refreshed.Out.IndexOf("refreshed tenant acme", StringComparison.Ordinal);
        var globex = refreshed.Out.IndexOf("refreshed tenant globex", StringComparison.Ordinal);
        var initech = refreshed.Out.IndexOf("refreshed tenant initech", StringComparison.Ordinal);
        Assert.IsTrue(acme >= 0 && globex > acme && initech > globex, "tenants must be refreshed in priority order:\n" + refreshed.Out);
        StringAssert.Contains(refreshed.Out, "canonical table partition(s)");

        var again = CliRun.Against(db, "apply", bundle);
        Assert.AreEqual(ExitCodes.Success, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Out, "Nothing to apply");
        var verify = CliRun.Against(db, "verify", bundle);
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.ToString());
    }

    [TestMethod]
    public void ANewTenantGetsItsRowsOnApplyAndARemovedTenantsRowsNeedTheDataLossFlag()
    {
        var (db, _) = Deployed("canon_tenants", ThreeTenants);
        Db.Execute(db, CanonicalProject.RawData("hooli", "outreach", 1, 4));

        var withHooli = HandBuiltBundles.WriteToTemp(CanonicalProject.Compile("1.1.0", ThreeTenants.Append("hooli:outreach").ToArray()));
        var added = CliRun.Against(db, "apply", withHooli, "--json");

        Assert.AreEqual(ExitCodes.Success, added.ExitCode, added.ToString());
        var steps = JsonDocument.Parse(added.Out).RootElement.GetProperty("steps").EnumerateArray()
            .Select(s => s.GetProperty("artefact").GetString() + "@" + (s.TryGetProperty("tenant", out var t) ? t.GetString() : "-")).ToList();
        Assert.IsTrue(steps.Contains("canonical_partition.call@hooli"), string.Join("\n", steps));
        Assert.IsFalse(steps.Any(s => s.StartsWith("canonical_partition.", StringComparison.Ordinal) && !s.EndsWith("@hooli", StringComparison.Ordinal)),
            "adding a tenant must not touch the other tenants' rows:\n" + string.Join("\n", steps));
        Assert.AreEqual(4L, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call WHERE tenant_id = 'hooli'"));
        AssertTableEqualsView(db, "after adding a tenant");

        var withoutGlobex = HandBuiltBundles.WriteToTemp(CanonicalProject.Compile("1.2.0", "acme:outreach", "initech:outreach+salesloft", "hooli:outreach"));
        var refused = CliRun.Against(db, "apply", withoutGlobex);

        Assert.AreEqual(ExitCodes.Refused, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "TM3009");
        StringAssert.Contains(refused.Error, "partition \"canonical\".\"call\" of tenant globex");
        Assert.AreEqual(5L, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call WHERE tenant_id = 'globex'"), "a refused apply changed the tenant's rows");

        var removed = CliRun.Against(db, "apply", withoutGlobex, "--allow-data-loss");

        Assert.AreEqual(ExitCodes.Success, removed.ExitCode, removed.ToString());
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call WHERE tenant_id = 'globex'"), "the removed tenant's rows are still there");
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call_inc WHERE tenant_id = 'globex'"));
        AssertTableEqualsView(db, "after removing a tenant");
    }

    [TestMethod]
    public void AColumnChangeAltersTheCanonicalTableAndRefillsEachTenantWithoutDataLoss()
    {
        var (db, _) = Deployed("canon_column", ThreeTenants);
        var changed = HandBuiltBundles.WriteToTemp(CanonicalProject.Compile("1.1.0", withChannel: true, ThreeTenants));

        var plan = CliRun.Against(db, "plan", changed);
        var applied = CliRun.Against(db, "apply", changed);

        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        StringAssert.Contains(plan.Out, "ALTER TABLE \"canonical\".\"call\" ADD COLUMN IF NOT EXISTS \"channel\" text");
        Assert.IsFalse(System.Text.RegularExpressions.Regex.IsMatch(plan.Out, @"^-- canonical_(table|partition)\.call\b.*\[drop", System.Text.RegularExpressions.RegexOptions.Multiline),
            "the table or a tenant's rows were dropped for a column change:\n" + plan.Out);
        StringAssert.Contains(plan.Out, "-- canonical_partition.call (tenant acme) [");
        CollectionAssert.AreEqual(
            Db.Rows(db, "SELECT tenant_id, channel, count(*) FROM canonical.call_v GROUP BY 1, 2 ORDER BY 1, 2"),
            Db.Rows(db, "SELECT tenant_id, channel, count(*) FROM canonical.call GROUP BY 1, 2 ORDER BY 1, 2"));
        CollectionAssert.AreEqual(new[] { "acme|email|5", "globex|phone|5", "initech|email|5", "initech|phone|5" },
            Db.Rows(db, "SELECT tenant_id, channel, count(*) FROM canonical.call GROUP BY 1, 2 ORDER BY 1, 2"));
        AssertTableEqualsView(db, "after the column change");
        var verify = CliRun.Against(db, "verify", changed);
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.ToString());
    }

    [TestMethod]
    public void ACanonicalViewSwitchedToTheTableFormKeepsItsNameAndRows()
    {
        var (db, _) = Deployed("canon_switch", ThreeTenants);
        var before = CanonicalProject.Rows(db, "call_v");
        var switched = HandBuiltBundles.WriteToTemp(CanonicalProject.Compile("1.1.0", false, "table", ThreeTenants));

        var applied = CliRun.Against(db, "apply", switched);

        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        Assert.AreEqual("r", Db.Scalar<char>(db, "SELECT relkind FROM pg_class WHERE oid = 'canonical.call_v'::regclass").ToString());
        CollectionAssert.AreEqual(before, CanonicalProject.Rows(db, "call_v"));
        StringAssert.Contains(CliRun.Against(db, "apply", switched).Out, "Nothing to apply");
    }

    [TestMethod]
    public void ATenantProvisionedAtRunTimeGetsItsRowsAndIsRefreshed()
    {
        var (db, bundle) = Deployed("canon_provision", ThreeTenants);
        Db.Execute(db, CanonicalProject.RawData("signup", "salesloft", 1, 3));

        var provisioned = CliRun.Against(db, "tenants", "provision", bundle, "signup", "--source", "salesloft");

        Assert.AreEqual(ExitCodes.Success, provisioned.ExitCode, provisioned.ToString());
        Assert.AreEqual(3L, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call WHERE tenant_id = 'signup'"));
        AssertTableEqualsView(db, "after provisioning");

        Db.Execute(db, CanonicalProject.RawData("signup", "salesloft", 10, 2));
        var refreshed = CliRun.Against(db, "refresh", bundle, "--tenant", "signup");

        Assert.AreEqual(ExitCodes.Success, refreshed.ExitCode, refreshed.ToString());
        Assert.AreEqual(5L, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call WHERE tenant_id = 'signup'"));
        AssertTableEqualsView(db, "after refreshing the run-time tenant");
    }

    [TestMethod]
    public void AFailingTenantKeepsItsPreviousRowsAndTheOthersAreRefreshed()
    {
        var (db, bundle) = Deployed("canon_failure", ThreeTenants);
        var globexBefore = CanonicalProject.Rows(db, "call", "globex");
        Db.Execute(db, CanonicalProject.RawData("acme", "outreach", 100, 2)
            + "INSERT INTO globex_raw_salesloft.call VALUES (100, 'not a timestamp', 'x', 'y');"
            + CanonicalProject.RawData("initech", "outreach", 100, 2));

        var result = CliRun.Against(db, "refresh", bundle, "--json");

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "TM3016");
        StringAssert.Contains(result.Error, "tenant globex");
        CollectionAssert.AreEqual(globexBefore, CanonicalProject.Rows(db, "call", "globex"), "the failed tenant lost its previous rows");
        CollectionAssert.AreEqual(CanonicalProject.Rows(db, "call_v", "acme"), CanonicalProject.Rows(db, "call", "acme"), "acme (before the failure) was not refreshed");
        CollectionAssert.AreEqual(CanonicalProject.Rows(db, "call_v", "initech"), CanonicalProject.Rows(db, "call", "initech"), "initech (after the failure) was not refreshed");
        var units = JsonDocument.Parse(result.Out).RootElement.GetProperty("units").EnumerateArray()
            .Select(u => u.GetProperty("tenant").GetString() + ":" + u.GetProperty("status").GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { "acme:refreshed", "globex:failed", "initech:refreshed" }, units);
    }

    [TestMethod]
    public void ConcurrentReadersNeverSeeAnEmptyOrDoubledTenantDuringRefresh()
    {
        var (db, bundle) = Deployed("canon_readers", ThreeTenants);
        var expectedTenant = Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call WHERE tenant_id = 'initech'");
        var expectedAll = Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call");
        Assert.AreEqual(10L, expectedTenant);
        var seen = new ConcurrentBag<(long Tenant, long All)>();
        using var done = new ManualResetEventSlim(false);
        var reader = new Thread(() =>
        {
            using var connection = new NpgsqlConnection(db);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT (SELECT count(*) FROM canonical.call WHERE tenant_id = 'initech'), (SELECT count(*) FROM canonical.call)", connection);

            // Reads until the refreshes are over, then once more: at least one read whatever the scheduling.
            do
            {
                using var row = command.ExecuteReader();
                row.Read();
                seen.Add((row.GetInt64(0), row.GetInt64(1)));
            }
            while (!done.IsSet);
        });
        reader.Start();
        for (var i = 0; i < 15; i++)
        {
            var refreshed = CliRun.Against(db, "refresh", bundle);
            Assert.AreEqual(ExitCodes.Success, refreshed.ExitCode, refreshed.ToString());
        }

        done.Set();
        reader.Join();

        Assert.IsTrue(seen.Count > 0);
        var wrong = seen.Where(s => s.Tenant != expectedTenant || s.All != expectedAll).ToList();
        Assert.AreEqual(0, wrong.Count, $"{wrong.Count} of {seen.Count} reads saw a tenant empty or doubled, e.g. {wrong.FirstOrDefault()}");
    }

    [TestMethod]
    public void AWatermarkRefreshReadsOnlyRowsAtOrPastTheHighestWatermark()
    {
        var (db, bundle) = Deployed("canon_watermark", "acme:outreach");
        Assert.AreEqual(5L, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call_inc"));

        // Row 3 changes below the watermark (5): an incremental refresh does not read it again; rows 6 and 7 are new.
        Db.Execute(db, "UPDATE acme_raw_outreach.call SET relationship_user_id = 'late change' WHERE id = 3;"
            + "UPDATE acme_raw_outreach.call SET relationship_user_id = 'at the mark' WHERE id = 5;"
            + CanonicalProject.RawData("acme", "outreach", 6, 2));

        var refreshed = CliRun.Against(db, "refresh", bundle);

        Assert.AreEqual(ExitCodes.Success, refreshed.ExitCode, refreshed.ToString());
        CollectionAssert.AreEqual(
            new[] { "1|u1", "2|u2", "3|u0", "4|u1", "5|at the mark", "6|u0", "7|u1" },
            Db.Rows(db, "SELECT call_id, user_id FROM canonical.call_inc ORDER BY call_id"),
            "new rows and the row at the watermark are read, an older row is not");
        CollectionAssert.AreEqual(CanonicalProject.Rows(db, "call_v"), CanonicalProject.Rows(db, "call"), "the full-refresh table sees every change");
    }

    [TestMethod]
    public void RefreshWithATargetMapRefreshesEveryDatabase()
    {
        var a = SharedPostgres.Server.CreateDatabase("canon_map_a");
        var b = SharedPostgres.Server.CreateDatabase("canon_map_b");
        Db.Execute(a, CanonicalProject.RawData("acme", "outreach", 1, 3));
        Db.Execute(b, CanonicalProject.RawData("globex", "salesloft", 1, 3));
        var map = Path.Combine(CliRun.TempDirectory(), "targets.json");
        File.WriteAllText(map, JsonSerializer.Serialize(new
        {
            targets = new { a = new { connection = a }, b = new { connection = b } },
            tenants = new { acme = "a", globex = "b" },
        }));
        var bundle = HandBuiltBundles.WriteToTemp(CanonicalProject.Compile("1.0.0", "acme:outreach", "globex:salesloft"));
        var applied = CliRun.Run(null, "apply", bundle, "--targets", map);
        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        Db.Execute(a, CanonicalProject.RawData("acme", "outreach", 10, 2));
        Db.Execute(b, CanonicalProject.RawData("globex", "salesloft", 10, 4));

        var refreshed = CliRun.Run(null, "refresh", bundle, "--targets", map, "--parallel", "2", "--json");

        Assert.AreEqual(ExitCodes.Success, refreshed.ExitCode, refreshed.ToString());
        var targets = JsonDocument.Parse(refreshed.Out).RootElement.GetProperty("targets").EnumerateArray()
            .Select(t => t.GetProperty("target").GetString() + ":" + t.GetProperty("status").GetString() + ":"
                + string.Join(",", t.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("tenant").GetString())))
            .OrderBy(s => s, StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[] { "a:refreshed:acme", "b:refreshed:globex" }, targets);
        Assert.AreEqual(5L, Db.Scalar<long>(a, "SELECT count(*) FROM canonical.call"));
        Assert.AreEqual(7L, Db.Scalar<long>(b, "SELECT count(*) FROM canonical.call"));
        CollectionAssert.AreEqual(CanonicalProject.Rows(b, "call_v"), CanonicalProject.Rows(b, "call"));
    }
}
