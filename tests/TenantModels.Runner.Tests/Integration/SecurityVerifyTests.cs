using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// <c>tenantmodels verify</c> runs the bundle's shipped isolation checks: a clean database verifies clean, and each
/// kind of drift injected by hand (then undone) is reported, exit 5.
/// </summary>
[TestClass]
public sealed class SecurityVerifyTests
{
    private const string Prefix = "vf";
    private static string db = null!;
    private static string bundle = null!;

    [ClassInitialize]
    public static void Deploy(TestContext context)
    {
        db = SharedPostgres.Server.CreateDatabase("secured_verify");
        var totals = ("models/screen_totals.yaml", """
            model: screen_totals
            materialized: view
            scope: shared
            columns:
              white_label_id: integer
              screens: bigint
            sql: "select white_label_id, count(*) as screens from {{ ref('screens') }} group by white_label_id"
            grants: { reader: [select], admin: [select] }
            """);
        bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(Prefix, "1.0.0", new[] { "alpha", "bravo", "charlie" }, "shared", extra: new[] { totals }));
        var apply = CliRun.Against(db, "apply", bundle);
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        Db.Execute(db, "INSERT INTO shared.screens VALUES ('alpha', 1, 1), ('bravo', 2, 2), ('bravo', 3, 2), ('charlie', 4, 3)");
    }

    private static CliResult Verify() => CliRun.Against(db, "verify", bundle);

    /// <summary>
    /// Tenant roles' attributes are compared for every tenant at once (the typed comparison reads every role in one
    /// query): each finding is still that tenant's, named by the artefact that declares the role.
    /// </summary>
    [TestMethod]
    public void AFindingAboutATenantsRoleIsAttributedToItsTenant()
    {
        Db.Execute(db, "ALTER ROLE vf_bravo_reader CREATEROLE");
        CliResult result;
        try
        {
            result = CliRun.Against(db, "verify", bundle, "--json");
        }
        finally
        {
            Db.Execute(db, "ALTER ROLE vf_bravo_reader NOCREATEROLE");
        }

        Assert.AreEqual(ExitCodes.Drift, result.ExitCode, result.ToString());
        var findings = System.Text.Json.JsonDocument.Parse(result.Out).RootElement.GetProperty("drift").EnumerateArray()
            .Where(d => d.GetProperty("artefact").GetString() == "security.tenant_roles")
            .Select(d => d.GetProperty("tenant").GetString() + "|" + d.GetProperty("object").GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { "bravo|vf_bravo_reader" }, findings, result.Out);
    }

    [TestMethod]
    public void ACleanDatabaseVerifiesCleanWithTheRowChecksRun()
    {
        var result = Verify();

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Out, "No drift");
        Assert.IsFalse(result.Out.Contains("Skipped", StringComparison.Ordinal), "the superuser verifier runs the row-visibility checks:\n" + result.Out);
    }

    [TestMethod]
    public void TamperedIsolationChecksMakeTheBundleInvalid()
    {
        var copy = System.IO.Path.Combine(CliRun.TempDirectory(), "bundle");
        foreach (var file in System.IO.Directory.EnumerateFiles(bundle, "*", System.IO.SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(copy, System.IO.Path.GetRelativePath(bundle, file));
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            System.IO.File.Copy(file, target);
        }

        var checks = System.IO.Path.Combine(copy, "checks", "isolation.sql");
        Assert.IsTrue(System.IO.File.Exists(checks), "the bundle must ship its isolation checks");
        // A weakened check (one that can never find anything) must not pass for the shipped one.
        System.IO.File.WriteAllText(checks, System.IO.File.ReadAllText(checks).Replace("WHERE r.oid IS NULL", "WHERE false AND r.oid IS NULL", StringComparison.Ordinal));

        var result = CliRun.Against(db, "verify", copy);

        Assert.AreEqual(ExitCodes.InvalidBundle, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "checks/isolation.sql");
    }

    [TestMethod]
    [DataRow("ALTER TABLE shared.screens DISABLE ROW LEVEL SECURITY", "ALTER TABLE shared.screens ENABLE ROW LEVEL SECURITY", "row-level security is not enabled")]
    [DataRow("ALTER TABLE shared.screens NO FORCE ROW LEVEL SECURITY", "ALTER TABLE shared.screens FORCE ROW LEVEL SECURITY", "row-level security is not forced")]
    [DataRow("CREATE POLICY leak ON shared.screens TO PUBLIC USING (true)", "DROP POLICY leak ON shared.screens", "policy leak was not declared")]
    [DataRow("ALTER POLICY tm_tenant_guard ON shared.screens TO vf_reader, vf_app", "ALTER POLICY tm_tenant_guard ON shared.screens TO vf_reader", "policy tm_tenant_guard differs")]
    [DataRow("DROP POLICY tm_tenant_guard ON shared.screens",
        "CREATE POLICY tm_tenant_guard ON shared.screens AS RESTRICTIVE FOR ALL TO vf_reader USING (tenant_id = (SELECT vf_security.current_tenant())) WITH CHECK (tenant_id = (SELECT vf_security.current_tenant()))",
        "declared policy tm_tenant_guard is missing")]
    [DataRow("GRANT SELECT ON shared.screens TO PUBLIC", "REVOKE SELECT ON shared.screens FROM PUBLIC", "SELECT is granted to PUBLIC, which was not declared")]
    [DataRow("GRANT INSERT ON tenant_alpha.orders TO vf_alpha_reader", "REVOKE INSERT ON tenant_alpha.orders FROM vf_alpha_reader", "INSERT is granted to vf_alpha_reader, which was not declared")]
    [DataRow("REVOKE SELECT ON tenant_bravo.orders FROM vf_bravo_reader", "GRANT SELECT ON tenant_bravo.orders TO vf_bravo_reader", "declared SELECT for vf_bravo_reader is missing")]
    [DataRow("GRANT USAGE ON SCHEMA tenant_alpha TO vf_bravo_reader", "REVOKE USAGE ON SCHEMA tenant_alpha FROM vf_bravo_reader", "USAGE is granted to vf_bravo_reader, which was not declared")]
    [DataRow("ALTER TABLE tenant_alpha.orders OWNER TO postgres", "ALTER TABLE tenant_alpha.orders OWNER TO vf_owner", "is owned by postgres, not vf_owner")]
    [DataRow("ALTER ROLE vf_alpha_reader CREATEROLE", "ALTER ROLE vf_alpha_reader NOCREATEROLE", "has CREATEROLE, which was not declared")]
    [DataRow("ALTER ROLE vf_app BYPASSRLS", "ALTER ROLE vf_app NOBYPASSRLS", "has BYPASSRLS, which was not declared")]
    [DataRow("ALTER ROLE vf_owner LOGIN", "ALTER ROLE vf_owner NOLOGIN", "has LOGIN, which was not declared")]
    [DataRow("GRANT vf_bravo_reader TO vf_alpha_reader", "REVOKE vf_bravo_reader FROM vf_alpha_reader", "is a member of vf_bravo_reader, which was not declared")]
    [DataRow("GRANT pg_read_all_data TO vf_app", "REVOKE pg_read_all_data FROM vf_app", "is a member of pg_read_all_data, which was not declared")]
    [DataRow("CREATE ROLE vf_two_tenants LOGIN IN ROLE vf_alpha_reader, vf_bravo_reader", "DROP ROLE vf_two_tenants", "can use the roles of 2 tenants")]
    [DataRow("ALTER VIEW shared.screen_totals RESET (security_invoker)", "ALTER VIEW shared.screen_totals RESET (security_barrier); ALTER VIEW shared.screen_totals SET (security_invoker = true, security_barrier = true)", "view is not security_invoker and security_barrier")]
    [DataRow("ALTER FUNCTION vf_security.tenant_of(name) RESET search_path", "ALTER FUNCTION vf_security.tenant_of(name) SET search_path = pg_catalog, pg_temp", "is not SECURITY DEFINER, STABLE with search_path pinned")]
    [DataRow("GRANT EXECUTE ON FUNCTION vf_security.tenant_of(name) TO PUBLIC", "REVOKE EXECUTE ON FUNCTION vf_security.tenant_of(name) FROM PUBLIC", "EXECUTE is granted to PUBLIC, which was not declared")]
    [DataRow("GRANT SELECT ON vf_security.tenant_role TO vf_reader", "REVOKE SELECT ON vf_security.tenant_role FROM vf_reader", "SELECT is granted to vf_reader, which was not declared")]
    [DataRow("DO $$ BEGIN EXECUTE format('GRANT TEMP ON DATABASE %I TO PUBLIC', current_database()); END $$",
        "DO $$ BEGIN EXECUTE format('REVOKE TEMP ON DATABASE %I FROM PUBLIC', current_database()); END $$", "TEMPORARY is granted to PUBLIC, which was not declared")]
    [DataRow("GRANT CREATE ON SCHEMA public TO PUBLIC", "REVOKE CREATE ON SCHEMA public FROM PUBLIC", "PUBLIC may CREATE in schema public")]
    [DataRow("ALTER DEFAULT PRIVILEGES FOR ROLE vf_owner GRANT EXECUTE ON FUNCTIONS TO PUBLIC", "ALTER DEFAULT PRIVILEGES FOR ROLE vf_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC", "functions it creates are executable by PUBLIC")]
    [DataRow("UPDATE vf_security.tenant_role SET tenant_id = 'bravo' WHERE role_name = 'vf_alpha_reader'",
        "UPDATE vf_security.tenant_role SET tenant_id = 'alpha' WHERE role_name = 'vf_alpha_reader'", "role vf_alpha_reader is not registered for tenant alpha (it is for bravo)")]
    [DataRow("ALTER POLICY tm_tenant_guard ON shared.screens USING (true); ALTER POLICY tm_tenant ON shared.screens USING (true)",
        "ALTER POLICY tm_tenant_guard ON shared.screens USING (tenant_id = (SELECT vf_security.current_tenant())); ALTER POLICY tm_tenant ON shared.screens USING (tenant_id = (SELECT vf_security.current_tenant()))",
        "as vf_alpha_reader, 3 row(s) of other tenants are visible")]
    [DataRow("ALTER POLICY tm_app_guard ON shared.screens USING (true); ALTER POLICY tm_app ON shared.screens USING (true)",
        "ALTER POLICY tm_app_guard ON shared.screens USING (tenant_id = NULLIF(current_setting('tenantmodels.tenant', true), '')); ALTER POLICY tm_app ON shared.screens USING (tenant_id = NULLIF(current_setting('tenantmodels.tenant', true), ''))",
        "as vf_app with no tenant set, 4 row(s) are visible")]
    public void InjectedDriftIsReported(string inject, string undo, string expected)
    {
        Db.Execute(db, inject);
        CliResult result;
        try
        {
            result = Verify();
        }
        finally
        {
            Db.Execute(db, undo);
        }

        Assert.AreEqual(ExitCodes.Drift, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Out, expected, result.ToString());
        StringAssert.Contains(result.Error, "TM3011");
        var clean = Verify();
        Assert.AreEqual(ExitCodes.Success, clean.ExitCode, "undoing the drift must verify clean again:\n" + clean);
    }
}
