-- TenantModels deploy script for security_schema_per_tenant 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- security.roles
-- Cluster-wide roles: created once, attributes enforced on every apply. None can log in; logins are members created by the runner.
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs1_owner') THEN
        BEGIN
            CREATE ROLE "gs1_owner" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs1_owner' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "gs1_owner" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs1_admin') THEN
        BEGIN
            CREATE ROLE "gs1_admin" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs1_admin' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> true OR rolinherit <> true)) THEN
        ALTER ROLE "gs1_admin" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION BYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs1_app') THEN
        BEGIN
            CREATE ROLE "gs1_app" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs1_app' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> false)) THEN
        ALTER ROLE "gs1_app" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS NOINHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs1_reader') THEN
        BEGIN
            CREATE ROLE "gs1_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs1_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "gs1_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs1_writer') THEN
        BEGIN
            CREATE ROLE "gs1_writer" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'gs1_writer' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "gs1_writer" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
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
        WHERE m.rolname IN ('gs1_owner', 'gs1_admin', 'gs1_app', 'gs1_reader', 'gs1_writer')
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
-- PUBLIC gets nothing in this database: no CONNECT, no TEMP, no CREATE in schema public.
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM PUBLIC', pg_catalog.current_database());
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'gs1_admin', 'gs1_app');
    IF EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = 'public') THEN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    END IF;
END
$tm$;
ALTER DEFAULT PRIVILEGES FOR ROLE "gs1_owner" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
-- The role -> tenant registry: owned by the NOLOGIN owner, invisible to everyone else, read only through tenant_of.
CREATE SCHEMA IF NOT EXISTS "gs1_security";
ALTER SCHEMA "gs1_security" OWNER TO "gs1_owner";
REVOKE ALL ON SCHEMA "gs1_security" FROM PUBLIC;
GRANT USAGE ON SCHEMA "gs1_security" TO "gs1_reader", "gs1_writer";
CREATE TABLE IF NOT EXISTS "gs1_security"."tenant_role" (
    "role_name" name PRIMARY KEY,
    "tenant_id" text NOT NULL
);
ALTER TABLE "gs1_security"."tenant_role" OWNER TO "gs1_owner";
REVOKE ALL ON TABLE "gs1_security"."tenant_role" FROM PUBLIC;
-- The tenant of a role: the one tenant whose roles it can use; none or several -> NULL, which matches no row.
CREATE OR REPLACE FUNCTION "gs1_security"."tenant_of"(member name) RETURNS text
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
        FROM up JOIN "gs1_security"."tenant_role" AS m ON m."role_name" = pg_catalog.pg_get_userbyid(up.oid)
        WHERE pg_catalog.pg_has_role(member, up.oid, 'USAGE'));
END
$tm$;
ALTER FUNCTION "gs1_security"."tenant_of"(name) OWNER TO "gs1_owner";
REVOKE ALL ON FUNCTION "gs1_security"."tenant_of"(name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "gs1_security"."tenant_of"(name) TO "gs1_reader", "gs1_writer";
-- What the policies call: the tenant of CURRENT_USER. Not a definer (CURRENT_USER is the caller here), no argument:
-- PostgreSQL turns (SELECT current_tenant()) into one init-plan whose value the tenant index can use, which
-- (SELECT tenant_of(CURRENT_USER)) in a policy is not (docs/performance.md).
CREATE OR REPLACE FUNCTION "gs1_security"."current_tenant"() RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $tm$
BEGIN RETURN "gs1_security"."tenant_of"(CURRENT_USER); END
$tm$;
ALTER FUNCTION "gs1_security"."current_tenant"() OWNER TO "gs1_owner";
REVOKE ALL ON FUNCTION "gs1_security"."current_tenant"() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "gs1_security"."current_tenant"() TO "gs1_reader", "gs1_writer";

-- security.tenant_roles (tenant acme)
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'acme_reader') THEN
        BEGIN
            CREATE ROLE "acme_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'acme_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "acme_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "gs1_reader" TO "acme_reader";
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'acme_writer') THEN
        BEGIN
            CREATE ROLE "acme_writer" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'acme_writer' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "acme_writer" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "gs1_writer" TO "acme_writer";
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
        WHERE m.rolname IN ('acme_reader', 'acme_writer')
        AND NOT (m.rolname = 'acme_reader' AND g.rolname = 'gs1_reader')
        AND NOT (m.rolname = 'acme_writer' AND g.rolname = 'gs1_writer')
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
        WHERE g.rolname IN ('acme_reader', 'acme_writer') AND NOT m.rolcanlogin
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
DELETE FROM "gs1_security"."tenant_role" WHERE "tenant_id" = 'acme' OR "role_name" IN ('acme_reader', 'acme_writer');
INSERT INTO "gs1_security"."tenant_role" ("role_name", "tenant_id") VALUES ('acme_reader', 'acme'), ('acme_writer', 'acme');
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'acme_reader', 'acme_writer');
END
$tm$;

-- security.tenant_roles (tenant globex)
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'globex_reader') THEN
        BEGIN
            CREATE ROLE "globex_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'globex_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "globex_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "gs1_reader" TO "globex_reader";
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'globex_writer') THEN
        BEGIN
            CREATE ROLE "globex_writer" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'globex_writer' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "globex_writer" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "gs1_writer" TO "globex_writer";
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
        WHERE m.rolname IN ('globex_reader', 'globex_writer')
        AND NOT (m.rolname = 'globex_reader' AND g.rolname = 'gs1_reader')
        AND NOT (m.rolname = 'globex_writer' AND g.rolname = 'gs1_writer')
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
        WHERE g.rolname IN ('globex_reader', 'globex_writer') AND NOT m.rolcanlogin
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
DELETE FROM "gs1_security"."tenant_role" WHERE "tenant_id" = 'globex' OR "role_name" IN ('globex_reader', 'globex_writer');
INSERT INTO "gs1_security"."tenant_role" ("role_name", "tenant_id") VALUES ('globex_reader', 'globex'), ('globex_writer', 'globex');
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'globex_reader', 'globex_writer');
END
$tm$;

-- tenant_schema (tenant acme)
CREATE SCHEMA IF NOT EXISTS "tenant_acme";
ALTER SCHEMA "tenant_acme" OWNER TO "gs1_owner";
REVOKE ALL ON SCHEMA "tenant_acme" FROM PUBLIC, "acme_reader", "acme_writer", "gs1_admin", "gs1_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT DISTINCT a.grantee FROM pg_catalog.pg_namespace AS n, pg_catalog.aclexplode(n.nspacl) AS a WHERE n.oid = '"tenant_acme"'::regnamespace AND a.grantee NOT IN (0, n.nspowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %s FROM %I CASCADE', '"tenant_acme"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT USAGE ON SCHEMA "tenant_acme" TO "acme_reader", "acme_writer", "gs1_admin", "gs1_app";

-- tenant_schema (tenant globex)
CREATE SCHEMA IF NOT EXISTS "tenant_globex";
ALTER SCHEMA "tenant_globex" OWNER TO "gs1_owner";
REVOKE ALL ON SCHEMA "tenant_globex" FROM PUBLIC, "globex_reader", "globex_writer", "gs1_admin", "gs1_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT DISTINCT a.grantee FROM pg_catalog.pg_namespace AS n, pg_catalog.aclexplode(n.nspacl) AS a WHERE n.oid = '"tenant_globex"'::regnamespace AND a.grantee NOT IN (0, n.nspowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %s FROM %I CASCADE', '"tenant_globex"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT USAGE ON SCHEMA "tenant_globex" TO "globex_reader", "globex_writer", "gs1_admin", "gs1_app";

-- staging_schema.outreach (tenant acme)
CREATE SCHEMA IF NOT EXISTS "acme_stg_outreach";
ALTER SCHEMA "acme_stg_outreach" OWNER TO "gs1_owner";
REVOKE ALL ON SCHEMA "acme_stg_outreach" FROM PUBLIC, "acme_reader", "acme_writer", "gs1_admin", "gs1_app" CASCADE;
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
GRANT USAGE ON SCHEMA "acme_stg_outreach" TO "acme_reader", "acme_writer", "gs1_admin", "gs1_app";
GRANT USAGE ON SCHEMA "acme_raw_outreach" TO "gs1_owner", "acme_reader", "gs1_admin", "gs1_app";
GRANT SELECT ON TABLE "acme_raw_outreach"."call", "acme_raw_outreach"."call_disposition" TO "gs1_owner", "acme_reader", "gs1_admin", "gs1_app";

-- staging_schema.salesloft (tenant globex)
CREATE SCHEMA IF NOT EXISTS "globex_stg_salesloft";
ALTER SCHEMA "globex_stg_salesloft" OWNER TO "gs1_owner";
REVOKE ALL ON SCHEMA "globex_stg_salesloft" FROM PUBLIC, "globex_reader", "globex_writer", "gs1_admin", "gs1_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT DISTINCT a.grantee FROM pg_catalog.pg_namespace AS n, pg_catalog.aclexplode(n.nspacl) AS a WHERE n.oid = '"globex_stg_salesloft"'::regnamespace AND a.grantee NOT IN (0, n.nspowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %s FROM %I CASCADE', '"globex_stg_salesloft"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT USAGE ON SCHEMA "globex_stg_salesloft" TO "globex_reader", "globex_writer", "gs1_admin", "gs1_app";
GRANT USAGE ON SCHEMA "globex_raw_salesloft" TO "gs1_owner", "globex_reader", "gs1_admin", "gs1_app";
GRANT SELECT ON TABLE "globex_raw_salesloft"."call" TO "gs1_owner", "globex_reader", "gs1_admin", "gs1_app";

-- staging_view.outreach.call (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "acme_raw_outreach"."call" AS "call"
LEFT JOIN "acme_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id;

-- grants.staging_view.outreach.call (tenant acme)
ALTER VIEW "acme_stg_outreach"."call" OWNER TO "gs1_owner";
REVOKE ALL ON TABLE "acme_stg_outreach"."call" FROM PUBLIC, "acme_reader", "acme_writer", "gs1_admin", "gs1_app" CASCADE;
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
GRANT SELECT ON TABLE "acme_stg_outreach"."call" TO "acme_reader";
GRANT SELECT ON TABLE "acme_stg_outreach"."call" TO "gs1_admin";
GRANT SELECT ON TABLE "acme_stg_outreach"."call" TO "gs1_app";

-- staging_view.salesloft.call (tenant globex)
CREATE OR REPLACE VIEW "globex_stg_salesloft"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST("call"."disposition" AS text) AS "call_disposition_name"
FROM "globex_raw_salesloft"."call" AS "call";

-- grants.staging_view.salesloft.call (tenant globex)
ALTER VIEW "globex_stg_salesloft"."call" OWNER TO "gs1_owner";
REVOKE ALL ON TABLE "globex_stg_salesloft"."call" FROM PUBLIC, "globex_reader", "globex_writer", "gs1_admin", "gs1_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"globex_stg_salesloft"."call"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"globex_stg_salesloft"."call"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"globex_stg_salesloft"."call"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "globex_stg_salesloft"."call" TO "globex_reader";
GRANT SELECT ON TABLE "globex_stg_salesloft"."call" TO "gs1_admin";
GRANT SELECT ON TABLE "globex_stg_salesloft"."call" TO "gs1_app";

-- table.note (tenant acme)
CREATE TABLE IF NOT EXISTS "tenant_acme"."note" (
    "id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    "body" text,
    CONSTRAINT "note_pkey" PRIMARY KEY ("id")
);

-- table.note (tenant globex)
CREATE TABLE IF NOT EXISTS "tenant_globex"."note" (
    "id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    "body" text,
    CONSTRAINT "note_pkey" PRIMARY KEY ("id")
);

-- grants.table.note (tenant acme)
ALTER TABLE "tenant_acme"."note" OWNER TO "gs1_owner";
REVOKE ALL ON TABLE "tenant_acme"."note" FROM PUBLIC, "acme_reader", "acme_writer", "gs1_admin", "gs1_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"tenant_acme"."note"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"tenant_acme"."note"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"tenant_acme"."note"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "tenant_acme"."note" TO "acme_reader";
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "tenant_acme"."note" TO "acme_writer";
GRANT SELECT ON TABLE "tenant_acme"."note" TO "gs1_admin";

-- grants.table.note (tenant globex)
ALTER TABLE "tenant_globex"."note" OWNER TO "gs1_owner";
REVOKE ALL ON TABLE "tenant_globex"."note" FROM PUBLIC, "globex_reader", "globex_writer", "gs1_admin", "gs1_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"tenant_globex"."note"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"tenant_globex"."note"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"tenant_globex"."note"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "tenant_globex"."note" TO "globex_reader";
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "tenant_globex"."note" TO "globex_writer";
GRANT SELECT ON TABLE "tenant_globex"."note" TO "gs1_admin";

-- view.note_count (tenant acme)
CREATE OR REPLACE VIEW "tenant_acme"."note_count" WITH (security_invoker = true) AS
SELECT CAST("q"."notes" AS bigint) AS "notes"
FROM (
select count(*) as notes from "tenant_acme"."note"
) AS "q";

-- view.note_count (tenant globex)
CREATE OR REPLACE VIEW "tenant_globex"."note_count" WITH (security_invoker = true) AS
SELECT CAST("q"."notes" AS bigint) AS "notes"
FROM (
select count(*) as notes from "tenant_globex"."note"
) AS "q";

-- grants.view.note_count (tenant acme)
ALTER VIEW "tenant_acme"."note_count" OWNER TO "gs1_owner";
REVOKE ALL ON TABLE "tenant_acme"."note_count" FROM PUBLIC, "acme_reader", "acme_writer", "gs1_admin", "gs1_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"tenant_acme"."note_count"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"tenant_acme"."note_count"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"tenant_acme"."note_count"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "tenant_acme"."note_count" TO "acme_reader";
GRANT SELECT ON TABLE "tenant_acme"."note_count" TO "gs1_admin";

-- grants.view.note_count (tenant globex)
ALTER VIEW "tenant_globex"."note_count" OWNER TO "gs1_owner";
REVOKE ALL ON TABLE "tenant_globex"."note_count" FROM PUBLIC, "globex_reader", "globex_writer", "gs1_admin", "gs1_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"tenant_globex"."note_count"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"tenant_globex"."note_count"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"tenant_globex"."note_count"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "tenant_globex"."note_count" TO "globex_reader";
GRANT SELECT ON TABLE "tenant_globex"."note_count" TO "gs1_admin";

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";
ALTER SCHEMA "canonical" OWNER TO "gs1_owner";
REVOKE ALL ON SCHEMA "canonical" FROM PUBLIC, "gs1_reader", "gs1_writer", "gs1_admin", "gs1_app" CASCADE;
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
GRANT USAGE ON SCHEMA "canonical" TO "gs1_admin", "gs1_app";

-- canonical_view.call
CREATE OR REPLACE VIEW "canonical"."call" WITH (security_invoker = true) AS
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_salesloft"."call";
ALTER VIEW "canonical"."call" OWNER TO "gs1_owner";
REVOKE ALL ON TABLE "canonical"."call" FROM PUBLIC, "gs1_admin", "gs1_app" CASCADE;
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
GRANT SELECT ON TABLE "canonical"."call" TO "gs1_admin";
GRANT SELECT ON TABLE "canonical"."call" TO "gs1_app";

-- canonical_view.note_count
CREATE OR REPLACE VIEW "canonical"."note_count" WITH (security_invoker = true) AS
SELECT "notes", CAST('acme' AS text) AS "tenant_id" FROM "tenant_acme"."note_count"
UNION ALL
SELECT "notes", CAST('globex' AS text) AS "tenant_id" FROM "tenant_globex"."note_count";
ALTER VIEW "canonical"."note_count" OWNER TO "gs1_owner";
REVOKE ALL ON TABLE "canonical"."note_count" FROM PUBLIC, "gs1_admin", "gs1_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"canonical"."note_count"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"canonical"."note_count"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"canonical"."note_count"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "canonical"."note_count" TO "gs1_admin";
