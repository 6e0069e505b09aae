--@ header
CREATE TABLE IF NOT EXISTS "canonical"."call_inc${{tenant}}" PARTITION OF "canonical"."call_inc" FOR VALUES IN ('{{tenant}}');
DELETE FROM "canonical"."call_inc${{tenant}}";
INSERT INTO "canonical"."call_inc${{tenant}}" ("call_id", "user_id", "tenant_id")
--@ branch outreach
SELECT "call_id", "user_id", CAST('{{tenant}}' AS text) AS "tenant_id" FROM "{{tenant}}_stg_outreach"."call_inc"
--@ empty
SELECT CAST(NULL AS bigint) AS "call_id", CAST(NULL AS text) AS "user_id", CAST(NULL AS text) AS "tenant_id" WHERE false
