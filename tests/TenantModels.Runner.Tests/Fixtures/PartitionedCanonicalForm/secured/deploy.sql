-- TenantModels deploy script for Secured_scmg 1.0.0
-- sha256:6ba430e43a040c0b3705df09c3f87e454b335f5dac8ebbd45295aaf198bbe4aa
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- security.roles
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

-- security.tenant_roles (tenant alpha)
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_alpha_reader') THEN
        BEGIN
            CREATE ROLE "scmg_alpha_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_alpha_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "scmg_alpha_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "scmg_reader" TO "scmg_alpha_reader";
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
        WHERE m.rolname IN ('scmg_alpha_reader')
        AND NOT (m.rolname = 'scmg_alpha_reader' AND g.rolname = 'scmg_reader')
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
DELETE FROM "scmg_security"."tenant_role" WHERE "tenant_id" = 'alpha' OR "role_name" IN ('scmg_alpha_reader');
INSERT INTO "scmg_security"."tenant_role" ("role_name", "tenant_id") VALUES ('scmg_alpha_reader', 'alpha');
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I', pg_catalog.current_database(), 'scmg_alpha_reader');
END
$tm$;

-- security.tenant_roles (tenant bravo)
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_bravo_reader') THEN
        BEGIN
            CREATE ROLE "scmg_bravo_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_bravo_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "scmg_bravo_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "scmg_reader" TO "scmg_bravo_reader";
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
        WHERE m.rolname IN ('scmg_bravo_reader')
        AND NOT (m.rolname = 'scmg_bravo_reader' AND g.rolname = 'scmg_reader')
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
DELETE FROM "scmg_security"."tenant_role" WHERE "tenant_id" = 'bravo' OR "role_name" IN ('scmg_bravo_reader');
INSERT INTO "scmg_security"."tenant_role" ("role_name", "tenant_id") VALUES ('scmg_bravo_reader', 'bravo');
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I', pg_catalog.current_database(), 'scmg_bravo_reader');
END
$tm$;

-- shared_schema
CREATE SCHEMA IF NOT EXISTS "shared";
ALTER SCHEMA "shared" OWNER TO "scmg_owner";
REVOKE ALL ON SCHEMA "shared" FROM PUBLIC, "scmg_reader", "scmg_admin", "scmg_app";
GRANT USAGE ON SCHEMA "shared" TO "scmg_reader", "scmg_admin", "scmg_app";

-- tenant_schema (tenant alpha)
CREATE SCHEMA IF NOT EXISTS "tenant_alpha";
ALTER SCHEMA "tenant_alpha" OWNER TO "scmg_owner";
REVOKE ALL ON SCHEMA "tenant_alpha" FROM PUBLIC, "scmg_alpha_reader", "scmg_admin", "scmg_app";
GRANT USAGE ON SCHEMA "tenant_alpha" TO "scmg_alpha_reader", "scmg_admin", "scmg_app";

-- tenant_schema (tenant bravo)
CREATE SCHEMA IF NOT EXISTS "tenant_bravo";
ALTER SCHEMA "tenant_bravo" OWNER TO "scmg_owner";
REVOKE ALL ON SCHEMA "tenant_bravo" FROM PUBLIC, "scmg_bravo_reader", "scmg_admin", "scmg_app";
GRANT USAGE ON SCHEMA "tenant_bravo" TO "scmg_bravo_reader", "scmg_admin", "scmg_app";

-- table.orders (tenant alpha)
CREATE TABLE IF NOT EXISTS "tenant_alpha"."orders" (
    "id" integer NOT NULL,
    "total" numeric,
    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- table.orders (tenant bravo)
CREATE TABLE IF NOT EXISTS "tenant_bravo"."orders" (
    "id" integer NOT NULL,
    "total" numeric,
    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- grants.table.orders (tenant alpha)
ALTER TABLE "tenant_alpha"."orders" OWNER TO "scmg_owner";
REVOKE ALL ON TABLE "tenant_alpha"."orders" FROM PUBLIC, "scmg_alpha_reader", "scmg_admin", "scmg_app";
GRANT SELECT ON TABLE "tenant_alpha"."orders" TO "scmg_alpha_reader";
GRANT SELECT ON TABLE "tenant_alpha"."orders" TO "scmg_admin";

-- grants.table.orders (tenant bravo)
ALTER TABLE "tenant_bravo"."orders" OWNER TO "scmg_owner";
REVOKE ALL ON TABLE "tenant_bravo"."orders" FROM PUBLIC, "scmg_bravo_reader", "scmg_admin", "scmg_app";
GRANT SELECT ON TABLE "tenant_bravo"."orders" TO "scmg_bravo_reader";
GRANT SELECT ON TABLE "tenant_bravo"."orders" TO "scmg_admin";

-- view.order_count (tenant alpha)
CREATE OR REPLACE VIEW "tenant_alpha"."order_count" WITH (security_invoker = true) AS
SELECT CAST("q"."orders" AS bigint) AS "orders"
FROM (
select count(*) as orders from "tenant_alpha"."orders"
) AS "q";

-- view.order_count (tenant bravo)
CREATE OR REPLACE VIEW "tenant_bravo"."order_count" WITH (security_invoker = true) AS
SELECT CAST("q"."orders" AS bigint) AS "orders"
FROM (
select count(*) as orders from "tenant_bravo"."orders"
) AS "q";

-- grants.view.order_count (tenant alpha)
ALTER VIEW "tenant_alpha"."order_count" OWNER TO "scmg_owner";
REVOKE ALL ON TABLE "tenant_alpha"."order_count" FROM PUBLIC, "scmg_alpha_reader", "scmg_admin", "scmg_app";
GRANT SELECT ON TABLE "tenant_alpha"."order_count" TO "scmg_alpha_reader";
GRANT SELECT ON TABLE "tenant_alpha"."order_count" TO "scmg_admin";

-- grants.view.order_count (tenant bravo)
ALTER VIEW "tenant_bravo"."order_count" OWNER TO "scmg_owner";
REVOKE ALL ON TABLE "tenant_bravo"."order_count" FROM PUBLIC, "scmg_bravo_reader", "scmg_admin", "scmg_app";
GRANT SELECT ON TABLE "tenant_bravo"."order_count" TO "scmg_bravo_reader";
GRANT SELECT ON TABLE "tenant_bravo"."order_count" TO "scmg_admin";

-- table.screens
CREATE TABLE IF NOT EXISTS "shared"."screens" (
    "tenant_id" text NOT NULL,
    "id" integer NOT NULL,
    "white_label_id" integer NOT NULL,
    CONSTRAINT "screens_pkey" PRIMARY KEY ("tenant_id", "id")
);

-- grants.table.screens
ALTER TABLE "shared"."screens" OWNER TO "scmg_owner";
REVOKE ALL ON TABLE "shared"."screens" FROM PUBLIC, "scmg_reader", "scmg_admin", "scmg_app";
GRANT SELECT ON TABLE "shared"."screens" TO "scmg_reader";
GRANT SELECT ON TABLE "shared"."screens" TO "scmg_admin";
GRANT SELECT ON TABLE "shared"."screens" TO "scmg_app";
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
CREATE POLICY "tm_tenant" ON "shared"."screens" AS PERMISSIVE FOR ALL TO "scmg_reader" USING ("tenant_id" = (SELECT "scmg_security"."current_tenant"())) WITH CHECK ("tenant_id" = (SELECT "scmg_security"."current_tenant"()));
DROP POLICY IF EXISTS "tm_tenant_guard" ON "shared"."screens";
CREATE POLICY "tm_tenant_guard" ON "shared"."screens" AS RESTRICTIVE FOR ALL TO "scmg_reader" USING ("tenant_id" = (SELECT "scmg_security"."current_tenant"())) WITH CHECK ("tenant_id" = (SELECT "scmg_security"."current_tenant"()));
DROP POLICY IF EXISTS "tm_app" ON "shared"."screens";
CREATE POLICY "tm_app" ON "shared"."screens" AS PERMISSIVE FOR ALL TO "scmg_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));
DROP POLICY IF EXISTS "tm_app_guard" ON "shared"."screens";
CREATE POLICY "tm_app_guard" ON "shared"."screens" AS RESTRICTIVE FOR ALL TO "scmg_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";
ALTER SCHEMA "canonical" OWNER TO "scmg_owner";
REVOKE ALL ON SCHEMA "canonical" FROM PUBLIC, "scmg_reader", "scmg_admin", "scmg_app";
GRANT USAGE ON SCHEMA "canonical" TO "scmg_reader", "scmg_admin", "scmg_app";

-- canonical_table.order_count
CREATE TABLE IF NOT EXISTS "canonical"."order_count" (
    "orders" bigint,
    "tenant_id" text NOT NULL
) PARTITION BY LIST ("tenant_id");

-- grants.canonical_table.order_count
ALTER TABLE "canonical"."order_count" OWNER TO "scmg_owner";
REVOKE ALL ON TABLE "canonical"."order_count" FROM PUBLIC, "scmg_reader", "scmg_admin", "scmg_app";
GRANT SELECT ON TABLE "canonical"."order_count" TO "scmg_reader";
GRANT SELECT ON TABLE "canonical"."order_count" TO "scmg_admin";
-- Row-level security: the owner too (FORCE); only the admin role bypasses it (BYPASSRLS).
ALTER TABLE "canonical"."order_count" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "canonical"."order_count" FORCE ROW LEVEL SECURITY;
-- Policies nobody declared (a permissive TO PUBLIC one would OR in every row) are dropped.
DO $tm$
DECLARE
    policy record;
BEGIN
    FOR policy IN SELECT p.polname FROM pg_catalog.pg_policy AS p
        WHERE p.polrelid = '"canonical"."order_count"'::regclass AND p.polname NOT IN ('tm_tenant', 'tm_tenant_guard', 'tm_app', 'tm_app_guard')
    LOOP
        EXECUTE pg_catalog.format('DROP POLICY %I ON %I.%I', policy.polname, 'canonical', 'order_count');
    END LOOP;
END
$tm$;
DROP POLICY IF EXISTS "tm_tenant" ON "canonical"."order_count";
CREATE POLICY "tm_tenant" ON "canonical"."order_count" AS PERMISSIVE FOR ALL TO "scmg_reader" USING ("tenant_id" = (SELECT "scmg_security"."current_tenant"())) WITH CHECK ("tenant_id" = (SELECT "scmg_security"."current_tenant"()));
DROP POLICY IF EXISTS "tm_tenant_guard" ON "canonical"."order_count";
CREATE POLICY "tm_tenant_guard" ON "canonical"."order_count" AS RESTRICTIVE FOR ALL TO "scmg_reader" USING ("tenant_id" = (SELECT "scmg_security"."current_tenant"())) WITH CHECK ("tenant_id" = (SELECT "scmg_security"."current_tenant"()));
DROP POLICY IF EXISTS "tm_app" ON "canonical"."order_count";
CREATE POLICY "tm_app" ON "canonical"."order_count" AS PERMISSIVE FOR ALL TO "scmg_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));
DROP POLICY IF EXISTS "tm_app_guard" ON "canonical"."order_count";
CREATE POLICY "tm_app_guard" ON "canonical"."order_count" AS RESTRICTIVE FOR ALL TO "scmg_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));

-- canonical_partition.order_count (tenant alpha)
CREATE TABLE IF NOT EXISTS "canonical"."order_count$alpha" PARTITION OF "canonical"."order_count" FOR VALUES IN ('alpha');
ALTER TABLE "canonical"."order_count$alpha" OWNER TO "scmg_owner";
REVOKE ALL ON TABLE "canonical"."order_count$alpha" FROM PUBLIC, "scmg_reader", "scmg_admin", "scmg_app";
DELETE FROM "canonical"."order_count$alpha";
INSERT INTO "canonical"."order_count$alpha" ("orders", "tenant_id")
SELECT "orders", CAST('alpha' AS text) AS "tenant_id" FROM "tenant_alpha"."order_count";

-- canonical_partition.order_count (tenant bravo)
CREATE TABLE IF NOT EXISTS "canonical"."order_count$bravo" PARTITION OF "canonical"."order_count" FOR VALUES IN ('bravo');
ALTER TABLE "canonical"."order_count$bravo" OWNER TO "scmg_owner";
REVOKE ALL ON TABLE "canonical"."order_count$bravo" FROM PUBLIC, "scmg_reader", "scmg_admin", "scmg_app";
DELETE FROM "canonical"."order_count$bravo";
INSERT INTO "canonical"."order_count$bravo" ("orders", "tenant_id")
SELECT "orders", CAST('bravo' AS text) AS "tenant_id" FROM "tenant_bravo"."order_count";
