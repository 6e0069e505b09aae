using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>The SQL shapes of the isolation checks: each query returns one (object, problem) row per violation.</summary>
internal static class IsolationCheckSql
{
    /// <summary>One privilege a role should hold on an object (privilege as aclexplode spells it: SELECT, USAGE, ...).</summary>
    public sealed record Grant(string Role, string Privilege);

    public static string RoleAttributes(IEnumerable<(string Role, bool BypassRls, bool Inherit)> roles)
    {
        var list = roles.ToList();
        return new SqlWriter()
            .Line("SELECT e.name AS object, CASE WHEN r.oid IS NULL THEN 'role is missing' ELSE 'has ' || concat_ws(' ',")
            .Line("    CASE WHEN r.rolcanlogin THEN 'LOGIN' END, CASE WHEN r.rolsuper THEN 'SUPERUSER' END, CASE WHEN r.rolcreaterole THEN 'CREATEROLE' END,")
            .Line("    CASE WHEN r.rolcreatedb THEN 'CREATEDB' END, CASE WHEN r.rolreplication THEN 'REPLICATION' END,")
            .Line("    CASE WHEN r.rolbypassrls <> e.bypass THEN CASE WHEN r.rolbypassrls THEN 'BYPASSRLS' ELSE 'NOBYPASSRLS' END END,")
            .Line("    CASE WHEN r.rolinherit <> e.inherit THEN CASE WHEN r.rolinherit THEN 'INHERIT' ELSE 'NOINHERIT' END END) || ', which was not declared' END AS problem")
            .Append("FROM (VALUES ").Join(", ", list, (w, r) => w.Append("(").Literal(r.Role).Append("::text, ").Append(r.BypassRls ? "true" : "false").Append(", ").Append(r.Inherit ? "true" : "false").Append(")"))
            .Line(") AS e(name, bypass, inherit)")
            .Line("LEFT JOIN pg_catalog.pg_roles AS r ON r.rolname = e.name")
            .Line("WHERE r.oid IS NULL OR r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls <> e.bypass OR r.rolinherit <> e.inherit;")
            .ToString();
    }

    /// <summary>
    /// Every login that is a member of a project role (a tenant's role from the registry, admin or app): no attribute
    /// beyond LOGIN and INHERIT, and a member of that one role only — not of a predefined role such as
    /// <c>pg_read_all_data</c>, another login, the admin role or a second project role. Memberships are cluster-wide:
    /// whoever made them, the login carries them into this database.
    /// </summary>
    public static string Logins(string registry, IReadOnlyList<string> globalRoles) => new SqlWriter()
        .Append("WITH project AS (SELECT role_name::text AS rolname FROM ").Append(registry)
        .Append(" UNION SELECT r FROM (VALUES ").Join(", ", globalRoles, (w, r) => w.Append("(").Literal(r).Append("::text)")).Line(") AS g(r)),")
        .Line("logins AS (SELECT DISTINCT m.oid, m.rolname::text AS rolname, m.rolsuper, m.rolcreaterole, m.rolcreatedb, m.rolreplication, m.rolbypassrls")
        .Line("    FROM pg_catalog.pg_auth_members AS a JOIN pg_catalog.pg_roles AS m ON m.oid = a.member")
        .Line("    WHERE m.rolcanlogin AND pg_catalog.pg_get_userbyid(a.roleid) IN (SELECT rolname FROM project))")
        .Line("SELECT l.rolname AS object, 'login has ' || concat_ws(' ', CASE WHEN l.rolsuper THEN 'SUPERUSER' END, CASE WHEN l.rolcreaterole THEN 'CREATEROLE' END,")
        .Line("    CASE WHEN l.rolcreatedb THEN 'CREATEDB' END, CASE WHEN l.rolreplication THEN 'REPLICATION' END, CASE WHEN l.rolbypassrls THEN 'BYPASSRLS' END)")
        .Line("    || ': a login has LOGIN and INHERIT only (run `tenantmodels logins apply`)' AS problem")
        .Line("FROM logins AS l WHERE l.rolsuper OR l.rolcreaterole OR l.rolcreatedb OR l.rolreplication OR l.rolbypassrls")
        .Line("UNION ALL")
        .Line("SELECT l.rolname, 'login is a member of ' || string_agg(pg_catalog.pg_get_userbyid(a.roleid), ', ' ORDER BY pg_catalog.pg_get_userbyid(a.roleid))")
        .Line("    || ': a login belongs to one project role only (run `tenantmodels logins apply`)'")
        .Line("FROM logins AS l JOIN pg_catalog.pg_auth_members AS a ON a.member = l.oid")
        .Line("GROUP BY l.rolname HAVING count(*) > 1;")
        .ToString();

    /// <summary>A tenant's roles belong to their group only; only logins (never a project role) are members of them.</summary>
    public static string TenantMemberships(IReadOnlyList<(string Role, string Group)> roles, IReadOnlyList<string> globals) => new SqlWriter()
        .Append("WITH expected(member, grp) AS (VALUES ").Join(", ", roles, (w, r) => w.Append("(").Literal(r.Role).Append("::text, ").Literal(r.Group).Append("::text)")).Line("),")
        .Line("live AS (SELECT m.rolname::text AS member, g.rolname::text AS grp, m.rolcanlogin AS login FROM pg_catalog.pg_auth_members AS a")
        .Line("    JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid JOIN pg_catalog.pg_roles AS m ON m.oid = a.member)")
        .Line("SELECT member AS object, 'is a member of ' || grp || ', which was not declared' AS problem FROM live")
        .Line("WHERE member IN (SELECT member FROM expected) AND (member, grp) NOT IN (SELECT member, grp FROM expected)")
        .Line("UNION ALL")
        .Line("SELECT e.member, 'is not a member of its group ' || e.grp FROM expected AS e WHERE NOT EXISTS (SELECT FROM live AS l WHERE l.member = e.member AND l.grp = e.grp)")
        .Line("UNION ALL")
        .Line("SELECT l.grp, l.member || ' is a member: only logins may be' FROM live AS l")
        .Append("WHERE l.grp IN (SELECT member FROM expected) AND (NOT l.login OR l.member IN (").Join(", ", globals, (w, r) => w.Literal(r)).Line("));")
        .ToString();

    public static string SchemaPrivileges(string schema, string owner, IReadOnlyList<string> usage) => Privileges(
        "schema", SqlWriter.QuoteLiteral(SqlWriter.QuoteIdentifier(schema)),
        "SELECT coalesce(nspacl, pg_catalog.acldefault('n', nspowner)) AS acl, nspowner AS owner FROM pg_catalog.pg_namespace WHERE oid = pg_catalog.to_regnamespace("
            + SqlWriter.QuoteLiteral(SqlWriter.QuoteIdentifier(schema)) + ")",
        owner,
        Expected(usage.Select(r => new Grant(r, "USAGE")).ToList()));

    public static string RelationPrivileges(string qualifiedName, string owner, IReadOnlyList<Grant> grants) => Privileges(
        "object", SqlWriter.QuoteLiteral(qualifiedName),
        "SELECT coalesce(relacl, pg_catalog.acldefault('r', relowner)) AS acl, relowner AS owner FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass("
            + SqlWriter.QuoteLiteral(qualifiedName) + ")",
        owner,
        Expected(grants));

    public static string Expected(IReadOnlyList<Grant> grants) => grants.Count == 0
        ? "SELECT NULL::text, NULL::text WHERE false"
        : new SqlWriter().Append("VALUES ").Join(", ", grants, (w, g) => w.Append("(").Literal(g.Role).Append("::text, ").Literal(g.Privilege).Append("::text)")).ToString();

    /// <summary>
    /// The object exists, is owned by <paramref name="owner"/> (when given), and its privileges for anyone but its owner
    /// are exactly the expected set: PUBLIC or an undeclared role having one is as much drift as a declared one missing.
    /// </summary>
    public static string Privileges(string what, string objectExpression, string target, string? owner, string expected)
    {
        var sql = new SqlWriter()
            .Append("WITH target AS (").Append(target).Line("),")
            .Line("actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege")
            .Line("    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),")
            .Append("expected(grantee, privilege) AS (").Append(expected).Line(")")
            .Append("SELECT ").Append(objectExpression).Append("::text AS object, '").Append(what).Line(" is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)");
        if (owner is not null)
        {
            sql.Line("UNION ALL")
                .Append("SELECT ").Append(objectExpression).Append(", 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not ").Append(owner.Replace("'", "''"))
                .Append("' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> ").Literal(owner).Line();
        }

        return sql.Line("UNION ALL")
            .Append("SELECT ").Append(objectExpression).Line(", privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra")
            .Line("UNION ALL")
            .Append("SELECT ").Append(objectExpression).Line(", 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing")
            .Line("WHERE EXISTS (SELECT FROM target);")
            .ToString();
    }

    public static string Policies(string table, BoundSecurity security, bool adminPolicy = false)
    {
        var declared = SecurityCompiler.Policies(security, adminPolicy);
        var literal = SqlWriter.QuoteLiteral(table);
        return new SqlWriter()
            .Append("WITH declared(name, permissive, roles, fragment) AS (VALUES ")
            .Join(", ", declared, (w, p) => w.Append("(").Literal(p.Name).Append("::text, ").Append(p.Permissive ? "true" : "false").Append(", ARRAY[")
                .Join(", ", p.Roles, (x, r) => x.Literal(r)).Append("]::text[], ").Literal(p.Predicate).Append("::text)"))
            .Line("),")
            .Line("live AS (SELECT p.polname::text AS name, p.polpermissive AS permissive, p.polcmd AS command,")
            .Line("    ARRAY(SELECT CASE WHEN x = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(x)::text END FROM unnest(p.polroles) AS x ORDER BY 1) AS roles,")
            .Line("    coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') AS qual, coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '') AS withcheck")
            .Append("    FROM pg_catalog.pg_policy AS p WHERE p.polrelid = pg_catalog.to_regclass(").Append(literal).Line("))")
            .Append("SELECT ").Append(literal).Append("::text AS object, 'row-level security is not enabled' AS problem FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass(").Append(literal).Line(") AND NOT relrowsecurity")
            .Line("UNION ALL")
            .Append("SELECT ").Append(literal).Append(", 'row-level security is not forced (its owner bypasses it)' FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass(").Append(literal).Line(") AND NOT relforcerowsecurity")
            .Line("UNION ALL")
            .Append("SELECT ").Append(literal).Line(", 'policy ' || name || ' was not declared' FROM live WHERE name NOT IN (SELECT name FROM declared)")
            .Line("UNION ALL")
            .Append("SELECT ").Append(literal).Line(", 'declared policy ' || d.name || ' is missing' FROM declared AS d WHERE pg_catalog.to_regclass(" + literal + ") IS NOT NULL AND NOT EXISTS (SELECT FROM live AS l WHERE l.name = d.name)")
            .Line("UNION ALL")
            .Append("SELECT ").Append(literal).Line(", 'policy ' || d.name || ' differs from its declaration (mode, roles, command or predicate)' FROM declared AS d JOIN live AS l ON l.name = d.name")
            .Line("WHERE l.permissive <> d.permissive OR l.command <> '*' OR l.roles <> ARRAY(SELECT r FROM unnest(d.roles) AS r ORDER BY 1)")
            .Line("    OR pg_catalog.strpos(l.qual, d.fragment) = 0 OR pg_catalog.strpos(l.withcheck, d.fragment) = 0;")
            .ToString();
    }
}
