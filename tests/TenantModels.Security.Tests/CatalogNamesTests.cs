using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TenantModels.Security.Tests;

/// <summary>
/// Threat 13: the catalogs (<c>pg_namespace</c>, <c>pg_roles</c>, <c>pg_class</c>, view and function text) are readable
/// by every login, so they must carry tenant ids only — never a customer's display name or attributes, which
/// tenants.yaml keeps for the manifest and the generated C#.
/// </summary>
[TestClass]
public sealed class CatalogNamesTests
{
    private const string Login = "n_alpha_login";
    private const string CustomerName = "Globex Secret Merger Co";
    private const string Attribute = "partner-nc-4242";

    private static readonly (string, string)[] Project =
    {
        ("tenants.yaml", $$"""
            attributes:
              partner_code: text
            tenants:
              - id: alpha
                name: Alpha Inc
              - id: t_0042
                name: {{CustomerName}}
                attributes: { partner_code: {{Attribute}} }
            """),
        ("tenantmodels.yaml", "security:\n  isolation: shared\n  prefix: n\n  tenant_roles:\n    reader: \"n_<tenant>_reader\"\n"),
        ("models/screens.yaml", """
            model: screens
            materialized: table
            scope: shared
            columns:
              id: { type: integer, nullable: false }
            primary_key: [id]
            grants: { reader: [select], admin: [select] }
            """),
        ("models/notes.yaml", """
            model: notes
            materialized: table
            columns:
              id: { type: integer, nullable: false }
            primary_key: [id]
            grants: { reader: [select] }
            """),
        ("models/note_count.yaml", """
            model: note_count
            columns:
              notes: bigint
            sql: "select count(*) as notes from {{ ref('notes') }}"
            grants: { reader: [select] }
            """),
    };

    /// <summary>Every name and definition text the catalogs show a tenant login.</summary>
    private const string CatalogText = """
        SELECT nspname::text FROM pg_namespace
        UNION ALL SELECT rolname::text FROM pg_roles
        UNION ALL SELECT relname::text FROM pg_class
        UNION ALL SELECT coalesce(pg_get_viewdef(c.oid), '') FROM pg_class c WHERE c.relkind IN ('v', 'm')
        UNION ALL SELECT proname::text || ' ' || coalesce(prosrc, '') FROM pg_proc
        UNION ALL SELECT coalesce(obj_description(oid), '') FROM pg_class
        """;

    [TestMethod]
    public void T13_the_catalogs_a_tenant_can_read_name_tenants_by_id_only()
    {
        var db = SecuredDatabase.Deploy("catalog_names", string.Empty, Project);
        db.Login(Login, "n_alpha_reader");

        var text = db.Column(Login, CatalogText);

        Assert.IsTrue(text.Any(t => t.Contains("t_0042")), "the other tenant's id is visible (role names are public): the query reads the catalogs");
        Assert.IsFalse(text.Any(t => t.Contains("Globex") || t.Contains("Secret")), "a customer's display name reached the catalog");
        Assert.IsFalse(text.Any(t => t.Contains(Attribute)), "a tenant attribute reached the catalog");
        StringAssert.Contains(db.DeployScript, "t_0042", "the script names the tenant by id");
        Assert.IsFalse(db.DeployScript.Contains(CustomerName), "deploy.sql must not carry display names");
    }

    [TestMethod]
    public void T13_control_an_object_named_after_the_customer_is_visible_to_every_tenant()
    {
        var db = SecuredDatabase.Deploy("catalog_names_control", string.Empty, Project);
        db.Login(Login, "n_alpha_reader");
        db.Execute($"CREATE SCHEMA \"{CustomerName}\"; CREATE ROLE \"{CustomerName} reader\" NOLOGIN;");

        var text = db.Column(Login, CatalogText);

        Assert.IsTrue(text.Any(t => t.Contains(CustomerName)), "a name in the catalogs is visible to another tenant's login");
    }
}
