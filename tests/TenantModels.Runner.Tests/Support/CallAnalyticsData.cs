using Npgsql;

namespace TenantModels.Runner.Tests.Support;

/// <summary>
/// Raw connector schemas and rows for the three tenants of samples/CallAnalytics (two on Outreach, one on
/// Salesloft), and the exact rows the staging and canonical views must return for them.
/// </summary>
internal static class CallAnalyticsData
{
    public const string Javi = "org_javi_2_e0eynhkr";
    public const string Pablo = "org_pablo_s_workspace_r0trlpgs";
    public const string Acme = "org_acme_k3x9";

    public static readonly string[] Columns =
    {
        "call_id:bigint", "call_created_at:timestamp without time zone", "user_id:text", "call_disposition_name:text",
    };

    public static readonly string[] CanonicalColumns =
    {
        "call_id:bigint", "call_created_at:timestamp without time zone", "user_id:text", "call_disposition_name:text", "tenant_id:text",
    };

    public static readonly string[] JaviRows = { "10|2024-01-02 03:04:05|u_javi|connected", "11|2024-01-03 10:00:00|u_javi2|voicemail" };

    public static readonly string[] AcmeRows = { "20|2024-02-01 00:00:00|u_acme|no answer" };

    public static readonly string[] PabloRows = { "30|2024-03-04 05:06:07|u_pablo|Connected", "31|2024-03-05 00:00:00|NULL|Left voicemail" };

    /// <summary>canonical.call ordered by tenant_id, call_id.</summary>
    public static readonly string[] CanonicalRows =
    {
        "20|2024-02-01 00:00:00|u_acme|no answer|" + Acme,
        "10|2024-01-02 03:04:05|u_javi|connected|" + Javi,
        "11|2024-01-03 10:00:00|u_javi2|voicemail|" + Javi,
        "30|2024-03-04 05:06:07|u_pablo|Connected|" + Pablo,
        "31|2024-03-05 00:00:00|NULL|Left voicemail|" + Pablo,
    };

    /// <summary>What the connectors would have landed; shapes follow samples/CallAnalytics/sources/*.yaml.</summary>
    /// <param name="onlyAcme">Only Acme's raw schema: for a tenant whose connector lands after the others.</param>
    public static void CreateRawSchemas(string connectionString, bool includeAcme = true, bool onlyAcme = false)
    {
        var acme = includeAcme ? Outreach(Acme, "(1, 'no answer')", "(20, '2024-02-01 00:00:00', 'u_acme', 1)") : string.Empty;
        if (onlyAcme)
        {
            Db.Execute(connectionString, acme);
            return;
        }

        var sql = Outreach(Javi, "(1, 'connected'), (2, 'voicemail')", "(10, '2024-01-02 03:04:05', 'u_javi', 1), (11, '2024-01-03 10:00:00', 'u_javi2', 2)")
            + acme
            + $"""
              CREATE SCHEMA "{Pablo}_raw_salesloft";
              CREATE TABLE "{Pablo}_raw_salesloft".call (id bigint, created_at text, user_id text, disposition text);
              INSERT INTO "{Pablo}_raw_salesloft".call VALUES
                  (30, '2024-03-04T05:06:07', 'u_pablo', 'Connected'), (31, '2024-03-05T00:00:00', NULL, 'Left voicemail');
              """;
        Db.Execute(connectionString, sql);
    }

    public static void CreateAcmeRawSchema(string connectionString) =>
        Db.Execute(connectionString, Outreach(Acme, "(1, 'no answer')", "(20, '2024-02-01 00:00:00', 'u_acme', 1)"));

    private static string Outreach(string tenant, string dispositions, string calls) => $"""
        CREATE SCHEMA "{tenant}_raw_outreach";
        CREATE TABLE "{tenant}_raw_outreach".call (id bigint, created_at timestamp, relationship_user_id text, relationship_call_disposition_id bigint);
        CREATE TABLE "{tenant}_raw_outreach".call_disposition (id bigint, name text);
        INSERT INTO "{tenant}_raw_outreach".call_disposition VALUES {dispositions};
        INSERT INTO "{tenant}_raw_outreach".call VALUES {calls};

        """;
}
