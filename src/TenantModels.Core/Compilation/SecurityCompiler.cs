using System.Collections.Generic;
using System.Linq;
using TenantModels.Core.Binding;
using TenantModels.Core.Bundling;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// Roles, ownership, grants and row-level security (docs/security.md). Every statement is idempotent and
/// reconciling: roles get their attributes enforced, memberships and privileges that were not declared are
/// revoked, and policies that were not declared are dropped, on every apply.
/// </summary>
internal static class SecurityCompiler
{
    public const string TenantPolicy = "tm_tenant";
    public const string TenantGuardPolicy = "tm_tenant_guard";
    public const string AppPolicy = "tm_app";
    public const string AppGuardPolicy = "tm_app_guard";

    private const string Dollar = SqlWriter.DollarQuote;

    private sealed record RoleAttributes(bool BypassRls, bool Inherit);

    /// <summary>Global: owner, admin, app and one NOLOGIN group per tenant role kind; database and schema PUBLIC hygiene; the mapping schema.</summary>
    public static CompiledArtefact Roles(BoundProject project)
    {
        var security = project.Security!;
        var sql = new SqlWriter();
        sql.Line("-- Cluster-wide roles: created once, attributes enforced on every apply. None can log in; logins are members created by the runner.");
        EnsureRole(sql, security.Owner, new RoleAttributes(BypassRls: false, Inherit: true));
        EnsureRole(sql, security.Admin, new RoleAttributes(BypassRls: true, Inherit: true));
        EnsureRole(sql, security.App, new RoleAttributes(BypassRls: false, Inherit: false));
        foreach (var role in security.TenantRoles)
        {
            EnsureRole(sql, role.Group, new RoleAttributes(BypassRls: false, Inherit: true));
        }

        sql.Line("-- These roles belong to no other role (pg_read_all_data, another tenant's role, ...): any membership is revoked.");
        RevokeMemberships(sql, GlobalRoles(security), new (string, string)[0]);

        sql.Line("-- PUBLIC gets nothing in this database: no CONNECT, no TEMP, no CREATE in schema public.");
        sql.Line("DO " + Dollar)
            .Line("BEGIN")
            .Line("    EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM PUBLIC', pg_catalog.current_database());")
            .Append("    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), ")
            .Literal(security.Admin).Append(", ").Literal(security.App).Line(");")
            .Line("    IF EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = 'public') THEN")
            .Line("        REVOKE CREATE ON SCHEMA public FROM PUBLIC;")
            .Line("    END IF;")
            .Line("END")
            .Line(Dollar + ";");
        sql.Append("ALTER DEFAULT PRIVILEGES FOR ROLE ").Identifier(security.Owner).Line(" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;");

        var schema = security.Schema;
        var table = SqlWriter.QualifiedName(schema, BoundSecurity.MappingTable);
        var function = SqlWriter.QualifiedName(schema, BoundSecurity.TenantOfFunction);
        var groups = security.TenantRoles.Select(r => SqlWriter.QuoteIdentifier(r.Group)).ToList();
        sql.Line("-- The role -> tenant registry: owned by the NOLOGIN owner, invisible to everyone else, read only through tenant_of.");
        sql.Append("CREATE SCHEMA IF NOT EXISTS ").Identifier(schema).Line(";");
        sql.Append("ALTER SCHEMA ").Identifier(schema).Append(" OWNER TO ").Identifier(security.Owner).Line(";");
        sql.Append("REVOKE ALL ON SCHEMA ").Identifier(schema).Line(" FROM PUBLIC;");
        if (groups.Count > 0)
        {
            sql.Append("GRANT USAGE ON SCHEMA ").Identifier(schema).Append(" TO ").Append(string.Join(", ", groups)).Line(";");
        }

        sql.Append("CREATE TABLE IF NOT EXISTS ").Append(table).Line(" (")
            .Append("    ").Identifier("role_name").Line(" name PRIMARY KEY,")
            .Append("    ").Identifier("tenant_id").Line(" text NOT NULL")
            .Line(");");
        sql.Append("ALTER TABLE ").Append(table).Append(" OWNER TO ").Identifier(security.Owner).Line(";");
        sql.Append("REVOKE ALL ON TABLE ").Append(table).Line(" FROM PUBLIC;");
        var citus = CitusSharedSql.Applies(project);
        if (citus)
        {
            CitusSharedSql.ReferenceTable(sql, table);
        }

        sql.Line("-- The tenant of a role: the one tenant whose roles it can use; none or several -> NULL, which matches no row.");
        sql.Append("CREATE OR REPLACE FUNCTION ").Append(function).Line("(member name) RETURNS text")
            // plpgsql keeps its plan for the session; a SQL function with SET clauses would be planned on every call.
            // The planner settings make that plan walk the indexes of pg_auth_members and the registry even while the
            // catalogs' statistics are stale: the cost follows the member's own memberships, not the number of tenants.
            .Line("    LANGUAGE plpgsql STABLE SECURITY DEFINER")
            .Line("    SET search_path = pg_catalog, pg_temp")
            .Line("    SET enable_seqscan = off")
            .Line("    SET enable_hashjoin = off");
        if (citus)
        {
            sql.Line(CitusSharedSql.TenantOfSetting);
        }

        sql.Line("AS " + Dollar)
            .Line("BEGIN")
            .Line("    RETURN (")
            .Line("        WITH RECURSIVE up(oid) AS (")
            .Line("            SELECT pg_catalog.to_regrole(pg_catalog.quote_ident(member))::oid")
            .Line("            UNION")
            .Line("            SELECT a.roleid FROM pg_catalog.pg_auth_members AS a JOIN up ON a.member = up.oid")
            .Line("        )")
            // pg_has_role keeps only the roles whose privileges the member really uses (INHERIT), on every PostgreSQL version.
            .Append("        SELECT CASE WHEN count(DISTINCT m.").Identifier("tenant_id").Append(") = 1 THEN min(m.").Identifier("tenant_id").Line(") END")
            .Append("        FROM up JOIN ").Append(table).Append(" AS m ON m.").Identifier("role_name").Line(" = pg_catalog.pg_get_userbyid(up.oid)")
            .Line("        WHERE pg_catalog.pg_has_role(member, up.oid, 'USAGE'));")
            .Line("END")
            .Line(Dollar + ";");
        sql.Append("ALTER FUNCTION ").Append(function).Append("(name) OWNER TO ").Identifier(security.Owner).Line(";");
        sql.Append("REVOKE ALL ON FUNCTION ").Append(function).Line("(name) FROM PUBLIC;");
        if (groups.Count > 0)
        {
            sql.Append("GRANT EXECUTE ON FUNCTION ").Append(function).Append("(name) TO ").Append(string.Join(", ", groups)).Line(";");
        }

        var current = SqlWriter.QualifiedName(schema, BoundSecurity.CurrentTenantFunction);
        sql.Line("-- What the policies call: the tenant of CURRENT_USER. Not a definer (CURRENT_USER is the caller here), no argument:")
            .Line("-- PostgreSQL turns (SELECT current_tenant()) into one init-plan whose value the tenant index can use, which")
            .Line("-- (SELECT tenant_of(CURRENT_USER)) in a policy is not (docs/performance.md).");
        sql.Append("CREATE OR REPLACE FUNCTION ").Append(current).Line("() RETURNS text")
            .Line("    LANGUAGE plpgsql STABLE")
            .Line("    SET search_path = pg_catalog, pg_temp")
            .Line("AS " + Dollar)
            .Append("BEGIN RETURN ").Append(function).Line("(CURRENT_USER); END")
            .Line(Dollar + ";");
        sql.Append("ALTER FUNCTION ").Append(current).Append("() OWNER TO ").Identifier(security.Owner).Line(";");
        sql.Append("REVOKE ALL ON FUNCTION ").Append(current).Line("() FROM PUBLIC;");
        if (groups.Count > 0)
        {
            sql.Append("GRANT EXECUTE ON FUNCTION ").Append(current).Append("() TO ").Append(string.Join(", ", groups)).Line(";");
        }

        return new CompiledArtefact(ArtefactIds.SecurityRoles, ArtefactKind.Roles, ArtefactScope.Global, null, sql.ToString(),
            new string[0], table, null, Roles: SecurityStateCompiler.GlobalRoles(security));
    }

    /// <summary>Per tenant: its roles (NOLOGIN, members of their kind's group only), its rows in the registry, CONNECT.</summary>
    public static CompiledArtefact TenantRoles(BoundProject project)
    {
        var security = project.Security!;
        var sql = new SqlWriter();
        var roles = security.TenantRoles.Select(r => (Role: TenantRole(r), r.Group)).ToList();
        var table = SqlWriter.QualifiedName(security.Schema, BoundSecurity.MappingTable);
        if (security.Isolation == IsolationMode.Database)
        {
            // One tenant per database: CONNECT here must never go to a second tenant's roles (a target map that puts two
            // tenants in one database is refused here, in the transaction, before anything of the second is created).
            sql.Line("DO " + Dollar)
                .Line("BEGIN")
                .Append("    IF EXISTS (SELECT FROM ").Append(table).Append(" WHERE ").Identifier("tenant_id").Append(" <> ").Literal(ArtefactTemplate.TenantPlaceholder).Line(") THEN")
                .Append("        RAISE EXCEPTION 'isolation: database: database % already holds another tenant; tenant ").Append(ArtefactTemplate.TenantPlaceholder)
                .Line(" needs its own database (see the target map)', pg_catalog.current_database();")
                .Line("    END IF;")
                .Line("END")
                .Line(Dollar + ";");
        }

        foreach (var (role, group) in roles)
        {
            EnsureRole(sql, role, new RoleAttributes(BypassRls: false, Inherit: true));
            sql.Append("GRANT ").Identifier(group).Append(" TO ").Identifier(role).Line(";");
        }

        sql.Line("-- A tenant's roles belong to their kind's group and nothing else (never another tenant's role).");
        RevokeMemberships(sql, roles.Select(r => r.Role).ToList(), roles.Select(r => (r.Role, r.Group)).ToList());
        if (roles.Count > 0)
        {
            sql.Line("-- Only logins are members of a tenant's roles: a role in between could carry a second tenant to its logins.");
            RevokeMembershipsWhere(sql, w => w.Append("        WHERE g.rolname IN (").Join(", ", roles, (x, r) => x.Literal(r.Role)).Line(") AND NOT m.rolcanlogin"));
        }

        sql.Append("DELETE FROM ").Append(table).Append(" WHERE ").Identifier("tenant_id").Append(" = ").Literal(ArtefactTemplate.TenantPlaceholder)
            .Append(" OR ").Identifier("role_name").Append(" IN (").Join(", ", roles, (w, r) => w.Literal(r.Role)).Line(");");
        if (roles.Count > 0)
        {
            sql.Append("INSERT INTO ").Append(table).Append(" (").Identifier("role_name").Append(", ").Identifier("tenant_id").Append(") VALUES ")
                .Join(", ", roles, (w, r) => w.Append("(").Literal(r.Role).Append(", ").Literal(ArtefactTemplate.TenantPlaceholder).Append(")"))
                .Line(";");
            sql.Line("DO " + Dollar)
                .Line("BEGIN")
                .Append("    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO ")
                .Append(string.Join(", ", roles.Select(_ => "%I").ToArray()))
                .Append("', pg_catalog.current_database(), ")
                .Join(", ", roles, (w, r) => w.Literal(r.Role)).Line(");")
                .Line("END")
                .Line(Dollar + ";");
        }

        // The object is the registry: a removed tenant's teardown finds its roles there (DropStatements).
        return new CompiledArtefact(ArtefactIds.SecurityTenantRoles, ArtefactKind.Roles, ArtefactScope.Tenant, null, sql.ToString(),
            new[] { ArtefactIds.SecurityRoles }, table, null, Roles: SecurityStateCompiler.TenantRoles(security));
    }

    /// <summary>A created schema: owned by the owner, nothing for PUBLIC, USAGE for the roles that can reach it.</summary>
    public static CompiledArtefact SecureSchema(BoundProject project, CompiledArtefact artefact, string schema, IReadOnlyList<string> usage, string extra = "")
    {
        var security = project.Security!;
        var sql = new SqlWriter().Append(artefact.Sql);
        sql.Append("ALTER SCHEMA ").Identifier(schema).Append(" OWNER TO ").Identifier(security.Owner).Line(";");
        // Reconciled like object grants: every project role that could hold USAGE loses it, then the declared ones get it
        // back, so a role that no longer needs the schema (a canonical table no longer granted to tenants) loses it.
        var candidates = (artefact.Scope == ArtefactScope.Tenant
                ? security.TenantRoles.Select(TenantRole)
                : security.TenantRoles.Select(r => r.Group))
            .Concat(new[] { security.Admin, security.App })
            .Distinct()
            .ToList();
        sql.Append("REVOKE ALL ON SCHEMA ").Identifier(schema).Append(" FROM PUBLIC, ").Join(", ", candidates, (w, r) => w.Identifier(r)).Line(" CASCADE;");
        RevokeFromEveryoneElse(sql, "SCHEMA", SqlWriter.QuoteIdentifier(schema),
            "SELECT DISTINCT a.grantee FROM pg_catalog.pg_namespace AS n, pg_catalog.aclexplode(n.nspacl) AS a WHERE n.oid = "
            + SqlWriter.QuoteLiteral(SqlWriter.QuoteIdentifier(schema)) + "::regnamespace AND a.grantee NOT IN (0, n.nspowner)");
        if (usage.Count > 0)
        {
            sql.Append("GRANT USAGE ON SCHEMA ").Identifier(schema).Append(" TO ").Join(", ", usage, (w, r) => w.Identifier(r)).Line(";");
        }

        sql.Append(extra);
        var dependsOn = artefact.DependsOn.Concat(new[] { artefact.Scope == ArtefactScope.Tenant ? ArtefactIds.SecurityTenantRoles : ArtefactIds.SecurityRoles }).ToList();
        return artefact with { Sql = sql.ToString(), DependsOn = dependsOn, Security = SecurityStateCompiler.Schema(security, usage) };
    }

    /// <summary>Roles that get USAGE on a schema: a tenant schema's own tenant roles (or every group for shared), admin and app.</summary>
    public static IReadOnlyList<string> SchemaUsage(BoundProject project, bool shared, bool tenants = true)
    {
        var security = project.Security!;
        var roles = new List<string>();
        if (tenants)
        {
            roles.AddRange(security.TenantRoles.Select(r => shared ? r.Group : TenantRole(r)));
        }

        roles.Add(security.Admin);
        roles.Add(security.App);
        return roles;
    }

    /// <summary>
    /// What a staging schema's readers need underneath: security_invoker views read the raw tables as the caller,
    /// so the owner (materialized views refresh as it) and every role granted select on a model of this source get
    /// USAGE on the raw schema and SELECT on the raw tables the mappings read. The raw schema itself is not ours.
    /// </summary>
    public static string RawGrants(BoundProject project, string source)
    {
        var security = project.Security!;
        var mappings = project.Models.SelectMany(m => m.Mappings.Where(x => x.Source.Name == source).Select(x => (Model: m, Mapping: x))).ToList();
        if (mappings.Count == 0)
        {
            return string.Empty;
        }

        var readers = new List<string> { security.Owner };
        foreach (var (model, _) in mappings)
        {
            foreach (var grant in model.GrantList.Where(g => g.Privileges.Contains("select")))
            {
                var role = RoleFor(security, grant.Role, shared: false);
                if (!readers.Contains(role))
                {
                    readers.Add(role);
                }
            }
        }

        var rawSchema = mappings[0].Mapping.Source.RawSchema.Template(source);
        var tables = mappings.SelectMany(m => new[] { m.Mapping.Table.Name }.Concat(m.Mapping.Joins.Select(j => j.Table.Name)))
            .Distinct().OrderBy(t => t, System.StringComparer.Ordinal).ToList();
        var sql = new SqlWriter();
        sql.Append("GRANT USAGE ON SCHEMA ").Identifier(rawSchema).Append(" TO ").Join(", ", readers, (w, r) => w.Identifier(r)).Line(";");
        sql.Append("GRANT SELECT ON TABLE ").Join(", ", tables, (w, t) => w.Qualified(rawSchema, t))
            .Append(" TO ").Join(", ", readers, (w, r) => w.Identifier(r)).Line(";");
        return sql.ToString();
    }

    /// <summary>
    /// A model object's ownership, reconciled grants and (shared tables) row-level security as their own artefact, run
    /// after the object: a grants change re-runs only this, and recreating the object (a dependent) re-runs it too.
    /// </summary>
    public static CompiledArtefact Grants(BoundProject project, BoundModel model, CompiledArtefact objectArtefact) => new(
        ArtefactIds.Grants(objectArtefact.Id),
        ArtefactKind.Grants,
        objectArtefact.Scope,
        objectArtefact.Source,
        ObjectFooter(project, model, objectArtefact.Object),
        new[] { objectArtefact.Id, objectArtefact.Scope == ArtefactScope.Tenant ? ArtefactIds.SecurityTenantRoles : ArtefactIds.SecurityRoles },
        objectArtefact.Object,
        null,
        Security: SecurityStateCompiler.Object(project, model));

    /// <summary>A canonical table's ownership, select grants and row-level security, as the grants artefact of its parent table.</summary>
    public static CompiledArtefact CanonicalTableGrants(BoundProject project, BoundModel model, CompiledArtefact parent) => new(
        ArtefactIds.Grants(parent.Id),
        ArtefactKind.Grants,
        ArtefactScope.Global,
        null,
        CanonicalTableFooter(project, model, parent.Object),
        new[] { parent.Id, ArtefactIds.SecurityRoles },
        parent.Object,
        null,
        Security: SecurityStateCompiler.CanonicalTable(project, model));

    /// <summary>Ownership, reconciled grants and (shared tables) row-level security of a model's object.</summary>
    public static string ObjectFooter(BoundProject project, BoundModel model, string qualifiedName, bool canonical = false)
    {
        var security = project.Security!;
        var shared = model.Scope == ModelScope.Shared && !canonical;
        var everyone = canonical
            ? new List<string> { security.Admin, security.App }
            : SchemaUsage(project, shared).ToList();
        var sql = new SqlWriter();
        OwnershipAndGrants(sql, security, ObjectKind(model, canonical), qualifiedName, everyone, ObjectPrivileges(project, model, canonical));
        if (HasRowLevelSecurity(model, canonical))
        {
            RowLevelSecurity(sql, project, project.SharedSchema, model.Name);
        }

        return sql.ToString();
    }

    /// <summary>The privileges a model's object grants, by role name (a tenant role templated): what the grants apply and verify expects.</summary>
    public static IReadOnlyList<(string Role, IReadOnlyList<string> Privileges)> ObjectPrivileges(BoundProject project, BoundModel model, bool canonical = false)
    {
        var security = project.Security!;
        var shared = model.Scope == ModelScope.Shared && !canonical;
        var result = new List<(string, IReadOnlyList<string>)>();
        foreach (var grant in model.GrantList.Where(g => g.Privileges.Count > 0))
        {
            if (canonical && grant.Role is not (BoundSecurity.AdminKey or BoundSecurity.AppKey))
            {
                continue; // a canonical view spans every tenant: admin and app only
            }

            result.Add((RoleFor(security, grant.Role, shared), grant.Privileges));
        }

        return result;
    }

    /// <summary>Shared tables get row-level security; everything else is filtered by its schema or by the tables it reads.</summary>
    public static bool HasRowLevelSecurity(BoundModel model, bool canonical = false) =>
        model.Scope == ModelScope.Shared && !canonical && model.Materialized == Materialization.Table;

    /// <summary>The policies a shared table has: name, permissive, the roles it names, and a fragment its USING text contains.</summary>
    /// <param name="adminPolicy">Citus shared isolation: the admin role's own policy (<see cref="CitusSharedSql.AdminPolicy"/>) too.</param>
    public static IReadOnlyList<(string Name, bool Permissive, IReadOnlyList<string> Roles, string Predicate)> Policies(BoundSecurity security, bool adminPolicy = false)
    {
        var groups = security.TenantRoles.Select(r => r.Group).ToList();
        var policies = new List<(string, bool, IReadOnlyList<string>, string)>();
        if (groups.Count > 0)
        {
            policies.Add((TenantPolicy, true, groups, BoundSecurity.CurrentTenantFunction + "()"));
            policies.Add((TenantGuardPolicy, false, groups, BoundSecurity.CurrentTenantFunction + "()"));
        }

        var app = new[] { security.App };
        policies.Add((AppPolicy, true, app, "current_setting('" + BoundSecurity.TenantSetting + "'"));
        policies.Add((AppGuardPolicy, false, app, "current_setting('" + BoundSecurity.TenantSetting + "'"));
        if (adminPolicy)
        {
            policies.Add((CitusSharedSql.AdminPolicy, true, new[] { security.Admin }, "true"));
        }

        return policies;
    }

    /// <summary>The SQL keyword for the object a model creates (ALTER ... OWNER TO).</summary>
    public static string ObjectKind(BoundModel model, bool canonical = false) =>
        canonical || model.Materialized == Materialization.View || model.IsFromSources && model.Materialized != Materialization.MaterializedView
            ? "VIEW"
            : model.Materialized == Materialization.MaterializedView ? "MATERIALIZED VIEW" : "TABLE";


    /// <summary>
    /// The canonical table form: like a shared table (tenant roles through their kind's group, row-level security on the
    /// tenant column), read-only (the runner fills it), so only <c>select</c> grants apply.
    /// </summary>
    public static string CanonicalTableFooter(BoundProject project, BoundModel model, string qualifiedName)
    {
        var security = project.Security!;
        var sql = new SqlWriter();
        // Also what a database of the partition-per-tenant form needs once its table is replaced: a comment the old form's
        // grants did not have, so their checksum differs and they run again on the new table.
        sql.Line("-- One table holds every tenant's rows: these policies alone keep a tenant's roles to the tenant's own rows.");
        OwnershipAndGrants(sql, security, "TABLE", qualifiedName, SchemaUsage(project, shared: true), CanonicalTablePrivileges(project, model));
        RowLevelSecurity(sql, project, project.CanonicalSchema, model.Name);
        return sql.ToString();
    }

    /// <summary>What a canonical table grants, by role name: <c>select</c> only (the runner fills it), tenant kinds through their group.</summary>
    public static IReadOnlyList<(string Role, IReadOnlyList<string> Privileges)> CanonicalTablePrivileges(BoundProject project, BoundModel model) =>
        model.GrantList
            .Select(g => (RoleFor(project.Security!, g.Role, shared: true), (IReadOnlyList<string>)g.Privileges.Where(p => p == "select").ToList()))
            .Where(g => g.Item2.Count > 0)
            .ToList();

    /// <summary>
    /// Roles with USAGE on the canonical schema: admin and app, and the tenant groups only when a canonical table (row-level
    /// secured) is granted to them.
    /// </summary>
    public static IReadOnlyList<string> CanonicalSchemaUsage(BoundProject project) =>
        SchemaUsage(project, shared: true, tenants: project.Models.Any(m => m.Canonical && m.CanonicalTable is not null && GrantsTenantRoles(m)));

    /// <summary>Whether a model grants anything to a tenant role kind (so its schema must be reachable by their groups).</summary>
    public static bool GrantsTenantRoles(BoundModel model) =>
        model.GrantList.Any(g => g.Privileges.Count > 0 && g.Role is not (BoundSecurity.AdminKey or BoundSecurity.AppKey));

    /// <param name="grants">Privileges by role name (tenant roles templated), as <see cref="ObjectPrivileges"/> gives them.</param>
    private static void OwnershipAndGrants(SqlWriter sql, BoundSecurity security, string kind, string qualifiedName, IReadOnlyList<string> everyone,
        IEnumerable<(string Role, IReadOnlyList<string> Privileges)> grants)
    {
        sql.Append("ALTER ").Append(kind).Append(" ").Append(qualifiedName).Append(" OWNER TO ").Identifier(security.Owner).Line(";");
        // CASCADE: a role given a grant option by hand may have passed the privilege on; those grants go with it.
        sql.Append("REVOKE ALL ON TABLE ").Append(qualifiedName).Append(" FROM PUBLIC, ").Join(", ", everyone, (w, r) => w.Identifier(r)).Line(" CASCADE;");
        RevokeFromEveryoneElse(sql, "TABLE", qualifiedName,
            "SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = " + SqlWriter.QuoteLiteral(qualifiedName)
            + "::regclass AND a.grantee NOT IN (0, c.relowner)"
            + " UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = "
            + SqlWriter.QuoteLiteral(qualifiedName) + "::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner)");
        foreach (var grant in grants.Where(g => g.Privileges.Count > 0))
        {
            sql.Append("GRANT ").Append(string.Join(", ", grant.Privileges.Select(p => p.ToUpperInvariant()).ToArray()))
                .Append(" ON TABLE ").Append(qualifiedName).Append(" TO ").Identifier(grant.Role).Line(";");
        }
    }

    /// <summary>
    /// Revokes every privilege any role other than the owner and PUBLIC still holds on the object (<paramref name="holders"/>
    /// selects their oids): another tenant's role or a role made by hand, which the static REVOKE does not name. Column
    /// privileges go with the table's (REVOKE ALL ON TABLE revokes them on every column), and with CASCADE so do the grants
    /// a holder made from a grant option: the owner cannot revoke those directly, only through the holder.
    /// </summary>
    private static void RevokeFromEveryoneElse(SqlWriter sql, string kind, string quotedName, string holders)
    {
        sql.Line("-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.");
        sql.Line("DO " + Dollar)
            .Line("DECLARE")
            .Line("    holder record;")
            .Line("BEGIN")
            .Append("    FOR holder IN ").Append(holders).Line(" LOOP")
            .Append("        EXECUTE pg_catalog.format('REVOKE ALL ON ").Append(kind).Append(" %s FROM %I CASCADE', ").Literal(quotedName).Line(", pg_catalog.pg_get_userbyid(holder.grantee));")
            .Line("    END LOOP;")
            .Line("END")
            .Line(Dollar + ";");
    }

    private static void RowLevelSecurity(SqlWriter sql, BoundProject project, string schema, string name)
    {
        var table = SqlWriter.QualifiedName(schema, name);
        var policies = DeclaredPolicies(project);
        sql.Line("-- Row-level security: the owner too (FORCE); only the admin role bypasses it (BYPASSRLS).");
        sql.Append("ALTER TABLE ").Append(table).Line(" ENABLE ROW LEVEL SECURITY;");
        sql.Append("ALTER TABLE ").Append(table).Line(" FORCE ROW LEVEL SECURITY;");
        sql.Line("-- Policies nobody declared (a permissive TO PUBLIC one would OR in every row) are dropped.");
        sql.Line("DO " + Dollar)
            .Line("DECLARE")
            .Line("    policy record;")
            .Line("BEGIN")
            .Line("    FOR policy IN SELECT p.polname FROM pg_catalog.pg_policy AS p")
            .Append("        WHERE p.polrelid = ").Literal(table).Append("::regclass AND p.polname NOT IN (").Join(", ", policies, (w, d) => w.Literal(d.Name)).Line(")")
            .Line("    LOOP")
            .Append("        EXECUTE pg_catalog.format('DROP POLICY %I ON %I.%I', policy.polname, ").Literal(schema).Append(", ").Literal(name).Line(");")
            .Line("    END LOOP;")
            .Line("END")
            .Line(Dollar + ";");
        foreach (var policy in policies)
        {
            Policy(sql, policy.Name, table, policy.Permissive ? "PERMISSIVE" : "RESTRICTIVE",
                string.Join(", ", policy.Roles.Select(SqlWriter.QuoteIdentifier).ToArray()), policy.Using!);
        }
    }

    /// <summary>
    /// The policies every row-level secured table gets, in the order they are created: the tenant roles' (through their
    /// groups, when there are tenant role kinds) and the app role's, each a permissive one and a restrictive guard.
    /// </summary>
    public static IReadOnlyList<PolicyState> DeclaredPolicies(BoundProject project)
    {
        var security = project.Security!;
        var groups = security.TenantRoles.Select(r => r.Group).ToList();
        var tenantColumn = SqlWriter.QuoteIdentifier(BoundProject.TenantColumn);
        var currentTenant = SqlWriter.QualifiedName(security.Schema, BoundSecurity.CurrentTenantFunction);
        var tenantPredicate = CitusSharedSql.Applies(project)
            ? CitusSharedSql.TenantPredicate(tenantColumn, currentTenant)
            : tenantColumn + " = (SELECT " + currentTenant + "())";
        var appPredicate = tenantColumn + " = NULLIF(pg_catalog.current_setting(" + SqlWriter.QuoteLiteral(BoundSecurity.TenantSetting) + ", true), '')";
        var policies = new List<PolicyState>();
        if (groups.Count > 0)
        {
            policies.Add(new PolicyState(TenantPolicy, "ALL", true, groups, tenantPredicate, tenantPredicate));
            policies.Add(new PolicyState(TenantGuardPolicy, "ALL", false, groups, tenantPredicate, tenantPredicate));
        }

        var app = new[] { security.App };
        policies.Add(new PolicyState(AppPolicy, "ALL", true, app, appPredicate, appPredicate));
        policies.Add(new PolicyState(AppGuardPolicy, "ALL", false, app, appPredicate, appPredicate));
        if (CitusSharedSql.Applies(project))
        {
            // BYPASSRLS is not inherited and SET ROLE to the NOLOGIN admin cannot reach a worker: admin logins, members
            // of the admin role, read every row through this policy instead (docs/security.md, on a Citus cluster).
            policies.Add(new PolicyState(CitusSharedSql.AdminPolicy, "ALL", true, new[] { security.Admin }, "true", "true"));
        }

        return policies;
    }

    private static void Policy(SqlWriter sql, string name, string table, string mode, string to, string predicate)
    {
        sql.Append("DROP POLICY IF EXISTS ").Identifier(name).Append(" ON ").Append(table).Line(";");
        sql.Append("CREATE POLICY ").Identifier(name).Append(" ON ").Append(table).Append(" AS ").Append(mode).Append(" FOR ALL TO ").Append(to)
            .Append(" USING (").Append(predicate).Append(") WITH CHECK (").Append(predicate).Line(");");
    }

    /// <summary>The role a grant key means: admin, app, or a tenant role kind (the tenant's own role, or its kind's group on shared objects).</summary>
    public static string RoleFor(BoundSecurity security, string key, bool shared)
    {
        if (key == BoundSecurity.AdminKey)
        {
            return security.Admin;
        }

        if (key == BoundSecurity.AppKey)
        {
            return security.App;
        }

        var role = security.TenantRoles.First(r => r.Kind == key);
        return shared ? role.Group : TenantRole(role);
    }

    public static string TenantRole(BoundTenantRole role) => role.Pattern.Template(string.Empty);

    private static List<string> GlobalRoles(BoundSecurity security)
    {
        var roles = new List<string> { security.Owner, security.Admin, security.App };
        roles.AddRange(security.TenantRoles.Select(r => r.Group));
        return roles;
    }

    private static void EnsureRole(SqlWriter sql, string role, RoleAttributes attributes)
    {
        sql.CreateRoleIfMissing(role, login: false)
            .Append("    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = ").Literal(role)
            .Append(" AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> ")
            .Append(attributes.BypassRls ? "true" : "false").Append(" OR rolinherit <> ").Append(attributes.Inherit ? "true" : "false").Line(")) THEN")
            .Append("        ALTER ROLE ").Identifier(role).Append(" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION ")
            .Append(attributes.BypassRls ? "BYPASSRLS" : "NOBYPASSRLS").Append(" ").Append(attributes.Inherit ? "INHERIT" : "NOINHERIT").Line(";")
            .Line("    END IF;")
            .Line("END")
            .Line(Dollar + ";");
    }

    private static void RevokeMemberships(SqlWriter sql, IReadOnlyList<string> members, IReadOnlyList<(string Member, string Group)> allowed) =>
        RevokeMembershipsWhere(sql, w =>
        {
            w.Append("        WHERE m.rolname IN (").Join(", ", members, (x, r) => x.Literal(r)).Line(")");
            foreach (var (member, group) in allowed)
            {
                w.Append("        AND NOT (m.rolname = ").Literal(member).Append(" AND g.rolname = ").Literal(group).Line(")");
            }
        });

    /// <summary>Revokes every membership the <paramref name="where"/> clause selects (over <c>a</c>, granted role <c>g</c>, member <c>m</c>).</summary>
    private static void RevokeMembershipsWhere(SqlWriter sql, System.Action<SqlWriter> where)
    {
        sql.Line("DO " + Dollar)
            .Line("DECLARE")
            .Line("    membership record;")
            .Line("BEGIN")
            .Line("    FOR membership IN")
            .Line("        SELECT g.rolname AS granted, m.rolname AS member")
            .Line("        FROM pg_catalog.pg_auth_members AS a")
            .Line("        JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid")
            .Line("        JOIN pg_catalog.pg_roles AS m ON m.oid = a.member");
        where(sql);
        sql.Line("    LOOP")
            .Line("        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);")
            .Line("    END LOOP;")
            .Line("END")
            .Line(Dollar + ";");
    }
}
