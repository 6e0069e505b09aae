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
