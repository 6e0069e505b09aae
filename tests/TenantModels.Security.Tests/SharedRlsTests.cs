using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;

namespace TenantModels.Security.Tests;

/// <summary>
/// isolation: shared — one table for all tenants, row-level security keyed on the role (a registry read by
/// tenant_of), never on a setting a login can change. Three tenants: alpha (1 row), bravo (2), charlie (3).
/// Each test attacks as a tenant's own login, and runs the same attack against a deliberately unprotected
/// control object to show the attack is real.
/// </summary>
[TestClass]
public sealed class SharedRlsTests
{
    private const string Alpha = "r_alpha_login";
    private const string Bravo = "r_bravo_login";
    private const string App = "r_app_login";
    private const string Admin = "r_admin_login";
    private const string Stranger = "r_stranger_login";
    private const string TempUser = "r_temp_login";

    private static SecuredDatabase db = null!;

    private static readonly (string, string)[] Project =
    {
        ("tenants.yaml", "tenants:\n  - id: alpha\n  - id: bravo\n  - id: charlie\n"),
        ("tenantmodels.yaml", "security:\n  isolation: shared\n  prefix: r\n  tenant_roles:\n    reader: \"r_<tenant>_reader\"\n    writer: \"r_<tenant>_writer\"\n"),
        ("models/screens.yaml", """
            model: screens
            materialized: table
            scope: shared
            columns:
              id: { type: uuid, nullable: false, default: "gen_random_uuid()" }
              white_label_id: { type: integer, nullable: false }
            primary_key: [id]
            grants: { reader: [select], writer: [select, insert, update, delete], admin: [select], app: [select, insert] }
            """),
        ("models/events.yaml", """
            model: events
            materialized: table
            scope: shared
            columns:
              id: { type: bigint, nullable: false, identity: true }
              kind: text
            primary_key: [id]
            grants: { writer: [select, insert], admin: [select] }
            """),
        ("models/screen_totals.yaml", """
            model: screen_totals
            materialized: view
            scope: shared
            columns:
              white_label_id: integer
              screens: bigint
            sql: "select white_label_id, count(*) as screens from {{ ref('screens') }} group by white_label_id"
            grants: { reader: [select], admin: [select], app: [select] }
            """),
    };

    [ClassInitialize]
    public static void Deploy(TestContext context)
    {
        // An older or restored database: PUBLIC may still create in schema public (PostgreSQL < 15 default).
        db = SecuredDatabase.Deploy("sec_shared", "GRANT CREATE ON SCHEMA public TO PUBLIC;", Project);
        db.Execute("""
            INSERT INTO shared.screens (tenant_id, white_label_id) VALUES ('alpha', 1), ('bravo', 2), ('bravo', 2), ('charlie', 3), ('charlie', 3), ('charlie', 3);
            INSERT INTO shared.events (tenant_id, kind) VALUES ('bravo', 'x'), ('bravo', 'y');
            CREATE SCHEMA ctl;
            GRANT USAGE ON SCHEMA ctl TO PUBLIC;
            -- The RFC's design: a policy reading a setting.
            CREATE TABLE ctl.rfc_screens AS SELECT tenant_id, white_label_id FROM shared.screens;
            ALTER TABLE ctl.rfc_screens ENABLE ROW LEVEL SECURITY;
            CREATE POLICY rfc ON ctl.rfc_screens USING (tenant_id = current_setting('rls.white_label', true));
            GRANT SELECT ON ctl.rfc_screens TO PUBLIC;
            -- A view owned by a role that bypasses RLS, without security_invoker.
            CREATE VIEW ctl.owner_view AS SELECT tenant_id FROM shared.screens;
            GRANT SELECT ON ctl.owner_view TO PUBLIC;
            -- RLS enabled but not forced, owned by the owner role.
            CREATE TABLE ctl.unforced AS SELECT tenant_id FROM shared.screens;
            ALTER TABLE ctl.unforced ENABLE ROW LEVEL SECURITY;
            ALTER TABLE ctl.unforced OWNER TO r_owner;
            -- Plain filtering views, with and without security_barrier.
            CREATE TABLE ctl.all_rows AS SELECT tenant_id FROM shared.screens;
            CREATE VIEW ctl.alpha_plain AS SELECT tenant_id FROM ctl.all_rows WHERE tenant_id = 'alpha';
            CREATE VIEW ctl.alpha_barrier WITH (security_barrier = true) AS SELECT tenant_id FROM ctl.all_rows WHERE tenant_id = 'alpha';
            GRANT SELECT ON ctl.alpha_plain, ctl.alpha_barrier TO PUBLIC;
            -- A definer function with PUBLIC's default EXECUTE, owned by a role that bypasses RLS.
            CREATE FUNCTION ctl.count_all() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS 'SELECT count(*) FROM shared.screens';
            CREATE TABLE ctl.secret (v int); INSERT INTO ctl.secret VALUES (42);
            CREATE SEQUENCE ctl.open_seq; GRANT USAGE, SELECT ON SEQUENCE ctl.open_seq TO PUBLIC;
            -- A shared-style table whose key does not lead with the tenant.
            CREATE TABLE ctl.pk_only (tenant_id text, id uuid PRIMARY KEY);
            INSERT INTO ctl.pk_only SELECT tenant_id, id FROM shared.screens;
            ALTER TABLE ctl.pk_only ENABLE ROW LEVEL SECURITY;
            CREATE POLICY mine ON ctl.pk_only TO PUBLIC USING (tenant_id = 'alpha') WITH CHECK (tenant_id = 'alpha');
            GRANT SELECT, INSERT ON ctl.pk_only TO PUBLIC;
            -- A permissive per-tenant policy without a restrictive backstop.
            CREATE TABLE ctl.no_guard AS SELECT tenant_id FROM shared.screens;
            ALTER TABLE ctl.no_guard ENABLE ROW LEVEL SECURITY;
            CREATE POLICY mine ON ctl.no_guard TO PUBLIC USING (tenant_id = 'alpha');
            GRANT SELECT ON ctl.no_guard TO PUBLIC;
            CREATE SCHEMA ctl_open; GRANT USAGE, CREATE ON SCHEMA ctl_open TO PUBLIC;
            """);
        db.Login(Alpha, "r_alpha_reader", "r_alpha_writer");
        db.Login(Bravo, "r_bravo_reader");
        db.Login(App, "r_app");
        db.Login(Admin, "r_admin");
        db.Login(Stranger);
        db.Login("r_nobody_login");
        db.Login(TempUser);
        db.Execute($"DO $$ BEGIN EXECUTE format('GRANT CONNECT, TEMP ON DATABASE %I TO r_temp_login, r_stranger_login', current_database()); END $$;");
    }

    private static int Count(string login, string sql) => System.Convert.ToInt32(db.Scalar(login, sql));

    [TestMethod]
    public void T01_a_tenant_setting_another_tenants_id_still_sees_only_its_own_rows()
    {
        using var alpha = db.Open(Alpha);
        SecuredDatabase.Scalar(alpha, "SET tenantmodels.tenant = 'bravo'; SET rls.white_label = 'bravo'");
        Assert.AreEqual(1L, SecuredDatabase.Scalar(alpha, "SELECT count(*) FROM shared.screens"));
        CollectionAssert.AreEqual(new[] { "alpha" }, SecuredDatabase.Column(alpha, "SELECT DISTINCT tenant_id FROM shared.screens"));
        SecuredDatabase.Scalar(alpha, "SELECT set_config('tenantmodels.tenant', 'charlie', false)");
        Assert.AreEqual(1L, SecuredDatabase.Scalar(alpha, "SELECT count(*) FROM shared.screens"));

        // Control: the RFC's setting-keyed policy hands bravo's rows to alpha.
        Assert.AreEqual(2L, SecuredDatabase.Scalar(alpha, "SELECT count(*) FROM ctl.rfc_screens"));

        // Writes are checked too: alpha cannot plant a row in bravo's tenant.
        var error = Assert.ThrowsExactly<PostgresException>(() => SecuredDatabase.Scalar(alpha, "INSERT INTO shared.screens (tenant_id, white_label_id) VALUES ('bravo', 2)"));
        Assert.AreEqual("42501", error.SqlState);
    }

    [TestMethod]
    public void T02_the_app_role_sees_the_transactions_tenant_and_nothing_without_one()
    {
        using var app = db.Open(App);
        Assert.AreEqual(0L, SecuredDatabase.Scalar(app, "SELECT count(*) FROM shared.screens"), "no tenant set: no rows, no error");
        using (var transaction = app.BeginTransaction())
        {
            SecuredDatabase.Scalar(app, "SELECT set_config('tenantmodels.tenant', 'bravo', true)");
            CollectionAssert.AreEqual(new[] { "bravo", "bravo" }, SecuredDatabase.Column(app, "SELECT tenant_id FROM shared.screens"));
            var error = Assert.ThrowsExactly<PostgresException>(() => SecuredDatabase.Scalar(app, "INSERT INTO shared.screens (tenant_id, white_label_id) VALUES ('charlie', 3)"));
            Assert.AreEqual("42501", error.SqlState);
        }

        Assert.AreEqual(0L, SecuredDatabase.Scalar(app, "SELECT count(*) FROM shared.screens"), "the transaction's tenant does not outlive it");
        SecuredDatabase.Scalar(app, "SELECT set_config('tenantmodels.tenant', '', false)");
        Assert.AreEqual(0L, SecuredDatabase.Scalar(app, "SELECT count(*) FROM shared.screens"), "a reset setting reads '' and matches nothing");

        // Control: a session-level SET survives into the next client's transaction on a pooled connection.
        SecuredDatabase.Scalar(app, "SET tenantmodels.tenant = 'charlie'");
        using (app.BeginTransaction())
        {
            Assert.AreEqual(3L, SecuredDatabase.Scalar(app, "SELECT count(*) FROM shared.screens"));
        }

        // A tenant login cannot use the app path: the app policy names only the app role.
        using var alpha = db.Open(Alpha);
        SecuredDatabase.Scalar(alpha, "SET tenantmodels.tenant = 'charlie'");
        Assert.AreEqual(1L, SecuredDatabase.Scalar(alpha, "SELECT count(*) FROM shared.screens"));
    }

    [TestMethod]
    public void T03_views_run_as_the_caller_and_canonical_objects_are_not_granted_to_tenants()
    {
        CollectionAssert.AreEqual(new[] { "1\t1" }, db.Column(Alpha, "SELECT white_label_id || E'\\t' || screens FROM shared.screen_totals"));
        Assert.AreEqual("{security_invoker=true,security_barrier=true}",
            db.Superuser("SELECT reloptions::text FROM pg_class WHERE oid = 'shared.screen_totals'::regclass"));
        Assert.AreEqual("r_owner", db.Superuser("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'shared.screen_totals'::regclass"));
        Assert.AreEqual(false, db.Superuser("SELECT rolcanlogin OR rolbypassrls FROM pg_roles WHERE rolname = 'r_owner'"));

        // Control: a view owned by a role that bypasses RLS shows alpha every tenant's rows.
        Assert.AreEqual(6, Count(Alpha, "SELECT count(*) FROM ctl.owner_view"));
    }

    [TestMethod]
    public void T04_the_owner_is_subject_to_rls_and_only_admin_bypasses_it()
    {
        Assert.AreEqual(0L, db.Superuser("SET ROLE r_owner; SELECT count(*) FROM shared.screens"), "FORCE ROW LEVEL SECURITY applies to the owner");
        Assert.AreEqual(true, db.Superuser("SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE oid = 'shared.screens'::regclass"));

        // Control: the same owner, RLS enabled but not forced, sees everything.
        Assert.AreEqual(6L, db.Superuser("SET ROLE r_owner; SELECT count(*) FROM ctl.unforced"));

        // Admin bypasses explicitly: BYPASSRLS is an attribute, so admin logins SET ROLE to use it.
        using var admin = db.Open(Admin);
        Assert.AreEqual(0L, SecuredDatabase.Scalar(admin, "SELECT count(*) FROM shared.screens"));
        SecuredDatabase.Scalar(admin, "SET ROLE r_admin");
        Assert.AreEqual(6L, SecuredDatabase.Scalar(admin, "SELECT count(*) FROM shared.screens"));
        CollectionAssert.AreEqual(new[] { "r_admin" }, db.Column(Alpha, "SELECT rolname FROM pg_roles WHERE rolbypassrls AND rolname LIKE 'r\\_%'"));
    }

    [TestMethod]
    public void T05_tenants_cannot_create_leaky_functions_and_filtering_views_are_barriers()
    {
        db.Denied(Alpha, "CREATE FUNCTION pg_temp.leak(text) RETURNS boolean LANGUAGE sql COST 0.0000001 AS 'SELECT true'");
        db.Denied(Alpha, "CREATE FUNCTION public.leak(text) RETURNS boolean LANGUAGE sql COST 0.0000001 AS 'SELECT true'");

        // Control: a login with TEMP creates a cheap leaky function; a plain filtering view shows it other rows,
        // a security_barrier view does not.
        using var temp = db.Open(TempUser);
        var notices = new List<string>();
        temp.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        SecuredDatabase.Scalar(temp, "CREATE FUNCTION pg_temp.leak(t text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS $$ BEGIN RAISE NOTICE '%', t; RETURN true; END $$");
        SecuredDatabase.Column(temp, "SELECT * FROM ctl.alpha_plain WHERE pg_temp.leak(tenant_id)");
        CollectionAssert.Contains(notices, "bravo");
        notices.Clear();
        SecuredDatabase.Column(temp, "SELECT * FROM ctl.alpha_barrier WHERE pg_temp.leak(tenant_id)");
        CollectionAssert.DoesNotContain(notices, "bravo");
    }

    [TestMethod]
    public void T07_the_definer_function_is_pinned_owned_by_the_owner_and_not_public()
    {
        Assert.AreEqual("{\"search_path=pg_catalog, pg_temp\",enable_seqscan=off,enable_hashjoin=off}", db.Superuser("SELECT proconfig::text FROM pg_proc WHERE oid = 'r_security.tenant_of(name)'::regprocedure"));
        Assert.AreEqual(true, db.Superuser("SELECT prosecdef AND provolatile = 's' AND NOT proleakproof FROM pg_proc WHERE oid = 'r_security.tenant_of(name)'::regprocedure"));
        db.Denied(Alpha, "SELECT * FROM r_security.tenant_role");
        db.Denied(Alpha, "DELETE FROM r_security.tenant_role");
        db.Denied(App, "SELECT r_security.tenant_of('r_alpha_login')");
        db.Denied(Stranger, "SELECT r_security.tenant_of('r_alpha_login')");

        // Default privileges: a function the owner creates later is not executable by PUBLIC either.
        db.Execute("SET ROLE r_owner; CREATE OR REPLACE FUNCTION r_security.probe() RETURNS int LANGUAGE sql AS 'SELECT 1'; RESET ROLE;");
        db.Denied(Alpha, "SELECT r_security.probe()");

        // Control: a definer function with PUBLIC's default EXECUTE counts every tenant's rows for alpha.
        Assert.AreEqual(6L, db.Scalar(Alpha, "SELECT ctl.count_all()"));
    }

    [TestMethod]
    public void T08_public_has_no_connect_temp_or_create()
    {
        var error = Assert.ThrowsExactly<PostgresException>(() => db.Open("r_nobody_login").Dispose(), "a login with no role here cannot connect");
        Assert.AreEqual("42501", error.SqlState);
        db.Denied(Alpha, "CREATE TABLE public.planted (v int)");
        Assert.AreEqual(false, db.Scalar(Alpha, "SELECT has_database_privilege(current_database(), 'TEMP')"));

        // Control: a login granted what PUBLIC had (CONNECT, TEMP) before the bundle ran connects and creates temp objects.
        Assert.AreEqual(1L, db.Scalar(TempUser, "CREATE TEMP TABLE t AS SELECT 1 AS v; SELECT count(*) FROM t"));
    }

    [TestMethod]
    public void T10_predefined_roles_granted_to_app_or_tenant_roles_are_revoked_on_apply()
    {
        db.Execute("GRANT pg_read_all_data TO r_app; GRANT pg_read_all_data TO r_alpha_reader;");
        db.Denied(App, "SELECT v FROM ctl.secret"); // the app role is NOINHERIT: what it is granted does not flow on
        Assert.AreEqual(42, db.Scalar(Alpha, "SELECT v FROM ctl.secret"), "control: pg_read_all_data skips grants");
        db.Reapply();
        db.Denied(Alpha, "SELECT v FROM ctl.secret");
        Assert.AreEqual(0L, db.Superuser("SELECT count(*) FROM pg_auth_members WHERE member IN ('r_app'::regrole, 'r_alpha_reader'::regrole) AND roleid = 'pg_read_all_data'::regrole"));
    }

    [TestMethod]
    public void T11_tenants_have_no_sequence_privileges()
    {
        db.Denied(Alpha, "SELECT last_value FROM shared.events_id_seq");
        db.Denied(Alpha, "SELECT nextval('shared.events_id_seq')");
        db.Denied(Alpha, "SELECT currval('shared.events_id_seq')", "42501");

        // Control: a sequence with USAGE/SELECT for PUBLIC tells anyone how far it has gone.
        Assert.AreEqual(1L, db.Scalar(Alpha, "SELECT nextval('ctl.open_seq')"));
    }

    [TestMethod]
    public void T12_keys_lead_with_the_tenant_so_no_duplicate_error_reveals_another_tenants_row()
    {
        var bravoId = db.Superuser("SELECT id::text FROM shared.screens WHERE tenant_id = 'bravo' LIMIT 1");
        using (var alpha = db.Open(Alpha))
        using (var transaction = alpha.BeginTransaction())
        {
            Assert.AreEqual(0L, SecuredDatabase.Scalar(alpha, $"SELECT count(*) FROM shared.screens WHERE id = '{bravoId}'"));
            SecuredDatabase.Scalar(alpha, $"INSERT INTO shared.screens (tenant_id, id, white_label_id) VALUES ('alpha', '{bravoId}', 1)");
            transaction.Rollback();
        }

        // Control: with a key on id alone the same insert fails, proving bravo's row exists.
        Assert.AreEqual(0L, db.Scalar(Alpha, $"SELECT count(*) FROM ctl.pk_only WHERE id = '{bravoId}'"));
        db.Denied(Alpha, $"INSERT INTO ctl.pk_only VALUES ('alpha', '{bravoId}')", "23505");
    }

    [TestMethod]
    public void T14_generated_roles_have_no_dangerous_attributes_and_drift_is_reset()
    {
        Assert.AreEqual(0L, db.Superuser(
            "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'r\\_%' AND rolname NOT LIKE '%login' AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolcanlogin OR rolreplication)"));
        Assert.AreEqual(true, db.Superuser("SELECT NOT rolinherit FROM pg_roles WHERE rolname = 'r_app'"));

        db.Execute("ALTER ROLE r_alpha_reader CREATEROLE");
        using (var alpha = db.Open(Alpha))
        {
            // Control: a tenant role with CREATEROLE lets the tenant's login create roles.
            SecuredDatabase.Scalar(alpha, "SET ROLE r_alpha_reader; CREATE ROLE r_evil_one");
        }

        db.Execute("DROP ROLE r_evil_one");
        db.Reapply();
        db.Denied(Alpha, "SET ROLE r_alpha_reader; CREATE ROLE r_evil_two");
    }

    [TestMethod]
    public void T15_a_login_in_two_tenants_sees_nothing_and_the_app_cannot_become_a_tenant()
    {
        db.Denied(App, "SET ROLE r_alpha_reader");
        db.Denied(Alpha, "SET ROLE r_bravo_reader");
        db.Login("r_both_login", "r_alpha_reader", "r_bravo_reader");
        Assert.AreEqual(0, Count("r_both_login", "SELECT count(*) FROM shared.screens"), "ambiguous identity matches no tenant");

        // A tenant role made a member of another's is reset on apply.
        db.Execute("GRANT r_bravo_reader TO r_alpha_reader");
        Assert.AreEqual(0, Count(Alpha, "SELECT count(*) FROM shared.screens"));
        db.Reapply();
        Assert.AreEqual(1, Count(Alpha, "SELECT count(*) FROM shared.screens"));
        Assert.AreEqual(0L, db.Superuser("SELECT count(*) FROM pg_auth_members WHERE member = 'r_alpha_reader'::regrole AND roleid <> 'r_reader'::regrole"));
    }

    [TestMethod]
    public void T16_an_extra_permissive_policy_cannot_widen_a_tenants_rows()
    {
        db.Execute("CREATE POLICY rogue ON shared.screens FOR SELECT USING (true); CREATE POLICY rogue ON ctl.no_guard FOR SELECT USING (true);");
        Assert.AreEqual(1, Count(Alpha, "SELECT count(*) FROM shared.screens"), "the restrictive guard still applies");
        Assert.AreEqual(6, Count(Alpha, "SELECT count(*) FROM ctl.no_guard"), "control: without a restrictive guard everything is ORed in");
        db.Reapply();
        Assert.AreEqual(0L, db.Superuser("SELECT count(*) FROM pg_policy WHERE polrelid = 'shared.screens'::regclass AND polname = 'rogue'"));
        Assert.AreEqual(0L, db.Superuser("SELECT count(*) FROM pg_policy WHERE polrelid = 'shared.screens'::regclass AND 0 = ANY (polroles)"), "no policy is TO PUBLIC");
    }

    [TestMethod]
    public void T17_tenants_own_nothing_and_cannot_create_objects()
    {
        Assert.AreEqual(0L, db.Superuser("""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('shared', 'r_security') AND pg_get_userbyid(c.relowner) <> 'r_owner'
            """));
        db.Denied(Alpha, "CREATE TABLE shared.trap (v int)");
        db.Denied(Alpha, "CREATE TABLE r_security.trap (v int)");

        // Control: where a tenant may create, it owns a table it could hang a trigger on.
        using var alpha = db.Open(Alpha);
        using var transaction = alpha.BeginTransaction();
        SecuredDatabase.Scalar(alpha, "CREATE TABLE ctl_open.trap (v int)");
        Assert.AreEqual(Alpha, SecuredDatabase.Scalar(alpha, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'ctl_open.trap'::regclass"));
        transaction.Rollback();
    }
}
