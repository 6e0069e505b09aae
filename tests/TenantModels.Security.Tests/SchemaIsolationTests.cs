using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TenantModels.Security.Tests;

/// <summary>
/// isolation: schema — every tenant's tables and views in its own schema, reachable only by that tenant's roles;
/// canonical (cross-tenant) views for admin and app only. Three tenants; attacks run as alpha's own login.
/// </summary>
[TestClass]
public sealed class SchemaIsolationTests
{
    private const string Alpha = "s_alpha_login";
    private const string App = "s_app_login";
    private const string Admin = "s_admin_login";

    private static SecuredDatabase db = null!;

    private static readonly (string, string)[] Project =
    {
        ("tenants.yaml", "tenants:\n  - id: alpha\n  - id: bravo\n  - id: charlie\n"),
        ("tenantmodels.yaml", "security:\n  isolation: schema\n  prefix: s\n  tenant_roles:\n    reader: \"s_<tenant>_reader\"\n    writer: \"s_<tenant>_writer\"\n"),
        ("models/note.yaml", """
            model: note
            materialized: table
            columns:
              id: { type: bigint, nullable: false, identity: true }
              body: text
            primary_key: [id]
            grants: { reader: [select], writer: [select, insert, update, delete], admin: [select], app: [select] }
            """),
        ("models/note_count.yaml", """
            model: note_count
            materialized: view
            columns:
              notes: bigint
            sql: "select count(*) as notes from {{ ref('note') }}"
            canonical: true
            grants: { reader: [select], admin: [select], app: [select] }
            """),
    };

    [ClassInitialize]
    public static void Deploy(TestContext context)
    {
        db = SecuredDatabase.Deploy("sec_schema", string.Empty, Project);
        db.Execute("""
            INSERT INTO tenant_alpha.note (body) VALUES ('a');
            INSERT INTO tenant_bravo.note (body) VALUES ('b'), ('b');
            INSERT INTO tenant_charlie.note (body) VALUES ('c'), ('c'), ('c');
            """);
        db.Login(Alpha, "s_alpha_reader", "s_alpha_writer");
        db.Login(App, "s_app");
        db.Login(Admin, "s_admin");
    }

    [TestMethod]
    public void T01_a_tenant_reads_its_own_schema_only_whatever_it_sets()
    {
        Assert.AreEqual(1L, db.Scalar(Alpha, "SET tenantmodels.tenant = 'bravo'; SELECT count(*) FROM tenant_alpha.note"));
        db.Denied(Alpha, "SET tenantmodels.tenant = 'bravo'; SELECT count(*) FROM tenant_bravo.note");
        db.Denied(Alpha, "SELECT count(*) FROM tenant_bravo.note_count");
    }

    [TestMethod]
    public void T03_canonical_views_are_for_admin_and_app_only()
    {
        db.Denied(Alpha, "SELECT count(*) FROM canonical.note_count");
        Assert.AreEqual("alpha:1 bravo:2 charlie:3", db.Scalar(Admin, "SELECT string_agg(tenant_id || ':' || notes, ' ' ORDER BY tenant_id) FROM canonical.note_count"));
        Assert.AreEqual(6L, db.Scalar(App, "SELECT sum(notes)::bigint FROM canonical.note_count"));
        Assert.AreEqual("{security_invoker=true}", db.Superuser("SELECT reloptions::text FROM pg_class WHERE oid = 'canonical.note_count'::regclass"));

        // Control: the same union written as an owner-rights view (no security_invoker), granted to PUBLIC, leaks.
        db.Execute("CREATE SCHEMA IF NOT EXISTS ctl; GRANT USAGE ON SCHEMA ctl TO PUBLIC; CREATE OR REPLACE VIEW ctl.all_notes AS SELECT count(*) AS notes FROM tenant_alpha.note UNION ALL SELECT count(*) FROM tenant_bravo.note UNION ALL SELECT count(*) FROM tenant_charlie.note; GRANT SELECT ON ctl.all_notes TO PUBLIC;");
        Assert.AreEqual(6L, db.Scalar(Alpha, "SELECT sum(notes)::bigint FROM ctl.all_notes"));
    }

    [TestMethod]
    public void T08_T17_no_public_privileges_and_everything_owned_by_the_owner()
    {
        Assert.AreEqual(0L, db.Superuser("""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('tenant_alpha', 'tenant_bravo', 'tenant_charlie', 'canonical') AND c.relkind IN ('r', 'v')
              AND (pg_get_userbyid(c.relowner) <> 's_owner' OR c.relacl::text LIKE '%{=%' OR c.relacl::text LIKE '%,=%')
            """));
        Assert.AreEqual(0L, db.Superuser("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' AND (pg_get_userbyid(nspowner) <> 's_owner' OR has_schema_privilege('public', oid, 'USAGE'))"));
        db.Denied(Alpha, "CREATE TABLE tenant_alpha.trap (v int)");
        db.Denied(Alpha, "CREATE TABLE public.trap (v int)");
    }

    [TestMethod]
    public void T15_another_tenants_role_granted_to_a_tenant_is_revoked_on_apply()
    {
        db.Execute("GRANT s_bravo_reader TO s_alpha_reader");
        Assert.AreEqual(2L, db.Scalar(Alpha, "SELECT count(*) FROM tenant_bravo.note"), "control: membership in bravo's role reads bravo's schema");
        db.Reapply();
        db.Denied(Alpha, "SELECT count(*) FROM tenant_bravo.note");
        Assert.AreEqual(1L, db.Scalar(Alpha, "SELECT count(*) FROM tenant_alpha.note"));
    }

    [TestMethod]
    public void Grants_are_reconciled_undeclared_privileges_disappear()
    {
        db.Execute("GRANT DELETE ON tenant_alpha.note_count TO s_alpha_reader; GRANT TRUNCATE ON tenant_alpha.note TO s_alpha_reader;");
        db.Reapply();
        Assert.AreEqual(false, db.Superuser("SELECT has_table_privilege('s_alpha_reader', 'tenant_alpha.note', 'TRUNCATE') OR has_table_privilege('s_alpha_reader', 'tenant_alpha.note_count', 'DELETE')"));
        Assert.AreEqual(true, db.Superuser("SELECT has_table_privilege('s_alpha_writer', 'tenant_alpha.note', 'INSERT') AND NOT has_table_privilege('s_alpha_reader', 'tenant_alpha.note', 'INSERT')"));
    }
}
