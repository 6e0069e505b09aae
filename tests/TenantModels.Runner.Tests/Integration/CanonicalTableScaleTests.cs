using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// <c>canonical: table</c> past the lock table of a stock server: max_locks_per_transaction 64 × max_connections 100 =
/// 6,400 locks, which the partition-per-tenant form ran out of (an all-tenant query locks every partition). Its own
/// throwaway server, with those settings spelled out, so no other test's locks or settings take part.
/// </summary>
[TestClass]
public sealed class CanonicalTableScaleTests
{
    private const int Tenants = 7_000;

    [TestMethod]
    public void AnAllTenantQueryWorksWithMoreTenantsThanAStockLockTableHolds()
    {
        using var server = PostgresServer.Start(new Dictionary<string, string> { ["max_locks_per_transaction"] = "64", ["max_connections"] = "100" });
        var db = server.CreateDatabase("canon_scale");
        Assert.AreEqual("64", Db.Scalar<string>(db, "SHOW max_locks_per_transaction"));
        Db.Execute(db, CanonicalProject.RawData("acme", "outreach", 1, 5));
        var bundle = HandBuiltBundles.WriteToTemp(CanonicalProject.Compile("1.0.0", "acme:outreach"));
        var applied = CliRun.Against(db, "apply", bundle);
        Assert.AreEqual(ExitCodes.Success, applied.ExitCode, applied.ToString());

        // Three rows for each of 7,000 more tenants, written where the table form keeps a tenant's rows.
        Db.Execute(db, $"""
            INSERT INTO canonical.call (call_id, call_created_at, user_id, call_disposition_name, tenant_id)
            SELECT g % 3, TIMESTAMP '2024-01-01' + g * interval '1 minute', 'u' || g % 5, NULL, 't' || lpad((g / 3)::text, 5, '0')
            FROM generate_series(0, {(Tenants * 3) - 1}) AS g;
            ANALYZE canonical.call;
            """);

        // One transaction reads every tenant (all-tenant aggregates), then one tenant: every lock is held to its end.
        CollectionAssert.AreEqual(
            new[] { $"{Tenants + 1}|{(Tenants * 3) + 5}|3|5" },
            Db.Rows(db, """
                SELECT (SELECT count(DISTINCT tenant_id) FROM canonical.call), (SELECT count(*) FROM canonical.call),
                       (SELECT count(*) FROM canonical.call WHERE tenant_id = 't03500'), (SELECT count(*) FROM canonical.call WHERE tenant_id = 'acme')
                """));

        Db.Execute(db, CanonicalProject.RawData("acme", "outreach", 100, 2));
        var refreshed = CliRun.Against(db, "refresh", bundle);
        Assert.AreEqual(ExitCodes.Success, refreshed.ExitCode, refreshed.ToString());
        Assert.AreEqual(7L, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call WHERE tenant_id = 'acme'"));
        Assert.AreEqual((long)(Tenants * 3) + 7, Db.Scalar<long>(db, "SELECT count(*) FROM canonical.call"), "refreshing one tenant touched another's rows");
        var verify = CliRun.Against(db, "verify", bundle);
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.ToString());
    }
}
