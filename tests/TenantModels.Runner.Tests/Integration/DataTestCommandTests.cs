using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary><c>tenantmodels test</c>: a bundle's data tests run per tenant on a real PostgreSQL, read-only.</summary>
[TestClass]
public sealed class DataTestCommandTests
{
    private const string Settings = """
        tests: [canonical_tenants]
        """;

    /// <summary>acme runs first (priority 1), then globex; initech is premium.</summary>
    private const string Tenants = """
        tenants:
          - { id: globex, priority: 2 }
          - { id: acme, priority: 1 }
          - { id: initech, priority: 3, tier: premium }
        """;

    private const string Customers = """
        model: customers
        materialized: table
        columns:
          customer_id: { type: integer, nullable: false }
        primary_key: [customer_id]
        """;

    private const string Orders = """
        model: orders
        materialized: table
        columns:
          order_id: { type: integer, nullable: false, tests: [unique] }
          customer_id:
            type: integer
            tests:
              - relationships: { to: customers }
          status:
            type: text
            tests:
              - not_null
              - accepted_values: { values: [open, shipped] }
          amount:
            type: numeric(10,2)
            tests:
              - expression: "amount >= 0"
        primary_key: [order_id]
        tests:
          - row_count: { max: 3 }
        """;

    private const string Totals = """
        model: order_totals
        columns:
          orders: bigint
        sql: "select count(*) as orders from {{ ref('orders') }}"
        canonical: true
        """;

    private static string Bundle()
    {
        var files = new[]
        {
            ("tenantmodels.yaml", Settings), ("tenants.yaml", Tenants), ("models/customers.yaml", Customers),
            ("models/orders.yaml", Orders), ("models/order_totals.yaml", Totals),
        };
        var result = ModelProjectCompiler.Compile(new ProjectInput("Shop", "1.0.0", files.Select(f => new DefinitionFile(f.Item1, f.Item1, f.Item2)).ToList()));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        return HandBuiltBundles.WriteToTemp(result.Bundle!);
    }

    /// <summary>A database with the bundle applied: acme's and initech's rows pass every test, globex's fail four of them.</summary>
    private static (string Db, string Bundle) Deployed(string name)
    {
        var db = SharedPostgres.Server.CreateDatabase(name);
        var bundle = Bundle();
        var apply = CliRun.Against(db, "apply", bundle);
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        foreach (var tenant in new[] { "acme", "initech" })
        {
            Db.Execute(db, $"""
                INSERT INTO tenant_{tenant}.customers VALUES (1), (2);
                INSERT INTO tenant_{tenant}.orders VALUES (10, 1, 'open', 5.00), (11, 2, 'shipped', 0), (12, NULL, 'open', 1.50);
                """);
        }

        Db.Execute(db, """
            INSERT INTO tenant_globex.customers VALUES (1);
            INSERT INTO tenant_globex.orders VALUES (10, 1, 'open', 5.00), (11, 7, 'lost', -1), (12, 1, NULL, 2), (13, 8, 'open', 1);
            """);
        return (db, bundle);
    }

    private static JsonElement[] Tests(CliResult result) =>
        JsonDocument.Parse(result.Out).RootElement.GetProperty("tests").EnumerateArray().ToArray();

    [TestMethod]
    public void FailingRowsAreReportedPerTenantWithSamplesAndExit9()
    {
        var (db, bundle) = Deployed("datatest_fail");

        var run = CliRun.Against(db, "test", bundle);

        Assert.AreEqual(ExitCodes.TestsFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "TM3090: 5 data test run(s) failed for 1 tenant(s): globex", run.ToString());
        StringAssert.Matches(run.Out, new System.Text.RegularExpressions.Regex(@"globex\s+orders\.customer_id\.relationships\s+failed\s+2\s+models/orders\.yaml:\d+:\d+"), run.ToString());
        StringAssert.Contains(run.Out, "    {\"order_id\":11,\"customer_id\":7,\"status\":\"lost\",\"amount\":-1.00}", run.ToString());
        StringAssert.Contains(run.Out, "globex orders.row_count", run.ToString());
        StringAssert.Contains(run.Out, "    {\"row_count\":4}", run.ToString());
        Assert.IsFalse(run.Out.Contains("\nacme ", System.StringComparison.Ordinal), "a passing tenant is listed among the failures:\n" + run.Out);
        StringAssert.Contains(run.Out, "16 of 21 data test run(s) passed for 3 tenant(s).", run.ToString());
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction' AND datname = current_database()"));
    }

    [TestMethod]
    public void JsonListsEveryRunInPriorityOrderWithCountsAndSamples()
    {
        var (db, bundle) = Deployed("datatest_json");

        var run = CliRun.Against(db, "test", bundle, "--json", "--samples", "1", "--jobs", "2");

        Assert.AreEqual(ExitCodes.TestsFailed, run.ExitCode, run.ToString());
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.AreEqual(1, root.GetProperty("formatVersion").GetInt32());
        Assert.AreEqual("test", root.GetProperty("command").GetString());
        Assert.AreEqual("failed", root.GetProperty("status").GetString());
        Assert.AreEqual(9, root.GetProperty("exitCode").GetInt32());
        var tests = Tests(run);
        CollectionAssert.AreEqual(new[] { "acme", "globex", "initech" }, tests.Select(t => t.GetProperty("tenant").GetString()).Distinct().ToArray(),
            "tenants run by priority, and --jobs keeps that order");
        var relationships = tests.Single(t => t.GetProperty("tenant").GetString() == "globex" && t.GetProperty("test").GetString() == "orders.customer_id.relationships");
        Assert.AreEqual("failed", relationships.GetProperty("status").GetString());
        Assert.AreEqual(2L, relationships.GetProperty("failing").GetInt64());
        Assert.AreEqual(1, relationships.GetProperty("samples").GetArrayLength(), "--samples 1");
        Assert.AreEqual("relationships", relationships.GetProperty("kind").GetString());
        StringAssert.StartsWith(relationships.GetProperty("definedAt").GetString(), "models/orders.yaml:");
        var accepted = tests.Single(t => t.GetProperty("tenant").GetString() == "globex" && t.GetProperty("test").GetString() == "orders.status.accepted_values");
        Assert.AreEqual(1L, accepted.GetProperty("failing").GetInt64(), "NULL passes accepted_values (not_null is its own test)");
        Assert.IsTrue(tests.Where(t => t.GetProperty("tenant").GetString() != "globex").All(t => t.GetProperty("status").GetString() == "passed"), run.Out);
        Assert.AreEqual("TM3090", root.GetProperty("diagnostics")[0].GetProperty("code").GetString());

        var counted = CliRun.Against(db, "test", bundle, "--json", "--samples", "0", "--tenant", "globex");
        var unsampled = Tests(counted).Single(t => t.GetProperty("test").GetString() == "orders.customer_id.relationships");
        Assert.AreEqual(2L, unsampled.GetProperty("failing").GetInt64(), "--samples 0 still counts the failing rows");
        Assert.IsFalse(unsampled.TryGetProperty("samples", out _), counted.Out);
    }

    [TestMethod]
    public void SelectedTenantsAloneAreTestedAndAPassingRunExits0()
    {
        var (db, bundle) = Deployed("datatest_select");

        var acme = CliRun.Against(db, "test", bundle, "--tenant", "acme", "--json");
        var premium = CliRun.Against(db, "test", bundle, "--tier", "premium");

        Assert.AreEqual(ExitCodes.Success, acme.ExitCode, acme.ToString());
        Assert.AreEqual("passed", JsonDocument.Parse(acme.Out).RootElement.GetProperty("status").GetString());
        CollectionAssert.AreEqual(new[] { "acme" }, Tests(acme).Select(t => t.GetProperty("tenant").GetString()).Distinct().ToArray());
        Assert.AreEqual(7, Tests(acme).Length, "six model tests and the canonical check");
        Assert.AreEqual(ExitCodes.Success, premium.ExitCode, premium.ToString());
        StringAssert.Contains(premium.Out, "All 7 data test run(s) passed for 1 tenant(s) of Shop 1.0.0.", premium.ToString());
    }

    [TestMethod]
    public void ATenantLeftOutOfTheCanonicalViewFailsTheCanonicalTenantsCheck()
    {
        var (db, bundle) = Deployed("datatest_canonical");

        // As a failed apply can leave it: the union over the tenants that were ready, without globex.
        Db.Execute(db, """
            CREATE OR REPLACE VIEW canonical.order_totals AS
            SELECT orders, 'acme'::text AS tenant_id FROM tenant_acme.order_totals
            UNION ALL SELECT orders, 'initech'::text FROM tenant_initech.order_totals
            """);
        var run = CliRun.Against(db, "test", bundle, "--tenant", "globex", "--tenant", "acme", "--json");

        Assert.AreEqual(ExitCodes.TestsFailed, run.ExitCode, run.ToString());
        var canonical = Tests(run).Where(t => t.GetProperty("kind").GetString() == "canonical_tenants").ToArray();
        CollectionAssert.AreEqual(new[] { "acme:passed", "globex:failed" },
            canonical.Select(t => t.GetProperty("tenant").GetString() + ":" + t.GetProperty("status").GetString()).ToArray());
        StringAssert.Contains(canonical[1].GetProperty("samples")[0].GetString(), "is not read by the canonical view \\\"canonical\\\".\\\"order_totals\\\"");
    }

    [TestMethod]
    public void ATestWhoseQueryFailsIsReportedAndTheOthersStillRun()
    {
        var (db, bundle) = Deployed("datatest_error");
        Db.Execute(db, "ALTER TABLE tenant_acme.orders DROP COLUMN amount CASCADE");

        var run = CliRun.Against(db, "test", bundle, "--tenant", "acme");
        var everyone = CliRun.Against(db, "test", bundle, "--json");

        Assert.AreEqual(ExitCodes.TestsFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "TM3091: data test 'orders.amount.expression' (models/orders.yaml:", run.ToString());
        StringAssert.Contains(run.Error, "could not run for tenant 'acme' with SQLSTATE 42703: column \"amount\" does not exist", run.ToString());
        StringAssert.Contains(run.Out, "6 of 7 data test run(s) passed for 1 tenant(s).", run.ToString());

        // The tenants run together in one statement per test: acme's error is its own, the others' results stand.
        var expression = Tests(everyone).Where(t => t.GetProperty("test").GetString() == "orders.amount.expression")
            .Select(t => t.GetProperty("tenant").GetString() + ":" + t.GetProperty("status").GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { "acme:error", "globex:failed", "initech:passed" }, expression, everyone.Out);
        Assert.AreEqual("42703", Tests(everyone).First(t => t.GetProperty("status").GetString() == "error").GetProperty("sqlState").GetString());
    }

    [TestMethod]
    public void TestsOfObjectsNotDeployedForATenantAreSkipped()
    {
        var db = SharedPostgres.Server.CreateDatabase("datatest_skip");
        var bundle = Bundle();
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle, "--tenant", "acme").ExitCode);

        var run = CliRun.Against(db, "test", bundle, "--json");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var byTenant = Tests(run).GroupBy(t => t.GetProperty("tenant").GetString()!).ToDictionary(g => g.Key, g => g.Select(t => t.GetProperty("status").GetString()).Distinct().ToArray());
        CollectionAssert.AreEqual(new[] { "passed" }, byTenant["acme"]);
        CollectionAssert.AreEqual(new[] { "skipped" }, byTenant["globex"], "globex was never applied: nothing of it to test");
    }

    [TestMethod]
    public void WithATargetMapEachDatabaseTestsItsOwnTenants()
    {
        var one = SharedPostgres.Server.CreateDatabase("datatest_map_one");
        var two = SharedPostgres.Server.CreateDatabase("datatest_map_two");
        var map = System.IO.Path.Combine(CliRun.TempDirectory(), "targets.json");
        System.IO.File.WriteAllText(map, JsonSerializer.Serialize(new
        {
            targets = new { one = new { connection = one }, two = new { connection = two } },
            tenants = new { acme = "one", initech = "one", globex = "two" },
        }));
        var bundle = Bundle();
        var apply = CliRun.Run(null, "apply", bundle, "--targets", map);
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        Db.Execute(two, "INSERT INTO tenant_globex.orders VALUES (1, NULL, NULL, 1)");

        var run = CliRun.Run(null, "test", bundle, "--targets", map, "--json", "--parallel", "2");

        Assert.AreEqual(ExitCodes.TestsFailed, run.ExitCode, run.ToString());
        var targets = JsonDocument.Parse(run.Out).RootElement.GetProperty("targets").EnumerateArray()
            .ToDictionary(t => t.GetProperty("target").GetString()!, t => t);
        Assert.AreEqual("passed", targets["one"].GetProperty("status").GetString(), run.Out);
        CollectionAssert.AreEqual(new[] { "acme", "initech" },
            targets["one"].GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("tenant").GetString()).Distinct().ToArray());
        Assert.AreEqual("failed", targets["two"].GetProperty("status").GetString(), run.Out);
        var failed = targets["two"].GetProperty("tests").EnumerateArray().Where(t => t.GetProperty("status").GetString() == "failed")
            .Select(t => t.GetProperty("test").GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { "orders.status.not_null" }, failed, run.Out);
    }
}
