using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TenantModels.Security.Tests;

/// <summary>
/// <c>canonical: table</c> granted to a tenant role: one table holding every tenant's rows. A tenant's login must read
/// only its own rows (row-level security keyed on the role, as shared tables), and there is no other relation holding
/// them to read around the policies (the first form had a partition per tenant). Two tenants: alpha (1 row), bravo (2).
/// Each attack also runs against an unprotected copy, to show it is real.
/// </summary>
[TestClass]
public sealed class CanonicalTableRlsTests
{
    private const string Alpha = "ct_alpha_login";
    private const string Admin = "ct_admin_login";

    private static SecuredDatabase db = null!;

    private static readonly (string, string)[] Project =
    {
        ("tenants.yaml", "tenants:\n  - id: alpha\n    sources: [crm]\n  - id: bravo\n    sources: [crm]\n"),
        ("tenantmodels.yaml", "security:\n  prefix: ct\n  tenant_roles:\n    reader: \"ct_<tenant>_reader\"\n"),
        ("sources/crm.yaml", "source: crm\ntables:\n  deal:\n    columns:\n      id: bigint\n      amount: numeric\n"),
        ("models/deals.yaml", """
            model: deals
            columns:
              deal_id: bigint
              amount: numeric
            from:
              crm:
                table: deal
                columns:
                  deal_id: id
                  amount: amount
            canonical: table
            grants: { reader: [select], admin: [select] }
            """),
    };

    [ClassInitialize]
    public static void Deploy(TestContext context)
    {
        db = SecuredDatabase.Deploy("sec_canonical_table", """
            CREATE SCHEMA alpha_raw_crm; CREATE TABLE alpha_raw_crm.deal (id bigint, amount numeric); INSERT INTO alpha_raw_crm.deal VALUES (1, 10);
            CREATE SCHEMA bravo_raw_crm; CREATE TABLE bravo_raw_crm.deal (id bigint, amount numeric); INSERT INTO bravo_raw_crm.deal VALUES (2, 20), (3, 30);
            """, Project);
        db.Execute("""
            CREATE SCHEMA ctl;
            GRANT USAGE ON SCHEMA ctl TO PUBLIC;
            -- The same rows in a plain table granted like the canonical table, without row-level security.
            CREATE TABLE ctl.deals_copy AS SELECT * FROM canonical.deals;
            GRANT SELECT ON ctl.deals_copy TO PUBLIC;
            """);
        db.Login(Alpha, "ct_alpha_reader");
        db.Login(Admin, "ct_admin");
    }

    [TestMethod]
    public void A_tenant_reads_only_its_own_rows_through_the_canonical_table()
    {
        Assert.AreEqual(3L, db.Superuser("SELECT count(*) FROM canonical.deals"), "the canonical table must hold both tenants' rows, or the test proves nothing");

        CollectionAssert.AreEqual(new[] { "alpha|1" }, db.Column(Alpha, "SELECT tenant_id || '|' || deal_id FROM canonical.deals ORDER BY 1"));
        Assert.AreEqual(0L, db.Scalar(Alpha, "SELECT count(*) FROM canonical.deals WHERE tenant_id = 'bravo'"));

        // Control: the same grant on an unprotected copy hands bravo's rows to alpha.
        Assert.AreEqual(2L, db.Scalar(Alpha, "SELECT count(*) FROM ctl.deals_copy WHERE tenant_id = 'bravo'"));
    }

    [TestMethod]
    public void No_relation_holds_the_rows_around_the_policies_and_a_tenant_cannot_write_the_canonical_table()
    {
        // Every table in the canonical schema is one whose policies were checked: no partition, no child table.
        CollectionAssert.AreEqual(new object[] { "deals" }, new object?[] { db.Superuser("SELECT string_agg(relname::text, ',') FROM pg_class WHERE relnamespace = 'canonical'::regnamespace AND relkind IN ('r', 'p', 'v', 'm')") });
        Assert.AreEqual(0L, db.Superuser("SELECT count(*) FROM pg_inherits WHERE inhparent = 'canonical.deals'::regclass"));
        db.Denied(Alpha, "INSERT INTO canonical.deals (deal_id, amount, tenant_id) VALUES (9, 9, 'alpha')");
        db.Denied(Alpha, "DELETE FROM canonical.deals");
    }

    [TestMethod]
    public void The_admin_role_reads_every_tenant()
    {
        // BYPASSRLS is not inherited: a login acts as the admin role by SET ROLE (docs/security.md).
        using var admin = db.Open(Admin);
        Assert.AreEqual(0L, SecuredDatabase.Scalar(admin, "SELECT count(*) FROM canonical.deals"), "row-level security also holds for members that did not SET ROLE");
        SecuredDatabase.Scalar(admin, "SET ROLE ct_admin");
        Assert.AreEqual(3L, SecuredDatabase.Scalar(admin, "SELECT count(*) FROM canonical.deals"));
    }
}
