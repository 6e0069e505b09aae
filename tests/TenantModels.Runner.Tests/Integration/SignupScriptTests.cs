using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Core.Pipeline;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// The CRM seed's signup: the tenant's schema and tables and its owner user in one transaction
/// (<c>tenants provision --then signup.sql --var ...</c>); when any part fails, nothing of the tenant remains.
/// </summary>
[TestClass]
public sealed class SignupScriptTests
{
    private const string OwnerScript = """
        -- The owner is application data in the tenant's own users table.
        INSERT INTO "tenant_{{tenant}}".users (email, role) VALUES (:'owner_email', 'owner');
        """;

    private static string Deployed(string name, out string bundle)
    {
        var compiled = ModelProjectCompiler.Compile(ProjectInput.FromDirectory(RepoPaths.Combine("samples", "SchemaPerTenantCrm"), "SchemaPerTenantCrm", "1.0.0"));
        Assert.IsTrue(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        bundle = HandBuiltBundles.WriteToTemp(compiled.Bundle!);
        var db = SharedPostgres.Server.CreateDatabase(name);
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);
        return db;
    }

    private static string Script(string text)
    {
        var path = Path.Combine(CliRun.TempDirectory(), "signup.sql");
        File.WriteAllText(path, text);
        return path;
    }

    [TestMethod]
    public void SignupCreatesTheTenantAndItsOwnerTogether()
    {
        var db = Deployed("signup_owner", out var bundle);

        var result = CliRun.Against(db, "tenants", "provision", bundle, "newco", "--name", "NewCo",
            "--then", Script(OwnerScript), "--var", "owner_email=o'brien@newco.io");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(new[] { "1|o'brien@newco.io|owner" }, Db.Rows(db, "SELECT id, email, role FROM tenant_newco.users"));
        StringAssert.Contains(CliRun.Against(db, "tenants", "list", bundle).Out, "newco");
    }

    [TestMethod]
    public void AFailingSignupScriptLeavesNothingOfTheTenant()
    {
        var db = Deployed("signup_fails", out var bundle);
        var script = Script(OwnerScript + "INSERT INTO \"tenant_{{tenant}}\".users (email, role) VALUES (:'owner_email', 'owner');\n");

        // The same e-mail twice breaks the users table's unique key, after the schema and tables were created.
        var result = CliRun.Against(db, "tenants", "provision", bundle, "newco", "--then", script, "--var", "owner_email=owner@newco.io");

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "TM3051");
        StringAssert.Contains(result.Error, "23505");
        Assert.IsFalse(Db.SchemaExists(db, "tenant_newco"), "the tenant's schema must be rolled back with the script");
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.runtime_tenant"));
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM tenantmodels.deployed_artefact WHERE tenant_id = 'newco'"));
    }

    [TestMethod]
    public void AScriptNamingAVariableNotGivenIsRefusedBeforeAnythingRuns()
    {
        var db = Deployed("signup_unbound", out var bundle);

        var result = CliRun.Against(db, "tenants", "provision", bundle, "newco", "--then", Script(OwnerScript));
        var missingFile = CliRun.Against(db, "tenants", "provision", bundle, "newco", "--then", Path.Combine(CliRun.TempDirectory(), "none.sql"));

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "TM3050");
        StringAssert.Contains(result.Error, "owner_email");
        Assert.AreEqual(ExitCodes.UsageError, missingFile.ExitCode, missingFile.ToString());
        StringAssert.Contains(missingFile.Error, "TM3050");
        Assert.IsFalse(Db.SchemaExists(db, "tenant_newco"));
    }
}
