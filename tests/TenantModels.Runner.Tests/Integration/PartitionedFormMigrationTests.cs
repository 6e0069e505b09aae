using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// A database deployed with the partition-per-tenant form of <c>canonical: table</c> (bundles built by that compiler,
/// Fixtures/PartitionedCanonicalForm) is moved to the one-table form by a plain <c>apply</c>: every row is there after,
/// nothing of the old form is left, tenant roles still read only their own rows.
/// </summary>
[TestClass]
public sealed class PartitionedFormMigrationTests
{
    private static readonly string[] ThreeTenants = { "acme:outreach", "globex:salesloft", "initech:outreach+salesloft" };

    private const string OrderCount = """
        model: order_count
        columns:
          orders: bigint
        sql: "select count(*) as orders from {{ ref('orders') }}"
        canonical: table
        grants: { reader: [select], admin: [select] }
        """;

    private static string OldBundle(string name) => RepoPaths.Combine("tests", "TenantModels.Runner.Tests", "Fixtures", "PartitionedCanonicalForm", name);

    /// <summary>A database with the three tenants' raw rows and the old form applied (checked to be the old form).</summary>
    private static string DeployedInTheOldForm(string name)
    {
        var db = SharedPostgres.Server.CreateDatabase(name);
        foreach (var tenant in ThreeTenants)
        {
            foreach (var source in tenant.Split(':')[1].Split('+'))
            {
                Db.Execute(db, CanonicalProject.RawData(tenant.Split(':')[0], source, 1, 5));
            }
        }

        var old = CliRun.Against(db, "apply", OldBundle("canonical"));
        Assert.AreEqual(ExitCodes.Success, old.ExitCode, old.ToString());
        Assert.AreEqual("p", Relkind(db, "canonical.call"), "the fixture must deploy the partitioned form, or the test proves nothing");
        Assert.AreEqual(10L, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.\"call$initech\""));
        return db;
    }

    private static string Relkind(string db, string table) => Db.Scalar<char>(db, $"SELECT relkind FROM pg_class WHERE oid = '{table}'::regclass").ToString();

    /// <summary>Relations of the canonical schema that are neither a model's table or view nor one of their indexes.</summary>
    private static string[] Leftovers(string db) => Db.Rows(db,
        "SELECT relname FROM pg_class WHERE relnamespace = 'canonical'::regnamespace AND relname LIKE '%$%' ORDER BY 1");

    [TestMethod]
    public void ApplyMovesAPartitionedCanonicalTableToOneTableWithEveryRow()
    {
        var db = DeployedInTheOldForm("migrate_rows");
        var before = CanonicalProject.Rows(db, "call");
        var incremental = Db.Rows(db, "SELECT call_id, user_id, tenant_id FROM canonical.call_inc ORDER BY 3, 1");
        Assert.AreEqual(20, before.Length);

        var bundle = HandBuiltBundles.WriteToTemp(CanonicalProject.Compile("1.1.0", ThreeTenants));
        var applied = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        Assert.AreEqual("r", Relkind(db, "canonical.call"));
        Assert.AreEqual("r", Relkind(db, "canonical.call_inc"));
        CollectionAssert.AreEqual(before, CanonicalProject.Rows(db, "call"), "rows changed in the migration");
        CollectionAssert.AreEqual(incremental, Db.Rows(db, "SELECT call_id, user_id, tenant_id FROM canonical.call_inc ORDER BY 3, 1"));
        CollectionAssert.AreEqual(new string[0], Leftovers(db), "partitions or old tables were left behind");
        Assert.IsTrue(Db.Scalar<bool>(db, """
            SELECT EXISTS (SELECT FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                           WHERE i.indrelid = 'canonical.call'::regclass AND a.attname = 'tenant_id')
            """), "the new table has no index leading on tenant_id");

        var verify = CliRun.Against(db, "verify", bundle);
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.ToString());
        StringAssert.Contains(CliRun.Against(db, "apply", bundle).Out, "Nothing to apply");
        Db.Execute(db, CanonicalProject.RawData("acme", "outreach", 100, 3));
        var refreshed = CliRun.Against(db, "refresh", bundle);
        Assert.AreEqual(ExitCodes.Success, refreshed.ExitCode, refreshed.ToString());
        CollectionAssert.AreEqual(CanonicalProject.Rows(db, "call_v"), CanonicalProject.Rows(db, "call"), "refresh after the migration");
    }

    [TestMethod]
    public void ATenantRemovedInTheMigratingApplyLosesItsRowsAndLeavesNothingBehind()
    {
        var db = DeployedInTheOldForm("migrate_removal");
        var bundle = HandBuiltBundles.WriteToTemp(CanonicalProject.Compile("1.1.0", "acme:outreach", "initech:outreach+salesloft"));

        var refused = CliRun.Against(db, "apply", bundle);
        Assert.AreEqual(ExitCodes.Refused, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "TM3009");
        var applied = CliRun.Against(db, "apply", bundle, "--allow-data-loss");

        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        CollectionAssert.AreEqual(new[] { "acme|5", "initech|10" }, Db.Rows(db, "SELECT tenant_id, count(*) FROM canonical.call GROUP BY 1 ORDER BY 1"));
        CollectionAssert.AreEqual(new string[0], Leftovers(db), "the removed tenant's partition or the old table was left behind");
        var verify = CliRun.Against(db, "verify", bundle);
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.ToString());
    }

    [TestMethod]
    public void ATenantWhoseStepFailsKeepsItsRowsInTheOldTableUntilTheNextApplyMovesThem()
    {
        var db = DeployedInTheOldForm("migrate_failure");
        var globex = CanonicalProject.Rows(db, "call", "globex");
        // A raw row its fill cannot cast: globex's unit fails and rolls back.
        Db.Execute(db, "INSERT INTO globex_raw_salesloft.call VALUES (100, 'not a timestamp', 'x', 'y')");
        var bundle = HandBuiltBundles.WriteToTemp(CanonicalProject.Compile("1.1.0", ThreeTenants));

        var partial = CliRun.Against(db, "apply", bundle);

        Assert.AreNotEqual(ExitCodes.Success, partial.ExitCode, partial.ToString());
        Assert.AreEqual("r", Relkind(db, "canonical.call"));
        CollectionAssert.AreEqual(new[] { "acme|5", "initech|10" }, Db.Rows(db, "SELECT tenant_id, count(*) FROM canonical.call GROUP BY 1 ORDER BY 1"));
        CollectionAssert.AreEqual(globex, Db.Rows(db, """
            SELECT call_id, call_created_at, user_id, call_disposition_name, tenant_id FROM canonical."call$globex" ORDER BY 5, 1, 2, 3, 4
            """), "the failed tenant's partition lost its rows");

        Db.Execute(db, "DELETE FROM globex_raw_salesloft.call WHERE id = 100");
        var applied = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        CollectionAssert.AreEqual(globex, CanonicalProject.Rows(db, "call", "globex"));
        CollectionAssert.AreEqual(new string[0], Leftovers(db), "the last partition's step did not drop the old table");
    }

    [TestMethod]
    public void TenantRolesReadOnlyTheirOwnRowsAfterTheMigration()
    {
        const string prefix = "scmg";
        var db = SharedPostgres.Server.CreateDatabase("migrate_secured");
        var old = CliRun.Against(db, "apply", OldBundle("secured"));
        Assert.AreEqual(ExitCodes.Success, old.ExitCode, old.ToString());
        Db.Execute(db, "INSERT INTO tenant_alpha.orders VALUES (1, 10), (2, 20); INSERT INTO tenant_bravo.orders VALUES (3, 30)");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "refresh", OldBundle("secured")).ExitCode);
        Assert.AreEqual("p", Relkind(db, "canonical.order_count"), "the fixture must deploy the partitioned form, or the test proves nothing");

        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.1.0", new[] { "alpha", "bravo" }, "shared",
            extra: new[] { ("models/order_count.yaml", OrderCount) }));
        var applied = CliRun.Against(db, "apply", bundle);

        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());
        Assert.AreEqual("r", Relkind(db, "canonical.order_count"));
        CollectionAssert.AreEqual(new[] { "alpha|2", "bravo|1" }, Db.Rows(db, "SELECT tenant_id, orders FROM canonical.order_count ORDER BY 1"));
        CollectionAssert.AreEqual(new[] { "alpha|2" }, Db.Rows(db, $"SET ROLE {prefix}_alpha_reader; SELECT tenant_id, orders FROM canonical.order_count ORDER BY 1"));
        CollectionAssert.AreEqual(new[] { "bravo|1" }, Db.Rows(db, $"SET ROLE {prefix}_bravo_reader; SELECT tenant_id, orders FROM canonical.order_count ORDER BY 1"));
        Assert.IsTrue(Db.Scalar<bool>(db, "SELECT relforcerowsecurity FROM pg_class WHERE oid = 'canonical.order_count'::regclass"), "row-level security is not forced on the new table");
        CollectionAssert.AreEqual(new string[0], Leftovers(db));
        var verify = CliRun.Against(db, "verify", bundle);
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Out, "No drift");
    }
}
