--@ header
CREATE OR REPLACE VIEW "canonical"."call_v" WITH (security_invoker = true) AS
--@ branch outreach
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('{{tenant}}' AS text) AS "tenant_id" FROM "{{tenant}}_stg_outreach"."call_v"
--@ branch salesloft
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('{{tenant}}' AS text) AS "tenant_id" FROM "{{tenant}}_stg_salesloft"."call_v"
--@ empty
SELECT CAST(NULL AS bigint) AS "call_id", CAST(NULL AS timestamp) AS "call_created_at", CAST(NULL AS text) AS "user_id", CAST(NULL AS text) AS "call_disposition_name", CAST(NULL AS text) AS "tenant_id" WHERE false
