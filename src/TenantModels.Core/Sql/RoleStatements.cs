namespace TenantModels.Core.Sql;

/// <summary>Role DDL shared by the bundle's roles and the runner's logins: roles are cluster-wide, so every apply may race another.</summary>
internal static class RoleStatements
{
    /// <summary>CREATE ROLE when it does not exist, tolerant of another apply creating it at the same moment.</summary>
    /// <param name="login">LOGIN for a login, NOLOGIN for a group or tenant role.</param>
    public static SqlWriter CreateRoleIfMissing(this SqlWriter sql, string role, bool login) =>
        sql.Line("DO " + SqlWriter.DollarQuote)
            .Line("BEGIN")
            .Append("    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = ").Literal(role).Line(") THEN")
            .Line("        BEGIN")
            .Append("            CREATE ROLE ").Identifier(role).Line(login ? " LOGIN;" : " NOLOGIN;")
            .Line("        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply")
            .Line("        END;")
            .Line("    END IF;");
}
