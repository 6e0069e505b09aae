DO $tm$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_{{tenant}}_reader') THEN
        BEGIN
            CREATE ROLE "scmg_{{tenant}}_reader" NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another apply
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'scmg_{{tenant}}_reader' AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls <> false OR rolinherit <> true)) THEN
        ALTER ROLE "scmg_{{tenant}}_reader" NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END
$tm$;
GRANT "scmg_reader" TO "scmg_{{tenant}}_reader";
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
        WHERE m.rolname IN ('scmg_{{tenant}}_reader')
        AND NOT (m.rolname = 'scmg_{{tenant}}_reader' AND g.rolname = 'scmg_reader')
    LOOP
        EXECUTE pg_catalog.format('REVOKE %I FROM %I', membership.granted, membership.member);
    END LOOP;
END
$tm$;
DELETE FROM "scmg_security"."tenant_role" WHERE "tenant_id" = '{{tenant}}' OR "role_name" IN ('scmg_{{tenant}}_reader');
INSERT INTO "scmg_security"."tenant_role" ("role_name", "tenant_id") VALUES ('scmg_{{tenant}}_reader', '{{tenant}}');
DO $tm$
BEGIN
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I', pg_catalog.current_database(), 'scmg_{{tenant}}_reader');
END
$tm$;
