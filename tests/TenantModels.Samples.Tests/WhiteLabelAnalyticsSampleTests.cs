using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using TenantModels.Testing;

namespace TenantModels.Samples.Tests;

/// <summary>
/// RFC 0004's scenario applied by the runner: a global admin sees every white label's totals, the North Carolina
/// partner's own login sees only North Carolina — and cannot widen that by setting a custom setting, which is
/// exactly what the RFC's <c>rls.white_label_id</c> design allowed.
/// </summary>
[TestClass]
public sealed class WhiteLabelAnalyticsSampleTests
{
    private const string PartnerLogin = "wl_nc_dashboard_login";
    private const string AdminLogin = "wl_global_dashboard_login";
    private const string Dashboard = "SELECT white_label_id, sum(screens)::bigint, sum(eligible_programs)::bigint FROM shared.screens_by_month GROUP BY white_label_id ORDER BY white_label_id";

    private static SampleDeployment deployment = null!;

    [ClassInitialize]
    public static void Apply(TestContext context)
    {
        deployment = SampleDeployment.Apply("WhiteLabelAnalytics");

        // The sample's logins file, with the passwords from the environment: the runner creates both logins.
        var (exit, output) = deployment.RunWith(Passwords, "logins", "apply", deployment.BundlePath, "--logins", RepoPaths.Combine("samples", "WhiteLabelAnalytics", "logins.json"));
        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, $"login {PartnerLogin}: created, member of wl_north_carolina_partner");
        foreach (var password in Passwords.Values)
        {
            Assert.IsFalse(output.Contains(password, System.StringComparison.Ordinal), "a password was printed:\n" + output);
        }
    }

    private static readonly System.Collections.Generic.Dictionary<string, string> Passwords = new()
    {
        ["WL_NC_DASHBOARD_PASSWORD"] = "nc-dashboard-secret",
        ["WL_GLOBAL_DASHBOARD_PASSWORD"] = "global-dashboard-secret",
    };

    [ClassCleanup]
    public static void Cleanup() => deployment.Dispose();

    [TestMethod]
    public void Admin_sees_global_totals_beside_the_partners_own()
    {
        using var admin = Open(AdminLogin);
        Execute(admin, "SET ROLE wl_admin"); // BYPASSRLS is the admin role's attribute: explicit and visible
        CollectionAssert.AreEqual(new[] { "1\t3\t11", "2\t4\t12", "3\t1\t1" }, Rows(admin, Dashboard));
        CollectionAssert.AreEqual(new[] { "8" }, Rows(admin, "SELECT count(*) FROM shared.screens"));

        using var partner = Open(PartnerLogin);
        CollectionAssert.AreEqual(new[] { "1\t3\t11" }, Rows(partner, Dashboard));
        CollectionAssert.AreEqual(new[] { "2025-01-01\t2", "2025-02-01\t1" },
            Rows(partner, "SELECT to_char(month, 'YYYY-MM-DD'), screens FROM shared.screens_by_month ORDER BY month"));
    }

    [TestMethod]
    public void The_partner_cannot_forge_another_white_label()
    {
        using var partner = Open(PartnerLogin);
        Execute(partner, "SET rls.white_label_id = '2'; SET tenantmodels.tenant = 'colorado'");
        CollectionAssert.AreEqual(new[] { "1\t3\t11" }, Rows(partner, Dashboard));
        var error = Assert.ThrowsExactly<PostgresException>(() => Execute(partner, "SET ROLE wl_admin"));
        Assert.AreEqual("42501", error.SqlState);
    }

    [TestMethod]
    public void Reapplying_changes_nothing()
    {
        var (exit, output) = deployment.ApplyAgain();
        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "Nothing to apply");
    }

    private static NpgsqlConnection Open(string login)
    {
        var builder = new NpgsqlConnectionStringBuilder(deployment.ConnectionString) { Username = login, Password = null, Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        Execute(connection, sql);
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string[] Rows(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new System.Collections.Generic.List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("\t", Enumerable.Range(0, reader.FieldCount).Select(i => System.Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows.ToArray();
    }
}
