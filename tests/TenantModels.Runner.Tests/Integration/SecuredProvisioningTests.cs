using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>A tenant provisioned at run time in a secured project gets its roles with its objects, and the isolation checks hold.</summary>
[TestClass]
public sealed class SecuredProvisioningTests
{
    [TestMethod]
    [DataRow("schema")]
    [DataRow("shared")]
    public void AProvisionedTenantGetsItsRolesAndVerifiesClean(string isolation)
    {
        var prefix = "sp" + isolation[..2];
        var db = SharedPostgres.Server.CreateDatabase("secured_provision_" + isolation);
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(prefix, "1.0.0", new[] { "alpha", "bravo" }, isolation));
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);

        var provision = CliRun.Against(db, "tenants", "provision", bundle, "delta");
        var verify = CliRun.Against(db, "verify", bundle);

        Assert.AreEqual(ExitCodes.Success, provision.ExitCode, provision.ToString());
        Assert.AreEqual(1L, Db.Scalar<long>(db, $"SELECT count(*) FROM pg_roles WHERE rolname = '{prefix}_delta_reader' AND NOT rolcanlogin"));
        Assert.IsTrue(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_delta_reader', 'tenant_delta.orders', 'SELECT')"));
        Assert.IsFalse(Db.Scalar<bool>(db, $"SELECT has_table_privilege('{prefix}_delta_reader', 'tenant_alpha.orders', 'SELECT')"));
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.ToString());

        var remove = CliRun.Against(db, "tenants", "remove", bundle, "delta", "--allow-data-loss");
        Assert.AreEqual(ExitCodes.Success, remove.ExitCode, remove.ToString());
        Assert.AreEqual(0L, Db.Scalar<long>(db, $"SELECT count(*) FROM pg_roles WHERE rolname = '{prefix}_delta_reader'"));
    }
}
