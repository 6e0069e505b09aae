using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TenantModels.Security.Tests;

/// <summary>
/// The threats of SECURITY.md for the strict tiers, where every tenant has its own schema (isolation: schema, one
/// database) or its own database (isolation: database, one per tenant). Three tenants; attacks run as alpha's own
/// login; <see cref="Db"/> is the database holding a tenant. Each mode's class supplies its deployment.
/// </summary>
public abstract class PerTenantIsolationTests
{
    protected const string Alpha = "_alpha_login";

    internal static (string, string)[] Project(string isolation, string prefix) => new[]
    {
        ("tenants.yaml", "tenants:\n  - id: alpha\n  - id: bravo\n  - id: charlie\n"),
        ("tenantmodels.yaml", $"security:\n  isolation: {isolation}\n  prefix: {prefix}\n  tenant_roles:\n    reader: \"{prefix}_<tenant>_reader\"\n    writer: \"{prefix}_<tenant>_writer\"\n"
            + (isolation == "database" ? "naming:\n  database: \"" + prefix + "_<tenant>\"\n" : string.Empty)),
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

    protected abstract string Prefix { get; }

    protected abstract SecuredDatabase Db(string tenant);

    /// <summary>What admin reads from canonical.note_count in alpha's database: every tenant (schema), or alpha alone (database).</summary>
    protected abstract string CanonicalForAdmin { get; }

    protected string Login(string who) => Prefix + "_" + who + "_login";

    protected IEnumerable<string> Tenants => new[] { "alpha", "bravo", "charlie" };

    /// <summary>Rows, then the logins every test uses; run by each mode's class initializer.</summary>
    protected void Seed()
    {
        var rows = new Dictionary<string, string> { ["alpha"] = "('a')", ["bravo"] = "('b'), ('b')", ["charlie"] = "('c'), ('c'), ('c')" };
        foreach (var tenant in Tenants)
        {
            Db(tenant).Execute($"INSERT INTO tenant_{tenant}.note (body) VALUES {rows[tenant]};");
        }

        Db("alpha").Login(Login("alpha"), Prefix + "_alpha_reader", Prefix + "_alpha_writer");
        Db("alpha").Login(Login("app"), Prefix + "_app");
        Db("alpha").Login(Login("admin"), Prefix + "_admin");
    }

    [TestMethod]
    public void T01_a_tenant_reads_its_own_schema_only_whatever_it_sets()
    {
        Assert.AreEqual(1L, Db("alpha").Scalar(Login("alpha"), "SET tenantmodels.tenant = 'bravo'; SELECT count(*) FROM tenant_alpha.note"));
        Db("bravo").Denied(Login("alpha"), "SET tenantmodels.tenant = 'bravo'; SELECT count(*) FROM tenant_bravo.note");
        Db("bravo").Denied(Login("alpha"), "SELECT count(*) FROM tenant_bravo.note_count");
    }

    [TestMethod]
    public void T03_canonical_views_are_for_admin_and_app_only()
    {
        var db = Db("alpha");
        db.Denied(Login("alpha"), "SELECT count(*) FROM canonical.note_count");
        Assert.AreEqual(CanonicalForAdmin, db.Scalar(Login("admin"), "SELECT string_agg(tenant_id || ':' || notes, ' ' ORDER BY tenant_id) FROM canonical.note_count"));
        Assert.AreEqual(CanonicalForAdmin.Split(' ').Sum(t => long.Parse(t.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)),
            db.Scalar(Login("app"), "SELECT sum(notes)::bigint FROM canonical.note_count"));
        Assert.AreEqual("{security_invoker=true}", db.Superuser("SELECT reloptions::text FROM pg_class WHERE oid = 'canonical.note_count'::regclass"));

        // Control: the same count written as an owner-rights view (no security_invoker) of another tenant's schema, granted to PUBLIC, leaks.
        var bravo = Db("bravo");
        bravo.Execute($"CREATE SCHEMA IF NOT EXISTS ctl; GRANT USAGE ON SCHEMA ctl TO PUBLIC; CREATE OR REPLACE VIEW ctl.bravo_notes AS SELECT count(*) AS notes FROM tenant_bravo.note; GRANT SELECT ON ctl.bravo_notes TO PUBLIC;"
            + $"DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO {Login("alpha")}', current_database()); END $$;");
        try
        {
            Assert.AreEqual(2L, bravo.Scalar(Login("alpha"), "SELECT notes FROM ctl.bravo_notes"));
        }
        finally
        {
            bravo.Execute($"DROP SCHEMA ctl CASCADE; DO $$ BEGIN EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM {Login("alpha")}', current_database()); END $$;");
        }
    }

    [TestMethod]
    public void T08_T17_no_public_privileges_and_everything_owned_by_the_owner()
    {
        foreach (var db in Tenants.Select(Db).Distinct())
        {
            Assert.AreEqual(0L, db.Superuser($$"""
                SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname IN ('tenant_alpha', 'tenant_bravo', 'tenant_charlie', 'canonical') AND c.relkind IN ('r', 'v')
                  AND (pg_get_userbyid(c.relowner) <> '{{Prefix}}_owner' OR c.relacl::text LIKE '%{=%' OR c.relacl::text LIKE '%,=%')
                """));
            Assert.AreEqual(0L, db.Superuser($"SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' AND (pg_get_userbyid(nspowner) <> '{Prefix}_owner' OR has_schema_privilege('public', oid, 'USAGE'))"));
        }

        Db("alpha").Denied(Login("alpha"), "CREATE TABLE tenant_alpha.trap (v int)");
        Db("alpha").Denied(Login("alpha"), "CREATE TABLE public.trap (v int)");
    }

    [TestMethod]
    public void T15_another_tenants_role_granted_to_a_tenant_is_revoked_on_apply()
    {
        Db("alpha").Execute($"GRANT {Prefix}_bravo_reader TO {Prefix}_alpha_reader");
        Assert.AreEqual(2L, Db("bravo").Scalar(Login("alpha"), "SELECT count(*) FROM tenant_bravo.note"), "control: membership in bravo's role reads bravo's schema");
        Db("alpha").Reapply();
        Db("bravo").Denied(Login("alpha"), "SELECT count(*) FROM tenant_bravo.note");
        Assert.AreEqual(1L, Db("alpha").Scalar(Login("alpha"), "SELECT count(*) FROM tenant_alpha.note"));
    }

    [TestMethod]
    public void Grants_are_reconciled_undeclared_privileges_disappear()
    {
        var db = Db("alpha");
        db.Execute($"GRANT DELETE ON tenant_alpha.note_count TO {Prefix}_alpha_reader; GRANT TRUNCATE ON tenant_alpha.note TO {Prefix}_alpha_reader;");
        db.Reapply();
        Assert.AreEqual(false, db.Superuser($"SELECT has_table_privilege('{Prefix}_alpha_reader', 'tenant_alpha.note', 'TRUNCATE') OR has_table_privilege('{Prefix}_alpha_reader', 'tenant_alpha.note_count', 'DELETE')"));
        Assert.AreEqual(true, db.Superuser($"SELECT has_table_privilege('{Prefix}_alpha_writer', 'tenant_alpha.note', 'INSERT') AND NOT has_table_privilege('{Prefix}_alpha_reader', 'tenant_alpha.note', 'INSERT')"));
    }
}

/// <summary>isolation: schema — every tenant's tables and views in its own schema of one database; canonical views span the tenants, for admin and app only.</summary>
[TestClass]
public sealed class SchemaIsolationTests : PerTenantIsolationTests
{
    private static SecuredDatabase db = null!;

    protected override string Prefix => "s";

    protected override string CanonicalForAdmin => "alpha:1 bravo:2 charlie:3";

    protected override SecuredDatabase Db(string tenant) => db;

    [ClassInitialize]
    public static void Deploy(TestContext context)
    {
        db = SecuredDatabase.Deploy("sec_schema", string.Empty, Project("schema", "s"));
        new SchemaIsolationTests().Seed();
    }
}

/// <summary>
/// isolation: database — each tenant in its own database, CONNECT only for its roles (and admin, app): another tenant's
/// login is refused at connect. Canonical views exist per database and cover that database's one tenant.
/// </summary>
[TestClass]
public sealed class DatabaseIsolationTests : PerTenantIsolationTests
{
    private static IReadOnlyDictionary<string, SecuredDatabase> databases = null!;

    protected override string Prefix => "d";

    protected override string CanonicalForAdmin => "alpha:1";

    protected override SecuredDatabase Db(string tenant) => databases[tenant];

    [ClassInitialize]
    public static void Deploy(TestContext context)
    {
        databases = SecuredDatabase.DeployPerTenant("sec_db", Project("database", "d"));
        new DatabaseIsolationTests().Seed();
    }

    [TestMethod]
    public void T08_a_tenant_login_cannot_connect_to_another_tenants_database_and_its_own_holds_only_its_objects()
    {
        Db("bravo").Denied(Login("alpha"), "SELECT 1");
        Db("charlie").Denied(Login("alpha"), "SELECT 1");
        Assert.AreEqual(1, Db("alpha").Scalar(Login("alpha"), "SELECT 1"));
        Assert.AreEqual("tenant_alpha", Db("alpha").Superuser("SELECT string_agg(nspname, ',') FROM pg_namespace WHERE nspname LIKE 'tenant\\_%'"));
        Assert.AreEqual("alpha", Db("alpha").Superuser("SELECT string_agg(DISTINCT tenant_id, ',') FROM d_security.tenant_role"));

        // Control: a database that kept PUBLIC's default CONNECT lets any login in.
        var open = SecuredDatabase.DeployPerTenant("sec_db_ctl", Project("database", "d")).Values.First();
        open.Execute("DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO PUBLIC', current_database()); END $$;");
        Assert.AreEqual(1, open.Scalar(Login("alpha"), "SELECT 1"));
    }

    [TestMethod]
    public void A_second_tenant_applied_to_a_tenants_database_is_refused()
    {
        var alphaScript = Db("alpha").DeployScript;
        var intruder = Db("bravo");
        var error = Assert.ThrowsExactly<Npgsql.PostgresException>(() => intruder.Execute("BEGIN;\n" + alphaScript + "\nCOMMIT;"));
        StringAssert.Contains(error.MessageText, "already holds another tenant");
        Assert.AreEqual("bravo", intruder.Superuser("SELECT string_agg(DISTINCT tenant_id, ',') FROM d_security.tenant_role"));
    }
}
