using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;

using TenantModels.Testing;

namespace TenantModels.Citus.Tests;

/// <summary>
/// The schema-isolation project of the security tests (tenants alpha, bravo, charlie; a note table and a canonical count),
/// for Citus, under its own role prefix (roles are cluster-wide). Logins are LOGIN roles made members of the generated
/// NOLOGIN roles, as <c>tenantmodels logins apply</c> does; the cluster trusts 127.0.0.1, so they need no password.
/// </summary>
internal static class SecuredProject
{
    public static string Bundle(string prefix) => Cli.Project("Secured" + prefix,
        ("tenants.yaml", "tenants:\n  - id: alpha\n  - id: bravo\n  - id: charlie\n"),
        ("tenantmodels.yaml", $"distribution: citus\nsecurity:\n  isolation: schema\n  prefix: {prefix}\n  tenant_roles:\n    reader: \"{prefix}_<tenant>_reader\"\n    writer: \"{prefix}_<tenant>_writer\"\n"),
        ("models/note.yaml", """
            model: note
            materialized: table
            columns:
              id: { type: bigint, nullable: false }
              body: text
            primary_key: [id]
            grants: { reader: [select], writer: [select, insert, update, delete], admin: [select], app: [select] }
            """),
        ("models/note_count.yaml", """
            model: note_count
            materialized: view
            columns:
              notes: bigint
            sql: "select count(*) as notes from {{ ref('note') }}"
            canonical: true
            grants: { reader: [select], admin: [select], app: [select] }
            """));

    /// <summary>
    /// A LOGIN role (created on the coordinator, which propagates it to the workers) that is a member of <paramref name="roles"/>;
    /// <c>verify</c> accepts a login that is a member of one project role only.
    /// </summary>
    public static string Login(string db, string name, params string[] roles)
    {
        CitusCluster.Execute(db, $"CREATE ROLE {name} LOGIN; GRANT {string.Join(", ", roles)} TO {name};");
        return new NpgsqlConnectionStringBuilder(db) { Username = name }.ConnectionString;
    }

    /// <summary>The statement fails with insufficient_privilege (42501).</summary>
    public static void Denied(string connectionString, string sql)
    {
        var e = Assert.ThrowsExactly<PostgresException>(() => CitusCluster.Execute(connectionString, sql), sql);
        Assert.AreEqual(PostgresErrorCodes.InsufficientPrivilege, e.SqlState, e.Message);
    }
}
