-- TenantModels deploy script for citus_shared_isolation 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql
-- Citus (distribution: citus): run on the coordinator; tenant schemas become distributed schemas, as the runner makes them.

SET citus.enable_schema_based_sharding = off;

-- security.roles
-- Cluster-wide roles: created once, attributes enforced on every apply. None can log in; logins are members created by the runner.
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_owner') THEN
        BEGIN
            CREATE ROLE "cs2_owner" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_owner' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "cs2_owner" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_admin') THEN
        BEGIN
            CREATE ROLE "cs2_admin" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_admin' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> true OR rolinherit <> true)) THEN
        ALTER ROLE "cs2_admin" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION BYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_app') THEN
        BEGIN
            CREATE ROLE "cs2_app" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_app' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> false)) THEN
        ALTER ROLE "cs2_app" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS NOINHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_reader') THEN
        BEGIN
            CREATE ROLE "cs2_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "cs2_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_writer') THEN
        BEGIN
            CREATE ROLE "cs2_writer" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_writer' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "cs2_writer" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
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
        WHERE m.rolname IN ('cs2_owner', 'cs2_admin', 'cs2_app', 'cs2_reader', 'cs2_writer')
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
-- PUBLIC gets nothing in this database: no CONNECT, no TEMP, no CREATE in schema public.
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM PUBLIC', pg_catalog.current_database());
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'cs2_admin', 'cs2_app');
    IF EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = 'public') THEN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    END IF;
END
$tm$;
ALTER DEFAULT PRIVILEGES FOR ROLE "cs2_owner" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
-- The role -> tenant registry: owned by the NOLOGIN owner, invisible to everyone else, read only through tenant_of.
CREATE SCHEMA IF NOT EXISTS "cs2_security";
ALTER SCHEMA "cs2_security" OWNER TO "cs2_owner";
REVOKE ALL ON SCHEMA "cs2_security" FROM PUBLIC;
GRANT USAGE ON SCHEMA "cs2_security" TO "cs2_reader", "cs2_writer";
CREATE TABLE IF NOT EXISTS "cs2_security"."tenant_role" (
    "role_name" name PRIMARY KEY,
    "tenant_id" text NOT NULL
);
ALTER TABLE "cs2_security"."tenant_role" OWNER TO "cs2_owner";
REVOKE ALL ON TABLE "cs2_security"."tenant_role" FROM PUBLIC;
-- Citus: a copy of the registry on every node, so tenant_of finds it where a policy runs (on a worker).
SELECT pg_catalog.create_reference_table('"cs2_security"."tenant_role"')
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition WHERE logicalrelid = '"cs2_security"."tenant_role"'::regclass);
-- The tenant of a role: the one tenant whose roles it can use; none or several -> NULL, which matches no row.
CREATE OR REPLACE FUNCTION "cs2_security"."tenant_of"(member name) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET enable_seqscan = off
    SET enable_hashjoin = off
    SET citus.allow_nested_distributed_execution = on
AS $tm$
BEGIN
    RETURN (
        WITH RECURSIVE up(oid) AS (
            SELECT pg_catalog.to_regrole(pg_catalog.quote_ident(member))::oid
            UNION
            SELECT a.roleid FROM pg_catalog.pg_auth_members AS a JOIN up ON a.member = up.oid
        )
        SELECT CASE WHEN count(DISTINCT m."tenant_id") = 1 THEN min(m."tenant_id") END
        FROM up JOIN "cs2_security"."tenant_role" AS m ON m."role_name" = pg_catalog.pg_get_userbyid(up.oid)
        WHERE pg_catalog.pg_has_role(member, up.oid, 'USAGE'));
END
$tm$;
ALTER FUNCTION "cs2_security"."tenant_of"(name) OWNER TO "cs2_owner";
REVOKE ALL ON FUNCTION "cs2_security"."tenant_of"(name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "cs2_security"."tenant_of"(name) TO "cs2_reader", "cs2_writer";
-- What the policies call: the tenant of CURRENT_USER. Not a definer (CURRENT_USER is the caller here), no argument:
-- PostgreSQL turns (SELECT current_tenant()) into one init-plan whose value the tenant index can use, which
-- (SELECT tenant_of(CURRENT_USER)) in a policy is not (docs/performance.md).
CREATE OR REPLACE FUNCTION "cs2_security"."current_tenant"() RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $tm$
BEGIN RETURN "cs2_security"."tenant_of"(CURRENT_USER); END
$tm$;
ALTER FUNCTION "cs2_security"."current_tenant"() OWNER TO "cs2_owner";
REVOKE ALL ON FUNCTION "cs2_security"."current_tenant"() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "cs2_security"."current_tenant"() TO "cs2_reader", "cs2_writer";

SET citus.enable_schema_based_sharding = on;

-- security.tenant_roles (tenant acme)
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_acme_reader') THEN
        BEGIN
            CREATE ROLE "cs2_acme_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_acme_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "cs2_acme_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "cs2_reader" TO "cs2_acme_reader";
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_acme_writer') THEN
        BEGIN
            CREATE ROLE "cs2_acme_writer" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_acme_writer' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "cs2_acme_writer" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "cs2_writer" TO "cs2_acme_writer";
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
        WHERE m.rolname IN ('cs2_acme_reader', 'cs2_acme_writer')
        AND NOT (m.rolname = 'cs2_acme_reader' AND g.rolname = 'cs2_reader')
        AND NOT (m.rolname = 'cs2_acme_writer' AND g.rolname = 'cs2_writer')
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
        WHERE g.rolname IN ('cs2_acme_reader', 'cs2_acme_writer') AND NOT m.rolcanlogin
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
DELETE FROM "cs2_security"."tenant_role" WHERE "tenant_id" = 'acme' OR "role_name" IN ('cs2_acme_reader', 'cs2_acme_writer');
INSERT INTO "cs2_security"."tenant_role" ("role_name", "tenant_id") VALUES ('cs2_acme_reader', 'acme'), ('cs2_acme_writer', 'acme');
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'cs2_acme_reader', 'cs2_acme_writer');
END
$tm$;

-- security.tenant_roles (tenant globex)
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_globex_reader') THEN
        BEGIN
            CREATE ROLE "cs2_globex_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_globex_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "cs2_globex_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "cs2_reader" TO "cs2_globex_reader";
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_globex_writer') THEN
        BEGIN
            CREATE ROLE "cs2_globex_writer" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cs2_globex_writer' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "cs2_globex_writer" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "cs2_writer" TO "cs2_globex_writer";
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
        WHERE m.rolname IN ('cs2_globex_reader', 'cs2_globex_writer')
        AND NOT (m.rolname = 'cs2_globex_reader' AND g.rolname = 'cs2_reader')
        AND NOT (m.rolname = 'cs2_globex_writer' AND g.rolname = 'cs2_writer')
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
        WHERE g.rolname IN ('cs2_globex_reader', 'cs2_globex_writer') AND NOT m.rolcanlogin
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
DELETE FROM "cs2_security"."tenant_role" WHERE "tenant_id" = 'globex' OR "role_name" IN ('cs2_globex_reader', 'cs2_globex_writer');
INSERT INTO "cs2_security"."tenant_role" ("role_name", "tenant_id") VALUES ('cs2_globex_reader', 'globex'), ('cs2_globex_writer', 'globex');
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'cs2_globex_reader', 'cs2_globex_writer');
END
$tm$;

SET citus.enable_schema_based_sharding = off;

-- shared_schema
CREATE SCHEMA IF NOT EXISTS "shared";
ALTER SCHEMA "shared" OWNER TO "cs2_owner";
REVOKE ALL ON SCHEMA "shared" FROM PUBLIC, "cs2_reader", "cs2_writer", "cs2_admin", "cs2_app" CASCADE;
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
GRANT USAGE ON SCHEMA "shared" TO "cs2_reader", "cs2_writer", "cs2_admin", "cs2_app";

SET citus.enable_schema_based_sharding = on;

-- staging_schema.outreach (tenant acme)
CREATE SCHEMA IF NOT EXISTS "acme_stg_outreach";
ALTER SCHEMA "acme_stg_outreach" OWNER TO "cs2_owner";
REVOKE ALL ON SCHEMA "acme_stg_outreach" FROM PUBLIC, "cs2_acme_reader", "cs2_acme_writer", "cs2_admin", "cs2_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT DISTINCT a.grantee FROM pg_catalog.pg_namespace AS n, pg_catalog.aclexplode(n.nspacl) AS a WHERE n.oid = '"acme_stg_outreach"'::regnamespace AND a.grantee NOT IN (0, n.nspowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %s FROM %I CASCADE', '"acme_stg_outreach"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT USAGE ON SCHEMA "acme_stg_outreach" TO "cs2_acme_reader", "cs2_acme_writer", "cs2_admin", "cs2_app";
GRANT USAGE ON SCHEMA "acme_raw_outreach" TO "cs2_owner", "cs2_acme_reader", "cs2_admin";
GRANT SELECT ON TABLE "acme_raw_outreach"."call" TO "cs2_owner", "cs2_acme_reader", "cs2_admin";

-- staging_schema.outreach (tenant globex)
CREATE SCHEMA IF NOT EXISTS "globex_stg_outreach";
ALTER SCHEMA "globex_stg_outreach" OWNER TO "cs2_owner";
REVOKE ALL ON SCHEMA "globex_stg_outreach" FROM PUBLIC, "cs2_globex_reader", "cs2_globex_writer", "cs2_admin", "cs2_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT DISTINCT a.grantee FROM pg_catalog.pg_namespace AS n, pg_catalog.aclexplode(n.nspacl) AS a WHERE n.oid = '"globex_stg_outreach"'::regnamespace AND a.grantee NOT IN (0, n.nspowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %s FROM %I CASCADE', '"globex_stg_outreach"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT USAGE ON SCHEMA "globex_stg_outreach" TO "cs2_globex_reader", "cs2_globex_writer", "cs2_admin", "cs2_app";
GRANT USAGE ON SCHEMA "globex_raw_outreach" TO "cs2_owner", "cs2_globex_reader", "cs2_admin";
GRANT SELECT ON TABLE "globex_raw_outreach"."call" TO "cs2_owner", "cs2_globex_reader", "cs2_admin";

-- staging_view.outreach.call (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at"
FROM "acme_raw_outreach"."call" AS "call";

-- staging_view.outreach.call (tenant globex)
CREATE OR REPLACE VIEW "globex_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at"
FROM "globex_raw_outreach"."call" AS "call";

-- grants.staging_view.outreach.call (tenant acme)
ALTER VIEW "acme_stg_outreach"."call" OWNER TO "cs2_owner";
REVOKE ALL ON TABLE "acme_stg_outreach"."call" FROM PUBLIC, "cs2_acme_reader", "cs2_acme_writer", "cs2_admin", "cs2_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"acme_stg_outreach"."call"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"acme_stg_outreach"."call"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"acme_stg_outreach"."call"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "acme_stg_outreach"."call" TO "cs2_acme_reader";
GRANT SELECT ON TABLE "acme_stg_outreach"."call" TO "cs2_admin";

-- grants.staging_view.outreach.call (tenant globex)
ALTER VIEW "globex_stg_outreach"."call" OWNER TO "cs2_owner";
REVOKE ALL ON TABLE "globex_stg_outreach"."call" FROM PUBLIC, "cs2_globex_reader", "cs2_globex_writer", "cs2_admin", "cs2_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"globex_stg_outreach"."call"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"globex_stg_outreach"."call"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"globex_stg_outreach"."call"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "globex_stg_outreach"."call" TO "cs2_globex_reader";
GRANT SELECT ON TABLE "globex_stg_outreach"."call" TO "cs2_admin";

SET citus.enable_schema_based_sharding = off;

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
-- Citus: one table over the workers, distributed by tenant_id and co-located with every shared table (docs/citus.md).
SELECT pg_catalog.create_distributed_table('"shared"."screens"', 'tenant_id', colocate_with => 'default', shard_count => 32)
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition WHERE logicalrelid = '"shared"."screens"'::regclass);

-- grants.table.screens
ALTER TABLE "shared"."screens" OWNER TO "cs2_owner";
REVOKE ALL ON TABLE "shared"."screens" FROM PUBLIC, "cs2_reader", "cs2_writer", "cs2_admin", "cs2_app" CASCADE;
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
GRANT SELECT ON TABLE "shared"."screens" TO "cs2_reader";
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "shared"."screens" TO "cs2_writer";
GRANT SELECT ON TABLE "shared"."screens" TO "cs2_admin";
GRANT SELECT, INSERT ON TABLE "shared"."screens" TO "cs2_app";
-- Row-level security: the owner too (FORCE); only the admin role bypasses it (BYPASSRLS).
ALTER TABLE "shared"."screens" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "shared"."screens" FORCE ROW LEVEL SECURITY;
-- Policies nobody declared (a permissive TO PUBLIC one would OR in every row) are dropped.
DO $tm$
DECLARE
    policy record;
BEGIN
    FOR policy IN SELECT p.polname FROM pg_catalog.pg_policy AS p
        WHERE p.polrelid = '"shared"."screens"'::regclass AND p.polname NOT IN ('tm_tenant', 'tm_tenant_guard', 'tm_app', 'tm_app_guard', 'tm_admin')
    LOOP
        EXECUTE pg_catalog.format('DROP POLICY %I ON %I.%I', policy.polname, 'shared', 'screens');
    END LOOP;
END
$tm$;
DROP POLICY IF EXISTS "tm_tenant" ON "shared"."screens";
CREATE POLICY "tm_tenant" ON "shared"."screens" AS PERMISSIVE FOR ALL TO "cs2_reader", "cs2_writer" USING ("tenant_id" = "cs2_security"."current_tenant"()) WITH CHECK ("tenant_id" = "cs2_security"."current_tenant"());
DROP POLICY IF EXISTS "tm_tenant_guard" ON "shared"."screens";
CREATE POLICY "tm_tenant_guard" ON "shared"."screens" AS RESTRICTIVE FOR ALL TO "cs2_reader", "cs2_writer" USING ("tenant_id" = "cs2_security"."current_tenant"()) WITH CHECK ("tenant_id" = "cs2_security"."current_tenant"());
DROP POLICY IF EXISTS "tm_app" ON "shared"."screens";
CREATE POLICY "tm_app" ON "shared"."screens" AS PERMISSIVE FOR ALL TO "cs2_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));
DROP POLICY IF EXISTS "tm_app_guard" ON "shared"."screens";
CREATE POLICY "tm_app_guard" ON "shared"."screens" AS RESTRICTIVE FOR ALL TO "cs2_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));
DROP POLICY IF EXISTS "tm_admin" ON "shared"."screens";
CREATE POLICY "tm_admin" ON "shared"."screens" AS PERMISSIVE FOR ALL TO "cs2_admin" USING (true) WITH CHECK (true);

-- table.screen_events
CREATE TABLE IF NOT EXISTS "shared"."screen_events" (
    "tenant_id" text NOT NULL,
    "screen_id" uuid NOT NULL,
    "kind" text,
    CONSTRAINT "screen_events_screen_id_fkey" FOREIGN KEY ("tenant_id", "screen_id") REFERENCES "shared"."screens" ("tenant_id", "id") ON DELETE NO ACTION
);
CREATE INDEX IF NOT EXISTS "screen_events_tenant_id_idx" ON "shared"."screen_events" ("tenant_id");
-- Citus: one table over the workers, distributed by tenant_id and co-located with every shared table (docs/citus.md).
SELECT pg_catalog.create_distributed_table('"shared"."screen_events"', 'tenant_id', colocate_with => 'default', shard_count => 32)
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition WHERE logicalrelid = '"shared"."screen_events"'::regclass);

-- grants.table.screen_events
ALTER TABLE "shared"."screen_events" OWNER TO "cs2_owner";
REVOKE ALL ON TABLE "shared"."screen_events" FROM PUBLIC, "cs2_reader", "cs2_writer", "cs2_admin", "cs2_app" CASCADE;
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
GRANT SELECT ON TABLE "shared"."screen_events" TO "cs2_reader";
GRANT SELECT, INSERT ON TABLE "shared"."screen_events" TO "cs2_writer";
GRANT SELECT ON TABLE "shared"."screen_events" TO "cs2_app";
-- Row-level security: the owner too (FORCE); only the admin role bypasses it (BYPASSRLS).
ALTER TABLE "shared"."screen_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "shared"."screen_events" FORCE ROW LEVEL SECURITY;
-- Policies nobody declared (a permissive TO PUBLIC one would OR in every row) are dropped.
DO $tm$
DECLARE
    policy record;
BEGIN
    FOR policy IN SELECT p.polname FROM pg_catalog.pg_policy AS p
        WHERE p.polrelid = '"shared"."screen_events"'::regclass AND p.polname NOT IN ('tm_tenant', 'tm_tenant_guard', 'tm_app', 'tm_app_guard', 'tm_admin')
    LOOP
        EXECUTE pg_catalog.format('DROP POLICY %I ON %I.%I', policy.polname, 'shared', 'screen_events');
    END LOOP;
END
$tm$;
DROP POLICY IF EXISTS "tm_tenant" ON "shared"."screen_events";
CREATE POLICY "tm_tenant" ON "shared"."screen_events" AS PERMISSIVE FOR ALL TO "cs2_reader", "cs2_writer" USING ("tenant_id" = "cs2_security"."current_tenant"()) WITH CHECK ("tenant_id" = "cs2_security"."current_tenant"());
DROP POLICY IF EXISTS "tm_tenant_guard" ON "shared"."screen_events";
CREATE POLICY "tm_tenant_guard" ON "shared"."screen_events" AS RESTRICTIVE FOR ALL TO "cs2_reader", "cs2_writer" USING ("tenant_id" = "cs2_security"."current_tenant"()) WITH CHECK ("tenant_id" = "cs2_security"."current_tenant"());
DROP POLICY IF EXISTS "tm_app" ON "shared"."screen_events";
CREATE POLICY "tm_app" ON "shared"."screen_events" AS PERMISSIVE FOR ALL TO "cs2_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));
DROP POLICY IF EXISTS "tm_app_guard" ON "shared"."screen_events";
CREATE POLICY "tm_app_guard" ON "shared"."screen_events" AS RESTRICTIVE FOR ALL TO "cs2_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));
DROP POLICY IF EXISTS "tm_admin" ON "shared"."screen_events";
CREATE POLICY "tm_admin" ON "shared"."screen_events" AS PERMISSIVE FOR ALL TO "cs2_admin" USING (true) WITH CHECK (true);

-- view.screen_totals
CREATE OR REPLACE VIEW "shared"."screen_totals" WITH (security_invoker = true, security_barrier = true) AS
SELECT CAST("q"."white_label_id" AS integer) AS "white_label_id", CAST("q"."screens" AS bigint) AS "screens"
FROM (
select white_label_id, count(*) as screens from "shared"."screens" group by white_label_id
) AS "q";

-- grants.view.screen_totals
ALTER VIEW "shared"."screen_totals" OWNER TO "cs2_owner";
REVOKE ALL ON TABLE "shared"."screen_totals" FROM PUBLIC, "cs2_reader", "cs2_writer", "cs2_admin", "cs2_app" CASCADE;
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
GRANT SELECT ON TABLE "shared"."screen_totals" TO "cs2_reader";
GRANT SELECT ON TABLE "shared"."screen_totals" TO "cs2_admin";
GRANT SELECT ON TABLE "shared"."screen_totals" TO "cs2_app";

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";
ALTER SCHEMA "canonical" OWNER TO "cs2_owner";
REVOKE ALL ON SCHEMA "canonical" FROM PUBLIC, "cs2_reader", "cs2_writer", "cs2_admin", "cs2_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT DISTINCT a.grantee FROM pg_catalog.pg_namespace AS n, pg_catalog.aclexplode(n.nspacl) AS a WHERE n.oid = '"canonical"'::regnamespace AND a.grantee NOT IN (0, n.nspowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %s FROM %I CASCADE', '"canonical"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT USAGE ON SCHEMA "canonical" TO "cs2_reader", "cs2_writer", "cs2_admin", "cs2_app";

-- canonical_table.call
CREATE TABLE IF NOT EXISTS "canonical"."call" (
    "call_id" bigint,
    "call_created_at" timestamp,
    "tenant_id" text NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS "call_tenant_id_call_id_idx" ON "canonical"."call" ("tenant_id", "call_id");
-- Citus: one table over the workers, distributed by tenant_id and co-located with every shared table (docs/citus.md).
SELECT pg_catalog.create_distributed_table('"canonical"."call"', 'tenant_id', colocate_with => 'default', shard_count => 32)
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition WHERE logicalrelid = '"canonical"."call"'::regclass);

-- grants.canonical_table.call
-- One table holds every tenant's rows: these policies alone keep a tenant's roles to the tenant's own rows.
ALTER TABLE "canonical"."call" OWNER TO "cs2_owner";
REVOKE ALL ON TABLE "canonical"."call" FROM PUBLIC, "cs2_reader", "cs2_writer", "cs2_admin", "cs2_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"canonical"."call"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"canonical"."call"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"canonical"."call"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "canonical"."call" TO "cs2_reader";
GRANT SELECT ON TABLE "canonical"."call" TO "cs2_admin";
-- Row-level security: the owner too (FORCE); only the admin role bypasses it (BYPASSRLS).
ALTER TABLE "canonical"."call" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "canonical"."call" FORCE ROW LEVEL SECURITY;
-- Policies nobody declared (a permissive TO PUBLIC one would OR in every row) are dropped.
DO $tm$
DECLARE
    policy record;
BEGIN
    FOR policy IN SELECT p.polname FROM pg_catalog.pg_policy AS p
        WHERE p.polrelid = '"canonical"."call"'::regclass AND p.polname NOT IN ('tm_tenant', 'tm_tenant_guard', 'tm_app', 'tm_app_guard', 'tm_admin')
    LOOP
        EXECUTE pg_catalog.format('DROP POLICY %I ON %I.%I', policy.polname, 'canonical', 'call');
    END LOOP;
END
$tm$;
DROP POLICY IF EXISTS "tm_tenant" ON "canonical"."call";
CREATE POLICY "tm_tenant" ON "canonical"."call" AS PERMISSIVE FOR ALL TO "cs2_reader", "cs2_writer" USING ("tenant_id" = "cs2_security"."current_tenant"()) WITH CHECK ("tenant_id" = "cs2_security"."current_tenant"());
DROP POLICY IF EXISTS "tm_tenant_guard" ON "canonical"."call";
CREATE POLICY "tm_tenant_guard" ON "canonical"."call" AS RESTRICTIVE FOR ALL TO "cs2_reader", "cs2_writer" USING ("tenant_id" = "cs2_security"."current_tenant"()) WITH CHECK ("tenant_id" = "cs2_security"."current_tenant"());
DROP POLICY IF EXISTS "tm_app" ON "canonical"."call";
CREATE POLICY "tm_app" ON "canonical"."call" AS PERMISSIVE FOR ALL TO "cs2_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));
DROP POLICY IF EXISTS "tm_app_guard" ON "canonical"."call";
CREATE POLICY "tm_app_guard" ON "canonical"."call" AS RESTRICTIVE FOR ALL TO "cs2_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));
DROP POLICY IF EXISTS "tm_admin" ON "canonical"."call";
CREATE POLICY "tm_admin" ON "canonical"."call" AS PERMISSIVE FOR ALL TO "cs2_admin" USING (true) WITH CHECK (true);

SET citus.enable_schema_based_sharding = on;

-- canonical_partition.call (tenant acme)
DELETE FROM "canonical"."call" WHERE "tenant_id" = 'acme';
INSERT INTO "canonical"."call" ("call_id", "call_created_at", "tenant_id")
SELECT "call_id", "call_created_at", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call";

-- canonical_partition.call (tenant globex)
DELETE FROM "canonical"."call" WHERE "tenant_id" = 'globex';
INSERT INTO "canonical"."call" ("call_id", "call_created_at", "tenant_id")
SELECT "call_id", "call_created_at", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_outreach"."call";

RESET citus.enable_schema_based_sharding;
