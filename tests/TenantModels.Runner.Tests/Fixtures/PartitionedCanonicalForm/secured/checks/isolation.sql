-- TenantModels isolation checks: each query returns (object, problem) rows for what violates it; none means it holds.
-- Tenant checks are templates over {{tenant}}; `tenantmodels verify` runs them in a read-only transaction that is rolled back.

-- check: roles.attributes
-- scope: global
-- artefact: security.roles
SELECT e.name AS object, CASE WHEN r.oid IS NULL THEN 'role is missing' ELSE 'has ' || concat_ws(' ',
    CASE WHEN r.rolcanlogin THEN 'LOGIN' END, CASE WHEN r.rolsuper THEN 'SUPERUSER' END, CASE WHEN r.rolcreaterole THEN 'CREATEROLE' END,
    CASE WHEN r.rolcreatedb THEN 'CREATEDB' END, CASE WHEN r.rolreplication THEN 'REPLICATION' END,
    CASE WHEN r.rolbypassrls <> e.bypass THEN CASE WHEN r.rolbypassrls THEN 'BYPASSRLS' ELSE 'NOBYPASSRLS' END END,
    CASE WHEN r.rolinherit <> e.inherit THEN CASE WHEN r.rolinherit THEN 'INHERIT' ELSE 'NOINHERIT' END END) || ', which was not declared' END AS problem
FROM (VALUES ('scmg_owner'::text, false, true), ('scmg_admin'::text, true, true), ('scmg_app'::text, false, false), ('scmg_reader'::text, false, true)) AS e(name, bypass, inherit)
LEFT JOIN pg_catalog.pg_roles AS r ON r.rolname = e.name
WHERE r.oid IS NULL OR r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls <> e.bypass OR r.rolinherit <> e.inherit;

-- check: roles.memberships
-- scope: global
-- artefact: security.roles
SELECT m.rolname::text AS object, 'is a member of ' || g.rolname || ', which was not declared' AS problem
FROM pg_catalog.pg_auth_members AS a JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid JOIN pg_catalog.pg_roles AS m ON m.oid = a.member
WHERE m.rolname IN ('scmg_owner', 'scmg_admin', 'scmg_app', 'scmg_reader')
UNION ALL
SELECT g.rolname::text, m.rolname || ' is a member: a group holds tenant roles only, never a login' FROM pg_catalog.pg_auth_members AS a
JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid JOIN pg_catalog.pg_roles AS m ON m.oid = a.member
WHERE m.rolcanlogin AND g.rolname IN ('scmg_reader');

-- check: roles.one_tenant_per_login
-- scope: global
-- artefact: security.roles
SELECT r.rolname::text AS object, 'can use the roles of ' || count(DISTINCT m.tenant_id) || ' tenants (' || string_agg(DISTINCT m.tenant_id, ', ') || '): it resolves to no tenant' AS problem
FROM pg_catalog.pg_auth_members AS a JOIN pg_catalog.pg_roles AS r ON r.oid = a.member
JOIN "scmg_security"."tenant_role" AS m ON m.role_name = pg_catalog.pg_get_userbyid(a.roleid)
WHERE NOT r.rolsuper
GROUP BY r.rolname HAVING count(DISTINCT m.tenant_id) > 1;

-- check: logins
-- scope: global
-- artefact: security.roles
WITH project AS (SELECT role_name::text AS rolname FROM "scmg_security"."tenant_role" UNION SELECT r FROM (VALUES ('scmg_admin'::text), ('scmg_app'::text)) AS g(r)),
logins AS (SELECT DISTINCT m.oid, m.rolname::text AS rolname, m.rolsuper, m.rolcreaterole, m.rolcreatedb, m.rolreplication, m.rolbypassrls
    FROM pg_catalog.pg_auth_members AS a JOIN pg_catalog.pg_roles AS m ON m.oid = a.member
    WHERE m.rolcanlogin AND pg_catalog.pg_get_userbyid(a.roleid) IN (SELECT rolname FROM project))
SELECT l.rolname AS object, 'login has ' || concat_ws(' ', CASE WHEN l.rolsuper THEN 'SUPERUSER' END, CASE WHEN l.rolcreaterole THEN 'CREATEROLE' END,
    CASE WHEN l.rolcreatedb THEN 'CREATEDB' END, CASE WHEN l.rolreplication THEN 'REPLICATION' END, CASE WHEN l.rolbypassrls THEN 'BYPASSRLS' END)
    || ': a login has LOGIN and INHERIT only (run `tenantmodels logins apply`)' AS problem
FROM logins AS l WHERE l.rolsuper OR l.rolcreaterole OR l.rolcreatedb OR l.rolreplication OR l.rolbypassrls
UNION ALL
SELECT l.rolname, 'login is a member of ' || string_agg(pg_catalog.pg_get_userbyid(a.roleid), ', ' ORDER BY pg_catalog.pg_get_userbyid(a.roleid))
    || ': a login belongs to one project role only (run `tenantmodels logins apply`)'
FROM logins AS l JOIN pg_catalog.pg_auth_members AS a ON a.member = l.oid
GROUP BY l.rolname HAVING count(*) > 1;

-- check: database.privileges
-- scope: global
-- artefact: security.roles
WITH target AS (SELECT coalesce(datacl, pg_catalog.acldefault('d', datdba)) AS acl, datdba AS owner FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (SELECT 'scmg_admin'::text, 'CONNECT'::text UNION SELECT 'scmg_app', 'CONNECT' UNION SELECT role_name::text, 'CONNECT' FROM "scmg_security"."tenant_role")
SELECT pg_catalog.current_database()::text AS object, 'database is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT pg_catalog.current_database(), privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT pg_catalog.current_database(), 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);

-- check: schema.public
-- scope: global
-- artefact: security.roles
SELECT 'public' AS object, 'PUBLIC may ' || a.privilege_type || ' in schema public' AS problem
FROM pg_catalog.pg_namespace AS n, pg_catalog.aclexplode(coalesce(n.nspacl, pg_catalog.acldefault('n', n.nspowner))) AS a
WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE';

-- check: functions.default_privileges
-- scope: global
-- artefact: security.roles
SELECT 'scmg_owner'::text AS object, 'functions it creates are executable by PUBLIC (default privileges)' AS problem
WHERE pg_catalog.to_regrole('"scmg_owner"') IS NOT NULL AND NOT EXISTS (
    SELECT FROM pg_catalog.pg_default_acl AS d WHERE d.defaclrole = pg_catalog.to_regrole('"scmg_owner"') AND d.defaclnamespace = 0 AND d.defaclobjtype = 'f'
    AND NOT EXISTS (SELECT FROM pg_catalog.aclexplode(d.defaclacl) AS a WHERE a.grantee = 0));

-- check: registry.schema
-- scope: global
-- artefact: security.roles
WITH target AS (SELECT coalesce(nspacl, pg_catalog.acldefault('n', nspowner)) AS acl, nspowner AS owner FROM pg_catalog.pg_namespace WHERE oid = pg_catalog.to_regnamespace('"scmg_security"')),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (VALUES ('scmg_reader'::text, 'USAGE'::text))
SELECT '"scmg_security"'::text AS object, 'schema is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT '"scmg_security"', 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not scmg_owner' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> 'scmg_owner'
UNION ALL
SELECT '"scmg_security"', privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT '"scmg_security"', 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);

-- check: registry.table
-- scope: global
-- artefact: security.roles
WITH target AS (SELECT coalesce(relacl, pg_catalog.acldefault('r', relowner)) AS acl, relowner AS owner FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('"scmg_security"."tenant_role"')),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (SELECT NULL::text, NULL::text WHERE false)
SELECT '"scmg_security"."tenant_role"'::text AS object, 'object is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT '"scmg_security"."tenant_role"', 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not scmg_owner' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> 'scmg_owner'
UNION ALL
SELECT '"scmg_security"."tenant_role"', privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT '"scmg_security"."tenant_role"', 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);

-- check: registry.tenant_of
-- scope: global
-- artefact: security.roles
WITH target AS (SELECT coalesce(proacl, pg_catalog.acldefault('f', proowner)) AS acl, proowner AS owner FROM pg_catalog.pg_proc WHERE oid = pg_catalog.to_regprocedure('"scmg_security"."tenant_of"(name)')),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (VALUES ('scmg_reader'::text, 'EXECUTE'::text))
SELECT '"scmg_security"."tenant_of"(name)'::text AS object, 'function is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT '"scmg_security"."tenant_of"(name)', 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not scmg_owner' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> 'scmg_owner'
UNION ALL
SELECT '"scmg_security"."tenant_of"(name)', privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT '"scmg_security"."tenant_of"(name)', 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);
SELECT '"scmg_security"."tenant_of"(name)'::text AS object, 'is not SECURITY DEFINER, STABLE with search_path pinned to pg_catalog, pg_temp' AS problem
FROM pg_catalog.pg_proc WHERE oid = pg_catalog.to_regprocedure('"scmg_security"."tenant_of"(name)') AND NOT (prosecdef AND provolatile = 's' AND coalesce(proconfig, '{}') @> ARRAY['search_path=pg_catalog, pg_temp']);

-- check: registry.current_tenant
-- scope: global
-- artefact: security.roles
WITH target AS (SELECT coalesce(proacl, pg_catalog.acldefault('f', proowner)) AS acl, proowner AS owner FROM pg_catalog.pg_proc WHERE oid = pg_catalog.to_regprocedure('"scmg_security"."current_tenant"()')),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (VALUES ('scmg_reader'::text, 'EXECUTE'::text))
SELECT '"scmg_security"."current_tenant"()'::text AS object, 'function is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT '"scmg_security"."current_tenant"()', 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not scmg_owner' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> 'scmg_owner'
UNION ALL
SELECT '"scmg_security"."current_tenant"()', privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT '"scmg_security"."current_tenant"()', 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);
SELECT '"scmg_security"."current_tenant"()'::text AS object, 'is SECURITY DEFINER: CURRENT_USER would be its owner, not the caller' AS problem
FROM pg_catalog.pg_proc WHERE oid = pg_catalog.to_regprocedure('"scmg_security"."current_tenant"()') AND prosecdef;

-- check: functions.public_execute
-- scope: global
-- artefact: security.roles
SELECT p.oid::regprocedure::text AS object, 'PUBLIC may EXECUTE it' AS problem
FROM pg_catalog.pg_proc AS p JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace, pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) AS a
WHERE a.grantee = 0 AND pg_catalog.pg_get_userbyid(n.nspowner) = 'scmg_owner';

-- check: functions.public_definer
-- scope: global
-- artefact: security.roles
SELECT p.oid::regprocedure::text AS object, 'SECURITY DEFINER (runs as ' || pg_catalog.pg_get_userbyid(p.proowner) || ') and PUBLIC may EXECUTE it: any login calls it with its owner''s rights' AS problem
FROM pg_catalog.pg_proc AS p JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace, pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) AS a
WHERE p.prosecdef AND a.grantee = 0 AND a.privilege_type = 'EXECUTE' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend AS d WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e');

-- check: tenant.roles.attributes
-- scope: tenant
-- artefact: security.tenant_roles
SELECT e.name AS object, CASE WHEN r.oid IS NULL THEN 'role is missing' ELSE 'has ' || concat_ws(' ',
    CASE WHEN r.rolcanlogin THEN 'LOGIN' END, CASE WHEN r.rolsuper THEN 'SUPERUSER' END, CASE WHEN r.rolcreaterole THEN 'CREATEROLE' END,
    CASE WHEN r.rolcreatedb THEN 'CREATEDB' END, CASE WHEN r.rolreplication THEN 'REPLICATION' END,
    CASE WHEN r.rolbypassrls <> e.bypass THEN CASE WHEN r.rolbypassrls THEN 'BYPASSRLS' ELSE 'NOBYPASSRLS' END END,
    CASE WHEN r.rolinherit <> e.inherit THEN CASE WHEN r.rolinherit THEN 'INHERIT' ELSE 'NOINHERIT' END END) || ', which was not declared' END AS problem
FROM (VALUES ('scmg_{{tenant}}_reader'::text, false, true)) AS e(name, bypass, inherit)
LEFT JOIN pg_catalog.pg_roles AS r ON r.rolname = e.name
WHERE r.oid IS NULL OR r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls <> e.bypass OR r.rolinherit <> e.inherit;

-- check: tenant.roles.memberships
-- scope: tenant
-- artefact: security.tenant_roles
WITH expected(member, grp) AS (VALUES ('scmg_{{tenant}}_reader'::text, 'scmg_reader'::text)),
live AS (SELECT m.rolname::text AS member, g.rolname::text AS grp, m.rolcanlogin AS login FROM pg_catalog.pg_auth_members AS a
    JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid JOIN pg_catalog.pg_roles AS m ON m.oid = a.member)
SELECT member AS object, 'is a member of ' || grp || ', which was not declared' AS problem FROM live
WHERE member IN (SELECT member FROM expected) AND (member, grp) NOT IN (SELECT member, grp FROM expected)
UNION ALL
SELECT e.member, 'is not a member of its group ' || e.grp FROM expected AS e WHERE NOT EXISTS (SELECT FROM live AS l WHERE l.member = e.member AND l.grp = e.grp)
UNION ALL
SELECT l.grp, l.member || ' is a member: only logins may be' FROM live AS l
WHERE l.grp IN (SELECT member FROM expected) AND (NOT l.login OR l.member IN ('scmg_owner', 'scmg_admin', 'scmg_app', 'scmg_reader'));

-- check: tenant.registry
-- scope: tenant
-- artefact: security.tenant_roles
WITH expected(role_name) AS (VALUES ('scmg_{{tenant}}_reader'::text))
SELECT '"scmg_security"."tenant_role"'::text AS object, 'role ' || role_name || ' is registered for tenant {{tenant}} but is not one of its roles' AS problem FROM (SELECT role_name::text FROM "scmg_security"."tenant_role" WHERE tenant_id = '{{tenant}}' EXCEPT SELECT role_name FROM expected) AS extra
UNION ALL
SELECT '"scmg_security"."tenant_role"', 'role ' || e.role_name || ' is not registered for tenant {{tenant}} (it is for ' || coalesce(m.tenant_id, 'none') || ')' FROM expected AS e LEFT JOIN "scmg_security"."tenant_role" AS m ON m.role_name = e.role_name WHERE m.tenant_id IS DISTINCT FROM '{{tenant}}';

-- check: schema.shared
-- scope: global
-- artefact: shared_schema
WITH target AS (SELECT coalesce(nspacl, pg_catalog.acldefault('n', nspowner)) AS acl, nspowner AS owner FROM pg_catalog.pg_namespace WHERE oid = pg_catalog.to_regnamespace('"shared"')),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (VALUES ('scmg_reader'::text, 'USAGE'::text), ('scmg_admin'::text, 'USAGE'::text), ('scmg_app'::text, 'USAGE'::text))
SELECT '"shared"'::text AS object, 'schema is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT '"shared"', 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not scmg_owner' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> 'scmg_owner'
UNION ALL
SELECT '"shared"', privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT '"shared"', 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);

-- check: schema.tenant
-- scope: tenant
-- artefact: tenant_schema
WITH target AS (SELECT coalesce(nspacl, pg_catalog.acldefault('n', nspowner)) AS acl, nspowner AS owner FROM pg_catalog.pg_namespace WHERE oid = pg_catalog.to_regnamespace('"tenant_{{tenant}}"')),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (VALUES ('scmg_{{tenant}}_reader'::text, 'USAGE'::text), ('scmg_admin'::text, 'USAGE'::text), ('scmg_app'::text, 'USAGE'::text))
SELECT '"tenant_{{tenant}}"'::text AS object, 'schema is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT '"tenant_{{tenant}}"', 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not scmg_owner' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> 'scmg_owner'
UNION ALL
SELECT '"tenant_{{tenant}}"', privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT '"tenant_{{tenant}}"', 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);

-- check: schema.canonical
-- scope: global
-- artefact: canonical_schema
WITH target AS (SELECT coalesce(nspacl, pg_catalog.acldefault('n', nspowner)) AS acl, nspowner AS owner FROM pg_catalog.pg_namespace WHERE oid = pg_catalog.to_regnamespace('"canonical"')),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (VALUES ('scmg_reader'::text, 'USAGE'::text), ('scmg_admin'::text, 'USAGE'::text), ('scmg_app'::text, 'USAGE'::text))
SELECT '"canonical"'::text AS object, 'schema is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT '"canonical"', 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not scmg_owner' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> 'scmg_owner'
UNION ALL
SELECT '"canonical"', privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT '"canonical"', 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);

-- check: object.table.orders
-- scope: tenant
-- artefact: grants.table.orders
WITH target AS (SELECT coalesce(relacl, pg_catalog.acldefault('r', relowner)) AS acl, relowner AS owner FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('"tenant_{{tenant}}"."orders"')),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (VALUES ('scmg_{{tenant}}_reader'::text, 'SELECT'::text), ('scmg_admin'::text, 'SELECT'::text))
SELECT '"tenant_{{tenant}}"."orders"'::text AS object, 'object is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT '"tenant_{{tenant}}"."orders"', 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not scmg_owner' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> 'scmg_owner'
UNION ALL
SELECT '"tenant_{{tenant}}"."orders"', privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT '"tenant_{{tenant}}"."orders"', 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);

-- check: object.view.order_count
-- scope: tenant
-- artefact: grants.view.order_count
WITH target AS (SELECT coalesce(relacl, pg_catalog.acldefault('r', relowner)) AS acl, relowner AS owner FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('"tenant_{{tenant}}"."order_count"')),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (VALUES ('scmg_{{tenant}}_reader'::text, 'SELECT'::text), ('scmg_admin'::text, 'SELECT'::text))
SELECT '"tenant_{{tenant}}"."order_count"'::text AS object, 'object is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT '"tenant_{{tenant}}"."order_count"', 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not scmg_owner' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> 'scmg_owner'
UNION ALL
SELECT '"tenant_{{tenant}}"."order_count"', privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT '"tenant_{{tenant}}"."order_count"', 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);
SELECT '"tenant_{{tenant}}"."order_count"'::text AS object, 'view is not security_invoker: it would run with its owner''s rights' AS problem
FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('"tenant_{{tenant}}"."order_count"') AND NOT (coalesce(reloptions, '{}') @> ARRAY['security_invoker=true']);

-- check: object.canonical_table.order_count
-- scope: global
-- artefact: grants.canonical_table.order_count
WITH target AS (SELECT coalesce(relacl, pg_catalog.acldefault('r', relowner)) AS acl, relowner AS owner FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('"canonical"."order_count"')),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (VALUES ('scmg_reader'::text, 'SELECT'::text), ('scmg_admin'::text, 'SELECT'::text))
SELECT '"canonical"."order_count"'::text AS object, 'object is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT '"canonical"."order_count"', 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not scmg_owner' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> 'scmg_owner'
UNION ALL
SELECT '"canonical"."order_count"', privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT '"canonical"."order_count"', 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);
WITH declared(name, permissive, roles, fragment) AS (VALUES ('tm_tenant'::text, true, ARRAY['scmg_reader']::text[], 'current_tenant()'::text), ('tm_tenant_guard'::text, false, ARRAY['scmg_reader']::text[], 'current_tenant()'::text), ('tm_app'::text, true, ARRAY['scmg_app']::text[], 'current_setting(''tenantmodels.tenant'''::text), ('tm_app_guard'::text, false, ARRAY['scmg_app']::text[], 'current_setting(''tenantmodels.tenant'''::text)),
live AS (SELECT p.polname::text AS name, p.polpermissive AS permissive, p.polcmd AS command,
    ARRAY(SELECT CASE WHEN x = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(x)::text END FROM unnest(p.polroles) AS x ORDER BY 1) AS roles,
    coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') AS qual, coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '') AS withcheck
    FROM pg_catalog.pg_policy AS p WHERE p.polrelid = pg_catalog.to_regclass('"canonical"."order_count"'))
SELECT '"canonical"."order_count"'::text AS object, 'row-level security is not enabled' AS problem FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('"canonical"."order_count"') AND NOT relrowsecurity
UNION ALL
SELECT '"canonical"."order_count"', 'row-level security is not forced (its owner bypasses it)' FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('"canonical"."order_count"') AND NOT relforcerowsecurity
UNION ALL
SELECT '"canonical"."order_count"', 'policy ' || name || ' was not declared' FROM live WHERE name NOT IN (SELECT name FROM declared)
UNION ALL
SELECT '"canonical"."order_count"', 'declared policy ' || d.name || ' is missing' FROM declared AS d WHERE pg_catalog.to_regclass('"canonical"."order_count"') IS NOT NULL AND NOT EXISTS (SELECT FROM live AS l WHERE l.name = d.name)
UNION ALL
SELECT '"canonical"."order_count"', 'policy ' || d.name || ' differs from its declaration (mode, roles, command or predicate)' FROM declared AS d JOIN live AS l ON l.name = d.name
WHERE l.permissive <> d.permissive OR l.command <> '*' OR l.roles <> ARRAY(SELECT r FROM unnest(d.roles) AS r ORDER BY 1)
    OR pg_catalog.strpos(l.qual, d.fragment) = 0 OR pg_catalog.strpos(l.withcheck, d.fragment) = 0;

-- check: object.canonical_partition.order_count
-- scope: tenant
-- artefact: canonical_partition.order_count
WITH target AS (SELECT coalesce(relacl, pg_catalog.acldefault('r', relowner)) AS acl, relowner AS owner FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('"canonical"."order_count${{tenant}}"')),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (SELECT NULL::text, NULL::text WHERE false)
SELECT '"canonical"."order_count${{tenant}}"'::text AS object, 'object is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT '"canonical"."order_count${{tenant}}"', 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not scmg_owner' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> 'scmg_owner'
UNION ALL
SELECT '"canonical"."order_count${{tenant}}"', privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT '"canonical"."order_count${{tenant}}"', 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);

-- check: rows.canonical_table.order_count
-- scope: tenant
-- artefact: security.tenant_roles
-- requires: superuser
SET LOCAL ROLE "scmg_{{tenant}}_reader";
SELECT '"canonical"."order_count"'::text AS object, 'as scmg_{{tenant}}_reader, ' || count(*) || ' row(s) of other tenants are visible' AS problem FROM "canonical"."order_count" WHERE "tenant_id" IS DISTINCT FROM '{{tenant}}' HAVING count(*) > 0;
RESET ROLE;

-- check: object.table.screens
-- scope: global
-- artefact: grants.table.screens
WITH target AS (SELECT coalesce(relacl, pg_catalog.acldefault('r', relowner)) AS acl, relowner AS owner FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('"shared"."screens"')),
actual AS (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
    FROM target, pg_catalog.aclexplode(target.acl) AS a WHERE a.grantee <> target.owner),
expected(grantee, privilege) AS (VALUES ('scmg_reader'::text, 'SELECT'::text), ('scmg_admin'::text, 'SELECT'::text), ('scmg_app'::text, 'SELECT'::text))
SELECT '"shared"."screens"'::text AS object, 'object is missing' AS problem WHERE NOT EXISTS (SELECT FROM target)
UNION ALL
SELECT '"shared"."screens"', 'is owned by ' || pg_catalog.pg_get_userbyid(owner) || ', not scmg_owner' FROM target WHERE pg_catalog.pg_get_userbyid(owner) <> 'scmg_owner'
UNION ALL
SELECT '"shared"."screens"', privilege || ' is granted to ' || grantee || ', which was not declared' FROM (SELECT grantee, privilege FROM actual EXCEPT SELECT grantee, privilege FROM expected) AS extra
UNION ALL
SELECT '"shared"."screens"', 'declared ' || privilege || ' for ' || grantee || ' is missing' FROM (SELECT grantee, privilege FROM expected EXCEPT SELECT grantee, privilege FROM actual) AS missing
WHERE EXISTS (SELECT FROM target);
WITH declared(name, permissive, roles, fragment) AS (VALUES ('tm_tenant'::text, true, ARRAY['scmg_reader']::text[], 'current_tenant()'::text), ('tm_tenant_guard'::text, false, ARRAY['scmg_reader']::text[], 'current_tenant()'::text), ('tm_app'::text, true, ARRAY['scmg_app']::text[], 'current_setting(''tenantmodels.tenant'''::text), ('tm_app_guard'::text, false, ARRAY['scmg_app']::text[], 'current_setting(''tenantmodels.tenant'''::text)),
live AS (SELECT p.polname::text AS name, p.polpermissive AS permissive, p.polcmd AS command,
    ARRAY(SELECT CASE WHEN x = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(x)::text END FROM unnest(p.polroles) AS x ORDER BY 1) AS roles,
    coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') AS qual, coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '') AS withcheck
    FROM pg_catalog.pg_policy AS p WHERE p.polrelid = pg_catalog.to_regclass('"shared"."screens"'))
SELECT '"shared"."screens"'::text AS object, 'row-level security is not enabled' AS problem FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('"shared"."screens"') AND NOT relrowsecurity
UNION ALL
SELECT '"shared"."screens"', 'row-level security is not forced (its owner bypasses it)' FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('"shared"."screens"') AND NOT relforcerowsecurity
UNION ALL
SELECT '"shared"."screens"', 'policy ' || name || ' was not declared' FROM live WHERE name NOT IN (SELECT name FROM declared)
UNION ALL
SELECT '"shared"."screens"', 'declared policy ' || d.name || ' is missing' FROM declared AS d WHERE pg_catalog.to_regclass('"shared"."screens"') IS NOT NULL AND NOT EXISTS (SELECT FROM live AS l WHERE l.name = d.name)
UNION ALL
SELECT '"shared"."screens"', 'policy ' || d.name || ' differs from its declaration (mode, roles, command or predicate)' FROM declared AS d JOIN live AS l ON l.name = d.name
WHERE l.permissive <> d.permissive OR l.command <> '*' OR l.roles <> ARRAY(SELECT r FROM unnest(d.roles) AS r ORDER BY 1)
    OR pg_catalog.strpos(l.qual, d.fragment) = 0 OR pg_catalog.strpos(l.withcheck, d.fragment) = 0;

-- check: rows.table.screens
-- scope: tenant
-- artefact: security.tenant_roles
-- requires: superuser
SET LOCAL ROLE "scmg_{{tenant}}_reader";
SELECT '"shared"."screens"'::text AS object, 'as scmg_{{tenant}}_reader, ' || count(*) || ' row(s) of other tenants are visible' AS problem FROM "shared"."screens" WHERE "tenant_id" IS DISTINCT FROM '{{tenant}}' HAVING count(*) > 0;
RESET ROLE;
SET LOCAL ROLE "scmg_app";
SELECT pg_catalog.set_config('tenantmodels.tenant', '{{tenant}}', true);
SELECT '"shared"."screens"'::text AS object, 'as scmg_app with tenant {{tenant}}, ' || count(*) || ' row(s) of other tenants are visible' AS problem FROM "shared"."screens" WHERE "tenant_id" IS DISTINCT FROM '{{tenant}}' HAVING count(*) > 0;
SELECT pg_catalog.set_config('tenantmodels.tenant', '', true);
SELECT '"shared"."screens"'::text AS object, 'as scmg_app with no tenant set, ' || count(*) || ' row(s) are visible' AS problem FROM "shared"."screens" HAVING count(*) > 0;
RESET ROLE;
