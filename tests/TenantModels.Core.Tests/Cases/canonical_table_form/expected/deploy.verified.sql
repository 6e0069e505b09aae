-- TenantModels deploy script for canonical_table_form 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- security.roles
-- Cluster-wide roles: created once, attributes enforced on every apply. None can log in; logins are members created by the runner.
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ctf_owner') THEN
        BEGIN
            CREATE ROLE "ctf_owner" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ctf_owner' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "ctf_owner" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ctf_admin') THEN
        BEGIN
            CREATE ROLE "ctf_admin" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ctf_admin' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> true OR rolinherit <> true)) THEN
        ALTER ROLE "ctf_admin" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION BYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ctf_app') THEN
        BEGIN
            CREATE ROLE "ctf_app" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ctf_app' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> false)) THEN
        ALTER ROLE "ctf_app" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS NOINHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ctf_reader') THEN
        BEGIN
            CREATE ROLE "ctf_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ctf_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "ctf_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ctf_writer') THEN
        BEGIN
            CREATE ROLE "ctf_writer" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ctf_writer' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "ctf_writer" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
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
        WHERE m.rolname IN ('ctf_owner', 'ctf_admin', 'ctf_app', 'ctf_reader', 'ctf_writer')
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
-- PUBLIC gets nothing in this database: no CONNECT, no TEMP, no CREATE in schema public.
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM PUBLIC', pg_catalog.current_database());
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'ctf_admin', 'ctf_app');
    IF EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = 'public') THEN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    END IF;
END
$tm$;
ALTER DEFAULT PRIVILEGES FOR ROLE "ctf_owner" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
-- The role -> tenant registry: owned by the NOLOGIN owner, invisible to everyone else, read only through tenant_of.
CREATE SCHEMA IF NOT EXISTS "ctf_security";
ALTER SCHEMA "ctf_security" OWNER TO "ctf_owner";
REVOKE ALL ON SCHEMA "ctf_security" FROM PUBLIC;
GRANT USAGE ON SCHEMA "ctf_security" TO "ctf_reader", "ctf_writer";
CREATE TABLE IF NOT EXISTS "ctf_security"."tenant_role" (
    "role_name" name PRIMARY KEY,
    "tenant_id" text NOT NULL
);
ALTER TABLE "ctf_security"."tenant_role" OWNER TO "ctf_owner";
REVOKE ALL ON TABLE "ctf_security"."tenant_role" FROM PUBLIC;
-- The tenant of a role: the one tenant whose roles it can use; none or several -> NULL, which matches no row.
CREATE OR REPLACE FUNCTION "ctf_security"."tenant_of"(member name) RETURNS text
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
        FROM up JOIN "ctf_security"."tenant_role" AS m ON m."role_name" = pg_catalog.pg_get_userbyid(up.oid)
        WHERE pg_catalog.pg_has_role(member, up.oid, 'USAGE'));
END
$tm$;
ALTER FUNCTION "ctf_security"."tenant_of"(name) OWNER TO "ctf_owner";
REVOKE ALL ON FUNCTION "ctf_security"."tenant_of"(name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "ctf_security"."tenant_of"(name) TO "ctf_reader", "ctf_writer";
-- What the policies call: the tenant of CURRENT_USER. Not a definer (CURRENT_USER is the caller here), no argument:
-- PostgreSQL turns (SELECT current_tenant()) into one init-plan whose value the tenant index can use, which
-- (SELECT tenant_of(CURRENT_USER)) in a policy is not (docs/performance.md).
CREATE OR REPLACE FUNCTION "ctf_security"."current_tenant"() RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $tm$
BEGIN RETURN "ctf_security"."tenant_of"(CURRENT_USER); END
$tm$;
ALTER FUNCTION "ctf_security"."current_tenant"() OWNER TO "ctf_owner";
REVOKE ALL ON FUNCTION "ctf_security"."current_tenant"() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "ctf_security"."current_tenant"() TO "ctf_reader", "ctf_writer";

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
GRANT "ctf_reader" TO "acme_reader";
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
GRANT "ctf_writer" TO "acme_writer";
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
        AND NOT (m.rolname = 'acme_reader' AND g.rolname = 'ctf_reader')
        AND NOT (m.rolname = 'acme_writer' AND g.rolname = 'ctf_writer')
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
DELETE FROM "ctf_security"."tenant_role" WHERE "tenant_id" = 'acme' OR "role_name" IN ('acme_reader', 'acme_writer');
INSERT INTO "ctf_security"."tenant_role" ("role_name", "tenant_id") VALUES ('acme_reader', 'acme'), ('acme_writer', 'acme');
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
GRANT "ctf_reader" TO "globex_reader";
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
GRANT "ctf_writer" TO "globex_writer";
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
        AND NOT (m.rolname = 'globex_reader' AND g.rolname = 'ctf_reader')
        AND NOT (m.rolname = 'globex_writer' AND g.rolname = 'ctf_writer')
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
DELETE FROM "ctf_security"."tenant_role" WHERE "tenant_id" = 'globex' OR "role_name" IN ('globex_reader', 'globex_writer');
INSERT INTO "ctf_security"."tenant_role" ("role_name", "tenant_id") VALUES ('globex_reader', 'globex'), ('globex_writer', 'globex');
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'globex_reader', 'globex_writer');
END
$tm$;

-- security.tenant_roles (tenant initech)
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'initech_reader') THEN
        BEGIN
            CREATE ROLE "initech_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'initech_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "initech_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "ctf_reader" TO "initech_reader";
DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'initech_writer') THEN
        BEGIN
            CREATE ROLE "initech_writer" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'initech_writer' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "initech_writer" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "ctf_writer" TO "initech_writer";
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
        WHERE m.rolname IN ('initech_reader', 'initech_writer')
        AND NOT (m.rolname = 'initech_reader' AND g.rolname = 'ctf_reader')
        AND NOT (m.rolname = 'initech_writer' AND g.rolname = 'ctf_writer')
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
        WHERE g.rolname IN ('initech_reader', 'initech_writer') AND NOT m.rolcanlogin
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
DELETE FROM "ctf_security"."tenant_role" WHERE "tenant_id" = 'initech' OR "role_name" IN ('initech_reader', 'initech_writer');
INSERT INTO "ctf_security"."tenant_role" ("role_name", "tenant_id") VALUES ('initech_reader', 'initech'), ('initech_writer', 'initech');
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I, %I', pg_catalog.current_database(), 'initech_reader', 'initech_writer');
END
$tm$;

-- staging_schema.outreach (tenant acme)
CREATE SCHEMA IF NOT EXISTS "acme_stg_outreach";
ALTER SCHEMA "acme_stg_outreach" OWNER TO "ctf_owner";
REVOKE ALL ON SCHEMA "acme_stg_outreach" FROM PUBLIC, "acme_reader", "acme_writer", "ctf_admin", "ctf_app" CASCADE;
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
GRANT USAGE ON SCHEMA "acme_stg_outreach" TO "acme_reader", "acme_writer", "ctf_admin", "ctf_app";
GRANT USAGE ON SCHEMA "acme_raw_outreach" TO "ctf_owner", "acme_reader", "ctf_admin";
GRANT SELECT ON TABLE "acme_raw_outreach"."call", "acme_raw_outreach"."call_disposition" TO "ctf_owner", "acme_reader", "ctf_admin";

-- staging_schema.outreach (tenant initech)
CREATE SCHEMA IF NOT EXISTS "initech_stg_outreach";
ALTER SCHEMA "initech_stg_outreach" OWNER TO "ctf_owner";
REVOKE ALL ON SCHEMA "initech_stg_outreach" FROM PUBLIC, "initech_reader", "initech_writer", "ctf_admin", "ctf_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT DISTINCT a.grantee FROM pg_catalog.pg_namespace AS n, pg_catalog.aclexplode(n.nspacl) AS a WHERE n.oid = '"initech_stg_outreach"'::regnamespace AND a.grantee NOT IN (0, n.nspowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %s FROM %I CASCADE', '"initech_stg_outreach"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT USAGE ON SCHEMA "initech_stg_outreach" TO "initech_reader", "initech_writer", "ctf_admin", "ctf_app";
GRANT USAGE ON SCHEMA "initech_raw_outreach" TO "ctf_owner", "initech_reader", "ctf_admin";
GRANT SELECT ON TABLE "initech_raw_outreach"."call", "initech_raw_outreach"."call_disposition" TO "ctf_owner", "initech_reader", "ctf_admin";

-- staging_schema.salesloft (tenant globex)
CREATE SCHEMA IF NOT EXISTS "globex_stg_salesloft";
ALTER SCHEMA "globex_stg_salesloft" OWNER TO "ctf_owner";
REVOKE ALL ON SCHEMA "globex_stg_salesloft" FROM PUBLIC, "globex_reader", "globex_writer", "ctf_admin", "ctf_app" CASCADE;
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
GRANT USAGE ON SCHEMA "globex_stg_salesloft" TO "globex_reader", "globex_writer", "ctf_admin", "ctf_app";
GRANT USAGE ON SCHEMA "globex_raw_salesloft" TO "ctf_owner", "globex_reader", "ctf_admin";
GRANT SELECT ON TABLE "globex_raw_salesloft"."call" TO "ctf_owner", "globex_reader", "ctf_admin";

-- staging_schema.salesloft (tenant initech)
CREATE SCHEMA IF NOT EXISTS "initech_stg_salesloft";
ALTER SCHEMA "initech_stg_salesloft" OWNER TO "ctf_owner";
REVOKE ALL ON SCHEMA "initech_stg_salesloft" FROM PUBLIC, "initech_reader", "initech_writer", "ctf_admin", "ctf_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT DISTINCT a.grantee FROM pg_catalog.pg_namespace AS n, pg_catalog.aclexplode(n.nspacl) AS a WHERE n.oid = '"initech_stg_salesloft"'::regnamespace AND a.grantee NOT IN (0, n.nspowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %s FROM %I CASCADE', '"initech_stg_salesloft"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT USAGE ON SCHEMA "initech_stg_salesloft" TO "initech_reader", "initech_writer", "ctf_admin", "ctf_app";
GRANT USAGE ON SCHEMA "initech_raw_salesloft" TO "ctf_owner", "initech_reader", "ctf_admin";
GRANT SELECT ON TABLE "initech_raw_salesloft"."call" TO "ctf_owner", "initech_reader", "ctf_admin";

-- staging_view.outreach.call (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "acme_raw_outreach"."call" AS "call"
LEFT JOIN "acme_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id;

-- staging_view.outreach.call (tenant initech)
CREATE OR REPLACE VIEW "initech_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "initech_raw_outreach"."call" AS "call"
LEFT JOIN "initech_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id;

-- grants.staging_view.outreach.call (tenant acme)
ALTER VIEW "acme_stg_outreach"."call" OWNER TO "ctf_owner";
REVOKE ALL ON TABLE "acme_stg_outreach"."call" FROM PUBLIC, "acme_reader", "acme_writer", "ctf_admin", "ctf_app" CASCADE;
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
GRANT SELECT ON TABLE "acme_stg_outreach"."call" TO "ctf_admin";

-- grants.staging_view.outreach.call (tenant initech)
ALTER VIEW "initech_stg_outreach"."call" OWNER TO "ctf_owner";
REVOKE ALL ON TABLE "initech_stg_outreach"."call" FROM PUBLIC, "initech_reader", "initech_writer", "ctf_admin", "ctf_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"initech_stg_outreach"."call"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"initech_stg_outreach"."call"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"initech_stg_outreach"."call"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "initech_stg_outreach"."call" TO "initech_reader";
GRANT SELECT ON TABLE "initech_stg_outreach"."call" TO "ctf_admin";

-- staging_view.salesloft.call (tenant globex)
CREATE OR REPLACE VIEW "globex_stg_salesloft"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST("call"."disposition" AS text) AS "call_disposition_name"
FROM "globex_raw_salesloft"."call" AS "call";

-- staging_view.salesloft.call (tenant initech)
CREATE OR REPLACE VIEW "initech_stg_salesloft"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST("call"."disposition" AS text) AS "call_disposition_name"
FROM "initech_raw_salesloft"."call" AS "call";

-- grants.staging_view.salesloft.call (tenant globex)
ALTER VIEW "globex_stg_salesloft"."call" OWNER TO "ctf_owner";
REVOKE ALL ON TABLE "globex_stg_salesloft"."call" FROM PUBLIC, "globex_reader", "globex_writer", "ctf_admin", "ctf_app" CASCADE;
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
GRANT SELECT ON TABLE "globex_stg_salesloft"."call" TO "ctf_admin";

-- grants.staging_view.salesloft.call (tenant initech)
ALTER VIEW "initech_stg_salesloft"."call" OWNER TO "ctf_owner";
REVOKE ALL ON TABLE "initech_stg_salesloft"."call" FROM PUBLIC, "initech_reader", "initech_writer", "ctf_admin", "ctf_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"initech_stg_salesloft"."call"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"initech_stg_salesloft"."call"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"initech_stg_salesloft"."call"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
GRANT SELECT ON TABLE "initech_stg_salesloft"."call" TO "initech_reader";
GRANT SELECT ON TABLE "initech_stg_salesloft"."call" TO "ctf_admin";

-- staging_view.outreach.outreach_user (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_outreach"."outreach_user" WITH (security_invoker = true) AS
SELECT
    CAST("call"."relationship_user_id" AS text) AS "user_id"
FROM "acme_raw_outreach"."call" AS "call";

-- staging_view.outreach.outreach_user (tenant initech)
CREATE OR REPLACE VIEW "initech_stg_outreach"."outreach_user" WITH (security_invoker = true) AS
SELECT
    CAST("call"."relationship_user_id" AS text) AS "user_id"
FROM "initech_raw_outreach"."call" AS "call";

-- grants.staging_view.outreach.outreach_user (tenant acme)
ALTER VIEW "acme_stg_outreach"."outreach_user" OWNER TO "ctf_owner";
REVOKE ALL ON TABLE "acme_stg_outreach"."outreach_user" FROM PUBLIC, "acme_reader", "acme_writer", "ctf_admin", "ctf_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"acme_stg_outreach"."outreach_user"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"acme_stg_outreach"."outreach_user"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"acme_stg_outreach"."outreach_user"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;

-- grants.staging_view.outreach.outreach_user (tenant initech)
ALTER VIEW "initech_stg_outreach"."outreach_user" OWNER TO "ctf_owner";
REVOKE ALL ON TABLE "initech_stg_outreach"."outreach_user" FROM PUBLIC, "initech_reader", "initech_writer", "ctf_admin", "ctf_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"initech_stg_outreach"."outreach_user"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"initech_stg_outreach"."outreach_user"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"initech_stg_outreach"."outreach_user"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";
ALTER SCHEMA "canonical" OWNER TO "ctf_owner";
REVOKE ALL ON SCHEMA "canonical" FROM PUBLIC, "ctf_reader", "ctf_writer", "ctf_admin", "ctf_app" CASCADE;
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
GRANT USAGE ON SCHEMA "canonical" TO "ctf_reader", "ctf_writer", "ctf_admin", "ctf_app";

-- canonical_table.call
CREATE TABLE IF NOT EXISTS "canonical"."call" (
    "call_id" bigint,
    "call_created_at" timestamp,
    "user_id" text,
    "call_disposition_name" text,
    "tenant_id" text NOT NULL
);
CREATE INDEX IF NOT EXISTS "call_tenant_id_call_created_at_idx" ON "canonical"."call" ("tenant_id", "call_created_at");
CREATE INDEX IF NOT EXISTS "call_call_created_at_idx" ON "canonical"."call" ("call_created_at");
CREATE UNIQUE INDEX IF NOT EXISTS "call_tenant_id_call_id_idx" ON "canonical"."call" ("tenant_id", "call_id");

-- grants.canonical_table.call
-- One table holds every tenant's rows: these policies alone keep a tenant's roles to the tenant's own rows.
ALTER TABLE "canonical"."call" OWNER TO "ctf_owner";
REVOKE ALL ON TABLE "canonical"."call" FROM PUBLIC, "ctf_reader", "ctf_writer", "ctf_admin", "ctf_app" CASCADE;
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
GRANT SELECT ON TABLE "canonical"."call" TO "ctf_reader";
GRANT SELECT ON TABLE "canonical"."call" TO "ctf_admin";
-- Row-level security: the owner too (FORCE); only the admin role bypasses it (BYPASSRLS).
ALTER TABLE "canonical"."call" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "canonical"."call" FORCE ROW LEVEL SECURITY;
-- Policies nobody declared (a permissive TO PUBLIC one would OR in every row) are dropped.
DO $tm$
DECLARE
    policy record;
BEGIN
    FOR policy IN SELECT p.polname FROM pg_catalog.pg_policy AS p
        WHERE p.polrelid = '"canonical"."call"'::regclass AND p.polname NOT IN ('tm_tenant', 'tm_tenant_guard', 'tm_app', 'tm_app_guard')
    LOOP
        EXECUTE pg_catalog.format('DROP POLICY %I ON %I.%I', policy.polname, 'canonical', 'call');
    END LOOP;
END
$tm$;
DROP POLICY IF EXISTS "tm_tenant" ON "canonical"."call";
CREATE POLICY "tm_tenant" ON "canonical"."call" AS PERMISSIVE FOR ALL TO "ctf_reader", "ctf_writer" USING ("tenant_id" = (SELECT "ctf_security"."current_tenant"())) WITH CHECK ("tenant_id" = (SELECT "ctf_security"."current_tenant"()));
DROP POLICY IF EXISTS "tm_tenant_guard" ON "canonical"."call";
CREATE POLICY "tm_tenant_guard" ON "canonical"."call" AS RESTRICTIVE FOR ALL TO "ctf_reader", "ctf_writer" USING ("tenant_id" = (SELECT "ctf_security"."current_tenant"())) WITH CHECK ("tenant_id" = (SELECT "ctf_security"."current_tenant"()));
DROP POLICY IF EXISTS "tm_app" ON "canonical"."call";
CREATE POLICY "tm_app" ON "canonical"."call" AS PERMISSIVE FOR ALL TO "ctf_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));
DROP POLICY IF EXISTS "tm_app_guard" ON "canonical"."call";
CREATE POLICY "tm_app_guard" ON "canonical"."call" AS RESTRICTIVE FOR ALL TO "ctf_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));

-- canonical_partition.call (tenant acme)
DELETE FROM "canonical"."call" WHERE "tenant_id" = 'acme';
INSERT INTO "canonical"."call" ("call_id", "call_created_at", "user_id", "call_disposition_name", "tenant_id")
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call";

-- canonical_partition.call (tenant globex)
DELETE FROM "canonical"."call" WHERE "tenant_id" = 'globex';
INSERT INTO "canonical"."call" ("call_id", "call_created_at", "user_id", "call_disposition_name", "tenant_id")
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_salesloft"."call";

-- canonical_partition.call (tenant initech)
DELETE FROM "canonical"."call" WHERE "tenant_id" = 'initech';
INSERT INTO "canonical"."call" ("call_id", "call_created_at", "user_id", "call_disposition_name", "tenant_id")
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('initech' AS text) AS "tenant_id" FROM "initech_stg_outreach"."call"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('initech' AS text) AS "tenant_id" FROM "initech_stg_salesloft"."call";

-- canonical_table.outreach_user
CREATE TABLE IF NOT EXISTS "canonical"."outreach_user" (
    "user_id" text,
    "tenant_id" text NOT NULL
);
CREATE INDEX IF NOT EXISTS "outreach_user_tenant_id_idx" ON "canonical"."outreach_user" ("tenant_id");

-- grants.canonical_table.outreach_user
-- One table holds every tenant's rows: these policies alone keep a tenant's roles to the tenant's own rows.
ALTER TABLE "canonical"."outreach_user" OWNER TO "ctf_owner";
REVOKE ALL ON TABLE "canonical"."outreach_user" FROM PUBLIC, "ctf_reader", "ctf_writer", "ctf_admin", "ctf_app" CASCADE;
-- Any other role holding a privilege (another tenant's role, one granted by hand) loses it too.
DO $tm$
DECLARE
    holder record;
BEGIN
    FOR holder IN SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS a WHERE c.oid = '"canonical"."outreach_user"'::regclass AND a.grantee NOT IN (0, c.relowner) UNION SELECT a.grantee FROM pg_catalog.pg_class AS c, pg_catalog.pg_attribute AS t, pg_catalog.aclexplode(t.attacl) AS a WHERE c.oid = '"canonical"."outreach_user"'::regclass AND t.attrelid = c.oid AND a.grantee NOT IN (0, c.relowner) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM %I CASCADE', '"canonical"."outreach_user"', pg_catalog.pg_get_userbyid(holder.grantee));
    END LOOP;
END
$tm$;
-- Row-level security: the owner too (FORCE); only the admin role bypasses it (BYPASSRLS).
ALTER TABLE "canonical"."outreach_user" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "canonical"."outreach_user" FORCE ROW LEVEL SECURITY;
-- Policies nobody declared (a permissive TO PUBLIC one would OR in every row) are dropped.
DO $tm$
DECLARE
    policy record;
BEGIN
    FOR policy IN SELECT p.polname FROM pg_catalog.pg_policy AS p
        WHERE p.polrelid = '"canonical"."outreach_user"'::regclass AND p.polname NOT IN ('tm_tenant', 'tm_tenant_guard', 'tm_app', 'tm_app_guard')
    LOOP
        EXECUTE pg_catalog.format('DROP POLICY %I ON %I.%I', policy.polname, 'canonical', 'outreach_user');
    END LOOP;
END
$tm$;
DROP POLICY IF EXISTS "tm_tenant" ON "canonical"."outreach_user";
CREATE POLICY "tm_tenant" ON "canonical"."outreach_user" AS PERMISSIVE FOR ALL TO "ctf_reader", "ctf_writer" USING ("tenant_id" = (SELECT "ctf_security"."current_tenant"())) WITH CHECK ("tenant_id" = (SELECT "ctf_security"."current_tenant"()));
DROP POLICY IF EXISTS "tm_tenant_guard" ON "canonical"."outreach_user";
CREATE POLICY "tm_tenant_guard" ON "canonical"."outreach_user" AS RESTRICTIVE FOR ALL TO "ctf_reader", "ctf_writer" USING ("tenant_id" = (SELECT "ctf_security"."current_tenant"())) WITH CHECK ("tenant_id" = (SELECT "ctf_security"."current_tenant"()));
DROP POLICY IF EXISTS "tm_app" ON "canonical"."outreach_user";
CREATE POLICY "tm_app" ON "canonical"."outreach_user" AS PERMISSIVE FOR ALL TO "ctf_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));
DROP POLICY IF EXISTS "tm_app_guard" ON "canonical"."outreach_user";
CREATE POLICY "tm_app_guard" ON "canonical"."outreach_user" AS RESTRICTIVE FOR ALL TO "ctf_app" USING ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), '')) WITH CHECK ("tenant_id" = NULLIF(pg_catalog.current_setting('tenantmodels.tenant', true), ''));

-- canonical_partition.outreach_user (tenant acme)
DELETE FROM "canonical"."outreach_user" WHERE "tenant_id" = 'acme';
INSERT INTO "canonical"."outreach_user" ("user_id", "tenant_id")
SELECT "user_id", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."outreach_user";

-- canonical_partition.outreach_user (tenant initech)
DELETE FROM "canonical"."outreach_user" WHERE "tenant_id" = 'initech';
INSERT INTO "canonical"."outreach_user" ("user_id", "tenant_id")
SELECT "user_id", CAST('initech' AS text) AS "tenant_id" FROM "initech_stg_outreach"."outreach_user";
