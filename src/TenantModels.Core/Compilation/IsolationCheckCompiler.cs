using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;
using static TenantModels.Core.Compilation.IsolationCheckSql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// The bundle's own isolation assertions (<see cref="IsolationCheck"/>), derived from the same decisions the security SQL
/// is generated from (<see cref="SecurityCompiler"/>): roles and their attributes, memberships, PUBLIC hygiene, exact
/// privileges and ownership of every created schema and object, row-level security and policies, view options, the
/// registry and <c>tenant_of</c>, and — for a verifier that may SET ROLE — what each tenant role actually sees.
/// </summary>
internal static class IsolationCheckCompiler
{
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
        Global("logins", ArtefactIds.SecurityRoles, Logins(registry, new[] { security.Admin, security.App }));
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
        string GroupsExecute(string signature) => Privileges(
            "function", SqlWriter.QuoteLiteral(signature),
            "SELECT coalesce(proacl, pg_catalog.acldefault('f', proowner)) AS acl, proowner AS owner FROM pg_catalog.pg_proc WHERE oid = pg_catalog.to_regprocedure(" + SqlWriter.QuoteLiteral(signature) + ")",
            security.Owner,
            Expected(groups.Select(g => new Grant(g, "EXECUTE")).ToList()));
        Global("registry.tenant_of", ArtefactIds.SecurityRoles, GroupsExecute(function) + new SqlWriter()
            .Append("SELECT ").Literal(function).Line("::text AS object, 'is not SECURITY DEFINER, STABLE with search_path pinned to pg_catalog, pg_temp' AS problem")
            .Append("FROM pg_catalog.pg_proc WHERE oid = pg_catalog.to_regprocedure(").Literal(function)
            .Line(") AND NOT (prosecdef AND provolatile = 's' AND coalesce(proconfig, '{}') @> ARRAY['search_path=pg_catalog, pg_temp']);").ToString());
        var current = SqlWriter.QualifiedName(security.Schema, BoundSecurity.CurrentTenantFunction) + "()";
        Global("registry.current_tenant", ArtefactIds.SecurityRoles, GroupsExecute(current) + new SqlWriter()
            .Append("SELECT ").Literal(current).Line("::text AS object, 'is SECURITY DEFINER: CURRENT_USER would be its owner, not the caller' AS problem")
            .Append("FROM pg_catalog.pg_proc WHERE oid = pg_catalog.to_regprocedure(").Literal(current).Line(") AND prosecdef;").ToString());
        Global("functions.public_execute", ArtefactIds.SecurityRoles, new SqlWriter()
            .Line("SELECT p.oid::regprocedure::text AS object, 'PUBLIC may EXECUTE it' AS problem")
            .Line("FROM pg_catalog.pg_proc AS p JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace, pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) AS a")
            .Append("WHERE a.grantee = 0 AND pg_catalog.pg_get_userbyid(n.nspowner) = ").Literal(security.Owner).Line(";").ToString());
        // Anywhere in the database (schema public included): a definer function any role may call runs with its owner's
        // rights, so a tenant login reads through it whatever that owner can, row-level security aside for a superuser.
        Global("functions.public_definer", ArtefactIds.SecurityRoles, new SqlWriter()
            .Line("SELECT p.oid::regprocedure::text AS object, 'SECURITY DEFINER (runs as ' || pg_catalog.pg_get_userbyid(p.proowner) || ') and PUBLIC may EXECUTE it: any login calls it with its owner''s rights' AS problem")
            .Line("FROM pg_catalog.pg_proc AS p JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace, pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) AS a")
            .Line("WHERE p.prosecdef AND a.grantee = 0 AND a.privilege_type = 'EXECUTE' AND n.nspname NOT IN ('pg_catalog', 'information_schema')")
            .Line("  AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend AS d WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e');").ToString());

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
                SchemaPrivileges(project.CanonicalSchema, security.Owner, SecurityCompiler.CanonicalSchemaUsage(project))));
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
                SecurityCompiler.ObjectPrivileges(project, model), SecurityCompiler.HasRowLevelSecurity(model), CitusSharedSql.Applies(project));
        }

        if (model.Canonical && model.CanonicalTable is null)
        {
            var id = ArtefactIds.CanonicalView(model.Name);
            AddObject(checks, security, model, "object." + id, id, ArtefactScope.Global, SqlWriter.QualifiedName(project.CanonicalSchema, model.Name), canonical: true,
                SecurityCompiler.ObjectPrivileges(project, model, canonical: true), rowLevelSecurity: false);
        }

        if (model.Canonical && model.CanonicalTable is not null)
        {
            AddCanonicalTableChecks(project, model, checks);
        }

        if (SecurityCompiler.HasRowLevelSecurity(model))
        {
            AddBehaviouralChecks(project, model, ModelLocation.QualifiedName(project, model), SecurityCompiler.ObjectPrivileges(project, model), checks);
        }
    }

    /// <summary>
    /// The table (it holds every tenant's rows): select for its grantees, row-level security and its policies, and what
    /// each tenant sees through it.
    /// </summary>
    private static void AddCanonicalTableChecks(BoundProject project, BoundModel model, List<IsolationCheck> checks)
    {
        var security = project.Security!;
        var id = ArtefactIds.CanonicalTable(model.Name);
        var table = SqlWriter.QualifiedName(project.CanonicalSchema, model.Name);
        var privileges = SecurityCompiler.CanonicalTablePrivileges(project, model);
        var grants = privileges.SelectMany(p => p.Privileges.Select(x => new Grant(p.Role, x.ToUpperInvariant()))).ToList();
        checks.Add(new IsolationCheck("object." + id, ArtefactScope.Global, ArtefactIds.Grants(id), false, RelationPrivileges(table, security.Owner, grants) + Policies(table, security, CitusSharedSql.Applies(project))));
        AddBehaviouralChecks(project, model, table, privileges, checks, "rows." + id);
    }

    private static void AddObject(List<IsolationCheck> checks, BoundSecurity security, BoundModel model, string name, string artefact, ArtefactScope scope,
        string qualifiedName, bool canonical, IReadOnlyList<(string Role, IReadOnlyList<string> Privileges)> privileges, bool rowLevelSecurity, bool adminPolicy = false)
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
            sql += Policies(qualifiedName, security, adminPolicy);
        }

        checks.Add(new IsolationCheck(name, scope, artefact, false, sql));
    }

    /// <summary>As each tenant's role (and as the app role with that tenant set), no row of another tenant is visible.</summary>
    private static void AddBehaviouralChecks(BoundProject project, BoundModel model, string table,
        IReadOnlyList<(string Role, IReadOnlyList<string> Privileges)> privileges, List<IsolationCheck> checks, string? name = null)
    {
        var security = project.Security!;
        var tenant = SqlWriter.QuoteLiteral(ArtefactTemplate.TenantPlaceholder);
        var column = SqlWriter.QuoteIdentifier(BoundProject.TenantColumn);
        var sql = new SqlWriter();
        if (CitusSharedSql.Applies(project))
        {
            CitusBehaviouralChecks(project, table, privileges, sql);
        }

        foreach (var (role, _) in privileges.Where(p => p.Privileges.Contains("select") && !CitusSharedSql.Applies(project)))
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
            checks.Add(new IsolationCheck(name ?? "rows." + ModelLocation.ArtefactId(model), ArtefactScope.Tenant, ArtefactIds.SecurityTenantRoles, true, sql.ToString()));
        }
    }

    /// <summary>The same checks on a distributed table, run on its shard placements (<see cref="CitusRowChecks"/>).</summary>
    private static void CitusBehaviouralChecks(BoundProject project, string table, IReadOnlyList<(string Role, IReadOnlyList<string> Privileges)> privileges, SqlWriter sql)
    {
        var security = project.Security!;
        var tenant = SqlWriter.QuoteLiteral(ArtefactTemplate.TenantPlaceholder);
        var otherTenants = SqlWriter.QuoteIdentifier(BoundProject.TenantColumn) + " IS DISTINCT FROM " + tenant;
        foreach (var (role, _) in privileges.Where(p => p.Privileges.Contains("select")))
        {
            foreach (var kind in security.TenantRoles.Where(r => r.Group == role))
            {
                var asRole = SecurityCompiler.TenantRole(kind);
                CitusRowChecks.NoVisibleRows(sql, table, asRole, null, otherTenants, "as " + asRole, "row(s) of other tenants");
            }

            if (role == security.App)
            {
                CitusRowChecks.NoVisibleRows(sql, table, security.App, tenant, otherTenants,
                    "as " + security.App + " with tenant " + ArtefactTemplate.TenantPlaceholder, "row(s) of other tenants");
                CitusRowChecks.NoVisibleRows(sql, table, security.App, null, null, "as " + security.App + " with no tenant set", "row(s)");
            }
        }
    }

    private static void Leak(SqlWriter sql, string table, string column, string tenant, string who) =>
        sql.Append("SELECT ").Literal(table).Append("::text AS object, 'as ").Append(who.Replace("'", "''"))
            .Append(", ' || count(*) || ' row(s) of other tenants are visible' AS problem FROM ").Append(table)
            .Append(" WHERE ").Append(column).Append(" IS DISTINCT FROM ").Append(tenant).Line(" HAVING count(*) > 0;");
}
