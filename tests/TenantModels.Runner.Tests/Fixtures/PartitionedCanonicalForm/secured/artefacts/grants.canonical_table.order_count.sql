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
