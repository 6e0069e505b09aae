CREATE SCHEMA IF NOT EXISTS "canonical";
ALTER SCHEMA "canonical" OWNER TO "scmg_owner";
REVOKE ALL ON SCHEMA "canonical" FROM PUBLIC, "scmg_reader", "scmg_admin", "scmg_app";
GRANT USAGE ON SCHEMA "canonical" TO "scmg_reader", "scmg_admin", "scmg_app";
