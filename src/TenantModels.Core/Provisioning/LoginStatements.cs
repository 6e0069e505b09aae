using System;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Provisioning;

/// <summary>
/// The SQL that creates or updates one LOGIN role from secrets supplied at apply time: a member of exactly one project
/// role (a tenant's role, the admin or the app role), with no other attribute. The password arrives as a SCRAM-SHA-256
/// verifier computed by the caller, so the clear password never reaches the server (nor its statement log).
/// </summary>
public static class LoginStatements
{
    private const string Dollar = SqlWriter.DollarQuote;

    /// <param name="verifier"><c>SCRAM-SHA-256$&lt;iterations&gt;:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;</c>.</param>
    public static string Ensure(string login, string memberOf, string verifier)
    {
        if (!verifier.StartsWith("SCRAM-SHA-256$", StringComparison.Ordinal))
        {
            throw new ArgumentException("the password must be a SCRAM-SHA-256 verifier, never a clear password", nameof(verifier));
        }

        var literal = SqlWriter.QuoteLiteral(login);
        return new SqlWriter()
            .CreateRoleIfMissing(login, login: true)
            .Line("END")
            .Line(Dollar + ";")
            // INHERIT: the login acts with its role's privileges and resolves to its tenant (tenant_of follows USAGE).
            .Append("ALTER ROLE ").Identifier(login).Append(" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD ")
            .Literal(verifier).Line(";")
            .Append("GRANT ").Identifier(memberOf).Append(" TO ").Identifier(login).Line(";")
            .Line("-- A login belongs to its one role: any other membership (another tenant's role, pg_read_all_data, ...) is revoked.")
            .Line("DO " + Dollar)
            .Line("DECLARE")
            .Line("    membership record;")
            .Line("    setting record;")
            .Line("BEGIN")
            .Line("    FOR membership IN SELECT g.rolname AS granted FROM pg_catalog.pg_auth_members AS a")
            .Line("        JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid JOIN pg_catalog.pg_roles AS m ON m.oid = a.member")
            .Append("        WHERE m.rolname = ").Append(literal).Append(" AND g.rolname <> ").Literal(memberOf).Line()
            .Line("    LOOP")
            .Append("        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, ").Append(literal).Line(");")
            .Line("    END LOOP;")
            .Line("    -- Settings made for the login (ALTER ROLE ... SET, in every database or in one) are reset: a search_path or")
            .Line("    -- custom setting chosen by someone else must not follow the login into its sessions.")
            .Line("    FOR setting IN SELECT s.setdatabase, d.datname FROM pg_catalog.pg_db_role_setting AS s")
            .Line("        LEFT JOIN pg_catalog.pg_database AS d ON d.oid = s.setdatabase")
            .Append("        WHERE s.setrole = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = ").Append(literal).Line(")")
            .Line("    LOOP")
            .Line("        IF setting.setdatabase = 0 THEN")
            .Append("            EXECUTE pg_catalog.format('ALTER ROLE %I RESET ALL', ").Append(literal).Line(");")
            .Line("        ELSIF setting.datname IS NOT NULL THEN")
            .Append("            EXECUTE pg_catalog.format('ALTER ROLE %I IN DATABASE %I RESET ALL', ").Append(literal).Line(", setting.datname);")
            .Line("        END IF;")
            .Line("    END LOOP;")
            .Line("END")
            .Line(Dollar + ";")
            .ToString();
    }
}
