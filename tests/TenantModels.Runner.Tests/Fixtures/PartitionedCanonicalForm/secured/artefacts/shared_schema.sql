CREATE SCHEMA IF NOT EXISTS "shared";
ALTER SCHEMA "shared" OWNER TO "scmg_owner";
REVOKE ALL ON SCHEMA "shared" FROM PUBLIC, "scmg_reader", "scmg_admin", "scmg_app";
GRANT USAGE ON SCHEMA "shared" TO "scmg_reader", "scmg_admin", "scmg_app";
