--@ header
CREATE TABLE IF NOT EXISTS "canonical"."call${{tenant}}" PARTITION OF "canonical"."call" FOR VALUES IN ('{{tenant}}');
DELETE FROM "canonical"."call${{tenant}}";
INSERT INTO "canonical"."call${{tenant}}" ("call_id", "call_created_at", "user_id", "call_disposition_name", "tenant_id")
--@ branch outreach
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('{{tenant}}' AS text) AS "tenant_id" FROM "{{tenant}}_stg_outreach"."call"
--@ branch salesloft
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('{{tenant}}' AS text) AS "tenant_id" FROM "{{tenant}}_stg_salesloft"."call"
--@ empty
SELECT CAST(NULL AS bigint) AS "call_id", CAST(NULL AS timestamp) AS "call_created_at", CAST(NULL AS text) AS "user_id", CAST(NULL AS text) AS "call_disposition_name", CAST(NULL AS text) AS "tenant_id" WHERE false
