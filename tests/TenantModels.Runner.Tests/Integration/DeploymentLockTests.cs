using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Runner.Database;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// The deployment lock's key is the runner schema's secret, replaced at every release: a tenant login can neither read
/// it nor block deployments with a key it saw or guessed, while runners still exclude each other.
/// </summary>
[TestClass]
public sealed class DeploymentLockTests
{
    private static string NewDatabase(string name)
    {
        var connection = SharedPostgres.Server.CreateDatabase(name);
        CallAnalyticsData.CreateRawSchemas(connection);
        return connection;
    }

    private static NpgsqlConnection Session(string db, string application)
    {
        // Unpooled: closing must end the session and its locks.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Pooling = false, ApplicationName = application }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Take(NpgsqlConnection session, long key)
    {
        using var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", session);
        take.Parameters.AddWithValue(key);
        take.ExecuteScalar();
    }

    [TestMethod]
    public void AKeyATenantKnowsOrSawDoesNotBlockTheNextDeployment()
    {
        var db = NewDatabase("lock_rotating_key");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        var first = CliRun.Against(db, "apply", bundle);
        Assert.AreEqual(ExitCodes.Success, first.ExitCode, first.ToString());
        long seen;
        using (var runner = Session(db, "tenantmodels"))
        {
            seen = DeploymentLock.CurrentKey(runner);
        }

        Assert.AreNotEqual(DeploymentLock.InitialKey, seen, "the first release replaces the well-known key");
        // What a tenant login could know: the well-known key, and the key it saw in pg_locks during that deployment.
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle, "--lock-wait", "1").ExitCode);
        using var squatter = Session(db, "squatter");
        Take(squatter, DeploymentLock.InitialKey);
        Take(squatter, seen);

        var apply = CliRun.Against(db, "apply", bundle, "--lock-wait", "1");
        var status = CliRun.Against(db, "status", bundle);

        Assert.AreEqual(ExitCodes.Success, apply.ExitCode, apply.ToString());
        Assert.IsFalse(status.Out.Contains("Running:", StringComparison.Ordinal), status.ToString());
    }

    [TestMethod]
    public void ATenantCannotReadTheKey()
    {
        var db = NewDatabase("lock_key_secret");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics())).ExitCode);
        Db.Execute(db, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lock_probe') THEN CREATE ROLE lock_probe; END IF; END $$;");

        var e = Assert.ThrowsExactly<PostgresException>(() => Db.Execute(db, "SET ROLE lock_probe; SELECT key FROM tenantmodels.deployment_lock;"));

        Assert.AreEqual("42501", e.SqlState);
    }

    [TestMethod]
    public void RunnersStillExcludeEachOtherOnTheSecretKeyAndTheRefusalNamesTheHolder()
    {
        var db = NewDatabase("lock_between_runners");
        var bundle = HandBuiltBundles.WriteToTemp(HandBuiltBundles.CallAnalytics());
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle).ExitCode);
        using var holder = Session(db, "tenantmodels");
        Assert.IsTrue(DeploymentLock.TryAcquire(holder, TimeSpan.Zero));
        var held = DeploymentLock.CurrentKey(holder);

        var refused = CliRun.Against(db, "apply", bundle, "--lock-wait", "1");

        Assert.AreEqual(ExitCodes.LockNotAcquired, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, $"is held by another runner: role '");
        StringAssert.Contains(refused.Error, $"(pid {holder.ProcessID}, application 'tenantmodels'");
        DeploymentLock.Release(holder);
        Assert.AreNotEqual(held, DeploymentLock.CurrentKey(holder), "releasing replaces the key");
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", bundle, "--lock-wait", "1").ExitCode);
    }
}
