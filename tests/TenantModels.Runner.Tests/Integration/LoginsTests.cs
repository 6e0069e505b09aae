using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// Logins created by the runner from a logins file and passwords in the environment: each is a member of its one
/// role, logs in with its password (SCRAM, checked by the server), sees only its tenant, and its password appears
/// in no output and is stored only as a SCRAM verifier.
/// </summary>
[TestClass]
public sealed class LoginsTests
{
    private const string Prefix = "lg";
    private const string AlphaPassword = "alpha-Secret-1";
    private const string BravoPassword = "bravo-Secret-2";
    private static readonly string[] Logins = { "lg_alpha_login", "lg_bravo_login", "lg_app_login", "lg_admin_login" };
    private static string db = null!;
    private static string bundle = null!;
    private static string file = null!;

    [ClassInitialize]
    public static void Deploy(TestContext context)
    {
        db = SharedPostgres.Server.CreateDatabase("secured_logins");
        bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(Prefix, "1.0.0", new[] { "alpha", "bravo", "charlie" }, "shared"));
        file = Path.Combine(CliRun.TempDirectory(), "logins.json");
        File.WriteAllText(file, """
            { "logins": [
                { "name": "lg_alpha_login", "tenant": "alpha", "role": "reader", "passwordVariable": "ALPHA_PASSWORD" },
                { "name": "lg_bravo_login", "tenant": "bravo", "role": "reader", "passwordVariable": "BRAVO_PASSWORD" },
                { "name": "lg_app_login", "role": "app", "passwordVariable": "APP_PASSWORD" },
                { "name": "lg_admin_login", "role": "admin", "passwordVariable": "ADMIN_PASSWORD" } ] }
            """);
        RequirePasswords(Logins);
        var apply = Run(Environment(), "apply", bundle, "--logins", file, "--connection", db);
        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        Db.Execute(db, "INSERT INTO shared.screens VALUES ('alpha', 1, 1), ('bravo', 2, 2), ('bravo', 3, 2), ('charlie', 4, 3); INSERT INTO tenant_bravo.orders VALUES (7, 1.5);");
    }

    private static Dictionary<string, string> Environment(string alpha = AlphaPassword) => new()
    {
        ["ALPHA_PASSWORD"] = alpha,
        ["BRAVO_PASSWORD"] = BravoPassword,
        ["APP_PASSWORD"] = "app-Secret-3",
        ["ADMIN_PASSWORD"] = "admin-Secret-4",
    };

    private static CliResult Run(Dictionary<string, string> environment, params string[] args) => CliRun.Run(environment, args);

    /// <summary>The test cluster trusts every local login; these must authenticate with their password (SCRAM) instead.</summary>
    private static void RequirePasswords(IEnumerable<string> logins)
    {
        var hba = Db.Scalar<string>(db, "SHOW hba_file");
        File.WriteAllText(hba, string.Concat(logins.Select(l => $"host all {l} 127.0.0.1/32 scram-sha-256\n")) + File.ReadAllText(hba));
        Db.Execute(db, "SELECT pg_reload_conf()");
        // The postmaster reloads on a signal: wait until a wrong password is refused (bounded; no timing is measured).
        for (var attempt = 0; attempt < 100 && Opens(Logins[0], "wrong"); attempt++)
        {
            Thread.Sleep(50);
        }
    }

    private static NpgsqlConnection Open(string login, string password)
    {
        var builder = new NpgsqlConnectionStringBuilder(db) { Username = login, Password = password, Pooling = false, Passfile = "/dev/null" };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }

    private static bool Opens(string login, string password)
    {
        try
        {
            using var connection = Open(login, password);
            return true;
        }
        catch (PostgresException e) when (e.SqlState is "28P01" or "28000")
        {
            return false;
        }
    }

    private static string Scalar(string login, string password, string sql)
    {
        using var connection = Open(login, password);
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [TestMethod]
    public void ATenantLoginLogsInWithItsPasswordAndSeesOnlyItsTenant()
    {
        Assert.IsFalse(Opens("lg_alpha_login", "wrong"), "password authentication must be on, or logging in proves nothing");

        Assert.AreEqual("1", Scalar("lg_alpha_login", AlphaPassword, "SELECT count(*) FROM shared.screens"));
        Assert.AreEqual("alpha", Scalar("lg_alpha_login", AlphaPassword, "SELECT string_agg(DISTINCT tenant_id, ',') FROM shared.screens"));
        Assert.AreEqual("2", Scalar("lg_bravo_login", BravoPassword, "SELECT count(*) FROM shared.screens"));
        var denied = Assert.ThrowsExactly<PostgresException>(() => Scalar("lg_alpha_login", AlphaPassword, "SELECT count(*) FROM tenant_bravo.orders"));
        Assert.AreEqual("42501", denied.SqlState);
        Assert.AreEqual("4", Scalar("lg_admin_login", "admin-Secret-4", "SET ROLE lg_admin; SELECT count(*) FROM shared.screens"));
        Assert.AreEqual("0", Scalar("lg_app_login", "app-Secret-3", "SELECT count(*) FROM shared.screens"));
        Assert.AreEqual("2", Scalar("lg_app_login", "app-Secret-3", "WITH t AS (SELECT set_config('tenantmodels.tenant', 'bravo', true)) SELECT count(*) FROM t, shared.screens"));
    }

    [TestMethod]
    public void LoginsHaveNoOtherAttributeOrMembershipAndReapplyingResetsThem()
    {
        Db.Execute(db, $"""
            ALTER ROLE lg_alpha_login CREATEDB; GRANT pg_read_all_data TO lg_alpha_login; GRANT lg_bravo_reader TO lg_alpha_login;
            ALTER ROLE lg_alpha_login SET search_path = tenant_bravo, public;
            ALTER ROLE lg_alpha_login IN DATABASE "{new NpgsqlConnectionStringBuilder(db).Database}" SET tenantmodels.tenant = 'bravo';
            """);

        var drift = Run(Environment(), "verify", bundle, "--connection", db);
        var again = Run(Environment(), "logins", "apply", bundle, "--logins", file, "--connection", db);
        var clean = Run(Environment(), "verify", bundle, "--connection", db);

        Assert.AreEqual(ExitCodes.Drift, drift.ExitCode, drift.ToString());
        StringAssert.Contains(drift.Out, "login has CREATEDB: a login has LOGIN and INHERIT only");
        StringAssert.Contains(drift.Out, "login is a member of lg_alpha_reader, lg_bravo_reader, pg_read_all_data: a login belongs to one project role only");
        Assert.IsFalse(clean.Out.Contains("lg_alpha_login", System.StringComparison.Ordinal), "logins apply repairs what verify reported:\n" + clean);

        Assert.AreEqual(ExitCodes.Success, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Out, "login lg_alpha_login: updated, member of lg_alpha_reader");
        Assert.AreEqual("lg_alpha_reader", string.Join(",", Db.Rows(db, "SELECT g.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid WHERE a.member = 'lg_alpha_login'::regrole ORDER BY 1")));
        Assert.AreEqual("True|False|False|False|False|True", Db.Rows(db, "SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolinherit FROM pg_roles WHERE rolname = 'lg_alpha_login'")[0]);
        Assert.AreEqual(0L, Db.Scalar<long>(db, "SELECT count(*) FROM pg_db_role_setting WHERE setrole = 'lg_alpha_login'::regrole"),
            "settings made for the login (in every database or in one) are reset: a login starts from the server's defaults");
    }

    [TestMethod]
    public void APasswordChangeTakesEffectAndNoPasswordIsPrintedOrStoredInClear()
    {
        const string rotated = "alpha-Rotated-9";
        var text = Run(Environment(alpha: rotated), "logins", "apply", bundle, "--logins", file, "--connection", db);
        var json = Run(Environment(alpha: rotated), "logins", "apply", bundle, "--logins", file, "--connection", db, "--json");
        try
        {
            Assert.AreEqual(ExitCodes.Success, text.ExitCode, text.ToString());
            Assert.AreEqual(ExitCodes.Success, json.ExitCode, json.ToString());
            Assert.IsTrue(Opens("lg_alpha_login", rotated));
            Assert.IsFalse(Opens("lg_alpha_login", AlphaPassword), "the old password must stop working");
            foreach (var output in new[] { text.Out, text.Error, json.Out, json.Error })
            {
                foreach (var secret in Environment(alpha: rotated).Values)
                {
                    Assert.IsFalse(output.Contains(secret, StringComparison.Ordinal), "a password was printed:\n" + output);
                }

                Assert.IsFalse(output.Contains("SCRAM-SHA-256$", StringComparison.Ordinal), "a verifier was printed:\n" + output);
            }

            StringAssert.StartsWith(Db.Scalar<string>(db, "SELECT rolpassword FROM pg_authid WHERE rolname = 'lg_alpha_login'"), "SCRAM-SHA-256$4096:");
        }
        finally
        {
            var back = Run(Environment(), "logins", "apply", bundle, "--logins", file, "--connection", db);
            Assert.AreEqual(ExitCodes.Success, back.ExitCode, back.ToString());
        }
    }

    [TestMethod]
    [DataRow("""{ "logins": [ { "name": "lg_x_login", "tenant": "zulu", "role": "reader", "passwordVariable": "ALPHA_PASSWORD" } ] }""", "TM3031", "tenant 'zulu'")]
    [DataRow("""{ "logins": [ { "name": "lg_x_login", "tenant": "alpha", "role": "reader", "password": "hunter2" } ] }""", "TM3030", "holds a password")]
    [DataRow("""{ "logins": [ { "name": "lg_x_login", "tenant": "alpha", "role": "reader", "passwordVariable": "UNSET_PASSWORD" } ] }""", "TM3032", "UNSET_PASSWORD is not set")]
    [DataRow("""{ "logins": [ { "name": "lg_x_login", "tenant": "alpha", "role": "auditor", "passwordVariable": "ALPHA_PASSWORD" } ] }""", "TM3030", "unknown role 'auditor'")]
    [DataRow("""{ "logins": [ { "name": "lg_alpha_reader", "tenant": "alpha", "role": "reader", "passwordVariable": "ALPHA_PASSWORD" } ] }""", "TM3030", "name of a role the bundle creates")]
    public void ABadLoginsFileIsRefusedBeforeAnythingChanges(string json, string code, string message)
    {
        var path = Path.Combine(CliRun.TempDirectory(), "logins.json");
        File.WriteAllText(path, json);

        var result = Run(Environment(), "logins", "apply", bundle, "--logins", path, "--connection", db);

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, code);
        StringAssert.Contains(result.Error, message);
        Assert.IsFalse(Db.Scalar<bool>(db, "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lg_x_login')"));
        Assert.IsFalse(result.Error.Contains("hunter2", StringComparison.Ordinal));
    }

    [TestMethod]
    public void ALoginForATenantNotAppliedYetFailsAndChangesNoLogin()
    {
        var withDelta = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile(Prefix, "1.1.0", new[] { "alpha", "bravo", "charlie", "delta" }, "shared"));
        var path = Path.Combine(CliRun.TempDirectory(), "logins.json");
        File.WriteAllText(path, """
            { "logins": [
                { "name": "lg_alpha_login", "tenant": "alpha", "role": "reader", "passwordVariable": "ROTATED" },
                { "name": "lg_delta_login", "tenant": "delta", "role": "reader", "passwordVariable": "ALPHA_PASSWORD" } ] }
            """);
        var environment = Environment();
        environment["ROTATED"] = "never-applied-9";

        var result = Run(environment, "logins", "apply", withDelta, "--logins", path, "--connection", db);

        Assert.AreEqual(ExitCodes.Failed, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "TM3034");
        StringAssert.Contains(result.Error, "lg_delta_reader");
        Assert.IsFalse(Db.Scalar<bool>(db, "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lg_delta_login')"));
        Assert.IsTrue(Opens("lg_alpha_login", AlphaPassword), "the whole file is one transaction: alpha's password must be unchanged");
    }

    [TestMethod]
    public void LoginsOfABundleWithoutSecurityAreRefused()
    {
        var plain = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());

        var result = Run(Environment(), "logins", "apply", plain, "--logins", file, "--connection", db);

        Assert.AreEqual(ExitCodes.UsageError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "TM3033");
    }
}
