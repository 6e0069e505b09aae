using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// The runner plans the security artefacts by their own kinds: roles and grants re-run when they change, a removed
/// tenant's roles are dropped, a removed secured model goes with its grants, and a re-apply runs no DDL.
/// </summary>
[TestClass]
public sealed class SecuredLifecycleTests
{
    private static readonly string[] ThreeTenants = { "alpha", "bravo", "charlie" };

    private static CliResult Apply(string db, Bundle bundle, params string[] extra) =>
        CliRun.Against(db, new[] { "apply", HandBuiltBundles.WriteToTemp(bundle) }.Concat(extra).ToArray());

    private static void Applied(string db, Bundle bundle, params string[] extra)
    {
        var result = Apply(db, bundle, extra);
        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
    }

    private static bool RoleExists(string db, string role) => Db.Scalar<bool>(db, $"SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}')");

    [TestMethod]
    [DataRow("schema", "sl1")]
    [DataRow("shared", "sl2")]
    public void RemovingATenantDropsItsRolesAndObjectsAndItsRegistryRows(string isolation, string prefix)
    {
        var db = SharedPostgres.Server.CreateDatabase("secured_remove_" + isolation);
        Applied(db, SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, isolation));
        Assert.IsTrue(RoleExists(db, $"{prefix}_charlie_reader"), "the tenant's role must exist first, or its removal proves nothing");
        Assert.IsTrue(Db.SchemaExists(db, "tenant_charlie"));

        var refused = Apply(db, SecuredProjects.Compile(prefix, "1.1.0", ThreeTenants.Take(2), isolation));
        Assert.AreEqual(ExitCodes.Refused, refused.ExitCode, refused.ToString());
        Assert.IsTrue(RoleExists(db, $"{prefix}_charlie_reader"), "a refused apply changes nothing");

        Applied(db, SecuredProjects.Compile(prefix, "1.1.0", ThreeTenants.Take(2), isolation), "--allow-data-loss");

        Assert.IsFalse(RoleExists(db, $"{prefix}_charlie_reader"));
        Assert.IsFalse(Db.SchemaExists(db, "tenant_charlie"));
        Assert.AreEqual(0L, Db.Scalar<long>(db, $"SELECT count(*) FROM {prefix}_security.tenant_role WHERE tenant_id = 'charlie'"));
        Assert.IsTrue(RoleExists(db, $"{prefix}_bravo_reader"), "the other tenants keep their roles");
        Assert.AreEqual("bravo", Db.Scalar<string>(db, $"SELECT tenant_id FROM {prefix}_security.tenant_role WHERE role_name = '{prefix}_bravo_reader'"));
    }

    [TestMethod]
    [DataRow("schema", "sl3", "tenant", "tenant_alpha.notes")]
    [DataRow("shared", "sl9", "shared", "shared.notes")]
    public void RemovingASecuredModelDropsItAndKeepsEverythingElse(string isolation, string prefix, string scope, string notesTable)
    {
        var db = SharedPostgres.Server.CreateDatabase("secured_remove_model_" + isolation);
        var notes = ("models/notes.yaml", $"model: notes\nmaterialized: table\nscope: {scope}\ncolumns:\n  id: integer\ngrants: {{ reader: [select] }}\n");
        Applied(db, SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, isolation, extra: new[] { notes }));
        Assert.AreEqual(1L, Db.Scalar<long>(db, $"SELECT count(*) FROM pg_class WHERE oid = to_regclass('{notesTable}')"));

        Applied(db, SecuredProjects.Compile(prefix, "1.1.0", ThreeTenants, isolation), "--allow-data-loss");

        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM pg_class WHERE relname = 'notes'"));
        Assert.IsTrue(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_alpha_reader', 'tenant_alpha.orders', 'SELECT')"));
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.deployed_artefact WHERE artefact_id LIKE '%notes%'"));
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "verify", HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.1.0", ThreeTenants, isolation))).ExitCode);
    }

    [TestMethod]
    public void ChangingATablesGrantsRerunsOnlyItsGrantsAndRevokesTheOldPrivilege()
    {
        const string prefix = "sl4";
        var db = SharedPostgres.Server.CreateDatabase("secured_grants_change");
        Applied(db, SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, orderGrants: "{ reader: [select, insert], admin: [select] }"));
        Assert.IsTrue(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_alpha_reader', 'tenant_alpha.orders', 'INSERT')"), "the privilege must be there first");
        Db.Execute(db, "INSERT INTO tenant_alpha.orders VALUES (1, 9.5)");
        var v2 = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.1.0", ThreeTenants, orderGrants: "{ reader: [select], admin: [select] }"));

        var plan = CliRun.Against(db, "plan", v2);
        var apply = CliRun.Against(db, "apply", v2);

        Assert.AreEqual(ExitCodes.Success, plan.ExitCode, plan.ToString());
        StringAssert.Contains(plan.Out, "-- grants.table.orders (tenant alpha) [changed]");
        Assert.IsFalse(plan.Out.Contains("TM3010", System.StringComparison.Ordinal), plan.ToString());
        Assert.IsFalse(plan.Out.Contains("-- table.orders", System.StringComparison.Ordinal), "the table itself did not change:\n" + plan.Out);
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        foreach (var tenant in ThreeTenants)
        {
            Assert.IsFalse(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_{tenant}_reader', 'tenant_{tenant}.orders', 'INSERT')"), tenant);
            Assert.IsTrue(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_{tenant}_reader', 'tenant_{tenant}.orders', 'SELECT')"), tenant);
        }

        Assert.AreEqual("1|9.5", string.Join(",", Db.Rows(db, "SELECT * FROM tenant_alpha.orders")));
    }

    [TestMethod]
    [DataRow("schema", "sl5")]
    [DataRow("shared", "sl6")]
    public void ReapplyingASecuredBundleRunsNoDdl(string isolation, string prefix)
    {
        var db = SharedPostgres.Server.CreateDatabase("secured_reapply_" + isolation);
        var bundle = SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, isolation);
        Applied(db, bundle);
        Db.InstallDdlLog(db);

        var again = Apply(db, bundle);

        Assert.AreEqual(ExitCodes.Success, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Out, "Nothing to apply");
        Assert.AreEqual(0L, Db.DdlCount(db));
    }

    [TestMethod]
    public void SchemaIsolationVerifiesCleanAndReportsAnotherTenantsPrivilege()
    {
        const string prefix = "sl8";
        var db = SharedPostgres.Server.CreateDatabase("secured_verify_schema");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants));
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);

        var clean = CliRun.Against(db, "verify", bundle);
        Db.Execute(db, $"GRANT SELECT ON tenant_bravo.orders TO {prefix}_alpha_reader");
        var drift = CliRun.Against(db, "verify", bundle);

        Assert.AreEqual(ExitCodes.Success, clean.ExitCode, clean.ToString());
        Assert.AreEqual(ExitCodes.Drift, drift.ExitCode, drift.ToString());
        StringAssert.Contains(drift.Out, $"SELECT is granted to {prefix}_alpha_reader, which was not declared");
    }

    [TestMethod]
    public void ReconcileSecurityIsStillAcceptedNowThatEveryApplyRepairs()
    {
        const string prefix = "sl10";
        var db = SharedPostgres.Server.CreateDatabase("secured_reconcile");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, "shared"));
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);
        Db.Execute(db, $"GRANT INSERT ON tenant_alpha.orders TO {prefix}_alpha_reader;");

        var reconcile = CliRun.Against(db, "apply", bundle, "--reconcile-security");
        var clean = CliRun.Against(db, "verify", bundle);

        Assert.AreEqual(ExitCodes.Success, reconcile.ExitCode, reconcile.ToString());
        Assert.IsFalse(reconcile.Out.Contains("table.orders:", System.StringComparison.Ordinal) || reconcile.Out.Contains("DROP", System.StringComparison.Ordinal), reconcile.Out);
        Assert.AreEqual(ExitCodes.Success, clean.ExitCode, "the apply must repair the injected drift:\n" + clean);
        StringAssert.Contains(CliRun.Against(db, "apply", bundle, "--reconcile-security").Out, "Nothing to apply");
    }

    [TestMethod]
    public void RecreatingAViewRestoresItsGrants()
    {
        const string prefix = "sl7";
        var db = SharedPostgres.Server.CreateDatabase("secured_view_recreate");
        static (string, string) View(string type) => ("models/order_totals.yaml",
            $"model: order_totals\nmaterialized: view\ncolumns:\n  n: {type}\nsql: \"select count(*)::{type} as n from {{{{ ref('orders') }}}}\"\ngrants: {{ reader: [select] }}\n");
        Applied(db, SecuredProjects.Compile(prefix, "1.0.0", ThreeTenants, extra: new[] { View("bigint") }));

        Applied(db, SecuredProjects.Compile(prefix, "1.1.0", ThreeTenants, extra: new[] { View("integer") }));

        Assert.AreEqual("integer", Db.Scalar<string>(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tenant_alpha.order_totals'::regclass AND attname = 'n'"));
        Assert.IsTrue(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_alpha_reader', 'tenant_alpha.order_totals', 'SELECT')"));
        Assert.AreEqual($"{prefix}_owner", Db.Scalar<string>(db, "SELECT pg_get_userbyid(relowner)::text FROM pg_class WHERE oid = 'tenant_alpha.order_totals'::regclass"));
    }
}
