using TenantModels.Core.Sql;

namespace TenantModels.Core.Planning;

/// <summary>
/// What removing a <c>roles</c> artefact does. A removed tenant's roles are found in the role → tenant registry (the
/// artefact's object), so the teardown needs nothing from a bundle that may no longer describe them: whatever such a
/// role still owns goes to the registry's owner (the NOLOGIN owner role), its remaining privileges in this database
/// and on the database itself are revoked, the role is dropped (logins that were its members lose the membership, not
/// their own login) and its registry rows are deleted. The global roles are kept: other databases and objects this
/// runner no longer knows may still use them.
/// </summary>
internal static class RoleTeardown
{
    private const string Dollar = SqlWriter.DollarQuote;

    public static string For(string registry, string? tenantId)
    {
        if (tenantId is null)
        {
            return $"-- global roles removed from the bundle: the roles and {registry} are kept (drop them by hand once no database uses them)\n";
        }

        var registryLiteral = SqlWriter.QuoteLiteral(registry);
        var tenant = SqlWriter.QuoteLiteral(tenantId);
        return new SqlWriter()
            .Line("-- Tenant " + tenantId + " removed: its roles are dropped and its registry rows deleted.")
            .Line("DO " + Dollar)
            .Line("DECLARE")
            .Line("    tenant_role record;")
            .Line("    registry_owner text;")
            .Line("BEGIN")
            .Append("    IF pg_catalog.to_regclass(").Append(registryLiteral).Line(") IS NULL THEN")
            .Line("        RETURN;")
            .Line("    END IF;")
            .Append("    SELECT pg_catalog.quote_ident(r.rolname) INTO registry_owner FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_roles AS r ON r.oid = c.relowner WHERE c.oid = ")
            .Append(registryLiteral).Line("::regclass;")
            .Append("    FOR tenant_role IN EXECUTE pg_catalog.format('SELECT role_name FROM %s WHERE tenant_id = $1', ").Append(registryLiteral).Append(") USING ").Append(tenant).Line(" LOOP")
            .Line("        IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = tenant_role.role_name) THEN")
            .Line("            EXECUTE pg_catalog.format('REASSIGN OWNED BY %I TO %s', tenant_role.role_name, registry_owner);")
            .Line("            EXECUTE pg_catalog.format('DROP OWNED BY %I', tenant_role.role_name);")
            .Line("            EXECUTE pg_catalog.format('DROP ROLE %I', tenant_role.role_name);")
            .Line("        END IF;")
            .Line("    END LOOP;")
            .Append("    EXECUTE pg_catalog.format('DELETE FROM %s WHERE tenant_id = $1', ").Append(registryLiteral).Append(") USING ").Append(tenant).Line(";")
            .Line("END")
            .Line(Dollar + ";")
            .ToString();
    }
}
