using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;
using static TenantModels.Runner.Tests.Support.CallAnalyticsData;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// The live database is the truth: what was changed by hand after an apply (objects dropped, view bodies replaced,
/// privileges and policies edited) is found by <c>plan</c> and <c>verify</c> and repaired by a plain <c>apply</c>.
/// </summary>
[TestClass]
public sealed class LiveDriftTests
{
    private static readonly string[] ThreeTenants = { "alpha", "bravo", "charlie" };

    private static string CallAnalyticsDatabase(string name)
    {
        var connection = SharedPostgres.Server.CreateDatabase(name);
        CreateRawSchemas(connection);
        return connection;
    }

    private static void Succeeds(CliResult result) => Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());

    [TestMethod]
    public void AStagingViewDroppedByHandIsRecreatedWithTheCanonicalView()
    {
        var db = CallAnalyticsDatabase("live_dropped_view");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        Succeeds(CliRun.Against(db, "apply", bundle));
        Db.Execute(db, $"DROP VIEW \"{Javi}_stg_outreach\".call CASCADE");

        var verify = CliRun.Against(db, "verify", bundle);
        var plan = CliRun.Against(db, "plan", bundle);
        var apply = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        StringAssert.Contains(plan.Out, $"-- staging_view.outreach.call (tenant {Javi}) [repair: missing from the database]");
        StringAssert.Contains(plan.Out, "-- canonical_view.call [repair: missing from the database]");
        Succeeds(apply);
        ApplyTests.AssertSampleViews(db);
        Succeeds(CliRun.Against(db, "verify", bundle));
        Assert.AreEqual("No changes: the database matches CallAnalytics 1.0.0.\n", CliRun.Against(db, "plan", bundle).Out);
    }

    [TestMethod]
    public void AViewBodyReplacedByHandIsReplacedByApply()
    {
        var db = CallAnalyticsDatabase("live_replaced_view");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        Succeeds(CliRun.Against(db, "apply", bundle));
        Db.Execute(db, $"""
            CREATE OR REPLACE VIEW "{Pablo}_stg_salesloft".call AS
            SELECT CAST(id AS bigint) AS call_id, CAST(created_at AS timestamp) AS call_created_at, CAST(user_id AS text) AS user_id, CAST('hacked' AS text) AS call_disposition_name
            FROM "{Pablo}_raw_salesloft".call;
            """);

        var plan = CliRun.Against(db, "plan", bundle);
        var apply = CliRun.Against(db, "apply", bundle);

        StringAssert.Contains(plan.Out, $"-- staging_view.salesloft.call (tenant {Pablo}) [repair: changed outside TenantModels]");
        Succeeds(apply);
        ApplyTests.AssertSampleViews(db);
        Succeeds(CliRun.Against(db, "verify", bundle));
    }

    [TestMethod]
    public void AMaterializedViewDroppedByHandIsRecreatedWithItsGrantsAndRefreshWorks()
    {
        const string prefix = "ld1";
        var db = SharedPostgres.Server.CreateDatabase("live_dropped_matview");
        var totals = ("models/order_totals.yaml",
            "model: order_totals\nmaterialized: materialized_view\ncolumns:\n  n: bigint\nsql: \"select count(*) as n from {{ ref('orders') }}\"\ngrants: { reader: [select] }\n");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, extra: new[] { totals }));
        Succeeds(CliRun.Against(db, "apply", bundle));
        Db.Execute(db, "DROP MATERIALIZED VIEW tenant_bravo.order_totals");

        var verify = CliRun.Against(db, "verify", bundle);
        var apply = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Out, "object is missing");
        Succeeds(apply);
        Succeeds(CliRun.Against(db, "refresh", bundle));
        Assert.IsTrue(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_bravo_reader', 'tenant_bravo.order_totals', 'SELECT')"));
        Succeeds(CliRun.Against(db, "verify", bundle));
    }

    [TestMethod]
    public void AViewRecreatedAroundAnAlterKeepsItsGrants()
    {
        const string prefix = "ld2";
        var db = SharedPostgres.Server.CreateDatabase("live_alter_grants");
        static (string, string)[] Models(string columns) => new[]
        {
            ("models/t.yaml", $"model: t\nmaterialized: table\ncolumns:\n{columns}primary_key: [id]\ngrants: {{ reader: [select] }}\n"),
            ("models/v.yaml", "model: v\nmaterialized: view\ncolumns:\n  id: integer\n  a: text\nsql: \"select id, a from {{ ref('t') }}\"\ngrants: { reader: [select] }\n"),
        };
        var v1 = SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, withOrders: false, extra: Models("  id: { type: integer, nullable: false }\n  a: text\n  b: text\n"));
        var v2 = SecuredProjects.Compile(prefix, "2.0.0", ThreeTenants, withOrders: false, extra: Models("  id: { type: integer, nullable: false }\n  a: text\n"));
        Succeeds(CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(v1)));
        var v2Path = HandBuiltBundles.WriteToTemp(v2);

        var apply = CliRun.Against(db, "apply", v2Path, "--allow-data-loss");

        Succeeds(apply);
        StringAssert.Contains(apply.Out, "applied");
        foreach (var tenant in ThreeTenants)
        {
            Assert.IsTrue(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_{tenant}_reader', 'tenant_{tenant}.v', 'SELECT')"), tenant);
            Assert.AreEqual($"{prefix}_owner", Db.Scalar<string>(db, $"SELECT pg_get_userbyid(relowner)::text FROM pg_class WHERE oid = 'tenant_{tenant}.v'::regclass"));
        }

        Succeeds(CliRun.Against(db, "verify", v2Path));
        StringAssert.Contains(CliRun.Against(db, "apply", v2Path).Out, "Nothing to apply");
    }

    [TestMethod]
    public void SecurityDriftIsRepairedByAPlainApply()
    {
        const string prefix = "ld3";
        var db = SharedPostgres.Server.CreateDatabase("live_security");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, "shared"));
        Succeeds(CliRun.Against(db, "apply", bundle));
        Db.Execute(db, $"""
            ALTER TABLE shared.screens NO FORCE ROW LEVEL SECURITY;
            CREATE POLICY leak ON shared.screens TO PUBLIC USING (true);
            GRANT INSERT ON tenant_alpha.orders TO {prefix}_alpha_reader;
            ALTER ROLE {prefix}_bravo_reader CREATEROLE;
            GRANT {prefix}_charlie_reader TO {prefix}_alpha_reader;
            """);

        var plan = CliRun.Against(db, "plan", bundle);
        var apply = CliRun.Against(db, "apply", bundle);
        var verify = CliRun.Against(db, "verify", bundle);

        StringAssert.Contains(plan.Out, "[repair: changed outside TenantModels]");
        Succeeds(apply);
        Assert.IsFalse(apply.Out.Contains("DROP", System.StringComparison.Ordinal), apply.Out);
        Succeeds(verify);
        StringAssert.Contains(CliRun.Against(db, "apply", bundle).Out, "Nothing to apply");
    }

    [TestMethod]
    public void ATenantSchemaDroppedByHandIsRecreatedWithItsTablesAndSeeds()
    {
        const string prefix = "ld4";
        var db = SharedPostgres.Server.CreateDatabase("live_dropped_schema");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants));
        Succeeds(CliRun.Against(db, "apply", bundle));
        Db.Execute(db, "DROP SCHEMA tenant_charlie CASCADE");

        var apply = CliRun.Against(db, "apply", bundle);

        Succeeds(apply);
        Assert.IsTrue(Db.SchemaExists(db, "tenant_charlie"));
        Assert.IsTrue(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_charlie_reader', 'tenant_charlie.orders', 'SELECT')"));
        Succeeds(CliRun.Against(db, "verify", bundle));
    }
}
