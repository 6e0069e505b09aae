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

    /// <summary>
    /// Applies the bundle, then applies it again with nothing to do, which stores every managed schema's fingerprint:
    /// each change made by hand below must be found although plan and verify then compare only changed schemas.
    /// </summary>
    internal static void Settle(string db, string bundle)
    {
        Succeeds(CliRun.Against(db, "apply", bundle));
        var again = CliRun.Against(db, "apply", bundle);
        Succeeds(again);
        StringAssert.Contains(again.Out, "Nothing to apply", again.ToString());
        Assert.IsTrue(Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.schema_fingerprint") > 0, "the no-op apply stored the schemas' fingerprints");
    }

    [TestMethod]
    public void AnObjectsPrivilegesChangedByHandRerunOnlyThatObjectsGrants()
    {
        const string prefix = "ld9";
        var db = SharedPostgres.Server.CreateDatabase("live_one_grant");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, "shared"));
        Settle(db, bundle);
        Db.Execute(db, $"GRANT INSERT ON tenant_alpha.orders TO {prefix}_alpha_reader; GRANT DELETE ON shared.screens TO PUBLIC;");

        var plan = CliRun.Against(db, "plan", bundle);
        var apply = CliRun.Against(db, "apply", bundle);

        var repairs = plan.Out.Split('\n').Where(l => l.StartsWith("-- ", System.StringComparison.Ordinal) && l.Contains("[repair", System.StringComparison.Ordinal)).ToList();
        Assert.AreEqual(2, repairs.Count, plan.Out);
        Assert.IsTrue(repairs.Any(l => l.Contains("orders", System.StringComparison.Ordinal) && l.Contains("(tenant alpha)", System.StringComparison.Ordinal)), plan.Out);
        Assert.IsTrue(repairs.Any(l => l.Contains("screens", System.StringComparison.Ordinal)), plan.Out);
        Assert.IsTrue(repairs.All(l => l.StartsWith("-- grants.", System.StringComparison.Ordinal)), "only the two objects' grants run again, no roles:\n" + plan.Out);
        Succeeds(apply);
        Succeeds(CliRun.Against(db, "verify", bundle));
        Assert.IsFalse(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_alpha_reader', 'tenant_alpha.orders', 'INSERT')"));
    }

    [TestMethod]
    public void AStagingViewDroppedByHandIsRecreatedWithTheCanonicalView()
    {
        var db = CallAnalyticsDatabase("live_dropped_view");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        Settle(db, bundle);
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
        Settle(db, bundle);
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
    public void AMaterializedViewDroppedByHandIsRefusedByRefreshThenRecreatedWithItsGrantsAndRefreshWorks()
    {
        const string prefix = "ld1";
        var db = SharedPostgres.Server.CreateDatabase("live_dropped_matview");
        var totals = ("models/order_totals.yaml",
            "model: order_totals\nmaterialized: materialized_view\ncolumns:\n  n: bigint\nsql: \"select count(*) as n from {{ ref('orders') }}\"\ngrants: { reader: [select] }\n");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, extra: new[] { totals }));
        Settle(db, bundle);
        Db.Execute(db, "DROP MATERIALIZED VIEW tenant_bravo.order_totals");

        var refresh = CliRun.Against(db, "refresh", bundle);
        var verify = CliRun.Against(db, "verify", bundle);
        var apply = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Failed, refresh.ExitCode, refresh.ToString());
        StringAssert.Contains(refresh.Error, "TM3052: cannot refresh \"tenant_bravo\".\"order_totals\" (tenant bravo): it is missing from the database");
        Assert.IsFalse(refresh.ToString().Contains("42P01", System.StringComparison.Ordinal), "refused before running, not a raw relation-does-not-exist:\n" + refresh);
        StringAssert.Contains(refresh.Out, "refreshed tenant alpha", "the other tenants are refreshed:\n" + refresh);
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
        Settle(db, bundle);
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
        Settle(db, bundle);
        Db.Execute(db, "DROP SCHEMA tenant_charlie CASCADE");

        var apply = CliRun.Against(db, "apply", bundle);

        Succeeds(apply);
        Assert.IsTrue(Db.SchemaExists(db, "tenant_charlie"));
        Assert.IsTrue(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_charlie_reader', 'tenant_charlie.orders', 'SELECT')"));
        Succeeds(CliRun.Against(db, "verify", bundle));
    }

    [TestMethod]
    public void AnInterruptedUpgradeLeavesNoCanonicalViewRatherThanASubsetAndVerifyAndStatusSaySo()
    {
        var db = CallAnalyticsDatabase("live_union_interrupted");
        Succeeds(CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics())));
        var v2 = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics("2.0.0", callIdType: "numeric"));

        CliResult interrupted;
        using (new HeldTableLock(db, $"\"{Pablo}_raw_salesloft\".call"))
        {
            interrupted = CliRun.Against(db, "apply", v2, "--fail-fast", "--lock-timeout", "1");
        }

        Assert.AreEqual(ExitCodes.Failed, interrupted.ExitCode, interrupted.ToString());
        Assert.IsFalse(Db.Scalar<bool>(db, "SELECT to_regclass('canonical.call') IS NOT NULL"),
            "the canonical view must be missing, never a union over the tenants done before the failure:\n" + interrupted);
        var verify = CliRun.Against(db, "verify", v2);
        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Out, "missing (an apply was interrupted or failed before the union was built)");
        StringAssert.Contains(CliRun.Against(db, "status", v2).Out, "Pending:");

        Succeeds(CliRun.Against(db, "apply", v2));
        Assert.AreEqual("call_id:numeric", Db.Columns(db, "canonical", "call")[0]);
        CollectionAssert.AreEqual(CanonicalRows, Db.Rows(db, "SELECT * FROM canonical.call ORDER BY tenant_id, call_id"));
        Succeeds(CliRun.Against(db, "verify", v2));
    }

    [TestMethod]
    public void VerifyReportsACanonicalViewThatCoversOtherTenantsThanTheBundleWants()
    {
        var db = SharedPostgres.Server.CreateDatabase("live_union_tenants");
        CreateRawSchemas(db, includeAcme: false);
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        Assert.AreEqual(ExitCodes.Failed, CliRun.Against(db, "apply", bundle).ExitCode, "the tenant without raw data fails and is left out of the union");
        CreateRawSchemas(db, includeAcme: true, onlyAcme: true);

        var verify = CliRun.Against(db, "verify", bundle);

        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Out, "covers other tenants than the ready ones: apply builds it over 3 tenant(s)");
        StringAssert.Contains(verify.Out, "not deployed: apply creates it");
        Settle(db, bundle);
        ApplyTests.AssertSampleViews(db);
        Succeeds(CliRun.Against(db, "verify", bundle));
    }

    [TestMethod]
    public void ARecordWithViewTextFromAnOlderRunnerIsComparedAsTextAndMigratedToFingerprints()
    {
        var db = CallAnalyticsDatabase("live_legacy_record");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        Settle(db, bundle);
        // What a runner at schema version 2 left: pg_get_viewdef text as each view's recorded definition.
        Db.Execute(db, """
            UPDATE tenantmodels.deployed_artefact SET catalog_definition = pg_get_viewdef(to_regclass(object_name)) WHERE kind = 'view';
            UPDATE tenantmodels.schema_version SET version = 2;
            """);

        var clean = CliRun.Against(db, "verify", bundle);
        Db.Execute(db, $"""
            CREATE OR REPLACE VIEW "{Pablo}_stg_salesloft".call WITH (security_invoker = true) AS
            SELECT CAST(id AS bigint) AS call_id, CAST(created_at AS timestamp) AS call_created_at, CAST(user_id AS text) AS user_id, CAST('hacked' AS text) AS call_disposition_name
            FROM "{Pablo}_raw_salesloft".call;
            """);
        var drift = CliRun.Against(db, "verify", bundle);
        var repair = CliRun.Against(db, "apply", bundle);

        Succeeds(clean);
        Assert.AreEqual(ExitCodes.Drift, drift.ExitCode, drift.ToString());
        StringAssert.Contains(drift.Out, "definition changed outside TenantModels");
        Succeeds(repair);
        Assert.IsTrue(Db.Scalar<int>(db, "SELECT version FROM tenantmodels.schema_version") >= 3);
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.deployed_artefact WHERE kind = 'view' AND catalog_definition NOT LIKE 'rule:%'"),
            "the upgrade converts matching rows, the repair re-records the one that drifted");
        ApplyTests.AssertSampleViews(db);
        Succeeds(CliRun.Against(db, "verify", bundle));
    }

    [TestMethod]
    public void ObjectsMadeByHandInManagedSchemasAndPublicDefinerFunctionsAreReportedAndLeftAlone()
    {
        const string prefix = "ld5";
        var db = SharedPostgres.Server.CreateDatabase("live_unmanaged");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, "shared"));
        Settle(db, bundle);
        Db.Execute(db, $"""
            CREATE TABLE tenant_alpha.hand_made (id int);
            CREATE MATERIALIZED VIEW tenant_bravo.everything AS SELECT * FROM shared.screens;
            GRANT SELECT ON tenant_bravo.everything TO {prefix}_bravo_reader;
            CREATE FUNCTION public.all_screens() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS 'SELECT count(*) FROM shared.screens';
            """);

        var verify = CliRun.Against(db, "verify", bundle);
        var apply = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Out, "table in schema \"tenant_alpha\", which TenantModels manages, is not in the bundle: left alone");
        StringAssert.Contains(verify.Out, "materialized view in schema \"tenant_bravo\", which TenantModels manages, is not in the bundle");
        StringAssert.Contains(verify.Out, "all_screens() ");
        StringAssert.Contains(verify.Out, "SECURITY DEFINER (runs as postgres) and PUBLIC may EXECUTE it");
        Succeeds(apply);
        StringAssert.Contains(apply.Out, "Nothing to apply", "what apply cannot repair is reported by verify, never planned:\n" + apply);
        Assert.IsTrue(Db.Scalar<bool>(db, "SELECT to_regclass('tenant_alpha.hand_made') IS NOT NULL AND to_regclass('tenant_bravo.everything') IS NOT NULL"),
            "what TenantModels does not manage is never dropped");
    }

    [TestMethod]
    public void AnIndexAndAForeignKeyDroppedByHandAreAddedAgainAndCascadesWorkAgain()
    {
        const string prefix = "ld6";
        var db = SharedPostgres.Server.CreateDatabase("live_dropped_keys");
        var models = new[]
        {
            ("models/organizations.yaml", "model: organizations\nmaterialized: table\ncolumns:\n  id: { type: integer, nullable: false }\nprimary_key: [id]\ngrants: { reader: [select] }\n"),
            ("models/contacts.yaml", "model: contacts\nmaterialized: table\ncolumns:\n  id: { type: integer, nullable: false }\n  organization_id: integer\n  email: text\nprimary_key: [id]\n"
                + "foreign_keys:\n  - { columns: [organization_id], references: organizations, on_delete: cascade }\nindexes:\n  - [email]\ngrants: { reader: [select] }\n"),
        };
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, withOrders: false, extra: models));
        Settle(db, bundle);
        var foreignKey = Db.Scalar<string>(db, "SELECT conname::text FROM pg_constraint WHERE conrelid = 'tenant_alpha.contacts'::regclass AND contype = 'f'");
        var index = Db.Scalar<string>(db, "SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'tenant_alpha.contacts'::regclass AND NOT i.indisprimary");
        Db.Execute(db, $"ALTER TABLE tenant_alpha.contacts DROP CONSTRAINT \"{foreignKey}\"; DROP INDEX tenant_alpha.\"{index}\";");

        var verify = CliRun.Against(db, "verify", bundle);
        var apply = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Out, $"constraint \"{foreignKey}\" is missing");
        StringAssert.Contains(verify.Out, $"index \"{index}\" is missing");
        Succeeds(apply);
        Db.Execute(db, "INSERT INTO tenant_alpha.organizations VALUES (1); INSERT INTO tenant_alpha.contacts VALUES (1, 1, 'a@example.com'); DELETE FROM tenant_alpha.organizations;");
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM tenant_alpha.contacts"), "the foreign key's cascade works again");
        Assert.IsTrue(Db.Scalar<bool>(db, $"SELECT to_regclass('tenant_alpha.\"{index}\"') IS NOT NULL"));
        Succeeds(CliRun.Against(db, "verify", bundle));
    }

    [TestMethod]
    public void AColumnAddedByHandAndThenDeclaredWithAnotherTypeIsAlteredUnderTheDataLossGuard()
    {
        const string prefix = "ld7";
        var db = SharedPostgres.Server.CreateDatabase("live_hand_column");
        static (string, string) Notes(string extra) => ("models/notes.yaml",
            "model: notes\nmaterialized: table\ncolumns:\n  id: { type: integer, nullable: false }\n" + extra + "primary_key: [id]\ngrants: { reader: [select] }\n");
        Succeeds(CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, withOrders: false, extra: new[] { Notes(string.Empty) }))));
        Db.Execute(db, "ALTER TABLE tenant_alpha.notes ADD COLUMN hand_note text; INSERT INTO tenant_alpha.notes VALUES (1, '42');");
        var v2 = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "2.0.0", ThreeTenants, withOrders: false, extra: new[] { Notes("  hand_note: integer\n") }));

        var plan = CliRun.Against(db, "plan", v2);
        var refused = CliRun.Against(db, "apply", v2);
        var allowed = CliRun.Against(db, "apply", v2, "--allow-data-loss");

        StringAssert.Contains(plan.Out, "ALTER TABLE \"tenant_alpha\".\"notes\" ALTER COLUMN \"hand_note\" TYPE integer USING \"hand_note\"::integer;");
        Assert.AreEqual(ExitCodes.Refused, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "error TM3009:");
        Succeeds(allowed);
        Assert.AreEqual("integer", Db.Scalar<string>(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tenant_alpha.notes'::regclass AND attname = 'hand_note'"));
        Assert.AreEqual(42, Db.Scalar<int>(db, "SELECT hand_note FROM tenant_alpha.notes"));
        Succeeds(CliRun.Against(db, "verify", v2));
    }

    [TestMethod]
    public void AColumnTypeAndANotNullChangedByHandAreAlteredBack()
    {
        const string prefix = "ld8";
        var db = SharedPostgres.Server.CreateDatabase("live_column_type");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants));
        Settle(db, bundle);
        Db.Execute(db, "ALTER TABLE tenant_bravo.orders ALTER COLUMN total TYPE text; ALTER TABLE tenant_charlie.orders DROP CONSTRAINT orders_pkey; ALTER TABLE tenant_charlie.orders ALTER COLUMN id DROP NOT NULL;");

        var verify = CliRun.Against(db, "verify", bundle);
        var refused = CliRun.Against(db, "apply", bundle);
        var repaired = CliRun.Against(db, "apply", bundle, "--allow-data-loss");

        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Out, "column \"total\" is text, deployed as numeric");
        StringAssert.Contains(verify.Out, "column \"id\" is nullable, deployed NOT NULL");
        Assert.AreEqual(ExitCodes.Refused, refused.ExitCode, "text to numeric can lose data: the repair waits for the flag\n" + refused);
        Succeeds(repaired);
        Assert.AreEqual("numeric", Db.Scalar<string>(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tenant_bravo.orders'::regclass AND attname = 'total'"));
        Assert.IsTrue(Db.Scalar<bool>(db, "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'tenant_charlie.orders'::regclass AND attname = 'id'"), "the lost NOT NULL is set again");
        Succeeds(CliRun.Against(db, "verify", bundle));
    }

    [TestMethod]
    public void ColumnDefaultsChangedDroppedOrAddedByHandAreSetAgain()
    {
        const string prefix = "ld9";
        var db = SharedPostgres.Server.CreateDatabase("live_defaults");
        var notes = ("models/notes.yaml", "model: notes\nmaterialized: table\ncolumns:\n  id: { type: integer, nullable: false }\n"
            + "  status: { type: text, default: \"'new'\" }\n  created_at: { type: timestamptz, default: \"now()\" }\n  note: text\nprimary_key: [id]\ngrants: { reader: [select] }\n");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, withOrders: false, extra: new[] { notes }));
        Settle(db, bundle);
        Succeeds(CliRun.Against(db, "verify", bundle));
        Db.Execute(db, "ALTER TABLE tenant_alpha.notes ALTER COLUMN status SET DEFAULT 'hacked'; ALTER TABLE tenant_bravo.notes ALTER COLUMN created_at DROP DEFAULT; "
            + "ALTER TABLE tenant_charlie.notes ALTER COLUMN note SET DEFAULT 'by hand';");

        var verify = CliRun.Against(db, "verify", bundle);
        var plan = CliRun.Against(db, "plan", bundle);
        var apply = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Drift, verify.ExitCode, verify.ToString());
        foreach (var tenant in new[] { "alpha", "bravo", "charlie" })
        {
            StringAssert.Contains(verify.Out, $"\"tenant_{tenant}\".\"notes\"");
        }

        StringAssert.Contains(verify.Out, "column defaults were changed outside TenantModels");
        StringAssert.Contains(plan.Out, "[repair: changed outside TenantModels, alter]");
        Succeeds(apply);
        CollectionAssert.AreEqual(
            new[] { "alpha|'new'::text|now()|NULL", "bravo|'new'::text|now()|NULL", "charlie|'new'::text|now()|NULL" },
            Db.Rows(db, "SELECT n.nspname, "
                + "coalesce((SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = c.oid AND a.attname = 'status'), 'NULL'), "
                + "coalesce((SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = c.oid AND a.attname = 'created_at'), 'NULL'), "
                + "coalesce((SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = c.oid AND a.attname = 'note'), 'NULL') "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'notes' ORDER BY 1").Select(r => r.Replace("tenant_", string.Empty)).ToArray());
        Succeeds(CliRun.Against(db, "verify", bundle));
        Assert.AreEqual("No changes", CliRun.Against(db, "plan", bundle).Out.Substring(0, 10));
    }
}
