-- TenantModels deploy script for security_shared_rls 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- security.roles
-- Cluster-wide roles: created once, attributes enforced on every apply. None can log in; logins are members created by the runner.
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_owner') THEN
        BEGIN
            CREATE ROLE "gs2_owner" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_owner' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "gs2_owner" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_admin') THEN
        BEGIN
            CREATE ROLE "gs2_admin" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_admin' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> true OR rolinherit <> true)) THEN
        ALTER ROLE "gs2_admin" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION BYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_app') THEN
        BEGIN
            CREATE ROLE "gs2_app" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_app' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> false)) THEN
        ALTER ROLE "gs2_app" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS NOINHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_reader') THEN
        BEGIN
            CREATE ROLE "gs2_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "gs2_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_writer') THEN
        BEGIN
            CREATE ROLE "gs2_writer" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_writer' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "gs2_writer" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
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
        WHERE m.rolname IN ('gs2_owner', 'gs2_admin', 'gs2_app', 'gs2_reader', 'gs2_writer')
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
-- PUBLIC gets nothing in this database: no CONNECT, no TEMP, no CREATE in schema public.
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM PUBLIC', pg_catalog.current_database());
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'gs2_admin', 'gs2_app');
    IF EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = 'public') THEN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    END IF;
END
$tm$;
ALTER DEFAULT PRIVILEGES FOR ROLE "gs2_owner" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
-- The role -> tenant registry: owned by the NOLOGIN owner, invisible to everyone else, read only through tenant_of.
CREATE SCHEMA IF NOT EXISTS "gs2_security";
ALTER SCHEMA "gs2_security" OWNER TO "gs2_owner";
REVOKE ALL ON SCHEMA "gs2_security" FROM PUBLIC;
GRANT USAGE ON SCHEMA "gs2_security" TO "gs2_reader", "gs2_writer";
CREATE TABLE IF NOT EXISTS "gs2_security"."tenant_role" (
    "role_name" name PRIMARY KEY,
    "tenant_id" text NOT NULL
);
ALTER TABLE "gs2_security"."tenant_role" OWNER TO "gs2_owner";
REVOKE ALL ON TABLE "gs2_security"."tenant_role" FROM PUBLIC;
-- The tenant of a role: the one tenant whose roles it can use; none or several -> NULL, which matches no row.
CREATE OR REPLACE FUNCTION "gs2_security"."tenant_of"(member name) RETURNS text
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
        FROM up JOIN "gs2_security"."tenant_role" AS m ON m."role_name" = pg_catalog.pg_get_userbyid(up.oid)
        WHERE pg_catalog.pg_has_role(member, up.oid, 'USAGE'));
END
$tm$;
ALTER FUNCTION "gs2_security"."tenant_of"(name) OWNER TO "gs2_owner";
REVOKE ALL ON FUNCTION "gs2_security"."tenant_of"(name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "gs2_security"."tenant_of"(name) TO "gs2_reader", "gs2_writer";
-- What the policies call: the tenant of CURRENT_USER. Not a definer (CURRENT_USER is the caller here), no argument:
-- PostgreSQL turns (SELECT current_tenant()) into one init-plan whose value the tenant index can use, which
-- (SELECT tenant_of(CURRENT_USER)) in a policy is not (docs/performance.md).
CREATE OR REPLACE FUNCTION "gs2_security"."current_tenant"() RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $tm$
BEGIN RETURN "gs2_security"."tenant_of"(CURRENT_USER); END
$tm$;
ALTER FUNCTION "gs2_security"."current_tenant"() OWNER TO "gs2_owner";
REVOKE ALL ON FUNCTION "gs2_security"."current_tenant"() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "gs2_security"."current_tenant"() TO "gs2_reader", "gs2_writer";

-- security.tenant_roles (tenant nc)
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_nc_reader') THEN
        BEGIN
            CREATE ROLE "gs2_nc_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_nc_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "gs2_nc_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "gs2_reader" TO "gs2_nc_reader";
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_nc_writer') THEN
        BEGIN
            CREATE ROLE "gs2_nc_writer" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_nc_writer' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "gs2_nc_writer" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "gs2_writer" TO "gs2_nc_writer";
-- A tenant's roles belong to their kind's group and nothing else (never another tenant's role).
DO $tm$
DECLARE
    membership record;
BEGIN
    FOR membership IN
        SELECT g.rolname AS granted, m.rolname AS member
        FROM pg_catalog.pg_auth_members AS a
        JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid
        JOIN pg_catalog.pg_roles AS m ON m.oid = a.member
        WHERE m.rolname IN ('gs2_nc_reader', 'gs2_nc_writer')
        AND NOT (m.rolname = 'gs2_nc_reader' AND g.rolname = 'gs2_reader')
        AND NOT (m.rolname = 'gs2_nc_writer' AND g.rolname = 'gs2_writer')
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
-- Only logins are members of a tenant's roles: a role in between could carry a second tenant to its logins.
DO $tm$
DECLARE
    membership record;
BEGIN
    FOR membership IN
        SELECT g.rolname AS granted, m.rolname AS member
        FROM pg_catalog.pg_auth_members AS a
        JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid
        JOIN pg_catalog.pg_roles AS m ON m.oid = a.member
        WHERE g.rolname IN ('gs2_nc_reader', 'gs2_nc_writer') AND NOT m.rolcanlogin
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
DELETE FROM "gs2_security"."tenant_role" WHERE "tenant_id" = 'nc' OR "role_name" IN ('gs2_nc_reader', 'gs2_nc_writer');
INSERT INTO "gs2_security"."tenant_role" ("role_name", "tenant_id") VALUES ('gs2_nc_reader', 'nc'), ('gs2_nc_writer', 'nc');
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'gs2_nc_reader', 'gs2_nc_writer');
END
$tm$;

-- security.tenant_roles (tenant co)
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_co_reader') THEN
        BEGIN
            CREATE ROLE "gs2_co_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_co_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "gs2_co_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "gs2_reader" TO "gs2_co_reader";
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_co_writer') THEN
        BEGIN
            CREATE ROLE "gs2_co_writer" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs2_co_writer' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "gs2_co_writer" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "gs2_writer" TO "gs2_co_writer";
-- A tenant's roles belong to their kind's group and nothing else (never another tenant's role).
DO $tm$
DECLARE
    membership record;
BEGIN
    FOR membership IN
        SELECT g.rolname AS granted, m.rolname AS member
        FROM pg_catalog.pg_auth_members AS a
        JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid
        JOIN pg_catalog.pg_roles AS m ON m.oid = a.member
        WHERE m.rolname IN ('gs2_co_reader', 'gs2_co_writer')
        AND NOT (m.rolname = 'gs2_co_reader' AND g.rolname = 'gs2_reader')
        AND NOT (m.rolname = 'gs2_co_writer' AND g.rolname = 'gs2_writer')
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
-- Only logins are members of a tenant's roles: a role in between could carry a second tenant to its logins.
DO $tm$
DECLARE
    membership record;
BEGIN
    FOR membership IN
        SELECT g.rolname AS granted, m.rolname AS member
        FROM pg_catalog.pg_auth_members AS a
        JOIN pg_catalog.pg_roles AS g ON g.oid = a.roleid
        JOIN pg_catalog.pg_roles AS m ON m.oid = a.member
        WHERE g.rolname IN ('gs2_co_reader', 'gs2_co_writer') AND NOT m.rolcanlogin
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
DELETE FROM "gs2_security"."tenant_role" WHERE "tenant_id" = 'co' OR "role_name" IN ('gs2_co_reader', 'gs2_co_writer');
INSERT INTO "gs2_security"."tenant_role" ("role_name", "tenant_id") VALUES ('gs2_co_reader', 'co'), ('gs2_co_writer', 'co');
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'gs2_co_reader', 'gs2_co_writer');
END
$tm$;

-- shared_schema
CREATE SCHEMA IF NOT EXISTS "shared";
ALTER SCHEMA "shared" OWNER TO "gs2_owner";
REVOKE ALL ON SCHEMA "shared" FROM PUBLIC, "gs2_reader", "gs2_writer", "gs2_admin", "gs2_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT DISTINCT a.grantee FROM pg_catalog.pg_namespace AS n, pg_catalog.aclexplode(n.nspacl) AS a WHERE n.oid = '"shared"'::regnamespace AND a.grantee NOT IN (0, n.nspowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %s FROM %I CASCADE', '"shared"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT USAGE ON SCHEMA "shared" TO "gs2_reader", "gs2_writer", "gs2_admin", "gs2_app";

-- table.screens
CREATE TABLE IF NOT EXISTS "shared"."screens" (
    "tenant_id" text NOT NULL,
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "white_label_id" integer NOT NULL,
    "household_size" integer,
    "submitted_at" timestamptz,
    CONSTRAINT "screens_pkey" PRIMARY KEY ("tenant_id", "id")
);
CREATE INDEX IF NOT EXISTS "screens_tenant_id_submitted_at_idx" ON "shared"."screens" ("tenant_id", "submitted_at");

-- grants.table.screens
ALTER TABLE "shared"."screens" OWNER TO "gs2_owner";
REVOKE ALL ON TABLE "shared"."screens" FROM PUBLIC, "gs2_reader", "gs2_writer", "gs2_admin", "gs2_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"shared"."screens"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"shared"."screens"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"shared"."screens"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "shared"."screens" TO "gs2_reader";
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "shared"."screens" TO "gs2_writer";
GRANT SELECT ON TABLE "shared"."screens" TO "gs2_admin";
GRANT SELECT, INSERT ON TABLE "shared"."screens" TO "gs2_app";
-- Row-level security: the owner too (FORCE); only the admin role bypasses it (BYPASSRLS).
ALTER TABLE "shared"."screens" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "shared"."screens" FORCE ROW LEVEL SECURITY;
-- Policies nobody declared (a permissive TO PUBLIC one would OR in every row) are dropped.
DO $tm$
DECLARE
    policy record;
BEGIN
    FOR policy IN SELECT p.polname FROM pg_catalog.pg_policy AS p
        WHERE p.polrelid = '"shared"."screens"'::regclass AND p.polname NOT IN ('tm_tenant', 'tm_tenant_guard', 'tm_app', 'tm_app_guard')
    LOOP
        EXECUTE pg_catalog.format('DROP POLICY %I ON %I.%I', policy.polname, 'shared', 'screens');
    END LOOP;
END
$tm$;
DROP POLICY IF EXISTS "tm_tenant" ON "shared"."screens";
CREATE POLICY "tm_tenant" ON "shared"."screens" AS PERMISSIVE FOR ALL TO "gs2_reader", "gs2_writer" USING ("tenant_id" = (SELECT "gs2_security"."current_tenant"())) WITH CHECK ("tenant_id" = (SELECT "gs2_security"."current_tenant"()));
DROP POLICY IF EXISTS "tm_tenant_guard" ON "shared"."screens";
CREATE POLICY "tm_tenant_guard" ON "shared"."screens" AS RESTRICTIVE FOR ALL TO "gs2_reader", "gs2_writer" USING ("tenant_id" = (SELECT "gs2_security"."current_tenant"())) WITH CHECK ("tenant_id" = (SELECT "gs2_security"."current_tenant"()));
DROP POLICY IF EXISTS "tm_app" ON "shared"."screens";
CREATE POLICY "tm_app" ON "shared"."screens" AS PERMISSIVE FOR ALL TO "gs2_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));
DROP POLICY IF EXISTS "tm_app_guard" ON "shared"."screens";
CREATE POLICY "tm_app_guard" ON "shared"."screens" AS RESTRICTIVE FOR ALL TO "gs2_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));

-- table.screen_events
CREATE TABLE IF NOT EXISTS "shared"."screen_events" (
    "tenant_id" text NOT NULL,
    "screen_id" uuid NOT NULL,
    "kind" text,
    CONSTRAINT "screen_events_screen_id_fkey" FOREIGN KEY ("tenant_id", "screen_id") REFERENCES "shared"."screens" ("tenant_id", "id") ON DELETE NO ACTION
);
CREATE INDEX IF NOT EXISTS "screen_events_tenant_id_idx" ON "shared"."screen_events" ("tenant_id");

-- grants.table.screen_events
ALTER TABLE "shared"."screen_events" OWNER TO "gs2_owner";
REVOKE ALL ON TABLE "shared"."screen_events" FROM PUBLIC, "gs2_reader", "gs2_writer", "gs2_admin", "gs2_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"shared"."screen_events"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"shared"."screen_events"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"shared"."screen_events"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "shared"."screen_events" TO "gs2_reader";
GRANT SELECT, INSERT ON TABLE "shared"."screen_events" TO "gs2_writer";
GRANT SELECT ON TABLE "shared"."screen_events" TO "gs2_app";
-- Row-level security: the owner too (FORCE); only the admin role bypasses it (BYPASSRLS).
ALTER TABLE "shared"."screen_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "shared"."screen_events" FORCE ROW LEVEL SECURITY;
-- Policies nobody declared (a permissive TO PUBLIC one would OR in every row) are dropped.
DO $tm$
DECLARE
    policy record;
BEGIN
    FOR policy IN SELECT p.polname FROM pg_catalog.pg_policy AS p
        WHERE p.polrelid = '"shared"."screen_events"'::regclass AND p.polname NOT IN ('tm_tenant', 'tm_tenant_guard', 'tm_app', 'tm_app_guard')
    LOOP
        EXECUTE pg_catalog.format('DROP POLICY %I ON %I.%I', policy.polname, 'shared', 'screen_events');
    END LOOP;
END
$tm$;
DROP POLICY IF EXISTS "tm_tenant" ON "shared"."screen_events";
CREATE POLICY "tm_tenant" ON "shared"."screen_events" AS PERMISSIVE FOR ALL TO "gs2_reader", "gs2_writer" USING ("tenant_id" = (SELECT "gs2_security"."current_tenant"())) WITH CHECK ("tenant_id" = (SELECT "gs2_security"."current_tenant"()));
DROP POLICY IF EXISTS "tm_tenant_guard" ON "shared"."screen_events";
CREATE POLICY "tm_tenant_guard" ON "shared"."screen_events" AS RESTRICTIVE FOR ALL TO "gs2_reader", "gs2_writer" USING ("tenant_id" = (SELECT "gs2_security"."current_tenant"())) WITH CHECK ("tenant_id" = (SELECT "gs2_security"."current_tenant"()));
DROP POLICY IF EXISTS "tm_app" ON "shared"."screen_events";
CREATE POLICY "tm_app" ON "shared"."screen_events" AS PERMISSIVE FOR ALL TO "gs2_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));
DROP POLICY IF EXISTS "tm_app_guard" ON "shared"."screen_events";
CREATE POLICY "tm_app_guard" ON "shared"."screen_events" AS RESTRICTIVE FOR ALL TO "gs2_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));

-- view.screen_totals
CREATE OR REPLACE VIEW "shared"."screen_totals" WITH (security_invoker = true, security_barrier = true) AS
SELECT CAST("q"."white_label_id" AS integer) AS "white_label_id", CAST("q"."screens" AS bigint) AS "screens"
FROM (
select white_label_id, count(*) as screens from "shared"."screens" group by white_label_id
) AS "q";

-- grants.view.screen_totals
ALTER VIEW "shared"."screen_totals" OWNER TO "gs2_owner";
REVOKE ALL ON TABLE "shared"."screen_totals" FROM PUBLIC, "gs2_reader", "gs2_writer", "gs2_admin", "gs2_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"shared"."screen_totals"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"shared"."screen_totals"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"shared"."screen_totals"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "shared"."screen_totals" TO "gs2_reader";
GRANT SELECT ON TABLE "shared"."screen_totals" TO "gs2_admin";
GRANT SELECT ON TABLE "shared"."screen_totals" TO "gs2_app";
