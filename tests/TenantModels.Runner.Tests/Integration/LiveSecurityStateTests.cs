using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Runner.Database;
using TenantModels.Runner.Tests.Support;
using TenantModels.Testing;

namespace TenantModels.Runner.Tests.Integration;

/// <summary>
/// The typed reader of live security reads catalog rows only: inside one transaction it leaves no lock on any managed
/// relation (so a stock lock table holds at any number of tenants), and on a clean database it finds no difference.
/// </summary>
[TestClass]
public sealed class LiveSecurityStateTests
{
    [TestMethod]
    public void ReadingTheLiveSecurityOfEveryManagedObjectLocksNoRelation()
    {
        var db = SharedPostgres.Server.CreateDatabase("live_security_locks");
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
        var bundle = SecuredProjects.Compile("lsl", "1.0.0", new[] { "alpha", "bravo", "charlie" }, "shared", extra: new[] { totals });
        Assert.AreEqual(ExitCodes.Success, CliRun.Against(db, "apply", HandBuiltBundles.WriteToTemp(bundle)).ExitCode);
        const string managedLocks = """
            SELECT count(*) FROM pg_locks AS l JOIN pg_class AS c ON c.oid = l.relation JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND (n.nspname = 'shared' OR n.nspname LIKE 'tenant\_%')
            """;

        using var connection = new NpgsqlConnection(db);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var rows = DeploymentRecord.ReadRowsWithoutCatalog(connection, null);
        var live = LiveSecurity.Compare(connection, bundle, rows)!;
        var locks = new NpgsqlCommand(managedLocks, connection, transaction).ExecuteScalar();
        // The control: what the reader avoids, pg_get_viewdef, locks the view and what it reads.
        new NpgsqlCommand("SELECT pg_get_viewdef('shared.screen_totals'::regclass)", connection, transaction).ExecuteScalar();
        var afterViewdef = new NpgsqlCommand(managedLocks, connection, transaction).ExecuteScalar();

        Assert.AreEqual(0L, locks);
        Assert.IsTrue((long)afterViewdef! > 0, "the control takes locks, so the count can tell");
        Assert.AreEqual(0, live.Differences.Count, string.Join("\n", live.Differences));
    }
}
