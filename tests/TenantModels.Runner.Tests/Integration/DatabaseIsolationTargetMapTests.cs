using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// isolation: database through a target map: three tenants in three databases, each applied with its own tenant's
/// artefacts and logins; a tenant's login connects to its own database only and finds only its own objects there.
/// </summary>
[TestClass]
public sealed class DatabaseIsolationTargetMapTests
{
    private static readonly string[] Tenants = { "alpha", "bravo", "charlie" };

    [TestMethod]
    public void EachTenantLivesInItsOwnDatabaseAndItsLoginConnectsOnlyThere()
    {
        var databases = Tenants.ToDictionary(t => t, t => SharedPostgres.Server.CreateDatabase("dbiso_" + t));
        var map = Path.Combine(CliRun.TempDirectory(), "targets.json");
        File.WriteAllText(map, JsonSerializer.Serialize(new
        {
            targets = databases.ToDictionary(d => d.Key, d => new { connection = d.Value }),
            tenants = Tenants.ToDictionary(t => t, t => t),
        }));
        var logins = Path.Combine(CliRun.TempDirectory(), "logins.json");
        File.WriteAllText(logins, JsonSerializer.Serialize(new
        {
            logins = Tenants.Select(t => new { name = $"di_{t}_login", tenant = t, role = "reader", passwordVariable = "PW_" + t.ToUpperInvariant() })
                .Append(new { name = "di_admin_login", tenant = (string)null!, role = "admin", passwordVariable = "PW_ADMIN" }),
        }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
        var environment = Tenants.ToDictionary(t => "PW_" + t.ToUpperInvariant(), t => "pw-" + t);
        environment["PW_ADMIN"] = "pw-admin";
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile("di", "1.0.0", Tenants, "database"));

        var apply = CliRun.Run(environment, "apply", bundle, "--targets", map, "--logins", logins);

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        foreach (var (tenant, db) in databases)
        {
            Db.Execute(db, $"INSERT INTO tenant_{tenant}.orders VALUES (1, 1)");
            Assert.AreEqual($"tenant_{tenant}", Db.Scalar<string>(db, "SELECT string_agg(nspname, ',') FROM pg_namespace WHERE nspname LIKE 'tenant\\_%'"));
            Assert.AreEqual(tenant, Db.Scalar<string>(db, "SELECT string_agg(DISTINCT tenant_id, ',') FROM di_security.tenant_role"));
            foreach (var other in Tenants)
            {
                var login = new NpgsqlConnectionStringBuilder(db) { Username = $"di_{other}_login", Pooling = false }.ConnectionString;
                if (other == tenant)
                {
                    Assert.AreEqual(1L, Db.Scalar<long>(login, $"SELECT count(*) FROM tenant_{tenant}.orders"));
                }
                else
                {
                    var refused = Assert.ThrowsExactly<PostgresException>(() => Db.Scalar<long>(login, "SELECT 1"), $"{other}'s login connected to {tenant}'s database");
                    Assert.AreEqual("42501", refused.SqlState, refused.MessageText);
                }
            }

            var admin = new NpgsqlConnectionStringBuilder(db) { Username = "di_admin_login", Pooling = false }.ConnectionString;
            Assert.AreEqual(1L, Db.Scalar<long>(admin, $"SET ROLE di_admin; SELECT count(*) FROM tenant_{tenant}.orders"));
        }

        var verify = CliRun.Run(null, "verify", bundle, "--targets", map);
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.ToString());

        // Drift in one database (another tenant's role given CONNECT there) is reported for that target only.
        Db.Execute(databases["alpha"], "DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO di_bravo_reader', current_database()); END $$;");
        var drift = CliRun.Run(null, "verify", bundle, "--targets", map);
        Assert.AreEqual(ExitCodes.Drift, drift.ExitCode, drift.ToString());
        StringAssert.Contains(drift.Out, "CONNECT is granted to di_bravo_reader, which was not declared");
        Db.Execute(databases["alpha"], "DO $$ BEGIN EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM di_bravo_reader', current_database()); END $$;");

        // A login granted another tenant's role: memberships are cluster-wide, so the database whose registry knows the
        // login's own role sees the second membership, although its registry does not know the other tenant.
        Db.Execute(databases["alpha"], "GRANT di_bravo_reader TO di_alpha_login");
        var crossed = CliRun.Run(null, "verify", bundle, "--targets", map);
        Assert.AreEqual(ExitCodes.Drift, crossed.ExitCode, crossed.ToString());
        StringAssert.Contains(crossed.Out, "di_alpha_login");
        StringAssert.Contains(crossed.Out, "login is a member of di_alpha_reader, di_bravo_reader");
        Db.Execute(databases["alpha"], "REVOKE di_bravo_reader FROM di_alpha_login");

        // Charlie leaves: its database keeps the global roles, loses charlie's objects, roles and registry rows.
        var v2 = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile("di", "1.1.0", Tenants.Take(2), "database"));
        var removal = CliRun.Run(null, "apply", v2, "--targets", map, "--allow-data-loss");
        Assert.AreEqual(ExitCodes.Success, removal.ExitCode, removal.ToString());
        Assert.IsFalse(Db.SchemaExists(databases["charlie"], "tenant_charlie"));
        Assert.IsFalse(Db.Scalar<bool>(databases["alpha"], "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = 'di_charlie_reader')"));
        Assert.AreEqual(0L, Db.Scalar<long>(databases["charlie"], "SELECT count(*) FROM di_security.tenant_role"));
        Assert.AreEqual(ExitCodes.Success, CliRun.Run(null, "verify", v2, "--targets", map).ExitCode);
    }

    /// <summary>
    /// Without a target map, one connection names one database: a database-isolation bundle of several tenants is
    /// refused before anything is written there (it used to commit the first tenant into it and fail the others).
    /// </summary>
    [TestMethod]
    public void SeveralTenantsOfADatabaseIsolationBundleAreRefusedOverOneConnection()
    {
        var scratch = SharedPostgres.Server.CreateDatabase("dbiso_scratch");
        var bundle = HandBuiltBundles.WriteToTemp(SecuredProjects.Compile("dg", "1.0.0", Tenants, "database"));

        var plan = CliRun.Run(null, "plan", bundle, "--connection", scratch);
        var apply = CliRun.Run(null, "apply", bundle, "--connection", scratch);

        Assert.AreEqual(ExitCodes.ApplyWouldRefuse, plan.ExitCode, plan.ToString());
        StringAssert.Contains(plan.Error, "error TM3062:");
        Assert.AreEqual(ExitCodes.Refused, apply.ExitCode, apply.ToString());
        StringAssert.Contains(apply.Error, "error TM3062: the bundle isolates tenants by database and 3 tenants would go to database");
        StringAssert.Contains(apply.Error, "pass --targets with a target map, or select one tenant with --tenant");
        Assert.IsFalse(Db.SchemaExists(scratch, "tenantmodels"), "nothing was written");
        Assert.IsFalse(Db.SchemaExists(scratch, "tenant_alpha"), "no tenant was committed into the wrong database");

        var one = CliRun.Run(null, "apply", bundle, "--connection", scratch, "--tenant", "alpha");

        Assert.AreEqual(ExitCodes.Success, one.ExitCode, one.ToString());
        Assert.IsTrue(Db.SchemaExists(scratch, "tenant_alpha"));
    }
}
