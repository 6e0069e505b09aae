using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// The bundle's own isolation assertions (<see cref="IsolationCheck"/>), derived from the same decisions the security SQL
/// is generated from (<see cref="SecurityCompiler"/>): roles and their attributes, memberships, PUBLIC hygiene, exact
/// privileges and ownership of every created schema and object, row-level security and policies, view options, the
/// registry and <c>tenant_of</c>, and — for a verifier that may SET ROLE — what each tenant role actually sees.
/// </summary>
internal static class IsolationCheckCompiler
{
    private sealed record Grant(string Role, string Privilege);

    public static IReadOnlyList<IsolationCheck> Compile(BoundProject project)
    {
        var security = project.Security!;
        var checks = new List<IsolationCheck>();
        var registry = SqlWriter.QualifiedName(security.Schema, BoundSecurity.MappingTable);
        var function = SqlWriter.QualifiedName(security.Schema, BoundSecurity.TenantOfFunction) + "(name)";
        var groups = security.TenantRoles.Select(r => r.Group).ToList();
        var globals = new List<string> { security.Owner, security.Admin, security.App };
        globals.AddRange(groups);
        var tenantRoles = security.TenantRoles.Select(r => (Role: SecurityCompiler.TenantRole(r), r.Group)).ToList();

        void Global(string name, string artefact, string sql) => checks.Add(new IsolationCheck(name, ArtefactScope.Global, artefact, false, sql));
        void Tenant(string name, string artefact, string sql, bool superuser = false) => checks.Add(new IsolationCheck(name, ArtefactScope.Tenant, artefact, superuser, sql));

        Global("roles.attributes", ArtefactIds.SecurityRoles, RoleAttributes(globals.Select(r => (r, r == security.Admin, r != security.App))));
        Global("roles.memberships", ArtefactIds.SecurityRoles, new SqlWriter()
            .Line("SELECT m.rolname::text AS object, 'is a member of ' || g.rolname || ', which was not declared' AS problem")
            .Line("FROM pg_catalog.pg_auth_members AS a JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid JOIN pg_catalog.pg_roles AS m ON m.oid = a.member")
            .Append("WHERE m.rolname IN (").Join(", ", globals, (w, r) => w.Literal(r)).Line(")")
            .Line("UNION ALL")
            .Line("SELECT g.rolname::text, m.rolname || ' is a member: a group holds tenant roles only, never a login' FROM pg_catalog.pg_auth_members AS a")
            .Line("JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid JOIN pg_catalog.pg_roles AS m ON m.oid = a.member")
            .Append("WHERE m.rolcanlogin AND g.rolname IN (").Join(", ", groups.DefaultIfEmpty(security.Owner), (w, r) => w.Literal(r)).Line(");").ToString());
        // Direct memberships suffice: only logins may be members of tenant roles (tenant.roles.memberships), so no
        // role in between can carry a second tenant; and the cost follows memberships, not roles × tenants.
        Global("roles.one_tenant_per_login", ArtefactIds.SecurityRoles, new SqlWriter()
            .Line("SELECT r.rolname::text AS object, 'can use the roles of ' || count(DISTINCT m.tenant_id) || ' tenants (' || string_agg(DISTINCT m.tenant_id, ', ') || '): it resolves to no tenant' AS problem")
            .Line("FROM pg_catalog.pg_auth_members AS a JOIN pg_catalog.pg_roles AS r ON r.oid = a.member")
            .Append("JOIN ").Append(registry).Line(" AS m ON m.role_name = pg_catalog.pg_get_userbyid(a.roleid)")
            .Line("WHERE NOT r.rolsuper")
            .Line("GROUP BY r.rolname HAVING count(DISTINCT m.tenant_id) > 1;").ToString());
        Global("database.privileges", ArtefactIds.SecurityRoles, Privileges(
            "database", "pg_catalog.current_database()",
            "SELECT coalesce(datacl, pg_catalog.acldefault('d', datdba)) AS acl, datdba AS owner FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()",
            null,
            new SqlWriter().Append("SELECT ").Literal(security.Admin).Append("::text, 'CONNECT'::text UNION SELECT ").Literal(security.App)
                .Append(", 'CONNECT' UNION SELECT role_name::text, 'CONNECT' FROM ").Append(registry).ToString()));
        Global("schema.public", ArtefactIds.SecurityRoles, new SqlWriter()
            .Line("SELECT 'public' AS object, 'PUBLIC may ' || a.privilege_type || ' in schema public' AS problem")
            .Line("FROM pg_catalog.pg_namespace AS n, pg_catalog.aclexplode(coalesce(n.nspacl, pg_catalog.acldefault('n', n.nspowner))) AS a")
            .Line("WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE';").ToString());
        Global("functions.default_privileges", ArtefactIds.SecurityRoles, new SqlWriter()
            .Append("SELECT ").Literal(security.Owner).Line("::text AS object, 'functions it creates are executable by PUBLIC (default privileges)' AS problem")
            .Append("WHERE pg_catalog.to_regrole(").Literal(SqlWriter.QuoteIdentifier(security.Owner)).Line(") IS NOT NULL AND NOT EXISTS (")
            .Append("    SELECT FROM pg_catalog.pg_default_acl AS d WHERE d.defaclrole = pg_catalog.to_regrole(").Literal(SqlWriter.QuoteIdentifier(security.Owner))
            .Line(") AND d.defaclnamespace = 0 AND d.defaclobjtype = 'f'")
            .Line("    AND NOT EXISTS (SELECT FROM pg_catalog.aclexplode(d.defaclacl) AS a WHERE a.grantee = 0));").ToString());
        Global("registry.schema", ArtefactIds.SecurityRoles, SchemaPrivileges(security.Schema, security.Owner, groups));
        Global("registry.table", ArtefactIds.SecurityRoles, RelationPrivileges(registry, security.Owner, new List<Grant>()));
        Global("registry.tenant_of", ArtefactIds.SecurityRoles, Privileges(
            "function", SqlWriter.QuoteLiteral(function),
            "SELECT coalesce(proacl, pg_catalog.acldefault('f', proowner)) AS acl, proowner AS owner FROM pg_catalog.pg_proc WHERE oid = pg_catalog.to_regprocedure(" + SqlWriter.QuoteLiteral(function) + ")",
            security.Owner,
            Expected(groups.Select(g => new Grant(g, "EXECUTE")).ToList())) + new SqlWriter()
            .Append("SELECT ").Literal(function).Line("::text AS object, 'is not SECURITY DEFINER, STABLE with search_path pinned to pg_catalog, pg_temp' AS problem")
            .Append("FROM pg_catalog.pg_proc WHERE oid = pg_catalog.to_regprocedure(").Literal(function)
            .Line(") AND NOT (prosecdef AND provolatile = 's' AND coalesce(proconfig, '{}') @> ARRAY['search_path=pg_catalog, pg_temp']);").ToString());
        var current = SqlWriter.QualifiedName(security.Schema, BoundSecurity.CurrentTenantFunction) + "()";
        Global("registry.current_tenant", ArtefactIds.SecurityRoles, Privileges(
            "function", SqlWriter.QuoteLiteral(current),
            "SELECT coalesce(proacl, pg_catalog.acldefault('f', proowner)) AS acl, proowner AS owner FROM pg_catalog.pg_proc WHERE oid = pg_catalog.to_regprocedure(" + SqlWriter.QuoteLiteral(current) + ")",
            security.Owner,
            Expected(groups.Select(g => new Grant(g, "EXECUTE")).ToList())) + new SqlWriter()
            .Append("SELECT ").Literal(current).Line("::text AS object, 'is SECURITY DEFINER: CURRENT_USER would be its owner, not the caller' AS problem")
            .Append("FROM pg_catalog.pg_proc WHERE oid = pg_catalog.to_regprocedure(").Literal(current).Line(") AND prosecdef;").ToString());
        Global("functions.public_execute", ArtefactIds.SecurityRoles, new SqlWriter()
            .Line("SELECT p.oid::regprocedure::text AS object, 'PUBLIC may EXECUTE it' AS problem")
            .Line("FROM pg_catalog.pg_proc AS p JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace, pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) AS a")
            .Append("WHERE a.grantee = 0 AND pg_catalog.pg_get_userbyid(n.nspowner) = ").Literal(security.Owner).Line(";").ToString());

        Tenant("tenant.roles.attributes", ArtefactIds.SecurityTenantRoles, RoleAttributes(tenantRoles.Select(r => (r.Role, false, true))));
        Tenant("tenant.roles.memberships", ArtefactIds.SecurityTenantRoles, TenantMemberships(tenantRoles, globals));
        Tenant("tenant.registry", ArtefactIds.SecurityTenantRoles, new SqlWriter()
            .Append("WITH expected(role_name) AS (VALUES ").Join(", ", tenantRoles, (w, r) => w.Append("(").Literal(r.Role).Append("::text)")).Line(")")
            .Append("SELECT ").Literal(registry).Append("::text AS object, 'role ' || role_name || ' is registered for tenant ").Append(ArtefactTemplate.TenantPlaceholder)
            .Append(" but is not one of its roles' AS problem FROM (SELECT role_name::text FROM ").Append(registry).Append(" WHERE tenant_id = ").Literal(ArtefactTemplate.TenantPlaceholder)
            .Line(" EXCEPT SELECT role_name FROM expected) AS extra")
            .Line("UNION ALL")
            .Append("SELECT ").Literal(registry).Append(", 'role ' || e.role_name || ' is not registered for tenant ").Append(ArtefactTemplate.TenantPlaceholder).Append(" (it is for ' || coalesce(m.tenant_id, 'none') || ')' FROM expected AS e LEFT JOIN ")
            .Append(registry).Append(" AS m ON m.role_name = e.role_name WHERE m.tenant_id IS DISTINCT FROM ").Literal(ArtefactTemplate.TenantPlaceholder).Line(";").ToString());

        AddSchemaChecks(project, checks);
        foreach (var model in project.Models)
        {
            AddObjectChecks(project, model, checks);
        }

        return checks;
    }

    private static void AddSchemaChecks(BoundProject project, List<IsolationCheck> checks)
    {
        var security = project.Security!;
        if (project.Models.Any(m => m.Scope == ModelScope.Shared))
        {
            checks.Add(new IsolationCheck("schema." + project.SharedSchema, ArtefactScope.Global, ArtefactIds.SharedSchema, false,
                SchemaPrivileges(project.SharedSchema, security.Owner, SecurityCompiler.SchemaUsage(project, shared: true))));
        }

        if (project.Models.Any(m => m.Scope == ModelScope.Tenant && !m.IsFromSources))
        {
            checks.Add(new IsolationCheck("schema.tenant", ArtefactScope.Tenant, ArtefactIds.TenantSchema, false,
                SchemaPrivileges(project.TenantSchema.Template(string.Empty), security.Owner, SecurityCompiler.SchemaUsage(project, shared: false))));
        }

        foreach (var source in project.Models.SelectMany(m => m.Mappings).Select(m => m.Source.Name).Distinct().OrderBy(s => s, System.StringComparer.Ordinal))
        {
            checks.Add(new IsolationCheck("schema.staging." + source, ArtefactScope.Tenant, ArtefactIds.StagingSchema(source), false,
                SchemaPrivileges(project.StagingSchema.Template(source), security.Owner, SecurityCompiler.SchemaUsage(project, shared: false))));
        }

        if (project.Models.Any(m => m.Canonical))
        {
            checks.Add(new IsolationCheck("schema." + project.CanonicalSchema, ArtefactScope.Global, ArtefactIds.CanonicalSchema, false,
                SchemaPrivileges(project.CanonicalSchema, security.Owner, SecurityCompiler.SchemaUsage(project, shared: false, tenants: false))));
        }
    }

    private static void AddObjectChecks(BoundProject project, BoundModel model, List<IsolationCheck> checks)
    {
        var security = project.Security!;
        var locations = model.IsFromSources
            ? model.Mappings.Select(m => m.Source.Name).OrderBy(s => s, System.StringComparer.Ordinal)
                .Select(source => (Id: ArtefactIds.StagingView(source, model.Name), Name: ModelLocation.QualifiedName(project, model, source))).ToList()
            : new List<(string Id, string Name)> { (ModelLocation.ArtefactId(model), ModelLocation.QualifiedName(project, model)) };
        var scope = ModelLocation.ScopeOf(model);
        foreach (var (id, name) in locations)
        {
            AddObject(checks, security, model, "object." + id, ArtefactIds.Grants(id), scope, name, canonical: false,
                SecurityCompiler.ObjectPrivileges(project, model), SecurityCompiler.HasRowLevelSecurity(model));
        }

        if (model.Canonical)
        {
            var id = ArtefactIds.CanonicalView(model.Name);
            AddObject(checks, security, model, "object." + id, id, ArtefactScope.Global, SqlWriter.QualifiedName(project.CanonicalSchema, model.Name), canonical: true,
                SecurityCompiler.ObjectPrivileges(project, model, canonical: true), rowLevelSecurity: false);
        }

        if (SecurityCompiler.HasRowLevelSecurity(model))
        {
            AddBehaviouralChecks(project, model, checks);
        }
    }

    private static void AddObject(List<IsolationCheck> checks, BoundSecurity security, BoundModel model, string name, string artefact, ArtefactScope scope,
        string qualifiedName, bool canonical, IReadOnlyList<(string Role, IReadOnlyList<string> Privileges)> privileges, bool rowLevelSecurity)
    {
        var grants = privileges.SelectMany(p => p.Privileges.Select(x => new Grant(p.Role, x.ToUpperInvariant()))).ToList();
        var sql = RelationPrivileges(qualifiedName, security.Owner, grants);
        if (SecurityCompiler.ObjectKind(model, canonical) == "VIEW")
        {
            var barrier = model.Scope == ModelScope.Shared && !canonical && !model.IsFromSources;
            sql += new SqlWriter()
                .Append("SELECT ").Literal(qualifiedName).Append("::text AS object, 'view is not ").Append(barrier ? "security_invoker and security_barrier" : "security_invoker")
                .Line(": it would run with its owner''s rights' AS problem")
                .Append("FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass(").Literal(qualifiedName).Append(") AND NOT (coalesce(reloptions, '{}') @> ARRAY[")
                .Append(barrier ? "'security_invoker=true', 'security_barrier=true'" : "'security_invoker=true'").Line("]);").ToString();
        }

        if (rowLevelSecurity)
        {
            sql += Policies(qualifiedName, security);
        }

        checks.Add(new IsolationCheck(name, scope, artefact, false, sql));
    }

    /// <summary>As each tenant's role (and as the app role with that tenant set), no row of another tenant is visible.</summary>
    private static void AddBehaviouralChecks(BoundProject project, BoundModel model, List<IsolationCheck> checks)
    {
        var security = project.Security!;
        var table = ModelLocation.QualifiedName(project, model);
        var tenant = SqlWriter.QuoteLiteral(ArtefactTemplate.TenantPlaceholder);
        var column = SqlWriter.QuoteIdentifier(BoundProject.TenantColumn);
        var sql = new SqlWriter();
        foreach (var (role, privileges) in SecurityCompiler.ObjectPrivileges(project, model).Where(p => p.Privileges.Contains("select")))
        {
            if (role == security.Admin)
            {
                continue; // the admin bypasses row-level security by design
            }

            var asRole = role == security.App ? security.App : null;
            foreach (var kind in security.TenantRoles.Where(r => r.Group == role))
            {
                asRole = SecurityCompiler.TenantRole(kind);
                sql.Append("SET LOCAL ROLE ").Identifier(asRole).Line(";");
                Leak(sql, table, column, tenant, asRole);
                sql.Line("RESET ROLE;");
            }

            if (role == security.App)
            {
                sql.Append("SET LOCAL ROLE ").Identifier(security.App).Line(";");
                sql.Append("SELECT pg_catalog.set_config(").Literal(BoundSecurity.TenantSetting).Append(", ").Append(tenant).Line(", true);");
                Leak(sql, table, column, tenant, security.App + " with tenant " + ArtefactTemplate.TenantPlaceholder);
                sql.Append("SELECT pg_catalog.set_config(").Literal(BoundSecurity.TenantSetting).Line(", '', true);");
                sql.Append("SELECT ").Literal(table).Append("::text AS object, 'as ").Append(security.App)
                    .Append(" with no tenant set, ' || count(*) || ' row(s) are visible' AS problem FROM ").Append(table).Line(" HAVING count(*) > 0;");
                sql.Line("RESET ROLE;");
            }
        }

        if (sql.ToString().Length > 0)
        {
            checks.Add(new IsolationCheck("rows." + ModelLocation.ArtefactId(model), ArtefactScope.Tenant, ArtefactIds.SecurityTenantRoles, true, sql.ToString()));
        }
    }

    private static void Leak(SqlWriter sql, string table, string column, string tenant, string who) =>
        sql.Append("SELECT ").Literal(table).Append("::text AS object, 'as ").Append(who.Replace("'", "''"))
            .Append(", ' || count(*) || ' row(s) of other tenants are visible' AS problem FROM ").Append(table)
            .Append(" WHERE ").Append(column).Append(" IS DISTINCT FROM ").Append(tenant).Line(" HAVING count(*) > 0;");

    private static string RoleAttributes(IEnumerable<(string Role, bool BypassRls, bool Inherit)> roles)
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

    /// <summary>A tenant's roles belong to their group only; only logins (never a project role) are members of them.</summary>
    private static string TenantMemberships(IReadOnlyList<(string Role, string Group)> roles, IReadOnlyList<string> globals) => new SqlWriter()
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

    private static string SchemaPrivileges(string schema, string owner, IReadOnlyList<string> usage) => Privileges(
        "schema", SqlWriter.QuoteLiteral(SqlWriter.QuoteIdentifier(schema)),
        "SELECT coalesce(nspacl, pg_catalog.acldefault('n', nspowner)) AS acl, nspowner AS owner FROM pg_catalog.pg_namespace WHERE oid = pg_catalog.to_regnamespace("
            + SqlWriter.QuoteLiteral(SqlWriter.QuoteIdentifier(schema)) + ")",
        owner,
        Expected(usage.Select(r => new Grant(r, "USAGE")).ToList()));

    private static string RelationPrivileges(string qualifiedName, string owner, IReadOnlyList<Grant> grants) => Privileges(
        "object", SqlWriter.QuoteLiteral(qualifiedName),
        "SELECT coalesce(relacl, pg_catalog.acldefault('r', relowner)) AS acl, relowner AS owner FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass("
            + SqlWriter.QuoteLiteral(qualifiedName) + ")",
        owner,
        Expected(grants));

    private static string Expected(IReadOnlyList<Grant> grants) => grants.Count == 0
        ? "SELECT NULL::text, NULL::text WHERE false"
        : new SqlWriter().Append("VALUES ").Join(", ", grants, (w, g) => w.Append("(").Literal(g.Role).Append("::text, ").Literal(g.Privilege).Append("::text)")).ToString();

    /// <summary>
    /// The object exists, is owned by <paramref name="owner"/> (when given), and its privileges for anyone but its owner
    /// are exactly the expected set: PUBLIC or an undeclared role having one is as much drift as a declared one missing.
    /// </summary>
    private static string Privileges(string what, string objectExpression, string target, string? owner, string expected)
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

    private static string Policies(string table, BoundSecurity security)
    {
        var declared = SecurityCompiler.Policies(security);
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
