CREATE SCHEMA IF NOT EXISTS "tenant_{{tenant}}";
ALTER SCHEMA "tenant_{{tenant}}" OWNER TO "scmg_owner";
REVOKE ALL ON SCHEMA "tenant_{{tenant}}" FROM PUBLIC, "scmg_{{tenant}}_reader", "scmg_admin", "scmg_app";
GRANT USAGE ON SCHEMA "tenant_{{tenant}}" TO "scmg_{{tenant}}_reader", "scmg_admin", "scmg_app";
