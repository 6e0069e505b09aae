-- Cluster-wide roles: created once, attributes enforced on every apply. None can log in; logins are members created by the runner.
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_owner') THEN
        BEGIN
            CREATE ROLE "scmg_owner" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_owner' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "scmg_owner" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_admin') THEN
        BEGIN
            CREATE ROLE "scmg_admin" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_admin' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> true OR rolinherit <> true)) THEN
        ALTER ROLE "scmg_admin" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION BYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_app') THEN
        BEGIN
            CREATE ROLE "scmg_app" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_app' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> false)) THEN
        ALTER ROLE "scmg_app" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS NOINHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_reader') THEN
        BEGIN
            CREATE ROLE "scmg_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "scmg_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
-- These roles belong to no other role (pg_read_all_data, another tenant's role, ...): any membership is revoked.
DO $tm$
DECLARE
    membership record;
BEGIN
    FOR membership IN
        SELECT g.rolname AS granted, m.rolname AS member
        FROM pg_catalog.pg_auth_members AS a
        JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid
        JOIN pg_catalog.pg_roles AS m ON m.oid = a.member
        WHERE m.rolname IN ('scmg_owner', 'scmg_admin', 'scmg_app', 'scmg_reader')
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
-- PUBLIC gets nothing in this database: no CONNECT, no TEMP, no CREATE in schema public.
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM PUBLIC', pg_catalog.current_database());
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'scmg_admin', 'scmg_app');
    IF EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = 'public') THEN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    END IF;
END
$tm$;
ALTER DEFAULT PRIVILEGES FOR ROLE "scmg_owner" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
-- The role -> tenant registry: owned by the NOLOGIN owner, invisible to everyone else, read only through tenant_of.
CREATE SCHEMA IF NOT EXISTS "scmg_security";
ALTER SCHEMA "scmg_security" OWNER TO "scmg_owner";
REVOKE ALL ON SCHEMA "scmg_security" FROM PUBLIC;
GRANT USAGE ON SCHEMA "scmg_security" TO "scmg_reader";
CREATE TABLE IF NOT EXISTS "scmg_security"."tenant_role" (
    "role_name" name PRIMARY KEY,
    "tenant_id" text NOT NULL
);
ALTER TABLE "scmg_security"."tenant_role" OWNER TO "scmg_owner";
REVOKE ALL ON TABLE "scmg_security"."tenant_role" FROM PUBLIC;
-- The tenant of a role: the one tenant whose roles it can use; none or several -> NULL, which matches no row.
CREATE OR REPLACE FUNCTION "scmg_security"."tenant_of"(member name) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET enable_seqscan = off
    SET enable_hashjoin = off
AS $tm$
BEGIN
    RETURN (
        WITH RECURSIVE up(oid) AS (
            SELECT pg_catalog.to_regrole(pg_catalog.quote_ident(member))::oid
            UNION
            SELECT a.roleid FROM pg_catalog.pg_auth_members AS a JOIN up ON a.member = up.oid
        )
        SELECT CASE WHEN count(DISTINCT m."tenant_id") = 1 THEN min(m."tenant_id") END
        FROM up JOIN "scmg_security"."tenant_role" AS m ON m."role_name" = pg_catalog.pg_get_userbyid(up.oid)
        WHERE pg_catalog.pg_has_role(member, up.oid, 'USAGE'));
END
$tm$;
ALTER FUNCTION "scmg_security"."tenant_of"(name) OWNER TO "scmg_owner";
REVOKE ALL ON FUNCTION "scmg_security"."tenant_of"(name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "scmg_security"."tenant_of"(name) TO "scmg_reader";
-- What the policies call: the tenant of CURRENT_USER. Not a definer (CURRENT_USER is the caller here), no argument:
-- PostgreSQL turns (SELECT current_tenant()) into one init-plan whose value the tenant index can use, which
-- (SELECT tenant_of(CURRENT_USER)) in a policy is not (docs/performance.md).
CREATE OR REPLACE FUNCTION "scmg_security"."current_tenant"() RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $tm$
BEGIN RETURN "scmg_security"."tenant_of"(CURRENT_USER); END
$tm$;
ALTER FUNCTION "scmg_security"."current_tenant"() OWNER TO "scmg_owner";
REVOKE ALL ON FUNCTION "scmg_security"."current_tenant"() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "scmg_security"."current_tenant"() TO "scmg_reader";
